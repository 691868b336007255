#include "project/projectfile.h"
#include "projectfuzz.h"
#include "project/tracewriter.h"
#include "events/eventlog.h"
#include "writefault.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QSaveFile>
#include <QBuffer>
#include <QTest>

using namespace ms;

static QStringList exampleProjects()
{
    QStringList files;
    for (const QString &dir : {QStringLiteral(MS_SOURCE_DIR "/resources/examples"),
                               QStringLiteral(MS_SOURCE_DIR "/resources/lessons"),
                               QStringLiteral(MS_SHARED_DIR "/reference/examples")}) {
        const QDir d(dir);
        for (const QString &f : d.entryList({QStringLiteral("*.msproj")}, QDir::Files))
            files << d.filePath(f);
    }
    return files;
}

static QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

class TestProjectFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void examples_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList files = exampleProjects();
        QVERIFY2(files.size() >= 3, "the bundled and the shared examples must be found");
        for (const QString &f : files)
            QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
    }

    // load, save, load: equal; and every example is a valid model.
    void examples()
    {
        QFETCH(QString, path);
        const auto first = ProjectFile::read(path);
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().toString()));
        const Problems problems = first->validate();
        QStringList text;
        for (const auto &p : problems)
            text << p.toString();
        QVERIFY2(problems.isEmpty(), qPrintable(text.join(QLatin1Char('\n'))));

        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("copy.msproj"));
        QVERIFY(ProjectFile::write(*first, copy).ok());
        const auto second = ProjectFile::read(copy);
        QVERIFY(second.ok());
        QCOMPARE(*second, *first);
        // Writing is deterministic: a second save gives the same bytes.
        QCOMPARE(ProjectFile::serialize(*second), readAll(copy));
    }

    // Format version 5: a column's "versionCounter", written only when true.
    void versionCounterRoundTrip()
    {
        const QByteArray text = R"({"format":"mapperscope-project","version":5,"name":"x",
            "classes":[{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                {"name":"v","type":"integer","nullable":false,"versionCounter":true}]}]})";
        const auto p = ProjectFile::parse(text);
        QVERIFY(p.ok());
        QCOMPARE(p->schema.classes.at(0).versionColumnIndex(), 1);
        QVERIFY(!p->schema.classes.at(0).columns.at(0).versionCounter);
        QVERIFY(p->validate().isEmpty());
        const QJsonObject out = QJsonDocument::fromJson(ProjectFile::serialize(*p)).object();
        QCOMPARE(out.value("version").toInt(), ProjectFile::currentVersion);
        const QJsonArray cols = out.value("classes").toArray().at(0).toObject().value("columns").toArray();
        QVERIFY(!cols.at(0).toObject().contains("versionCounter"));
        QCOMPARE(cols.at(1).toObject().value("versionCounter").toBool(), true);
        QVERIFY(!cols.at(1).toObject().contains("extra"));
        const auto again = ProjectFile::parse(ProjectFile::serialize(*p));
        QVERIFY(again.ok());
        QCOMPARE(*again, *p);
    }

    void descriptionRoundTrip()
    {
        const QByteArray text = R"({"format":"mapperscope-project","version":9,"name":"x",
            "description":"What a flush does.\n\nPress Play."})";
        const auto p = ProjectFile::parse(text);
        QVERIFY(p.ok());
        QCOMPARE(p->description, QStringLiteral("What a flush does.\n\nPress Play."));
        QVERIFY(!p->extra.contains("description"));
        const QJsonObject out = QJsonDocument::fromJson(ProjectFile::serialize(*p)).object();
        QCOMPARE(out.value("description").toString(), p->description);
        const auto again = ProjectFile::parse(ProjectFile::serialize(*p));
        QVERIFY(again.ok());
        QCOMPARE(*again, *p);
        // No description: the key is not written.
        Project empty;
        QVERIFY(!QJsonDocument::fromJson(ProjectFile::serialize(empty)).object().contains("description"));
    }

    void sessionsRoundTripAndTheirProblems()
    {
        const QByteArray text = R"({"format":"mapperscope-project","version":7,"name":"x",
            "session":{"autoflush":true,"expireOnCommit":true},
            "sessions":[{"name":"A"},{"name":"B","expireOnCommit":false,"isolation":"repeatable read","tint":"blue"}],
            "classes":[{"name":"T","columns":[{"name":"id","type":"integer","primaryKey":true}]}],
            "scenarios":[{"name":"s","steps":[{"op":"flush","session":"B"},{"op":"commit"}]}]})";
        const auto p = ProjectFile::parse(text);
        QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().toString()));
        QCOMPARE(p->sessions.size(), 2);
        QCOMPARE(p->sessions.at(1).options(p->session).expireOnCommit, false);
        QCOMPARE(p->sessions.at(0).options(p->session).expireOnCommit, true);
        QCOMPARE(p->sessions.at(1).isolation, QStringLiteral("repeatable read"));
        QCOMPARE(p->scenarios.at(0).steps.at(0).session, QStringLiteral("B"));
        QVERIFY(p->scenarios.at(0).steps.at(1).session.isEmpty());
        QCOMPARE(p->scenarios.at(0).steps.at(0).text(), QStringLiteral("B: flush"));
        QVERIFY(p->validate().isEmpty());
        const QJsonObject out = QJsonDocument::fromJson(ProjectFile::serialize(*p)).object();
        const QJsonArray sessions = out.value("sessions").toArray();
        QCOMPARE(sessions.size(), 2);
        QVERIFY(!sessions.at(0).toObject().contains("expireOnCommit"));
        QCOMPARE(sessions.at(1).toObject().value("tint").toString(), QStringLiteral("blue"));
        QCOMPARE(out.value("scenarios").toArray().at(0).toObject().value("steps").toArray().at(0)
                     .toObject().value("session").toString(), QStringLiteral("B"));
        const auto again = ProjectFile::parse(ProjectFile::serialize(*p));
        QVERIFY(again.ok());
        QCOMPARE(*again, *p);
        // a project without sessions writes none
        Project plain;
        QVERIFY(!QJsonDocument::fromJson(ProjectFile::serialize(plain)).object().contains("sessions"));

        // what is wrong with them, each under its path
        Project bad = *p;
        bad.sessions[1].name = QStringLiteral("A");
        bad.sessions[0].isolation = QStringLiteral("dirty");
        bad.sessions.append(SessionDef {});
        bad.scenarios[0].steps[1].session = QStringLiteral("C");
        const Problems problems = bad.validate();
        QStringList paths;
        for (const Problem &pr : problems)
            paths << pr.path + QStringLiteral(": ") + pr.message;
        QVERIFY2(paths.contains(QStringLiteral("sessions[1].name: session \"A\" is declared twice")), qPrintable(paths.join('\n')));
        QVERIFY2(paths.contains(QStringLiteral("sessions[0].isolation: unknown isolation level \"dirty\"")), qPrintable(paths.join('\n')));
        QVERIFY2(paths.contains(QStringLiteral("sessions[2].name: a session needs a name")), qPrintable(paths.join('\n')));
        QVERIFY2(paths.contains(QStringLiteral("scenarios[0].steps[1].session: no session \"C\" in this project")), qPrintable(paths.join('\n')));
        // step 0 names "B", which is now "A"
        QVERIFY2(paths.contains(QStringLiteral("scenarios[0].steps[0].session: no session \"B\" in this project")), qPrintable(paths.join('\n')));
        QCOMPARE(problems.size(), 5);
        // a step naming a session in a project that names none
        Project none = *p;
        none.sessions.clear();
        QCOMPARE(none.validate().size(), 1);
        // a session that is not a string, and a session entry that is not an object
        QVERIFY(!ProjectFile::parse(R"({"format":"mapperscope-project","version":7,"scenarios":[{"name":"s","steps":[{"op":"flush","session":2}]}]})").ok());
        const auto notObject = ProjectFile::parse(R"({"format":"mapperscope-project","version":7,"sessions":["A"]})");
        QVERIFY(!notObject.ok());
        QCOMPARE(notObject.error().where, QStringLiteral("sessions[0]"));
    }

    void unknownKeysSurviveARoundTrip()
    {
        const QByteArray text = R"({"format":"mapperscope-project","version":1,"name":"x",
            "futureTopLevel":{"a":[1,2]},
            "database":{"driver":"QSQLITE","name":":memory:","pool":4},
            "session":{"autoflush":false,"expireOnCommit":true,"twoPhase":true},
            "classes":[{"name":"A","colour":"red","columns":[
                {"name":"id","type":"integer","primaryKey":true,"comment":"the key"}],
              "relationships":[]}],
            "listeners":[{"event":"before_insert","target":"A","action":"log","color":"#f00"}],
            "scenarios":[{"name":"s","speed":2,"steps":[{"op":"flush","note":"why"}]}],
            "view":{"diagram":{"A":[10,20]},"dock":"abc"}})";
        const auto p = ProjectFile::parse(text);
        QVERIFY(p.ok());
        QCOMPARE(p->session.autoflush, false);
        const QJsonObject out = QJsonDocument::fromJson(ProjectFile::serialize(*p)).object();
        QCOMPARE(out.value("futureTopLevel").toObject().value("a").toArray().size(), 2);
        QCOMPARE(out.value("database").toObject().value("pool").toInt(), 4);
        QCOMPARE(out.value("session").toObject().value("twoPhase").toBool(), true);
        const QJsonObject cls = out.value("classes").toArray().at(0).toObject();
        QCOMPARE(cls.value("colour").toString(), QStringLiteral("red"));
        QCOMPARE(cls.value("columns").toArray().at(0).toObject().value("comment").toString(),
                 QStringLiteral("the key"));
        QCOMPARE(out.value("listeners").toArray().at(0).toObject().value("color").toString(),
                 QStringLiteral("#f00"));
        const QJsonObject scen = out.value("scenarios").toArray().at(0).toObject();
        QCOMPARE(scen.value("speed").toInt(), 2);
        QCOMPARE(scen.value("steps").toArray().at(0).toObject().value("note").toString(),
                 QStringLiteral("why"));
        QCOMPARE(out.value("view").toObject().value("dock").toString(), QStringLiteral("abc"));
        const auto again = ProjectFile::parse(ProjectFile::serialize(*p));
        QVERIFY(again.ok());
        QCOMPARE(*again, *p);
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");

        QTest::newRow("empty") << QByteArray() << "" << "the file is empty";
        QTest::newRow("whitespace") << QByteArray(" \n\t\n") << "" << "the file is empty";
        QTest::newRow("truncated")
            << QByteArray("{\"format\": \"mapperscope-project\",\n \"version\": 1,\n \"classes\": [\n  {\"name\": \"A\", \"col")
            << "line 4, column 21" << "not valid JSON: unterminated string";
        QTest::newRow("missing comma")
            << QByteArray("{\"format\": \"mapperscope-project\"\n \"version\": 1}")
            << "line 2, column 3" << "not valid JSON: unterminated object";
        QTest::newRow("array at top") << QByteArray("[1,2]") << ""
            << "not a Mapperscope project: the file holds a JSON array, not an object";
        QTest::newRow("no format") << QByteArray(R"({"version":1})") << ""
            << "not a Mapperscope project: the \"format\" key is missing";
        QTest::newRow("other format") << QByteArray(R"({"format":"pgmodeler","version":1})") << ""
            << "not a Mapperscope project: \"format\" is the string \"pgmodeler\", not \"mapperscope-project\"";
        QTest::newRow("newer version")
            << QByteArray(R"({"format":"mapperscope-project","version":11})") << "version"
            << "this project was saved in format version 11 by a newer Mapperscope; this version "
               "reads format versions 1 to 10. Open it with a newer Mapperscope.";
        QTest::newRow("version as string")
            << QByteArray(R"({"format":"mapperscope-project","version":"1"})") << "version"
            << "expected a format version number, found the string \"1\"";
        QTest::newRow("huge version")
            << QByteArray(R"({"format":"mapperscope-project","version":1e300})") << "version"
            << "expected a format version number, found the number 1e+300";
        QTest::newRow("fractional version")
            << QByteArray(R"({"format":"mapperscope-project","version":1.5})") << "version"
            << "expected a format version number, found the number 1.5";
        QTest::newRow("huge port")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"database":{"port":-1e300}})")
            << "database.port" << "expected a whole number, found the number -1e+300";
        QTest::newRow("no version")
            << QByteArray(R"({"format":"mapperscope-project"})") << "version" << "missing format version";
        QTest::newRow("classes not an array")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"classes":{}})")
            << "classes" << "expected an array, found an object";
        QTest::newRow("class not an object")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"classes":[3]})")
            << "classes[0]" << "expected an object, found the number 3";
        QTest::newRow("class without a name")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"classes":[{"columns":[]}]})")
            << "classes[0]" << "missing \"name\"";
        QTest::newRow("wrong type deep down")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"classes":[
                 {"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}]},
                 {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":"yes"}]}]})")
            << "classes[1].columns[0].primaryKey" << "expected true or false, found the string \"yes\"";
        QTest::newRow("version counter as text")
            << QByteArray(R"({"format":"mapperscope-project","version":5,"classes":[
                 {"name":"A","columns":[{"name":"v","type":"integer","versionCounter":"yes"}]}]})")
            << "classes[0].columns[0].versionCounter" << "expected true or false, found the string \"yes\"";
        QTest::newRow("type as number")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"classes":[
                 {"name":"A","columns":[{"name":"id","type":7}]}]})")
            << "classes[0].columns[0].type" << "expected a string, found the number 7";
        QTest::newRow("port as text")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"database":{"driver":"QPSQL","port":"5432"}})")
            << "database.port" << "expected a whole number, found the string \"5432\"";
        QTest::newRow("step without op")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"scenarios":[{"name":"s","steps":[{"ref":"u"}]}]})")
            << "scenarios[0].steps[0]" << "missing \"op\"";
        QTest::newRow("step values not an object")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"scenarios":[{"name":"s","steps":[{"op":"new","class":"A","as":"a","values":[1]}]}]})")
            << "scenarios[0].steps[0].values" << "expected an object, found an array";
        QTest::newRow("description not a string")
            << QByteArray(R"({"format":"mapperscope-project","version":9,"description":7})")
            << "description" << "expected a string, found the number 7";
        QTest::newRow("view not an object")
            << QByteArray(R"({"format":"mapperscope-project","version":1,"view":"big"})")
            << "view" << "expected an object, found the string \"big\"";
        QTest::newRow("binary junk")
            << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << "line 1, column 2"
            << "not valid JSON: illegal value";
    }

    void badFiles()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, where);
        QFETCH(QString, message);
        const auto result = ProjectFile::parse(data);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().message, message);
        QCOMPARE(result.error().where, where);
    }

    void readNamesTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.msproj"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"mapperscope-project\", \"version\": 1, \"classes\": [}");
        f.close();
        const auto result = ProjectFile::read(path);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().toString(),
                 path + QStringLiteral(": line 1, column 62: not valid JSON: object is missing after a comma"));

        const auto missing = ProjectFile::read(dir.filePath(QStringLiteral("nope.msproj")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.startsWith(QLatin1String("cannot open: ")));
        const auto folder = ProjectFile::read(dir.path());
        QVERIFY(!folder.ok());
        QCOMPARE(folder.error().message, QStringLiteral("is a folder, not a project file"));
    }

    // No input crashes the reader: random bytes, and every prefix and
    // one-byte corruption of a real project (run under ASan/UBSan in CI).
    void noInputCrashesTheReader()
    {
        const QByteArray good = readAll(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj"));
        QVERIFY(!good.isEmpty());
        int refused = 0;
        for (qsizetype n = 0; n < good.size(); n += 7)
            refused += ProjectFile::parse(good.left(n)).ok() ? 0 : 1;
        QVERIFY(refused > 0);
        // the fuzz harness's mutations of every example project (the long
        // run: the `fuzz` target, 100,000 inputs)
        const QList<QByteArray> seeds = msfuzz::seeds({QStringLiteral(MS_SOURCE_DIR "/resources/examples"),
                                                       QStringLiteral(MS_SOURCE_DIR "/tests/golden"),
                                                       QStringLiteral(MS_SOURCE_DIR "/tests/golden2"),
                                                       QStringLiteral(MS_SOURCE_DIR "/tests/golden3"),
                                                       QStringLiteral(MS_SHARED_DIR "/reference/examples")});
        QVERIFY(seeds.size() >= 10);
        const msfuzz::Report report = msfuzz::run(seeds, 2000, 20261121u);
        QVERIFY2(report.problems.isEmpty(), qPrintable(report.problems.join(QLatin1Char('\n'))));
        QCOMPARE(report.inputs, 2000);
        for (int s = 0; s < msfuzz::StrategyCount; ++s)
            QVERIFY(report.perStrategy[s] >= 200);
        QVERIFY(report.refused > 500); // the mutations do break files...
        QVERIFY(report.loaded > 100);  // ... and some still load, and round trip
        QRandomGenerator rng(20261121);
        for (int i = 0; i < 500; ++i) {
            QByteArray random(int(rng.bounded(200)), Qt::Uninitialized);
            for (auto &c : random)
                c = char(rng.bounded(256));
            (void)ProjectFile::parse(random);
        }
    }

    void saveIsAtomic()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.msproj"));
        Project p;
        p.name = QStringLiteral("first");
        QVERIFY(ProjectFile::write(p, path).ok());
        // Saving into a folder that does not exist fails with a message and
        // leaves nothing behind.
        const auto bad = ProjectFile::write(p, dir.filePath(QStringLiteral("no/such/dir/p.msproj")));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.startsWith(QLatin1String("cannot write")));
        // A read-only folder or a full disk: a message with the system's
        // reason, and the old file whole (never a truncated one in its place).
        p.name = QStringLiteral("second");
        p.name += QString(5000, QLatin1Char('x')); // more than the full disk takes
        for (const auto kind : {mstest::WriteFault::ReadOnlyFolder, mstest::WriteFault::FullDisk}) {
            Result<void> failed;
            {
                mstest::WriteFault fault(kind, dir.path());
                failed = ProjectFile::write(p, path);
            }
            QVERIFY(!failed.ok());
            const QString reason = kind == mstest::WriteFault::FullDisk
                ? QStringLiteral("File too large")
                : QStringLiteral("Permission denied");
            QVERIFY2(failed.error().message.contains(reason), qPrintable(failed.error().toString()));
            QCOMPARE(failed.error().where, path);
            const auto back = ProjectFile::read(path);
            QVERIFY(back.ok());
            QCOMPARE(back->name, QStringLiteral("first"));
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                     QStringList{QStringLiteral("p.msproj")});
        }
        // The trace writer sees a full disk too (the CLI's --trace file).
        EventLog log;
        for (int i = 0; i < 100; ++i) {
            Event e;
            e.type = EventType::Set;
            e.value = log.addValue(QStringLiteral("value %1").arg(i));
            log.append(e);
        }
        const QString tracePath = dir.filePath(QStringLiteral("t.jsonl"));
        QSaveFile trace(tracePath);
        QVERIFY(trace.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        Result<void> traced;
        bool committed = true;
        {
            mstest::WriteFault fault(mstest::WriteFault::FullDisk, dir.path());
            traced = TraceWriter::write(log, &trace);
            committed = trace.commit();
        }
        QVERIFY(!traced.ok());
        QVERIFY2(traced.error().message.contains(QLatin1String("File too large")),
                 qPrintable(traced.error().toString()));
        QVERIFY(!committed);
        QVERIFY(!QFile::exists(tracePath));
    }

    void statementLinesCarryTheirCauseAndDuration()
    {
        EventLog log;
        const quint32 user = log.defineClass(QStringLiteral("User"), {QStringLiteral("id")});
        log.setObjectLabel(3, QStringLiteral("u1"));
        Event e;
        e.type = EventType::Statement;
        e.classId = quint16(user);
        e.value = log.addStatement(QStringLiteral("INSERT"), {1}, QStringLiteral("flush"), 2.5, 1, QString(),
                                   {StatementCause::Kind::Insert, 3, quint16(user), 0},
                                   {StatementCause::Kind::Query, 0, quint16(user), 0});
        log.append(e);
        QBuffer out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(TraceWriter::write(log, &out).ok());
        const QJsonObject line = QJsonDocument::fromJson(out.data().trimmed()).object();
        QCOMPARE(line.value(QLatin1String("duration")).toDouble(), 2.5);
        const QJsonObject cause = line.value(QLatin1String("cause")).toObject();
        QCOMPARE(cause.value(QLatin1String("kind")).toString(), QStringLiteral("insert"));
        QCOMPARE(cause.value(QLatin1String("ref")).toString(), QStringLiteral("u1"));
        QCOMPARE(cause.value(QLatin1String("class")).toString(), QStringLiteral("User"));
        QCOMPARE(cause.value(QLatin1String("autoflush")).toObject().value(QLatin1String("kind")).toString(),
                 QStringLiteral("query"));
    }
};

QTEST_GUILESS_MAIN(TestProjectFile)
#include "tst_projectfile.moc"
