// The database going away in the middle of a session, in the main window:
// the failed action says that the database does not answer, the status bar
// says the connection is lost, Reconnect is offered (message bar and
// Session menu), fails with a clear message while the database is still
// away, and once it is back the session is rolled back and goes on. On
// PostgreSQL (tst_reconnect_pg) the server really drops the connection
// (pg_terminate_backend, as when it is stopped) and really refuses new ones
// (ALLOW_CONNECTIONS false); on SQLite the connection is closed and the
// database file's folder moved away.
#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "editors/connectiondialog.h"
#include "mainwindow.h"
#include "orm/instance.h"
#include "orm/session.h"
#include "live/sessioncontroller.h"
#include "live/workbench.h"
#include "session/sessionworkspace.h"
#include "testdb.h"
#include "uitest.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace ms;

class TestReconnect : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// Every session connection to @p db but the asking one, dropped by the server.
    static QString dropConnections(const DatabaseSettings &db)
    {
        return mstest::detail::execute(
            db, {QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                "datname = current_database() AND pid <> pg_backend_pid()")});
    }
    static QString allowConnections(const DatabaseSettings &db, bool allow)
    {
        DatabaseSettings admin = db;
        admin.name = QStringLiteral("postgres");
        return mstest::detail::execute(
            admin, {QStringLiteral("ALTER DATABASE \"%1\" WITH ALLOW_CONNECTIONS %2")
                        .arg(db.name, allow ? QStringLiteral("true") : QStringLiteral("false"))});
    }

