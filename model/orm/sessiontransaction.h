#pragma once

#include "orderedset.h"

#include <QList>
#include <QPair>
#include <QVariant>

#include <optional>

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
    /// Every object of the identity map expired.
    virtual void expireIdentityMap() = 0;
    /// Nothing new, modified or deleted.
    virtual bool isClean() const = 0;
    /// A commit's deleted objects leave (Session._detach_states()).
    virtual void detachDeleted(const QList<Instance *> &objects) = 0;
};

/// SQLAlchemy's SessionTransaction (the root one): whether it is still
/// active, and what it changed so that a rollback can give it back (the
/// objects its flushes inserted and deleted, the primary keys they
/// changed). The lists live as long as the transaction: a rollback after
/// the session changed while it was inactive restores from them again.
class SessionTransaction
{
public:
    /// Not after a failed flush or a commit's end.
    bool isActive() const { return m_active; }
    void deactivate() { m_active = false; }

    /// transaction._new: @p o was inserted by a flush of this transaction.
    void noteInserted(Instance *o) { m_inserted.append(o); }
    void forgetInserted(Instance *o) { m_inserted.remove(o); }
    /// transaction._deleted: @p o's delete was flushed.
    void noteDeleted(Instance *o) { m_deleted.append(o); }
    void forgetDeleted(Instance *o) { m_deleted.remove(o); }
    /// transaction._key_switches: a flush changed @p o's primary key.
    void noteKeySwitch(Instance *o, const QVariant &oldKey) { m_keySwitches.append({o, oldKey}); }
    /// The deleted objects, forgotten (a commit detaches them).
    QList<Instance *> takeDeleted()
    {
        const QList<Instance *> out = m_deleted.list();
        m_deleted.clear();
        return out;
    }

    /// _restore_snapshot(): the objects this transaction inserted and the
    /// pending ones made transient, changed keys given back, deletes
    /// reverted, everything else expired.
    void restoreSnapshot(TransactionContext &session);

private:
    bool m_active = true;
    OrderedSet<Instance *> m_inserted;
    OrderedSet<Instance *> m_deleted;
    QList<QPair<Instance *, QVariant>> m_keySwitches;
};

/// The session's side of its transactions: the root SessionTransaction
/// while one is open (autobegun on first use, as Session._autobegin()),
/// commit and rollback with their events, and the failed flush's
/// subtransaction that SQLAlchemy leaves open when its own rollback stops
/// part way.
class Transactions
{
public:
    Transactions(Connection &conn, SessionEvents &events, TransactionContext &session);

    /// The open transaction (nullptr: none).
    SessionTransaction *current() { return m_tx ? &*m_tx : nullptr; }
    bool isOpen() const { return m_tx.has_value(); }
    /// A flush failed and the transaction waits for rollback().
    bool needsRollback() const { return m_tx && !m_tx->isActive(); }

    /// Session._autobegin(): a transaction begins unless one is open.
    void begin();
    /// Fails when the transaction cannot emit SQL (after a failed flush).
    void assertActive() const;
    /// The end of commit(), once its flushes are done: COMMIT,
    /// `after_commit`, every object expired when @p expireOnCommit, the
    /// flushed deletes detached, the transaction ended. A failed COMMIT
    /// rolls back and fails with the database's error.
    void commit(bool expireOnCommit);
    /// Session.rollback(); @p fromFlush: the failed flush's own rollback,
    /// which leaves the root transaction open and inactive.
    void rollback(bool fromFlush);
    /// rollback(true); when the snapshot cannot be restored, the flush's
    /// subtransaction stays open, inactive, as the session's own.
    void rollbackFailedFlush();
    /// Session.close(): the connection rolls back, the transaction ends.
    void close();

private:
    void end();
    void endStuckFlush();

    Connection &m_conn;
    SessionEvents &m_events;
    TransactionContext &m_session;
    std::optional<SessionTransaction> m_tx;
    /// A flush's rollback failed while restoring (SQLAlchemy leaves that
    /// flush's subtransaction as the session's, inactive).
    bool m_flushStuck = false;
};

} // namespace ms
