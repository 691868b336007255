#pragma once

#include "core/result.h"
#include "project/project.h"

#include <QObject>

#include <memory>

namespace ms {

class Connection;
class Dispatcher;
class EventLog;
class ListenerActions;
class Registry;
class Session;
class SessionGroup;
class Stepper;

/// The live side of the desktop application: the connected database, the
/// mapped model (Registry), its Session, and the EventLog every view reads.
/// "Apply to database" maps the project's classes (the configuration events
/// go to the log) and creates their tables, replacing the tables an earlier
/// apply created. It reports errors as values; the window asks the user.
class Workbench : public QObject
{
    Q_OBJECT
public:
    explicit Workbench(QObject *parent = nullptr);
    ~Workbench() override;

    EventLog *log() const { return m_log; }
    Dispatcher *dispatcher() const { return m_dispatcher.get(); }
    /// Null until a model was applied.
    Registry *registry() const { return m_registry.get(); }
    Session *session() const { return m_session.get(); }
    /// The project's sessions (format version 7), session() the first;
    /// null until a model was applied.
    const SessionGroup *sessions() const { return m_session ? m_group.get() : nullptr; }
    /// Stops the engine inside a hook (pause listeners, Step).
    Stepper *stepper() const { return m_stepper; }

    /// The project's listeners, made live on every session from now on
    /// (and on the current one): see ListenerActions. An error names the
    /// listener the model cannot take; those before it are live.
    Result<void> setListeners(const QList<ListenerDef> &listeners);
    /// How many of the project's listeners are live.
    int liveListeners() const;

    bool isConnected() const;
    /// Asks the database whether the connection still answers (after an
    /// error); connectionChanged() when the answer changes connectionLost().
    bool checkConnection();
    /// The last checkConnection() found the database gone.
    bool connectionLost() const { return m_lost; }
    /// Opens the connection again with the same settings, after it was lost.
    /// The mapping and the session stay; the session is rolled back, as its
    /// transaction died with the old connection. An in-memory SQLite
    /// database does not outlive its connection: that is refused (apply the
    /// model again instead).
    Result<void> reconnect();
    /// The settings of the open connection.
    const DatabaseSettings &database() const { return m_settings; }
    /// Whether a session operation is under way: paused inside a hook, or
    /// running (a long flush, or a Generate between its objects, lets the
    /// event loop turn).
    bool isBusy() const;
    /// Marks a user action of several session operations (a Generate) as
    /// under way for as long as the returned guard lives.
    [[nodiscard]] std::shared_ptr<void> operation();
    /// An error while busy: connecting, applying or reconnecting would
    /// destroy the session the operation runs in, and another operation
    /// would run inside it.
    Result<void> refusedWhileBusy() const;
    /// Opens @p settings (closing the session and any earlier connection);
    /// the driver's own error text on failure. Refused while busy, as are
    /// apply() and reconnect().
    Result<void> connectTo(const DatabaseSettings &settings);
    void disconnect();
    /// Opens @p settings on a connection of its own and closes it again.
    static Result<void> test(const DatabaseSettings &settings);

    struct Table
    {
        QString name;
        qint64 rows = 0;
    };
    /// The tables apply() would drop on the open connection: the tables of
    /// @p schema that exist, and those the previous apply created, with
    /// their row counts.
    Result<QList<Table>> tablesToReplace(const Schema &schema) const;
    /// Drops tablesToReplace(), maps @p project's schema afresh and creates
    /// its tables in one go, then opens a new session with the project's
    /// options. A schema with problems is refused before anything is dropped.
    Result<void> apply(const Project &project);
    /// Starts a session on the tables the database already has, without
    /// dropping or creating any: they are read (DatabaseImport) and compared
    /// with @p project's model first; an error lists every difference
    /// (DatabaseImport::differences()) and changes nothing.
    Result<void> useExistingTables(const Project &project);

    /// One line for the status bar: "not connected", "connected, model not
    /// applied", "3 classes mapped, 0 objects in the session".
    QString stateText() const;

Q_SIGNALS:
    void connectionChanged();
    /// The session is about to be destroyed (a new apply, a new connection):
    /// views drop their pointers to its objects.
    void sessionAboutToClose();
    void applied();

private:
    void closeSession();
    /// The names (as the database spells them) of the tables apply() drops.
    QStringList existingTables(const Schema &schema) const;
    /// Not busy, a model without problems, a connection: what Apply and
    /// Use Existing Tables need first.
    Result<void> readyForSession(const Project &project) const;
    /// A fresh log, dispatcher and registry with @p project's classes mapped.
    Result<void> mapAfresh(const Project &project);
    /// The session on the mapped classes and the connection, with the
    /// project's listeners; emits applied().
    Result<void> startSession(const Project &project);

    EventLog *m_log;
    std::unique_ptr<Dispatcher> m_dispatcher;
    std::unique_ptr<Registry> m_registry;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<SessionGroup> m_group; ///< the project's other sessions
    std::unique_ptr<ListenerActions> m_actions;
    QList<ListenerDef> m_listeners;
    Stepper *m_stepper;
    std::unique_ptr<Connection> m_connection;
    DatabaseSettings m_settings;
    /// SQLite's ":memory:": the name other sessions' connections open it by
    QString m_memoryName;
    QStringList m_createdTables; ///< by the last apply, in creation order
    bool m_lost = false;
    int m_operations = 0; ///< operation() guards alive
};

} // namespace ms
