// Differential fuzzing against SQLAlchemy: random projects and scenarios
// (scenariogen.h) are played on SQLAlchemy 1.4 (../shared/reference/
// sa_reference.py, through reference_server.py) and on the engine, and
// their traces compared with trace_compare.py's rules (tracecompare.h).
//
// A case: the reference plays the scenario with MS_REF_AUTO_EXPECT, so a
// step that fails on SQLAlchemy is marked expectError and play goes on;
// the marked project is played again on the reference, and the case is
// skipped when the two traces differ (SQLAlchemy iterates some sets in hash
// order: unstable); then the engine plays the marked project. A mismatch is
// saved and minimized: steps are dropped while the case still differs, down
// to the smallest scenario that shows it, printed with its first differing
// step.
//
// MS_DIFF_CASES=N (default 200), MS_DIFF_SEED=S (default fixed): case i is
// generated from seed S+i, so MS_DIFF_SEED=S+i MS_DIFF_CASES=1 replays it.
// MS_DIFF_NO_MINIMIZE=1 skips minimizing. Cases that differ are written to
// differential/ beside the test (original, minimal, both traces).
#include "project/projectfile.h"
#include "project/sqlalchemyexport.h"
#include "live/listeneractions.h"
#include "live/scenariorunner.h"
#include "project/tracewriter.h"
#include "orm/session.h"
#include "scenariogen.h"
#include "tracecompare.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;
using namespace mstest;

namespace {

/// SQLAlchemy's side: reference_server.py, two Python processes for all
/// cases. The second plays with another hash seed and with Python's memory
/// shuffled first, so that a trace depending on set order (SQLAlchemy
/// iterates some sets by hash, and objects hash by their address) shows
/// as a difference between the two plays.
class Reference
{
public:
    ~Reference()
    {
        for (QProcess *p : {&m_process, &m_other}) {
            p->closeWriteChannel();
            if (!p->waitForFinished(5000))
                p->kill();
        }
    }

    /// Starts Debian's /usr/bin/python3 on the server; an error when it or
    /// SQLAlchemy is not there. With @p ming, the server plays projects on
    /// Ming (ming_reference.py; also needs python3-pymongo, -six and -tz).
    QString start(bool ming = false)
    {
        const QString python = QStringLiteral("/usr/bin/python3");
        if (!QFile::exists(python))
            return QStringLiteral("no %1").arg(python);
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import sqlalchemy; print(sqlalchemy.__version__)")});
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
            return QStringLiteral("SQLAlchemy is not installed for %1 (Debian's python3-sqlalchemy; scripts/test.sh installs it)")
                .arg(python);
        m_version = QString::fromUtf8(probe.readAllStandardOutput()).trimmed();
        if (ming) {
            probe.start(python, {QStringLiteral("-c"), QStringLiteral("import pymongo, six, pytz")});
            if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
                return QStringLiteral("Ming's reference needs python3-pymongo, python3-six and python3-tz for %1 "
                                      "(scripts/test.sh installs them)")
                    .arg(python);
            m_version = QStringLiteral("Ming 0.13.0 (vendored)");
        }
        const QStringList args{QStringLiteral(MS_SOURCE_DIR "/tests/fuzz/reference_server.py"),
                               ming ? QStringLiteral(MS_SHARED_DIR "/reference/ming_reference.py")
                                    : QStringLiteral(MS_SHARED_DIR "/reference/sa_reference.py")};
        int hashSeed = 0;
        for (QProcess *p : {&m_process, &m_other}) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("PYTHONHASHSEED"), QString::number(hashSeed++));
            // the second server also allocates through glibc's malloc: sets
            // of objects iterate by address, which another allocator changes
            // (seeds 69468, 70514: a rollback's detach order)
            if (p == &m_other)
                env.insert(QStringLiteral("PYTHONMALLOC"), QStringLiteral("malloc"));
            p->setProcessEnvironment(env);
            p->start(python, p == &m_other ? args + QStringList{QStringLiteral("--shuffle-memory")} : args);
            if (!p->waitForStarted(10000))
                return QStringLiteral("cannot start the reference server: ") + p->errorString();
        }
        return {};
    }

    QString version() const { return m_version; }

    struct Play
    {
        int rc = -1;
        QString stderrTail;
    };

    /// Plays @p project's first scenario, the trace written to @p trace;
    /// with @p expect, failing steps are marked and the project written there.
    /// @p other: on the second server (another hash seed, memory shuffled).
    Play play(const QString &project, const QString &trace, const QString &expect = {}, bool other = false)
    {
        QJsonObject request {{"project", project}, {"trace", trace}};
        if (!expect.isEmpty())
            request.insert("expect", expect);
        return ask(other ? m_other : m_process, request);
    }

    /// Runs @p program (a project's exported SQLAlchemy program) with @p args,
    /// its trace written to @p trace.
    Play run(const QString &program, const QStringList &args, const QString &trace, bool other = false)
    {
        return ask(other ? m_other : m_process,
                   {{"program", program}, {"args", QJsonArray::fromStringList(args)}, {"trace", trace}});
    }

