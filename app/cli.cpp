#include "cli.h"

#include "bench.h"

#include "events/eventlog.h"
#include "events/eventtype.h"
#include "orm/registry.h"
#include "project/databaseimport.h"
#include "project/projectfile.h"
#include "project/sqlalchemyexport.h"
#include "project/tracediff.h"
#include "live/listeneractions.h"
#include "live/scenariorunner.h"
#include "live/verify.h"
#include "project/tracewriter.h"
#include "orm/session.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace ms {

namespace {
/// The value of a --log-limit option into @p limit (the default when it is
/// not given); false, with a message on @p err, when it is not a number of
/// at least 1.
bool readLogLimit(const QCommandLineParser &parser, const QCommandLineOption &option,
                  qlonglong *limit, QTextStream &err)
{
    *limit = EventLog::kDefaultCapacity;
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    *limit = parser.value(option).toLongLong(&ok);
    if (ok && *limit >= 1)
        return true;
    err << Cli::tr("error: --log-limit wants a number of events of at least 1, not \"%1\"")
               .arg(parser.value(option))
        << Qt::endl;
    return false;
}

// The sub-commands and their one-line descriptions, for --help.
struct Command
{
    const char *name;
    const char *synopsis;
    const char *description;
};
constexpr Command kCommands[] = {
    {"validate", "validate PROJECT", QT_TRANSLATE_NOOP("Cli", "List the problems of a project file")},
    {"ddl", "ddl PROJECT [--driver QSQLITE|QPSQL]",
     QT_TRANSLATE_NOOP("Cli", "Print the CREATE TABLE statements of a project")},
    {"export", "export PROJECT --sqlalchemy FILE.py",
     QT_TRANSLATE_NOOP("Cli", "Write the project as a SQLAlchemy program that plays its scenarios")},
    {"import", "import URL --out PROJECT [--force]",
     QT_TRANSLATE_NOOP("Cli", "Read the tables of a database into a new project")},
    {"verify", "verify PROJECT [--scenario NAME | --all]",
     QT_TRANSLATE_NOOP("Cli", "Play a scenario on the engine and on SQLAlchemy and compare the traces")},
    {"run", "run PROJECT [--scenario NAME] [--trace FILE] [--db URL]",
     QT_TRANSLATE_NOOP("Cli", "Play a scenario of a project and write its event trace (JSON Lines)")},
    {"diff", "diff A.jsonl B.jsonl [--all]",
     QT_TRANSLATE_NOOP("Cli", "Compare two event traces step by step: the events and statements that differ")},
    {"events", "events [--explain]",
     QT_TRANSLATE_NOOP("Cli", "List the hooks Mapperscope fires (the event catalogue)")},
    {"bench", "bench [--objects N] [--db FILE] [--json]",
     QT_TRANSLATE_NOOP("Cli", "Time the engine's workloads against raw Qt SQL (performance.md)")},
};

QString commandSummary()
{
    QString text = Cli::tr("Commands:") + QLatin1Char('\n');
    for (const auto &c : kCommands)
        text += QStringLiteral("  %1\n      %2\n")
                    .arg(QLatin1String(c.synopsis), Cli::tr(c.description));
    return text;
}
} // namespace

int Cli::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Mapperscope's headless runner: check, map and play projects without a window.")
        + QLatin1String("\n\n") + commandSummary());
    parser.addPositionalArgument(QStringLiteral("command"), tr("validate, ddl, export, import, verify, run, diff, events or bench"));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    // Options of the sub-commands are parsed by them; let them through here.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    if (!parser.parse(arguments)) {
        m_err << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(version)) {
        m_out << QCoreApplication::applicationName() << ' '
              << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(help) || positional.isEmpty()) {
        (positional.isEmpty() && !parser.isSet(help) ? m_err : m_out) << parser.helpText();
        return parser.isSet(help) ? 0 : 2;
    }
    const QString command = positional.first();
    const QStringList rest = QStringList{arguments.first() + QLatin1Char(' ') + command}
        + positional.mid(1);
    if (command == QLatin1String("validate"))
        return validate(rest);
    if (command == QLatin1String("ddl"))
        return ddl(rest);
    if (command == QLatin1String("export"))
        return exportProject(rest);
    if (command == QLatin1String("verify"))
        return verify(rest);
    if (command == QLatin1String("import"))
        return importDatabase(rest);
    if (command == QLatin1String("events"))
        return events(rest);
    if (command == QLatin1String("run"))
        return runScenario(rest);
    if (command == QLatin1String("bench"))
        return bench(rest);
    if (command == QLatin1String("diff"))
        return diff(rest);
    m_err << tr("unknown command \"%1\"").arg(command) << Qt::endl << commandSummary();
    return 2;
}

