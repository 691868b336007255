#include "connection.h"

#include "ddl.h"
#include "events/dispatcher.h"
#include "events/eventlog.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlRecord>

#include <sqlite3.h>

namespace ms {

bool Connection::forwardOnly() const
{
    return !Ddl::isPostgres(driver());
}

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Connection)
};

QAtomicInteger<quint64> s_connectionCounter;
} // namespace

QString statementSourceName(StatementSource source)
{
    switch (source) {
    case StatementSource::Flush:
        return QStringLiteral("flush");
    case StatementSource::Query:
        return QStringLiteral("query");
    case StatementSource::Load:
        return QStringLiteral("load");
    case StatementSource::Bulk:
        return QStringLiteral("bulk");
    case StatementSource::Ddl:
        return QStringLiteral("ddl");
    case StatementSource::Transaction:
        return QStringLiteral("transaction");
    }
    return QString();
}

Connection::Connection(Dispatcher *dispatcher) : m_dispatcher(dispatcher) {}

Connection::~Connection()
{
    close();
}

QString Connection::errorText(const QSqlError &error) const
{
    // A closed connection (the server went away, or it was closed) gives
    // an empty message from some drivers: say what happened.
    // The database's own words; the driver's ("Unable to fetch row") only
    // when the database said nothing.
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    if (!m_db.isOpen())
        return text.isEmpty() ? Tr::tr("the database connection is closed")
                              : Tr::tr("the database connection is closed: %1").arg(text);
    return text.isEmpty() ? Tr::tr("the database refused the statement without saying why") : text;
}

QString Connection::errorKind(const QSqlError &error) const
{
    // The database's own code, mapped as the DB-API drivers SQLAlchemy uses
    // map it: SQLSTATE class 23 (psycopg2), SQLITE_CONSTRAINT and its
    // extended codes (sqlite3) are an IntegrityError. Empty: the session
    // guesses from the text.
    const QString code = error.nativeErrorCode();
    if (code.isEmpty() || !m_db.isValid())
        return {};
    // A lock another connection holds, a serialization failure or a
    // deadlock (SQLITE_BUSY, SQLITE_LOCKED; SQLSTATE 55P03, class 40) is
    // an OperationalError.
    if (m_db.driverName() == QLatin1String("QPSQL")) {
        if (code.startsWith(QLatin1String("23")))
            return QStringLiteral("IntegrityError");
        if (code.startsWith(QLatin1String("40")) || code == QLatin1String("55P03"))
            return QStringLiteral("OperationalError");
        return {};
    }
    bool number = false;
    const int sqlite = code.toInt(&number);
    if (!number)
        return {};
    if ((sqlite & 0xff) == 19)
        return QStringLiteral("IntegrityError");
    if ((sqlite & 0xff) == 5 || (sqlite & 0xff) == 6)
        return QStringLiteral("OperationalError");
    return {};
}

Result<void> Connection::open(const DatabaseSettings &settings, Access access)
{
    return open(settings, access, Sharing {});
}