private:
    /// One request to a server, and its answer.
    static Play ask(QProcess &process, const QJsonObject &request)
    {
        process.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
        process.waitForBytesWritten(10000);
        while (!process.canReadLine()) {
            if (!process.waitForReadyRead(120000))
                return {-1, QStringLiteral("the reference server did not answer: ")
                                + QString::fromUtf8(process.readAllStandardError())};
        }
        const QJsonObject answer = QJsonDocument::fromJson(process.readLine()).object();
        return {answer.value("rc").toInt(-1), answer.value("stderr").toString()};
    }

    QProcess m_process;
    QProcess m_other;
    QString m_version;
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

enum class Outcome { Match, Mismatch, Unstable, Invalid };

struct Verdict
{
    Outcome outcome = Outcome::Invalid;
    QString detail;           ///< why (the first difference, the engine's error)
    QByteArray marked;        ///< the project as the reference marked it
    QByteArray expectedTrace; ///< the reference's
    QByteArray actualTrace;   ///< the engine's
};

/// One case, played on both sides. @p engineSteps (for the harness's own
/// test): the engine plays these steps instead of the marked ones.
/// @p project with only the steps at @p keep.
QJsonObject withSteps(QJsonObject project, const QJsonArray &steps)
{
    QJsonArray scenarios = project.value("scenarios").toArray();
    QJsonObject scenario = scenarios.at(0).toObject();
    scenario.insert("steps", steps);
    scenarios.replace(0, scenario);
    project.insert("scenarios", scenarios);
    return project;
}

/// The exported SQLAlchemy program of @p projectJson written to @p path
/// (false: the project does not load).
bool exportProgram(const QByteArray &projectJson, const QString &path)
{
    const auto parsed = ProjectFile::parse(projectJson);
    return parsed && writeFile(path, SqlAlchemyExport::module(*parsed).toUtf8());
}

