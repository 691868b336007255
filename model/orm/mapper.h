#pragma once

#include "schema/schema.h"

#include <QStringList>

namespace ms {

/// How one class is mapped: its attributes (columns first, then
/// relationships, backrefs included), its table and its primary key.
/// Attribute indexes are 1-based in events (0 means "no attribute").
class Mapper
{
public:
    Mapper(quint32 classId, ClassDef def, QList<ResolvedRelationship> relationships);

    quint32 classId() const { return m_classId; }
    const ClassDef &classDef() const { return m_def; }
    QString className() const { return m_def.name; }
    QString tableName() const { return m_def.tableName(); }
    /// The (first) primary key column: the whole key unless it is
    /// composite, and the key a foreign key references (only a class with a
    /// one-column key can be referenced, schema/schema.cpp).
    int primaryKeyIndex() const { return m_primaryKey; }
    const ColumnDef &primaryKey() const { return m_def.columns[m_primaryKey]; }
    /// Every primary key column, in column order (SQLAlchemy's
    /// mapper.primary_key): an identity is their values, a tuple when there
    /// are several.
    const QList<int> &keyColumns() const { return m_keyColumns; }
    bool isCompositeKey() const { return m_keyColumns.size() > 1; }
    bool isKeyColumn(int c) const { return c == m_primaryKey || (isCompositeKey() && m_keyColumns.contains(c)); }
    const QList<ColumnDef> &columns() const { return m_def.columns; }
    /// The version counter column (mapper.version_id_col), or -1.
    int versionColumn() const { return m_versionColumn; }
    /// The type of column @p c, parsed once (nullopt: unknown type name).
    std::optional<ColumnType> columnType(int c) const { return m_types[c]; }
    const QList<ResolvedRelationship> &relationships() const { return m_relationships; }
    /// The parsed cascade of relationship @p rel (parsed once, not per event).
    const Cascade &cascade(int rel) const { return m_cascades[rel]; }

    /// No relationship is loaded with its rows by default (every one lazy
    /// "select" or "raise"): a row is just the object's columns.
    bool loadsRowsAlone() const { return m_rowsAlone; }

    /// Column names, then relationship names.
    const QStringList &attributeNames() const { return m_attributes; }
    /// 1-based index of an attribute; 0 when the class has none of that name.
    quint32 attributeIndex(const QString &name) const;

private:
    quint32 m_classId;
    ClassDef m_def;
    QList<ResolvedRelationship> m_relationships;
    QList<Cascade> m_cascades;
    QStringList m_attributes;
    QList<std::optional<ColumnType>> m_types;
    int m_primaryKey = 0;
    QList<int> m_keyColumns;
    int m_versionColumn = -1;
    bool m_rowsAlone = true;
};

} // namespace ms
