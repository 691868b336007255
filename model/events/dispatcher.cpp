#include "dispatcher.h"

#include "eventlog.h"

#include <QCoreApplication>

#include <utility>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Dispatcher)
};

QString targetKindName(TargetKind kind)
{
    switch (kind) {
    case TargetKind::Session:
        return Tr::tr("the session");
    case TargetKind::Mapper:
        return Tr::tr("a mapper");
    case TargetKind::Attribute:
        return Tr::tr("an attribute");
    case TargetKind::None:
        break;
    }
    return Tr::tr("nothing");
}
} // namespace

bool ListenTarget::matches(const Event &event) const
{
    if (kind == TargetKind::Session)
        return true;
    if (classId != 0 && classId != event.classId)
        return false;
    return kind != TargetKind::Attribute || attribute == 0 || attribute == event.attribute;
}

HookError::HookError(EventType hook, const QString &message)
    : std::runtime_error(message.toStdString()), m_hook(hook), m_message(message)
{
}

Result<Dispatcher::Handle> Dispatcher::listen(ListenTarget target, EventType type,
                                              Callback callback, ListenOptions options)
{
    if (!callback)
        return Error{Tr::tr("no callable given for %1").arg(eventName(type)), {}};
    options.retval = false;
    return add(target, type, Listener{0, target, std::move(callback), {}, {}, options.once}, options);
}

Result<Dispatcher::Handle> Dispatcher::listenValue(ListenTarget target, EventType type,
                                                   ValueCallback callback, ListenOptions options)
{
    if (type != EventType::Set && type != EventType::Append)
        return Error{Tr::tr("retval listeners that replace the value exist only for set and "
                            "append, not for %1")
                         .arg(eventName(type)),
                     {}};
    if (!callback)
        return Error{Tr::tr("no callable given for %1").arg(eventName(type)), {}};
    options.retval = true;
    return add(target, type, Listener{0, target, {}, std::move(callback), {}, options.once}, options);
}

Result<Dispatcher::Handle> Dispatcher::listenStop(ListenTarget target, EventType type,
                                                  StopCallback callback, ListenOptions options)
{
    if (eventInfo(type).target != TargetKind::Mapper)
        return Error{Tr::tr("only mapper hooks can stop the chain; %1 is not one")
                         .arg(eventName(type)),
                     {}};
    if (!callback)
        return Error{Tr::tr("no callable given for %1").arg(eventName(type)), {}};
    options.retval = true;
    return add(target, type, Listener{0, target, {}, {}, std::move(callback), options.once}, options);
}

Result<Dispatcher::Handle> Dispatcher::add(ListenTarget target, EventType type, Listener listener,
                                           ListenOptions options)
{
    const EventInfo &info = eventInfo(type);
    if (info.target == TargetKind::None)
        return Error{Tr::tr("%1 is not a hook; it cannot be listened to").arg(eventName(type)), {}};
    if (info.target != target.kind) {
        return Error{Tr::tr("%1 is a hook of %2; it cannot be listened to on %3")
                         .arg(eventName(type), targetKindName(info.target),
                              targetKindName(target.kind)),
                     {}};
    }
    auto &slot = m_listeners[size_t(type)];
    auto list = slot ? std::make_shared<ListenerList>(*slot) : std::make_shared<ListenerList>();
    const Handle handle = m_nextHandle++;
    listener.handle = handle;
    // insert=True listeners run first, the newest of them first.
    if (options.insert)
        list->insert(list->begin(), std::move(listener));
    else
        list->push_back(std::move(listener));
    retire(slot);
    slot = std::move(list);
    m_hasListeners[size_t(type)] = true;
    return handle;
}