Result<void> Connection::open(const DatabaseSettings &settings, Access access, const Sharing &sharing)
{
    close();
    const bool sqlite = settings.driver == QLatin1String("QSQLITE");
    QString isolation;
    if (!sharing.isolation.isEmpty()) {
        // a fixed list: the level is written into the statement, not bound
        if (!isolationLevels().contains(sharing.isolation))
            return Error {Tr::tr("unknown isolation level \"%1\"").arg(sharing.isolation), {}};
        isolation = sharing.isolation.toUpper();
    }
    if (!QSqlDatabase::isDriverAvailable(settings.driver)) {
        return Error{Tr::tr("the Qt SQL driver %1 is not installed (available: %2)")
                         .arg(settings.driver, QSqlDatabase::drivers().join(QLatin1String(", "))),
                     {}};
    }
    m_connectionName = QStringLiteral("mapperscope-%1").arg(++s_connectionCounter);
    m_db = QSqlDatabase::addDatabase(settings.driver, m_connectionName);
    m_db.setDatabaseName(sqlite && !sharing.memoryName.isEmpty()
                             ? QStringLiteral("file:%1?mode=memory&cache=shared").arg(sharing.memoryName)
                             : settings.name);
    if (!settings.host.isEmpty())
        m_db.setHostName(settings.host);
    if (settings.port > 0)
        m_db.setPort(settings.port);
    if (!settings.user.isEmpty())
        m_db.setUserName(settings.user);
    if (!settings.password.isEmpty())
        m_db.setPassword(settings.password);
    if (sqlite) {
        QStringList options;
        if (access == Access::ReadOnly)
            options << QStringLiteral("QSQLITE_OPEN_READONLY");
        if (!sharing.memoryName.isEmpty())
            options << QStringLiteral("QSQLITE_OPEN_URI");
        if (sharing.noBusyWait)
            options << QStringLiteral("QSQLITE_BUSY_TIMEOUT=0");
        if (!options.isEmpty())
            m_db.setConnectOptions(options.join(QLatin1Char(';')));
    }
    m_owned = true;
    if (!m_db.open()) {
        const QString text = m_db.lastError().text();
        close();
        return Error{Tr::tr("cannot open the database: %1").arg(text), {}};
    }
    if (!sqlite) {
        // (not recorded: the connection's settings, not the scenario's statements)
        QStringList settings;
        if (!isolation.isEmpty())
            settings << QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ") + isolation;
        // a row another session locked: one thread plays every session, so
        // waiting for the other to commit would wait for ever
        if (sharing.noBusyWait)
            settings << QStringLiteral("SET lock_timeout = 200");
        for (const QString &sql : std::as_const(settings)) {
            QSqlQuery set(m_db);
            if (!set.exec(sql)) {
                const QString text = set.lastError().text();
                close();
                return Error {Tr::tr("cannot set up the connection: %1").arg(text), {}};
            }
        }
    }
    return {};
}

void Connection::attach(const QSqlDatabase &db)
{
    close();
    m_db = db;
    m_owned = false;
}

void Connection::close()
{
    m_sqlite.release(m_db);
    m_prepared.clear();
    m_lastSql.clear();
    m_lastQuery = nullptr;
    if (m_db.isValid() && m_inTransaction)
        m_db.rollback();
    m_inTransaction = false;
    if (m_owned) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_owned = false;
    } else {
        m_db = QSqlDatabase();
    }
}

bool Connection::isAlive()
{
    if (!m_db.isOpen())
        return false;
    QSqlQuery ping(m_db);
    if (ping.exec(QStringLiteral("SELECT 1")))
        return true;
    // 25P02: "current transaction is aborted": the server is there.
    return ping.lastError().nativeErrorCode() == QLatin1String("25P02");
}

Result<void> Connection::begin()
{
    if (m_inTransaction && m_pendingSavepoints == 0)
        return {};
    if (m_autocommit && !m_inTransaction) {
        if (!m_db.isOpen())
            return Error{Tr::tr("the database is not open"), {}};
        return {}; // each statement commits on its own
    }
    if (!m_inTransaction) {
        if (!m_db.isOpen())
            return Error{Tr::tr("the database is not open"), {}};
        if (!m_db.transaction())
            return Error{Tr::tr("cannot begin a transaction: %1").arg(m_db.lastError().text()), {}};
        m_inTransaction = true;
        m_savepointCount = 0;
        if (m_beginHook)
            m_beginHook();
    }
    // the nested transactions connect outermost first, each after_begin
    // after its SAVEPOINT (SessionTransaction._connection_for_bind())
    while (m_pendingSavepoints > 0) {
        const QString name = QStringLiteral("sa_savepoint_%1").arg(m_savepointCount + 1);
        if (auto r = sendTransactionStatement(QStringLiteral("SAVEPOINT ") + name); !r)
            return r;
        ++m_savepointCount;
        --m_pendingSavepoints;
        m_savepoints.append(name);
        if (m_savepointHook)
            m_savepointHook();
    }
    return {};
}

Result<void> Connection::commit()
{
    forgetSavepoints();
    if (!m_inTransaction)
        return {};
    m_inTransaction = false;
    m_sqlite.release(m_db);
    if (!m_db.commit()) {
        const QString text = m_db.lastError().text();
        m_db.rollback();
        return Error{Tr::tr("the database refused the commit: %1").arg(text), {}};
    }
    return {};
}