/// One case, played on both sides: @p exported, on the project's exported
/// SQLAlchemy program (format version 3: what the reference script cannot
/// express), which --keep-going stands for MS_REF_AUTO_EXPECT; otherwise
/// on the reference script. @p engineSteps (for the harness's own test):
/// the engine plays these steps instead of the marked ones.
Verdict judge(Reference &reference, const QJsonObject &project, const QDir &work,
              const QJsonArray *engineSteps = nullptr, bool exported = false, bool ming = false)
{
    Verdict v;
    // Ming's trace holds extension calls and failures only: compared on those
    const auto canon = [&](const QByteArray &trace, bool detachLoop = false) {
        const QList<QJsonObject> lines = parseTraceLines(trace);
        return ming ? extensionCalls(lines) : canonicalTrace(lines, detachLoop, exported);
    };
    const QString original = work.filePath(QStringLiteral("case.msproj"));
    const QString marked = work.filePath(QStringLiteral("marked.msproj"));
    const QString first = work.filePath(QStringLiteral("first.jsonl"));
    const QString second = work.filePath(QStringLiteral("second.jsonl"));
    const QString markedProgram = work.filePath(QStringLiteral("marked.py"));
    writeFile(original, QJsonDocument(project).toJson());
    QFile::remove(marked);
    if (exported) {
        const QString program = work.filePath(QStringLiteral("case.py"));
        const QString failed = work.filePath(QStringLiteral("failed.json"));
        QFile::remove(failed);
        if (!exportProgram(QJsonDocument(project).toJson(), program)) {
            v.detail = QStringLiteral("the project does not load");
            return v;
        }
        const Reference::Play a = reference.run(program, {QStringLiteral("--keep-going"), failed}, first);
        if (a.rc != 0) {
            v.detail = QStringLiteral("the exported program cannot play it: ") + a.stderrTail;
            return v;
        }
        // the steps that failed there are marked expectError; one that
        // failed inside SQLAlchemy itself (1.4 takes its PASSIVE_NO_RESULT
        // symbol for an object in some flushes after a rollback, seed
        // 101470) is no behaviour to compare
        QJsonArray steps = project.value("scenarios").toArray().at(0).toObject().value("steps").toArray();
        for (const QJsonValue &failure : QJsonDocument::fromJson(readFile(failed)).array()) {
            const int index = failure.toObject().value("step").toInt();
            if (failure.toObject().value("message").toString().contains(QLatin1String("'symbol' object"))) {
                v.outcome = Outcome::Unstable;
                v.detail = QStringLiteral("SQLAlchemy fails inside itself at step %1: %2")
                               .arg(index)
                               .arg(failure.toObject().value("message").toString());
                return v;
            }
            QJsonObject step = steps.at(index).toObject();
            step.insert("expectError", true);
            steps.replace(index, step);
        }
        v.marked = QJsonDocument(withSteps(project, steps)).toJson();
        writeFile(marked, v.marked);
        exportProgram(v.marked, markedProgram);
    } else {
        const Reference::Play a = reference.play(original, first, marked);
        if (a.rc != 0) {
            v.detail = QStringLiteral("the reference cannot play it: ") + a.stderrTail;
            return v;
        }
        v.marked = readFile(marked);
    }
    auto playMarked = [&](const QString &trace) {
        return exported ? reference.run(markedProgram, {}, trace, true)
                        : reference.play(marked, trace, {}, true);
    };
    const Reference::Play b = playMarked(second);
    v.expectedTrace = readFile(second);
    if (b.rc != 0) {
        v.outcome = Outcome::Unstable;
        v.detail = QStringLiteral("a second play on the reference failed elsewhere: ") + b.stderrTail;
        return v;
    }
    // the exported program's traces record statements: each SELECT is
    // compared where it was sent
    const TraceSteps once = canon(readFile(first));
    const TraceSteps twice = canon(v.expectedTrace);
    if (const auto d = firstDifference(once, twice)) {
        v.outcome = Outcome::Unstable;
        v.detail = *d;
        return v;
    }
    auto parsed = ProjectFile::parse(v.marked);
    if (!parsed) {
        v.detail = QStringLiteral("the marked project does not load: ") + parsed.error().toString();
        return v;
    }
    v.outcome = Outcome::Mismatch;
    Playground play;
    if (auto opened = play.open(*parsed, DatabaseSettings {}); !opened) {
        v.detail = QStringLiteral("the engine refuses the project: ") + opened.error().toString();
        return v;
    }
    // the project's listeners (a Ming project's extensions), as the window has them
    ListenerActions listeners(&play.dispatcher, &play.log, &play.registry, play.session.get());
    if (auto installed = listeners.install(parsed->listeners); !installed) {
        v.detail = QStringLiteral("the engine refuses a listener: ") + installed.error().toString();
        return v;
    }
    ScenarioRunner runner(*play.session, &play.sessions);
    Scenario scenario = parsed->scenarios.first();
    if (engineSteps) {
        scenario.steps.clear();
        for (const QJsonValue &step : *engineSteps)
            scenario.steps.append(Step::fromJson(step.toObject()));
    }
    const auto played = runner.run(scenario);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    (void)TraceWriter::write(play.log, &buffer);
    v.actualTrace = buffer.data();
    const auto difference = firstDifference(twice, canon(v.actualTrace));
    if (!difference && played) {
        v.outcome = Outcome::Match;
        return v;
    }
    // A rollback detaches the objects it expunges in one loop over a set
    // (InstanceState._detach_states), in the order of their addresses:
    // a trace that differs only there is SQLAlchemy's instability, whether
    // or not the shuffled plays below happen to show it.
    if (!ming && !firstDifference(canon(v.expectedTrace, true), canon(v.actualTrace, true)) && played) {
        v.outcome = Outcome::Unstable;
        v.detail = QStringLiteral("only the order of a rollback's detach loop differs (address order in SQLAlchemy)");
        return v;
    }
    // Before it counts, the reference must give the same trace again with
    // its memory shuffled: objects that SQLAlchemy iterates as a set (those
    // a rollback detaches, for one) come out in the order of their addresses.
    for (int k = 0; k < 4; ++k) {
        const QString again = work.filePath(QStringLiteral("again.jsonl"));
        const Reference::Play c = playMarked(again);
        const auto d = c.rc == 0 ? firstDifference(twice, canon(readFile(again)))
                                 : std::optional<QString>(c.stderrTail);
        if (d) {
            v.outcome = Outcome::Unstable;
            v.detail = *d;
            return v;
        }
    }
    v.outcome = Outcome::Mismatch;
    v.detail = difference.value_or(QString());
    if (!played)
        v.detail = QStringLiteral("the engine stopped: %1\n%2").arg(played.error().toString(), v.detail);
    return v;
}

