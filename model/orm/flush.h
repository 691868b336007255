#pragma once

#include "orderedset.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSet>

namespace ms {

class Attributes;
class CascadeContext;
class IdentityMap;
class Instance;
class Loading;
class Mapper;
class Persistence;
class Registry;
class SessionEvents;
class SessionTransaction;
class UnitOfWork;

/// What a flush asks of the session, and nothing more.
class FlushContext
{
public:
    virtual ~FlushContext() = default;
    /// The session's transaction begins if it has not (and must be active).
    virtual void beginFlushTransaction() = 0;
    /// The session's transaction (nullptr: none).
    virtual SessionTransaction *transaction() = 0;
    /// Session._contains_state(): pending in it, or in its identity map.
    virtual bool holds(const Instance *o) const = 0;
    /// The persistent objects with changes.
    virtual QList<Instance *> dirtyObjects() const = 0;
    /// An orphan the session never wrote leaves it (Session._expunge_states).
    virtual void expungeStates(const QList<Instance *> &states, bool toTransient) = 0;
    /// Objects whose DELETE ran leave the identity map (deleted state).
    virtual void removeNewlyDeleted(const QList<Instance *> &objects) = 0;
    /// _commit_all() on one object, off the dirty set.
    virtual void commitState(Instance *o) = 0;
    /// The flush failed: the session's rollback (from inside the flush).
    virtual void rollbackFailedFlush() = 0;
    /// Called now and then during a long flush (the heartbeat).
    virtual void progress() = 0;
    /// For the cascade walks of the delete-orphan presort.
    virtual CascadeContext &cascades() = 0;
};

/// One flush: SQLAlchemy's Session._flush() with its UOWTransaction. It
/// registers what the session holds, presorts along the dependency
/// processors (what a changed collection or a deleted parent means for the
/// children), runs the unit of work's actions through Persistence, keys
/// the children (sync.populate), finalizes the objects' states and, on a
/// failure, gives the pending objects back and rolls the session back.
class Flush
{
public:
    Flush(const Registry &registry, SessionEvents &events, IdentityMap &identity, Loading &loading,
          Persistence &persistence, Attributes &attributes, OrderedSet<Instance *> &newObjects,
          const OrderedSet<Instance *> &deleted, FlushContext &context);

    /// Runs the flush (the session checked that it has something to do).
    void run();

    /// Before an object's INSERT or UPDATE: its foreign keys copied from
    /// its many-to-one's object and the parents whose collections it joined
    /// or left.
    void syncForeignKeys(Instance *o);
    /// After a batch's saves: the children outside the session that a
    /// saved parent's collection gained or lost get its key too.
    void syncAfterSave(const QList<Instance *> &saved);

private:
    void presort(UnitOfWork &uow);
    void finalize(UnitOfWork &uow);
    /// ManyToManyDP.process_saves() / process_deletes(): the association
    /// rows of @p m's objects along many-to-many @p rel.
    void processLinks(const UnitOfWork &uow, const Mapper *m, int rel, bool deletes);
    /// The parent's key as sync.populate() reads it (an expired one is loaded).
    QVariant syncKey(Instance *parent);
    /// sync.clear(): the columns @p fk of @p child set to NULL, in order; a
    /// column of its primary key that holds a value fails the flush
    /// (AssertionError).
    void clearForeignKey(Instance *child, const QList<int> &fk);
    /// What sync.clear() reads of key column @p col of @p child before it
    /// blanks it out: its value, an expired one loaded (None: not loaded).
    QVariant keyColumnNow(Instance *child, int col);
    /// sync.populate(): the columns @p fk of @p child given @p key (a
    /// parent's syncKey(): a list for a composite key), in order.
    void assignForeignKey(Instance *child, const QList<int> &fk, const QVariant &key);
    /// The clears of m_outsideClear for the parents of @p batch (each
    /// parent's once).
    void clearOutside(const QList<Instance *> &parents);
    /// OneToManyDP.process_deletes() of @p m's deleted objects in @p uow
    /// along @p rel: the children outside the session lose their key now,
    /// and a child in it whose key is a column of its primary key and holds
    /// a value fails the flush now (AssertionError), before the actions
    /// after this one; the children in the session are cleared at their
    /// save.
    void processDeletes(const UnitOfWork &uow, const Mapper *m, int rel);

    const Registry &m_registry;
    SessionEvents &m_events;
    IdentityMap &m_identity;
    Loading &m_loading;
    Persistence &m_persistence;
    Attributes &m_attributes;
    OrderedSet<Instance *> &m_new;
    const OrderedSet<Instance *> &m_deleted;
    FlushContext &m_ctx;

    /// A foreign key to copy from a parent's primary key (nullptr: set
    /// NULL), and the dependency processor that does it in SQLAlchemy (the
    /// relationship @c rel of @c mapper, in its deletes' pass or its
    /// saves'): a child's syncs run in the processors' order
    /// (processorOrder()), as their ProcessAll actions do.
    struct ParentSync
    {
        QList<int> fk;
        Instance *parent;
        const Mapper *mapper;
        int rel;
        bool deletes;
    };
    QHash<Instance *, QList<ParentSync>> m_parentSync;
    /// The sort key of the processor of @p m's relationship @p rel, in its
    /// deletes' (@p deletes) or saves' pass.
    static QString processorOrder(const Mapper *m, int rel, bool deletes);
    /// Objects outside the session that a saved parent's collection gained
    /// (or lost): OneToManyDP.process_saves() still sets their foreign key
    /// after the parent's save, though they are not flushed.
    struct OutsideSync
    {
        Instance *child;
        QList<int> fk;
        bool clear;
    };
    QHash<Instance *, QList<OutsideSync>> m_outsideSync;
    /// Children outside the session of a parent deleted with no delete
    /// cascade: OneToManyDP.process_deletes() clears their foreign key all
    /// the same, before the parent's DELETE.
    QHash<Instance *, QList<QPair<Instance *, QList<int>>>> m_outsideClear;
    /// The children in the session a deleted parent clears, by parent, with
    /// the relationship: (child, relationship)
    QHash<Instance *, QList<QPair<Instance *, int>>> m_deleteClears;
    /// Parents whose outside children were cleared already.
    QSet<Instance *> m_outsideCleared;
    /// The (child, parent) pairs whose association row a many-to-many's
    /// processor wrote, by association table: the inverse's processor skips
    /// them (DependencyProcessor._get_reversed_processed_set())
    QHash<QString, QSet<QPair<const Instance *, const Instance *>>> m_linked;
    /// The objects the flush saves that had no identity when it began: a
    /// failure in finalizing makes them pending again.
    QList<Instance *> m_pending;
};

} // namespace ms
