#pragma once

#include "columndef.h"
#include "relationshipdef.h"

#include <QList>

namespace ms {

/// A mapped class as drawn by the user: its name, its table, its columns
/// (scalar attributes) and relationships, in declaration order.
struct ClassDef
{
    QString name;
    QString table;        ///< as written; empty means the lower-cased class name
    QList<ColumnDef> columns;
    QList<RelationshipDef> relationships;
    QJsonObject extra;

    /// The table the class maps to.
    QString tableName() const { return table.isEmpty() ? name.toLower() : table; }
    /// Index of the (first) primary key column, or -1 when there is none.
    int primaryKeyIndex() const;
    /// The (first) primary key column: the key a foreign key references
    /// (only a class with a single-column key can be referenced).
    const ColumnDef *primaryKey() const;
    /// Every primary key column's index, in column order.
    QList<int> primaryKeyIndexes() const;
    /// A primary key of several columns.
    bool hasCompositeKey() const { return primaryKeyIndexes().size() > 1; }
    /// Index of the (first) version counter column, or -1 when there is none.
    int versionColumnIndex() const;
    int columnIndex(const QString &name) const;
    int relationshipIndex(const QString &name) const;
    const ColumnDef *column(const QString &name) const;
    const RelationshipDef *relationship(const QString &name) const;
    bool hasAttribute(const QString &name) const;
    bool operator==(const ClassDef &) const = default;
};

} // namespace ms
