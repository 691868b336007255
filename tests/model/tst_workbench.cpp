// "Apply to database": the model is mapped (configuration events in the
// log), its tables created; applying again replaces the tables the last
// apply made and says which hold rows first; a model with problems is
// refused before anything is dropped; connection errors carry the driver's text.
#include "events/eventlog.h"
#include "orm/session.h"
#include "project/projectfile.h"
#include "live/scenariorunner.h"
#include "live/workbench.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ms;

class TestWorkbench : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    Project blogOnFile(const QString &file)
    {
        auto p = ProjectFile::read(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj"));
        if (!p)
            qFatal("%s", qPrintable(p.error().toString()));
        p->database.name = m_dir.filePath(file);
        return *p;
    }

    static qint64 exec(const QString &file, const QString &sql)
    {
        qint64 result = -1;
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(file);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql))
                    result = q.next() ? q.value(0).toLongLong() : q.numRowsAffected();
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        return result;
    }

private Q_SLOTS:
    void appliesAndReplacesWithRowCounts()
    {
        const Project p = blogOnFile(QStringLiteral("apply.sqlite"));
        Workbench bench;
        QCOMPARE(bench.stateText(), QStringLiteral("not connected"));
        QVERIFY(bench.connectTo(p.database));
        auto tables = bench.tablesToReplace(p.schema);
        QVERIFY(tables);
        QVERIFY(tables->isEmpty());
        QVERIFY(bench.apply(p));
        QVERIFY(bench.session());
        QVERIFY(bench.log()->size() > 20); // the configuration events
        QCOMPARE(exec(p.database.name, QStringLiteral("SELECT COUNT(*) FROM users")), 0);
        QCOMPARE(exec(p.database.name, QStringLiteral("INSERT INTO users (name) VALUES ('ann')")),
                 1);

        tables = bench.tablesToReplace(p.schema);
        QVERIFY(tables);
        QCOMPARE(tables->size(), 3);
        qint64 userRows = -1;
        for (const auto &t : *tables) {
            if (t.name == QLatin1String("users"))
                userRows = t.rows;
        }
        QCOMPARE(userRows, 1);

        // The class's table renamed: the old table the last apply made goes too.
        Project renamed = p;
        renamed.schema.classes[0].table = QStringLiteral("people");
        tables = bench.tablesToReplace(renamed.schema);
        QVERIFY(tables);
        QCOMPARE(tables->size(), 3);
        QVERIFY(bench.apply(renamed));
        QCOMPARE(exec(p.database.name, QStringLiteral("SELECT COUNT(*) FROM people")), 0);
        QCOMPARE(exec(p.database.name,
                      QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'users'")),
                 0);
        QVERIFY(bench.stateText().contains(QLatin1String("classes mapped: 3")));
    }

    void theProjectsSessionsPlayInTheWindowsWorkbench_data()
    {
        QTest::addColumn<bool>("onFile");
        QTest::newRow("in memory") << false;
        QTest::newRow("on a file") << true;
    }

    void theProjectsSessionsPlayInTheWindowsWorkbench()
    {
        // the window's workbench opens a connection per session, the
        // others on the first's in-memory database, and the stale read
        // plays as the exported program plays it
        QFETCH(bool, onFile);
        auto p = ProjectFile::read(QStringLiteral(MS_SOURCE_DIR "/tests/golden3/sessions.msproj"));
        QVERIFY(p.ok());
        if (onFile)
            p->database.name = m_dir.filePath(QStringLiteral("sessions.sqlite"));
        Workbench bench;
        QVERIFY(bench.connectTo(p->database));
        QVERIFY(bench.apply(*p));
        QVERIFY(bench.sessions());
        QCOMPARE(bench.sessions()->count(), 2);
        QCOMPARE(bench.log()->sessionNames(), QStringList({"A", "B"}));
        const Scenario &stale = p->scenarios.first();
        ScenarioRunner runner(*bench.session(), bench.sessions());
        const auto played = runner.run(stale);
        QVERIFY2(played.ok(), qPrintable(played.ok() ? QString() : played.error().toString()));
        Session *b = bench.sessions()->byName(QStringLiteral("B"));
        QCOMPARE(b->objectByLabel(QStringLiteral("Account#1"))->value(2).toInt(), 150);
        const QString state = bench.stateText();
        QVERIFY2(state.contains(QLatin1String("A: identity 2, new 0")) && state.contains(QLatin1String("B: identity 2, new 0")),
                 qPrintable(state));
        // applied again: a fresh database, the sessions again
        QVERIFY(bench.apply(*p));
        QCOMPARE(bench.sessions()->count(), 2);
        QVERIFY(bench.sessions()->byName(QStringLiteral("B"))->query(QStringLiteral("Account"))->isEmpty());
        if (onFile) {
            // the database comes back: every session's connection opens again
            QVERIFY(bench.reconnect().ok());
            QVERIFY(bench.sessions()->byName(QStringLiteral("B"))->query(QStringLiteral("Account")).ok());
        }
    }

    void existingTablesThatFitKeepTheirRows()
    {
        // tables with a row, made by an earlier apply
        const Project p = blogOnFile(QStringLiteral("existing.sqlite"));
        {
            Workbench first;
            QVERIFY(first.connectTo(p.database));
            QVERIFY(first.apply(p));
        }
        QCOMPARE(exec(p.database.name, QStringLiteral("INSERT INTO users (name) VALUES ('ann')")), 1);

        Workbench bench;
        QVERIFY(bench.connectTo(p.database));
        const auto used = bench.useExistingTables(p);
        QVERIFY2(used.ok(), used.ok() ? "" : qPrintable(used.error().toString()));
        QVERIFY(bench.session());
        // the row is there, and the session finds it
        auto rows = bench.session()->query(QStringLiteral("User"), {}, QStringLiteral("id"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        QCOMPARE(exec(p.database.name, QStringLiteral("SELECT COUNT(*) FROM users")), 1);
        // not made by us: Apply would ask before dropping them
        auto tables = bench.tablesToReplace(p.schema);
        QVERIFY(tables.ok());
        QCOMPARE(tables->size(), 3);

        // a model that does not fit: every difference said, nothing changed
        Project other = p;
        ColumnDef extra;
        extra.name = QStringLiteral("nickname");
        other.schema.classes[0].columns << extra;
        other.schema.classes[0].columns[1].unique = false; // name
        other.schema.classes[1].columns[1].typeName = QStringLiteral("integer"); // title
        ClassDef tag;
        tag.name = QStringLiteral("Tag");
        tag.table = QStringLiteral("tags");
        ColumnDef id;
        id.name = QStringLiteral("id");
        id.typeName = QStringLiteral("integer");
        id.primaryKey = true;
        id.nullable = false;
        tag.columns << id;
        other.schema.classes << tag;
        Session *before = bench.session();
        const auto refused = bench.useExistingTables(other);
        QVERIFY(!refused.ok());
        const QString message = refused.error().message;
        QVERIFY2(message.contains(QLatin1String("(4)")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("users.nickname: the column is missing")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("users.name: UNIQUE in the database, not in the model")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("posts.title: text in the database, integer in the model")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("table tags (class Tag) is missing")), qPrintable(message));
        QCOMPARE(bench.session(), before);
        QCOMPARE(exec(p.database.name, QStringLiteral("SELECT COUNT(*) FROM users")), 1);
    }

    void aModelWithProblemsIsRefusedBeforeDropping()
    {
        const Project p = blogOnFile(QStringLiteral("refused.sqlite"));
        Workbench bench;
        QVERIFY(bench.connectTo(p.database));
        QVERIFY(bench.apply(p));
        QCOMPARE(exec(p.database.name, QStringLiteral("INSERT INTO users (name) VALUES ('ann')")),
                 1);
        Project broken = p;
        broken.schema.classes[0].columns[0].typeName = QStringLiteral("strng");
        const auto applied = bench.apply(broken);
        QVERIFY(!applied);
        QVERIFY2(applied.error().message.contains(QLatin1String("strng")),
                 qPrintable(applied.error().message));
        QCOMPARE(exec(p.database.name, QStringLiteral("SELECT COUNT(*) FROM users")), 1);
    }

    void connectionErrorsCarryTheDriversText()
    {
        DatabaseSettings bad;
        bad.name = QStringLiteral("/nonexistent-dir/for/sure/db.sqlite");
        auto tested = Workbench::test(bad);
        QVERIFY(!tested);
        QVERIFY2(tested.error().message.contains(QLatin1String("open")),
                 qPrintable(tested.error().message));

        DatabaseSettings pg;
        pg.driver = QStringLiteral("QPSQL");
        pg.host = QStringLiteral("127.0.0.1");
        pg.port = 1; // nothing listens there
        pg.name = QStringLiteral("nothing");
        Workbench bench;
        const auto connected = bench.connectTo(pg);
        QVERIFY(!connected);
        QVERIFY2(connected.error().message.contains(QLatin1String("connect"), Qt::CaseInsensitive),
                 qPrintable(connected.error().message));
        QVERIFY(!bench.isConnected());
        QVERIFY(!bench.apply(blogOnFile(QStringLiteral("x.sqlite"))));
    }
};

QTEST_GUILESS_MAIN(TestWorkbench)
#include "tst_workbench.moc"
