#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace ms {

/// one-to-many: a collection, its foreign key on the target; many-to-one: a
/// scalar reference, its foreign key on this class.
enum class RelationshipKind { OneToMany, ManyToOne };

QString relationshipKindName(RelationshipKind kind);
std::optional<RelationshipKind> relationshipKindFromName(const QString &name);

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
    QJsonObject extra;

    std::optional<RelationshipKind> kind() const { return relationshipKindFromName(kindName); }
    Cascade cascadeOptions() const { return Cascade::parse(cascade); }
    bool operator==(const RelationshipDef &) const = default;
};

} // namespace ms
