#pragma once

#include "core/result.h"
#include "event.h"

#include <array>
#include <functional>
#include <memory>
#include <vector>

namespace ms {

class EventLog;

/// What a listener is registered on (events.md, "Listening").
struct ListenTarget
{
    TargetKind kind = TargetKind::Session;
    quint32 classId = 0;   ///< Mapper/Attribute: 0 means every class ("*")
    quint32 attribute = 0; ///< Attribute: 0 means every attribute of the class

    static ListenTarget session() { return {TargetKind::Session, 0, 0}; }
    static ListenTarget mapper(quint32 classId = 0) { return {TargetKind::Mapper, classId, 0}; }
    static ListenTarget attributeOf(quint32 classId, quint32 attribute)
    {
        return {TargetKind::Attribute, classId, attribute};
    }
    bool matches(const Event &event) const;
};

/// listen() options, as SQLAlchemy's event.listen() keywords.
struct ListenOptions
{
    bool insert = false; ///< run before the listeners already there
    bool once = false;   ///< remove after the first firing
};

/// Routes every fired event to its listeners, then to the recorder (the
/// EventLog). A hook nobody listens to and nothing records costs one test
/// of a flag.
class Dispatcher
{
public:
    using Callback = std::function<void(const Event &)>;
    using Handle = quint64;

    Dispatcher() = default;
    Dispatcher(const Dispatcher &) = delete;
    Dispatcher &operator=(const Dispatcher &) = delete;

    /// Registers @p callback for @p type on @p target. A target that cannot
    /// fire the hook (a mapper hook on the session, say) is refused with a
    /// message that names both.
    Result<Handle> listen(ListenTarget target, EventType type, Callback callback,
                          ListenOptions options = {});
    /// Removes a listener; false when the handle is not registered.
    bool remove(Handle handle);
    int listenerCount(EventType type) const;

    /// Every fired event is also appended to @p log (nullptr: recording off).
    void setRecorder(EventLog *log);
    EventLog *recorder() const { return m_recorder; }

    /// Whether firing @p type does anything at all: callers skip building
    /// an Event when it does not.
    bool isActive(EventType type) const { return m_recorder || m_hasListeners[size_t(type)]; }

    void fire(const Event &event);

private:
    struct Listener
    {
        Handle handle;
        ListenTarget target;
        Callback callback;
        bool once;
    };
    using ListenerList = std::vector<Listener>;

    // Copy-on-write lists: a firing walks the list it started with, so
    // listeners added or removed during a firing take effect from the next.
    std::array<std::shared_ptr<const ListenerList>, eventTypeCount> m_listeners{};
    std::array<bool, eventTypeCount> m_hasListeners{};
    EventLog *m_recorder = nullptr;
    Handle m_nextHandle = 1;
};

} // namespace ms
