#pragma once

#include "core/result.h"
#include "events/statementcause.h"
#include "orm/sqlitestatements.h"
#include "orm/settings.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ms {

class Dispatcher;

/// What sent a statement to the database (shown with every statement event).
enum class StatementSource : quint8 { Flush, Query, Load, Bulk, Ddl, Transaction };
QString statementSourceName(StatementSource source);

class Dispatcher;
/// Records a statement event on @p dispatcher (its recorder keeps the SQL,
/// parameters, source, time and row count); the handle of its value, 0 when
/// nobody listens or records. Connection records its own statements; the
/// DDL Apply sends goes through here too.
quint32 recordStatement(Dispatcher *dispatcher, const QString &sql, const QVariantList &params,
                        StatementSource source, quint32 classId, double ms, qint64 rows,
                        const QString &failure, const StatementCause &cause = {},
                        const StatementCause &trigger = {});

/// The session's database: one QSqlDatabase, its transaction, a cache of
/// prepared statements, and a statement event for every statement sent
/// (its SQL, bound parameters, row count, duration and what sent it).
/// Values are always bound; identifiers are quoted by the callers through
/// the driver (Ddl::quote).
class Connection
{
public:
    /// @p dispatcher receives a Statement event for each statement (may be null).
    explicit Connection(Dispatcher *dispatcher = nullptr);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    /// Why the statements sent while it lives are sent. Causes nest: the
    /// innermost is the statement's, and a flush's statement sent inside
    /// another cause (a query, a get, a lazy load) was sent by the
    /// autoflush that cause made, which the statement records too.
    class Cause
    {
    public:
        Cause(Connection &connection, const StatementCause &cause) : m_connection(connection)
        {
            m_connection.m_causes.push_back(cause);
        }
        ~Cause() { m_connection.m_causes.pop_back(); }
        Cause(const Cause &) = delete;
        Cause &operator=(const Cause &) = delete;

    private:
        Connection &m_connection;
    };
    /// The innermost cause (none when nothing is being done on the user's behalf).
    StatementCause cause() const { return m_causes.empty() ? StatementCause {} : m_causes.back(); }

    enum class Access : quint8 { ReadWrite, ReadOnly };
    /// Opens the database described by @p settings; the driver's own error
    /// text on failure. ReadOnly: an SQLite file is opened read-only, and
    /// one that is missing is an error rather than made.
    Result<void> open(const DatabaseSettings &settings, Access access = Access::ReadWrite);
    /// How the connection of one of several sessions opens (a project's
    /// "sessions"): each session has its own.
    struct Sharing
    {
        /// SQLite's ":memory:": the name of the in-memory database the
        /// sessions' connections share (SQLite's shared cache).
        QString memoryName;
        /// A lock another connection holds fails the statement (an
        /// OperationalError): on SQLite at once ("database is locked"),
        /// rather than after 5 seconds; on PostgreSQL after 0.2 seconds
        /// (lock_timeout), rather than never (one thread plays every session).
        bool noBusyWait = false;
        /// PostgreSQL: "read committed", "repeatable read" or
        /// "serializable" for every transaction; empty: the server's.
        QString isolation;
    };
    Result<void> open(const DatabaseSettings &settings, Access access, const Sharing &sharing);
    /// Uses an already open database (tests, the GUI's connection).
    void attach(const QSqlDatabase &db);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    /// Whether the database still answers, asked with a statement of its own
    /// (not recorded): false when the connection was closed or the server
    /// went away (stopped, restarted, the network down). A PostgreSQL
    /// transaction aborted by a failed statement still answers.
    bool isAlive();
    /// The kind of a failed statement's error from the database's own code
    /// ("IntegrityError"), or empty when the code does not tell.
    QString errorKind(const QSqlError &error) const;
    QSqlDatabase &database() { return m_db; }
    const QSqlDriver *driver() const { return m_db.driver(); }
    /// SQLite steps a forward-only query row by row. QPSQL runs one in
    /// single-row mode, and the next statement on the connection (a load
    /// listener's query while rows are streamed) throws its rows away; there
    /// the whole result is read at once.
    bool forwardOnly() const;
    /// The driver's message, or what happened when it gives none.
    QString errorText(const QSqlError &error) const;

    /// Called once per transaction, just before its first statement: the
    /// session fires after_begin there.
    void setBeginHook(std::function<void()> hook) { m_beginHook = std::move(hook); }

    /// Called after each SAVEPOINT the connection sends (the session fires
    /// the nested transaction's after_begin there).
    void setSavepointHook(std::function<void()> hook) { m_savepointHook = std::move(hook); }

    bool inTransaction() const { return m_inTransaction; }
    /// No transactions (a Ming session, as MongoDB has none): execute()
    /// begins none, and each statement commits on its own.
    void setAutocommit(bool on) { m_autocommit = on; }
    bool isAutocommit() const { return m_autocommit; }
    /// Begins the database transaction now if none is (a flush takes its
    /// connection before its first hook), then sends the SAVEPOINTs asked
    /// for since (requestSavepoint()).
    Result<void> begin();
    /// Ends the database transaction, if one was begun (its savepoints with it).
    Result<void> commit();
    Result<void> rollback();