Result<void> Connection::rollback()
{
    forgetSavepoints();
    if (!m_inTransaction)
        return {};
    m_inTransaction = false;
    m_sqlite.release(m_db);
    if (!m_db.rollback())
        return Error{Tr::tr("the database refused the rollback: %1").arg(m_db.lastError().text()), {}};
    return {};
}

void Connection::forgetSavepoints()
{
    m_pendingSavepoints = 0;
    m_savepoints.clear();
}

Result<void> Connection::releaseSavepoint()
{
    return endSavepoint(QStringLiteral("RELEASE SAVEPOINT "));
}

Result<void> Connection::rollbackToSavepoint()
{
    // (SQLite's statements of this transaction stay prepared: ROLLBACK TO
    // keeps the transaction, and each statement was reset after its use)
    return endSavepoint(QStringLiteral("ROLLBACK TO SAVEPOINT "));
}

Result<void> Connection::endSavepoint(const QString &statement)
{
    if (m_pendingSavepoints > 0) { // never sent: nothing to end
        --m_pendingSavepoints;
        return {};
    }
    if (m_savepoints.isEmpty())
        return {};
    return sendTransactionStatement(statement + m_savepoints.takeLast());
}

Result<void> Connection::sendTransactionStatement(const QString &sql)
{
    QElapsedTimer timer;
    timer.start();
    ++m_statements;
    QString failure, kind;
    if (m_faultHook)
        failure = m_faultHook(sql);
    if (failure.isEmpty()) {
        QSqlQuery q(m_db);
        if (!q.exec(sql)) {
            failure = errorText(q.lastError());
            kind = errorKind(q.lastError());
        }
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    // (no cause: the statement that needed the savepoint has its own)
    recordStatement(m_dispatcher, sql, {}, StatementSource::Transaction, 0, ms, 0, failure);
    if (!failure.isEmpty())
        return Error{failure, sql, kind};
    return {};
}

void Connection::failAfter(int countdown, QString message)
{
    if (countdown < 0) {
        m_faultHook = {};
        return;
    }
    if (message.isEmpty())
        message = Tr::tr("injected failure");
    // fails statement number countdown + 1 once, then lets all through
    m_faultHook = [countdown, message](const QString &) mutable {
        if (countdown < 0)
            return QString();
        return countdown-- == 0 ? message : QString();
    };
}

QSqlQuery *Connection::prepared(const QString &sql, QSqlQuery *fresh, QString *failure)
{
    // A query still being read (a listener's query inside a load) is not
    // reused: the nested statement gets one of its own.
    if (m_reading.contains(sql)) {
        *fresh = QSqlQuery(m_db);
        fresh->setForwardOnly(forwardOnly());
        if (!fresh->prepare(sql)) {
            *failure = errorText(fresh->lastError());
            return nullptr;
        }
        return fresh;
    }
    // The same statement as last time (a flush's batch): the same QString
    // data, so no hashing of the SQL.
    if (!m_lastSql.isNull() && sql.constData() == m_lastSql.constData()
        && sql.size() == m_lastSql.size() && m_lastQuery)
        return m_lastQuery;
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        auto q = std::make_shared<QSqlQuery>(m_db);
        q->setForwardOnly(forwardOnly());
        if (!q->prepare(sql)) {
            *failure = errorText(q->lastError());
            return nullptr;
        }
        it = m_prepared.insert(sql, std::move(q));
    }
    m_lastSql = sql;
    m_lastQuery = it.value().get();
    return m_lastQuery;
}

