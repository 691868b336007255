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
    /// Index of the primary key column, or -1 when there is none.
    int primaryKeyIndex() const;
    const ColumnDef *primaryKey() const;
    int columnIndex(const QString &name) const;
    int relationshipIndex(const QString &name) const;
    const ColumnDef *column(const QString &name) const;
    const RelationshipDef *relationship(const QString &name) const;
    bool hasAttribute(const QString &name) const;
    bool operator==(const ClassDef &) const = default;
};

} // namespace ms
