#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QVariant>

class QIODevice;

namespace ms {

class EventLog;

/// Writes an EventLog as the JSON Lines event trace of docs/project-format.md, one
/// event a line: seq, phase, category, event, class, ref, attr, and for
/// attribute events the value (and old value) they carried.
class TraceWriter
{
public:
    static QByteArray line(const EventLog &log, qsizetype index);
    /// A recorded value as JSON: objects as {"ref": label} (the label they
    /// had at event @p index; -1: now), dates as ISO text.
    static QJsonValue jsonValue(const EventLog &log, const QVariant &value, qsizetype index = -1);
    static Result<void> write(const EventLog &log, QIODevice *device);
    /// The same events as CSV (RFC 4180, UTF-8, a header row): seq, ms,
    /// phase, category, event, class, ref, attr, value, old, failed, and the
    /// other keys of the event's trace line as compact JSON (detail).
    static Result<void> writeCsv(const EventLog &log, QIODevice *device);
};

} // namespace ms
