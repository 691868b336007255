#include "sessiontransaction.h"

namespace ms {

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

} // namespace ms