/// Drops steps while the case still differs: the smallest scenario that
/// shows the mismatch.
QJsonObject minimize(Reference &reference, QJsonObject project, const QDir &work, Verdict *last, bool exported,
                     bool ming)
{
    QJsonArray steps = project.value("scenarios").toArray().at(0).toObject().value("steps").toArray();
    bool shrunk = true;
    while (shrunk) {
        shrunk = false;
        for (qsizetype i = steps.size() - 1; i >= 0; --i) {
            QJsonArray fewer = steps;
            fewer.removeAt(i);
            const QJsonObject candidate = withSteps(project, fewer);
            const Verdict v = judge(reference, candidate, work, nullptr, exported, ming);
            if (v.outcome == Outcome::Mismatch) {
                steps = fewer;
                project = candidate;
                *last = v;
                shrunk = true;
            }
        }
    }
    return project;
}

QString stepsText(const QByteArray &projectJson)
{
    const QJsonArray steps = QJsonDocument::fromJson(projectJson)
                                 .object()
                                 .value("scenarios")
                                 .toArray()
                                 .at(0)
                                 .toObject()
                                 .value("steps")
                                 .toArray();
    QStringList lines;
    for (qsizetype i = 0; i < steps.size(); ++i)
        lines << QStringLiteral("  %1. %2").arg(i).arg(QString::fromUtf8(
                     QJsonDocument(steps.at(i).toObject()).toJson(QJsonDocument::Compact)));
    return lines.join(QLatin1Char('\n'));
}

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

} // namespace

