#include "benchfloor.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <sqlite3.h>

#include <cstdio>
#include <string>
#include <vector>

namespace ms::benchfloor {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Bench)
};

/// A connection and its statement, closed whatever happens.
class Database
{
public:
    explicit Database(const QString &path)
    {
        m_rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr);
    }
    ~Database()
    {
        sqlite3_finalize(m_stmt);
        sqlite3_close(m_db);
    }
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool open() const { return m_rc == SQLITE_OK; }
    bool exec(const char *sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    bool prepare(const QString &sql)
    {
        const QByteArray utf8 = sql.toUtf8();
        return sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr)
            == SQLITE_OK;
    }
    sqlite3_stmt *statement() const { return m_stmt; }
    Error error(const QString &what) const
    {
        return Error{Text::tr("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_db))), {}};
    }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    int m_rc = SQLITE_ERROR;
};

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

} // namespace

Result<double> insertRows(const QString &path, const QString &insertSql, int n)
{
    const QString what = Text::tr("floor insert");
    Database db(path);
    if (!db.open())
        return db.error(what);
    QElapsedTimer t;
    t.start();
    if (!db.exec("BEGIN") || !db.prepare(insertSql))
        return db.error(what);
    sqlite3_stmt *insert = db.statement();
    char name[32];
    char email[48];
    for (int i = 1; i <= n; ++i) {
        // the values of the bench's nameOf(), emailOf(), ageOf(), scoreOf()
        const int nameLength = std::snprintf(name, sizeof name, "user%d", i);
        const int emailLength = std::snprintf(email, sizeof email, "user%d@example.org", i);
        sqlite3_bind_text(insert, 1, name, nameLength, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, email, emailLength, SQLITE_STATIC);
        sqlite3_bind_int(insert, 3, 18 + i % 60);
        sqlite3_bind_double(insert, 4, i * 0.5);
        if (sqlite3_step(insert) != SQLITE_DONE)
            return db.error(what);
        sqlite3_reset(insert);
    }
    if (!db.exec("COMMIT"))
        return db.error(what);
    return seconds(t);
}

Result<double> loadRows(const QString &path, const QString &selectSql, int n)
{
    const QString what = Text::tr("floor load");
    Database db(path);
    if (!db.open())
        return db.error(what);
    struct Row
    {
        sqlite3_int64 id;
        std::string name;
        std::string email;
        int age;
        double score;
    };
    const auto text = [](sqlite3_stmt *s, int c) {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, c));
        return p ? std::string(p, size_t(sqlite3_column_bytes(s, c))) : std::string();
    };
    QElapsedTimer t;
    t.start();
    if (!db.prepare(selectSql))
        return db.error(what);
    sqlite3_stmt *select = db.statement();
    std::vector<Row> rows;
    int rc;
    while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
        rows.push_back(Row{sqlite3_column_int64(select, 0), text(select, 1), text(select, 2),
                           sqlite3_column_int(select, 3), sqlite3_column_double(select, 4)});
    }
    if (rc != SQLITE_DONE)
        return db.error(what);
    const double elapsed = seconds(t);
    if (qsizetype(rows.size()) != n)
        return Error{Text::tr("floor load: %1 rows instead of %2").arg(rows.size()).arg(n), {}};
    return elapsed;
}

} // namespace ms::benchfloor
