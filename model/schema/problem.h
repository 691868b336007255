#pragma once

#include <QList>
#include <QString>

namespace ms {

/// One thing wrong with a project: where it is (a JSON path into the project
/// file, such as `classes[1].columns[0].type`), what is wrong, and what to do.
struct Problem
{
    QString path;
    QString message;
    QString hint;

    /// "path: message (hint)" on one line, as the CLI prints it.
    QString toString() const;
    bool operator==(const Problem &) const = default;
};

using Problems = QList<Problem>;

/// What a problem's path points at in the project: a class, and within it a
/// column or a relationship and its field (`classes[1].columns[0].type` is
/// class 1, column 0, field "type"); a listener (`listeners[2]`); a scenario
/// and its step (`scenarios[0].steps[3]`). -1 where the path does not say.
struct ProblemLocation
{
    int classIndex = -1;
    int columnIndex = -1;
    int relationshipIndex = -1;
    QString field;
    int listenerIndex = -1;
    int scenarioIndex = -1;
    int stepIndex = -1;

    static ProblemLocation of(const QString &path);
    bool operator==(const ProblemLocation &) const = default;
};

} // namespace ms
