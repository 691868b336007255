#include "flush.h"

#include <QVarLengthArray>

#include "attributes.h"
#include "cascade.h"
#include "events/eventtype.h"
#include "failure.h"
#include "identitymap.h"
#include "instance.h"
#include "loading.h"
#include "persistence.h"
#include "registry.h"
#include "sessionevents.h"
#include "sessiontransaction.h"
#include "unitofwork.h"

namespace ms {

using namespace sa; // SQLAlchemy's exception names, used as Error::kind

Flush::Flush(const Registry &registry, SessionEvents &events, IdentityMap &identity, Loading &loading,
             Persistence &persistence, Attributes &attributes, OrderedSet<Instance *> &newObjects,
             const OrderedSet<Instance *> &deleted, FlushContext &context)
    : m_registry(registry), m_events(events), m_identity(identity), m_loading(loading),
      m_persistence(persistence), m_attributes(attributes), m_new(newObjects), m_deleted(deleted),
      m_ctx(context)
{
}

void Flush::presort(UnitOfWork &uow)
{
    // Dependency processors: what a changed collection or a deleted parent
    // means for the children (SQLAlchemy's OneToManyDP.presort_*).
    // OneToManyDP.presort_deletes() of deleted parent @p o along @p r: the
    // objects removed from its collection and given no other parent are
    // deleted (delete-orphan) or lose their foreign key, and so do the ones
    // it holds (without delete cascade). With @p sync off only the objects
    // are registered: a parent whose delete is cancelled later in the same
    // processor is saved instead, and keys its children as a save does.
    // a delete-orphan child: its delete, and what that cascades to
    auto registerOrphanDelete = [&](Instance *c) {
        uow.registerDelete(c);
        for (Instance *d : cascadeIterator(m_ctx.cascades(), c, CascadeKind::Delete, true))
            if (d->isAttached() && d->identity())
                uow.registerDelete(d);
    };
    auto presortDelete = [&](Instance *o, int r, bool sync) {
        const auto &rels = o->mapper()->relationships();
        const Cascade &cascade = o->mapper()->cascade(r);
        const QList<int> &fkCol = rels[r].foreignKey.columns;
        // delete() cascaded along the collection as it is now: a child
        // moved to another parent stays where it went.
        const int attr = o->columnCount() + r;
        const auto &slot = o->relation(r);
        // the history is read with passive_deletes off (PASSIVE_OFF): a
        // collection not loaded (expired by a refresh, say) is loaded here
        if (!o->isLoaded(attr) && o->identity() && o->isAttached())
            (void)m_attributes.currentCollection(o, r);
        m_attributes.loadCommittedOneToOne(o, r); // a one-to-one set while not loaded
        QList<Instance *> removed;
        if (o->isLoaded(attr) && o->isModified(attr)) {
            for (Instance *c : slot.committedItems)
                if (!slot.items.contains(c))
                    removed << c;
        } else if (!o->isLoaded(attr)) {
            removed = slot.pendingRemoves;
        }
        // register_object() takes only what the session holds (an object
        // whose delete an earlier flush sent is no longer in it)
        for (Instance *c : std::as_const(removed)) {
            if (!m_ctx.holds(c) || m_attributes.hasParent(c, o->mapper()->classId(), r))
                continue;
            if (cascade.deleteOrphan) {
                // a pending one too (orphaned outside the session, then
                // added): see deleteRow()
                registerOrphanDelete(c);
            } else {
                if (sync) {
                    m_parentSync[c].append({fkCol, nullptr, o->mapper(), r, true});
                    m_deleteClears[o].append({c, r});
                }
                if (!uow.isDelete(c))
                    uow.registerSave(c);
            }
        }
        if (cascade.deleteCascade)
            return; // delete() cascaded already
        // presort_deletes() and process_deletes() take history.unchanged:
        // not a child the collection gained since it was loaded
        const QList<Instance *> children = m_attributes.currentCollection(o, r);
        const bool changed = o->isModified(attr);
        for (Instance *c : children) {
            if (changed && !slot.committedItems.contains(c))
                continue;
            if (sync && !m_ctx.holds(c)) {
                m_outsideClear[o].append({c, fkCol}); // (cleared all the same)
                continue;
            }
            if (!m_ctx.holds(c) || uow.isDelete(c))
                continue;
            if (sync) {
                m_parentSync[c].append({fkCol, nullptr, o->mapper(), r, true});
                m_deleteClears[o].append({c, r});
            }
            uow.registerSave(c);
        }
    };
    // OneToManyDP.presort_saves() of saved parent @p o along @p r: what
    // its collection gained and lost means for those children.
    auto presortSave = [&](Instance *o, int r) {
        const auto &rels = o->mapper()->relationships();
        const int attr = o->columnCount() + r;
        const auto &slot = o->relation(r);
        m_attributes.loadCommittedOneToOne(o, r); // a one-to-one set while not loaded
        QList<Instance *> added, removed;
        // a collection's history (get_history()): nothing for one not
        // loaded, whose queued appends only its children's many-to-one carry
        const bool history = (o->isLoaded(attr) && o->isModified(attr))
            || (!o->isLoaded(attr) && !o->identity());
        if (o->isLoaded(attr) && o->isModified(attr)) {
            slot.changes(&added, &removed);
        } else if (!o->isLoaded(attr) && !o->identity()) {
            added = slot.pendingAdds;
        } else if (!o->isLoaded(attr)) {
            added = slot.pendingAdds;
            removed = slot.pendingRemoves;
        }
        const QList<int> &fkCol = rels[r].foreignKey.columns;
        const Cascade &cascade = o->mapper()->cascade(r);
        for (Instance *c : removed) {
            if (!m_ctx.holds(c)) { // register_object() takes only what the session holds
                // (process_saves() sees no history on a collection not loaded)
                if (history && !cascade.deleteOrphan && !m_attributes.hasParent(c, o->mapper()->classId(), r))
                    m_outsideSync[o].append({c, fkCol, true});
                continue;
            }
            if (cascade.deleteOrphan) {
                // a pending orphan too (re-added after it was orphaned
                // outside the session): SQLAlchemy 1.4 registers it for
                // delete all the same, see deleteRow(). hasparent() is
                // not optimistic: a child whose flag an expiry cleared
                // (a one-to-one's old value loaded by this flush) goes.
                if (!m_attributes.hasParent(c, o->mapper()->classId(), r)) {
                    registerOrphanDelete(c);
                }
            } else {
                // process_saves() clears the key only of a child that
                // has no parent now (one moved elsewhere keeps the new one)
                if (!m_attributes.hasParent(c, o->mapper()->classId(), r))
                    m_parentSync[c].append({fkCol, nullptr, o->mapper(), r, false});
                if (!uow.isDelete(c))
                    uow.registerSave(c);
            }
        }
        for (Instance *c : added) {
            if (!m_ctx.holds(c)) {
                // presort_saves() and process_saves() see no history on a
                // collection not loaded: no warning, no key for the child
                if (!history)
                    continue;
                if (c->state() != ObjectState::Deleted)
                    m_events.warn(EngineText::tr("%1 is not in the session; the add along %2.%3 does not proceed")
                             .arg(c->label(), o->mapper()->className(), rels[r].name));
                m_outsideSync[o].append({c, fkCol, false});
                continue;
            }
            m_parentSync[c].append({fkCol, o, o->mapper(), r, false});
            // register_object(cancel_delete=True): a child the flush was
            // to delete is saved instead (its delete waits for the next).
            // Along a relationship of its own class the processor has
            // presorted its delete first (Preprocess.execute(): deletes,
            // then saves), loading its collection.
            if (history && uow.isDelete(c)) {
                if (c->mapper() == o->mapper())
                    presortDelete(c, r, false);
                uow.cancelDelete(c);
            }
            uow.registerSave(c);
        }
    };
    // Preprocess.execute(): one dependency processor (a one-to-many of a
    // class) at a time over all that class's objects to save, the classes in
    // the order they entered the flush, and again for objects registered
    // meanwhile. When two processors register one object the last decides
    // (an orphan's delete, another collection's cancel_delete).
    QSet<QPair<const Instance *, int>> presorted;
    for (bool more = true; more;) {
        more = false;
        QList<const Mapper *> classes;
        for (const Instance *o : uow.saves())
            if (!classes.contains(o->mapper()))
                classes << o->mapper();
        for (const Mapper *m : std::as_const(classes)) {
            const auto &rels = m->relationships();
            for (int r = 0; r < rels.size(); ++r) {
                if (rels[r].kind != RelationshipKind::OneToMany)
                    continue;
                for (qsizetype i = 0; i < uow.saves().size(); ++i) {
                    Instance *o = uow.saves()[i];
                    if (o->mapper() != m || presorted.contains({o, r}))
                        continue;
                    presorted.insert({o, r});
                    more = true;
                    presortSave(o, r);
                }
            }
        }
    }
    // DependencyProcessor.prop_has_changes() for the objects to delete, run
    // after the saves' processors (whose register_object(cancel_delete=True)
    // makes some of them saves): a many-to-one's history is read through its
    // foreign key, so an expired one loads the object (a row that is gone
    // fails the flush here, before any hook); the first object whose
    // many-to-one holds something ends the walk for that relationship.
    {
        QHash<QPair<const Mapper *, int>, bool> settled;
        for (Instance *o : uow.deletes()) {
            const auto &rels = o->mapper()->relationships();
            for (int r = 0; r < rels.size(); ++r) {
                if (rels[r].kind != RelationshipKind::ManyToOne || settled.value({o->mapper(), r}))
                    continue;
                const QList<int> &fkCol = rels[r].foreignKey.columns;
                const int attr = o->columnCount() + r;
                if (!o->isLoaded(attr) && o->identity() && o->isExpiredUnloaded(fkCol))
                    m_loading.loadExpired(o, false);
                // PASSIVE_NO_FETCH_RELATED against the committed key (the unit
                // of work reads history LOAD_AGAINST_COMMITTED): the reference
                // is taken from the identity map (an expired one as it is) or
                // is None; no SELECT
                if (!o->isLoaded(attr) && o->identity() && o->isAttached() && o->isLoaded(fkCol)) {
                    const QVariant fk = o->isModified(fkCol) ? o->committedForeignKey(fkCol) : o->foreignKey(fkCol);
                    Instance *t = fk.isNull() ? nullptr : m_identity.lookup(m_attributes.targetOf(rels[r]), fk);
                    if (fk.isNull() || t) {
                        auto &slot = o->relation(r);
                        slot.ref = t;
                        slot.committedRef = t;
                        o->markLoaded(attr);
                    }
                }
                if ((o->isLoaded(attr) && o->relation(r).ref)
                    || (o->isLoaded(fkCol) && !o->foreignKey(fkCol).isNull()))
                    settled.insert({o->mapper(), r}, true);
            }
        }
    }
    for (qsizetype i = 0; i < uow.deletes().size(); ++i) {
        Instance *o = uow.deletes()[i];
        const auto &rels = o->mapper()->relationships();
        for (int r = 0; r < rels.size(); ++r) {
            if (rels[r].kind == RelationshipKind::OneToMany)
                presortDelete(o, r, true);
            // ManyToManyDP.presort_deletes(): the collection's history,
            // PASSIVE_OFF (its rows are the links to delete)
            else if (rels[r].isManyToMany() && !o->isLoaded(o->columnCount() + r) && o->identity()
                     && o->isAttached())
                (void)m_attributes.currentCollection(o, r);
        }
    }
}

QString Flush::processorOrder(const Mapper *m, int rel, bool deletes)
{
    return QLatin1Char(deletes ? '0' : '1') + m->className() + QLatin1Char('_') + m->relationships()[rel].name;
}

void Flush::syncForeignKeys(Instance *o)
{
    // Copy primary keys into foreign keys: from the parents whose
    // collections it joined or left, and from the object's many-to-one
    // references, in the order of the processors that do it in SQLAlchemy
    // (a one-to-one's populate and the many-to-one's clear of one column:
    // the last one wins). sync.populate() reads the parent's key as an
    // attribute: an expired one is loaded (and a parent whose row is gone
    // fails the flush).
    const auto parents = m_parentSync.value(o); // const: no detach of an empty list
    const auto &rels = o->mapper()->relationships();
    struct Op
    {
        const ParentSync *sync; ///< a parent's; nullptr: the many-to-one @c rel
        int rel;
    };
    QVarLengthArray<Op, 8> ops;
    for (const ParentSync &sync : parents)
        ops.append({&sync, -1});
    for (int r = 0; r < rels.size(); ++r) {
        if (rels[r].kind != RelationshipKind::ManyToOne)
            continue;
        const int attr = o->columnCount() + r;
        if (!o->isLoaded(attr) || !o->isModified(attr))
            continue;
        // ManyToOneDP.process_saves() syncs history.added: nothing when the
        // object set is the one it held (set again, or set back); an object
        // without a row held NO_VALUE, so anything set on it is added
        if (o->identity() && !o->isCommittedUnknown(attr) && o->relation(r).ref == o->relation(r).committedRef)
            continue;
        ops.append({nullptr, r});
    }
    if (ops.size() > 1) {
        const auto order = [&](const Op &op) {
            return op.sync ? processorOrder(op.sync->mapper, op.sync->rel, op.sync->deletes)
                           : processorOrder(o->mapper(), op.rel, false);
        };
        std::stable_sort(ops.begin(), ops.end(), [&](const Op &a, const Op &b) { return order(a) < order(b); });
    }
    for (const Op &op : ops) {
        if (op.sync) {
            if (op.sync->parent)
                assignForeignKey(o, op.sync->fk, syncKey(op.sync->parent));
            else
                clearForeignKey(o, op.sync->fk);
            continue;
        }
        Instance *ref = o->relation(op.rel).ref;
        // ManyToOneDP._synchronize(): a parent the session does not hold
        // gives no key ("operation won't proceed")
        if (ref && !m_ctx.holds(ref)) {
            m_events.warn(EngineText::tr("%1 is not in the session; the add along %2.%3 does not proceed")
                              .arg(ref->label(), o->mapper()->className(), rels[op.rel].name));
            continue;
        }
        if (ref)
            assignForeignKey(o, rels[op.rel].foreignKey.columns, syncKey(ref));
        else
            clearForeignKey(o, rels[op.rel].foreignKey.columns);
    }
}

QVariant Flush::keyColumnNow(Instance *child, int col)
{
    // (read as an attribute: an expired one is loaded)
    const bool loadable = child->isAttached() && child->identity() && child->isExpired(col) && !child->isLoaded(col);
    return loadable ? m_attributes.currentColumn(child, col) : child->isLoaded(col) ? child->value(col) : QVariant();
}

void Flush::clearForeignKey(Instance *child, const QList<int> &fk)
{
    for (int fkCol : fk) {
        if (child->mapper()->isKeyColumn(fkCol)) {
            if (!keyColumnNow(child, fkCol).isNull())
                engineFail(QStringLiteral("AssertionError"),
                           EngineText::tr("Dependency rule tried to blank-out primary key column '%1.%2' on instance %3")
                               .arg(child->mapper()->tableName(), child->mapper()->columns()[fkCol].name,
                                    child->label()));
        }
        m_attributes.setColumn(child, fkCol, QVariant());
    }
}

void Flush::assignForeignKey(Instance *child, const QList<int> &fk, const QVariant &key)
{
    if (fk.size() == 1) {
        m_attributes.setColumn(child, fk.first(), key);
        return;
    }
    const QVariantList values = keyValues(key); // (a null key: every column NULL)
    for (qsizetype i = 0; i < fk.size(); ++i)
        m_attributes.setColumn(child, fk[i], values.value(i));
}

void Flush::clearOutside(const QList<Instance *> &parents)
{
    if (m_outsideClear.isEmpty())
        return;
    for (Instance *parent : parents) {
        if (m_outsideCleared.contains(parent))
            continue;
        m_outsideCleared.insert(parent);
        for (const auto &[child, fkCol] : m_outsideClear.value(parent))
            clearForeignKey(child, fkCol);
    }
}

void Flush::processDeletes(const UnitOfWork &uow, const Mapper *m, int rel)
{
    if (m_deleteClears.isEmpty() && m_outsideClear.isEmpty())
        return;
    const QList<int> &fk = m->relationships()[rel].foreignKey.columns;
    for (Instance *parent : uow.deletes()) {
        if (parent->mapper() != m)
            continue;
        for (const auto &[child, r] : m_deleteClears.value(parent)) {
            if (r != rel || uow.isDelete(child))
                continue;
            for (int c : fk) {
                if (!child->mapper()->isKeyColumn(c))
                    continue;
                if (!keyColumnNow(child, c).isNull())
                    clearForeignKey(child, {c}); // (fails, as the clear at the child's save would)
            }
        }
        clearOutside({parent});
    }
}

QVariant Flush::syncKey(Instance *parent)
{
    if (parent->identity() && parent->isKeyExpired())
        m_loading.loadExpired(parent, false);
    return parent->keyValue();
}

void Flush::processLinks(const UnitOfWork &uow, const Mapper *m, int r, bool deletes)
{
    const ResolvedRelationship &rel = m->relationships()[r];
    using Link = QPair<const Instance *, const Instance *>;
    // the pairs the inverse already wrote (only with a backref: no
    // _reverse_property, no shared set)
    QSet<Link> *processed = rel.backref.isEmpty() ? nullptr : &m_linked[rel.secondary.toLower()];
    QSet<Link> written;
    QList<QVariantList> inserts, removes;
    // _synchronize(): a child the session does not hold gives no row
    auto row = [&](Instance *o, Instance *child, bool adding) -> std::optional<QVariantList> {
        if (!m_ctx.holds(child)) {
            if (child->state() != ObjectState::Deleted)
                m_events.warn(adding ? EngineText::tr("%1 is not in the session; the add along %2.%3 does not proceed")
                                           .arg(child->label(), m->className(), rel.name)
                                     : EngineText::tr("%1 is not in the session; the delete along %2.%3 does not proceed")
                                           .arg(child->label(), m->className(), rel.name));
            return std::nullopt;
        }
        const QVariant mine = syncKey(o), theirs = syncKey(child);
        return rel.localFirst ? QVariantList{mine, theirs} : QVariantList{theirs, mine};
    };
    const QList<Instance *> &states = deletes ? uow.deletes() : uow.saves();
    for (Instance *o : states) {
        const int attr = o->columnCount() + r;
        if (o->mapper() != m || !o->isLoaded(attr))
            continue; // a collection not loaded has no history (HISTORY_BLANK)
        const auto &slot = o->relation(r);
        const bool changed = o->isModified(attr);
        QList<Instance *> added, removed;
        if (deletes) {
            // history.non_added(): what the row held (unchanged, then deleted)
            if (!changed) {
                removed = slot.items;
            } else {
                for (Instance *c : slot.items)
                    if (slot.committedItems.contains(c))
                        removed << c;
                for (Instance *c : slot.committedItems)
                    if (!slot.items.contains(c))
                        removed << c;
            }
        } else if (changed) {
            slot.changes(&added, &removed);
        }
        for (Instance *c : std::as_const(added)) {
            if (processed && processed->contains(Link(o, c)))
                continue;
            if (auto values = row(o, c, true))
                inserts << *values;
        }
        for (Instance *c : std::as_const(removed)) {
            if (processed && processed->contains(Link(o, c)))
                continue;
            if (auto values = row(o, c, false))
                removes << *values;
        }
        for (Instance *c : std::as_const(added))
            written.insert(Link(c, o));
        for (Instance *c : std::as_const(removed))
            written.insert(Link(c, o));
    }
    if (processed)
        processed->unite(written);
    m_persistence.linkRows(m, r, removes, inserts);
}

void Flush::syncAfterSave(const QList<Instance *> &saved)
{
    // sync.populate() reads the parent's key as an attribute: an expired
    // one is loaded here, after the parent's save (sync.clear() reads none)
    if (m_outsideSync.isEmpty())
        return;
    for (Instance *parent : saved) {
        for (const OutsideSync &sync : m_outsideSync.value(parent))
            if (sync.clear)
                clearForeignKey(sync.child, sync.fk);
            else
                assignForeignKey(sync.child, sync.fk, syncKey(parent));
    }
}

void Flush::finalize(UnitOfWork &uow)
{
    if (!uow.deletes().isEmpty())
        m_ctx.removeNewlyDeleted(uow.deletes());
    // a deleted object's state is not committed (finalize_flush_changes()):
    // a one-to-one whose old value this flush loaded still has
    // PASSIVE_NO_RESULT as its committed value, and a later flush that
    // takes the object again loads it again
    for (Instance *o : uow.deletes()) {
        for (int r = 0; r < o->mapper()->relationships().size(); ++r) {
            auto &slot = o->relation(r);
            if (!slot.deferredHistory)
                continue;
            slot.committedItems.clear();
            slot.deferredHistory = false;
            o->setCommittedUnknown(o->columnCount() + r, true);
        }
    }
    QList<Instance *> becamePersistent;
    for (Instance *o : uow.saves()) {
        // _register_persistent() reads the identity key: an expired primary
        // key is loaded, and a row that is gone fails the flush here.
        if (o->identity() && o->isKeyExpired())
            m_loading.loadExpired(o, false);
        const bool wasNew = m_new.contains(o);
        bool keyLoaded = true;
        for (int c : o->mapper()->keyColumns())
            keyLoaded = keyLoaded && o->isLoaded(c);
        const QVariant key = o->currentKey(); // (null when a column of it is)
        if (!o->identity()) {
            o->setKey(o->mapper()->isCompositeKey() ? key : o->value(o->mapper()->primaryKeyIndex()));
        } else if (keyLoaded && key.isNull()) {
            engineFail(QStringLiteral("FlushError"),
                 EngineText::tr("%1 has a NULL identity key").arg(o->label()));
        } else if (keyLoaded && identityKey(key) != identityKey(*o->identity())) {
            // the primary key was changed: the identity map is re-keyed
            // (safe_discard, then replace), and a rollback gives it back
            if (SessionTransaction *tx = m_ctx.transaction())
                tx->noteKeySwitch(o, *o->identity());
            m_identity.remove(o);
            o->setKey(key);
        }
        // identity_map.replace(): another object under the key (one whose
        // row a rollback took, and SQLite gave its key again) has its key
        // read, loaded when expired, and when it is the same key SQLAlchemy
        // warns that the new object replaces it
        if (Instance *old = m_identity.lookup(o->mapper(), *o->identity()); old && old != o) {
            if (old->isAttached() && old->identity() && old->isKeyExpired())
                m_loading.loadExpired(old, false);
            const QVariant oldKey = old->currentKey();
            if (!oldKey.isNull() && identityKey(oldKey) == identityKey(*o->identity()))
                m_events.warn(EngineText::tr("Identity map already had an identity for %1#%2, replacing it with "
                                             "newly flushed object. Are there load operations occurring inside "
                                             "of an event handler within the flush?")
                                  .arg(o->mapper()->className(), keyString(oldKey)));
        }
        o->clearPendingCollections();
        m_ctx.commitState(o);
        m_identity.add(o);
        o->setOrphanedOutside(false);
        m_ctx.progress();
        if (wasNew) {
            becamePersistent << o;
            if (SessionTransaction *tx = m_ctx.transaction())
                tx->noteInserted(o);
        } else if (SessionTransaction *tx = m_ctx.transaction()) {
            tx->noteUpdated(o); // (_register_altered(): transaction._dirty)
        }
    }
    for (Instance *o : becamePersistent) {
        m_events.fire(EventType::PendingToPersistent, o);
        m_ctx.progress();
    }
    for (Instance *o : becamePersistent)
        m_new.remove(o);
}

void Flush::run()
{
    m_events.flushHook(EventType::BeforeFlush);

    UnitOfWork uow(m_registry);
    m_persistence.setUnitOfWork(&uow);
    QList<Instance *> proc = m_new.list();
    for (Instance *o : m_ctx.dirtyObjects()) {
        if (!m_new.contains(o))
            proc.append(o);
    }
    for (Instance *o : proc) {
        if (o->isMarkedDeleted())
            continue;
        const bool orphan = m_attributes.isOrphan(o);
        const bool persistentOrphan = orphan && o->identity();
        if (orphan && !persistentOrphan && o->isOrphanedOutside())
            m_ctx.expungeStates({o}, false);
        else if (persistentOrphan)
            uow.registerDelete(o);
        else
            uow.registerSave(o);
    }
    for (Instance *o : m_deleted.list()) {
        // UOWTransaction.register_object() refuses an object the session
        // does not hold: one marked for deletion whose delete an autoflush
        // inside delete() (its cascade's lazy load) already flushed.
        // SQLAlchemy 1.4 stops the flush there, before it begins.
        if (!m_ctx.holds(o))
            engineFail(QStringLiteral("AssertionError"),
                 EngineText::tr("the flush cannot take %1: it is marked for deletion, but its delete was "
                        "already flushed").arg(o->label()));
        if (!uow.isRegistered(o))
            uow.registerDelete(o);
    }
    if (!uow.hasWork())
        return;

    m_ctx.beginFlushTransaction();
    m_events.fireTransaction(EventType::AfterTransactionCreate, true);

    try {
        presort(uow);
        for (Instance *o : uow.saves())
            if (!o->identity())
                m_pending.append(o);
        const QList<UnitOfWork::SaveBatch> saves = uow.saveBatches();
        const QList<UnitOfWork::DeleteBatch> deletes = uow.deleteBatches();
        for (const UnitOfWork::Action &action : uow.actions()) {
            if (action.rel >= 0) {
                processLinks(uow, action.mapper, action.rel, action.isDelete);
            } else if (action.clears >= 0) {
                processDeletes(uow, action.mapper, action.clears);
            } else if (!action.isDelete) {
                for (const UnitOfWork::SaveBatch &batch : saves)
                    if (batch.mapper == action.mapper)
                        m_persistence.save(batch);
            } else {
                for (const UnitOfWork::DeleteBatch &batch : deletes)
                    if (batch.mapper == action.mapper) {
                        clearOutside(batch.deletes);
                        m_persistence.remove(batch);
                    }
            }
        }
        m_events.flushHook(EventType::AfterFlush);
        finalize(uow);
        if (m_identity.anyModified()) {
            const QList<Instance *> changed = m_identity.modified();
            for (Instance *o : changed)
                m_ctx.commitState(o);
            m_events.warn(EngineText::tr("attribute changes made inside flush hooks on %1 objects were reset and "
                        "will not reach the database")
                     .arg(changed.size()));
        }
        m_events.fire(EventType::AfterFlushPostexec);
        m_events.fireTransaction(EventType::AfterTransactionEnd, true);
    } catch (...) {
        // Roll back as SQLAlchemy does: what the flush wrote on the objects
        // (attributes it loaded, generated keys, synced foreign keys)
        // stays; the rollback expires what is persistent and makes the
        // pending objects transient with what they hold.
        for (Instance *o : std::as_const(m_pending)) {
            if (o->identity()) {
                // finalizing had begun: the object is pending again
                m_identity.remove(o);
                if (SessionTransaction *tx = m_ctx.transaction())
                    tx->forgetInserted(o);
                m_new.append(o);
                o->clearKey();
            }
        }
        m_ctx.rollbackFailedFlush();
        throw;
    }
}

} // namespace ms
