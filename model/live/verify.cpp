#include "verify.h"

#include "events/eventlog.h"
#include "listeneractions.h"
#include "project/sqlalchemyexport.h"
#include "project/tracewriter.h"
#include "scenariorunner.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace ms::Verify {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Verify)
};

bool hasSqlAlchemy(const QString &python)
{
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"), QStringLiteral("import sqlalchemy")});
    return probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit
        && probe.exitCode() == 0;
}
} // namespace

Result<QString> findPython()
{
    QStringList candidates {QStringLiteral("/usr/bin/python3")};
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (!onPath.isEmpty() && !candidates.contains(onPath))
        candidates << onPath;
    // the user's choice, alone
    if (const QString chosen = qEnvironmentVariable("MAPPERSCOPE_PYTHON"); !chosen.isEmpty())
        candidates = {chosen};
    bool anyPython = false;
    for (const QString &python : std::as_const(candidates)) {
        if (!QFile::exists(python))
            continue;
        anyPython = true;
        if (hasSqlAlchemy(python))
            return python;
    }
    if (!anyPython)
        return Error {Tr::tr("comparing with SQLAlchemy needs Python 3 with SQLAlchemy 1.4; "
                             "none was found (on Debian: sudo apt install python3-sqlalchemy)"),
                      {}};
    return Error {Tr::tr("comparing with SQLAlchemy needs SQLAlchemy 1.4 for %1 (on Debian: sudo "
                         "apt install python3-sqlalchemy)")
                      .arg(candidates.join(QStringLiteral(", "))),
                  {}};
}

QByteArray engineTrace(const Project &project, const Scenario &scenario)
{
    Playground play;
    DatabaseSettings memory;
    memory.driver = QStringLiteral("QSQLITE");
    memory.name = QStringLiteral(":memory:");
    if (play.open(project, memory)) {
        ListenerActions listeners(&play.dispatcher, &play.log, &play.registry, play.session.get());
        (void)listeners.install(project.listeners); // the ones it can take, as the window does
        ScenarioRunner runner(*play.session, &play.sessions);
        (void)runner.run(scenario); // a failed step is in the trace
        listeners.clear();
    }
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    (void)TraceWriter::write(play.log, &out);
    return out.data();
}

Result<QByteArray> sqlalchemyTrace(const Project &project, const Scenario &scenario,
                                   const QString &python, int timeoutMs)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return Error {Tr::tr("cannot make a temporary folder: %1").arg(dir.errorString()), {}};
    const QString module = dir.filePath(QStringLiteral("model.py"));
    QFile f(module);
    const QByteArray text = SqlAlchemyExport::module(project).toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return Error {f.errorString(), module};
    f.close();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONHASHSEED"), QStringLiteral("0"));
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(dir.path());
    p.start(python, {module, scenario.name});
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return Error {Tr::tr("SQLAlchemy did not finish the scenario within %1 s").arg(timeoutMs / 1000), {}};
    }
    const QByteArray out = p.readAllStandardOutput();
    // exit 1: a step failed that was not expected to; its trace is printed all the same
    if (p.exitStatus() != QProcess::NormalExit || (p.exitCode() != 0 && p.exitCode() != 1)
        || out.isEmpty())
        return Error {Tr::tr("the exported module did not run: %1")
                          .arg(QString::fromUtf8(p.readAllStandardError()).trimmed()),
                      {}};
    return out;
}

Result<Comparison> compare(const Project &project, const Scenario &scenario, const QString &python)
{
    if (project.session.orm == Orm::Ming)
        return Error {Tr::tr("this is a Ming project: SQLAlchemy does not play it (Session > ORM makes it "
                             "a SQLAlchemy project, to compare the two)"),
                      {}};
    auto sa = sqlalchemyTrace(project, scenario, python);
    if (!sa)
        return sa.error();
    bool okSa = true;
    const auto saTrace = tracecompare::parseTraceLines(*sa, &okSa);
    if (!okSa)
        return Error {Tr::tr("SQLAlchemy's trace has a line that is not JSON"), {}};
    Comparison c;
    // the exported program records its statements: where each SELECT was
    // sent is compared too
    const bool selects = tracecompare::hasStatements(saTrace);
    const QStringList links = tracecompare::linkTables(project.schema);
    c.sqlalchemy = tracecompare::canonicalTrace(saTrace, false, selects, links);
    QList<QJsonObject> engine = tracecompare::parseTraceLines(engineTrace(project, scenario));
    tracecompare::dropUnexpectedExtensionCalls(engine, saTrace);
    c.engine = tracecompare::canonicalTrace(engine, false, selects, links);
    c.steps = int(qMax(c.sqlalchemy.size(), c.engine.size())) - 1;
    c.difference = tracecompare::firstDifference(c.sqlalchemy, c.engine);
    if (c.difference) {
        c.difference->replace(QLatin1String("\n  expected: "), QLatin1String("\n  SQLAlchemy:  "));
        c.difference->replace(QLatin1String("\n  actual:   "), QLatin1String("\n  Mapperscope: "));
    }
    return c;
}

} // namespace ms::Verify
