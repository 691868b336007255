#include "listeneractions.h"

#include "events/eventlog.h"
#include "events/eventtype.h"
#include "events/extension.h"
#include "orm/instance.h"
#include "orm/mapper.h"
#include "orm/registry.h"
#include "orm/session.h"
#include "stepper.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QScopeGuard>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ListenerActions)
};

/// The target of a listener as the dispatcher takes it: "*" or "session",
/// a class, or Class.attribute.
Result<ListenTarget> targetOf(const Registry &registry, const EventInfo &info, const QString &target)
{
    const QString hook = QString::fromLatin1(info.name);
    switch (info.target) {
    case TargetKind::None:
        return Error {Tr::tr("%1 is not a hook and cannot be listened to").arg(hook), {}};
    case TargetKind::Session:
        if (target == QLatin1String("*") || target == QLatin1String("session"))
            return ListenTarget::session();
        break;
    case TargetKind::Mapper:
        if (target == QLatin1String("*"))
            return ListenTarget::mapper();
        if (const Mapper *m = registry.mapper(target))
            return ListenTarget::mapper(m->classId());
        break;
    case TargetKind::Attribute: {
        if (target == QLatin1String("*"))
            return ListenTarget::attributeOf(0, 0);
        const int dot = target.lastIndexOf(QLatin1Char('.'));
        const Mapper *m = dot > 0 ? registry.mapper(target.left(dot)) : nullptr;
        const quint32 a = m ? m->attributeIndex(target.mid(dot + 1)) : 0;
        if (a)
            return ListenTarget::attributeOf(m->classId(), a);
        break;
    }
    }
    return Error {Tr::tr("%1 cannot be listened to on \"%2\"").arg(hook, target), {}};
}
} // namespace

ListenerActions::ListenerActions(Dispatcher *dispatcher, EventLog *log, Registry *registry,
                                 Session *session, Stepper *stepper)
    : m_dispatcher(dispatcher)
    , m_log(log)
    , m_registry(registry)
    , m_session(session)
    , m_stepper(stepper)
{
}

ListenerActions::~ListenerActions()
{
    clear();
}

QStringList ListenerActions::actions()
{
    return {QStringLiteral("log"), QStringLiteral("pause"), QStringLiteral("set"),
            QStringLiteral("raise")};
}

void ListenerActions::clear()
{
    for (Dispatcher::Handle h : std::as_const(m_handles))
        m_dispatcher->remove(h);
    m_handles.clear();
    // Extensions stay registered (Ming cannot unregister): they go quiet.
    *m_alive = false;
    m_alive = std::make_shared<bool>(true);
    m_extensions = 0;
}

namespace {

/// What a listener does, however it was called: on the hook's object (none
/// for session hooks), with the attribute and value handle of an attribute
/// event, for the event at @p index in the log.
using Action = std::function<void(Instance *object, quint16 attribute, quint32 value,
                                  qsizetype index)>;

/// A named group of listeners run as one Ming extension: its methods run
/// each listener of that hook, in the project's order. Dead ones (their
/// listeners were changed since) do nothing: Ming cannot unregister.
template<typename Base>
class ProjectExtension : public Base
{
public:
    ProjectExtension(const QString &name, std::shared_ptr<bool> alive, const EventLog *log)
        : Base(name)
        , m_alive(std::move(alive))
        , m_log(log)
    {
    }
    void add(EventType hook, Action action) { m_actions.push_back({hook, std::move(action)}); }
    /// It has a method for @p hook when a listener of the group takes it.
    bool defines(EventType hook) const override
    {
        // a dead one (its listeners changed since) stays registered, quiet
        // and off the timeline
        if (!*m_alive)
            return false;
        return std::any_of(m_actions.cbegin(), m_actions.cend(),
                           [hook](const auto &a) { return a.first == hook; });
    }