quint32 recordStatement(Dispatcher *dispatcher, const QString &sql, const QVariantList &params,
                        StatementSource source, quint32 classId, double ms, qint64 rows,
                        const QString &failure, const StatementCause &cause,
                        const StatementCause &trigger)
{
    if (!dispatcher || !dispatcher->isActive(EventType::Statement))
        return 0;
    Event e;
    e.type = EventType::Statement;
    e.classId = quint16(classId);
    e.flags = failure.isEmpty() ? 0 : Event::Failed;
    // for the timeline's N+1 detection, without decoding every statement
    if (cause.kind == StatementCause::Kind::LazyLoad)
        e.flags |= Event::LazyLoadStatement;
    else if (cause.kind == StatementCause::Kind::Query)
        e.flags |= Event::QueryStatement;
    if (EventLog *log = dispatcher->recorder())
        e.value = log->addStatement(sql, params, statementSourceName(source), ms,
                                    failure.isEmpty() ? rows : -1, failure, cause, trigger);
    dispatcher->fire(e);
    return e.value;
}

quint32 Connection::record(const QString &sql, const QVariantList &params, StatementSource source,
                           quint32 classId, double ms, qint64 rows, const QString &failure)
{
    StatementCause cause, trigger;
    if (!m_causes.empty()) {
        cause = m_causes.back();
        // an autoflush: the flush's statement inside a query, get, lazy load, ...
        if (cause.isFlush()) {
            for (auto it = m_causes.rbegin(); it != m_causes.rend(); ++it) {
                if (!it->isFlush() && it->kind != StatementCause::Kind::None) {
                    trigger = *it;
                    break;
                }
            }
        }
    }
    return recordStatement(m_dispatcher, sql, params, source, classId, ms, rows, failure, cause,
                           trigger);
}

Result<Connection::Rows> Connection::execute(const QString &sql, const QVariantList &params,
                                             StatementSource source, quint32 classId,
                                             const RowSink &sink)
{
    if (auto r = begin(); !r)
        return r.error();
    QElapsedTimer timer;
    timer.start();
    ++m_statements;
    auto elapsedMs = [&timer] { return double(timer.nsecsElapsed()) / 1e6; };

    QString failure;
    if (m_faultHook)
        failure = m_faultHook(sql); // a message stands for the driver's
    if (failure.isEmpty() && !m_reading.contains(sql)) {
        if (auto done = executeOnSqlite(sql, params, source, classId, sink, timer))
            return std::move(*done);
    }
    Rows out;
    QString kind;
    QSqlQuery fresh; // (not made on SQLite's own path above)
    QSqlQuery *q = nullptr;
    if (failure.isEmpty()) {
        q = prepared(sql, &fresh, &failure);
        if (q) {
            for (int i = 0; i < params.size(); ++i)
                q->bindValue(i, params[i]);
            if (!q->exec()) {
                failure = errorText(q->lastError());
                kind = errorKind(q->lastError());
            }
        }
    }
    if (!failure.isEmpty()) {
        record(sql, params, source, classId, elapsedMs(), -1, failure);
        return Error{failure, sql, kind};
    }

    if (!q->isSelect()) {
        out.affected = q->numRowsAffected();
        // QPSQL answers lastInsertId() with a `SELECT lastval()` of its own,
        // which fails when no sequence was used yet and so aborts the
        // transaction; on PostgreSQL keys come back through RETURNING.
        if (!Ddl::isPostgres(driver()))
            out.lastInsertId = q->lastInsertId();
        q->finish();
        record(sql, params, source, classId, elapsedMs(), out.affected, QString());
        return out;
    }
    const int columns = q->record().count();
    if (!sink) {
        while (q->next()) {
            QList<QVariant> row;
            row.reserve(columns);
            for (int c = 0; c < columns; ++c)
                row.append(q->value(c));
            out.rows.append(std::move(row));
        }
        q->finish();
        record(sql, params, source, classId, elapsedMs(), out.rows.size(), QString());
        return out;
    }

    // Streamed: the statement is recorded before its rows are handed over
    // (its events come first, as before), then its row count and time are
    // filled in, also when the sink throws.
    const quint32 handle = record(sql, params, source, classId, elapsedMs(), 0, QString());
    qint64 rows = 0;
    m_reading.append(sql);
    const auto done = qScopeGuard([&] {
        q->finish();
        endStreaming(sql, handle, rows, timer);
    });
    QList<QVariant> row(columns);
    while (q->next()) {
        for (int c = 0; c < columns; ++c)
            row[c] = q->value(c);
        sink(row);
        ++rows;
    }
    return out;
}