    /// A nested transaction began (Session.begin_nested()): its
    /// `SAVEPOINT sa_savepoint_N` is sent with the next statement, as
    /// SQLAlchemy's SessionTransaction connects only when it is used. N
    /// counts from 1 in each database transaction.
    void requestSavepoint() { ++m_pendingSavepoints; }
    /// The innermost nested transaction commits: `RELEASE SAVEPOINT`, or
    /// nothing when its SAVEPOINT was never sent.
    Result<void> releaseSavepoint();
    /// The innermost nested transaction rolls back: `ROLLBACK TO
    /// SAVEPOINT`, or nothing when its SAVEPOINT was never sent.
    Result<void> rollbackToSavepoint();
    /// The SAVEPOINTs sent and not yet released or rolled back to.
    int openSavepoints() const { return int(m_savepoints.size()); }

    struct Rows
    {
        QList<QList<QVariant>> rows; ///< for SELECT
        qint64 affected = -1;        ///< for INSERT/UPDATE/DELETE
        QVariant lastInsertId;
    };
    /// Called for each row of a streamed SELECT, with that row's values.
    using RowSink = std::function<void(const QList<QVariant> &row)>;
    /// Runs @p sql with @p params bound in order, inside the transaction
    /// (begun first when none is). @p classId names the mapper for the event.
    /// A SELECT's rows are returned, or, with a @p sink, handed to it one by
    /// one without being kept (its statement event comes before them).
    Result<Rows> execute(const QString &sql, const QVariantList &params, StatementSource source,
                         quint32 classId = 0, const RowSink &sink = {});

    /// Runs @p sql once for each parameter set of @p rows (DBAPI's
    /// executemany(), as SQLAlchemy sends a many-to-many's link rows): one
    /// statement event, its parameters the list of sets, its row count the
    /// rows all of them touched. Not for a SELECT.
    Result<Rows> executeMany(const QString &sql, const QList<QVariantList> &rows, StatementSource source,
                             quint32 classId = 0);

    /// Makes one statement fail (tests: fault injection): @p countdown
    /// statements succeed first. A fault hook; -1 switches it off.
    void failAfter(int countdown, QString message = QString());
    /// Called before each statement (tests: real faults). It may act on the
    /// database (close it, make it read-only) so that the statement fails
    /// for real, or return a driver-like message to fail it with.
    using FaultHook = std::function<QString(const QString &sql)>;
    void setFaultHook(FaultHook hook) { m_faultHook = std::move(hook); }
    /// How many statements were sent since the connection was opened.
    qint64 statementCount() const { return m_statements; }

private:
    /// execute() on SQLite through its own statements; std::nullopt when
    /// Qt SQL must run it (a value it binds otherwise, or a failure: Qt SQL
    /// runs the statement again and reports the error in its own words).
    std::optional<Result<Rows>> executeOnSqlite(const QString &sql, const QVariantList &params,
                                                StatementSource source, quint32 classId,
                                                const RowSink &sink, const QElapsedTimer &timer);
    /// A streamed SELECT's rows ended: its statement event gets its row
    /// count and time, and the SQL may be prepared again.
    void endStreaming(const QString &sql, quint32 handle, qint64 rows, const QElapsedTimer &timer);
    QSqlQuery *prepared(const QString &sql, QSqlQuery *fresh, QString *failure);
    /// Records the statement event; the handle of its value (0: not recorded).
    quint32 record(const QString &sql, const QVariantList &params, StatementSource source,
                   quint32 classId, double ms, qint64 rows, const QString &failure);
    /// Sends a transaction statement (SAVEPOINT, RELEASE, ROLLBACK TO) as it
    /// is, unprepared (PostgreSQL cannot prepare one), and records it.
    Result<void> sendTransactionStatement(const QString &sql);
    /// The savepoint statements end with the transaction.
    void forgetSavepoints();
    /// The innermost savepoint ends with @p statement ("RELEASE SAVEPOINT "),
    /// sent only when its SAVEPOINT was.
    Result<void> endSavepoint(const QString &statement);

    Dispatcher *m_dispatcher;
    QSqlDatabase m_db;
    QString m_connectionName;
    bool m_owned = false;
    bool m_inTransaction = false;
    std::function<void()> m_beginHook;
    bool m_autocommit = false;
    std::function<void()> m_savepointHook;
    int m_pendingSavepoints = 0; ///< asked for, not sent yet (the innermost ones)
    int m_savepointCount = 0;    ///< sent in this transaction (names the next)
    QStringList m_savepoints;    ///< sent and open, the innermost last
    QHash<QString, std::shared_ptr<QSqlQuery>> m_prepared;
    QString m_lastSql;                ///< the statement last prepared or reused...
    QSqlQuery *m_lastQuery = nullptr; ///< ...and its query (owned by m_prepared)
    QStringList m_reading;  ///< statements whose rows are being streamed
    qint64 m_statements = 0;
    FaultHook m_faultHook;
    SqliteStatements m_sqlite;
    std::vector<StatementCause> m_causes; ///< Cause scopes, innermost last
};

} // namespace ms