class TestDifferential : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generatorIsRepeatable()
    {
        ScenarioGenerator a(42), b(42), c(43);
        QString shape;
        const QJsonObject one = a.next(&shape);
        QCOMPARE(one, b.next());
        QVERIFY(one != c.next());
        QVERIFY(!shape.isEmpty());
        // every case is a project the engine loads without problems
        ScenarioGenerator many(7);
        for (int i = 0; i < 450; ++i) {
            const QJsonObject p = i % 3 == 0 ? many.next() : i % 3 == 1 ? many.nextExported() : many.nextMing();
            auto loaded = ProjectFile::parse(QJsonDocument(p).toJson());
            QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
            const Problems problems = loaded->validate();
            QVERIFY2(problems.isEmpty(),
                     qPrintable(problems.value(0).toString() + QLatin1Char('\n') + QString::fromUtf8(QJsonDocument(p).toJson())));
        }
    }

    void harnessCatchesADifference()
    {
        // The comparison must be able to fail: the engine plays the scenario
        // without its flush, SQLAlchemy with it.
        Reference reference;
        const QString error = reference.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject project = QJsonDocument::fromJson(R"({
            "format": "mapperscope-project", "version": 1, "name": "harness",
            "classes": [{"name": "Note", "table": "notes", "columns": [
                {"name": "id", "type": "integer", "primaryKey": true},
                {"name": "title", "type": "text"}]}],
            "scenarios": [{"name": "one", "steps": [
                {"op": "new", "class": "Note", "as": "n1", "values": {"title": "a"}},
                {"op": "add", "ref": "n1"},
                {"op": "flush"}]}]})").object();
        QTemporaryDir scratch;
        const QDir work(scratch.path());
        QCOMPARE(int(judge(reference, project, work).outcome), int(Outcome::Match));
        QJsonArray withoutFlush = project.value("scenarios").toArray().at(0).toObject().value("steps").toArray();
        withoutFlush.removeLast();
        const Verdict v = judge(reference, project, work, &withoutFlush);
        QCOMPARE(int(v.outcome), int(Outcome::Mismatch));
        QVERIFY2(v.detail.contains(QLatin1String("step 2 (flush)")), qPrintable(v.detail));
        // the same through the exported program, which also marks a step
        // that fails there (a refresh of an object expunged)
        QCOMPARE(int(judge(reference, project, work, nullptr, true).outcome), int(Outcome::Match));
        const Verdict e = judge(reference, project, work, &withoutFlush, true);
        QCOMPARE(int(e.outcome), int(Outcome::Mismatch));
        QVERIFY2(e.detail.contains(QLatin1String("step 2 (flush)")), qPrintable(e.detail));
        QJsonObject failing = project;
        QJsonArray steps = project.value("scenarios").toArray().at(0).toObject().value("steps").toArray();
        steps.append(QJsonObject {{"op", "expunge"}, {"ref", "n1"}});
        steps.append(QJsonObject {{"op", "refresh"}, {"ref", "n1"}});
        failing = withSteps(project, steps);
        const Verdict marked = judge(reference, failing, work, nullptr, true);
        QCOMPARE(int(marked.outcome), int(Outcome::Match));
        const QJsonArray markedSteps = QJsonDocument::fromJson(marked.marked)
                                           .object().value("scenarios").toArray().at(0).toObject()
                                           .value("steps").toArray();
        QCOMPARE(markedSteps.at(4).toObject().value("expectError").toBool(), true);
        QCOMPARE(markedSteps.at(3).toObject().value("expectError").toBool(), false);
    }

    void engineMatchesSqlAlchemy()
    {
        fuzz(false, quint32(envInt("MS_DIFF_SEED", 19000)), envInt("MS_DIFF_CASES", 200));
    }

    void harnessCatchesAMingDifference()
    {
        // Ming mode must be able to fail too: the engine plays the scenario
        // without its flush, Ming with it, and the extension calls differ.
        Reference reference;
        const QString error = reference.start(true);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject project = QJsonDocument::fromJson(R"({
            "format": "mapperscope-project", "version": 10, "name": "harness", "orm": "ming",
            "classes": [{"name": "Note", "table": "notes", "columns": [
                {"name": "id", "type": "integer", "primaryKey": true},
                {"name": "title", "type": "text"}]}],
            "listeners": [{"event": "before_insert", "target": "Note", "action": "log", "extension": "Log"}],
            "scenarios": [{"name": "one", "steps": [
                {"op": "new", "class": "Note", "as": "n1", "values": {"title": "a"}},
                {"op": "flush"}]}]})").object();
        QTemporaryDir scratch;
        const QDir work(scratch.path());
        QCOMPARE(int(judge(reference, project, work, nullptr, false, true).outcome), int(Outcome::Match));
        QJsonArray withoutFlush = project.value("scenarios").toArray().at(0).toObject().value("steps").toArray();
        withoutFlush.removeLast();
        const Verdict v = judge(reference, project, work, &withoutFlush, false, true);
        QCOMPARE(int(v.outcome), int(Outcome::Mismatch));
        QVERIFY2(v.detail.contains(QLatin1String("step 1 (flush)")), qPrintable(v.detail));
    }

    void engineMatchesMing()
    {
        // Ming projects (extensions, Ming's operations) played on Ming itself
        fuzz(false, quint32(envInt("MS_DIFF_MING_SEED", 500000)), envInt("MS_DIFF_MING_CASES", 100), true);
    }

    void engineMatchesTheExportedProgram()
    {
        // one-to-one, two foreign keys to one class, loading strategies and
        // loader options: played on the project's exported program
        fuzz(true, quint32(envInt("MS_DIFF_EXPORT_SEED", 90000)), envInt("MS_DIFF_EXPORT_CASES", 60));
    }

