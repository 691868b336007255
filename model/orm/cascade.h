#pragma once

#include <QList>

namespace ms {

class Instance;

/// The cascades a relationship can carry (its `cascade` words).
enum class CascadeKind { SaveUpdate, Delete, Expunge, RefreshExpire, Merge };

/// What a cascade walk asks of the session (and nothing more): loading a
/// relationship that is not in memory, and whether the session holds an
/// object.
class CascadeContext
{
public:
    virtual ~CascadeContext() = default;
    /// The many-to-one's object, loaded if needed (nullptr: none).
    virtual Instance *loadReference(Instance *o, int rel) = 0;
    /// The collection, loaded if needed.
    virtual QList<Instance *> loadCollection(Instance *o, int rel) = 0;
    /// Session._contains_state(): pending in it, or in its identity map.
    virtual bool holds(const Instance *o) const = 0;
};

/// SQLAlchemy's Mapper.cascade_iterator(): the objects reachable from
/// @p root along the relationships whose cascade includes @p kind, depth
/// first, each once, @p root itself only when a cycle leads back to it.
/// save-update takes what an attribute holds and held (added members
/// first, then the unchanged, then the removed; a many-to-one's previous
/// value) and stops at objects the session holds; refresh-expire passes
/// over objects with no row unless delete-orphan is on. With @p load a
/// relationship not in memory is loaded (the delete cascade); without, it
/// is skipped.
QList<Instance *> cascadeIterator(CascadeContext &context, Instance *root, CascadeKind kind, bool load);

} // namespace ms