    void beforeInsert(Instance &o) override { run(EventType::BeforeInsert, &o); }
    void afterInsert(Instance &o) override { run(EventType::AfterInsert, &o); }
    void beforeUpdate(Instance &o) override { run(EventType::BeforeUpdate, &o); }
    void afterUpdate(Instance &o) override { run(EventType::AfterUpdate, &o); }
    void beforeDelete(Instance &o) override { run(EventType::BeforeDelete, &o); }
    void afterDelete(Instance &o) override { run(EventType::AfterDelete, &o); }
    void beforeRemove(const QString &) override { run(EventType::BeforeRemove, nullptr); }
    void afterRemove(const QString &) override { run(EventType::AfterRemove, nullptr); }

protected:
    void run(EventType hook, Instance *o)
    {
        if (!*m_alive)
            return;
        // The session recorded the extension's event just before the call.
        const qsizetype index = m_log ? m_log->size() - 1 : -1;
        for (const auto &[type, action] : m_actions)
            if (type == hook)
                action(o, 0, 0, index);
    }

private:
    std::shared_ptr<bool> m_alive;
    const EventLog *m_log;
    std::vector<std::pair<EventType, Action>> m_actions;
};

class ProjectSessionExtension : public ProjectExtension<SessionExtension>
{
public:
    using ProjectExtension::ProjectExtension;
    void beforeFlush(Instance *) override { run(EventType::BeforeFlush, nullptr); }
    void afterFlush(Instance *) override { run(EventType::AfterFlush, nullptr); }
    void cursorCreated(const QString &, const QString &) override
    {
        run(EventType::CursorCreated, nullptr);
    }
    void beforeCursorNext(const QString &) override { run(EventType::BeforeCursorNext, nullptr); }
    void afterCursorNext(const QString &) override { run(EventType::AfterCursorNext, nullptr); }
};

QString hookNames(const QList<EventType> &hooks)
{
    QStringList names;
    for (EventType h : hooks)
        names << eventName(h);
    return names.join(QStringLiteral(", "));
}

} // namespace

Result<void> ListenerActions::install(const QList<ListenerDef> &listeners)
{
    clear();
    struct Group
    {
        QString name;
        QString className; ///< empty: a session extension
        std::shared_ptr<ProjectExtension<MapperExtension>> mapperExtension;
        std::shared_ptr<ProjectSessionExtension> sessionExtension;
        QString where;
    };
    QList<Group> groups;
    // A listener that cannot be installed is reported (the first one) and
    // left out; the others, extensions too, are installed all the same.
    std::optional<Error> first;
    auto refuse = [&first](Error e) {
        if (!first)
            first = std::move(e);
    };
    for (int i = 0; i < listeners.size(); ++i) {
        const ListenerDef &def = listeners[i];
        const QString where = QStringLiteral("listeners[%1]").arg(i);
        const auto type = eventTypeFromName(def.event);
        if (!type) {
            refuse(Error {Tr::tr("unknown hook \"%1\"").arg(def.event), where});
            continue;
        }
        const EventInfo &info = eventInfo(*type);
        const QString extension = def.extra.value(QLatin1String("extension")).toString();
        // A Ming extension targets a class (a MapperExtension) or the
        // session, "session" or "*" (a SessionExtension, which has the
        // mapper's hooks too).
        const bool sessionWide = !extension.isEmpty()
            && (def.target == QLatin1String("session") || def.target == QLatin1String("*"));
        auto target = sessionWide ? Result<ListenTarget>(ListenTarget::mapper())
                                  : targetOf(*m_registry, info, def.target);
        if (!target) {
            refuse(Error {target.error().message, where});
            continue;
        }
        auto action = makeAction(def, *type, *target);
        if (!action) {
            refuse(Error {action.error().message, where});
            continue;
        }
        if (!*action)
            continue; // a pause with nobody to look (headless)

        if (extension.isEmpty()) {
            Action run = *action;
            auto handle = m_dispatcher->listen(*target, *type, [this, run](const Event &e) {
                run(m_session ? m_session->object(e.objectId) : nullptr, e.attribute, e.value,
                    m_dispatcher->firingIndex());
            });
            if (!handle) {
                refuse(Error {handle.error().message, where});
                continue;
            }
            m_handles << *handle;
            continue;
        }
        // Ming style: one extension per name, for one class or the session.
        const QList<EventType> hooks = mingHooks(sessionWide);
        if (!hooks.contains(*type)) {
            refuse(Error {sessionWide ? Tr::tr("a Ming SessionExtension has no %1 method (it has %2)")
                                            .arg(def.event, hookNames(hooks))
                                      : Tr::tr("a Ming MapperExtension has no %1 method (it has %2)")
                                            .arg(def.event, hookNames(hooks)),
                          where});
            continue;
        }
        const QString className
            = sessionWide ? QString() : m_registry->mappers()[target->classId - 1]->className();
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const Group &g) { return g.name == extension; });
        if (group == groups.end()) {
            Group g {extension, className, nullptr, nullptr, where};
            if (sessionWide)
                g.sessionExtension
                    = std::make_shared<ProjectSessionExtension>(extension, m_alive, m_log);
            else
                g.mapperExtension = std::make_shared<ProjectExtension<MapperExtension>>(
                    extension, m_alive, m_log);
            groups << g;
            group = groups.end() - 1;
        } else if (group->className != className) {
            refuse(Error {Tr::tr("extension %1 is already %2's; an extension belongs to one class "
                                 "or to the session")
                              .arg(extension,
                                   group->className.isEmpty() ? Tr::tr("the session")
                                                              : group->className),
                          where});
            continue;
        }
        if (group->sessionExtension)
            group->sessionExtension->add(*type, *action);
        else
            group->mapperExtension->add(*type, *action);
    }
    // Registered in the order they first appear: Ming chains them so.
    for (const Group &g : std::as_const(groups)) {
        if (!m_session)
            break;
        const Result<void> registered
            = g.sessionExtension ? m_session->registerExtension(g.sessionExtension)
                                 : m_session->registerExtension(g.className, g.mapperExtension);
        if (!registered) {
            refuse(Error {Tr::tr("extension %1 takes effect at the next Apply: %2")
                              .arg(g.name, registered.error().message),
                          g.where});
            continue;
        }
        ++m_extensions;
    }
    if (first)
        return *first;
    return {};
}

