#pragma once

#include "core/result.h"
#include "events/dispatcher.h"
#include "project/project.h"

#include <QList>

#include <functional>
#include <memory>

namespace ms {

class EventLog;
class Instance;
class Registry;
class Session;
class Stepper;

/// The project's listeners (`listeners` in the project file) made live on a
/// dispatcher, each doing its action when its hook fires on its target:
///
/// - `log`: the event is highlighted (Event::Listened) on the timeline and in the log;
/// - `pause`: the engine stops inside the hook (Stepper); ignored without a stepper (the CLI);
/// - `set`: assigns `attr` of the event's object: `value` (a JSON literal) or
///   `compute`: `now` (the date-time), `counter` (1, 2, 3... per listener),
///   `lower`/`upper` of the attribute `of` (on that attribute's own `set`
///   hook, the value being set); the assignment fires its own `set` event;
/// - `raise`: throws with `message`, so that the operation fails (a flush
///   rolls back) with the message and the hook's name.
///
/// Listeners run in the project's order, after those registered before.
///
/// A listener with `"extension": name` is not a listener but a method of a
/// Ming-style extension of that name: a MapperExtension of its target class,
/// or a SessionExtension for the session's hooks and for "*". The methods
/// chain in the project's order, extensions in the order they first appear;
/// an extension's hook shows on the timeline with its name. Ming registers
/// extensions only before the session is first used: a change afterwards
/// takes effect at the next Apply (install() says so), and the old
/// extension goes quiet.
class ListenerActions
{
public:
    ListenerActions(Dispatcher *dispatcher, EventLog *log, Registry *registry, Session *session,
                    Stepper *stepper = nullptr);
    ~ListenerActions();
    ListenerActions(const ListenerActions &) = delete;
    ListenerActions &operator=(const ListenerActions &) = delete;

    /// Replaces the live listeners with @p listeners. A listener the model
    /// cannot take (an unknown hook, a target that cannot fire it, an
    /// attribute the class lacks) is refused with its index in the message;
    /// the ones before it stay live.
    Result<void> install(const QList<ListenerDef> &listeners);
    void clear();
    /// Live listeners and registered extensions.
    int count() const { return int(m_handles.size()) + m_extensions; }

    /// The action names, in the order an editor offers them.
    static QStringList actions();

private:
    using Action = std::function<void(Instance *object, quint16 attribute, quint32 value,
                                      qsizetype index)>;
    /// What @p def does; an empty Action for a pause without a stepper.
    Result<Action> makeAction(const ListenerDef &def, EventType hook, const ListenTarget &target);

    Dispatcher *m_dispatcher;
    EventLog *m_log;
    Registry *m_registry;
    Session *m_session;
    Stepper *m_stepper;
    QList<Dispatcher::Handle> m_handles;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    int m_extensions = 0;
};

} // namespace ms
