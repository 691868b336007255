#pragma once

#include <QHash>
#include <QList>
#include <QVariant>

#include "instance.h"

namespace ms {

class IdentityMap;
class Instance;
class Loading;
class Mapper;
class Registry;
class SessionEvents;
struct ResolvedRelationship;

/// What the attribute layer asks of the session, and nothing more (the
/// loop SQLAlchemy has too: an append cascades save-update into the
/// session, a lazy load autoflushes it).
class AttributesContext
{
public:
    virtual ~AttributesContext() = default;
    /// Session._contains_state(): pending in it, or in its identity map.
    virtual bool holds(const Instance *o) const = 0;
    /// The context of the session that holds @p o (this one when none
    /// does): an attribute's cascades and changes go to its object's
    /// session (SQLAlchemy's state.session), whichever session runs.
    /// Inline: nearly every change is of an object of this session.
    AttributesContext &contextOf(const Instance *o)
    {
        const quint8 holder = o->sessionNumber();
        return holder == 0 || holder == m_sessionNumber ? *this : holderContext(holder);
    }
    /// In the session's new set.
    virtual bool isPending(Instance *o) const = 0;

protected:
    /// The context of session number @p holder, another session of the
    /// group (this one when there is none such).
    virtual AttributesContext &holderContext(quint8 holder) = 0;
    /// The number this session's objects carry (Session::number()).
    quint8 m_sessionNumber = 1;

public:
    /// save-update along an attribute set directly (Session._save_or_update_state).
    virtual void saveOrUpdate(Instance *o, bool cascade) = 0;
    /// A pending object orphaned from a delete-orphan collection leaves the
    /// session at once, with what it cascades expunge to.
    virtual void expungeOrphan(Instance *o) = 0;
    /// The object changed: into the dirty set, and a persistent object's
    /// first change begins the session's transaction.
    virtual void noteChanged(Instance *o) = 0;
    /// The session's autoflush before a lazy load's SELECT.
    virtual void autoflush() = 0;
    /// The object with id @p id (a listener's return value names one).
    virtual Instance *instance(quint32 id) const = 0;
    /// Session._remove_newly_deleted(): an object whose row is gone becomes
    /// deleted (persistent_to_deleted) and leaves the identity map.
    virtual void removeNewlyDeleted(const QList<Instance *> &objects) = 0;
};

/// SQLAlchemy's attributes.py: reading and writing one attribute of one
/// object, with its events, its history, its backref on the other side
/// (guarded by initiators), the save-update cascade along it, the lazy
/// load of what is not in memory, and hasparent() for delete-orphan.
class Attributes
{
public:
    Attributes(const Registry &registry, SessionEvents &events, Loading &loading,
               IdentityMap &identity, AttributesContext &context);

    /// getattr(): attribute @p attr's value as the session gives it out (a
    /// column's value, an ObjectRef, a list of ObjectRef), loaded if needed.
    QVariant read(Instance *o, int attr);
    /// getattr(o, attr).append(item) and .remove(item) by the user;
    /// AttributeError when @p attr is not a collection, ValueError when
    /// @p item is not in it.
    void append(Instance *o, int attr, Instance *item);
    void remove(Instance *o, int attr, Instance *item);

