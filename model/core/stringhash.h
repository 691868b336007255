#pragma once

#include <QString>

#include <cstdint>
#include <cstring>

namespace ms {

/// A hash for the short strings used as keys on hot paths (object labels
/// such as `u42`, the names the event log interns such as `flush`). Qt
/// 6.4's qHash(QString) takes its AES path for keys under 16 bytes on
/// x86-64, which costs about 100 ns a key on these machines and slows the
/// code after it; this one mixes four UTF-16 units at a time.
struct StringHash
{
    size_t operator()(const QString &s) const noexcept
    {
        // constData(), not utf16(): utf16() copies a literal to add its terminator
        const auto *p = reinterpret_cast<const ushort *>(s.constData());
        qsizetype n = s.size();
        std::uint64_t h = 0x9e3779b97f4a7c15ull ^ std::uint64_t(n);
        for (; n >= 4; n -= 4, p += 4) {
            std::uint64_t k;
            std::memcpy(&k, p, sizeof k);
            h = (h ^ k) * 0xbf58476d1ce4e5b9ull;
            h ^= h >> 31;
        }
        for (; n > 0; --n, ++p)
            h = (h ^ std::uint64_t(*p)) * 0x94d049bb133111ebull;
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9ull;
        h ^= h >> 32;
        return size_t(h);
    }
};

} // namespace ms
