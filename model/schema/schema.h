#pragma once

#include "classdef.h"
#include "problem.h"

#include <QPair>

#include <optional>

namespace ms {

/// Where the foreign key of a relationship lives: columns of some class,
/// matched in order to the referenced class's primary key columns (one
/// column, unless that key is composite).
struct ForeignKeyRef
{
    int classIndex = -1;
    QList<int> columns;
    bool operator==(const ForeignKeyRef &) const = default;
};

/// Whether @p v is a whole number that fits a 64-bit integer column.
/// (Casting a double out of range is undefined behaviour, so check first.)
bool isWholeNumber(double v);

/// Why Qt's SQL drivers cannot quote @p name as an identifier (they leave a
/// name that begins or ends with a double quote unquoted and split names at
/// dots, and SQLite's at brackets), or an empty string when they can.
QString sqlIdentifierProblem(const QString &name);

/// A relationship as the mapper sees it: declared on its class, or created
/// there by another class's backref.
struct ResolvedRelationship
{
    QString name;
    RelationshipKind kind = RelationshipKind::ManyToOne;
    int targetIndex = -1;
    QString backref;      ///< the inverse attribute on the target, if any
    QString cascade;
    bool declared = true; ///< false: created by the target's backref
    ForeignKeyRef foreignKey;
    LoadStrategy lazy = LoadStrategy::Select; ///< a backref's own side loads lazily
    /// false: a one-to-one, the scalar side of a one-to-many (uselist=False)
    bool uselist = true;
    /// A many-to-many's association table, its column that references this
    /// class and its column that references the target (empty otherwise).
    QString secondary;
    QString localColumn;
    QString remoteColumn;
    bool localFirst = true; ///< localColumn is the association table's first column
    /// A one-to-many or many-to-many whose attribute is a list (not a one-to-one).
    bool isCollection() const { return kind != RelationshipKind::ManyToOne && uselist; }
    bool isManyToMany() const { return kind == RelationshipKind::ManyToMany; }
    bool operator==(const ResolvedRelationship &) const = default;
};

/// A many-to-many's association table (SQLAlchemy's secondary=): no mapped
/// class, two columns, each a foreign key to one side's primary key, the
/// two together its primary key.
struct AssociationTable
{
    QString name;
    int leftClass = -1;  ///< the class that declares the relationship
    int rightClass = -1; ///< its target
    QString leftColumn;  ///< references leftClass's primary key
    QString rightColumn; ///< references rightClass's primary key
    bool operator==(const AssociationTable &) const = default;
};

/// The user's model: mapped classes in declaration order. A value type; the
/// Registry turns a valid Schema into mappers and tables.
struct Schema
{
    QList<ClassDef> classes;

    int classIndex(const QString &name) const;
    const ClassDef *classDef(const QString &name) const;

    /// Every problem that stops the schema from being mapped, each with the
    /// JSON path of what it concerns (`classes[1].columns[0].type`), what is
    /// wrong and what to do. Empty when the schema can be mapped.
    Problems validate() const;

    /// The columns that could carry the foreign key of @p rel declared on
    /// class @p classIdx: for one-to-many, the target's columns that reference
    /// this class; for many-to-one, this class's columns that reference the
    /// target. Exactly one is needed.
    QList<ForeignKeyRef> foreignKeyCandidates(int classIdx, const RelationshipDef &rel) const;
    /// The foreign keys class @p holder has to class @p referenced: each
    /// column that references it, alone; when its primary key is composite,
    /// the columns that reference it together, the first matched to the
    /// first key column and so on (none unless there is one for each).
    QList<QList<int>> foreignKeyColumns(int holder, int referenced) const;
    std::optional<ForeignKeyRef> foreignKey(int classIdx, const RelationshipDef &rel) const;
    /// The two columns of the association table of many-to-many @p rel
    /// declared on class @p classIdx: the one that references that class,
    /// then the one that references the target (class name in lower case,
    /// an underscore, the primary key's name: post_id, tag_id).
    QPair<QString, QString> associationColumns(int classIdx, const RelationshipDef &rel) const;
    /// The association tables of the valid many-to-many relationships, in
    /// declaration order, each once (a pair declared on both sides names it twice).
    QList<AssociationTable> associationTables() const;
    /// The name of the column @p fk points at (one these return); the
    /// names joined by ", " for a foreign key of several columns.
    QString columnName(const ForeignKeyRef &fk) const;

    /// Class indexes ordered so that every class comes after the classes it
    /// references (a class referencing itself is fine). Declaration order is
    /// kept where the foreign keys allow it. When the references form a cycle
    /// the result is empty and @p cycle (if given) names the classes in it.
    QList<int> dependencyOrder(QStringList *cycle = nullptr) const;

    /// The relationships of class @p classIdx: the declared ones in order, then
    /// the ones other classes' backrefs create on it. Entries whose kind,
    /// target or foreign key cannot be resolved are left out (validate() says why).
    QList<ResolvedRelationship> relationshipsOf(int classIdx) const;

    bool operator==(const Schema &) const = default;
};

} // namespace ms
