#pragma once

#include "core/result.h"
#include "events/dispatcher.h"
#include "project.h"

#include <QList>

namespace ms {

class EventLog;
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
    int count() const { return int(m_handles.size()); }

    /// The action names, in the order an editor offers them.
    static QStringList actions();

private:
    Dispatcher *m_dispatcher;
    EventLog *m_log;
    Registry *m_registry;
    Session *m_session;
    Stepper *m_stepper;
    QList<Dispatcher::Handle> m_handles;
};

} // namespace ms