std::optional<Project> Cli::readProject(const QCommandLineParser &parser, const QString &usage)
{
    if (parser.positionalArguments().size() != 1) {
        m_err << tr("usage: mapperscope-cli %1").arg(usage) << Qt::endl;
        return std::nullopt;
    }
    auto project = ProjectFile::read(parser.positionalArguments().first());
    if (!project) {
        m_err << tr("error: %1").arg(project.error().toString()) << Qt::endl;
        return std::nullopt;
    }
    return std::move(*project);
}

const Scenario *Cli::chooseScenario(const Project &project, const QString &path, const QString &name)
{
    if (project.scenarios.isEmpty()) {
        m_err << path << ": " << tr("the project has no scenario to play") << Qt::endl;
        return nullptr;
    }
    if (name.isEmpty())
        return &project.scenarios.first();
    QStringList names;
    for (const Scenario &s : project.scenarios) {
        if (s.name == name)
            return &s;
        names << s.name;
    }
    m_err << path << ": "
          << tr("no scenario is named \"%1\" (there are: %2)").arg(name, names.join(QStringLiteral(", ")))
          << Qt::endl;
    return nullptr;
}

int Cli::validate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List the problems of a project file. Exit status: 0 "
                                        "no problems, 1 problems, 2 the file cannot be read."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("the project file (.msproj)"));
    parser.addHelpOption();
    parser.process(args);
    const QString path = parser.positionalArguments().value(0);
    const auto project = readProject(parser, QStringLiteral("validate PROJECT"));
    if (!project)
        return 2;
    const Problems problems = project->validate();
    for (const Problem &p : problems)
        m_out << path << ": " << p.toString() << Qt::endl;
    if (!problems.isEmpty()) {
        m_err << tr("problems found: %1").arg(problems.size()) << Qt::endl;
        return 1;
    }
    m_out << tr("%1: no problems (classes: %2)").arg(path, QString::number(project->schema.classes.size()))
          << Qt::endl;
    return 0;
}

int Cli::ddl(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Print the CREATE TABLE statements of a project, in the "
                                        "order the tables must be created."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("the project file (.msproj)"));
    const QCommandLineOption driverOption(
        QStringLiteral("driver"), tr("the Qt SQL driver: QSQLITE (default) or QPSQL"),
        QStringLiteral("driver"));
    parser.addOption(driverOption);
    parser.addHelpOption();
    parser.process(args);
    const QString path = parser.positionalArguments().value(0);
    const auto project = readProject(parser, QStringLiteral("ddl PROJECT [--driver QSQLITE|QPSQL]"));
    if (!project)
        return 2;
    const QString driverName = parser.isSet(driverOption) ? parser.value(driverOption)
                                                          : project->database.driver;
    if (driverName != QLatin1String("QSQLITE") && driverName != QLatin1String("QPSQL")) {
        m_err << tr("error: unsupported driver \"%1\"; use QSQLITE or QPSQL").arg(driverName)
              << Qt::endl;
        return 2;
    }
    const auto statements = Registry::createStatementsFor(project->schema, driverName,
                                                           project->session.orm == Orm::Ming);
    if (!statements) {
        m_err << path << ": " << statements.error().toString() << Qt::endl;
        return 1;
    }
    for (const QString &sql : *statements)
        m_out << sql << ";\n\n";
    m_out.flush();
    return 0;
}

