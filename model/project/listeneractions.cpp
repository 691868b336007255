#include "listeneractions.h"

#include "events/eventlog.h"
#include "events/eventtype.h"
#include "orm/instance.h"
#include "orm/mapper.h"
#include "orm/registry.h"
#include "orm/session.h"
#include "stepper.h"

#include <QCoreApplication>
#include <QDateTime>

#include <memory>

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
}

Result<void> ListenerActions::install(const QList<ListenerDef> &listeners)
{
    clear();
    for (int i = 0; i < listeners.size(); ++i) {
        const ListenerDef &def = listeners[i];
        const QString where = QStringLiteral("listeners[%1]").arg(i);
        const auto type = eventTypeFromName(def.event);
        if (!type)
            return Error {Tr::tr("unknown hook \"%1\"").arg(def.event), where};
        const EventInfo &info = eventInfo(*type);
        auto target = targetOf(*m_registry, info, def.target);
        if (!target)
            return Error {target.error().message, where};

        Dispatcher::Callback action;
        if (def.action == QLatin1String("log")) {
            action = [this](const Event &) {
                if (m_log)
                    m_log->addFlags(m_dispatcher->firingIndex(), Event::Listened);
            };
        } else if (def.action == QLatin1String("pause")) {
            if (!m_stepper)
                continue; // headless: nobody to look
            action = [this](const Event &) { m_stepper->pause(m_dispatcher->firingIndex()); };
        } else if (def.action == QLatin1String("raise")) {
            QString message = def.extra.value(QLatin1String("message")).toString();
            if (message.isEmpty())
                message = Tr::tr("raised by a listener of %1").arg(def.event);
            action = [message](const Event &) { throw std::runtime_error(message.toStdString()); };
        } else if (def.action == QLatin1String("set")) {
            if (info.target == TargetKind::Session)
                return Error {Tr::tr("%1 is a session hook: it has no object to set an attribute "
                                     "of")
                                  .arg(def.event),
                              where};
            const QString attr = def.extra.value(QLatin1String("attr")).toString();
            const QString compute = def.extra.value(QLatin1String("compute")).toString();
            const QString of = def.extra.value(QLatin1String("of")).toString();
            const QVariant literal = def.extra.value(QLatin1String("value")).toVariant();
            if (attr.isEmpty())
                return Error {Tr::tr("a set listener needs the attribute to set (\"attr\")"), where};
            if (!compute.isEmpty() && compute != QLatin1String("now")
                && compute != QLatin1String("counter") && compute != QLatin1String("lower")
                && compute != QLatin1String("upper"))
                return Error {Tr::tr("unknown computation \"%1\" (use now, counter, lower or upper)")
                                  .arg(compute),
                              where};
            if ((compute == QLatin1String("lower") || compute == QLatin1String("upper"))
                && of.isEmpty())
                return Error {Tr::tr("%1 needs the attribute to read (\"of\")").arg(compute), where};
            if (target->classId) {
                const Mapper *m = m_registry->mappers()[target->classId - 1].get();
                for (const QString &name : {attr, of}) {
                    if (!name.isEmpty() && !m->attributeIndex(name))
                        return Error {Tr::tr("%1 has no attribute %2").arg(m->className(), name),
                                      where};
                }
            }
            auto counter = std::make_shared<qlonglong>(0);
            const EventType hook = *type;
            action = [=, this](const Event &e) {
                Instance *o = m_session ? m_session->object(e.objectId) : nullptr;
                if (!o || !o->mapper()->attributeIndex(attr))
                    return; // "*": a class without that attribute
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
                    const QString text = e.attribute == a && m_log
                        ? m_log->value(e.value).toString()
                        : o->value(int(a) - 1).toString();
                    value = compute == QLatin1String("lower") ? text.toLower() : text.toUpper();
                }
                if (auto r = m_session->set(o, attr, value); !r)
                    throw HookError(hook, r.error().message);
            };
        } else {
            return Error {Tr::tr("unknown action \"%1\" (use log, pause, set or raise)")
                              .arg(def.action),
                          where};
        }
        auto handle = m_dispatcher->listen(*target, *type, std::move(action));
        if (!handle)
            return Error {handle.error().message, where};
        m_handles << *handle;
    }
    return {};
}

} // namespace ms
