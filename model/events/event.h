#pragma once

#include "eventtype.h"

#include <QtGlobal>

namespace ms {

/// One fired hook, as the EventLog keeps it: 24 bytes, no pointers and no
/// strings, so that millions fit in memory and the record outlives the
/// objects it tells of. Names and values live in the log's side tables.
struct Event
{
    enum Flag : quint16 {
        ConfigurePhase = 0x1, ///< fired while a project's classes were mapped
        Failed = 0x2,         ///< the operation this event belongs to failed
        Extension = 0x4,      ///< a Ming extension's method ran (value: the extension's name)
        HasOld = 0x8,         ///< the value has an old value beside it (EventLog::oldValue())
    };

    qint64 nsecs = 0;            ///< time since the log started
    EventType type = EventType::Error;
    quint16 flags = 0;
    quint16 classId = 0;         ///< 1-based mapper id; 0: none
    quint16 attribute = 0;       ///< 1-based attribute index within the mapper; 0: none
    quint32 objectId = 0;        ///< the session's object id; 0: none
    quint32 value = 0;           ///< the log's handle of the value; 0: none

    bool hasOld() const { return flags & HasOld; }
    EventCategory category() const { return eventInfo(type).category; }
};

static_assert(sizeof(Event) == 24, "keep the event record compact (performance.md)");

} // namespace ms
