#pragma once

#include "core/result.h"
#include "project/project.h"
#include "project/tracecompare.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace ms {

/// Plays a scenario on the engine and on SQLAlchemy, through the module the
/// project exports (SqlAlchemyExport), and compares the two traces with
/// trace_compare.py's rules (tracecompare.h).
namespace Verify {

/// The Python that has SQLAlchemy: the one MAPPERSCOPE_PYTHON names if set,
/// else Debian's /usr/bin/python3 first, then python3 on the PATH. An error
/// saying what to install when there is none.
Result<QString> findPython();

/// The engine's trace of @p scenario on a fresh in-memory SQLite database,
/// with the project's listeners live (a pause does not stop), as JSON Lines.
/// A step that fails unexpectedly ends the trace, as `mapperscope-cli run`'s.
QByteArray engineTrace(const Project &project, const Scenario &scenario);

/// SQLAlchemy's trace of @p scenario: the exported module run by @p python
/// (at most @p timeoutMs), as JSON Lines; an error with Python's message
/// when the module does not run.
Result<QByteArray> sqlalchemyTrace(const Project &project, const Scenario &scenario,
                                   const QString &python, int timeoutMs = 120000);

struct Comparison
{
    tracecompare::TraceSteps engine;     ///< the engine's trace, canonical (compared events by step)
    tracecompare::TraceSteps sqlalchemy; ///< SQLAlchemy's, likewise
    std::optional<QString> difference;   ///< where they first differ; nothing when they match
    int steps = 0;                       ///< the steps compared
};

/// Both traces of @p scenario and where they differ.
Result<Comparison> compare(const Project &project, const Scenario &scenario, const QString &python);

} // namespace Verify

} // namespace ms
