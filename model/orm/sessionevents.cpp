#include "sessionevents.h"

#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "events/extension.h"
#include "instance.h"
#include "mapper.h"

#include <QCoreApplication>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Session)
};
} // namespace

void SessionEvents::addSessionExtension(std::shared_ptr<SessionExtension> extension)
{
    m_sessionExtensions.append(std::move(extension));
}

void SessionEvents::addMapperExtension(quint32 classId, std::shared_ptr<MapperExtension> extension)
{
    m_mapperExtensions[classId].append(std::move(extension));
}

bool SessionEvents::active(EventType type) const
{
    // A Ming session has none of SQLAlchemy's events: only its extensions'
    // calls, its errors and warnings.
    if (m_ming && type != EventType::Error && type != EventType::Warning)
        return false;
    return m_dispatcher && m_dispatcher->isActive(type);
}

EventLog *SessionEvents::recorder() const
{
    return m_dispatcher ? m_dispatcher->recorder() : nullptr;
}

Event SessionEvents::make(EventType type, const Instance *o, int attr)
{
    Event e;
    e.type = type;
    if (o) {
        if (Q_UNLIKELY(o->isProvisional()) && m_settle)
            m_settle(const_cast<Instance *>(o));
        e.classId = o->mapper()->classId();
        e.objectId = o->id();
    }
    e.attribute = attr < 0 ? 0 : quint32(attr + 1);
    return e;
}

void SessionEvents::fire(EventType type, const Instance *o, int attr)
{
    if (!active(type))
        return;
    m_dispatcher->fire(make(type, o, attr));
}

void SessionEvents::fireClass(EventType type, const Mapper *m)
{
    if (!active(type))
        return;
    Event e;
    e.type = type;
    e.classId = m ? m->classId() : 0;
    m_dispatcher->fire(e);
}

QVariant SessionEvents::fireValue(EventType type, const Instance *o, int attr, const QVariant &value,
                                  const QVariant &old, bool hasOld)
{
    if (!active(type))
        return value;
    Event e = make(type, o, attr);
    if (EventLog *log = recorder()) {
        const QVariant none = QVariant::fromValue(nullptr);
        if (hasOld) {
            e.value = log->addValuePair(value.isValid() ? value : none, old.isValid() ? old : none);
            e.flags |= Event::HasOld;
        } else {
            e.value = log->addValue(value.isValid() ? value : none);
        }
    }
    return m_dispatcher->fireValue(e, value);
}

void SessionEvents::fireAttr(EventType type, const Instance *o, int attr, const QVariant &value)
{
    if (!active(type))
        return;
    Event e = make(type, o, attr);
    if (value.isValid())
        if (EventLog *log = recorder())
            e.value = log->addValue(value);
    m_dispatcher->fire(e);
}

void SessionEvents::fireWithAttrs(EventType type, const Instance *o, const QStringList &attrs)
{
    if (!active(type))
        return;
    Event e = make(type, o, -1);
    if (!attrs.isEmpty())
        if (EventLog *log = recorder())
            e.value = log->addValue(attrs);
    m_dispatcher->fire(e);
}

void SessionEvents::fireTransaction(EventType type, bool subtransaction, bool nested)
{
    if (!active(type))
        return;
    Event e = make(type, nullptr, -1);
    if (EventLog *log = recorder())
        e.value = log->addValue(QVariantMap{{QStringLiteral("nested"), nested},
                                            {QStringLiteral("subtransaction"), subtransaction}});
    m_dispatcher->fire(e);
}

void SessionEvents::warn(const QString &message)
{
    if (!active(EventType::Warning))
        return;
    Event e = make(EventType::Warning, nullptr, -1);
    if (EventLog *log = recorder())
        e.value = log->addValue(message);
    m_dispatcher->fire(e);
}

void SessionEvents::notFired(const Instance *o, const QString &hooks)
{
    if (!active(EventType::NotFired))
        return;
    Event e = make(EventType::NotFired, o, -1);
    if (EventLog *log = recorder())
        e.value = log->addValue(hooks);
    m_dispatcher->fire(e);
}

void SessionEvents::recordError(const QString &message)
{
    if (!active(EventType::Error))
        return;
    Event e = make(EventType::Error, nullptr, -1);
    e.flags = Event::Failed;
    if (EventLog *log = recorder())
        e.value = log->addValue(message);
    try {
        m_dispatcher->fire(e);
    } catch (...) {
        // a listener of the error itself cannot make things worse
    }
}

