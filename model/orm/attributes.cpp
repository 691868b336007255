#include "attributes.h"

#include "core/objectref.h"
#include "events/eventtype.h"
#include "failure.h"
#include "identitymap.h"
#include "instance.h"
#include "loading.h"
#include "registry.h"
#include "schema/columnvalue.h"
#include "sessionevents.h"

namespace ms {

namespace {
using namespace sa; // SQLAlchemy's exception names, used as Error::kind

/// Which attribute's operation started a chain of attribute events: the
/// tokens SQLAlchemy's backref handlers test to stop a loop.
struct Initiator
{
    quint32 classId = 0;
    int attr = -1;
    enum Op : quint8 { Append, Remove, BulkReplace } op = Append;
    bool operator==(const Initiator &) const = default;
};
} // namespace

Attributes::Attributes(const Registry &registry, SessionEvents &events, Loading &loading,
                       IdentityMap &identity, AttributesContext &context)
    : m_registry(registry), m_events(events), m_loading(loading), m_identity(identity), m_ctx(context)
{
    for (const auto &m : registry.mappers()) {
        for (int r = 0; r < m->relationships().size(); ++r) {
            const ResolvedRelationship &rel = m->relationships()[r];
            if (rel.kind == RelationshipKind::OneToMany)
                m_parentRules[quint32(rel.targetIndex + 1)].append(
                    {m->classId(), r, m->cascade(r).deleteOrphan});
        }
    }
}

void Attributes::markModified(Instance *o, int attr)
{
    o->noteModified(attr);
    m_ctx.contextOf(o).noteChanged(o);
}

void Attributes::initCollection(Instance *o, int rel)
{
    const int attr = o->columnCount() + rel;
    auto &r = o->relation(rel);
    r.items.clear();
    o->markLoaded(attr);
    // The empty collection a read made is the one kept (no second event).
    if (!o->isEmptyMade(attr))
        m_events.fire(EventType::InitCollection, o, attr);
    o->setEmptyMade(attr, false);
}

bool Attributes::collectionPresent(Instance *o, int rel)
{
    const int attr = o->columnCount() + rel;
    if (o->isLoaded(attr))
        return true;
    if (!o->identity()) {
        // a one-to-one never set on an object with no row: NO_VALUE, and
        // nothing is made for it
        if (!o->mapper()->relationships()[rel].uselist)
            return true;
        initCollection(o, rel);
        return true;
    }
    // lazy="noload" has no loader: even without SQL (PASSIVE_NO_FETCH, a
    // backref's append) the collection is made, empty, at once
    if (o->mapper()->relationships()[rel].uselist && m_loading.strategyFor(o, rel) == LoadStrategy::Noload) {
        startNoload(o, rel);
        return true;
    }
    return false;
}

void Attributes::startNoload(Instance *o, int rel)
{
    // lazy="noload": no loader; what was changed while unloaded is all it holds
    const int attr = o->columnCount() + rel;
    auto &slot = o->relation(rel);
    slot.items = slot.pendingAdds;
    slot.committedItems.clear();
    const bool changed = !slot.pendingAdds.isEmpty() || !slot.pendingRemoves.isEmpty();
    slot.pendingAdds.clear();
    slot.pendingRemoves.clear();
    o->markLoaded(attr);
    o->setModifiedFlag(attr, changed);
    if (o->mapper()->relationships()[rel].uselist)
        m_events.fire(EventType::InitCollection, o, attr);
}

const Mapper *Attributes::targetOf(const ResolvedRelationship &rel) const
{
    return m_registry.mappers()[size_t(rel.targetIndex)].get();
}

int Attributes::backrefRelation(const Mapper *mapper, int rel) const
{
    const ResolvedRelationship &r = mapper->relationships()[rel];
    if (r.backref.isEmpty())
        return -1;
    const Mapper *target = targetOf(r);
    const auto &rels = target->relationships();
    for (int i = 0; i < rels.size(); ++i) {
        if (rels[i].name == r.backref)
            return i;
    }
    return -1;
}

void Attributes::setHasParent(Instance *child, const Instance *parent, int rel, bool has)
{
    // AttributeImpl.sethasparent(): the flag remembers the parent; removing
    // the child from another parent (a backref moving it) leaves it set.
    const auto rules = m_parentRules.value(child->mapper()->classId());
    for (int i = 0; i < rules.size(); ++i) {
        if (rules[i].parentClass != parent->mapper()->classId() || rules[i].rel != rel)
            continue;
        qint8 &flag = child->parentFlag(i).has;
        const Instance *&last = child->parentFlag(i).last;
        if (has) {
            flag = 1;
            last = parent;
            continue;
        }
        if (flag == 1 && last && last->identity() != parent->identity())
            continue;
        flag = 0;
    }
}

bool Attributes::isOrphan(const Instance *o) const
{
    // Mapper._is_orphan(): an orphan when any delete-orphan parent is
    // missing (optimistic for objects with an identity).
    const auto rules = m_parentRules.value(o->mapper()->classId());
    for (int i = 0; i < rules.size(); ++i) {
        const Instance::Parent &p = o->parentFlag(i);
        const bool has = p.has == 1 || (p.has == -1 && o->identity().has_value());
        if (rules[i].orphan && !has)
            return true;
    }
    return false;
}

bool Attributes::hasParent(const Instance *child, quint32 parentClass, int rel) const
{
    // Not optimistic: never added (or loaded) there is no parent.
    const auto rules = m_parentRules.value(child->mapper()->classId());
    for (int i = 0; i < rules.size(); ++i) {
        if (rules[i].parentClass == parentClass && rules[i].rel == rel)
            return child->parentFlag(i).has == 1;
    }
    return false;
}

void Attributes::refuseRaiseLoad(Instance *o, int r)
{
    // LazyLoader with lazy="raise" (or raiseload()): a read that would load
    // fails, loaded from the database or found in the identity map alike;
    // the flush's own reads do not raise
    const int a = o->columnCount() + r;
    if (!o->identity() || o->isLoaded(a) || m_loading.strategyFor(o, r) != LoadStrategy::Raise)
        return;
    engineFail(kInvalid, EngineText::tr("'%1.%2' is not available due to lazy='raise'")
                             .arg(o->mapper()->className(), o->mapper()->attributeNames()[a]));
}

QVariant Attributes::read(Instance *o, int a)
{
    if (o->isColumn(a))
        return currentColumn(o, a);
    const int r = o->relationshipIndex(a);
    refuseRaiseLoad(o, r);
    const ResolvedRelationship &rel = o->mapper()->relationships()[r];
    // (lazy="noload" has no loader to fail: None)
    if (!rel.isCollection() && o->identity() && !o->isLoaded(a) && !o->isAttached()
        && m_loading.strategyFor(o, r) != LoadStrategy::Noload)
        engineFail(QStringLiteral("DetachedInstanceError"),
                   EngineText::tr("%1 is not bound to a session; %2 cannot be loaded")
                       .arg(o->label(), o->mapper()->attributeNames()[a]));
    if (!rel.uselist) {
        // a one-to-one: the object or None; init_scalar on an object with
        // no row, a lazy load (the collection's SELECT) on one with a row
        if (!o->identity() && !o->isLoaded(a)) {
            m_events.fire(EventType::InitScalar, o, a);
            return QVariant();
        }
        const QList<Instance *> &held = currentCollection(o, r);
        return held.isEmpty() ? QVariant() : QVariant::fromValue(ObjectRef{held.first()->id()});
    }
    if (rel.kind == RelationshipKind::ManyToOne) {
        Instance *ref = currentReference(o, r, true);
        if (!o->identity() && !o->isLoaded(a))
            m_events.fire(EventType::InitScalar, o, a);
        return ref ? QVariant::fromValue(ObjectRef{ref->id()}) : QVariant();
    }
    QVariantList out;
    if (!o->identity() && !o->isLoaded(a)) {
        // A read of a collection never written on an object with no row:
        // an empty collection, not kept (SQLAlchemy 1.4's
        // _empty_collections), so that once the object is flushed a read
        // loads it from the database.
        if (!o->isEmptyMade(a)) {
            o->setEmptyMade(a, true);
            m_events.fire(EventType::InitCollection, o, a);
        }
        return QVariant(out);
    }
    for (Instance *i : currentCollection(o, r))
        out << QVariant::fromValue(ObjectRef{i->id()});
    return QVariant(out);
}

int Attributes::collectionIndex(Instance *o, int a)
{
    if (!o->isColumn(a) && o->mapper()->relationships()[o->relationshipIndex(a)].isCollection())
        return o->relationshipIndex(a);
    // getattr(obj, attr).append(): the attribute is read, then the call fails
    if (o->isColumn(a) || o->mapper()->relationships()[o->relationshipIndex(a)].kind == RelationshipKind::OneToMany)
        read(o, a);
    else
        currentReference(o, o->relationshipIndex(a), true);
    engineFail(QStringLiteral("AttributeError"),
               EngineText::tr("%1.%2 is not a collection")
                   .arg(o->mapper()->className(), o->mapper()->attributeNames()[a]));
}

void Attributes::append(Instance *o, int a, Instance *item)
{
    if (!o->isColumn(a))
        refuseRaiseLoad(o, o->relationshipIndex(a));
    const int r = collectionIndex(o, a);
    const auto &rel = o->mapper()->relationships()[r];
    if (item->mapper() != targetOf(rel))
        engineFail(kInvalid, EngineText::tr("%1 holds %2 objects, not %3")
                                 .arg(o->mapper()->attributeNames()[a], targetOf(rel)->className(),
                                      item->mapper()->className()));
    currentCollection(o, r);
    collectionAppend(o, r, item, nullptr);
}

void Attributes::remove(Instance *o, int a, Instance *item)
{
    if (!o->isColumn(a))
        refuseRaiseLoad(o, o->relationshipIndex(a));
    const int r = collectionIndex(o, a);
    const bool present = currentCollection(o, r).contains(item);
    // SQLAlchemy's instrumented list fires the event before list.remove() fails
    collectionRemove(o, r, item, nullptr);
    if (!present)
        engineFail(QStringLiteral("ValueError"),
                   EngineText::tr("%1 is not in %2.%3")
                       .arg(item->label(), o->label(), o->mapper()->attributeNames()[a]));
}

QVariant Attributes::currentKey(Instance *o)
{
    const Mapper *m = o->mapper();
    if (!m->isCompositeKey())
        return currentColumn(o, m->primaryKeyIndex());
    QVariantList key;
    for (int c : m->keyColumns())
        key << currentColumn(o, c);
    return key;
}

QVariant Attributes::currentColumn(Instance *o, int attr)
{
    if (o->isLoaded(attr))
        return o->value(attr);
    if (o->isExpired(attr)) {
        // load_scalar_attributes() needs a session; an object with no
        // identity (expired while persistent, then made transient by a
        // rollback) also a full primary key, and the autoflush may give it
        // its row first
        if (!o->isAttached())
            engineFail(QStringLiteral("DetachedInstanceError"),
                 EngineText::tr("%1 is not bound to a session; its expired attribute %2 cannot be loaded")
                     .arg(o->label(), o->mapper()->attributeNames()[attr]));
        const bool identified = o->identity().has_value();
        m_loading.loadExpired(o, true);
        if (o->isLoaded(attr))
            return o->value(attr);
        if (!identified)
            engineFail(QStringLiteral("KeyError"),
                 EngineText::tr("the expired attribute %1 of %2 could not be loaded: it has no row yet")
                     .arg(o->mapper()->attributeNames()[attr], o->label()));
    }
    m_events.fire(EventType::InitScalar, o, attr);
    return QVariant();
}

Instance *Attributes::currentReference(Instance *o, int rel, bool fetch, bool *known)
{
    const int attr = o->columnCount() + rel;
    if (known)
        *known = true;
    if (o->isLoaded(attr))
        return o->relation(rel).ref;
    if (!o->identity())
        return nullptr;
    if (m_loading.strategyFor(o, rel) == LoadStrategy::Noload) {
        // lazy="noload": None, and no SQL
        if (fetch)
            o->markLoaded(attr);
        return nullptr;
    }
    if (!fetch && !o->isAttached()) {
        // the lazy loader of a detached object, told not to raise:
        // PASSIVE_NO_RESULT, whatever its foreign key holds
        if (known)
            *known = false;
        return nullptr;
    }
    const ResolvedRelationship &r = o->mapper()->relationships()[rel];
    const QList<int> &fkCol = r.foreignKey.columns;
    QVariant fk;
    if (!fetch && o->isModified(fkCol)) {
        // The old value of a set (LOAD_AGAINST_COMMITTED): the key as it was
        // loaded, none when it was set without being loaded.
        fk = o->committedForeignKey(fkCol);
    } else if (o->isLoaded(fkCol)) {
        fk = o->foreignKey(fkCol);
    } else if (fetch) {
        for (int c : fkCol)
            (void)currentColumn(o, c); // (one refresh loads them all)
        fk = o->foreignKey(fkCol);
        if (o->isLoaded(attr))
            return o->relation(rel).ref; // the refresh that read the key loaded it
    } else if (!o->isExpiredUnloaded(fkCol)) {
        return nullptr; // never loaded (not given to the INSERT): NO_VALUE, no SELECT
    } else {
        if (known)
            *known = false;
        return nullptr;
    }
    // the lazy loader finds no key: None, which a fetch stores as the loaded
    // value (set_committed_value), so the unit of work sees a history
    // ("unchanged [None]")
    Instance *t = nullptr;
    if (!fk.isNull()) {
        const Mapper *target = targetOf(r);
        t = m_identity.lookup(target, fk);
        // get_from_identity() without SQL: an object expired as a whole is no
        // known value (PASSIVE_NO_RESULT), as one not in the identity map.
        if (!fetch && t && t->isWholeExpired())
            t = nullptr;
        if (!t && !fetch) {
            if (known)
                *known = false;
            return nullptr;
        }
        // get_from_identity(): an expired object is loaded; when its row is
        // gone it becomes deleted, and the lazy load goes to the database
        if (t && t->isWholeExpired() && !m_loading.loadExpiredUnlessGone(t, true)) {
            m_ctx.removeNewlyDeleted({t});
            t = nullptr;
        }
        if (!t) {
            if (!o->isAttached())
                engineFail(QStringLiteral("DetachedInstanceError"),
                     EngineText::tr("%1 is not bound to a session; %2 cannot be loaded")
                         .arg(o->label(), r.name));
            const Connection::Cause cause(m_loading.connection(), {StatementCause::Kind::LazyLoad, o->id(),
                                                   quint16(o->mapper()->classId()), quint16(attr + 1)});
            m_ctx.autoflush();
            // (a null in a composite key: `IS NULL`, as adapt_criterion_to_null() makes it)
            const QList<Instance *> rows = m_loading.select(target, Loading::keyFilters(target, target->keyColumns(), fk),
                                                     QString(), StatementSource::Load, false, m_loading.pathOf(o));
            t = rows.isEmpty() ? nullptr : rows.first();
        }
    }
    if (fetch) {
        auto &slot = o->relation(rel);
        slot.ref = t;
        slot.committedRef = t;
        o->markLoaded(attr);
    }
    return t;
}

QList<Instance *> &Attributes::currentCollection(Instance *o, int rel)
{
    const int attr = o->columnCount() + rel;
    auto &slot = o->relation(rel);
    if (collectionPresent(o, rel))
        return slot.items;
    if (m_loading.strategyFor(o, rel) == LoadStrategy::Noload) {
        startNoload(o, rel);
        return slot.items;
    }
    if (!o->isAttached())
        engineFail(QStringLiteral("DetachedInstanceError"),
             EngineText::tr("%1 is not bound to a session; %2 cannot be loaded")
                 .arg(o->label(), o->mapper()->attributeNames()[attr]));
    const ResolvedRelationship &r = o->mapper()->relationships()[rel];
    const QVariant pk = currentKey(o);
    if (o->isLoaded(attr))
        return slot.items; // the refresh that read the key loaded it (lazy="joined", "selectin")
    QList<Instance *> rows = selectChildren(o, rel, pk, true);
    if (!r.uselist) {
        // a one-to-one takes the first row (SQLAlchemy warns of more), and
        // a scalar's set_committed_value() fires no init_collection
        rows = rows.mid(0, 1);
        slot.items = rows;
        slot.committedItems = rows;
        o->markLoaded(attr);
        o->setModifiedFlag(attr, false);
        return slot.items;
    }
    QList<Instance *> items = rows;
    // Changes made while the collection was not loaded apply on top, as
    // set_committed_value() applies a PendingCollection: the added items
    // appended, then the removed ones removed, with list.remove(), which
    // fails for an item the loaded list does not hold.
    for (Instance *added : slot.pendingAdds) {
        if (!items.contains(added))
            items.append(added);
    }
    Instance *missing = nullptr;
    for (Instance *gone : slot.pendingRemoves) {
        if (!items.removeOne(gone) && !missing)
            missing = gone;
    }
    const bool changed = !slot.pendingAdds.isEmpty() || !slot.pendingRemoves.isEmpty();
    slot.pendingAdds.clear();
    slot.pendingRemoves.clear();
    slot.items = items;
    slot.committedItems = rows;
    o->markLoaded(attr);
    o->setModifiedFlag(attr, changed);
    m_events.fire(EventType::InitCollection, o, attr);
    if (missing)
        engineFail(QStringLiteral("ValueError"),
             EngineText::tr("%1 was removed from %2.%3 while the collection was not loaded, and the loaded "
                    "collection does not hold it (list.remove(x): x not in list)")
                 .arg(missing->label(), o->label(), o->mapper()->attributeNames()[attr]));
    return slot.items;
}

void Attributes::setColumn(Instance *o, int attr, QVariant value)
{
    // A primary key and the version counter keep their history actively:
    // setting an expired one loads the expired attributes first.
    if ((o->mapper()->isKeyColumn(attr) || attr == o->mapper()->versionColumn()) && o->identity() && !o->isLoaded(attr)
        && o->isExpired(attr))
        currentColumn(o, attr);
    const bool loaded = o->isLoaded(attr);
    const QVariant old = loaded ? o->value(attr) : QVariant();
    value = m_events.fireValue(EventType::Set, o, attr, value, old, true);
    // An object given to a column is kept as it is: SQLAlchemy accepts the
    // assignment, and the statement that would send it fails (unbindable).
    const bool object = value.metaType() == QMetaType::fromType<ObjectRef>();
    if (value.isValid() && !value.isNull() && !object) {
        auto n = columnValue(o->mapper()->columns()[attr], o->mapper()->columnType(attr), value);
        if (!n)
            engineFail(n.error().kind, n.error().message, o->label() + QLatin1Char('.') + n.error().where);
        value = *n;
    }
    markModified(o, attr);
    o->setValue(attr, value);
}

namespace {
const Initiator *token(const void *p)
{
    return static_cast<const Initiator *>(p);
}
} // namespace

void Attributes::checkTarget(const Instance *o, int rel, const Instance *value) const
{
    const ResolvedRelationship &r = o->mapper()->relationships()[rel];
    const Mapper *target = targetOf(r);
    if (value && value->mapper() != target)
        engineFail(QStringLiteral("KeyError"), EngineText::tr("%1.%2 takes a %3, not a %4 (%5)")
                                             .arg(o->mapper()->className(), r.name, target->className(),
                                                  value->mapper()->className(), value->label()));
}

Instance *Attributes::fireSet(Instance *o, int attr, Instance *value, const Instance *old)
{
    const QVariant v = value ? QVariant::fromValue(ObjectRef{value->id()}) : QVariant();
    const QVariant oldV = old ? QVariant::fromValue(ObjectRef{old->id()}) : QVariant();
    const QVariant result = m_events.fireValue(EventType::Set, o, attr, v, oldV, true);
    if (result.metaType() == QMetaType::fromType<ObjectRef>())
        return m_ctx.instance(result.value<ObjectRef>().id);
    if (!result.isValid() || result.isNull())
        return nullptr;
    return value;
}

void Attributes::setReference(Instance *o, int rel, Instance *value, const void *init)
{
    const int attr = o->columnCount() + rel;
    if (backrefRelation(o->mapper(), rel) < 0)
        checkTarget(o, rel, value);
    const Initiator own{o->mapper()->classId(), attr, Initiator::Append};
    const Initiator &in = init ? *token(init) : own;
    bool known = true;
    const QList<int> &fk = o->mapper()->relationships()[rel].foreignKey.columns;
    const bool keyNeverLoaded = !o->isLoaded(attr) && o->identity() && !o->isLoaded(fk)
        && !o->isModified(fk) && !o->isExpiredUnloaded(fk);
    Instance *old = currentReference(o, rel, false, &known);
    // ScalarObjectAttributeImpl.set() reads the old value with
    // PASSIVE_NO_FETCH ^ INIT_OK: a foreign key never loaded (not given to
    // the INSERT) is NO_VALUE, the lazy loader gives PASSIVE_NO_RESULT, and
    // the set has history (added) that the flush syncs
    if (keyNeverLoaded && !o->isLoaded(attr))
        known = false;

    if (!(known && old == value)) {
        // 1. cascade (save-update along the attribute set directly, not along a backref)
        if (AttributesContext &ctx = m_ctx.contextOf(o); o->isAttached() && value && !ctx.holds(value)
            && o->mapper()->cascade(rel).saveUpdate && in.classId == own.classId && in.attr == own.attr)
            ctx.saveOrUpdate(value, true);
        // 2. backref
        const int brel = backrefRelation(o->mapper(), rel);
        if (brel >= 0) {
            // the inverse: a collection (remove, append) or a one-to-one
            // (set to None if it still holds this object, set to it)
            const bool scalar = !targetOf(o->mapper()->relationships()[rel])->relationships()[brel].uselist;
            if (known && old) {
                const Initiator recursive{old->mapper()->classId(), old->columnCount() + brel,
                                          scalar ? Initiator::Append : Initiator::Remove};
                if (!(in == recursive)) {
                    if (scalar)
                        setOneToOne(old, brel, nullptr, &own, o);
                    else
                        collectionRemove(old, brel, o, &own);
                }
            }
            // SQLAlchemy fails on a wrong class only here, after the old side's remove
            checkTarget(o, rel, value);
            if (value) {
                const int battr = value->columnCount() + brel;
                const Initiator appendTok{value->mapper()->classId(), battr, Initiator::Append};
                const Initiator bulkTok{value->mapper()->classId(), battr, Initiator::BulkReplace};
                if (!(in == appendTok) && !(in == bulkTok)) {
                    if (scalar)
                        setOneToOne(value, brel, o, &in);
                    else
                        collectionAppend(value, brel, o, &in);
                }
            }
        }
    }
    // 3. the attribute's own event
    value = fireSet(o, attr, value, known ? old : nullptr);
    auto &slot = o->relation(rel);
    if (!o->isModified(attr)) {
        markModified(o, attr);
        slot.committedRef = known ? old : nullptr;
        o->setCommittedUnknown(attr, !known);
    } else {
        markModified(o, attr);
    }
    slot.ref = value;
    o->markLoaded(attr);
}

void Attributes::setOneToOne(Instance *o, int rel, Instance *value, const void *init, const Instance *popping)
{
    // ScalarObjectAttributeImpl.set() of a one-to-many with uselist=False:
    // the old value as far as it is known without SQL (PASSIVE_NO_FETCH:
    // not loaded on an object with a row is PASSIVE_NO_RESULT, whose
    // history the flush loads), one `set` event with it, the backref on
    // both children's many-to-one.
    const int attr = o->columnCount() + rel;
    const Initiator own{o->mapper()->classId(), attr, Initiator::Append};
    const Initiator &in = init ? *token(init) : own;
    auto &slot = o->relation(rel);
    const bool known = o->isLoaded(attr) || !o->identity();
    Instance *old = known && !slot.items.isEmpty() ? slot.items.first() : nullptr;
    // pop(): a backref clearing this side only when it still holds @p popping
    if (popping && known && old != popping)
        return;
    checkTarget(o, rel, value);
    if (!(known && old == value)) {
        if (old)
            setHasParent(old, o, rel, false);
        // 1. cascade: save-update of the new value along the attribute set
        // directly; a pending old value orphaned by delete-orphan leaves
        if (o->isAttached()) {
            AttributesContext &ctx = m_ctx.contextOf(o);
            if (value && !ctx.holds(value) && o->mapper()->cascade(rel).saveUpdate
                && in.classId == own.classId && in.attr == own.attr)
                ctx.saveOrUpdate(value, true);
            if (old && o->mapper()->cascade(rel).deleteOrphan && ctx.isPending(old) && isOrphan(old))
                ctx.expungeOrphan(old);
        }
        // 2. backref: the old child's many-to-one cleared if it still
        // points here, the new child's set to this object
        const int brel = backrefRelation(o->mapper(), rel);
        if (brel >= 0) {
            if (old) {
                const Initiator recursive{old->mapper()->classId(), old->columnCount() + brel, Initiator::Append};
                if (!(in == recursive)) {
                    bool current = true;
                    Instance *parent = currentReference(old, brel, false, &current);
                    if (!current || parent == o)
                        setReference(old, brel, nullptr, &own);
                }
            }
            if (value) {
                const Initiator appendTok{value->mapper()->classId(), value->columnCount() + brel,
                                          Initiator::Append};
                if (!(in == appendTok))
                    setReference(value, brel, o, &in);
            }
        }
    }
    // 3. the attribute's own event
    value = fireSet(o, attr, value, old);
    const bool first = !o->isModified(attr);
    markModified(o, attr);
    if (first) {
        // the committed value: the old one, or (unknown) loaded by the flush
        slot.committedItems = known && old ? QList<Instance *> {old} : QList<Instance *> {};
        slot.deferredHistory = false;
        o->setCommittedUnknown(attr, !known);
    }
    slot.items = value ? QList<Instance *> {value} : QList<Instance *> {};
    o->markLoaded(attr);
    if (value)
        setHasParent(value, o, rel, true);
}

QList<Instance *> Attributes::selectChildren(Instance *o, int rel, const QVariant &key, bool autoflush)
{
    const int attr = o->columnCount() + rel;
    const ResolvedRelationship &r = o->mapper()->relationships()[rel];
    const Mapper *target = targetOf(r);
    const Connection::Cause cause(m_loading.connection(), {StatementCause::Kind::LazyLoad, o->id(),
                                                           quint16(o->mapper()->classId()), quint16(attr + 1)});
    if (autoflush)
        m_ctx.autoflush();
    if (r.isManyToMany())
        return m_loading.selectThrough(target, r, key, m_loading.pathOf(o));
    // LazyLoader._lazyload_reverse(): the children's many-to-one back to
    // this object loads lazily for this load (lazyload(), the identity map
    // answers it) where its own strategy is noload, which would set None
    LoadOptions options;
    const int back = backrefRelation(o->mapper(), rel);
    if (back >= 0 && target->relationships()[back].kind == RelationshipKind::ManyToOne
        && target->relationships()[back].lazy == LoadStrategy::Noload)
        options.insert(back, LoadStrategy::Select);
    return m_loading.select(target, Loading::keyFilters(target, r.foreignKey.columns, key), QString(),
                            StatementSource::Load, false, m_loading.pathOf(o), options);
}

void Attributes::loadCommittedOneToOne(Instance *o, int rel)
{
    // the lazy loader against the committed state, with no autoflush;
    // lazy="noload" has none (the old object keeps its key). Nothing to do
    // unless the one-to-one was set while not loaded.
    const int attr = o->columnCount() + rel;
    if (o->mapper()->relationships()[rel].uselist || !o->isLoaded(attr) || !o->isCommittedUnknown(attr))
        return;
    if (m_loading.strategyFor(o, rel) == LoadStrategy::Noload) {
        o->relation(rel).committedItems.clear();
        o->setCommittedUnknown(attr, false);
        return;
    }
    const QVariant pk = currentKey(o);
    o->relation(rel).committedItems = selectChildren(o, rel, pk, false).mid(0, 1);
    o->relation(rel).deferredHistory = true;
    o->setCommittedUnknown(attr, false);
}

void Attributes::collectionAppend(Instance *parent, int rel, Instance *item, const void *init)
{
    const int attr = parent->columnCount() + rel;
    const Initiator own{parent->mapper()->classId(), attr, Initiator::Append};
    const Initiator &in = init ? *token(init) : own;
    const bool present = collectionPresent(parent, rel);
    // 1. cascade
    if (AttributesContext &ctx = m_ctx.contextOf(parent); parent->isAttached() && !ctx.holds(item)
        && parent->mapper()->cascade(rel).saveUpdate && in.classId == own.classId && in.attr == own.attr)
        ctx.saveOrUpdate(item, true);
    // 2. backref
    const int brel = backrefRelation(parent->mapper(), rel);
    if (brel >= 0) {
        const int battr = item->columnCount() + brel;
        const Initiator childTok{item->mapper()->classId(), battr, Initiator::Append};
        if (parent->mapper()->relationships()[rel].isManyToMany()) {
            // the other side's collection, as far as it is in memory
            // (PASSIVE_NO_FETCH: a collection not loaded queues the append)
            const Initiator bulkTok{item->mapper()->classId(), battr, Initiator::BulkReplace};
            if (!(in == childTok) && !(in == bulkTok))
                collectionAppend(item, brel, parent, &in);
        } else if (!(in == childTok)) {
            setReference(item, brel, parent, &in);
        }
    }
    // 3. the collection's own event
    m_events.fireValue(EventType::Append, parent, attr, QVariant::fromValue(ObjectRef{item->id()}), {},
              false);
    auto &slot = parent->relation(rel);
    if (present) {
        markModified(parent, attr);
        slot.items.append(item);
    } else {
        // PendingCollection.append(): an append cancels a queued remove
        if (!slot.pendingRemoves.removeOne(item) && !slot.pendingAdds.contains(item))
            slot.pendingAdds.append(item);
        slot.touched = true;
        m_ctx.contextOf(parent).noteChanged(parent);
    }
    // fire_append_event() records the parent after the listeners: while the
    // backref removes the item from its old parent, that one still counts
    setHasParent(item, parent, rel, true);
}

void Attributes::collectionRemove(Instance *parent, int rel, Instance *item, const void *init)
{
    const int attr = parent->columnCount() + rel;
    const Initiator own{parent->mapper()->classId(), attr, Initiator::Remove};
    const Initiator &in = init ? *token(init) : own;
    const bool present = collectionPresent(parent, rel);
    setHasParent(item, parent, rel, false);
    // 1. cascade: a pending orphan leaves the session at once
    if (parent->mapper()->cascade(rel).deleteOrphan && isOrphan(item)) {
        if (AttributesContext &ctx = m_ctx.contextOf(parent); parent->isAttached() && ctx.isPending(item)) {
            ctx.expungeOrphan(item);
        } else {
            item->setOrphanedOutside(true);
        }
    }
    // 2. backref: the item's many-to-one is cleared if it still points here
    const int brel = backrefRelation(parent->mapper(), rel);
    if (brel >= 0) {
        const int battr = item->columnCount() + brel;
        const Initiator removeTok{item->mapper()->classId(), battr, Initiator::Remove};
        const Initiator replaceTok{item->mapper()->classId(), battr, Initiator::Append};
        if (parent->mapper()->relationships()[rel].isManyToMany()) {
            // the other side's collection pop(): its remove event, and the
            // item leaves it if it is there (queued when it is not loaded)
            const Initiator bulkTok{item->mapper()->classId(), battr, Initiator::BulkReplace};
            if (!(in == removeTok) && !(in == bulkTok))
                collectionRemove(item, brel, parent, &in);
        } else {
            // ... unless the list still holds it twice (util.has_dupes())
            const bool dupes = present && parent->relation(rel).items.count(item) > 1;
            if (!(in == removeTok) && !(in == replaceTok) && !dupes) {
                bool known = true;
                Instance *current = currentReference(item, brel, false, &known);
                if (!known || current == parent)
                    setReference(item, brel, nullptr, &in);
            }
        }
    }
    // 3. the collection's own event
    m_events.fireAttr(EventType::Remove, parent, attr, QVariant::fromValue(ObjectRef{item->id()}));
    auto &slot = parent->relation(rel);
    if (present) {
        markModified(parent, attr);
        slot.items.removeOne(item); // list.remove(): the first occurrence
    } else {
        // PendingCollection.remove(): a remove cancels a queued append
        if (!slot.pendingAdds.removeOne(item) && !slot.pendingRemoves.contains(item))
            slot.pendingRemoves.append(item);
        slot.touched = true;
        m_ctx.contextOf(parent).noteChanged(parent);
    }
}

void Attributes::collectionReplace(Instance *parent, int rel, const QList<Instance *> &items)
{
    const int attr = parent->columnCount() + rel;
    refuseRaiseLoad(parent, rel); // (the old collection is loaded to replace it)
    const QList<Instance *> old = currentCollection(parent, rel);
    m_events.fireAttr(EventType::BulkReplace, parent, attr, QVariant());
    markModified(parent, attr);
    const Initiator bulk{parent->mapper()->classId(), attr, Initiator::BulkReplace};
    for (Instance *item : items) {
        if (!old.contains(item))
            collectionAppend(parent, rel, item, &bulk);
    }
    for (Instance *item : old) {
        if (!items.contains(item))
            collectionRemove(parent, rel, item, &bulk);
    }
    // the new collection keeps the given order
    parent->relation(rel).items = items;
}

} // namespace ms
