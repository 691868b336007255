#pragma once

#include "core/stringhash.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

#include <vector>

namespace ms {

class Instance;
class Mapper;

/// A primary key as the identity map holds it: integers as numbers (no
/// string made per lookup), any other key as its text.
struct IdentityKey
{
    qint64 number = 0;
    QString text; ///< null for a number
    bool operator==(const IdentityKey &) const = default;
};
inline size_t qHash(const IdentityKey &key, size_t seed = 0)
{
    // text keys: the short-string hash the labels use (core/stringhash.h)
    return key.text.isNull() ? ::qHash(key.number, seed) : StringHash{}(key.text) ^ seed;
}
/// The identity key of a primary key value: whole numbers (also a whole
/// double) as numbers, anything else as its text (an empty text for null);
/// a composite key (a list of values) as its keyString().
IdentityKey identityKey(const QVariant &pk);
/// A primary key as labels and messages show it: `User#3`, `Country#fr`,
/// `Enrollment#1,2` (a composite key: the values joined by commas, a comma
/// or backslash in one escaped with a backslash).
QString keyString(const QVariant &pk);

/// The values a key binds to the key's `?`s (SqlBuilder::keyWhere()): a
/// composite key's, else the one value.
inline QVariantList keyValues(const QVariant &key)
{
    return key.typeId() == QMetaType::QVariantList ? key.toList() : QVariantList{key};
}

/// SQLAlchemy's identity map (orm/identity.py): one object per class and
/// primary key, in the order objects entered it, and the modified set of
/// the objects it holds (`identity_map._modified`), from which the
/// session's dirty set is read.
class IdentityMap
{
public:
    /// Empties the map for a registry of @p mapperCount classes.
    void reset(size_t mapperCount);
    /// Puts @p o (which has a key) under its key, replacing another object
    /// there; a changed object joins the modified set.
    void add(Instance *o);
    /// Takes @p o out when it is the object under its key (safe_discard),
    /// and out of the modified set.
    void remove(Instance *o);
    void clear();
    Instance *lookup(const Mapper *mapper, const QVariant &pk) const;
    Instance *lookup(quint32 classId, const IdentityKey &key) const;
    /// Whether @p o is the object under its own key.
    bool holds(const Instance *o) const;
    /// Every object, in the order they entered the map.
    QList<Instance *> all() const;
    qsizetype count() const;

    // ---- the modified set ------------------------------------------------
    /// InstanceState._modified_event(): @p o joins the modified set when the
    /// map holds it.
    void noteModified(Instance *o);
    void forgetModified(Instance *o) { m_modified.remove(o); }
    bool anyModified() const { return !m_modified.isEmpty(); }
    /// The modified set as it is (objects may have left the map since).
    QList<Instance *> modified() const { return m_modified.keys(); }
    /// The dirty set: changed, not marked deleted, and held by the map; in
    /// the order they entered it.
    QList<Instance *> dirty() const;
    qsizetype dirtyCount() const;
    bool isDirty(const Instance *o) const;

private:
    struct Entry
    {
        Instance *object = nullptr;
        qint64 seq = 0; ///< when it entered (the iteration order)
    };
    std::vector<QHash<IdentityKey, Entry>> m_maps; ///< per mapper (classId - 1)
    qint64 m_seq = 0;
    /// The modified objects, each with the entry sequence it had when it
    /// joined (the dirty set's order, without a lookup per listing).
    QHash<Instance *, qint64> m_modified;
};

} // namespace ms