    /// A column's value, loading it when expired (init_scalar when unset).
    QVariant currentColumn(Instance *o, int attr);
    /// The primary key's columns as currentColumn() reads them (a list for
    /// a composite key): what a parent's collection is loaded by.
    QVariant currentKey(Instance *o);
    /// Many-to-one: the related object. Without @p fetch nothing is loaded
    /// and @p known tells whether the answer is known (SQLAlchemy's
    /// PASSIVE_NO_FETCH: the identity map may answer, the database not).
    Instance *currentReference(Instance *o, int rel, bool fetch, bool *known = nullptr);
    /// One-to-many: the collection, loaded (lazily, by a SELECT) if needed.
    QList<Instance *> &currentCollection(Instance *o, int rel);
    void setColumn(Instance *o, int attr, QVariant value);
    /// @p initiator: the event that led here along a backref (nullptr: the user's).
    void setReference(Instance *o, int rel, Instance *value, const void *initiator);
    /// A one-to-one (uselist=False) set to @p value (nullptr: None); with
    /// @p popping, a backref's pop(): only when it holds that object.
    void setOneToOne(Instance *o, int rel, Instance *value, const void *initiator,
                     const Instance *popping = nullptr);
    /// The value a one-to-one set while not loaded had: its history's
    /// deleted side, loaded by the flush (SQLAlchemy's deferred history);
    /// nothing for any other relationship.
    void loadCommittedOneToOne(Instance *o, int rel);
    void collectionAppend(Instance *parent, int rel, Instance *item, const void *initiator);
    void collectionRemove(Instance *parent, int rel, Instance *item, const void *initiator);
    void collectionReplace(Instance *parent, int rel, const QList<Instance *> &items);

    const Mapper *targetOf(const ResolvedRelationship &rel) const;
    /// Mapper._is_orphan(): a delete-orphan parent is missing (optimistic
    /// for objects with an identity).
    bool isOrphan(const Instance *o) const;
    /// hasparent(): whether @p child was last added to collection @p rel of
    /// an object of @p parentClass (and not removed from it since).
    bool hasParent(const Instance *child, quint32 parentClass, int rel) const;
    /// How many collections can hold an object of @p classId (the size of
    /// its Instance::parentFlag() table).
    int parentRuleCount(quint32 classId) const { return int(m_parentRules.value(classId).size()); }

    /// InvalidRequestError when reading relationship @p rel of @p o would
    /// load it and it is loaded lazy="raise" (a delete cascade's load too).
    void refuseRaiseLoad(Instance *o, int rel);
    /// The index in its target class of relationship @p rel's backref
    /// (SQLAlchemy's _reverse_property); -1 when it has none.
    int backrefRelation(const Mapper *mapper, int rel) const;

private:
    /// KeyError when @p value is not of relationship @p rel's target class.
    void checkTarget(const Instance *o, int rel, const Instance *value) const;
    /// A scalar relationship's `set` event (value @p value, old @p old):
    /// the object a listener returned instead, or @p value.
    Instance *fireSet(Instance *o, int attr, Instance *value, const Instance *old);
    /// The lazy loader's SELECT of the objects whose key for @p rel is
    /// @p key, after the autoflush when @p autoflush.
    QList<Instance *> selectChildren(Instance *o, int rel, const QVariant &key, bool autoflush);
    /// The relationship index of @p attr when it is a collection; otherwise
    /// reads it (as getattr() would) and fails with AttributeError.
    int collectionIndex(Instance *o, int attr);
    void markModified(Instance *o, int attr);
    void initCollection(Instance *o, int rel);
    /// Whether the collection is in memory (initialising it for an object
    /// without identity, as SQLAlchemy does).
    bool collectionPresent(Instance *o, int rel);
    /// A lazy="noload" relationship becomes loaded: empty, or what was
    /// queued while it was not.
    void startNoload(Instance *o, int rel);
    void setHasParent(Instance *child, const Instance *parent, int rel, bool has);

    const Registry &m_registry;
    SessionEvents &m_events;
    Loading &m_loading;
    IdentityMap &m_identity;
    AttributesContext &m_ctx;
    /// The one-to-many collections that can hold an object, by its class:
    /// SQLAlchemy tracks, per collection, whether an object has a parent
    /// there (AttributeImpl.hasparent()); delete-orphan ones make orphans.
    struct ParentRule
    {
        quint32 parentClass;
        int rel;
        bool orphan; ///< delete-orphan
    };
    QHash<quint32, QList<ParentRule>> m_parentRules;
};

} // namespace ms
