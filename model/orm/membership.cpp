#include "membership.h"

#include "cascade.h"
#include "failure.h"
#include "identitymap.h"
#include "instance.h"
#include "sessionevents.h"
#include "sessiontransaction.h"

namespace ms {

using namespace sa; // SQLAlchemy's exception names, used as Error::kind

Membership::Membership(IdentityMap &identity, SessionEvents &events, MembershipContext &context)
    : m_identity(identity)
    , m_events(events)
    , m_ctx(context)
{
}

bool Membership::contains(const Instance *o) const
{
    return m_new.contains(const_cast<Instance *>(o))
        || (o->identity() && m_identity.lookup(o->mapper(), *o->identity()) == o);
}

bool Membership::isClean() const
{
    return !m_identity.anyModified() && m_deleted.isEmpty() && m_new.isEmpty();
}

bool Membership::attaches(const Instance *o) const
{
    if (!o->isAttached())
        return true;
    if (o->sessionNumber() != m_ctx.sessionNumber())
        engineFail(kInvalid,
                   EngineText::tr("Object %1 is already attached to session %2 (this is %3)")
                       .arg(o->label(), m_ctx.sessionName(o->sessionNumber()),
                            m_ctx.sessionName(m_ctx.sessionNumber())));
    return false;
}

void Membership::finishAttach(Instance *o)
{
    o->setSession(m_ctx.sessionNumber());
    m_events.fire(EventType::AfterAttach, o);
    m_events.fire(EventType::DetachedToPersistent, o);
}

void Membership::saveOrUpdate(Instance *o, bool cascade)
{
    o->setOrphanedOutside(false);
    saveOrUpdateOne(o);
    if (!cascade)
        return;
    const QList<Instance *> children = cascadeIterator(m_ctx.cascades(), o, CascadeKind::SaveUpdate, false);
    for (Instance *child : children)
        saveOrUpdateOne(child);
}

void Membership::saveOrUpdateOne(Instance *o)
{
    if (!o->identity()) {
        // _save_impl (_before_attach() begins first, then refuses another session's)
        m_ctx.autobegin();
        const bool attach = attaches(o);
        if (attach)
            m_events.fire(EventType::BeforeAttach, o);
        if (m_new.append(o))
            o->setInsertOrder(++m_insertCounter);
        if (attach) {
            o->setSession(m_ctx.sessionNumber());
            m_events.fire(EventType::AfterAttach, o);
            m_events.fire(EventType::TransientToPending, o);
        }
        return;
    }
    // _update_impl
    if (o->isDeletedFlushed())
        engineFail(kInvalid,
                   EngineText::tr("%1 has been deleted; it cannot be added back").arg(o->label()));
    m_ctx.autobegin();
    const bool attach = attaches(o);
    if (attach)
        m_events.fire(EventType::BeforeAttach, o);
    if (o->isMarkedDeleted()) {
        o->setMarkedDeleted(false);
        m_deleted.remove(o);
    }
    failOnAnotherWithKey(o);
    m_identity.add(o);
    if (attach) {
        if (o->isDirty())
            m_identity.noteModified(o);
        finishAttach(o);
    }
}

void Membership::failOnAnotherWithKey(const Instance *o) const
{
    if (Instance *other = m_identity.lookup(o->mapper(), *o->identity()); other && other != o)
        engineFail(kInvalid,
                   EngineText::tr("can't attach %1: another object with the key %2 is already "
                                  "present in this session (%3)")
                       .arg(o->label(), keyString(*o->identity()), other->label()));
}

void Membership::markDeleted(Instance *o, bool head)
{
    if (!o->identity()) {
        if (head)
            engineFail(kInvalid, EngineText::tr("%1 is not persisted").arg(o->label()));
        return;
    }
    m_ctx.autobegin();
    const bool attach = attaches(o);
    if (attach)
        m_events.fire(EventType::BeforeAttach, o);
    if (o->isMarkedDeleted())
        return;
    failOnAnotherWithKey(o);
    m_identity.add(o);
    if (attach)
        finishAttach(o);
    QList<Instance *> cascaded;
    if (head)
        cascaded = cascadeIterator(m_ctx.cascades(), o, CascadeKind::Delete, true);
    o->setMarkedDeleted(true);
    m_deleted.append(o);
    for (Instance *c : cascaded)
        markDeleted(c, false);
}

void Membership::expunge(const QList<Instance *> &states, bool toTransient)
{
    for (Instance *o : states) {
        if (m_new.remove(o)) {
        } else if (o->identity() && m_identity.lookup(o->mapper(), *o->identity()) == o) {
            m_identity.remove(o);
            if (o->isMarkedDeleted()) {
                o->setMarkedDeleted(false);
                m_deleted.remove(o);
            }
        } else if (SessionTransaction *tx = m_ctx.transaction()) {
            tx->forgetDeleted(o);
        }
    }
    detach(states, toTransient);
}

void Membership::detach(const QList<Instance *> &states, bool toTransient)
{
    for (Instance *o : states) {
        const bool deleted = o->isDeletedFlushed();
        const bool pending = !o->identity();
        const bool persistent = !pending && !deleted;
        o->setSession(0);
        if (toTransient && o->identity())
            dropKey(o);
        if (persistent) {
            m_events.fire(toTransient ? EventType::PersistentToTransient
                                      : EventType::PersistentToDetached,
                          o);
        } else if (deleted) {
            m_events.fire(EventType::DeletedToDetached, o);
        } else if (pending) {
            m_events.fire(EventType::PendingToTransient, o);
        }
        // state._deleted outlives the detach, even to transient: an object
        // whose delete was flushed, then rolled back to transient, re-added
        // and inserted again is still refused by a later add() ("has been
        // deleted; use make_transient()")
    }
}

void Membership::removeNewlyDeleted(const QList<Instance *> &states)
{
    for (Instance *o : states) {
        if (SessionTransaction *tx = m_ctx.transaction())
            tx->noteDeleted(o);
        m_events.fire(EventType::PersistentToDeleted, o);
        m_identity.remove(o);
        o->setMarkedDeleted(false);
        m_deleted.remove(o);
        o->setDeletedFlushed(true);
    }
}

void Membership::revertDeletion(Instance *o)
{
    // _update_impl(revert_deletion=True) asks for a key first: an object
    // inserted and deleted in this transaction, then deleted again (back
    // in the identity map, so the expunge above kept it in the
    // transaction's deleted list), was just made transient, and the
    // rollback stops here, its transaction left inactive
    if (!o->identity())
        engineFail(kInvalid,
                   EngineText::tr("%1 is not persisted: the rollback cannot give back its delete")
                       .arg(o->label()));
    if (o->isDeletedFlushed()) {
        if (!o->isAttached())
            return;
        o->setDeletedFlushed(false);
    }
    // A second restore (rollback() after the session changed while its
    // transaction was inactive) meets the same objects again: the
    // transaction keeps its lists. One detached since is attached back.
    const bool attach = !o->isAttached();
    if (attach)
        m_events.fire(EventType::BeforeAttach, o);
    o->setMarkedDeleted(false);
    m_deleted.remove(o);
    m_identity.add(o);
    if (attach)
        finishAttach(o);
    else
        m_events.fire(EventType::DeletedToPersistent, o);
}

void Membership::restoreKey(Instance *o, const QVariant &oldKey, bool keep)
{
    m_identity.remove(o);
    o->setKey(oldKey);
    if (keep && o->isAttached())
        m_identity.add(o);
}

void Membership::markDirty(Instance *o)
{
    o->setDirty(true);
    // InstanceState._modified_event(): only an object of the identity map
    // joins its modified set (not one whose key another object took); one
    // inserted again after its delete was rolled back does, _deleted or not.
    if (o->isAttached())
        m_identity.noteModified(o);
}

void Membership::commitState(Instance *o)
{
    o->commitAll();
    m_identity.forgetModified(o);
}

void Membership::expireState(Instance *o)
{
    o->expireAll();
    m_identity.forgetModified(o);
    m_events.fireWithAttrs(EventType::Expire, o, {});
}

void Membership::assertPersistentHere(const Instance *o) const
{
    if (!o->isAttached() || !o->identity() || m_identity.lookup(o->mapper(), *o->identity()) != o)
        engineFail(kInvalid,
                   EngineText::tr("%1 is not persistent within this session").arg(o->label()));
}

void Membership::expire(Instance *o, const QList<int> &attrs)
{
    if (!attrs.isEmpty()) {
        // SQLAlchemy keeps the object flagged modified: it stays in the dirty
        // set and the next flush fires before_update/after_update for it.
        m_events.fireExpired(o, o->expireAttributes(attrs));
        return;
    }
    const QList<Instance *> cascaded
        = cascadeIterator(m_ctx.cascades(), o, CascadeKind::RefreshExpire, false);
    expireState(o);
    for (Instance *c : cascaded) {
        if (c->identity())
            expireState(c);
        else if (m_new.remove(c))
            detach({c}, false);
    }
}

void Membership::clear()
{
    QList<Instance *> all = m_identity.all();
    all += m_new.list();
    m_identity.clear();
    m_new.clear();
    for (Instance *o : m_deleted.list())
        o->setMarkedDeleted(false);
    m_deleted.clear();
    detach(all, false);
}

void Membership::dropKey(Instance *o)
{
    if (!o->hasOwnLabel())
        m_ctx.keepLabel(o); // `Class#key` without a key: the label is kept as it was
    o->clearKey();
}

void Membership::makeTransient(Instance *o)
{
    // _state_session(): one whose delete was flushed still belongs to the
    // session (its transaction remembers it)
    if (o->isAttached())
        expunge({o}, false);
    for (int a = 0; a < o->attributeCount(); ++a)
        o->unexpire(a); // expired_attributes.clear(): nothing loads it now
    for (int r = 0; r < o->mapper()->relationships().size(); ++r)
        o->relation(r).loader = -1; // del state.callables
    if (o->identity())
        dropKey(o);
    o->setDeletedFlushed(false);
}

} // namespace ms