int Cli::exportProject(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Write the project as one Python module for SQLAlchemy 1.4 (it runs on 2.0 too): its "
           "classes, its listeners and its scenarios. Run the module with python3 to play a "
           "scenario on an in-memory SQLite database and print its event trace."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("the project file (.msproj)"));
    const QCommandLineOption sqlalchemyOption(QStringLiteral("sqlalchemy"),
                                              tr("the Python file to write (- for the output)"),
                                              QStringLiteral("FILE.py"));
    parser.addOption(sqlalchemyOption);
    parser.addHelpOption();
    parser.process(args);
    const QString usage = QStringLiteral("export PROJECT --sqlalchemy FILE.py");
    if (!parser.isSet(sqlalchemyOption)) {
        m_err << tr("usage: mapperscope-cli %1").arg(usage) << Qt::endl;
        return 2;
    }
    const QString path = parser.positionalArguments().value(0);
    const auto project = readProject(parser, usage);
    if (!project)
        return 2;
    // classes SQLAlchemy could not map would make a module that cannot run
    Registry registry;
    if (auto mapped = registry.map(project->schema); !mapped) {
        m_err << path << ": " << mapped.error().toString() << Qt::endl;
        return 1;
    }
    const QString out = parser.value(sqlalchemyOption);
    const QByteArray text = SqlAlchemyExport::module(*project, QFileInfo(path).fileName(),
                                                     out == QLatin1String("-") ? QStringLiteral("model.py")
                                                                               : QFileInfo(out).fileName())
                                .toUtf8();
    if (out == QLatin1String("-")) {
        m_out << QString::fromUtf8(text);
        m_out.flush();
        return 0;
    }
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        m_err << tr("error: cannot write %1: %2").arg(out, file.errorString()) << Qt::endl;
        return 1;
    }
    m_err << tr("wrote %1 (%2 scenarios): python3 %1 --list").arg(out).arg(project->scenarios.size())
          << Qt::endl;
    return 0;
}

int Cli::importDatabase(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Read the tables of an SQLite file or a PostgreSQL database into a new project: "
           "columns, types, primary keys, NOT NULL, UNIQUE, defaults and foreign keys (each a "
           "many-to-one with a one-to-many backref). What the model cannot express yet is listed "
           "and left out. Exit status: 0 written, 1 the database or the file failed, 2 bad "
           "arguments or an existing file without --force."));
    parser.addPositionalArgument(QStringLiteral("URL"),
                                 tr("sqlite:PATH or postgresql://user:password@host:port/database"));
    const QCommandLineOption outOption(QStringLiteral("out"), tr("the project file to write"),
                                       QStringLiteral("PROJECT"));
    const QCommandLineOption forceOption(QStringLiteral("force"), tr("replace an existing project file"));
    parser.addOption(outOption);
    parser.addOption(forceOption);
    parser.addHelpOption();
    parser.process(args);
    const QString usage = QStringLiteral("import URL --out PROJECT [--force]");
    if (parser.positionalArguments().size() != 1 || !parser.isSet(outOption)) {
        m_err << tr("usage: mapperscope-cli %1").arg(usage) << Qt::endl;
        return 2;
    }
    const QString url = parser.positionalArguments().first();
    auto settings = databaseFromUrl(url);
    if (!settings || settings->name == QLatin1String(":memory:")) {
        m_err << tr("error: %1").arg(settings ? tr("an in-memory database has no tables to import; "
                                                    "name a file (sqlite:PATH)")
                                              : settings.error().toString())
              << Qt::endl;
        return 2;
    }
    const QString out = parser.value(outOption);
    if (QFileInfo::exists(out) && !parser.isSet(forceOption)) {
        m_err << tr("error: %1 exists; --force replaces it").arg(out) << Qt::endl;
        return 2;
    }
    auto imported = DatabaseImport::read(*settings);
    if (!imported) {
        m_err << tr("error: %1").arg(imported.error().toString()) << Qt::endl;
        return 1;
    }
    for (const QString &s : std::as_const(imported->skipped))
        m_err << tr("left out: %1").arg(s) << Qt::endl;
    if (auto written = ProjectFile::write(imported->project, out); !written) {
        m_err << tr("error: cannot write %1: %2").arg(out, written.error().toString()) << Qt::endl;
        return 1;
    }
    QStringList classes;
    for (const DatabaseImport::Table &t : std::as_const(imported->tables))
        classes << QStringLiteral("%1 (%2)").arg(t.className, t.table);
    m_err << tr("wrote %1: %2 classes: %3").arg(out).arg(classes.size()).arg(classes.join(QStringLiteral(", ")))
          << Qt::endl;
    return 0;
}

