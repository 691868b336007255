#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;
class QSqlDatabase;

namespace ms {

/// The SQLite side of a Connection: its statements prepared once per
/// transaction on the sqlite3 handle Qt's QSQLITE driver gives
/// (QSqlDriver::handle()), bound and stepped without Qt SQL's per-value
/// work. Values are bound and read back exactly as Qt's driver binds and
/// reads them (qsql_sqlite.cpp), so that nothing a trace shows changes.
///
/// Qt knows nothing of these statements. It closes its handle with
/// sqlite3_close(), which refuses while one of them exists and leaves the
/// handle open: sync() notices a handle that changed or went (a close
/// behind the connection's back), finalizes them and closes the handle Qt
/// could not. The Connection releases them at every transaction's end and
/// before it closes the database, so outside a transaction there are none.
class SqliteStatements
{
public:
    SqliteStatements() = default;
    ~SqliteStatements();
    SqliteStatements(const SqliteStatements &) = delete;
    SqliteStatements &operator=(const SqliteStatements &) = delete;

    /// The handle of @p db when it is an open QSQLITE database; nullptr
    /// otherwise. A changed handle first drops the statements of the old.
    sqlite3 *sync(const QSqlDatabase &db);
    /// Every statement finalized (the transaction ended, or the database
    /// is about to close); after sync(), so that a handle Qt could not
    /// close is closed.
    void release(const QSqlDatabase &db);

    /// @p sql prepared on the current handle (kept until release());
    /// nullptr when SQLite refuses it (Qt SQL then reports why).
    sqlite3_stmt *statement(const QString &sql);
    /// Binds @p params as Qt's driver would; false for a value of a type
    /// this does not bind the same way, or a count that does not match
    /// (Qt SQL then runs the statement).
    static bool bind(sqlite3_stmt *statement, const QList<QVariant> &params);
    /// A SELECT's rows are being handed out from @p statement: a release()
    /// or a changed handle meanwhile (a listener that commits, rolls back
    /// or closes inside a load) retires it instead of finalizing it, and
    /// the last endStreaming() finalizes what was retired (and closes a
    /// handle Qt let go).
    void beginStreaming() { ++m_streaming; }
    void endStreaming();
    /// Column @p c of the current row, as Qt's driver reads it (INTEGER a
    /// qint64, REAL a double, TEXT a QString, BLOB a QByteArray, NULL a
    /// null QString).
    static QVariant value(sqlite3_stmt *statement, int c);

private:
    /// Every statement finalized, or retired while rows are streamed.
    void finalizeAll();
    /// The retired statements finalized and a let-go handle closed.
    void bury();

    sqlite3 *m_db = nullptr;
    QHash<QString, sqlite3_stmt *> m_statements;
    QString m_lastSql;              ///< the statement last asked for...
    sqlite3_stmt *m_last = nullptr; ///< ...and its statement
    int m_streaming = 0;              ///< SELECTs whose rows are being handed out
    QList<sqlite3_stmt *> m_retired;  ///< dropped while streaming, finalized after
    bool m_retiredHere = false;       ///< some of them were prepared on m_db
    QList<sqlite3 *> m_letGo;         ///< handles Qt let go, closed after them
};

} // namespace ms