qsizetype SessionEvents::recordExtensionCall(EventType type, const Instance *o, const Mapper *m,
                                             const QString &name)
{
    // On the timeline like a listener's hook, marked with the extension's name.
    EventLog *log = recorder();
    if (!log)
        return -1;
    Event e = make(type, o, -1);
    if (!o && m)
        e.classId = m->classId();
    e.flags = Event::Extension;
    e.value = log->addValue(name);
    return log->append(e);
}

template<typename Call>
void SessionEvents::callExtension(MapperExtension &ext, EventType type, const Instance *o,
                                  const Mapper *m, Call &&call)
{
    // Only the methods it has: Ming calls the base class's empty ones too,
    // and nobody sees those.
    if (!ext.defines(type))
        return;
    const qsizetype index = recordExtensionCall(type, o, m, ext.name());
    // The call that raised is marked failed, like a listener's hook.
    auto failed = [&] {
        if (EventLog *log = recorder(); log && log->contains(index))
            log->addFlags(index, Event::Failed);
    };
    try {
        call();
    } catch (const HookError &) {
        failed();
        throw;
    } catch (const std::exception &ex) {
        failed();
        throw HookError(type, Tr::tr("extension %1: %2").arg(ext.name(), QString::fromUtf8(ex.what())));
    }
}

void SessionEvents::mapperHook(EventType type, Instance *o)
{
    // Ming: session extensions wrap mapper extensions around the hook.
    const bool before = type == EventType::BeforeInsert || type == EventType::BeforeUpdate
        || type == EventType::BeforeDelete;
    // (a copy: an extension may change the list while it runs)
    const auto mapperExts = m_mapperExtensions.isEmpty()
        ? decltype(m_mapperExtensions.value(0)) {}
        : m_mapperExtensions.value(o->mapper()->classId());
    auto call = [&](MapperExtension &ext) {
        callExtension(ext, type, o, nullptr, [&] {
            switch (type) {
            case EventType::BeforeInsert: ext.beforeInsert(*o); break;
            case EventType::AfterInsert: ext.afterInsert(*o); break;
            case EventType::BeforeUpdate: ext.beforeUpdate(*o); break;
            case EventType::AfterUpdate: ext.afterUpdate(*o); break;
            case EventType::BeforeDelete: ext.beforeDelete(*o); break;
            case EventType::AfterDelete: ext.afterDelete(*o); break;
            default: break;
            }
        });
    };
    if (before) {
        for (const auto &ext : std::as_const(m_sessionExtensions))
            call(*ext);
        for (const auto &ext : mapperExts)
            call(*ext);
        fire(type, o);
    } else {
        fire(type, o);
        for (const auto &ext : mapperExts)
            call(*ext);
        for (const auto &ext : std::as_const(m_sessionExtensions))
            call(*ext);
    }
}

void SessionEvents::flushHook(EventType type)
{
    fire(type);
    for (const auto &ext : std::as_const(m_sessionExtensions)) {
        callExtension(*ext, type, nullptr, nullptr, [&] {
            if (type == EventType::BeforeFlush)
                ext->beforeFlush(nullptr);
            else
                ext->afterFlush(nullptr);
        });
    }
}

void SessionEvents::cursorHook(EventType type, const Mapper *m, const QString &action)
{
    fireClass(type, m);
    const QString className = m->className();
    for (const auto &ext : std::as_const(m_sessionExtensions)) {
        callExtension(*ext, type, nullptr, m, [&] {
            switch (type) {
            case EventType::CursorCreated: ext->cursorCreated(className, action); break;
            case EventType::BeforeCursorNext: ext->beforeCursorNext(className); break;
            case EventType::AfterCursorNext: ext->afterCursorNext(className); break;
            default: break;
            }
        });
    }
}

void SessionEvents::removeHook(EventType type, const Mapper *m)
{
    const QString className = m->className();
    const auto mapperExts = m_mapperExtensions.value(m->classId());
    auto call = [&](MapperExtension &ext) {
        callExtension(ext, type, nullptr, m, [&] {
            if (type == EventType::BeforeRemove)
                ext.beforeRemove(className);
            else
                ext.afterRemove(className);
        });
    };
    if (type == EventType::BeforeRemove) {
        fireClass(type, m);
        for (const auto &ext : std::as_const(m_sessionExtensions))
            call(*ext);
        for (const auto &ext : mapperExts)
            call(*ext);
    } else {
        for (const auto &ext : mapperExts)
            call(*ext);
        for (const auto &ext : std::as_const(m_sessionExtensions))
            call(*ext);
        fireClass(type, m);
    }
}

} // namespace ms
