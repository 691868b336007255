#pragma once

#include "orderedset.h"

#include <QList>
#include <QPair>
#include <QVariant>

#include <memory>
#include <vector>

namespace ms {

class Connection;
class Instance;
class SessionEvents;

/// What restoring a transaction's snapshot asks of the session (the
/// calls SQLAlchemy's SessionTransaction makes on its Session).
class TransactionContext
{
public:
    virtual ~TransactionContext() = default;
    /// session._new: the pending objects.
    virtual QList<Instance *> pendingObjects() const = 0;
    /// session._deleted: the objects marked for deletion, not flushed.
    virtual QList<Instance *> markedDeleted() const = 0;
    /// Session._expunge_states(to_transient=True).
    virtual void expungeToTransient(const QList<Instance *> &objects) = 0;
    /// The identity map forgets @p o, which takes @p oldKey back, and holds
    /// it again when @p keep.
    virtual void restoreKey(Instance *o, const QVariant &oldKey, bool keep) = 0;
    /// Session._update_impl(revert_deletion=True).
    virtual void revertDeletion(Instance *o) = 0;
    /// Every object of the identity map expired; with @p only, those with
    /// changes not flushed and those in @p only (a savepoint's rollback).
    virtual void expireIdentityMap(const OrderedSet<Instance *> *only = nullptr) = 0;
    /// Nothing new, modified or deleted.
    virtual bool isClean() const = 0;
    /// A commit's deleted objects leave (Session._detach_states()).
    virtual void detachDeleted(const QList<Instance *> &objects) = 0;
};

/// SQLAlchemy's SessionTransaction at a boundary: the root one, or a
/// nested one (begin_nested(), a SAVEPOINT). Whether it is still active,
/// and what it changed so that a rollback can give it back (the objects
/// its flushes inserted, updated and deleted, the primary keys they
/// changed). The lists live as long as the transaction: a rollback after
/// the session changed while it was inactive restores from them again. A
/// flush's subtransaction shares its boundary's lists, so it has none.
class SessionTransaction
{
public:
    explicit SessionTransaction(bool nested = false) : m_nested(nested) {}

    /// begin_nested()'s (a SAVEPOINT), not the root.
    bool isNested() const { return m_nested; }
    /// Not after a failed flush or a commit's end.
    bool isActive() const { return m_active; }
    void deactivate() { m_active = false; }

    /// transaction._new: @p o was inserted by a flush of this transaction.
    void noteInserted(Instance *o) { m_inserted.append(o); }
    void forgetInserted(Instance *o) { m_inserted.remove(o); }
    /// transaction._dirty: a flush of this transaction saved persistent @p o
    /// (only a nested transaction's rollback reads it).
    void noteUpdated(Instance *o)
    {
        if (m_nested)
            m_updated.append(o);
    }
    /// transaction._deleted: @p o's delete was flushed.
    void noteDeleted(Instance *o) { m_deleted.append(o); }
    void forgetDeleted(Instance *o) { m_deleted.remove(o); }
    /// transaction._key_switches: a flush changed @p o's primary key; the
    /// key it had when this transaction first changed it is kept.
    void noteKeySwitch(Instance *o, const QVariant &oldKey);
    /// The deleted objects, forgotten (a commit detaches them).
    QList<Instance *> takeDeleted()
    {
        const QList<Instance *> out = m_deleted.list();
        m_deleted.clear();
        return out;
    }

    /// _restore_snapshot(): the objects this transaction inserted and the
    /// pending ones made transient, changed keys given back, deletes
    /// reverted, and everything else expired; a nested transaction's only
    /// what it saved and what has changes not flushed (dirty_only).
    void restoreSnapshot(TransactionContext &session);
    /// _remove_snapshot() of a nested transaction: its records become
    /// @p parent's (a key it switched takes the key it had before this
    /// savepoint, as SQLAlchemy's dict update does).
    void mergeInto(SessionTransaction &parent) const;

private:
    bool m_nested;
    bool m_active = true;
    OrderedSet<Instance *> m_inserted;
    OrderedSet<Instance *> m_updated;
    OrderedSet<Instance *> m_deleted;
    QList<QPair<Instance *, QVariant>> m_keySwitches;
};

/// The session's side of its transactions: the root SessionTransaction
/// while one is open (autobegun on first use, as Session._autobegin()),
/// the nested ones begin_nested() opens inside it (savepoints, the
/// innermost last), commit and rollback with their events, and the failed
/// flush's subtransaction that SQLAlchemy leaves open when its own
/// rollback stops part way.
class Transactions
{
public:
    Transactions(Connection &conn, SessionEvents &events, TransactionContext &session);

    /// The innermost open transaction, whose records a flush writes
    /// (nullptr: none).
    SessionTransaction *current() { return m_stack.empty() ? nullptr : m_stack.back().get(); }
    bool isOpen() const { return !m_stack.empty(); }
    /// How many nested transactions (savepoints) are open.
    int nestingDepth() const { return m_stack.empty() ? 0 : int(m_stack.size()) - 1; }
    /// A flush failed and the innermost transaction waits for rollback().
    bool needsRollback() const { return !m_stack.empty() && !m_stack.back()->isActive(); }

    /// Session._autobegin(): a transaction begins unless one is open.
    void begin();
    /// After begin_nested()'s flush: a nested transaction opens inside the
    /// innermost one (its SAVEPOINT is sent with the next statement).
    void beginNested();
    /// Fails when the innermost transaction cannot emit SQL (after a failed flush).
    void assertActive() const;
    /// The end of a nested transaction's commit(), once its flushes are
    /// done: RELEASE SAVEPOINT, `after_commit`, its records into its
    /// parent's, `after_transaction_end`.
    void commitNested();
    /// The end of commit(), once its flushes are done: COMMIT,
    /// `after_commit`, every object expired when @p expireOnCommit, the
    /// flushed deletes detached, the transaction ended. A failed COMMIT
    /// rolls back and fails with the database's error.
    void commit(bool expireOnCommit);
    /// SessionTransaction.rollback() of the innermost transaction (a
    /// nested one rolls back to its SAVEPOINT; the root ends).
    void rollbackInnermost();
    /// Session.rollback() (a future session): every transaction rolls
    /// back, the innermost first.
    void rollback();
    /// A flush failed: its subtransaction rolls back the innermost
    /// transaction, which stays open and inactive until rollback(). When
    /// the snapshot cannot be restored, the flush's subtransaction stays
    /// open, inactive, as the session's own.
    void rollbackFailedFlush();
    /// Session.close(): every transaction ends, the innermost first; the
    /// connection rolls back.
    void close();

private:
    SessionTransaction &innermost() { return *m_stack.back(); }
    /// Ends the innermost transaction (`after_transaction_end`).
    void end();
    void endStuckFlush();
    /// The innermost's own rollback, the transaction left open: ROLLBACK
    /// (TO SAVEPOINT), `after_rollback`, the snapshot restored; or, when it
    /// is inactive already, a restore of what changed since.
    void rollbackBoundary();

    Connection &m_conn;
    SessionEvents &m_events;
    TransactionContext &m_session;
    std::vector<std::unique_ptr<SessionTransaction>> m_stack; ///< the root first
    /// A flush's rollback failed while restoring (SQLAlchemy leaves that
    /// flush's subtransaction as the session's, inactive).
    bool m_flushStuck = false;
};

} // namespace ms
