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

} // namespace ms
