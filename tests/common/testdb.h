// The database an engine test runs on. A test registered with
// ms_add_test(... POSTGRES) runs twice: as NAME on SQLite in memory, and as
// NAME_pg on the PostgreSQL server that scripts/test.sh starts for the suite
// (MS_TEST_PGURL=postgresql://user@host:port/database). Each test case gets an
// empty database: on PostgreSQL the test's own database, created on first
// use, with its schema emptied.
#pragma once

#include "project/project.h"
#include "live/scenariorunner.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtTest>

namespace mstest {

/// Whether this run is the test's PostgreSQL entry.
inline bool onPostgres()
{
    return qEnvironmentVariable("MS_TEST_BACKEND") == QLatin1String("postgresql");
}

/// The message a PostgreSQL entry skips with when no server was started
/// (ctest reports the entry as skipped: SKIP_REGULAR_EXPRESSION).
inline const char *kNoServer = "MS_TEST_PGURL is not set: scripts/test.sh starts a PostgreSQL server for the suite";

namespace detail {

/// Runs @p statements on a connection of its own; empty on success, else the driver's text.
inline QString execute(const ms::DatabaseSettings &s, const QStringList &statements)
{
    const QString name = QStringLiteral("mstest-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(s.driver, name);
        db.setHostName(s.host);
        if (s.port)
            db.setPort(s.port);
        db.setUserName(s.user);
        db.setPassword(s.password);
        db.setDatabaseName(s.name);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            for (const QString &sql : statements) {
                if (!q.exec(sql)) {
                    error = sql + QStringLiteral(": ") + q.lastError().text();
                    break;
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace detail

/// An empty PostgreSQL database for one test case on the server of
/// MS_TEST_PGURL, or a QTest skip (no server) or failure: the database
/// `ms_test_<executable>` (made on first use), its schema `public` dropped
/// and created again.
inline bool postgresDatabase(ms::DatabaseSettings *out)
{
    const QString url = qEnvironmentVariable("MS_TEST_PGURL");
    if (url.isEmpty()) {
        QTest::qSkip(kNoServer, __FILE__, __LINE__);
        return false;
    }
    auto server = ms::databaseFromUrl(url);
    if (!server) {
        QTest::qFail(qPrintable(server.error().toString()), __FILE__, __LINE__);
        return false;
    }
    static QString ownName;
    ms::DatabaseSettings own = *server;
    if (ownName.isEmpty()) {
        const QString name = QStringLiteral("ms_test_") + QCoreApplication::applicationName().toLower();
        const QString quoted = QLatin1Char('"') + name + QLatin1Char('"');
        const QString error = detail::execute(*server, {QStringLiteral("DROP DATABASE IF EXISTS ") + quoted,
                                                        QStringLiteral("CREATE DATABASE ") + quoted});
        if (!error.isEmpty()) {
            QTest::qFail(qPrintable(QStringLiteral("cannot create the test database: ") + error), __FILE__, __LINE__);
            return false;
        }
        ownName = name;
    }
    own.name = ownName;
    // lock_timeout: a session a failed test left open makes this fail, not hang
    const QString error = detail::execute(own, {QStringLiteral("SET lock_timeout = '10s'"),
                                                QStringLiteral("SET client_min_messages = warning"),
                                                QStringLiteral("DROP SCHEMA IF EXISTS public CASCADE"),
                                                QStringLiteral("CREATE SCHEMA public")});
    if (!error.isEmpty()) {
        QTest::qFail(qPrintable(QStringLiteral("cannot empty the test database: ") + error), __FILE__, __LINE__);
        return false;
    }
    *out = own;
    return true;
}

/// An empty database for one test case: SQLite in memory, or on the
/// PostgreSQL entry postgresDatabase().
inline bool freshDatabase(ms::DatabaseSettings *out)
{
    if (!onPostgres()) {
        *out = ms::DatabaseSettings{};
        return true;
    }
    return postgresDatabase(out);
}

/// The settings as a `postgresql://` URL (no password: the test server trusts).
inline QString postgresUrl(const ms::DatabaseSettings &s)
{
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(s.user, s.host).arg(s.port).arg(s.name);
}

} // namespace mstest

/// In a test function: `DatabaseSettings db; MS_FRESH_DATABASE(db);`
#define MS_FRESH_DATABASE(settings)                                                                \
    do {                                                                                           \
        if (!mstest::freshDatabase(&(settings)))                                                   \
            return;                                                                                \
    } while (false)

/// In a test function: `DatabaseSettings db; MS_FRESH_POSTGRES(db);`
#define MS_FRESH_POSTGRES(settings)                                                                \
    do {                                                                                           \
        if (!mstest::postgresDatabase(&(settings)))                                                \
            return;                                                                                \
    } while (false)
