#include "dispatcher.h"

#include "eventlog.h"

#include <QCoreApplication>

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

Result<Dispatcher::Handle> Dispatcher::listen(ListenTarget target, EventType type,
                                              Callback callback, ListenOptions options)
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
    if (!callback)
        return Error{Tr::tr("no callable given for %1").arg(eventName(type)), {}};
    auto &slot = m_listeners[size_t(type)];
    auto list = slot ? std::make_shared<ListenerList>(*slot) : std::make_shared<ListenerList>();
    const Handle handle = m_nextHandle++;
    Listener listener{handle, target, std::move(callback), options.once};
    // insert=True listeners run first, the newest of them first.
    if (options.insert)
        list->insert(list->begin(), std::move(listener));
    else
        list->push_back(std::move(listener));
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

void Dispatcher::fire(const Event &event)
{
    const size_t t = size_t(event.type);
    if (m_hasListeners[t]) {
        const std::shared_ptr<const ListenerList> list = m_listeners[t];
        for (const Listener &l : *list) {
            if (!l.target.matches(event))
                continue;
            if (l.once)
                remove(l.handle);
            l.callback(event);
        }
    }
    if (m_recorder)
        m_recorder->append(event);
}

} // namespace ms
