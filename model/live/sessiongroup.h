#pragma once

#include "core/result.h"
#include "orm/connection.h"
#include "project/project.h"

#include <QStringList>

#include <memory>
#include <vector>

namespace ms {

class Dispatcher;
class Instance;
class Registry;
class Session;

/// A project's sessions (format version 7, "sessions"): several sessions
/// on one database, each with its own connection and transaction, sharing
/// their objects, which move between them as SQLAlchemy's objects do. The
/// first session is the one a step that names none runs in; it is owned
/// elsewhere (the playground, the workbench), the others here.
class SessionGroup
{
public:
    /// The most sessions a project may name (Project::validate() says so too).
    static constexpr int kMaxSessions = 250;

    SessionGroup();
    ~SessionGroup();
    SessionGroup(const SessionGroup &) = delete;
    SessionGroup &operator=(const SessionGroup &) = delete;

    /// Makes @p first the first of the project's sessions and the others
    /// on @p registry and @p dispatcher, each with its options. A project
    /// that names no session is @p first alone.
    void setUp(Session *first, const Project &project, Registry *registry, Dispatcher *dispatcher);
    /// Opens every session's connection to @p database (the first's too):
    /// on SQLite's ":memory:", several sessions share one in-memory
    /// database; every connection of several fails at once on a lock
    /// another holds; on PostgreSQL each takes its isolation level.
    Result<void> open(const DatabaseSettings &database);
    /// Opens the connections of the sessions after the first (whose
    /// connection is its owner's, open on @p database already); on SQLite's
    /// ":memory:", the first's is the shared in-memory database
    /// @p memoryName.
    Result<void> openOthers(const DatabaseSettings &database, const QString &memoryName);
    /// The other sessions' connections close; the first's is its owner's.
    void clear();

    int count() const { return int(m_sessions.size()); }
    Session *at(int i) const { return m_sessions[size_t(i)]; }
    /// The session named @p name; an empty name is the first. nullptr: none.
    Session *byName(const QString &name) const;
    /// The session that holds @p o (nullptr: none of them).
    Session *holderOf(const Instance *o) const;
    /// The project's names for its sessions; empty when it names none.
    QStringList names() const { return m_names; }
    /// The settings of @p database each connection opens with.
    static Connection::Sharing sharing(const DatabaseSettings &database, const SessionDef &def,
                                       int sessions);

    /// A name for a new in-memory SQLite database several connections share.
    static QString newMemoryName();

private:
    Result<void> openFrom(size_t first, const DatabaseSettings &database, const QString &memoryName);

    std::vector<Session *> m_sessions; ///< the first is not owned
    std::vector<std::unique_ptr<Session>> m_owned;
    QList<SessionDef> m_defs;
    QStringList m_names;
    bool m_tooMany = false;
};

} // namespace ms
