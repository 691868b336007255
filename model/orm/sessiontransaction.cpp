#include "sessiontransaction.h"

#include "connection.h"
#include "failure.h"
#include "sessionevents.h"

namespace ms {

using namespace sa; // SQLAlchemy's exception names, used as Error::kind

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
    session.expireIdentityMap();
}

Transactions::Transactions(Connection &conn, SessionEvents &events, TransactionContext &session)
    : m_conn(conn)
    , m_events(events)
    , m_session(session)
{
}

void Transactions::begin()
{
    if (m_tx)
        return;
    m_tx.emplace();
    m_events.fireTransaction(EventType::AfterTransactionCreate, false);
}

void Transactions::assertActive() const
{
    if (m_tx && m_flushStuck)
        engineFail(kInvalid,
                   EngineText::tr("this session is in 'inactive' state, due to the SQL transaction "
                                  "being rolled back; no further SQL can be emitted within this "
                                  "transaction"));
    if (m_tx && !m_tx->isActive())
        engineFail(
            kPendingRollback,
            EngineText::tr("this session's transaction has been rolled back after a failed flush; "
                           "call rollback() first"));
}

void Transactions::end()
{
    m_events.fireTransaction(EventType::AfterTransactionEnd, false);
    m_tx.reset();
}

void Transactions::endStuckFlush()
{
    if (!m_flushStuck)
        return;
    m_flushStuck = false;
    m_events.fireTransaction(EventType::AfterTransactionEnd, true);
}

void Transactions::commit(bool expireOnCommit)
{
    if (auto r = m_conn.commit(); !r) {
        rollback(false);
        engineFail(databaseErrorKind(r.error()), r.error().message);
    }
    m_tx->deactivate();
    m_events.fire(EventType::AfterCommit);
    if (expireOnCommit) {
        m_session.expireIdentityMap();
        m_session.detachDeleted(m_tx->takeDeleted());
    }
    end();
}

void Transactions::rollback(bool fromFlush)
{
    if (!m_tx)
        return;
    if (m_flushStuck) {
        // SessionTransaction.rollback() on the flush's subtransaction left
        // open: a changed session has it restore the snapshot, which
        // SQLAlchemy 1.4 refuses (`assert self._is_transaction_boundary`,
        // nothing fired, everything left as it is); a clean one closes it,
        // then rolls back the root as usual
        if (!m_session.isClean())
            engineFail(
                QStringLiteral("AssertionError"),
                EngineText::tr("the rollback cannot restore the session: the failed flush's own "
                               "rollback stopped part way, and the session was changed since"));
        endStuckFlush();
        m_events.fire(EventType::AfterSoftRollback);
    }
    if (m_tx->isActive()) {
        const auto r = m_conn.rollback();
        m_tx->deactivate();
        m_events.fire(EventType::AfterRollback);
        m_tx->restoreSnapshot(m_session);
        if (!r)
            m_events.warn(r.error().message);
    } else if (!m_session.isClean()) {
        m_events.warn(
            EngineText::tr("the session was changed after its transaction failed; those changes "
                           "are discarded"));
        m_tx->restoreSnapshot(m_session);
    }
    if (fromFlush) {
        // The flush's subtransaction ends; the root stays, inactive, until rollback().
        m_events.fireTransaction(EventType::AfterTransactionEnd, true);
        m_events.fire(EventType::AfterSoftRollback);
        return;
    }
    end();
    m_events.fire(EventType::AfterSoftRollback);
}

void Transactions::rollbackFailedFlush()
{
    try {
        rollback(true);
    } catch (const EngineFailure &) {
        // the restore failed ("is not persisted"): SQLAlchemy leaves the
        // flush's subtransaction open and inactive, as the session's own
        m_flushStuck = true;
        throw;
    }
}

void Transactions::close()
{
    if (!m_tx)
        return;
    (void)m_conn.rollback();
    endStuckFlush();
    end();
}

} // namespace ms
