#include "valuestore.h"

#include "core/objectref.h"

#include <QDate>

#include <cstring>

namespace ms {

enum ValueStore::Tag : quint8 {
    Invalid, ///< QVariant()
    Nullptr, ///< QVariant::fromValue(nullptr): None
    False,
    True,
    Int32, ///< zigzag varint
    Int64, ///< zigzag varint
    Double, ///< 8 bytes
    Latin1, ///< varint length, one byte per character
    Utf16, ///< varint length, two bytes per character
    Interned, ///< varint string id
    List, ///< varint count, values
    Map, ///< varint count, (varint key id, value) pairs
    StringList, ///< varint count, strings (Latin1 or Utf16)
    Ref, ///< varint object id
    Date, ///< zigzag varint Julian day
    Statement, ///< varint sql id, List params, varint source id, float ms, flags, 4-byte rows /
               ///< error
};

namespace {
quint64 zigzag(qint64 v)
{
    return (quint64(v) << 1) ^ quint64(v >> 63);
}
qint64 unzigzag(quint64 v)
{
    return qint64(v >> 1) ^ -qint64(v & 1);
}
} // namespace

/// Reads an encoded value without ever passing @p end: a handle kept from
/// before a clear() decodes to something wrong, never to a crash.
struct ValueStore::Reader
{
    const uchar *p;
    const uchar *end;

