#include "cli.h"

#include "events/eventtype.h"
#include "orm/registry.h"
#include "project/projectfile.h"

#include <QCommandLineParser>
#include <QSqlDatabase>
#include <QUuid>

namespace ms {

namespace {
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
    {"events", "events [--explain]",
     QT_TRANSLATE_NOOP("Cli", "List the hooks Mapperscope fires (the event catalogue)")},
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
    parser.addPositionalArgument(QStringLiteral("command"), tr("validate, ddl or events"));
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
    if (command == QLatin1String("events"))
        return events(rest);
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
    if (!QSqlDatabase::isDriverAvailable(driverName)) {
        m_err << tr("error: the Qt SQL driver %1 is not installed (available: %2)")
                     .arg(driverName, QSqlDatabase::drivers().join(QStringLiteral(", ")))
              << Qt::endl;
        return 1;
    }
    Registry registry;
    if (auto mapped = registry.map(project->schema); !mapped) {
        m_err << path << ": " << mapped.error().toString() << Qt::endl;
        return 1;
    }
    // The driver renders the SQL; no connection is opened.
    const QString connection = QUuid::createUuid().toString();
    int status = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driverName, connection);
        const auto statements = registry.createStatements(db.driver());
        if (!statements) {
            m_err << tr("error: %1").arg(statements.error().toString()) << Qt::endl;
            status = 1;
        } else {
            for (const QString &sql : *statements)
                m_out << sql << ";\n\n";
            m_out.flush();
        }
    }
    QSqlDatabase::removeDatabase(connection);
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

} // namespace ms
