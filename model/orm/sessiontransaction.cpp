#include "sessiontransaction.h"

#include "connection.h"
#include "failure.h"
#include "sessionevents.h"

#include <algorithm>

namespace ms {

using namespace sa; // SQLAlchemy's exception names, used as Error::kind

void SessionTransaction::noteKeySwitch(Instance *o, const QVariant &oldKey)
{
    for (const auto &[switched, key] : std::as_const(m_keySwitches))
        if (switched == o)
            return;
    m_keySwitches.append({o, oldKey});
}

void SessionTransaction::restoreSnapshot(TransactionContext &session)
{
    OrderedSet<Instance *> toExpunge = m_inserted;
    for (Instance *o : session.pendingObjects())
        toExpunge.append(o);
    session.expungeToTransient(toExpunge.list());
    // a primary key the transaction changed is given back
    for (const auto &[o, oldKey] : m_keySwitches)
        session.restoreKey(o, oldKey, !toExpunge.contains(o));
    // (read after the expunge, which takes detached objects out of it)
    OrderedSet<Instance *> deleted = m_deleted;
    for (Instance *o : session.markedDeleted())
        deleted.append(o);
    for (Instance *o : deleted.list())
        session.revertDeletion(o);
    session.expireIdentityMap(m_nested ? &m_updated : nullptr);
}

void SessionTransaction::mergeInto(SessionTransaction &parent) const
{
    for (Instance *o : m_inserted.list())
        parent.m_inserted.append(o);
    for (Instance *o : m_updated.list())
        parent.noteUpdated(o);
    for (Instance *o : m_deleted.list())
        parent.m_deleted.append(o);
    // dict.update(): the savepoint's entry replaces the parent's
    for (const auto &[o, oldKey] : m_keySwitches) {
        auto it = std::find_if(parent.m_keySwitches.begin(), parent.m_keySwitches.end(),
                               [o = o](const auto &entry) { return entry.first == o; });
        if (it != parent.m_keySwitches.end())
            it->second = oldKey;
        else
            parent.m_keySwitches.append({o, oldKey});
    }
}

Transactions::Transactions(Connection &conn, SessionEvents &events, TransactionContext &session)
    : m_conn(conn)
    , m_events(events)
    , m_session(session)
{
}

void Transactions::begin()
{
    if (!m_stack.empty())
        return;
    m_stack.push_back(std::make_unique<SessionTransaction>());
    m_events.fireTransaction(EventType::AfterTransactionCreate, false);
}

void Transactions::beginNested()
{
    m_stack.push_back(std::make_unique<SessionTransaction>(true));
    m_conn.requestSavepoint();
    m_events.fireTransaction(EventType::AfterTransactionCreate, false, true);
}

void Transactions::assertActive() const
{
    if (!m_stack.empty() && m_flushStuck)
        engineFail(kInvalid,
                   EngineText::tr("this session is in 'inactive' state, due to the SQL transaction "
                                  "being rolled back; no further SQL can be emitted within this "
                                  "transaction"));
    if (needsRollback())
        engineFail(
            kPendingRollback,
            EngineText::tr("this session's transaction has been rolled back after a failed flush; "
                           "call rollback() first"));
}

void Transactions::end()
{
    // (the session's transaction is the parent when the event fires)
    const bool nested = innermost().isNested();
    m_stack.pop_back();
    m_events.fireTransaction(EventType::AfterTransactionEnd, false, nested);
}

void Transactions::endStuckFlush()
{
    if (!m_flushStuck)
        return;
    m_flushStuck = false;
    m_events.fireTransaction(EventType::AfterTransactionEnd, true);
}

void Transactions::commitNested()
{
    if (auto r = m_conn.releaseSavepoint(); !r)
        engineFail(databaseErrorKind(r.error()), r.error().message);
    innermost().deactivate();
    m_events.fire(EventType::AfterCommit);
    innermost().mergeInto(*m_stack[m_stack.size() - 2]);
    end();
}

void Transactions::commit(bool expireOnCommit)
{
    if (auto r = m_conn.commit(); !r) {
        rollback();
        engineFail(databaseErrorKind(r.error()), r.error().message);
    }
    innermost().deactivate();
    m_events.fire(EventType::AfterCommit);
    if (expireOnCommit) {
        m_session.expireIdentityMap();
        m_session.detachDeleted(innermost().takeDeleted());
    }
    end();
}

void Transactions::rollbackBoundary()
{
    SessionTransaction &t = innermost();
    if (t.isActive()) {
        const auto r = t.isNested() ? m_conn.rollbackToSavepoint() : m_conn.rollback();
        t.deactivate();
        m_events.fire(EventType::AfterRollback);
        t.restoreSnapshot(m_session);
        if (!r)
            m_events.warn(r.error().message);
    } else if (!m_session.isClean()) {
        m_events.warn(
            EngineText::tr("the session was changed after its transaction failed; those changes "
                           "are discarded"));
        t.restoreSnapshot(m_session);
    }
}

void Transactions::rollbackInnermost()
{
    if (m_stack.empty())
        return;
    if (m_flushStuck) {
        // SessionTransaction.rollback() on the flush's subtransaction left
        // open: a changed session has it restore the snapshot, which
        // SQLAlchemy 1.4 refuses (`assert self._is_transaction_boundary`,
        // nothing fired, everything left as it is); a clean one closes it,
        // then rolls back its parent as usual
        if (!m_session.isClean())
            engineFail(
                QStringLiteral("AssertionError"),
                EngineText::tr("the rollback cannot restore the session: the failed flush's own "
                               "rollback stopped part way, and the session was changed since"));
        endStuckFlush();
        m_events.fire(EventType::AfterSoftRollback);
    }
    rollbackBoundary();
    end();
    m_events.fire(EventType::AfterSoftRollback);
}

void Transactions::rollback()
{
    while (!m_stack.empty())
        rollbackInnermost();
}

void Transactions::rollbackFailedFlush()
{
    if (m_stack.empty())
        return;
    try {
        rollbackBoundary();
    } catch (const EngineFailure &) {
        // the restore failed ("is not persisted"): SQLAlchemy leaves the
        // flush's subtransaction open and inactive, as the session's own
        m_flushStuck = true;
        throw;
    }
    // The flush's subtransaction ends; its boundary stays, inactive, until rollback().
    m_events.fireTransaction(EventType::AfterTransactionEnd, true);
    m_events.fire(EventType::AfterSoftRollback);
}

void Transactions::close()
{
    if (m_stack.empty())
        return;
    (void)m_conn.rollback();
    endStuckFlush();
    while (!m_stack.empty())
        end();
}

} // namespace ms
