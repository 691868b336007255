#include "live/scenariorunner.h"
#include "live/workbench.h"
#include "orm/registry.h"
#include "orm/session.h"
#include "project/projectfile.h"
#include "project/tracewriter.h"
#include "testdb.h"
#include "tracecompare.h"

#include <QBuffer>

#include <QDir>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

static Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(MS_CLI_PATH), args);
    if (!p.waitForFinished(60000))
        qFatal("mapperscope-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

static QString blog()
{
    return QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj");
}

class TestCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(data);
        return path;
    }

private Q_SLOTS:
    void helpAndVersion()
    {
        const Run help = cli({QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains(QLatin1String("validate PROJECT")));
        QVERIFY(help.out.contains(QLatin1String("ddl PROJECT [--driver QSQLITE|QPSQL]")));
        const Run version = cli({QStringLiteral("--version")});
        QCOMPARE(version.code, 0);
        QVERIFY(version.out.startsWith(QLatin1String("mapperscope-cli 0.")));
        const Run none = cli({});
        QCOMPARE(none.code, 2);
        const Run unknown = cli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains(QLatin1String("unknown command \"frobnicate\"")));
        const Run noFile = cli({QStringLiteral("validate")});
        QCOMPARE(noFile.code, 2);
        QVERIFY(noFile.err.contains(QLatin1String("usage: mapperscope-cli validate PROJECT")));
        const Run twoFiles = cli({QStringLiteral("ddl"), QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(twoFiles.code, 2);
        QVERIFY(twoFiles.err.contains(QLatin1String("usage: mapperscope-cli ddl PROJECT")));
    }

    void benchPrintsEveryKey()
    {
        // a small run: the figures are the bench's business, their presence ours
        const Run run = cli({QStringLiteral("bench"), QStringLiteral("--objects"), QStringLiteral("300"),
                             QStringLiteral("--json")});
        QCOMPARE(run.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(run.out.toUtf8()).object();
        for (const char *key : {"insert_s", "load_s", "update_s", "delete_s", "raw_insert_s",
                                "raw_load_s", "raw_update_s", "raw_delete_s", "raw_insert_named_s",
                                "raw_insert_positional_s", "floor_insert_s", "floor_load_s",
                                "events", "dispatch_ns_empty", "dispatch_ns_one",
                                "log_bytes_per_event", "peak_rss_bytes", "targets_met"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        for (const char *key : {"raw_update_s", "raw_delete_s", "raw_select_delete_s", "floor_insert_s",
                                "floor_load_s"})
            QVERIFY2(o.value(QLatin1String(key)).toDouble() > 0, key);
        // the baseline is the faster of the two ways Qt SQL binds
        QCOMPARE(o.value(QLatin1String("raw_insert_s")).toDouble(),
                 std::min(o.value(QLatin1String("raw_insert_named_s")).toDouble(),
                          o.value(QLatin1String("raw_insert_positional_s")).toDouble()));
        QCOMPARE(o.value(QLatin1String("objects")).toInt(), 300);
        // 300 users, each with its events in the four workloads, and a listener heard them
        QVERIFY(o.value(QLatin1String("events")).toDouble() > 300 * 20);
        QVERIFY(o.value(QLatin1String("listener_calls")).toDouble() > 300 * 10);
        QVERIFY(o.value(QLatin1String("log_bytes_per_event")).toDouble() >= 24);
        QVERIFY(o.value(QLatin1String("peak_rss_bytes")).toDouble() > 1e6);
        QVERIFY(run.err.contains(QLatin1String("bench: raw insert")));
        QVERIFY(run.err.contains(QLatin1String("bench: raw select+delete")));

        const Run table = cli({QStringLiteral("bench"), QStringLiteral("--objects"), QStringLiteral("50")});
        QCOMPARE(table.code, 0);
        QVERIFY(table.out.contains(QLatin1String("dispatch_ns_one")));
        QVERIFY(table.out.contains(QLatin1String("<= 1.3 x raw_insert_s")));
        // each ORM workload against its raw loop, each raw loop against the C API
        for (const char *ratio : {"x raw_insert_s", "x raw_load_s", "x raw_update_s", "x raw_delete_s",
                                  "x floor_insert_s", "x floor_load_s"})
            QVERIFY2(QRegularExpression(QStringLiteral("\\d+\\.\\d\\d ") + QLatin1String(ratio))
                         .match(table.out)
                         .hasMatch(),
                     ratio);

        const Run bad = cli({QStringLiteral("bench"), QStringLiteral("--objects"), QStringLiteral("many")});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains(QLatin1String("--objects needs a whole number")));
        // under a log limit the log keeps that many events of all those fired
        const Run capped = cli({QStringLiteral("bench"), QStringLiteral("--objects"), QStringLiteral("300"),
                                QStringLiteral("--log-limit"), QStringLiteral("1000"), QStringLiteral("--json")});
        QCOMPARE(capped.code, 0);
        const QJsonObject c = QJsonDocument::fromJson(capped.out.toUtf8()).object();
        QCOMPARE(c.value(QLatin1String("events_kept")).toInt(), 1000);
        QCOMPARE(c.value(QLatin1String("events")).toDouble(), o.value(QLatin1String("events")).toDouble());
        QCOMPARE(cli({QStringLiteral("bench"), QStringLiteral("--log-limit"), QStringLiteral("0")}).code, 2);
        // an existing file is refused, never overwritten
        const QString existing = write(QStringLiteral("keep.sqlite"), "precious");
        const Run exists = cli({QStringLiteral("bench"), QStringLiteral("--objects"), QStringLiteral("10"),
                                QStringLiteral("--db"), existing});
        QCOMPARE(exists.code, 1);
        QVERIFY(exists.err.contains(QLatin1String("already exists")));
        QFile kept(existing);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("precious"));
        // a file of our own is removed afterwards
        const QString own = m_dir.filePath(QStringLiteral("bench.sqlite"));
        QCOMPARE(cli({QStringLiteral("bench"), QStringLiteral("--objects"), QStringLiteral("10"),
                      QStringLiteral("--db"), own}).code, 0);
        QVERIFY(!QFile::exists(own));
    }

    void validateExitCodes_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("text");
        QTest::newRow("clean") << QByteArray(R"({"format":"mapperscope-project","version":1,
            "classes":[{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}]}]})")
            << 0 << "no problems (classes: 1)";
        QTest::newRow("problems") << QByteArray(R"({"format":"mapperscope-project","version":1,
            "classes":[{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}]},
                       {"name":"B","columns":[{"name":"id","type":"strng","primaryKey":true}]}]})")
            << 1 << "classes[1].columns[0].type: unknown type \"strng\" (use one of integer, real, text, boolean, date, datetime)";
        QTest::newRow("scenario problem") << QByteArray(R"({"format":"mapperscope-project","version":1,
            "classes":[{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}]}],
            "scenarios":[{"name":"s","steps":[{"op":"add","ref":"ghost"}]}]})")
            << 1 << "scenarios[0].steps[0].ref: \"ghost\" names no object";
        QTest::newRow("listener problem") << QByteArray(R"({"format":"mapperscope-project","version":1,
            "classes":[{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}]}],
            "listeners":[{"event":"before_insert","target":"session"}]})")
            << 1 << "listeners[0].target: before_insert is a mapper hook; \"session\" is not a mapped class";
        QTest::newRow("syntax error") << QByteArray("{\"format\": \"mapperscope-project\",\n  \"version\": 1,,}")
            << 2 << "syntax_error.msproj: line 2, column 17: not valid JSON";
        QTest::newRow("newer version") << QByteArray(R"({"format":"mapperscope-project","version":11})")
            << 2 << "version: this project was saved in format version 11 by a newer Mapperscope";
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff", 4) << 2 << "not valid JSON";
    }

    void validateExitCodes()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, code);
        QFETCH(QString, text);
        const QString path = write(QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_') + ".msproj", content);
        const Run r = cli({QStringLiteral("validate"), path});
        QCOMPARE(r.code, code);
        QVERIFY2((r.out + r.err).contains(text), qPrintable(r.out + r.err));
    }

    void validateMissingFile()
    {
        const Run r = cli({QStringLiteral("validate"), m_dir.filePath(QStringLiteral("absent.msproj"))});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("cannot open")));
    }

    void validateBundledExample()
    {
        const Run r = cli({QStringLiteral("validate"), blog()});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("no problems (classes: 3)")));
    }

    void ddlOfTheExample()
    {
        const Run r = cli({QStringLiteral("ddl"), blog()});
        QCOMPARE(r.code, 0);
        const qsizetype users = r.out.indexOf(QLatin1String("CREATE TABLE \"users\""));
        const qsizetype posts = r.out.indexOf(QLatin1String("CREATE TABLE \"posts\""));
        const qsizetype comments = r.out.indexOf(QLatin1String("CREATE TABLE \"comments\""));
        QVERIFY(users >= 0 && users < posts && posts < comments);
        QVERIFY(r.out.contains(QLatin1String("FOREIGN KEY (\"author_id\") REFERENCES \"users\" (\"id\")")));
        const Run pg = cli({QStringLiteral("ddl"), blog(), QStringLiteral("--driver"), QStringLiteral("QPSQL")});
        QCOMPARE(pg.code, 0);
        QVERIFY(pg.out.contains(QLatin1String("\"id\" SERIAL NOT NULL")));
        QVERIFY(pg.out.contains(QLatin1String("DEFAULT FALSE")));
    }

    void ddlErrors()
    {
        const Run bad = cli({QStringLiteral("ddl"), blog(), QStringLiteral("--driver"), QStringLiteral("QMYSQL")});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains(QLatin1String("unsupported driver \"QMYSQL\"")));
        const QString broken = write(QStringLiteral("broken.msproj"), R"({"format":"mapperscope-project","version":1,
            "classes":[{"name":"A","columns":[{"name":"x","type":"text"}]}]})");
        const Run problems = cli({QStringLiteral("ddl"), broken});
        QCOMPARE(problems.code, 1);
        QVERIFY(problems.err.contains(QLatin1String("class \"A\" has no primary key")));
        const Run unreadable = cli({QStringLiteral("ddl"), write(QStringLiteral("e.msproj"), "")});
        QCOMPARE(unreadable.code, 2);
        QVERIFY(unreadable.err.contains(QLatin1String("the file is empty")));
    }

    void exportWritesASqlAlchemyModule()
    {
        const QString py = m_dir.filePath(QStringLiteral("blog.py"));
        const Run r = cli({QStringLiteral("export"), blog(), QStringLiteral("--sqlalchemy"), py});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.contains(QLatin1String("4 scenarios")));
        QVERIFY(r.err.contains(QLatin1String("--list")));
        QFile f(py);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QLatin1String("class User(Base):")));
        QVERIFY(text.contains(QLatin1String("__tablename__ = \"users\"")));
        QVERIFY(text.contains(QLatin1String("def scenario_first_flush(session):")));
        QVERIFY(text.contains(QLatin1String("@event.listens_for(Base, \"before_insert\", propagate=True)")));
        const Run out = cli({QStringLiteral("export"), blog(), QStringLiteral("--sqlalchemy"), QStringLiteral("-")});
        QCOMPARE(out.code, 0);
        // the same module; its usage names the file it is in
        QVERIFY(text.contains(QLatin1String("python3 blog.py --list")));
        QVERIFY(out.out.contains(QLatin1String("python3 model.py --list")));
        QCOMPARE(QString(out.out).replace(QLatin1String("model.py"), QLatin1String("blog.py")), text);

        const Run usage = cli({QStringLiteral("export"), blog()});
        QCOMPARE(usage.code, 2);
        QVERIFY(usage.err.contains(QLatin1String("usage: mapperscope-cli export PROJECT --sqlalchemy FILE.py")));
        const QString broken = write(QStringLiteral("broken2.msproj"), R"({"format":"mapperscope-project","version":1,
            "classes":[{"name":"A","columns":[{"name":"x","type":"text"}]}]})");
        const QString notWritten = m_dir.filePath(QStringLiteral("broken.py"));
        const Run problems = cli({QStringLiteral("export"), broken, QStringLiteral("--sqlalchemy"), notWritten});
        QCOMPARE(problems.code, 1);
        QVERIFY(problems.err.contains(QLatin1String("class \"A\" has no primary key")));
        QVERIFY(!QFile::exists(notWritten));
        const Run unwritable = cli({QStringLiteral("export"), blog(), QStringLiteral("--sqlalchemy"),
                                    m_dir.filePath(QStringLiteral("no/such/folder/x.py"))});
        QCOMPARE(unwritable.code, 1);
        QVERIFY(unwritable.err.contains(QLatin1String("cannot write")));
    }

    void verifyComparesWithSqlAlchemy()
    {
        const Run all = cli({QStringLiteral("verify"), blog(), QStringLiteral("--all")});
        QCOMPARE(all.code, 0);
        QCOMPARE(all.out.count(QLatin1String(": match (")), 4);
        QVERIFY(all.out.contains(QLatin1String("delete with cascade: match (14 steps)")));
        const QString differs = QStringLiteral(MS_SOURCE_DIR "/tests/export/differs.msproj");
        const Run diff = cli({QStringLiteral("verify"), differs});
        QCOMPARE(diff.code, 1);
        QVERIFY2(diff.out.contains(QLatin1String("q: differs at step 2 (query)")), qPrintable(diff.out));
        QVERIFY(diff.out.contains(QLatin1String("Mapperscope: [")));
        const Run unknown = cli({QStringLiteral("verify"), blog(), QStringLiteral("--scenario"), QStringLiteral("nope")});
        QCOMPARE(unknown.code, 2);
        QVERIFY(unknown.err.contains(QLatin1String("no scenario is named \"nope\"")));
        // no SQLAlchemy to compare with: what to install, and nothing else breaks
        for (const char *python : {"/no/such/python3", "/bin/false"}) {
            qputenv("MAPPERSCOPE_PYTHON", python);
            const Run none = cli({QStringLiteral("verify"), blog()});
            qunsetenv("MAPPERSCOPE_PYTHON");
            QCOMPARE(none.code, 2);
            QVERIFY2(none.err.contains(QLatin1String("apt install python3-sqlalchemy")), qPrintable(none.err));
        }
    }

    void importReadsADatabase()
    {
        // the example's tables in an SQLite file, read back into a project
        const QString file = m_dir.filePath(QStringLiteral("import.sqlite"));
        {
            auto project = ms::ProjectFile::read(blog());
            QVERIFY(project.ok());
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("import"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            ms::Registry registry;
            QVERIFY(registry.map(project->schema).ok());
            QVERIFY(registry.createTables(db).ok());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("import"));
        const QString out = m_dir.filePath(QStringLiteral("imported.msproj"));
        const Run r = cli({QStringLiteral("import"), QStringLiteral("sqlite:") + file, QStringLiteral("--out"), out});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QLatin1String("3 classes: User (users), Post (posts), Comment (comments)")), qPrintable(r.err));
        QCOMPARE(cli({QStringLiteral("validate"), out}).code, 0);
        // an existing file is kept unless --force
        const Run again = cli({QStringLiteral("import"), QStringLiteral("sqlite:") + file, QStringLiteral("--out"), out});
        QCOMPARE(again.code, 2);
        QVERIFY(again.err.contains(QLatin1String("--force")));
        QCOMPARE(cli({QStringLiteral("import"), QStringLiteral("sqlite:") + file, QStringLiteral("--out"), out,
                      QStringLiteral("--force")}).code, 0);
        const Run missing = cli({QStringLiteral("import"), QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("none.sqlite")),
                                 QStringLiteral("--out"), m_dir.filePath(QStringLiteral("none.msproj"))});
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.err.contains(QLatin1String("cannot open the database")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.msproj"))));
        QCOMPARE(cli({QStringLiteral("import"), QStringLiteral("sqlite::memory:"), QStringLiteral("--out"), out}).code, 2);
        QCOMPARE(cli({QStringLiteral("import"), QStringLiteral("sqlite:") + file}).code, 2);
    }

    void runWritesTheTrace()
    {
        const QString trace = m_dir.filePath(QStringLiteral("t.jsonl"));
        Run r = cli({QStringLiteral("run"), blog(), QStringLiteral("--scenario"),
                     QStringLiteral("delete with cascade"), QStringLiteral("--trace"), trace});
        QCOMPARE(r.code, 0);
        QFile f(trace);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        QVERIFY(data.contains("\"event\":\"persistent_to_deleted\""));
        QVERIFY(data.contains("\"category\":\"step\""));
        // to standard output, the first scenario when none is named
        r = cli({QStringLiteral("run"), blog(), QStringLiteral("--trace"), QStringLiteral("-")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(QLatin1String("{\"seq\":1,")));
        QVERIFY(r.out.contains(QLatin1String("\"event\":\"before_flush\"")));
        // an expected failure is recorded, not fatal
        r = cli({QStringLiteral("run"), blog(), QStringLiteral("--scenario"),
                 QStringLiteral("constraint violation"), QStringLiteral("--trace"), QStringLiteral("-")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("\"error\":\"IntegrityError\"")));
    }

    // `run` installs the project's listeners and extensions as the window
    // does (issue 26: it played the scenario without them): its trace is
    // the window's, for a SQLAlchemy project with extensions and set
    // listeners, and for a Ming project.
    void runPlaysTheListenersAsTheWindowDoes_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("scenario");
        QTest::newRow("SQLAlchemy, extensions") << QStringLiteral(MS_SOURCE_DIR "/resources/lessons/06_extensions.msproj")
                                               << QString();
        QTest::newRow("Ming") << QStringLiteral(MS_SOURCE_DIR "/tests/ming/shop.msproj")
                              << QStringLiteral("children first");
    }

    void runPlaysTheListenersAsTheWindowDoes()
    {
        using namespace ms;
        QFETCH(QString, project);
        QFETCH(QString, scenario);
        auto loaded = ProjectFile::read(project);
        QVERIFY(loaded);
        QVERIFY(!loaded->listeners.isEmpty());
        const Scenario *played = &loaded->scenarios.first();
        for (const Scenario &s : loaded->scenarios)
            if (s.name == scenario)
                played = &s;
        // the window: a workbench applies the project, takes its listeners
        // and plays the scenario in its session
        Workbench bench;
        DatabaseSettings memory;
        QVERIFY(bench.connectTo(memory));
        QVERIFY(bench.apply(*loaded));
        QVERIFY(bench.setListeners(loaded->listeners));
        ScenarioRunner runner(*bench.session(), bench.sessions());
        QVERIFY(runner.run(*played));
        QBuffer window;
        window.open(QIODevice::WriteOnly);
        QVERIFY(TraceWriter::write(*bench.log(), &window));
        // headless
        const QString trace = m_dir.filePath(QStringLiteral("listened.jsonl"));
        const Run r = cli({QStringLiteral("run"), project, QStringLiteral("--scenario"), played->name,
                           QStringLiteral("--trace"), trace});
        QCOMPARE(r.code, 0);
        QFile f(trace);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QJsonObject> headless = mstest::parseTraceLines(f.readAll());
        const QList<QJsonObject> shown = mstest::parseTraceLines(window.data());
        QVERIFY(mstest::hasExtensionCalls(headless)); // (without the listeners: none)
        const auto events = mstest::firstDifference(mstest::canonicalTrace(shown), mstest::canonicalTrace(headless));
        QVERIFY2(!events, qPrintable(events.value_or(QString())));
        const auto calls = mstest::firstDifference(mstest::extensionCalls(shown), mstest::extensionCalls(headless));
        QVERIFY2(!calls, qPrintable(calls.value_or(QString())));
    }

    void diffComparesTwoTraces()
    {
        // the N+1 scenario against its selectinload cure: the same steps,
        // the statements moved from the reads into the query
        const QString nPlusOne = QStringLiteral(MS_SOURCE_DIR "/resources/examples/n_plus_one.msproj");
        const QString a = m_dir.filePath(QStringLiteral("nplus1.jsonl"));
        const QString b = m_dir.filePath(QStringLiteral("selectin.jsonl"));
        QCOMPARE(cli({QStringLiteral("run"), nPlusOne, QStringLiteral("--scenario"),
                      QStringLiteral("N+1: the posts of every user"), QStringLiteral("--trace"), a}).code, 0);
        QCOMPARE(cli({QStringLiteral("run"), nPlusOne, QStringLiteral("--scenario"),
                      QStringLiteral("cure: selectinload"), QStringLiteral("--trace"), b}).code, 0);
        Run r = cli({QStringLiteral("diff"), a, b});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QLatin1String("6 of 43 steps differ; statements: 23 in A, 19 in B")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\n\\* 36 +query +query +1 / 2\n"))), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(
                     QStringLiteral("\n\\* 37 +read User#1.posts +read User#1.posts +1 / 0\n"))),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\n  34 +commit +commit +17 / 17\n"))), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("\n+ statement SELECT \"id\", \"title\", \"user_id\" FROM \"posts\" "
                                             "WHERE \"user_id\" IN (?, ?, ?, ?, ?) ORDER BY \"id\" [1,2,3,4,5]\n")));
        QVERIFY(r.out.contains(QLatin1String("\n- statement SELECT \"id\", \"title\", \"user_id\" FROM \"posts\" "
                                             "WHERE \"user_id\" = ? ORDER BY \"id\" [1]\n")));
        QVERIFY(r.out.contains(QLatin1String("\n- instance load Post Post#1\n")));
        QVERIFY(!r.out.contains(QLatin1String("step 34:"))); // the same: only in the table
        // --all prints the same steps' events too
        r = cli({QStringLiteral("diff"), QStringLiteral("--all"), a, b});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains(QLatin1String("step 34: commit | commit\n")));
        // a trace against itself: nothing differs
        r = cli({QStringLiteral("diff"), a, a});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QLatin1String("0 of 43 steps differ; statements: 23 in A, 23 in B")), qPrintable(r.out));
        // two scenarios of different lengths: a step only one has
        const QString first = m_dir.filePath(QStringLiteral("first.jsonl"));
        const QString constraint = m_dir.filePath(QStringLiteral("constraint.jsonl"));
        QCOMPARE(cli({QStringLiteral("run"), blog(), QStringLiteral("--scenario"), QStringLiteral("first flush"),
                      QStringLiteral("--trace"), first}).code, 0);
        QCOMPARE(cli({QStringLiteral("run"), blog(), QStringLiteral("--scenario"), QStringLiteral("constraint violation"),
                      QStringLiteral("--trace"), constraint}).code, 0);
        r = cli({QStringLiteral("diff"), first, constraint});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\n\\* 4 +set nice.post +flush \\(failed\\) +0 / 2\n"))),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\n\\* 7 +commit +\\(no such step\\) +0 / 0\n"))),
                 qPrintable(r.out));
        // bad arguments and unreadable traces: exit status 2, with the reason
        r = cli({QStringLiteral("diff"), a});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("usage: mapperscope-cli diff A.jsonl B.jsonl")));
        r = cli({QStringLiteral("diff"), a, m_dir.filePath(QStringLiteral("missing.jsonl"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("missing.jsonl: cannot read it")), qPrintable(r.err));
        const QString broken = write(QStringLiteral("broken.jsonl"), "{\"seq\":1}\n[1, 2]\n");
        r = cli({QStringLiteral("diff"), broken, a});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("broken.jsonl: line 2: not an event of a trace (not a JSON object)")),
                 qPrintable(r.err));
    }

    void runWithALogLimit()
    {
        // the whole trace, then the same run keeping only the last 5 events
        const Run all = cli({QStringLiteral("run"), blog(), QStringLiteral("--trace"), QStringLiteral("-")});
        QCOMPARE(all.code, 0);
        const QStringList lines = all.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 5);
        const Run last = cli({QStringLiteral("run"), blog(), QStringLiteral("--log-limit"), QStringLiteral("5"),
                              QStringLiteral("--trace"), QStringLiteral("-")});
        QCOMPARE(last.code, 0);
        const QStringList kept = last.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(kept.size(), 5);
        QVERIFY2(kept.first().startsWith(QStringLiteral("{\"seq\":%1,").arg(lines.size() - 4)),
                 qPrintable(kept.first()));
        for (const QString &bad : {QStringLiteral("0"), QStringLiteral("-3"), QStringLiteral("many")}) {
            const Run r = cli({QStringLiteral("run"), blog(), QStringLiteral("--log-limit"), bad});
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(QLatin1String("--log-limit")), qPrintable(r.err));
        }
    }

    void runOnPostgres()
    {
        // the bundled example through `--db postgresql://`, trace compared
        // with SQLAlchemy's by the shared comparison script
        ms::DatabaseSettings db;
        MS_FRESH_POSTGRES(db);
        const QString trace = m_dir.filePath(QStringLiteral("pg.jsonl"));
        const Run r = cli({QStringLiteral("run"), blog(), QStringLiteral("--scenario"), QStringLiteral("delete with cascade"),
                           QStringLiteral("--db"), mstest::postgresUrl(db), QStringLiteral("--trace"), trace});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QProcess compare;
        compare.start(QStringLiteral("python3"),
                      {QStringLiteral(MS_SHARED_DIR "/reference/trace_compare.py"),
                       QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.delete_with_cascade.expected.jsonl"), trace});
        QVERIFY(compare.waitForFinished(60000));
        QVERIFY2(compare.exitCode() == 0, compare.readAllStandardOutput().constData());
        // a server that is not there: a clear message, exit 1
        ms::DatabaseSettings gone = db;
        gone.port = 1; // nothing listens on port 1
        const Run down = cli({QStringLiteral("run"), blog(), QStringLiteral("--db"), mstest::postgresUrl(gone)});
        QCOMPARE(down.code, 1);
        QVERIFY2(down.err.contains(QLatin1String("127.0.0.1")) || down.err.contains(QLatin1String("connect")),
                 qPrintable(down.err));
    }

    void runExitCodes()
    {
        const QString failing = write(QStringLiteral("failing.msproj"), R"({"format": "mapperscope-project", "version": 1,
  "classes": [{"name": "Note", "columns": [{"name": "id", "type": "integer", "primaryKey": true},
                                             {"name": "title", "type": "text", "nullable": false}]}],
  "scenarios": [{"name": "s", "steps": [{"op": "new", "class": "Note", "as": "n"}, {"op": "add", "ref": "n"},
                                        {"op": "flush"}]},
                {"name": "unexpected success", "steps": [{"op": "flush", "expectError": true}]}]})");
        Run r = cli({QStringLiteral("run"), failing});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QLatin1String("step 2 (flush)")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("NOT NULL")), qPrintable(r.err));
        r = cli({QStringLiteral("run"), failing, QStringLiteral("--scenario"), QStringLiteral("unexpected success")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(QLatin1String("expected to fail")));
        r = cli({QStringLiteral("run"), failing, QStringLiteral("--scenario"), QStringLiteral("nope")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("unexpected success")));
        r = cli({QStringLiteral("run"), failing, QStringLiteral("--db"), QStringLiteral("mysql://x")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QLatin1String("unknown database URL")));
        r = cli({QStringLiteral("run"), write(QStringLiteral("broken.msproj"), "{")});
        QCOMPARE(r.code, 2);
        // a file database is created and used
        const QString db = m_dir.filePath(QStringLiteral("blog.sqlite"));
        r = cli({QStringLiteral("run"), blog(), QStringLiteral("--db"), QStringLiteral("sqlite:") + db});
        QCOMPARE(r.code, 0);
        QVERIFY(QFile::exists(db));
    }

    void eventsListsTheCatalogue()
    {
        const Run r = cli({QStringLiteral("events"), QStringLiteral("--explain")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QLatin1String("before_flush(session, flush_context, instances)")));
        QVERIFY(r.out.contains(QLatin1String("[Ming]")));
        QVERIFY(r.out.count(QLatin1Char('\n')) > 150);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
