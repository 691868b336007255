#pragma once

#include "core/result.h"
#include "event.h"

#include <QVariant>

#include <array>
#include <functional>
#include <memory>
#include <stdexcept>
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
    bool insert = false;    ///< run before the listeners already there
    bool once = false;      ///< remove after the first firing
    bool propagate = false; ///< also for subclasses (kept; projects have no inheritance yet)
    bool retval = false;    ///< set by listenValue()/listenStop(); the listener returns something
};

/// What a listener throws to abort the operation it was called from, and
/// what the Dispatcher turns any exception of a listener into: the error
/// then names the hook.
class HookError : public std::runtime_error
{
public:
    HookError(EventType hook, const QString &message);
    EventType hook() const { return m_hook; }
    QString message() const { return m_message; }

private:
    EventType m_hook;
    QString m_message;
};

/// Routes every fired event to its listeners, then to the recorder (the
/// EventLog). A hook nobody listens to and nothing records costs one test
/// of a flag.
class Dispatcher
{
public:
    using Callback = std::function<void(const Event &)>;
    /// retval=True on attribute set/append: returns the value to store.
    using ValueCallback = std::function<QVariant(const Event &, const QVariant &value)>;
    /// retval=True on a mapper hook: returns true to stop the chain (EXT_STOP).
    using StopCallback = std::function<bool(const Event &)>;
    using Handle = quint64;
    /// Sees every event fired, right after it was recorded (at @p index in
    /// the log; -1 when nothing records), before its listeners: the stepper.
    using Observer = std::function<void(const Event &, qsizetype index)>;

    Dispatcher() = default;
    Dispatcher(const Dispatcher &) = delete;
    Dispatcher &operator=(const Dispatcher &) = delete;

    /// Registers @p callback for @p type on @p target. A target that cannot
    /// fire the hook (a mapper hook on the session, say) is refused with a
    /// message that names both.
    Result<Handle> listen(ListenTarget target, EventType type, Callback callback,
                          ListenOptions options = {});
    /// A retval listener of attribute `set` or `append` (refused on any other hook).
    Result<Handle> listenValue(ListenTarget target, EventType type, ValueCallback callback,
                               ListenOptions options = {});
    /// A retval listener of a mapper hook that may stop the chain.
    Result<Handle> listenStop(ListenTarget target, EventType type, StopCallback callback,
                              ListenOptions options = {});
    /// Removes a listener; false when the handle is not registered.
    bool remove(Handle handle);
    int listenerCount(EventType type) const;

    /// One observer at a time (an empty function: none). It may run a
    /// nested event loop; it must not throw.
    void setObserver(Observer observer) { m_observer = std::move(observer); }
    /// While a listener runs: the log index of the event it was called
    /// for (-1: not recorded, or no listener running).
    qsizetype firingIndex() const { return m_firingIndex; }

    /// Every fired event is also appended to @p log (nullptr: recording off).
    void setRecorder(EventLog *log);
    EventLog *recorder() const { return m_recorder; }

    /// Whether firing @p type does anything at all: callers skip building
    /// an Event when it does not.
    bool isActive(EventType type) const { return m_recorder || m_hasListeners[size_t(type)]; }

    /// Records @p event, then calls its listeners in order. A listener that
    /// throws stops the firing; the exception leaves as a HookError naming
    /// the hook (the event stays recorded, marked failed).
    void fire(const Event &event);
    /// The same for attribute set/append: retval listeners may replace
    /// @p value; the value to store is returned.
    QVariant fireValue(const Event &event, QVariant value);

private:
    struct Listener
    {
        Handle handle;
        ListenTarget target;
        Callback callback;
        ValueCallback valueCallback;
        StopCallback stopCallback;
        bool once;
    };
    Result<Handle> add(ListenTarget target, EventType type, Listener listener, ListenOptions options);
    void run(const Event &event, QVariant *value);
    void observe(const Event &event, qsizetype index);
    void markFailed();
    using ListenerList = std::vector<Listener>;
    void retire(const std::shared_ptr<const ListenerList> &list);

    // Copy-on-write lists: a firing walks the list it started with, so
    // listeners added or removed during a firing take effect from the next.
    std::array<std::shared_ptr<const ListenerList>, eventTypeCount> m_listeners{};
    std::array<bool, eventTypeCount> m_hasListeners{};
    EventLog *m_recorder = nullptr;
    Observer m_observer;
    qsizetype m_firingIndex = -1;
    Handle m_nextHandle = 1;
    int m_firing = 0; ///< nesting depth of run()
    std::vector<std::shared_ptr<const ListenerList>> m_retired;
};

} // namespace ms