private:
    void fuzz(bool exported, quint32 seed, int cases, bool ming = false)
    {
        Reference reference;
        const QString error = reference.start(ming);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QTemporaryDir scratch;
        const QDir work(scratch.path());
        const QDir saved(QStringLiteral(MS_BINARY_DIR "/differential"));
        QElapsedTimer clock;
        clock.start();
        int matched = 0, unstable = 0, invalid = 0;
        QStringList mismatches, unstableSeeds;
        for (int i = 0; i < cases; ++i) {
            ScenarioGenerator generator(seed + quint32(i));
            QString shape;
            const QJsonObject project = ming       ? generator.nextMing(&shape)
                : exported                          ? generator.nextExported(&shape)
                                                    : generator.next(&shape);
            Verdict v = judge(reference, project, work, nullptr, exported, ming);
            switch (v.outcome) {
            case Outcome::Match:
                ++matched;
                continue;
            case Outcome::Unstable:
                ++unstable;
                unstableSeeds << QString::number(seed + i);
                continue;
            case Outcome::Invalid:
                ++invalid;
                qWarning("case %u (%s): %s", seed + i, qPrintable(shape), qPrintable(v.detail));
                continue;
            case Outcome::Mismatch:
                break;
            }
            QJsonObject minimal = project;
            if (!qEnvironmentVariableIsSet("MS_DIFF_NO_MINIMIZE"))
                minimal = minimize(reference, project, work, &v, exported, ming);
            const QDir dir(saved.filePath(QStringLiteral("case-%1").arg(seed + i)));
            dir.mkpath(QStringLiteral("."));
            writeFile(dir.filePath(QStringLiteral("original.msproj")), QJsonDocument(project).toJson());
            writeFile(dir.filePath(QStringLiteral("minimal.msproj")), v.marked);
            writeFile(dir.filePath(QStringLiteral("expected.jsonl")), v.expectedTrace);
            writeFile(dir.filePath(QStringLiteral("actual.jsonl")), v.actualTrace);
            mismatches << QStringLiteral("case %1 (%2): %3\n%4\n(in %5)")
                              .arg(seed + i)
                              .arg(shape, v.detail, stepsText(v.marked), dir.path());
            qWarning("%s", qPrintable(mismatches.last()));
        }
        qInfo("%s %s; seeds %u..%u: %d cases, %d match, %lld differ, %d unstable on the reference, "
              "%d the reference cannot play; %.1f s",
              ming ? "Ming" : exported ? "the exported program on SQLAlchemy" : "SQLAlchemy",
              qPrintable(reference.version()), seed, seed + cases - 1, cases, matched,
              qlonglong(mismatches.size()), unstable, invalid, clock.elapsed() / 1000.0);
        if (!unstableSeeds.isEmpty())
            qInfo("unstable on SQLAlchemy (skipped): %s", qPrintable(unstableSeeds.join(QLatin1Char(' '))));
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QStringLiteral("\n\n"))));
        QCOMPARE(invalid, 0);
    }
};

int main(int argc, char **argv)
{
    // A long run by hand outlasts QtTest's five-minute watchdog: allow
    // five seconds a case (about ten times what one takes).
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT")) {
        const qint64 cases = qint64(envInt("MS_DIFF_CASES", 200)) + envInt("MS_DIFF_EXPORT_CASES", 60)
            + envInt("MS_DIFF_MING_CASES", 100);
        const qint64 ms = std::max<qint64>(300000, cases * 5000);
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number(ms));
    }
    QCoreApplication app(argc, argv);
    TestDifferential test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_differential.moc"
