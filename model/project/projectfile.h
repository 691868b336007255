#pragma once

#include "core/result.h"
#include "project.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace ms {

/// Reads and writes project files (`*.msproj`, docs/project-format.md). Reading refuses
/// what is not a project of a version it knows, with a message that says
/// where: "line 4, column 17" for a JSON syntax error, a JSON path such as
/// `classes[1].columns[0].nullable` for a value of the wrong kind. What is
/// well-formed but wrong for the model (an unknown type, a missing primary
/// key) loads, so that it can be shown and fixed: Project::validate() lists it.
class ProjectFile
{
public:
    /// 2 added a relationship's "foreignKey", 3 its "lazy" and a query's "options",
    /// 4 the identity steps, 5 a column's "versionCounter"; older files are read
    /// as they are.
    static constexpr int currentVersion = 10;
    static constexpr qint64 maximumSize = 64 * 1024 * 1024;

    static Result<Project> read(const QString &path);
    static Result<Project> parse(const QByteArray &data);

    /// Indented UTF-8 JSON; keys the reader did not know are written back.
    static QByteArray serialize(const Project &project);
    /// Writes atomically (QSaveFile): the old file stays whole until the new
    /// one is complete.
    static Result<void> write(const Project &project, const QString &path);

    /// How a message names a JSON value: "the string \"x\"", "an array", ...
    static QString describe(const QJsonValue &value);
};

} // namespace ms
