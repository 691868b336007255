#pragma once

#include "orderedset.h"

#include <QList>
#include <QVariant>

namespace ms {

class CascadeContext;
class IdentityMap;
class Instance;
class SessionEvents;
class SessionTransaction;

/// What the membership asks of the session.
class MembershipContext
{
public:
    virtual ~MembershipContext() = default;
    /// Session._autobegin(): the session's transaction begins if it has not.
    virtual void autobegin() = 0;
    /// The session's transaction (nullptr: none).
    virtual SessionTransaction *transaction() = 0;
    /// An object going back to transient keeps its `Class#key` label as
    /// its own (a later lookup by that label still finds it).
    virtual void keepLabel(Instance *o) = 0;
    /// For the cascades of add, delete and expunge.
    virtual CascadeContext &cascades() = 0;
    /// The session's number, which the objects it holds carry.
    virtual quint8 sessionNumber() const = 0;
    /// The name of session number @p number, for a message.
    virtual QString sessionName(quint8 number) const = 0;
};

/// Which objects a session holds and how they come and go: the pending
/// (session._new) and deleted (session._deleted) sets beside the identity
/// map, and SQLAlchemy's _save_impl, _update_impl, _delete_impl,
/// _expunge_states, _detach_states, _remove_newly_deleted and
/// _update_impl(revert_deletion=True), each with its attach and state
/// transition events.
class Membership
{
public:
    Membership(IdentityMap &identity, SessionEvents &events, MembershipContext &context);

    /// session._new, in the order the objects were added.
    OrderedSet<Instance *> &pending() { return m_new; }
    const OrderedSet<Instance *> &pending() const { return m_new; }
    /// session._deleted: marked for deletion, not flushed.
    const OrderedSet<Instance *> &deleted() const { return m_deleted; }
    bool isPending(Instance *o) const { return m_new.contains(o); }
    /// Session._contains_state(): pending here, or in the identity map (an
    /// object whose delete was flushed is neither).
    bool contains(const Instance *o) const;
    /// Nothing new, modified or deleted.
    bool isClean() const;

    /// Session._save_or_update_state(): @p o (and with @p cascade what
    /// save-update reaches from it) becomes pending or persistent here.
    void saveOrUpdate(Instance *o, bool cascade);
    /// Session._delete_impl(): @p o is marked for deletion; @p head is the
    /// object delete() was called on (it must have a row, and its delete
    /// cascade is followed).
    void markDeleted(Instance *o, bool head);
    /// Session._expunge_states(): the objects leave the session.
    void expunge(const QList<Instance *> &states, bool toTransient);
    /// Session._detach_states(): the objects are no longer attached (the
    /// sets already forgot them).
    void detach(const QList<Instance *> &states, bool toTransient);
    /// Objects whose DELETE ran leave the identity map (deleted state).
    void removeNewlyDeleted(const QList<Instance *> &states);
    /// _update_impl(revert_deletion=True): a rollback gives a delete back.
    void revertDeletion(Instance *o);
    /// The identity map forgets @p o, which takes @p oldKey back, and holds
    /// it again when @p keep.
    void restoreKey(Instance *o, const QVariant &oldKey, bool keep);
    /// InstanceState._modified_event(): into the dirty set.
    void markDirty(Instance *o);
    /// _commit_all() on one object, off the dirty set.
    void commitState(Instance *o);
    /// Every attribute of @p o expired, off the dirty set (`expire` fires).
    void expireState(Instance *o);
    /// Fails unless @p o is in this session's identity map (not pending,
    /// its delete not flushed, not removed by a bulk delete).
    void assertPersistentHere(const Instance *o) const;
    /// Session._expire_state(): attributes @p attrs of @p o expired; with
    /// none, all of them and along refresh-expire, where a pending object
    /// reached leaves the session.
    void expire(Instance *o, const QList<int> &attrs);
    /// Session.close(): every object leaves, detached.
    void clear();
    /// sqlalchemy.orm.make_transient(): @p o leaves the session (as
    /// expunge() takes it, without cascade) and forgets its identity, its
    /// expired attributes, its per-object loaders and a flushed delete.
    void makeTransient(Instance *o);

private:
    /// The identity goes; a `Class#key` label is kept as the object's own.
    void dropKey(Instance *o);
    void saveOrUpdateOne(Instance *o);
    /// Session._attach() ends for an object with a row that came from
    /// outside: attached, `after_attach`, `detached_to_persistent`.
    void finishAttach(Instance *o);
    /// Session._before_attach(): whether @p o is to be attached (false: it
    /// is here already); one another session holds is refused
    /// (InvalidRequestError, "already attached to session").
    bool attaches(const Instance *o) const;
    /// IdentityMap.add() refuses a second object for the same row.
    void failOnAnotherWithKey(const Instance *o) const;

    IdentityMap &m_identity;
    SessionEvents &m_events;
    MembershipContext &m_ctx;
    OrderedSet<Instance *> m_new;
    OrderedSet<Instance *> m_deleted;
    qint64 m_insertCounter = 0;
};

} // namespace ms