Result<ListenerActions::Action> ListenerActions::makeAction(const ListenerDef &def, EventType hook,
                                                             const ListenTarget &target)
{
    const EventInfo &info = eventInfo(hook);
    if (def.action == QLatin1String("log")) {
        return Action([this](Instance *, quint16, quint32, qsizetype index) {
            if (m_log)
                m_log->addFlags(index, Event::Listened);
        });
    }
    if (def.action == QLatin1String("pause")) {
        if (!m_stepper)
            return Action(); // headless: nobody to look
        return Action([this](Instance *, quint16, quint32, qsizetype index) {
            m_stepper->pause(index);
        });
    }
    if (def.action == QLatin1String("raise")) {
        QString message = def.extra.value(QLatin1String("message")).toString();
        if (message.isEmpty())
            message = Tr::tr("raised by a listener of %1").arg(def.event);
        return Action([message](Instance *, quint16, quint32, qsizetype) {
            throw std::runtime_error(message.toStdString());
        });
    }
    if (def.action != QLatin1String("set"))
        return Error {Tr::tr("unknown action \"%1\" (use log, pause, set or raise)").arg(def.action),
                      {}};
    if (info.target == TargetKind::Session)
        return Error {Tr::tr("%1 is a session hook: it has no object to set an attribute of")
                          .arg(def.event),
                      {}};
    const QString attr = def.extra.value(QLatin1String("attr")).toString();
    const QString compute = def.extra.value(QLatin1String("compute")).toString();
    const QString of = def.extra.value(QLatin1String("of")).toString();
    const QVariant literal = def.extra.value(QLatin1String("value")).toVariant();
    if (attr.isEmpty())
        return Error {Tr::tr("a set listener needs the attribute to set (\"attr\")"), {}};
    if (!compute.isEmpty() && compute != QLatin1String("now")
        && compute != QLatin1String("counter") && compute != QLatin1String("lower")
        && compute != QLatin1String("upper"))
        return Error {Tr::tr("unknown computation \"%1\" (use now, counter, lower or upper)")
                          .arg(compute),
                      {}};
    if ((compute == QLatin1String("lower") || compute == QLatin1String("upper")) && of.isEmpty())
        return Error {Tr::tr("%1 needs the attribute to read (\"of\")").arg(compute), {}};
    if (target.classId) {
        const Mapper *m = m_registry->mappers()[target.classId - 1].get();
        for (const QString &name : {attr, of}) {
            if (!name.isEmpty() && !m->attributeIndex(name))
                return Error {Tr::tr("%1 has no attribute %2").arg(m->className(), name), {}};
        }
    }
    auto counter = std::make_shared<qlonglong>(0);
    auto running = std::make_shared<bool>(false);
    return Action([=, this](Instance *o, quint16 attribute, quint32 valueHandle, qsizetype) {
        if (!o || !m_session || !o->mapper()->attributeIndex(attr))
            return; // "*": a class without that attribute
        // Its own assignment fired it again (a set listener whose target
        // takes the attribute it sets): it would go on forever, as Python
        // does until RecursionError. Fail the operation instead.
        if (*running)
            throw HookError(hook, Tr::tr("the listener's assignment of %1 fires the listener "
                                         "again, without end: listen on another attribute, or "
                                         "set another one")
                                      .arg(attr));
        *running = true;
        const auto done = qScopeGuard([running] { *running = false; });
        QVariant value = literal;
        if (compute == QLatin1String("now")) {
            value = QDateTime::currentDateTime();
        } else if (compute == QLatin1String("counter")) {
            value = ++*counter;
        } else if (!compute.isEmpty()) {
            const quint32 a = o->mapper()->attributeIndex(of);
            if (!a)
                return;
            // On the attribute's own set hook, the value being set.
            const QString text = attribute == a && m_log ? m_log->value(valueHandle).toString()
                                                         : o->value(int(a) - 1).toString();
            value = compute == QLatin1String("lower") ? text.toLower() : text.toUpper();
        }
        if (auto r = m_session->set(o, attr, value); !r)
            throw HookError(hook, r.error().message);
    });
}

} // namespace ms
