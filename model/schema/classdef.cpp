#include "classdef.h"

namespace ms {

int ClassDef::primaryKeyIndex() const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns[i].primaryKey)
            return i;
    }
    return -1;
}

const ColumnDef *ClassDef::primaryKey() const
{
    const int i = primaryKeyIndex();
    return i < 0 ? nullptr : &columns[i];
}

QList<int> ClassDef::primaryKeyIndexes() const
{
    QList<int> out;
    for (int i = 0; i < columns.size(); ++i) {
        if (columns[i].primaryKey)
            out << i;
    }
    return out;
}

int ClassDef::versionColumnIndex() const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns[i].versionCounter)
            return i;
    }
    return -1;
}

int ClassDef::columnIndex(const QString &n) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns[i].name == n)
            return i;
    }
    return -1;
}

int ClassDef::relationshipIndex(const QString &n) const
{
    for (int i = 0; i < relationships.size(); ++i) {
        if (relationships[i].name == n)
            return i;
    }
    return -1;
}

const ColumnDef *ClassDef::column(const QString &n) const
{
    const int i = columnIndex(n);
    return i < 0 ? nullptr : &columns[i];
}

const RelationshipDef *ClassDef::relationship(const QString &n) const
{
    const int i = relationshipIndex(n);
    return i < 0 ? nullptr : &relationships[i];
}

bool ClassDef::hasAttribute(const QString &n) const
{
    return columnIndex(n) >= 0 || relationshipIndex(n) >= 0;
}

} // namespace ms
