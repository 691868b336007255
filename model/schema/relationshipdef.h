#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ms {

/// one-to-many: a collection, its foreign key on the target; many-to-one: a
/// scalar reference, its foreign key on this class. A one-to-one (the file's
/// "one-to-one", SQLAlchemy's uselist=False) is a one-to-many that holds at
/// most one object: its kind is OneToMany, and `uselist` says it is scalar.
/// many-to-many: a collection on both sides, its rows in an association
/// table (SQLAlchemy's secondary=) that holds a foreign key to each class.
enum class RelationshipKind { OneToMany, ManyToOne, ManyToMany };

QString relationshipKindName(RelationshipKind kind);
/// "one-to-many" and "one-to-one" are OneToMany, "many-to-one" ManyToOne,
/// "many-to-many" ManyToMany.
std::optional<RelationshipKind> relationshipKindFromName(const QString &name);
/// The kinds a file may name, as the designer offers them.
QStringList relationshipKindNames();

/// How a relationship is loaded (SQLAlchemy's `lazy=`, and the query
/// options that override it: joinedload(), selectinload(), ...).
enum class LoadStrategy : quint8 {
    Select,   ///< a SELECT when it is first read (lazy loading, the default)
    Joined,   ///< LEFT OUTER JOIN in the statement that loads the parent
    Selectin, ///< a second SELECT ... WHERE key IN (the parents' keys)
    Subquery, ///< a second SELECT joined to the parent query as a subquery
    Raise,    ///< reading it when it is not loaded is an error
    Noload,   ///< never loaded: empty (or None) unless set in this session
};

/// SQLAlchemy's names: "select", "joined", "selectin", "subquery", "raise", "noload".
QString loadStrategyName(LoadStrategy strategy);
std::optional<LoadStrategy> loadStrategyFromName(const QString &name);
QStringList loadStrategyNames();
/// Whether @p s loads the relationship with its parent (joined, selectin, subquery).
inline bool isEager(LoadStrategy s)
{
    return s == LoadStrategy::Joined || s == LoadStrategy::Selectin || s == LoadStrategy::Subquery;
}

/// SQLAlchemy's cascade options, parsed from words such as "all, delete-orphan".
struct Cascade
{
    bool saveUpdate = false;
    bool merge = false;
    bool expunge = false;
    bool refreshExpire = false;
    bool deleteCascade = false;
    bool deleteOrphan = false;

    /// Parses a cascade string; an empty one is SQLAlchemy's default,
    /// "save-update, merge". Words it does not know go to @p unknownWords.
    static Cascade parse(const QString &text, QStringList *unknownWords = nullptr);
    static QStringList knownWords();
    bool operator==(const Cascade &) const = default;
};

/// A relationship between two mapped classes, with its optional backref (the
/// inverse attribute on the target, created when the target does not declare it).
struct RelationshipDef
{
    QString name;
    QString kindName;
    QString target;
    QString backref;
    QString cascade;      ///< as written; empty means "save-update, merge"
    /// The column that carries the foreign key (SQLAlchemy's foreign_keys=):
    /// for a many-to-one one of this class's, for a one-to-many one of the
    /// target's. Empty: the only column there that references the other class.
    QString foreignKey;
    /// How it is loaded (SQLAlchemy's lazy=): empty means "select".
    QString lazy;
    /// A many-to-many's association table (SQLAlchemy's secondary=): its
    /// two columns are Schema::associationColumns().
    QString secondary;
    QJsonObject extra;

    std::optional<RelationshipKind> kind() const { return relationshipKindFromName(kindName); }
    /// false for a one-to-one: the attribute holds an object (or None), not a list.
    bool uselist() const { return kindName != QLatin1String("one-to-one"); }
    Cascade cascadeOptions() const { return Cascade::parse(cascade); }
    /// The strategy lazy names (nullopt: a name SQLAlchemy does not have).
    std::optional<LoadStrategy> loadStrategy() const
    {
        return lazy.isEmpty() ? std::optional(LoadStrategy::Select) : loadStrategyFromName(lazy);
    }
    bool operator==(const RelationshipDef &) const = default;
};

} // namespace ms