Result<Connection::Rows> Connection::executeMany(const QString &sql, const QList<QVariantList> &rows,
                                                 StatementSource source, quint32 classId)
{
    if (auto r = begin(); !r)
        return r.error();
    QElapsedTimer timer;
    timer.start();
    ++m_statements;
    QVariantList recorded;
    recorded.reserve(rows.size());
    for (const QVariantList &params : rows)
        recorded.append(QVariant(params));
    QString failure, kind;
    if (m_faultHook)
        failure = m_faultHook(sql);
    Rows out;
    out.affected = 0;
    QSqlQuery fresh;
    QSqlQuery *q = failure.isEmpty() ? prepared(sql, &fresh, &failure) : nullptr;
    for (qsizetype i = 0; q && failure.isEmpty() && i < rows.size(); ++i) {
        for (int k = 0; k < rows[i].size(); ++k)
            q->bindValue(k, rows[i][k]);
        if (!q->exec()) {
            failure = errorText(q->lastError());
            kind = errorKind(q->lastError());
        } else {
            out.affected += q->numRowsAffected();
        }
    }
    if (q)
        q->finish();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (!failure.isEmpty()) {
        record(sql, recorded, source, classId, ms, -1, failure);
        return Error{failure, sql, kind};
    }
    record(sql, recorded, source, classId, ms, out.affected, QString());
    return out;
}

void Connection::endStreaming(const QString &sql, quint32 handle, qint64 rows,
                              const QElapsedTimer &timer)
{
    m_reading.removeOne(sql);
    if (handle && m_dispatcher && m_dispatcher->recorder())
        m_dispatcher->recorder()->finishStatement(handle, double(timer.nsecsElapsed()) / 1e6, rows);
}

std::optional<Result<Connection::Rows>> Connection::executeOnSqlite(const QString &sql,
                                                                    const QVariantList &params,
                                                                    StatementSource source,
                                                                    quint32 classId,
                                                                    const RowSink &sink,
                                                                    const QElapsedTimer &timer)
{
    sqlite3 *db = m_sqlite.sync(m_db);
    if (!db)
        return std::nullopt;
    sqlite3_stmt *st = m_sqlite.statement(sql);
    if (!st || !SqliteStatements::bind(st, params))
        return std::nullopt;
    auto elapsedMs = [&timer] { return double(timer.nsecsElapsed()) / 1e6; };
    const int columns = sqlite3_column_count(st);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        // nothing happened (SQLite undoes a failed statement): Qt SQL runs
        // it again and reports the error as it always has
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return std::nullopt;
    }
    Rows out;
    if (columns == 0) {
        sqlite3_reset(st);
        out.affected = sqlite3_changes(db);
        // QSQLiteResult::lastInsertId(): the connection's last rowid, if any
        if (const qint64 id = sqlite3_last_insert_rowid(db))
            out.lastInsertId = id;
        record(sql, params, source, classId, elapsedMs(), out.affected, QString());
        return Result<Rows>(std::move(out));
    }
    QList<QVariant> row(columns);
    auto readRow = [&] {
        for (int c = 0; c < columns; ++c)
            row[c] = SqliteStatements::value(st, c);
    };
    if (!sink) {
        for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
            readRow();
            out.rows.append(row);
        }
        sqlite3_reset(st);
        record(sql, params, source, classId, elapsedMs(), out.rows.size(), QString());
        return Result<Rows>(std::move(out));
    }
    // Streamed, as execute() does: recorded first, its count and time
    // filled in at the end, also when the sink throws. A row that fails to
    // step ends the rows, as QSqlQuery::next() does.
    const quint32 handle = record(sql, params, source, classId, elapsedMs(), 0, QString());
    qint64 rows = 0;
    m_reading.append(sql);
    m_sqlite.beginStreaming();
    const auto done = qScopeGuard([&] {
        sqlite3_reset(st);
        m_sqlite.endStreaming(); // may finalize st
        endStreaming(sql, handle, rows, timer);
    });
    for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
        readRow();
        sink(row);
        ++rows;
    }
    return Result<Rows>(Rows());
}

} // namespace ms