bool Dispatcher::remove(Handle handle)
{
    for (size_t t = 0; t < m_listeners.size(); ++t) {
        const auto &slot = m_listeners[t];
        if (!slot)
            continue;
        const auto it = std::find_if(slot->begin(), slot->end(),
                                     [handle](const Listener &l) { return l.handle == handle; });
        if (it == slot->end())
            continue;
        auto list = std::make_shared<ListenerList>(*slot);
        list->erase(list->begin() + (it - slot->begin()));
        m_hasListeners[t] = !list->empty();
        retire(m_listeners[t]);
        m_listeners[t] = list->empty() ? nullptr : std::move(list);
        return true;
    }
    return false;
}

int Dispatcher::listenerCount(EventType type) const
{
    const auto &slot = m_listeners[size_t(type)];
    return slot ? int(slot->size()) : 0;
}

void Dispatcher::setRecorder(EventLog *log)
{
    m_recorder = log;
}

namespace {
/// The index of the event being fired, for its listeners; the outer one
/// back when they are done (or throw).
struct FiringIndex
{
    qsizetype &slot;
    qsizetype outer;
    FiringIndex(qsizetype &s, qsizetype index)
        : slot(s)
        , outer(std::exchange(s, index))
    {
    }
    ~FiringIndex() { slot = outer; }
};
} // namespace

void Dispatcher::observe(const Event &event, qsizetype index)
{
    // A copy: the observer may replace itself (a Step stops once).
    const Observer observer = m_observer;
    observer(event, index);
}

void Dispatcher::fire(const Event &event)
{
    const qsizetype index = m_recorder ? m_recorder->append(event) : -1;
    if (Q_UNLIKELY(bool(m_observer)))
        observe(event, index);
    if (m_hasListeners[size_t(event.type)]) {
        FiringIndex firing(m_firingIndex, index);
        run(event, nullptr);
    }
}

QVariant Dispatcher::fireValue(const Event &event, QVariant value)
{
    const qsizetype index = m_recorder ? m_recorder->append(event) : -1;
    if (Q_UNLIKELY(bool(m_observer)))
        observe(event, index);
    if (m_hasListeners[size_t(event.type)]) {
        FiringIndex firing(m_firingIndex, index);
        run(event, &value);
    }
    return value;
}

void Dispatcher::retire(const std::shared_ptr<const ListenerList> &list)
{
    if (m_firing > 0 && list)
        m_retired.push_back(list);
}

void Dispatcher::markFailed()
{
    // The hook whose listener raised is where its operation failed: the
    // timeline marks it (and the flush it broke) as failed.
    if (m_recorder && m_recorder->contains(m_firingIndex))
        m_recorder->addFlags(m_firingIndex, Event::Failed);
}

void Dispatcher::run(const Event &event, QVariant *value)
{
    // The list this firing started with: listeners added or removed by a
    // listener take effect from the next firing. A list replaced during a
    // firing is kept (retire()) until the outermost firing ends, so the
    // loop needs no reference count of its own.
    const ListenerList *list = m_listeners[size_t(event.type)].get();
    if (!list)
        return;
    struct Firing
    {
        Dispatcher *d;
        explicit Firing(Dispatcher *dispatcher) : d(dispatcher) { ++d->m_firing; }
        ~Firing()
        {
            if (--d->m_firing == 0)
                d->m_retired.clear();
        }
    } firing(this);
    for (const Listener &l : *list) {
        if (!l.target.matches(event))
            continue;
        if (l.once)
            remove(l.handle);
        try {
            if (l.callback) {
                l.callback(event);
            } else if (l.valueCallback) {
                if (value)
                    *value = l.valueCallback(event, *value);
            } else if (l.stopCallback) {
                if (l.stopCallback(event))
                    break;
            }
        } catch (const HookError &) {
            markFailed();
            throw;
        } catch (const std::exception &e) {
            markFailed();
            throw HookError(event.type, QString::fromUtf8(e.what()));
        } catch (...) {
            markFailed();
            throw HookError(event.type, Tr::tr("a listener failed"));
        }
    }
}

} // namespace ms
