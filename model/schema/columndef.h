#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace ms {

/// The SQL-facing type of a mapped column, as spelled in project files.
enum class ColumnType { Integer, Real, Text, Boolean, Date, DateTime };

/// "integer", "real", "text", "boolean", "date", "datetime".
QString columnTypeName(ColumnType type);
std::optional<ColumnType> columnTypeFromName(const QString &name);
QStringList columnTypeNames();

/// A mapped column: one scalar attribute of a class and one column of its
/// table. The type is kept as written so that a file with an unknown type
/// can be loaded, shown and fixed rather than refused.
struct ColumnDef
{
    QString name;
    QString typeName = QStringLiteral("text");
    bool primaryKey = false;
    bool nullable = true;       ///< false for a primary key unless the file says otherwise
    bool unique = false;
    QJsonValue defaultValue = QJsonValue(QJsonValue::Undefined); ///< Undefined: no default
    QString references;         ///< a class name: a foreign key to its primary key
    /// The class's version counter (SQLAlchemy's version_id_col): the flush
    /// writes 1 at INSERT and the old value plus one at each UPDATE, and
    /// checks the old value in the UPDATE's and the DELETE's WHERE.
    bool versionCounter = false;
    QJsonObject extra;          ///< keys this version does not know, kept for the round trip

    std::optional<ColumnType> type() const { return columnTypeFromName(typeName); }
    bool hasDefault() const { return !defaultValue.isUndefined(); }
    bool isForeignKey() const { return !references.isEmpty(); }
    bool operator==(const ColumnDef &) const = default;
};

} // namespace ms