private Q_SLOTS:
    void initTestCase()
    {
        WindowTestEnvironment::init();
    }

    void databaseGoingAwayOffersReconnect()
    {
        DatabaseSettings db;
        const QString folder = m_dir.filePath(QStringLiteral("data"));
        const QString moved = m_dir.filePath(QStringLiteral("data-away"));
        if (mstest::onPostgres()) {
            MS_FRESH_DATABASE(db);
        } else {
            QVERIFY(QDir().mkpath(folder));
            db.driver = QStringLiteral("QSQLITE");
            db.name = folder + QStringLiteral("/blog.sqlite");
        }
        MainWindow w(nullptr, m_dir.filePath(QStringLiteral("recovery")));
        w.show();
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/tests/views/data/blog_walkthrough.msproj")));
        w.document()->undoStack()->push(new SetDatabaseCommand(w.document(), db));
        QVERIFY(w.workbench()->connectTo(db));
        QVERIFY(w.applyToDatabase());
        w.showPage(1);
        SessionController *c = w.sessionController();
        SessionWorkspace *ws = w.workspace();
        QAction *reconnect = ws->reconnectAction();
        QVERIFY(!reconnect->isEnabled());
        // The database goes away: PostgreSQL's server drops the connection,
        // SQLite's is closed and its file's folder moved; why not, when it fails
        const auto goAway = [&]() -> QString {
            if (mstest::onPostgres())
                return dropConnections(db);
            w.workbench()->session()->connection().database().close();
            return QDir().rename(folder, moved) ? QString() : QStringLiteral("cannot move %1").arg(folder);
        };

        // Ada is committed; then renamed, and the database goes away.
        auto ada = c->create(QStringLiteral("User"));
        QVERIFY(ada);
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("ada")));
        QVERIFY(c->run(steps::Add {(*ada)->label()}));
        QVERIFY(c->run(steps::Commit {}));
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("ada lovelace")));
        {
            const QString away = goAway();
            QVERIFY2(away.isEmpty(), qPrintable(away));
        }

        // The flush fails and says why; Reconnect is offered.
        QVERIFY(!c->run(steps::Flush {}));
        QVERIFY(c->connectionLost());
        QVERIFY2(ws->message().contains(QLatin1String("does not answer any more")), qPrintable(ws->message()));
        QVERIFY(reconnect->isEnabled());
        bool offered = false;
        for (QToolButton *b : ws->findChildren<QToolButton *>())
            offered |= b->defaultAction() == reconnect && b->isVisible();
        QVERIFY(offered);
        auto *status = w.statusBar()->findChild<QLabel *>(QStringLiteral("statusDatabase"));
        QVERIFY(status);
        QTRY_VERIFY2(status->text().endsWith(QLatin1String("(connection lost)")), qPrintable(status->text()));
        bool inMenu = false;
        for (QMenu *m : w.findChildren<QMenu *>())
            inMenu |= m->actions().contains(reconnect);
        QVERIFY(inMenu);
        QTest::qWait(50);
        QVERIFY(w.grab().save(QDir(QStringLiteral(MS_BINARY_DIR))
                                  .filePath(mstest::onPostgres() ? QStringLiteral("reconnect_pg.png")
                                                                 : QStringLiteral("reconnect.png"))));

        // Still away: Reconnect fails with the database's reason, and is offered again.
        if (mstest::onPostgres())
            QVERIFY(allowConnections(db, false).isEmpty());
        reconnect->trigger();
        QVERIFY(c->connectionLost());
        QVERIFY2(ws->message().contains(QLatin1String("cannot reconnect")), qPrintable(ws->message()));
        QVERIFY(reconnect->isEnabled());

        // Back: Reconnect works, the session was rolled back and goes on.
        if (mstest::onPostgres())
            QVERIFY(allowConnections(db, true).isEmpty());
        else
            QVERIFY(QDir().rename(moved, folder));
        reconnect->trigger();
        QVERIFY(!c->connectionLost());
        QVERIFY(ws->message().isEmpty());
        QVERIFY(!reconnect->isEnabled());
        QVERIFY(!w.workbench()->session()->needsRollback());
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("ada byron")));
        QVERIFY2(c->run(steps::Commit {}), qPrintable(ws->message()));
        // What the database holds now, read afresh.
        QVERIFY(c->run(steps::Refresh {(*ada)->label(), std::nullopt}));
        QCOMPARE((*ada)->value((*ada)->mapper()->attributeIndex(QStringLiteral("name")) - 1).toString(),
                 QStringLiteral("ada byron"));
        QTRY_VERIFY2(!status->text().contains(QLatin1String("connection lost")), qPrintable(status->text()));

        // Inside a savepoint: the SAVEPOINT itself cannot be sent; Reconnect
        // rolls back every level, and the session goes on without one.
        QVERIFY(c->run(steps::BeginNested {}));
        QCOMPARE(w.workbench()->session()->savepointDepth(), 1);
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("countess")));
        {
            const QString away = goAway();
            QVERIFY2(away.isEmpty(), qPrintable(away));
        }
        QVERIFY(!c->run(steps::Flush {}));
        QVERIFY(c->connectionLost());
        if (!mstest::onPostgres())
            QVERIFY(QDir().rename(moved, folder));
        reconnect->trigger();
        QVERIFY(!c->connectionLost());
        QCOMPARE(w.workbench()->session()->savepointDepth(), 0);
        QVERIFY(!w.workbench()->session()->needsRollback());
        QVERIFY(c->run(steps::BeginNested {}));
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("ada")));
        QVERIFY2(c->run(steps::Commit {}), qPrintable(ws->message()));
        QVERIFY(c->run(steps::Refresh {(*ada)->label(), std::nullopt}));
        QCOMPARE((*ada)->value((*ada)->mapper()->attributeIndex(QStringLiteral("name")) - 1).toString(),
                 QStringLiteral("ada"));
    }

    void connectionDialogReachesTheServer()
    {
        if (!mstest::onPostgres())
            QSKIP("PostgreSQL only (tst_designer tries the dialog on SQLite)");
        DatabaseSettings db;
        MS_FRESH_DATABASE(db);
        MainWindow w(nullptr, m_dir.filePath(QStringLiteral("recovery3")));
        w.show();
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/tests/views/data/blog_walkthrough.msproj")));
        // Session > Database Connection, filled in as a user does, tested, OK.
        QString tested;
        QTimer::singleShot(0, &w, [&] {
            auto *dialog = qobject_cast<ConnectionDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->findChild<QComboBox *>(QStringLiteral("driver"))->setCurrentIndex(1);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("host")), db.host);
            dialog->findChild<QSpinBox *>()->setValue(db.port);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("database")), db.name);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("user")), db.user);
            QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
            tested = dialog->testResult();
            dialog->accept();
        });
        action(&w, QStringLiteral("Database &Connection..."))->trigger();
        QVERIFY2(!tested.isEmpty() && w.workbench()->isConnected(), qPrintable(tested));
        QCOMPARE(w.project().database.driver, QStringLiteral("QPSQL"));
        QCOMPARE(w.project().database.name, db.name);
        QVERIFY(w.applyToDatabase());
        SessionController *c = w.sessionController();
        auto ada = c->create(QStringLiteral("User"));
        QVERIFY(ada);
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("ada")));
        QVERIFY(c->run(steps::Add {(*ada)->label()}));
        QVERIFY2(c->run(steps::Commit {}), qPrintable(w.workspace()->message()));
        // the row is on the server, seen from a connection of the test's own
        {
            QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("check"));
            check.setHostName(db.host);
            check.setPort(db.port);
            check.setUserName(db.user);
            check.setDatabaseName(db.name);
            QVERIFY2(check.open(), qPrintable(check.lastError().text()));
            QSqlQuery q(check);
            QVERIFY2(q.exec(QStringLiteral("SELECT name FROM users")), qPrintable(q.lastError().text()));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ada"));
            QVERIFY(!q.next());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        auto *status = w.statusBar()->findChild<QLabel *>(QStringLiteral("statusDatabase"));
        QVERIFY(status->text().contains(QStringLiteral("PostgreSQL")));
        QVERIFY(status->text().contains(db.name));
    }

    void inMemoryDatabaseCannotReconnect()
    {
        if (mstest::onPostgres())
            QSKIP("SQLite only");
        MainWindow w(nullptr, m_dir.filePath(QStringLiteral("recovery2")));
        w.show();
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/tests/views/data/blog_walkthrough.msproj")));
        w.workbench()->session()->connection().database().close();
        SessionController *c = w.sessionController();
        QVERIFY(!c->run(steps::Query {QStringLiteral("User"), std::nullopt, std::nullopt, std::nullopt}));
        QVERIFY(c->connectionLost());
        w.workspace()->reconnectAction()->trigger();
        QVERIFY2(w.workspace()->message().contains(QLatin1String("apply the model again")),
                 qPrintable(w.workspace()->message()));
        // Apply makes a new database, and the loss is forgotten.
        QVERIFY(w.applyToDatabase());
        QVERIFY(!c->connectionLost());
    }
};

QTEST_MAIN(TestReconnect)
#include "tst_reconnect.moc"
