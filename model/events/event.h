#pragma once

#include "eventtype.h"

#include <QtGlobal>

namespace ms {

/// One fired hook, as the EventLog keeps it: 20 bytes, no pointers and no
/// strings, so that millions fit in memory and the record outlives the
/// objects it tells of. Names and values live in the log's side tables.
struct Event
{
    enum Flag : quint8 {
        ConfigurePhase = 0x1, ///< fired while a project's classes were mapped
        Failed = 0x2,         ///< the operation this event belongs to failed
        Extension = 0x4,      ///< a Ming extension's method ran (value: the extension's name)
        HasOld = 0x8,         ///< the value has an old value beside it (EventLog::oldValue())
        Listened = 0x10,      ///< a project listener with the log action heard it (highlighted)
        LazyLoadStatement = 0x20, ///< a statement sent by a lazy load (its cause says of what)
        QueryStatement = 0x40,    ///< a statement sent by an explicit query
    };

    /// The time since the log started, in 48 bits (78 hours; later times
    /// stay at the largest). Split so that the record needs no 8-byte
    /// alignment: three million events are 12 MB smaller than with a qint64.
    quint32 nsecsLow = 0;
    quint16 nsecsHigh = 0;
    EventType type = EventType::Error;
    quint8 flags = 0;
    quint16 classId = 0;         ///< 1-based mapper id; 0: none
    quint16 attribute = 0;       ///< 1-based attribute index within the mapper; 0: none
    quint32 objectId = 0;        ///< the session's object id; 0: none
    quint32 value = 0;           ///< the log's handle of the value; 0: none

    static constexpr qint64 MaxNsecs = (qint64(1) << 48) - 1;

    qint64 nsecs() const { return qint64(nsecsHigh) << 32 | nsecsLow; }
    void setNsecs(qint64 ns)
    {
        ns = qBound(qint64(0), ns, MaxNsecs);
        nsecsLow = quint32(ns);
        nsecsHigh = quint16(ns >> 32);
    }
    bool hasOld() const { return flags & HasOld; }
    EventCategory category() const { return eventInfo(type).category; }
};

static_assert(sizeof(Event) == 20, "keep the event record compact (performance.md)");

} // namespace ms