int Cli::verify(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Play a scenario on the engine and on SQLAlchemy (the module `export` writes, run by "
           "Python 3 with SQLAlchemy 1.4) and compare the two traces with trace_compare.py's "
           "rules. Prints match, or where they first differ. Exit status: 0 they match, 1 they "
           "differ, 2 bad arguments, an unreadable project or no SQLAlchemy to compare with."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("the project file (.msproj)"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
                                            tr("the scenario to play (default: the first)"),
                                            QStringLiteral("NAME"));
    const QCommandLineOption allOption(QStringLiteral("all"), tr("every scenario of the project"));
    parser.addOption(scenarioOption);
    parser.addOption(allOption);
    parser.addHelpOption();
    parser.process(args);
    const QString usage = QStringLiteral("verify PROJECT [--scenario NAME | --all]");
    const QString path = parser.positionalArguments().value(0);
    const auto project = readProject(parser, usage);
    if (!project)
        return 2;
    const Scenario *chosen = chooseScenario(*project, path, parser.value(scenarioOption));
    if (!chosen)
        return 2;
    QList<const Scenario *> scenarios {chosen};
    if (parser.isSet(allOption)) {
        scenarios.clear();
        for (const Scenario &s : project->scenarios)
            scenarios << &s;
    }
    if (auto mapped = Registry().map(project->schema); !mapped) {
        m_err << path << ": " << mapped.error().toString() << Qt::endl;
        return 2;
    }
    const auto python = Verify::findPython();
    if (!python) {
        m_err << tr("error: %1").arg(python.error().message) << Qt::endl;
        return 2;
    }
    int status = 0;
    for (const Scenario *s : std::as_const(scenarios)) {
        const auto c = Verify::compare(*project, *s, *python);
        if (!c) {
            m_err << s->name << ": " << tr("error: %1").arg(c.error().toString()) << Qt::endl;
            return 2;
        }
        if (c->difference) {
            m_out << s->name << ": " << *c->difference << Qt::endl;
            status = 1;
        } else {
            m_out << s->name << ": " << tr("match (%1 steps)").arg(c->steps) << Qt::endl;
        }
    }
    return status;
}

int Cli::events(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List every hook Mapperscope fires, by category."));
    const QCommandLineOption explain(QStringLiteral("explain"),
                                     tr("also print what each hook is for"));
    parser.addOption(explain);
    parser.addHelpOption();
    parser.process(args);
    for (const EventInfo &info : eventCatalogue()) {
        m_out << QStringLiteral("%1  %2(%3)%4")
                     .arg(categoryName(info.category), -16)
                     .arg(QLatin1String(info.name), QLatin1String(info.arguments),
                          info.mingOnly ? tr("  [Ming]") : QString())
              << Qt::endl;
        if (parser.isSet(explain))
            m_out << QStringLiteral("    ") << eventExplanation(info.type) << "\n\n";
    }
    return 0;
}

int Cli::runScenario(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Play a scenario of a project against a fresh database and write the event trace. "
           "Exit status: 0 when every step did what it should, 1 when a step failed that was "
           "not expected to (or the database could not be used), 2 for a bad project."));
    parser.addPositionalArgument(QStringLiteral("PROJECT"), tr("the project file (.msproj)"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
                                            tr("the scenario to play (default: the first)"),
                                            QStringLiteral("name"));
    const QCommandLineOption traceOption(QStringLiteral("trace"),
                                         tr("where to write the trace; - for standard output"),
                                         QStringLiteral("file"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        tr("the database: sqlite::memory: (default), sqlite:PATH or "
           "postgresql://user:password@host:port/database"),
        QStringLiteral("url"));
    const QCommandLineOption limitOption(
        QStringLiteral("log-limit"),
        tr("keep at most this many events (default %1); the trace then starts at the "
           "oldest kept")
            .arg(EventLog::kDefaultCapacity),
        QStringLiteral("events"));
    parser.addOption(scenarioOption);
    parser.addOption(traceOption);
    parser.addOption(dbOption);
    parser.addOption(limitOption);
    parser.addHelpOption();
    parser.process(args);
    const QString usage = QStringLiteral(
        "run PROJECT [--scenario NAME] [--trace FILE] [--db URL] [--log-limit EVENTS]");
    const auto project = readProject(parser, usage);
    if (!project)
        return 2;
    const QString path = parser.positionalArguments().value(0);
    // Only the model must be valid: a step that names an unknown object or
    // attribute fails when it is played, as it does in SQLAlchemy.
    if (const Problems problems = project->schema.validate(); !problems.isEmpty()) {
        for (const Problem &p : problems)
            m_err << path << ": " << p.toString() << Qt::endl;
        return 2;
    }
    const Scenario *scenario = chooseScenario(*project, path, parser.value(scenarioOption));
    if (!scenario)
        return 2;
    auto database = databaseFromUrl(parser.value(dbOption));
    if (!database) {
        m_err << tr("error: %1").arg(database.error().toString()) << Qt::endl;
        return 2;
    }

    qlonglong limit = 0;
    if (!readLogLimit(parser, limitOption, &limit, m_err))
        return 2;

    Playground play;
    play.log.setCapacity(limit);
    if (auto opened = play.open(*project, *database); !opened) {
        m_err << path << ": " << opened.error().toString() << Qt::endl;
        return 1;
    }
    // The project's listeners and extensions, as the window installs them
    // (a pause has nobody to wait for here: it only marks its hook).
    ListenerActions listeners(&play.dispatcher, &play.log, &play.registry, play.session.get());
    if (const Result<void> installed = listeners.install(project->listeners); !installed)
        m_err << path << ": " << tr("warning: %1").arg(installed.error().toString()) << Qt::endl;
    ScenarioRunner runner(*play.session, &play.sessions);
    const Result<void> played = runner.run(*scenario);

    const QString tracePath = parser.value(traceOption);
    if (!tracePath.isEmpty()) {
        Result<void> written;
        if (tracePath == QLatin1String("-")) {
            QFile out;
            if (!out.open(stdout, QIODevice::WriteOnly))
                written = Error{out.errorString(), {}};
            else
                written = TraceWriter::write(play.log, &out);
        } else {
            QSaveFile out(tracePath);
            if (!out.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
                written = Error{out.errorString(), tracePath};
            else if (written = TraceWriter::write(play.log, &out); written && !out.commit())
                written = Error{out.errorString(), tracePath};
        }
        if (!written) {
            m_err << tr("error: cannot write the trace: %1").arg(written.error().toString())
                  << Qt::endl;
            return 1;
        }
    }
    if (!played) {
        m_err << path << ": " << played.error().toString() << Qt::endl;
        return 1;
    }
    return 0;
}

int Cli::bench(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Time the workloads of performance.md in one process: insert, load, update and "
           "delete N objects through the ORM with the recorder on and a listener on every hook, "
           "beside the same rows through prepared QSqlQuery loops (raw_*) and through the "
           "sqlite3 C API (floor_*), the cost of firing a hook, and "
           "the memory of the event log and of the process. Exit status: 0 when it ran (whether "
           "or not the targets hold; see targets_met), 1 when a workload failed."));
    const QCommandLineOption objectsOption(QStringLiteral("objects"),
                                           tr("how many objects (default 100000)"),
                                           QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        tr("the SQLite file to create and remove (default: one in a temporary directory)"),
        QStringLiteral("file"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        tr("print one JSON object instead of a table"));
    const QCommandLineOption limitOption(
        QStringLiteral("log-limit"),
        tr("the event log's limit (default %1): past it the oldest events are dropped")
            .arg(EventLog::kDefaultCapacity),
        QStringLiteral("events"));
    parser.addOption(objectsOption);
    parser.addOption(dbOption);
    parser.addOption(jsonOption);
    parser.addOption(limitOption);
    parser.addHelpOption();
    parser.process(args);
    const QString usage
        = QStringLiteral("bench [--objects N] [--db FILE] [--json] [--log-limit EVENTS]");
    bool numeric = false;
    Bench::Options options;
    options.objects = parser.value(objectsOption).toInt(&numeric);
    if (!parser.positionalArguments().isEmpty() || !numeric || options.objects < 1) {
        if (!numeric || options.objects < 1)
            m_err << tr("error: --objects needs a whole number of at least 1, not \"%1\"")
                         .arg(parser.value(objectsOption))
                  << Qt::endl;
        m_err << tr("usage: mapperscope-cli %1").arg(usage) << Qt::endl;
        return 2;
    }
    options.database = parser.value(dbOption);
    if (!readLogLimit(parser, limitOption, &options.logLimit, m_err))
        return 2;
    const bool json = parser.isSet(jsonOption);
    const auto figures = Bench::run(options, [this](const QString &step) {
        m_err << tr("bench: %1").arg(step) << Qt::endl;
    });
    if (!figures) {
        m_err << tr("error: %1").arg(figures.error().toString()) << Qt::endl;
        return 1;
    }
    if (json) {
        m_out << QJsonDocument(*figures).toJson(QJsonDocument::Compact) << Qt::endl;
        return 0;
    }
    const QJsonObject met = Bench::check(*figures);
    m_out << QStringLiteral("%1  %2  %3  %4  %5")
                 .arg(tr("key"), -20)
                 .arg(tr("value"), 14)
                 .arg(tr("ratio"), -22)
                 .arg(tr("target"), -22)
                 .arg(tr("met"))
          << Qt::endl;
    for (const Bench::Key &key : Bench::keys()) {
        const QString name = QLatin1String(key.name);
        const double v = figures->value(name).toDouble();
        QString value;
        if (qstrcmp(key.unit, "s") == 0)
            value = QString::number(v, 'f', 3) + QLatin1String(" s");
        else if (qstrcmp(key.unit, "ns") == 0)
            value = QString::number(v, 'f', 1) + QLatin1String(" ns");
        else if (name == QLatin1String("peak_rss_bytes"))
            value = QString::number(v / (1024.0 * 1024.0), 'f', 1) + QLatin1String(" MB");
        else if (qstrcmp(key.unit, "B") == 0)
            value = QString::number(v, 'f', 1) + QLatin1String(" B");
        else
            value = QString::number(qint64(v));
        const QString target = key.target ? QLatin1String(key.target) : QString();
        const QString ok = !met.contains(name) ? QString()
            : met.value(name).toBool()          ? tr("yes")
                                                : tr("NO");
        const double ratio = Bench::ratio(*figures, key);
        const QString ratioText = ratio > 0
            ? tr("%1 x %2").arg(ratio, 0, 'f', 2).arg(QLatin1String(key.baseline))
            : QString();
        m_out << QStringLiteral("%1  %2  %3  %4  %5")
                     .arg(name, -20)
                     .arg(value, 14)
                     .arg(ratioText, -22)
                     .arg(target, -22)
                     .arg(ok)
              << Qt::endl;
    }
    m_out << tr("objects: %1").arg(figures->value(QLatin1String("objects")).toInt()) << Qt::endl;
    return 0;
}

int Cli::diff(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Compare two event traces (written by run or File > Export) step by step: two scenarios, or one "
           "scenario under two settings. Prints a table of the steps with their statement counts, a * where "
           "they differ, then the events of the differing steps: - only in A, + only in B. Exit status: 0 "
           "the same, 1 they differ, 2 bad arguments or an unreadable trace."));
    const QCommandLineOption all(QStringLiteral("all"), tr("print every step's events, not only the differing ones"));
    parser.addOption(all);
    parser.addPositionalArgument(QStringLiteral("A"), tr("the first trace (.jsonl)"));
    parser.addPositionalArgument(QStringLiteral("B"), tr("the second trace (.jsonl)"));
    parser.addHelpOption();
    parser.process(args);
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2) {
        m_err << tr("usage: mapperscope-cli %1").arg(QStringLiteral("diff A.jsonl B.jsonl [--all]")) << Qt::endl;
        return 2;
    }
    const auto a = TraceDiff::read(files[0]);
    const auto b = a ? TraceDiff::read(files[1]) : a;
    if (!a || !b) {
        m_err << tr("error: %1").arg((!a ? a : b).error().toString()) << Qt::endl;
        return 2;
    }
    const TraceDiff d = TraceDiff::compare(*a, *b);
    m_out << d.report(files[0], files[1], parser.isSet(all));
    m_out.flush();
    return d.differing() == 0 ? 0 : 1;
}

} // namespace ms
