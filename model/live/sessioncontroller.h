#pragma once

#include "core/result.h"
#include "orm/session.h"
#include "project/project.h"
#include "project/step.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace ms {

class Instance;
class Mapper;
class Workbench;

/// What the session workspace does to the workbench's live session, as the
/// user's actions: every action is a typed Step (docs/project-format.md, "Scenario
/// steps") played through ScenarioRunner, so a `step` marker on the lane
/// of user actions precedes the events it causes, exactly as in a played
/// scenario. Failures are returned and reported by failed(), with the
/// statement or hook they came from.
///
/// Views hear of changes through objectsChanged(), emitted at most once per
/// turn of the event loop however many operations ran (a Generate of
/// 100,000 objects is one notification, not 200,000).
class SessionController : public QObject
{
    Q_OBJECT
public:
    explicit SessionController(Workbench *bench, QObject *parent = nullptr);

    Workbench *workbench() const { return m_bench; }
    /// Recording: every action played from now on (a step, or the new and
    /// add steps of each generated object) is kept, failed ones with
    /// "expectError", until stopRecording() hands them over as a scenario
    /// that plays back to the same events.
    void startRecording();
    bool isRecording() const { return m_recording; }
    int recordedSteps() const { return int(m_recorded.size()); }
    Scenario stopRecording(const QString &name);

    /// Tells the views to refresh (a pause inside a hook shows the session mid-operation).
    void refresh();
    /// The database stopped answering (found after an action failed).
    bool connectionLost() const;
    /// Opens the lost connection again (Workbench::reconnect()); the
    /// session, rolled back, goes on.
    Result<void> reconnect();
    /// Null until a model was applied.
    Session *session() const;
    /// The project's sessions (format version 7); empty when it names none.
    QStringList sessionNames() const;
    /// The session the user's actions run in (a step that names none):
    /// one of sessionNames(); the first after every apply.
    void setCurrentSession(const QString &name);
    QString currentSession() const;
    /// The session named currentSession() (the first when the project names
    /// one): the actions' session, whose options setAutoflush() and
    /// setExpireOnCommit() change. Null until a model was applied.
    Session *chosenSession() const;
    const Mapper *mapper(const QString &className) const;
    /// The mapped classes, in declaration order (empty before an apply).
    QStringList classNames() const;

    /// Plays @p step as the user's action.
    Result<void> run(const Step &step);
    /// Plays the step @p makeStep makes of each object's label (add,
    /// delete, expunge, expire, refresh), one step each; stops at the
    /// first failure.
    Result<void> runOnEach(const QList<Instance *> &objects,
                           const std::function<Step(const QString &label)> &makeStep);

    /// An unused label for a new object of @p className: user1, user2, ...
    QString freshLabel(const QString &className) const;
    /// Constructs a transient object of @p className (a `new` step) and returns it.
    Result<Instance *> create(const QString &className);
    /// Assigns @p attr of @p object from the text the user typed: converted
    /// to the column's type ("None" is NULL; an empty cell is NULL except for
    /// text), or, for a many-to-one, the label of the object to refer to
    /// (empty: none).
    Result<void> assign(Instance *object, const QString &attr, const QString &text);
    /// Appends @p item to (or removes it from) the one-to-many @p attr of @p object.
    Result<void> changeCollection(Instance *object, const QString &attr, Instance *item,
                                  bool append);
    /// Loads objects of @p className with equality filters typed as
    /// `name=alice, id=2` (values in quotes may hold commas); a term
    /// `posts:selectin` is a loader option (selectinload(User.posts)), a
    /// lone `populate_existing` Query.populate_existing().
    Result<void> query(const QString &className, const QString &filters);
    /// Parses `attr=value, ...` into a query step's `where`, values converted
    /// to the columns' types; with @p options, `relationship:strategy`
    /// terms go there (without, they are not filters).
    Result<QVariantMap> parseFilters(const QString &className, const QString &filters,
                                     QVariantMap *options = nullptr) const;

    /// Constructs @p count objects of @p className with random but plausible
    /// values and adds them to the session: one `generate` marker, then the
    /// engine's own events for each object. Many-to-one relationships point
    /// at random objects of their target class already in the session
    /// (required when the foreign key is NOT NULL). @p progress is called
    /// now and then with the number done; returning false stops early.
    /// Returns how many were made.
    Result<int> generate(const QString &className, int count,
                         const std::function<bool(int)> &progress = {});

    /// Change the chosen session's options (chosenSession()).
    void setAutoflush(bool on);
    void setExpireOnCommit(bool on);

    /// A hint for the window to add to @p error's message (the engine's own
    /// text stays SQLAlchemy's), or empty: when a flush that deletes an
    /// object fails on a NOT NULL or foreign key constraint of a column
    /// that references its class, its children still point to it, and the
    /// hint names the cascade that would delete them.
    QString hintFor(const Error &error) const;

    /// Shows @p error of operation @p op as the engine's errors are shown (failed()).
    void report(const Error &error, const QString &op = {});

Q_SIGNALS:
    /// Recording started or stopped, or a step was recorded.
    void recordingChanged();
    /// The session changed (a new apply, or the old one about to be
    /// destroyed: session() is then null): rebuild everything.
    void sessionReplaced();
    /// setCurrentSession() chose another session (not emitted by an apply:
    /// sessionReplaced() says that).
    void currentSessionChanged();
    /// Objects or the session's sets changed since the last emission.
    void objectsChanged();
    /// An action failed; @p op names the operation (a step's op,
    /// "generate", "reconnect"; empty when none).
    void failed(const ms::Error &error, const QString &op);
    /// An action (operation @p op) succeeded.
    void succeeded(const QString &op);

private:
    void attach();
    void scheduleChanged();
    void emitChanged();

    Workbench *m_bench;
    QPointer<Session> m_session;
    QList<QMetaObject::Connection> m_otherConnections; ///< the other sessions' changed()
    QString m_current; ///< the session the user's actions run in; empty: the first
    QMetaObject::Connection m_sessionConnection;
    int m_steps = 0;
    QStringList m_deletedLabels; ///< deleted by a step since the last flush that went through
    bool m_recording = false;
    QList<Step> m_recorded;
    bool m_inHeartbeat = false;
    bool m_changeQueued = false;
};

} // namespace ms
