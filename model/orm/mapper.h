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
    int primaryKeyIndex() const { return m_primaryKey; }
    const ColumnDef &primaryKey() const { return m_def.columns[m_primaryKey]; }
    const QList<ColumnDef> &columns() const { return m_def.columns; }
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
    bool m_rowsAlone = true;
};

} // namespace ms
