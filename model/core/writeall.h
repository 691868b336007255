#pragma once

#include <QIODevice>

namespace ms {

/// Writes all of @p size bytes at @p data to @p device, or returns false
/// with the device's error string saying why.
///
/// Open files to be written with it Unbuffered: Qt 6.4's buffered
/// QFileDevice takes a short write (a disk that fills up in the middle of the
/// file) for success, and QSaveFile::commit() then puts the truncated file
/// in place of the good one (seen with a 64-byte file size limit: 5,000
/// bytes written, commit() true, 64 bytes on disk). Unbuffered, the short
/// write shows, and writing the rest gets the system's reason ("No space
/// left on device", "File too large"), which also makes commit() fail.
inline bool writeAll(QIODevice *device, const char *data, qint64 size)
{
    qint64 done = 0;
    while (done < size) {
        const qint64 n = device->write(data + done, size - done);
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

inline bool writeAll(QIODevice *device, const QByteArray &data)
{
    return writeAll(device, data.constData(), data.size());
}

} // namespace ms
