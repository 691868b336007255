#pragma once

#include <utility>

#include "core/result.h"
#include "orm/session.h"
#include "project/project.h"
#include "project/step.h"

namespace ms {

class Instance;
class Session;
class SessionGroup;

/// Plays a scenario's steps (docs/project-format.md, "Scenario steps") against a
/// session, each typed Step on the Session operation of the same name.
/// Before each step it records a step marker (the lane of user actions; a
/// `step` line in the trace); after a failed step an `error` marker with
/// the kind of failure. Objects are named by their labels.
class ScenarioRunner
{
public:
    /// Plays on @p session; with @p group, each step in the group's
    /// session it names (@p session, the group's first, when it names none).
    explicit ScenarioRunner(Session &session, const SessionGroup *group = nullptr)
        : m_first(session), m_step(&session), m_group(group)
    {
    }

    /// Plays every step. A step that fails without `expectError` stops the
    /// scenario with its error; a step with `expectError` that succeeds is
    /// an error too.
    Result<void> run(const Scenario &scenario);

    /// Plays one step (@p index is its position, for the marker) and returns
    /// what the step itself did: its failure, expected or not.
    Result<void> runStep(const Step &step, int index);

    /// A step's value as an attribute value: a LabelRef is the object of
    /// that label, a list of them a collection.
    Result<QVariant> value(const QVariant &stepValue) const;

    /// Records the marker of a user action (a `step` event) that is not a
    /// scenario step, e.g. the GUI's "Generate objects": @p detail is the
    /// marker's value, with at least an `op`.
    void markAction(const QVariantMap &detail);

private:
    Result<Instance *> object(const QString &label) const;
    /// A step's object and the item it appends or removes.
    Result<std::pair<Instance *, Instance *>> objectAndItem(const QString &label,
                                                            const QString &item) const;
    Filters filters(const std::optional<QVariantMap> &where) const;
    void mark(const Step &step, int index);
    void markError(int index, const Error &error);
    Result<void> perform(const Step &step);

    Result<void> perform(const steps::New &step);
    Result<void> perform(const steps::Add &step);
    Result<void> perform(const steps::Set &step);
    Result<void> perform(const steps::Read &step);
    Result<void> perform(const steps::Append &step);
    Result<void> perform(const steps::Remove &step);
    Result<void> perform(const steps::Delete &step);
    Result<void> perform(const steps::Flush &step);
    Result<void> perform(const steps::Commit &step);
    Result<void> perform(const steps::Rollback &step);
    Result<void> perform(const steps::Close &step);
    Result<void> perform(const steps::Expire &step);
    Result<void> perform(const steps::Refresh &step);
    Result<void> perform(const steps::Expunge &step);
    Result<void> perform(const steps::Get &step);
    Result<void> perform(const steps::Query &step);
    Result<void> perform(const steps::BulkUpdate &step);
    Result<void> perform(const steps::BulkDelete &step);
    Result<void> perform(const steps::ExpireAll &step);
    Result<void> perform(const steps::ExpungeAll &step);
    Result<void> perform(const steps::MakeTransient &step);
    Result<void> perform(const steps::MakeTransientToDetached &step);
    Result<void> perform(const steps::BeginNested &step);
    Result<void> perform(const steps::CommitNested &step);
    Result<void> perform(const steps::RollbackNested &step);
    Result<void> perform(const steps::Merge &step);
    Result<void> perform(const steps::Unplayable &step);

    /// The session that holds @p o, else the step's.
    Session *holder(const Instance *o) const;

    Session &m_first;
    Session *m_step; ///< the session the step runs in
    const SessionGroup *m_group;
};

} // namespace ms

#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "orm/registry.h"
#include "sessiongroup.h"

#include <memory>

namespace ms {

/// What a headless play of a project needs, wired: the dispatcher with the
/// event log as its recorder, the registry, and a session on an open
/// database with the project's tables created.
class Playground
{
public:
    Playground();
    ~Playground();

    /// Maps the project's classes (the configure events), opens @p database,
    /// creates the tables and opens a session with the project's options.
    Result<void> open(const Project &project, const DatabaseSettings &database);

    Dispatcher dispatcher;
    EventLog log;
    Registry registry;
    std::unique_ptr<Session> session;
    /// The project's sessions, `session` the first.
    SessionGroup sessions;
};

/// `sqlite::memory:`, `sqlite:PATH` or `postgresql://user:password@host:port/database`.
Result<DatabaseSettings> databaseFromUrl(const QString &url);

} // namespace ms
