#pragma once

#include "project/project.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <optional>

class QCommandLineParser;

namespace ms {

/// mapperscope-cli: the headless runner. Each command returns the process's
/// exit code: 0 success, 1 problems found or a failure of the work asked
/// for, 2 bad usage or an unreadable file.
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
public:
    Cli(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

    int run(const QStringList &arguments);

private:
    /// The project named by the single positional argument, or nullopt after
    /// printing the usage line or the loader's error (exit status 2).
    std::optional<Project> readProject(const QCommandLineParser &parser, const QString &usage);
    /// The scenario named @p name, or the first when @p name is empty;
    /// nullptr, with the message on stderr, when there is none.
    const Scenario *chooseScenario(const Project &project, const QString &path, const QString &name);
    int validate(const QStringList &args);
    int ddl(const QStringList &args);
    int exportProject(const QStringList &args);
    int verify(const QStringList &args);
    int importDatabase(const QStringList &args);
    int events(const QStringList &args);
    int runScenario(const QStringList &args);
    int bench(const QStringList &args);
    int diff(const QStringList &args);

    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace ms