    qsizetype left() const { return end - p; }
    quint8 byte() { return p < end ? *p++ : quint8(0); }
    quint64 varint()
    {
        quint64 v = 0;
        for (int shift = 0; p < end && shift < 64; shift += 7) {
            const uchar b = *p++;
            v |= quint64(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        return v;
    }
    /// A count of items of at least one byte each, no more than are left.
    qsizetype count() { return qsizetype(qMin<quint64>(varint(), quint64(left()))); }
    template<typename T> T raw()
    {
        T v {};
        if (left() >= qsizetype(sizeof v)) {
            std::memcpy(&v, p, sizeof v);
            p += sizeof v;
        } else {
            p = end;
        }
        return v;
    }
};

ValueStore::ValueStore()
{
    clear();
}

ValueStore::~ValueStore() = default;

void ValueStore::clear()
{
    if (m_pages.empty() || !m_pages.front().data()) {
        m_pages.clear();
        m_pages.emplace_back(kPageSize);
    }
    m_pages.resize(1);
    m_pageFallback.assign(1, 0);
    m_freedPages = 0;
    m_used = 1; // handle 0 means "no value"
    m_strings.clear();
    m_stringIds.clear();
    m_stringBytes = 0;
    m_fallback.clear();
    m_fallbackBase = 0;
    m_fallbackBytes = 0;
}

namespace {
qsizetype fallbackBytes(const QVariant &v)
{
    return v.typeId() == QMetaType::QString ? 2 * v.toString().size() + 16 : 0;
}
} // namespace

ValueStore::Mark ValueStore::mark() const
{
    // The last value added may have been encoded (and its whole values kept)
    // before the last page was made for it, but not before the page ahead of
    // that one: the mark is one page back.
    const quint32 page = m_pages.size() >= 2 ? quint32(m_pages.size() - 2) : 0;
    return Mark {page, m_pageFallback[page]};
}

void ValueStore::dropBefore(Mark mark)
{
    // The last page is never freed: values go on being added to it.
    const size_t end = std::min<size_t>(mark.page, m_pages.size() - 1);
    for (; m_freedPages < end; ++m_freedPages)
        m_pages[m_freedPages] = Pages();
    const qsizetype drop = std::min(mark.fallback - m_fallbackBase, m_fallback.size());
    if (drop > 0) {
        for (qsizetype i = 0; i < drop; ++i)
            m_fallbackBytes -= fallbackBytes(m_fallback.at(i));
        m_fallback.remove(0, drop);
        m_fallbackBase += drop;
    }
}

qsizetype ValueStore::memoryBytes() const
{
    // A QHash entry: its key, its value and about a span's worth of bookkeeping.
    const qsizetype hashEntry = qsizetype(sizeof(QString) + sizeof(quint32) + 16);
    return qsizetype(m_pages.size() - m_freedPages) * kPageSize
        + qsizetype(m_pages.capacity() * sizeof(Pages) + m_pageFallback.capacity() * sizeof(qsizetype))
        + m_strings.capacity() * qsizetype(sizeof(QString))
        + m_stringBytes + m_stringIds.size() * hashEntry
        + m_fallback.capacity() * qsizetype(sizeof(QVariant)) + m_fallbackBytes
        + qsizetype(m_scratch.capacity());
}

void ValueStore::putVarint(quint64 v)
{
    while (v >= 0x80) {
        m_scratch.push_back(char(v | 0x80));
        v >>= 7;
    }
    m_scratch.push_back(char(v));
}

quint32 ValueStore::intern(const QString &s)
{
    // The same data as a string kept here is the same text: m_strings holds
    // a reference to it, so it cannot have been freed and reused.
    for (const quint32 id : m_recent) {
        if (id < quint32(m_strings.size())) {
            const QString &kept = m_strings.at(id);
            if (kept.constData() == s.constData() && kept.size() == s.size() && !s.isEmpty())
                return id;
        }
    }
    const auto remember = [this](quint32 id) {
        m_recent[m_recentNext] = id;
        m_recentNext = (m_recentNext + 1) % m_recent.size();
        return id;
    };
    const auto it = m_stringIds.find(s);
    if (it != m_stringIds.end())
        return remember(it->second);
    const quint32 id = quint32(m_strings.size());
    m_strings.append(s);
    m_stringIds.emplace(s, id);
    remember(id);
    m_stringBytes += 2 * (s.size() + 1) + 16;
    return id;
}

void ValueStore::encodeString(const QString &s)
{
    const auto *c = reinterpret_cast<const ushort *>(s.constData()); // (utf16() would copy a literal)
    const qsizetype n = s.size();
    const size_t start = m_scratch.size();
    m_scratch.push_back(char(Latin1));
    putVarint(quint64(n));
    // written in place, not pushed a character at a time
    const size_t at = m_scratch.size();
    m_scratch.resize(at + size_t(n));
    char *out = m_scratch.data() + at;
    for (qsizetype i = 0; i < n; ++i) {
        if (c[i] > 0xff) {
            m_scratch.resize(start);
            m_scratch.push_back(char(Utf16));
            putVarint(quint64(n));
            m_scratch.append(reinterpret_cast<const char *>(c), size_t(n) * 2);
            return;
        }
        out[i] = char(c[i]);
    }
}

void ValueStore::encodeInterned(const QString &s)
{
    m_scratch.push_back(char(Interned));
    putVarint(intern(s));
}

void ValueStore::encode(const QVariant &v)
{
    if (!v.isValid()) {
        m_scratch.push_back(char(Invalid));
        return;
    }
    const int type = v.typeId();
    if (type == QMetaType::Nullptr) {
        m_scratch.push_back(char(Nullptr));
        return;
    }
    // A typed null (a NULL column read as QString, say) keeps its type: as is.
    if (!v.isNull()) {
        switch (type) {
        case QMetaType::Bool:
            m_scratch.push_back(char(v.toBool() ? True : False));
            return;
        case QMetaType::Int:
            m_scratch.push_back(char(Int32));
            putVarint(zigzag(v.toInt()));
            return;
        case QMetaType::LongLong:
            m_scratch.push_back(char(Int64));
            putVarint(zigzag(v.toLongLong()));
            return;
        case QMetaType::Double: {
            m_scratch.push_back(char(Double));
            const double d = v.toDouble();
            m_scratch.append(reinterpret_cast<const char *>(&d), sizeof d);
            return;
        }
        case QMetaType::QString:
            encodeString(*static_cast<const QString *>(v.constData()));
            return;
        case QMetaType::QDate:
            m_scratch.push_back(char(Date));
            putVarint(zigzag(v.toDate().toJulianDay()));
            return;
        case QMetaType::QStringList: {
            const QStringList &list = *static_cast<const QStringList *>(v.constData());
            m_scratch.push_back(char(StringList));
            putVarint(quint64(list.size()));
            for (const QString &s : list)
                encodeString(s);
            return;
        }
        case QMetaType::QVariantList: {
            const QVariantList &list = *static_cast<const QVariantList *>(v.constData());
            m_scratch.push_back(char(List));
            putVarint(quint64(list.size()));
            for (const QVariant &item : list)
                encode(item);
            return;
        }
        case QMetaType::QVariantMap: {
            const QVariantMap &map = *static_cast<const QVariantMap *>(v.constData());
            m_scratch.push_back(char(Map));
            putVarint(quint64(map.size()));
            for (auto it = map.cbegin(); it != map.cend(); ++it) {
                putVarint(intern(it.key()));
                encode(it.value());
            }
            return;
        }
        default:
            if (v.metaType() == QMetaType::fromType<ObjectRef>()) {
                m_scratch.push_back(char(Ref));
                putVarint(static_cast<const ObjectRef *>(v.constData())->id);
                return;
            }
            break;
        }
    }
    // Anything else stays a QVariant: a one-byte marker that cannot start a
    // value, then its index.
    m_scratch.push_back(char(0xff));
    putVarint(quint64(m_fallbackBase + m_fallback.size()));
    m_fallback.append(v);
    m_fallbackBytes += fallbackBytes(v);
}

quint32 ValueStore::keepWhole(int values)
{
    // One QVariant per value, at consecutive indexes.
    const uchar *start = reinterpret_cast<const uchar *>(m_scratch.data());
    Reader r {start, start + m_scratch.size()};
    const quint32 first = quint32(m_fallbackBase + m_fallback.size());
    for (int i = 0; i < values; ++i)
        m_fallback.append(decode(r));
    m_scratch.clear();
    return kFallbackBit | first;
}

quint32 ValueStore::commit(int values)
{
    const size_t n = m_scratch.size();
    if (n > kPageSize / 2) {
        // Too big for a page: kept whole, as a QVariant decoded once.
        return keepWhole(values);
    }
    if (m_used + n > kPageSize) {
        if ((m_pages.size() << kPageBits) >= kFallbackBit) {
            // Two gigabytes of values: the rest go beside the pages.
            return keepWhole(values);
        }
        m_pages.emplace_back(kPageSize);
        m_pageFallback.push_back(m_fallbackBase + m_fallback.size());
        m_used = 0;
    }
    std::memcpy(m_pages.back().data() + m_used, m_scratch.data(), n);
    const quint32 handle = quint32((m_pages.size() - 1) << kPageBits) | m_used;
    m_used += quint32(n);
    m_scratch.clear();
    return handle;
}

quint32 ValueStore::add(const QVariant &value)
{
    m_scratch.clear();
    encode(value);
    return commit(1);
}

quint32 ValueStore::addPair(const QVariant &first, const QVariant &second)
{
    m_scratch.clear();
    encode(first);
    encode(second);
    return commit(2);
}

StatementCause ValueStore::readCause(Reader &r)
{
    StatementCause c;
    const quint8 kind = r.byte();
    if (kind == 0 || kind > quint8(StatementCause::Kind::Last))
        return c;
    c.kind = StatementCause::Kind(kind);
    c.objectId = quint32(r.varint());
    c.classId = quint16(r.varint());
    c.attribute = quint16(r.varint());
    return c;
}

QVariantMap ValueStore::causeMap(const StatementCause &cause)
{
    QVariantMap m {{QStringLiteral("kind"), StatementCause::kindName(cause.kind)}};
    if (cause.objectId)
        m.insert(QStringLiteral("object"), QVariant::fromValue(ObjectRef {cause.objectId}));
    if (cause.classId)
        m.insert(QStringLiteral("class"), int(cause.classId));
    if (cause.attribute)
        m.insert(QStringLiteral("attribute"), int(cause.attribute));
    return m;
}

void ValueStore::putCause(const StatementCause &cause)
{
    m_scratch.push_back(char(cause.kind));
    if (cause.kind == StatementCause::Kind::None)
        return;
    putVarint(cause.objectId);
    putVarint(cause.classId);
    putVarint(cause.attribute);
}

quint32 ValueStore::addStatement(const QString &sql, const QVariantList &params,
                                 const QString &source, double ms, qint64 rows,
                                 const QString &error, const StatementCause &cause,
                                 const StatementCause &trigger)
{
    m_scratch.clear();
    m_scratch.push_back(char(Statement));
    putVarint(intern(sql));
    m_scratch.push_back(char(List));
    putVarint(quint64(params.size()));
    for (const QVariant &p : params)
        encode(p);
    putVarint(intern(source));
    putCause(cause);
    putCause(cause.isFlush() ? trigger : StatementCause {});
    const float f = float(ms);
    m_scratch.append(reinterpret_cast<const char *>(&f), sizeof f);
    const quint8 flags = (error.isEmpty() ? 0 : 1) | (rows >= 0 ? 2 : 0);
    m_scratch.push_back(char(flags));
    if (!error.isEmpty())
        encodeString(error);
    else if (rows >= 0) {
        // fixed width, so that finishStatement() can set it afterwards
        const quint32 r = quint32(qMin<qint64>(rows, 0xfffffffe));
        m_scratch.append(reinterpret_cast<const char *>(&r), sizeof r);
    }
    return commit(1);
}

void ValueStore::finishStatement(quint32 handle, double ms, qint64 rows)
{
    if (handle & kFallbackBit)
        return;
    Reader r = readerAt(handle);
    if (r.left() == 0 || r.byte() != Statement)
        return;
    r.varint();
    (void)decode(r); // the parameters
    r.varint();
    (void)readCause(r);
    (void)readCause(r); // the autoflush's
    if (r.left() < qsizetype(sizeof(float)) + 1 + qsizetype(sizeof(quint32)))
        return;
    const float f = float(ms);
    uchar *at = const_cast<uchar *>(r.p);
    std::memcpy(at, &f, sizeof f);
    if (at[sizeof f] != 2)
        return; // failed, or recorded without a row count
    const quint32 count = quint32(qBound<qint64>(0, rows, 0xfffffffe));
    std::memcpy(at + sizeof f + 1, &count, sizeof count);
}

QString ValueStore::decodeString(Reader &r) const
{
    const quint8 tag = r.byte();
    if (tag == Interned)
        return m_strings.value(qsizetype(r.varint()));
    if (tag == Latin1) {
        const qsizetype n = r.count();
        const QString s = QString::fromLatin1(reinterpret_cast<const char *>(r.p), n);
        r.p += n;
        return s;
    }
    if (tag != Utf16)
        return QString();
    const qsizetype n = qMin(r.count(), r.left() / 2);
    QString s(n, Qt::Uninitialized);
    std::memcpy(s.data(), r.p, size_t(n) * 2);
    r.p += n * 2;
    return s;
}

QVariant ValueStore::decode(Reader &r) const
{
    if (r.left() <= 0)
        return QVariant();
    const quint8 tag = *r.p;
    switch (tag) {
    case Invalid:
        ++r.p;
        return QVariant();
    case Nullptr:
        ++r.p;
        return QVariant::fromValue(nullptr);
    case False:
    case True:
        ++r.p;
        return QVariant(tag == True);
    case Int32:
        ++r.p;
        return QVariant(int(unzigzag(r.varint())));
    case Int64:
        ++r.p;
        return QVariant(qlonglong(unzigzag(r.varint())));
    case Double:
        ++r.p;
        return QVariant(r.raw<double>());
    case Latin1:
    case Utf16:
    case Interned:
        return QVariant(decodeString(r));
    case List: {
        ++r.p;
        const qsizetype n = r.count();
        QVariantList list;
        list.reserve(n);
        for (qsizetype i = 0; i < n; ++i)
            list.append(decode(r));
        return list;
    }
    case Map: {
        ++r.p;
        const qsizetype n = r.count();
        QVariantMap map;
        for (qsizetype i = 0; i < n; ++i) {
            const QString key = m_strings.value(qsizetype(r.varint()));
            map.insert(key, decode(r));
        }
        return map;
    }
    case StringList: {
        ++r.p;
        const qsizetype n = r.count();
        QStringList list;
        list.reserve(n);
        for (qsizetype i = 0; i < n; ++i)
            list.append(decodeString(r));
        return list;
    }
    case Ref:
        ++r.p;
        return QVariant::fromValue(ObjectRef {quint32(r.varint())});
    case Date:
        ++r.p;
        return QVariant(QDate::fromJulianDay(unzigzag(r.varint())));
    case Statement: {
        ++r.p;
        QVariantMap detail;
        detail.insert(QStringLiteral("sql"), m_strings.value(qsizetype(r.varint())));
        detail.insert(QStringLiteral("params"), decode(r));
        detail.insert(QStringLiteral("source"), m_strings.value(qsizetype(r.varint())));
        const StatementCause cause = readCause(r);
        const StatementCause trigger = readCause(r);
        if (cause.kind != StatementCause::Kind::None) {
            QVariantMap c = causeMap(cause);
            if (trigger.kind != StatementCause::Kind::None)
                c.insert(QStringLiteral("autoflush"), causeMap(trigger));
            detail.insert(QStringLiteral("cause"), c);
        }
        detail.insert(QStringLiteral("ms"), double(r.raw<float>()));
        const quint8 flags = r.byte();
        if (flags & 1)
            detail.insert(QStringLiteral("error"), decodeString(r));
        else if (flags & 2)
            detail.insert(QStringLiteral("rows"), qlonglong(r.raw<quint32>()));
        return detail;
    }
    default:
        ++r.p;
        return m_fallback.value(qsizetype(r.varint()) - m_fallbackBase);
    }
}

QVariant ValueStore::value(quint32 handle) const
{
    return decodeAt(handle, 0);
}

QVariant ValueStore::second(quint32 handle) const
{
    return decodeAt(handle, 1);
}

ValueStore::Reader ValueStore::readerAt(quint32 handle) const
{
    // Empty (p == end) for no value or a page that is not there.
    const size_t page = handle >> kPageBits;
    if (handle == 0 || page >= m_pages.size() || !m_pages[page].data())
        return Reader {nullptr, nullptr};
    const uchar *start = m_pages[page].data();
    return Reader {start + (handle & (kPageSize - 1)),
                   start + (page + 1 == m_pages.size() ? m_used : kPageSize)};
}

QVariant ValueStore::decodeAt(quint32 handle, int skip) const
{
    if (handle & kFallbackBit)
        return m_fallback.value(qsizetype(handle & ~kFallbackBit) + skip - m_fallbackBase);
    Reader r = readerAt(handle);
    for (int i = 0; i < skip && r.p < r.end; ++i)
        (void)decode(r);
    return r.p < r.end ? decode(r) : QVariant();
}

} // namespace ms
