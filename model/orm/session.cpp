#include "session.h"

#include "ddl.h"
#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "events/extension.h"
#include "cascade.h"
#include "dependency.h"
#include "failure.h"
#include "registry.h"
#include "schema/columnvalue.h"
#include "unitofwork.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QScopeGuard>
#include <QSqlDriver>

#include <algorithm>
#include <numeric>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Session)
};

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

Session::Session(Registry *registry, Dispatcher *dispatcher, QObject *parent)
    : QObject(parent), m_registry(registry), m_dispatcher(dispatcher), m_conn(dispatcher),
      m_sql(m_conn), m_events(dispatcher),
      m_loading(*this, m_conn, m_sql, m_events, m_identity),
      m_query(*this, m_loading, m_conn, m_sql, m_events, m_identity),
      m_persistence(*this, m_loading, m_conn, m_sql, m_events, m_identity)
{
    m_identity.reset(registry->mappers().size());
    for (const auto &m : registry->mappers()) {
        for (int r = 0; r < m->relationships().size(); ++r) {
            const ResolvedRelationship &rel = m->relationships()[r];
            if (rel.kind == RelationshipKind::OneToMany)
                m_parentRules[quint32(rel.targetIndex + 1)].append(
                    {m->classId(), r, m->cascade(r).deleteOrphan});
        }
    }
    m_conn.setBeginHook([this] {
        if (m_tx)
            m_events.fire(EventType::AfterBegin);
    });
}

Session::~Session() = default;

// ---- plumbing ---------------------------------------------------------------

void Session::fail(const QString &kind, const QString &message, const QString &where)
{
    engineFail(kind, message, where);
}

template<>
struct Session::ResultOf<void>
{
    using type = Result<void>;
};

template<typename F>
auto Session::guarded(F &&body) -> typename ResultOf<decltype(body())>::type
{
    using R = typename ResultOf<decltype(body())>::type;
    // An operation under way (isBusy()): the heartbeat lets the event loop
    // run, and a pause stops inside it.
    ++m_operations;
    const auto done = qScopeGuard([this] { --m_operations; });
    try {
        if constexpr (std::is_void_v<decltype(body())>) {
            body();
            Q_EMIT changed();
            return R();
        } else {
            R r = body();
            Q_EMIT changed();
            return r;
        }
    } catch (const Failure &f) {
        m_events.recordError(f.where.isEmpty() ? f.message : f.where + QStringLiteral(": ") + f.message);
        Q_EMIT changed();
        return Error{f.message, f.where, f.kind};
    } catch (const HookError &e) {
        const QString where = Tr::tr("listener of %1").arg(eventName(e.hook()));
        m_events.recordError(where + QStringLiteral(": ") + e.message());
        Q_EMIT changed();
        return Error{e.message(), where, kHook};
    }
}

const Mapper *Session::mapperOf(const QString &className) const
{
    const Mapper *m = m_registry->mapper(className);
    if (!m)
        fail(kInvalid, Tr::tr("there is no mapped class %1").arg(className));
    return m;
}

int Session::attrIndex(const Instance *o, const QString &attr) const
{
    const quint32 i = o->mapper()->attributeIndex(attr);
    if (i == 0)
        fail(kInvalid, Tr::tr("%1 has no attribute %2").arg(o->mapper()->className(), attr));
    return int(i - 1);
}

Instance *Session::create(const Mapper *mapper, const QString &label, const QVariant &loadedKey)
{
    const quint32 id = quint32(m_objects.size() + 1);
    const bool loaded = loadedKey.isValid();
    m_objects.push_back(std::make_unique<Instance>(id, mapper, loaded ? QString() : label));
    Instance *o = m_objects.back().get();
    o->m_parents.resize(size_t(m_parentRules.value(mapper->classId()).size()));
    if (loaded) {
        // Found by objectByLabel() through the identity map; a label given
        // earlier to another object now names this one ("last given").
        o->m_key = loadedKey;
        if (!m_labels.isEmpty())
            m_labels.remove(label);
    } else {
        m_labels.insert(label, o);
    }
    if (EventLog *log = m_dispatcher ? m_dispatcher->recorder() : nullptr)
        log->setObjectLabel(o->id(), label);
    return o;
}

Instance *Session::object(quint32 id) const
{
    return id == 0 || id > m_objects.size() ? nullptr : m_objects[id - 1].get();
}

Instance *Session::objectByLabel(const QString &label) const
{
    if (Instance *o = m_labels.value(label))
        return o;
    // A loaded object's label is `Class#key`: its class and key find it in
    // the identity map; one no longer there (expunged, detached) is looked
    // for among the session's objects, the last made first.
    const qsizetype hash = label.lastIndexOf(QLatin1Char('#'));
    if (hash <= 0)
        return nullptr;
    const Mapper *m = m_registry->mapper(label.left(hash));
    if (!m)
        return nullptr;
    const QString key = label.mid(hash + 1);
    bool whole = false;
    const qint64 number = key.toLongLong(&whole);
    for (const IdentityKey &k : {whole ? IdentityKey{number, QString()} : IdentityKey{0, key},
                                 IdentityKey{0, key}}) {
        Instance *o = m_identity.lookup(m->classId(), k);
        if (o && o->m_label.isNull() && o->label() == label)
            return o;
    }
    for (auto it = m_objects.crbegin(); it != m_objects.crend(); ++it) {
        const Instance *o = it->get();
        if (o->mapper() == m && o->m_label.isNull() && o->identity() && o->label() == label)
            return it->get();
    }
    return nullptr;
}

QList<Instance *> Session::objects() const
{
    QList<Instance *> out;
    out.reserve(qsizetype(m_objects.size()));
    for (const auto &o : m_objects)
        out.append(o.get());
    return out;
}

// ---- extensions -----------------------------------------------------------------

Result<void> Session::registerExtension(std::shared_ptr<SessionExtension> extension)
{
    if (m_used)
        return Error{Tr::tr("a session extension can be registered only before the session is "
                            "first used"),
                     {}, kInvalid};
    if (!extension)
        return Error{Tr::tr("no extension given"), {}, kInvalid};
    m_events.addSessionExtension(std::move(extension));
    return {};
}

Result<void> Session::registerExtension(const QString &className,
                                        std::shared_ptr<MapperExtension> extension)
{
    if (m_used)
        return Error{Tr::tr("a mapper extension can be registered only before the session is "
                            "first used"),
                     {}, kInvalid};
    const Mapper *m = m_registry->mapper(className);
    if (!m)
        return Error{Tr::tr("there is no mapped class %1").arg(className), {}, kInvalid};
    if (!extension)
        return Error{Tr::tr("no extension given"), {}, kInvalid};
    m_events.addMapperExtension(m->classId(), std::move(extension));
    return {};
}

// ---- transactions ---------------------------------------------------------------

void Session::autobegin()
{
    if (m_tx)
        return;
    m_tx.emplace();
    m_events.fireTransaction(EventType::AfterTransactionCreate, false);
}

void Session::assertActive()
{
    if (m_tx && m_flushStuck)
        fail(kInvalid, Tr::tr("this session is in 'inactive' state, due to the SQL transaction being "
                              "rolled back; no further SQL can be emitted within this transaction"));
    if (m_tx && !m_tx->isActive())
        fail(kPendingRollback,
             Tr::tr("this session's transaction has been rolled back after a failed flush; call "
                    "rollback() first"));
}

void Session::endTransaction()
{
    m_events.fireTransaction(EventType::AfterTransactionEnd, false);
    m_tx.reset();
}

bool Session::isClean() const
{
    return !m_identity.anyModified() && m_deleted.isEmpty() && m_new.isEmpty();
}

QList<Instance *> Session::pendingObjects() const
{
    return m_new.list();
}

QList<Instance *> Session::markedDeleted() const
{
    return m_deleted.list();
}

void Session::expungeToTransient(const QList<Instance *> &objects)
{
    expungeStates(objects, true);
}

void Session::restoreKey(Instance *o, const QVariant &oldKey, bool keep)
{
    m_identity.remove(o);
    o->m_key = oldKey;
    if (keep && o->isAttached())
        m_identity.add(o);
}

void Session::revertDeletion(Instance *o)
{
    // _update_impl(revert_deletion=True) asks for a key first: an object
    // inserted and deleted in this transaction, then deleted again (back
    // in the identity map, so the expunge above kept it in the
    // transaction's deleted list), was just made transient, and the
    // rollback stops here, its transaction left inactive
    if (!o->identity())
        fail(kInvalid, Tr::tr("%1 is not persisted: the rollback cannot give back its delete")
                           .arg(o->label()));
    if (o->m_deletedFlushed) {
        if (!o->isAttached())
            return;
        o->m_deletedFlushed = false;
    }
    // A second restore (rollback() after the session changed while its
    // transaction was inactive) meets the same objects again: the
    // transaction keeps its lists. One detached since is attached back.
    const bool attach = !o->isAttached();
    if (attach)
        m_events.fire(EventType::BeforeAttach, o);
    o->m_markedDeleted = false;
    m_deleted.remove(o);
    m_identity.add(o);
    if (attach) {
        o->setAttached(true);
        m_events.fire(EventType::AfterAttach, o);
        m_events.fire(EventType::DetachedToPersistent, o);
    } else {
        m_events.fire(EventType::DeletedToPersistent, o);
    }
}

void Session::expireIdentityMap()
{
    for (Instance *o : identityMap())
        expireState(o);
}

void Session::endStuckFlush()
{
    if (!m_flushStuck)
        return;
    m_flushStuck = false;
    m_events.fireTransaction(EventType::AfterTransactionEnd, true);
}

void Session::rollbackTransaction(bool fromFlush)
{
    if (!m_tx)
        return;
    if (m_flushStuck) {
        // SessionTransaction.rollback() on the flush's subtransaction left
        // open: a changed session has it restore the snapshot, which
        // SQLAlchemy 1.4 refuses (`assert self._is_transaction_boundary`,
        // nothing fired, everything left as it is); a clean one closes it,
        // then rolls back the root as usual
        if (!isClean())
            fail(QStringLiteral("AssertionError"),
                 Tr::tr("the rollback cannot restore the session: the failed flush's own rollback "
                        "stopped part way, and the session was changed since"));
        endStuckFlush();
        m_events.fire(EventType::AfterSoftRollback);
    }
    if (m_tx->isActive()) {
        const auto r = m_conn.rollback();
        m_tx->deactivate();
        m_events.fire(EventType::AfterRollback);
        m_tx->restoreSnapshot(*this);
        if (!r)
            m_events.warn(r.error().message);
    } else if (!isClean()) {
        m_events.warn(Tr::tr("the session was changed after its transaction failed; those changes are "
                    "discarded"));
        m_tx->restoreSnapshot(*this);
    }
    if (fromFlush) {
        // The flush's subtransaction ends; the root stays, inactive, until rollback().
        m_events.fireTransaction(EventType::AfterTransactionEnd, true);
        m_events.fire(EventType::AfterSoftRollback);
        return;
    }
    endTransaction();
    m_events.fire(EventType::AfterSoftRollback);
}

// ---- identity map and attachment -------------------------------------------------

QList<Instance *> Session::identityMap() const
{
    return m_identity.all();
}

void Session::setHeartbeat(std::function<void()> beat, int intervalMs)
{
    m_beat = std::move(beat);
    m_beatInterval = intervalMs;
    m_beatClock.start();
}

qsizetype Session::identityCount() const
{
    return m_identity.count();
}

qsizetype Session::dirtyCount() const
{
    return m_identity.dirtyCount();
}

QList<Instance *> Session::dirtyObjects() const
{
    return m_identity.dirty();
}

void Session::markDirty(Instance *o)
{
    o->m_dirty = true;
    // InstanceState._modified_event(): only an object of the identity map
    // joins its modified set (not one whose key another object took); one
    // inserted again after its delete was rolled back does, _deleted or not.
    if (o->isAttached())
        m_identity.noteModified(o);
}

void Session::saveOrUpdateOne(Instance *o)
{
    if (!o->identity()) {
        // _save_impl
        const bool attach = !o->isAttached();
        autobegin();
        if (attach)
            m_events.fire(EventType::BeforeAttach, o);
        if (m_new.append(o))
            o->m_insertOrder = ++m_insertCounter;
        if (attach) {
            o->setAttached(true);
            m_events.fire(EventType::AfterAttach, o);
            m_events.fire(EventType::TransientToPending, o);
        }
        return;
    }
    // _update_impl
    if (o->m_deletedFlushed)
        fail(kInvalid, Tr::tr("%1 has been deleted; it cannot be added back").arg(o->label()));
    autobegin();
    const bool attach = !o->isAttached();
    if (attach)
        m_events.fire(EventType::BeforeAttach, o);
    if (o->isMarkedDeleted()) {
        o->m_markedDeleted = false;
        m_deleted.remove(o);
    }
    failOnAnotherWithKey(o);
    m_identity.add(o);
    if (attach) {
        o->setAttached(true);
        if (o->m_dirty)
            m_identity.noteModified(o);
        m_events.fire(EventType::AfterAttach, o);
        m_events.fire(EventType::DetachedToPersistent, o);
    }
}

void Session::failOnAnotherWithKey(const Instance *o) const
{
    // IdentityMap.add(): another object already stands for the row.
    if (Instance *other = m_identity.lookup(o->mapper(), *o->identity()); other && other != o)
        fail(kInvalid, Tr::tr("can't attach %1: another object with the key %2 is already present "
                              "in this session (%3)")
                           .arg(o->label(), keyString(*o->identity()), other->label()));
}

Instance *Session::loadReference(Instance *o, int rel)
{
    return currentReference(o, rel, true);
}

QList<Instance *> Session::loadCollection(Instance *o, int rel)
{
    return currentCollection(o, rel);
}

bool Session::holds(const Instance *o) const
{
    return contains(o);
}

void Session::saveOrUpdate(Instance *o, bool withCascade)
{
    o->m_orphanedOutside = false;
    saveOrUpdateOne(o);
    if (!withCascade)
        return;
    for (Instance *child : cascadeIterator(*this, o, CascadeKind::SaveUpdate, false))
        saveOrUpdateOne(child);
}

void Session::detachStates(const QList<Instance *> &states, bool toTransient)
{
    for (Instance *o : states) {
        const bool deleted = o->m_deletedFlushed;
        const bool pending = !o->identity();
        const bool persistent = !pending && !deleted;
        o->setAttached(false);
        if (toTransient && o->identity()) {
            if (o->m_label.isNull()) {
                // `Class#key` without a key: the label is kept as it was.
                o->m_label = o->label();
                if (!m_labels.contains(o->m_label))
                    m_labels.insert(o->m_label, o);
            }
            o->m_key.reset();
        }
        if (persistent) {
            m_events.fire(toTransient ? EventType::PersistentToTransient : EventType::PersistentToDetached, o);
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

void Session::expungeStates(const QList<Instance *> &states, bool toTransient)
{
    for (Instance *o : states) {
        if (m_new.remove(o)) {
        } else if (o->identity() && m_identity.lookup(o->mapper(), *o->identity()) == o) {
            m_identity.remove(o);
            if (o->isMarkedDeleted()) {
                o->m_markedDeleted = false;
                m_deleted.remove(o);
            }
        } else if (m_tx) {
            m_tx->forgetDeleted(o);
        }
    }
    detachStates(states, toTransient);
}

void Session::removeNewlyDeleted(const QList<Instance *> &states)
{
    for (Instance *o : states) {
        if (m_tx)
            m_tx->noteDeleted(o);
        m_events.fire(EventType::PersistentToDeleted, o);
        m_identity.remove(o);
        o->m_markedDeleted = false;
        m_deleted.remove(o);
        o->m_deletedFlushed = true;
    }
}

// ---- object state ------------------------------------------------------------------

void Session::commitState(Instance *o)
{
    o->commitAll();
    m_identity.forgetModified(o);
}

void Session::expireState(Instance *o)
{
    o->expireAll();
    m_identity.forgetModified(o);
    m_events.fireWithAttrs(EventType::Expire, o, {});
}

void Session::expireAttributes(Instance *o, const QList<int> &attrs, bool fireEvent)
{
    QStringList names = o->expireAttributes(attrs);
    // SQLAlchemy keeps the object flagged modified: it stays in the dirty
    // set and the next flush fires before_update/after_update for it.
    if (fireEvent) {
        names.sort();
        m_events.fireWithAttrs(EventType::Expire, o, names);
    }
}

// ---- attributes -----------------------------------------------------------------------

void Session::markModified(Instance *o, int attr)
{
    o->noteModified(attr);
    noteChanged(o);
}

void Session::noteChanged(Instance *o)
{
    const bool wasClean = !o->m_dirty;
    markDirty(o);
    // A persistent object's first change begins the session's transaction.
    if (wasClean && o->isAttached() && o->identity() && !m_flushing)
        autobegin();
}

void Session::initCollection(Instance *o, int rel)
{
    const int attr = o->columnCount() + rel;
    auto &r = o->m_rels[size_t(rel)];
    r.items.clear();
    o->setFlag(attr, Instance::Loaded, true);
    o->setFlag(attr, Instance::Expired, false);
    // The empty collection a read made is the one kept (no second event).
    if (!(o->m_flags[size_t(attr)] & Instance::EmptyMade))
        m_events.fire(EventType::InitCollection, o, attr);
    o->setFlag(attr, Instance::EmptyMade, false);
}

bool Session::collectionPresent(Instance *o, int rel)
{
    const int attr = o->columnCount() + rel;
    if (o->isLoaded(attr))
        return true;
    if (!o->identity()) {
        initCollection(o, rel);
        return true;
    }
    return false;
}

const Mapper *Session::targetOf(const ResolvedRelationship &rel) const
{
    return m_registry->mappers()[size_t(rel.targetIndex)].get();
}

int Session::backrefRelation(const Mapper *mapper, int rel) const
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

void Session::setHasParent(Instance *child, const Instance *parent, int rel, bool has)
{
    // AttributeImpl.sethasparent(): the flag remembers the parent; removing
    // the child from another parent (a backref moving it) leaves it set.
    const auto rules = m_parentRules.value(child->mapper()->classId());
    for (int i = 0; i < rules.size(); ++i) {
        if (rules[i].parentClass != parent->mapper()->classId() || rules[i].rel != rel)
            continue;
        qint8 &flag = child->m_parents[size_t(i)].has;
        const Instance *&last = child->m_parents[size_t(i)].last;
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

bool Session::isOrphan(const Instance *o) const
{
    // Mapper._is_orphan(): an orphan when any delete-orphan parent is
    // missing (optimistic for objects with an identity).
    const auto rules = m_parentRules.value(o->mapper()->classId());
    for (int i = 0; i < rules.size(); ++i) {
        const Instance::Parent &p = o->m_parents[size_t(i)];
        const bool has = p.has == 1 || (p.has == -1 && o->identity().has_value());
        if (rules[i].orphan && !has)
            return true;
    }
    return false;
}

bool Session::contains(const Instance *o) const
{
    // Session._contains_state(): pending, or in the identity map (an object
    // whose delete was flushed is neither, and a cascade reaching it fails).
    return m_new.contains(const_cast<Instance *>(o))
        || (o->identity() && m_identity.lookup(o->mapper(), *o->identity()) == o);
}

bool Session::hasParent(const Instance *child, quint32 parentClass, int rel) const
{
    // Not optimistic: never added (or loaded) there is no parent.
    const auto rules = m_parentRules.value(child->mapper()->classId());
    for (int i = 0; i < rules.size(); ++i) {
        if (rules[i].parentClass == parentClass && rules[i].rel == rel)
            return child->m_parents[size_t(i)].has == 1;
    }
    return false;
}

QVariant Session::currentColumn(Instance *o, int attr)
{
    if (o->isLoaded(attr))
        return o->m_values[attr];
    if (o->isExpired(attr)) {
        // load_scalar_attributes() needs a session; an object with no
        // identity (expired while persistent, then made transient by a
        // rollback) also a full primary key, and the autoflush may give it
        // its row first
        if (!o->isAttached())
            fail(QStringLiteral("DetachedInstanceError"),
                 Tr::tr("%1 is not bound to a session; its expired attribute %2 cannot be loaded")
                     .arg(o->label(), o->mapper()->attributeNames()[attr]));
        const bool identified = o->identity().has_value();
        loadExpired(o, true);
        if (o->isLoaded(attr))
            return o->m_values[attr];
        if (!identified)
            fail(QStringLiteral("KeyError"),
                 Tr::tr("the expired attribute %1 of %2 could not be loaded: it has no row yet")
                     .arg(o->mapper()->attributeNames()[attr], o->label()));
    }
    m_events.fire(EventType::InitScalar, o, attr);
    return QVariant();
}

Instance *Session::currentReference(Instance *o, int rel, bool fetch, bool *known)
{
    const int attr = o->columnCount() + rel;
    if (known)
        *known = true;
    if (o->isLoaded(attr))
        return o->m_rels[size_t(rel)].ref;
    if (!o->identity())
        return nullptr;
    if (!fetch && !o->isAttached()) {
        // the lazy loader of a detached object, told not to raise:
        // PASSIVE_NO_RESULT, whatever its foreign key holds
        if (known)
            *known = false;
        return nullptr;
    }
    const ResolvedRelationship &r = o->mapper()->relationships()[rel];
    const int fkCol = r.foreignKey.columnIndex;
    QVariant fk;
    if (!fetch && o->isModified(fkCol)) {
        // The old value of a set (LOAD_AGAINST_COMMITTED): the key as it was
        // loaded, none when it was set without being loaded.
        if (!(o->m_flags[size_t(fkCol)] & Instance::NoCommitted))
            fk = o->committed(fkCol);
    } else if (o->isLoaded(fkCol)) {
        fk = o->m_values[fkCol];
    } else if (fetch) {
        fk = currentColumn(o, fkCol);
    } else if (!o->isExpired(fkCol)) {
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
        if (!t) {
            if (!o->isAttached())
                fail(QStringLiteral("DetachedInstanceError"),
                     Tr::tr("%1 is not bound to a session; %2 cannot be loaded")
                         .arg(o->label(), r.name));
            const QString pkName = target->primaryKey().name;
            autoflush();
            const QList<Instance *> rows = m_loading.select(target, {{pkName, fk}}, QString(),
                                                     StatementSource::Load, false);
            t = rows.isEmpty() ? nullptr : rows.first();
        } else if (fetch && t->isWholeExpired()) {
            loadExpired(t, true);
        }
    }
    if (fetch) {
        auto &slot = o->m_rels[size_t(rel)];
        slot.ref = t;
        slot.committedRef = t;
        o->setFlag(attr, Instance::Loaded, true);
        o->setFlag(attr, Instance::Expired, false);
    }
    return t;
}

QList<Instance *> &Session::currentCollection(Instance *o, int rel)
{
    const int attr = o->columnCount() + rel;
    auto &slot = o->m_rels[size_t(rel)];
    if (collectionPresent(o, rel))
        return slot.items;
    if (!o->isAttached())
        fail(QStringLiteral("DetachedInstanceError"),
             Tr::tr("%1 is not bound to a session; %2 cannot be loaded")
                 .arg(o->label(), o->mapper()->attributeNames()[attr]));
    const ResolvedRelationship &r = o->mapper()->relationships()[rel];
    const Mapper *target = targetOf(r);
    const QVariant pk = currentColumn(o, o->mapper()->primaryKeyIndex());
    const QString fkName = target->columns()[r.foreignKey.columnIndex].name;
    autoflush();
    QList<Instance *> rows = m_loading.select(target, {{fkName, pk}}, target->primaryKey().name,
                                       StatementSource::Load, false);
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
    o->setFlag(attr, Instance::Loaded, true);
    o->setFlag(attr, Instance::Expired, false);
    o->setFlag(attr, Instance::Modified, changed);
    m_events.fire(EventType::InitCollection, o, attr);
    if (missing)
        fail(QStringLiteral("ValueError"),
             Tr::tr("%1 was removed from %2.%3 while the collection was not loaded, and the loaded "
                    "collection does not hold it (list.remove(x): x not in list)")
                 .arg(missing->label(), o->label(), o->mapper()->attributeNames()[attr]));
    return slot.items;
}

void Session::setColumn(Instance *o, int attr, QVariant value)
{
    // A primary key keeps its history actively: setting an expired one
    // loads the expired attributes first.
    if (attr == o->mapper()->primaryKeyIndex() && o->identity() && o->isAttached() && !o->isLoaded(attr)
        && o->isExpired(attr))
        currentColumn(o, attr);
    const bool loaded = o->isLoaded(attr);
    const QVariant old = loaded ? o->m_values[attr] : QVariant();
    value = m_events.fireValue(EventType::Set, o, attr, value, old, true);
    // An object given to a column is kept as it is: SQLAlchemy accepts the
    // assignment, and the statement that would send it fails (unbindable).
    const bool object = value.metaType() == QMetaType::fromType<ObjectRef>();
    if (value.isValid() && !value.isNull() && !object) {
        auto n = columnValue(o->mapper()->columns()[attr], o->mapper()->columnType(attr), value);
        if (!n)
            fail(n.error().kind, n.error().message, o->label() + QLatin1Char('.') + n.error().where);
        value = *n;
    }
    markModified(o, attr);
    o->m_values[attr] = value;
    o->setFlag(attr, Instance::Loaded, true);
    o->setFlag(attr, Instance::Expired, false);
}

namespace {
const Initiator *token(const void *p)
{
    return static_cast<const Initiator *>(p);
}
} // namespace

void Session::setReference(Instance *o, int rel, Instance *value, const void *init)
{
    const int attr = o->columnCount() + rel;
    auto checkType = [&] {
        const ResolvedRelationship &r = o->mapper()->relationships()[rel];
        const Mapper *target = targetOf(r);
        if (value && value->mapper() != target)
            fail(QStringLiteral("KeyError"), Tr::tr("%1.%2 takes a %3, not a %4 (%5)")
                                                 .arg(o->mapper()->className(), r.name,
                                                      target->className(),
                                                      value->mapper()->className(), value->label()));
    };
    if (backrefRelation(o->mapper(), rel) < 0)
        checkType();
    const Initiator own{o->mapper()->classId(), attr, Initiator::Append};
    const Initiator &in = init ? *token(init) : own;
    bool known = true;
    Instance *old = currentReference(o, rel, false, &known);

    if (!(known && old == value)) {
        // 1. cascade (save-update along the attribute set directly, not along a backref)
        if (o->isAttached() && value && !contains(value) && o->mapper()->cascade(rel).saveUpdate
            && in.classId == own.classId && in.attr == own.attr)
            saveOrUpdate(value, true);
        // 2. backref
        const int brel = backrefRelation(o->mapper(), rel);
        if (brel >= 0) {
            if (known && old) {
                const Initiator recursive{old->mapper()->classId(), old->columnCount() + brel,
                                          Initiator::Remove};
                if (!(in == recursive))
                    collectionRemove(old, brel, o, &own);
            }
            // SQLAlchemy fails on a wrong class only here, after the old side's remove
            checkType();
            if (value) {
                const int battr = value->columnCount() + brel;
                const Initiator appendTok{value->mapper()->classId(), battr, Initiator::Append};
                const Initiator bulkTok{value->mapper()->classId(), battr, Initiator::BulkReplace};
                if (!(in == appendTok) && !(in == bulkTok))
                    collectionAppend(value, brel, o, &in);
            }
        }
    }
    // 3. the attribute's own event
    const QVariant v = value ? QVariant::fromValue(ObjectRef{value->id()}) : QVariant();
    const QVariant oldV = known && old ? QVariant::fromValue(ObjectRef{old->id()}) : QVariant();
    const QVariant result = m_events.fireValue(EventType::Set, o, attr, v, oldV, true);
    if (result.metaType() == QMetaType::fromType<ObjectRef>())
        value = object(result.value<ObjectRef>().id);
    else if (!result.isValid() || result.isNull())
        value = nullptr;
    auto &slot = o->m_rels[size_t(rel)];
    if (!o->isModified(attr)) {
        markModified(o, attr);
        slot.committedRef = known ? old : nullptr;
        o->setFlag(attr, Instance::NoCommitted, !known);
    } else {
        markModified(o, attr);
    }
    slot.ref = value;
    o->setFlag(attr, Instance::Loaded, true);
    o->setFlag(attr, Instance::Expired, false);
}

void Session::collectionAppend(Instance *parent, int rel, Instance *item, const void *init)
{
    const int attr = parent->columnCount() + rel;
    const Initiator own{parent->mapper()->classId(), attr, Initiator::Append};
    const Initiator &in = init ? *token(init) : own;
    const bool present = collectionPresent(parent, rel);
    // 1. cascade
    if (parent->isAttached() && !contains(item) && parent->mapper()->cascade(rel).saveUpdate
        && in.classId == own.classId && in.attr == own.attr)
        saveOrUpdate(item, true);
    // 2. backref
    const int brel = backrefRelation(parent->mapper(), rel);
    if (brel >= 0) {
        const Initiator childTok{item->mapper()->classId(), item->columnCount() + brel,
                                 Initiator::Append};
        if (!(in == childTok))
            setReference(item, brel, parent, &in);
    }
    // 3. the collection's own event
    m_events.fireValue(EventType::Append, parent, attr, QVariant::fromValue(ObjectRef{item->id()}), {},
              false);
    auto &slot = parent->m_rels[size_t(rel)];
    if (present) {
        markModified(parent, attr);
        slot.items.append(item);
    } else {
        // PendingCollection.append(): an append cancels a queued remove
        if (!slot.pendingRemoves.removeOne(item) && !slot.pendingAdds.contains(item))
            slot.pendingAdds.append(item);
        noteChanged(parent);
    }
    // fire_append_event() records the parent after the listeners: while the
    // backref removes the item from its old parent, that one still counts
    setHasParent(item, parent, rel, true);
}

void Session::collectionRemove(Instance *parent, int rel, Instance *item, const void *init)
{
    const int attr = parent->columnCount() + rel;
    const Initiator own{parent->mapper()->classId(), attr, Initiator::Remove};
    const Initiator &in = init ? *token(init) : own;
    const bool present = collectionPresent(parent, rel);
    setHasParent(item, parent, rel, false);
    // 1. cascade: a pending orphan leaves the session at once
    if (parent->mapper()->cascade(rel).deleteOrphan && isOrphan(item)) {
        if (parent->isAttached() && m_new.contains(item)) {
            QList<Instance *> states{item};
            states += cascadeIterator(*this, item, CascadeKind::Expunge, false);
            expungeStates(states, false);
        } else {
            item->m_orphanedOutside = true;
        }
    }
    // 2. backref: the item's many-to-one is cleared if it still points here
    const int brel = backrefRelation(parent->mapper(), rel);
    if (brel >= 0) {
        const int battr = item->columnCount() + brel;
        const Initiator removeTok{item->mapper()->classId(), battr, Initiator::Remove};
        const Initiator replaceTok{item->mapper()->classId(), battr, Initiator::Append};
        // ... unless the list still holds it twice (util.has_dupes())
        const bool dupes = present && parent->m_rels[size_t(rel)].items.count(item) > 1;
        if (!(in == removeTok) && !(in == replaceTok) && !dupes) {
            bool known = true;
            Instance *current = currentReference(item, brel, false, &known);
            if (!known || current == parent)
                setReference(item, brel, nullptr, &in);
        }
    }
    // 3. the collection's own event
    m_events.fireAttr(EventType::Remove, parent, attr, QVariant::fromValue(ObjectRef{item->id()}));
    auto &slot = parent->m_rels[size_t(rel)];
    if (present) {
        markModified(parent, attr);
        slot.items.removeOne(item); // list.remove(): the first occurrence
    } else {
        // PendingCollection.remove(): a remove cancels a queued append
        if (!slot.pendingAdds.removeOne(item) && !slot.pendingRemoves.contains(item))
            slot.pendingRemoves.append(item);
        noteChanged(parent);
    }
}

void Session::collectionReplace(Instance *parent, int rel, const QList<Instance *> &items)
{
    const int attr = parent->columnCount() + rel;
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
    parent->m_rels[size_t(rel)].items = items;
}

// ---- SQL --------------------------------------------------------------------------------

void Session::autoflush()
{
    if (m_options.autoflush && !m_flushing)
        flushImpl();
}

void Session::beginWork()
{
    assertActive();
    autobegin();
}

Instance *Session::createLoaded(const Mapper *m, const QVariant &key)
{
    return create(m, m->className() + QLatin1Char('#') + keyString(key), key);
}

// ---- the unit of work ----------------------------------------------------------------

struct Session::FlushContext
{
    /// Foreign keys to copy from a parent's primary key (nullptr: set NULL).
    QHash<Instance *, QList<QPair<int, Instance *>>> parentSync;
    /// Objects outside the session that a saved parent's collection gained
    /// (or lost): OneToManyDP.process_saves() still sets their foreign key
    /// after the parent's save, though they are not flushed.
    struct OutsideSync
    {
        Instance *child;
        int fkCol;
        bool clear;
    };
    QHash<Instance *, QList<OutsideSync>> outsideSync;
    /// The objects the flush saves that had no identity when it began: a
    /// failure in finalizing makes them pending again.
    QList<Instance *> pending;
};

void Session::presort(UnitOfWork &uow)
{
    // Dependency processors: what a changed collection or a deleted parent
    // means for the children (SQLAlchemy's OneToManyDP.presort_*).
    FlushContext &ctx = *m_flush;
    // DependencyProcessor.prop_has_changes() for the objects to delete: a
    // many-to-one's history is read through its foreign key, so an expired
    // one loads the object (a row that is gone fails the flush here, before
    // any hook); the first object whose many-to-one holds something ends
    // the walk for that relationship.
    {
        QHash<QPair<const Mapper *, int>, bool> settled;
        for (Instance *o : uow.deletes()) {
            const auto &rels = o->mapper()->relationships();
            for (int r = 0; r < rels.size(); ++r) {
                if (rels[r].kind != RelationshipKind::ManyToOne || settled.value({o->mapper(), r}))
                    continue;
                const int fkCol = rels[r].foreignKey.columnIndex;
                const int attr = o->columnCount() + r;
                if (!o->isLoaded(attr) && o->identity() && o->isExpired(fkCol) && !o->isLoaded(fkCol))
                    loadExpired(o, false);
                // PASSIVE_NO_FETCH_RELATED against the committed key (the unit
                // of work reads history LOAD_AGAINST_COMMITTED): the reference
                // is taken from the identity map (an expired one as it is) or
                // is None; no SELECT
                if (!o->isLoaded(attr) && o->identity() && o->isAttached() && o->isLoaded(fkCol)) {
                    QVariant fk = o->value(fkCol);
                    if (o->isModified(fkCol))
                        fk = (o->m_flags[size_t(fkCol)] & Instance::NoCommitted) ? QVariant()
                                                                                 : o->committed(fkCol);
                    Instance *t = fk.isNull() ? nullptr : m_identity.lookup(targetOf(rels[r]), fk);
                    if (fk.isNull() || t) {
                        auto &slot = o->m_rels[size_t(r)];
                        slot.ref = t;
                        slot.committedRef = t;
                        o->setFlag(attr, Instance::Loaded, true);
                        o->setFlag(attr, Instance::Expired, false);
                    }
                }
                if ((o->isLoaded(attr) && o->m_rels[size_t(r)].ref)
                    || (o->isLoaded(fkCol) && !o->value(fkCol).isNull()))
                    settled.insert({o->mapper(), r}, true);
            }
        }
    }
    // OneToManyDP.presort_deletes() of deleted parent @p o along @p r: the
    // objects removed from its collection and given no other parent are
    // deleted (delete-orphan) or lose their foreign key, and so do the ones
    // it holds (without delete cascade). With @p sync off only the objects
    // are registered: a parent whose delete is cancelled later in the same
    // processor is saved instead, and keys its children as a save does.
    auto presortDelete = [&](Instance *o, int r, bool sync) {
        const auto &rels = o->mapper()->relationships();
        const Cascade &cascade = o->mapper()->cascade(r);
        const int fkCol = rels[r].foreignKey.columnIndex;
        // delete() cascaded along the collection as it is now: a child
        // moved to another parent stays where it went.
        const int attr = o->columnCount() + r;
        const auto &slot = o->m_rels[size_t(r)];
        // the history is read with passive_deletes off (PASSIVE_OFF): a
        // collection not loaded (expired by a refresh, say) is loaded here
        if (!o->isLoaded(attr) && o->identity() && o->isAttached())
            (void)currentCollection(o, r);
        QList<Instance *> removed;
        if (o->isLoaded(attr) && o->isModified(attr)) {
            for (Instance *c : slot.committedItems)
                if (!slot.items.contains(c))
                    removed << c;
        } else if (!o->isLoaded(attr)) {
            removed = slot.pendingRemoves;
        }
        for (Instance *c : std::as_const(removed)) {
            if (!c->isAttached() || hasParent(c, o->mapper()->classId(), r))
                continue;
            if (cascade.deleteOrphan) {
                if (!c->identity())
                    continue;
                uow.registerDelete(c);
                for (Instance *d : cascadeIterator(*this, c, CascadeKind::Delete, true))
                    if (d->isAttached() && d->identity())
                        uow.registerDelete(d);
            } else {
                if (sync)
                    ctx.parentSync[c].append({fkCol, nullptr});
                if (!uow.isDelete(c))
                    uow.registerSave(c);
            }
        }
        if (cascade.deleteCascade)
            return; // delete() cascaded already
        const QList<Instance *> children = currentCollection(o, r);
        for (Instance *c : children) {
            if (!c->isAttached() || uow.isDelete(c))
                continue;
            if (sync)
                ctx.parentSync[c].append({fkCol, nullptr});
            uow.registerSave(c);
        }
    };
    for (qsizetype i = 0; i < uow.saves().size(); ++i) {
        Instance *o = uow.saves()[i];
        const auto &rels = o->mapper()->relationships();
        for (int r = 0; r < rels.size(); ++r) {
            if (rels[r].kind != RelationshipKind::OneToMany)
                continue;
            const int attr = o->columnCount() + r;
            const auto &slot = o->m_rels[size_t(r)];
            QList<Instance *> added, removed;
            // a collection's history (get_history()): nothing for one not
            // loaded, whose queued appends only its children's many-to-one carry
            const bool history = (o->isLoaded(attr) && o->isModified(attr))
                || (!o->isLoaded(attr) && !o->identity());
            if (o->isLoaded(attr) && o->isModified(attr)) {
                for (Instance *c : slot.items)
                    if (!slot.committedItems.contains(c))
                        added << c;
                for (Instance *c : slot.committedItems)
                    if (!slot.items.contains(c))
                        removed << c;
            } else if (!o->isLoaded(attr) && !o->identity()) {
                added = slot.pendingAdds;
            } else if (!o->isLoaded(attr)) {
                added = slot.pendingAdds;
                removed = slot.pendingRemoves;
            }
            const int fkCol = rels[r].foreignKey.columnIndex;
            const Cascade &cascade = o->mapper()->cascade(r);
            for (Instance *c : removed) {
                if (!contains(c)) { // register_object() takes only what the session holds
                    if (!cascade.deleteOrphan && !hasParent(c, o->mapper()->classId(), r))
                        ctx.outsideSync[o].append({c, fkCol, true});
                    continue;
                }
                if (cascade.deleteOrphan) {
                    // a pending orphan too (re-added after it was orphaned
                    // outside the session): SQLAlchemy 1.4 registers it for
                    // delete all the same, see deleteRow()
                    if (isOrphan(c)) {
                        uow.registerDelete(c);
                        for (Instance *d : cascadeIterator(*this, c, CascadeKind::Delete, true))
                            if (d->isAttached() && d->identity())
                                uow.registerDelete(d);
                    }
                } else {
                    // process_saves() clears the key only of a child that
                    // has no parent now (one moved elsewhere keeps the new one)
                    if (!hasParent(c, o->mapper()->classId(), r))
                        ctx.parentSync[c].append({fkCol, nullptr});
                    if (!uow.isDelete(c))
                        uow.registerSave(c);
                }
            }
            for (Instance *c : added) {
                if (!contains(c)) {
                    if (c->state() != ObjectState::Deleted)
                        m_events.warn(Tr::tr("%1 is not in the session; the add along %2.%3 does not proceed")
                                 .arg(c->label(), o->mapper()->className(), rels[r].name));
                    ctx.outsideSync[o].append({c, fkCol, false});
                    continue;
                }
                ctx.parentSync[c].append({fkCol, o});
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
        }
    }
    for (qsizetype i = 0; i < uow.deletes().size(); ++i) {
        Instance *o = uow.deletes()[i];
        const auto &rels = o->mapper()->relationships();
        for (int r = 0; r < rels.size(); ++r) {
            if (rels[r].kind == RelationshipKind::OneToMany)
                presortDelete(o, r, true);
        }
    }
}

void Session::syncForeignKeys(Instance *o)
{
    // Copy primary keys into foreign keys: from the object's many-to-one
    // references, and from the parents whose collections it joined or left.
    auto assign = [&](int col, const QVariant &v) {
        setColumn(o, col, v);
    };
    // sync.populate() reads the parent's key as an attribute: an expired
    // one is loaded (and a parent whose row is gone fails the flush).
    auto key = [&](Instance *parent) {
        const int pk = parent->mapper()->primaryKeyIndex();
        if (parent->identity() && parent->isExpired(pk) && !parent->isLoaded(pk))
            loadExpired(parent, false);
        return parent->keyValue();
    };
    for (const auto &[col, parent] : m_flush->parentSync.value(o))
        assign(col, parent ? key(parent) : QVariant());
    const auto &rels = o->mapper()->relationships();
    for (int r = 0; r < rels.size(); ++r) {
        if (rels[r].kind != RelationshipKind::ManyToOne)
            continue;
        const int attr = o->columnCount() + r;
        if (!o->isLoaded(attr) || !o->isModified(attr))
            continue;
        Instance *ref = o->m_rels[size_t(r)].ref;
        // ManyToOneDP._synchronize(): a parent the session does not hold
        // gives no key ("operation won't proceed")
        if (ref && !contains(ref)) {
            m_events.warn(Tr::tr("%1 is not in the session; the add along %2.%3 does not proceed")
                     .arg(ref->label(), o->mapper()->className(), rels[r].name));
            continue;
        }
        assign(rels[r].foreignKey.columnIndex, ref ? key(ref) : QVariant());
    }
}

void Session::syncAfterSave(const QList<Instance *> &saved)
{
    if (m_flush->outsideSync.isEmpty())
        return;
    for (Instance *parent : saved) {
        for (const FlushContext::OutsideSync &sync : m_flush->outsideSync.value(parent))
            setColumn(sync.child, sync.fkCol, sync.clear ? QVariant() : parent->keyValue());
    }
}

void Session::finalizeFlush(UnitOfWork &uow)
{
    if (!uow.deletes().isEmpty())
        removeNewlyDeleted(uow.deletes());
    QList<Instance *> becamePersistent;
    for (Instance *o : uow.saves()) {
        // _register_persistent() reads the identity key: an expired primary
        // key is loaded, and a row that is gone fails the flush here.
        const int pk = o->mapper()->primaryKeyIndex();
        if (o->identity() && o->isExpired(pk) && !o->isLoaded(pk))
            loadExpired(o, false);
        const bool wasNew = m_new.contains(o);
        if (!o->identity()) {
            o->m_key = o->value(pk);
        } else if (o->isLoaded(pk) && o->value(pk).isNull()) {
            fail(QStringLiteral("FlushError"),
                 Tr::tr("%1 has a NULL identity key").arg(o->label()));
        } else if (o->isLoaded(pk) && identityKey(o->value(pk)) != identityKey(*o->identity())) {
            // the primary key was changed: the identity map is re-keyed
            // (safe_discard, then replace), and a rollback gives it back
            if (m_tx)
                m_tx->noteKeySwitch(o, *o->identity());
            m_identity.remove(o);
            o->m_key = o->value(pk);
        }
        for (auto &rel : o->m_rels) {
            rel.pendingAdds.clear();
            rel.pendingRemoves.clear();
        }
        commitState(o);
        m_identity.add(o);
        o->m_orphanedOutside = false;
        heartbeat();
        if (wasNew) {
            becamePersistent << o;
            if (m_tx)
                m_tx->noteInserted(o);
        }
    }
    for (Instance *o : becamePersistent) {
        m_events.fire(EventType::PendingToPersistent, o);
        heartbeat();
    }
    for (Instance *o : becamePersistent)
        m_new.remove(o);
}

void Session::flushImpl()
{
    if (m_flushing)
        fail(kInvalid, Tr::tr("the session is already flushing"));
    if (isClean())
        return;
    m_flushing = true;
    struct Reset
    {
        Session *s;
        ~Reset()
        {
            s->m_flushing = false;
            s->m_flush = nullptr;
            s->m_persistence.setUnitOfWork(nullptr);
        }
    } reset{this};
    FlushContext ctx;
    m_flush = &ctx;

    m_events.flushHook(EventType::BeforeFlush);

    UnitOfWork uow(*m_registry);
    m_persistence.setUnitOfWork(&uow);
    QList<Instance *> proc = m_new.list();
    for (Instance *o : dirtyObjects()) {
        if (!m_new.contains(o))
            proc.append(o);
    }
    for (Instance *o : proc) {
        if (o->isMarkedDeleted())
            continue;
        const bool orphan = isOrphan(o);
        const bool persistentOrphan = orphan && o->identity();
        if (orphan && !persistentOrphan && o->m_orphanedOutside)
            expungeStates({o}, false);
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
        if (!contains(o))
            fail(QStringLiteral("AssertionError"),
                 Tr::tr("the flush cannot take %1: it is marked for deletion, but its delete was "
                        "already flushed").arg(o->label()));
        if (!uow.isRegistered(o))
            uow.registerDelete(o);
    }
    if (!uow.hasWork())
        return;

    autobegin();
    assertActive();
    m_events.fireTransaction(EventType::AfterTransactionCreate, true);

    try {
        presort(uow);
        for (Instance *o : uow.saves())
            if (!o->identity())
                ctx.pending.append(o);
        const QList<UnitOfWork::SaveBatch> saves = uow.saveBatches();
        const QList<UnitOfWork::DeleteBatch> deletes = uow.deleteBatches();
        for (const UnitOfWork::Action &action : uow.actions()) {
            if (!action.isDelete) {
                for (const UnitOfWork::SaveBatch &batch : saves)
                    if (batch.mapper == action.mapper)
                        m_persistence.save(batch);
            } else {
                for (const UnitOfWork::DeleteBatch &batch : deletes)
                    if (batch.mapper == action.mapper)
                        m_persistence.remove(batch);
            }
        }
        m_events.flushHook(EventType::AfterFlush);
        finalizeFlush(uow);
        if (m_identity.anyModified()) {
            const QList<Instance *> changed = m_identity.modified();
            for (Instance *o : changed)
                commitState(o);
            m_events.warn(Tr::tr("attribute changes made inside flush hooks on %1 objects were reset and "
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
        for (Instance *o : std::as_const(ctx.pending)) {
            if (o->identity()) {
                // finalizing had begun: the object is pending again
                m_identity.remove(o);
                if (m_tx)
                    m_tx->forgetInserted(o);
                m_new.append(o);
                o->m_key.reset();
            }
        }
        try {
            rollbackTransaction(true);
        } catch (const Failure &) {
            // the restore failed ("is not persisted"): SQLAlchemy leaves the
            // flush's subtransaction open and inactive, as the session's own
            m_flushStuck = true;
            throw;
        }
        throw;
    }
}

// ---- public operations ------------------------------------------------------------

Result<Instance *> Session::newObject(const QString &className, const QString &label,
                                      const QVariantMap &values)
{
    return guarded([&]() -> Result<Instance *> {
        const Mapper *m = mapperOf(className);
        Instance *o = create(m, label.isEmpty() ? className + QLatin1Char('#') + QLatin1Char('?') : label);
        m_events.fire(EventType::Init, o);
        // values in the class's attribute order: columns, then relationships
        for (int a = 0; a < m->attributeNames().size(); ++a) {
            const auto it = values.constFind(m->attributeNames()[a]);
            if (it == values.cend())
                continue;
            try {
                if (o->isColumn(a)) {
                    setColumn(o, a, *it);
                } else {
                    const int r = o->relationshipIndex(a);
                    if (m->relationships()[r].kind == RelationshipKind::ManyToOne) {
                        Instance *ref = it->metaType() == QMetaType::fromType<ObjectRef>()
                            ? object(it->value<ObjectRef>().id)
                            : nullptr;
                        setReference(o, r, ref, nullptr);
                    } else {
                        QList<Instance *> items;
                        for (const QVariant &v : it->toList())
                            if (Instance *i = object(v.value<ObjectRef>().id))
                                items << i;
                        collectionReplace(o, r, items);
                    }
                }
            } catch (...) {
                m_events.fire(EventType::InitFailure, o);
                throw;
            }
        }
        // the constructor refuses a keyword it does not know (TypeError), after the known ones
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            if (m->attributeIndex(it.key()) == 0) {
                m_events.fire(EventType::InitFailure, o);
                fail(QStringLiteral("TypeError"),
                     Tr::tr("%1 has no attribute %2").arg(className, it.key()));
            }
        }
        return o;
    });
}

Result<void> Session::set(Instance *o, const QString &attr, const QVariant &value)
{
    return guarded([&] {
        const int a = attrIndex(o, attr);
        if (o->isColumn(a)) {
            setColumn(o, a, value);
            return;
        }
        const int r = o->relationshipIndex(a);
        if (o->mapper()->relationships()[r].kind == RelationshipKind::ManyToOne) {
            Instance *ref = value.metaType() == QMetaType::fromType<ObjectRef>()
                ? object(value.value<ObjectRef>().id)
                : nullptr;
            if (value.isValid() && !value.isNull() && !ref)
                fail(kInvalid, Tr::tr("%1 takes an object").arg(attr));
            setReference(o, r, ref, nullptr);
        } else {
            if (value.typeId() != QMetaType::QVariantList)
                fail(QStringLiteral("TypeError"), Tr::tr("%1 takes a list of objects").arg(attr));
            QList<Instance *> items;
            for (const QVariant &v : value.toList()) {
                Instance *i = object(v.value<ObjectRef>().id);
                if (!i)
                    fail(kInvalid, Tr::tr("%1 takes a list of objects").arg(attr));
                items << i;
            }
            collectionReplace(o, r, items);
        }
    });
}

Result<QVariant> Session::read(Instance *o, const QString &attr)
{
    return guarded([&]() -> Result<QVariant> {
        const int a = attrIndex(o, attr);
        if (o->isColumn(a))
            return currentColumn(o, a);
        const int r = o->relationshipIndex(a);
        if (o->mapper()->relationships()[r].kind == RelationshipKind::ManyToOne) {
            if (o->identity() && !o->isLoaded(a) && !o->isAttached())
                fail(QStringLiteral("DetachedInstanceError"),
                     Tr::tr("%1 is not bound to a session; %2 cannot be loaded").arg(o->label(), attr));
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
            if (!(o->m_flags[size_t(a)] & Instance::EmptyMade)) {
                o->setFlag(a, Instance::EmptyMade, true);
                m_events.fire(EventType::InitCollection, o, a);
            }
            return QVariant(out);
        }
        for (Instance *i : currentCollection(o, r))
            out << QVariant::fromValue(ObjectRef{i->id()});
        return QVariant(out);
    });
}

int Session::collectionIndex(Instance *o, const QString &attr)
{
    const int a = attrIndex(o, attr);
    if (!o->isColumn(a)
        && o->mapper()->relationships()[o->relationshipIndex(a)].kind == RelationshipKind::OneToMany)
        return o->relationshipIndex(a);
    // getattr(obj, attr).append(): the attribute is read, then the call fails
    if (o->isColumn(a))
        currentColumn(o, a);
    else
        currentReference(o, o->relationshipIndex(a), true);
    fail(QStringLiteral("AttributeError"),
         Tr::tr("%1.%2 is not a collection").arg(o->mapper()->className(), attr));
}

Result<void> Session::append(Instance *o, const QString &attr, Instance *item)
{
    return guarded([&] {
        const int r = collectionIndex(o, attr);
        const auto &rel = o->mapper()->relationships()[r];
        if (item->mapper() != targetOf(rel))
            fail(kInvalid, Tr::tr("%1 holds %2 objects, not %3")
                               .arg(attr, targetOf(rel)->className(),
                                    item->mapper()->className()));
        currentCollection(o, r);
        collectionAppend(o, r, item, nullptr);
    });
}

Result<void> Session::remove(Instance *o, const QString &attr, Instance *item)
{
    return guarded([&] {
        const int r = collectionIndex(o, attr);
        const bool present = currentCollection(o, r).contains(item);
        // SQLAlchemy's instrumented list fires the event before list.remove() fails
        collectionRemove(o, r, item, nullptr);
        if (!present)
            fail(QStringLiteral("ValueError"),
                 Tr::tr("%1 is not in %2.%3").arg(item->label(), o->label(), attr));
    });
}

Result<void> Session::add(Instance *o)
{
    return guarded([&] {
        use();
        saveOrUpdate(o, true);
    });
}

void Session::deleteImpl(Instance *o, bool head)
{
    if (!o->identity()) {
        if (head)
            fail(kInvalid, Tr::tr("%1 is not persisted").arg(o->label()));
        return;
    }
    autobegin();
    const bool attach = !o->isAttached();
    if (attach)
        m_events.fire(EventType::BeforeAttach, o);
    if (o->isMarkedDeleted())
        return;
    failOnAnotherWithKey(o);
    m_identity.add(o);
    if (attach) {
        o->setAttached(true);
        m_events.fire(EventType::AfterAttach, o);
        m_events.fire(EventType::DetachedToPersistent, o);
    }
    QList<Instance *> cascaded;
    if (head)
        cascaded = cascadeIterator(*this, o, CascadeKind::Delete, true);
    o->m_markedDeleted = true;
    m_deleted.append(o);
    for (Instance *c : cascaded)
        deleteImpl(c, false);
}

Result<void> Session::remove(Instance *o)
{
    return guarded([&] {
        use();
        deleteImpl(o, true);
    });
}

Result<void> Session::expunge(Instance *o)
{
    return guarded([&] {
        use();
        if (!o->isAttached())
            fail(kInvalid, Tr::tr("%1 is not present in this session").arg(o->label()));
        QList<Instance *> states{o};
        states += cascadeIterator(*this, o, CascadeKind::Expunge, false);
        expungeStates(states, false);
    });
}

void Session::expireStateOf(Instance *o, const QStringList &attrs)
{
    // Session._expire_state(): only an object of this session's identity
    // map (not a pending one, nor one whose delete was flushed, nor one a
    // bulk delete removed); without names the expiry cascades along
    // refresh-expire, and a pending object it reaches leaves the session.
    if (!o->isAttached() || !o->identity() || m_identity.lookup(o->mapper(), *o->identity()) != o)
        fail(kInvalid, Tr::tr("%1 is not persistent within this session").arg(o->label()));
    if (!attrs.isEmpty()) {
        QList<int> idx;
        for (const QString &a : attrs)
            idx << attrIndex(o, a);
        expireAttributes(o, idx, true);
        return;
    }
    const QList<Instance *> cascaded = cascadeIterator(*this, o, CascadeKind::RefreshExpire, false);
    expireState(o);
    for (Instance *c : cascaded) {
        if (c->identity())
            expireState(c);
        else if (m_new.remove(c))
            detachStates({c}, false);
    }
}

Result<void> Session::expire(Instance *o, const QStringList &attrs)
{
    return guarded([&] {
        use();
        expireStateOf(o, attrs);
    });
}

Result<void> Session::refresh(Instance *o, const QStringList &attrs)
{
    return guarded([&] {
        use();
        expireStateOf(o, attrs);
        bool columns = attrs.isEmpty();
        for (const QString &a : attrs)
            columns = columns || o->isColumn(attrIndex(o, a));
        if (!columns) {
            // SQLAlchemy 1.4 expires, autoflushes and only then refuses.
            // The query takes its connection (after_begin) before it fails.
            autoflush();
            m_events.fire(EventType::DoOrmExecute);
            assertActive();
            autobegin();
            if (auto r = m_conn.begin(); !r)
                fail(kOperational, r.error().message);
            fail(kInvalid, Tr::tr("no column of %1 to refresh: use expire() to reload collections "
                                  "and related objects")
                               .arg(o->label()));
        }
        // load_on_ident() finds no row: refresh() says so itself
        if (!m_loading.loadExpiredUnlessGone(o, true))
            fail(kInvalid, Tr::tr("could not refresh %1: its row is not in the database")
                               .arg(o->label()));
    });
}

Result<void> Session::flush()
{
    return guarded([&] {
        use();
        flushImpl();
    });
}

Result<void> Session::commit()
{
    return guarded([&] {
        use();
        autobegin();
        assertActive();
        m_events.fire(EventType::BeforeCommit);
        for (int guard = 0; !isClean(); ++guard) {
            if (guard == 100)
                fail(QStringLiteral("FlushError"),
                     Tr::tr("over 100 subsequent flushes have occurred within commit(); hooks keep "
                            "changing the session"));
            flushImpl();
        }
        if (auto r = m_conn.commit(); !r) {
            rollbackTransaction(false);
            fail(databaseErrorKind(r.error()), r.error().message);
        }
        m_tx->deactivate();
        m_events.fire(EventType::AfterCommit);
        if (m_options.expireOnCommit) {
            for (Instance *o : identityMap()) {
                expireState(o);
                heartbeat();
            }
            detachStates(m_tx->takeDeleted(), false);
        }
        endTransaction();
    });
}

Result<void> Session::rollback()
{
    return guarded([&] {
        use();
        rollbackTransaction(false);
    });
}

Result<void> Session::close()
{
    return guarded([&] {
        use();
        QList<Instance *> all = identityMap();
        all += m_new.list();
        m_identity.clear();
        m_new.clear();
        for (Instance *o : m_deleted.list())
            o->m_markedDeleted = false;
        m_deleted.clear();
        detachStates(all, false);
        if (m_tx) {
            (void)m_conn.rollback();
            endStuckFlush();
            endTransaction();
        }
    });
}

Result<Instance *> Session::get(const QString &className, const QVariant &id)
{
    return guarded([&]() -> Result<Instance *> {
        use();
        const Mapper *m = mapperOf(className);
        auto pk = columnValue(m->primaryKey(), id);
        if (!pk)
            fail(pk.error().kind, pk.error().message);
        if (pk->isNull())
            return static_cast<Instance *>(nullptr);
        return m_query.get(m, *pk);
    });
}

Result<QList<Instance *>> Session::query(const QString &className, const Filters &where,
                                         const QString &orderBy)
{
    return guarded([&]() -> Result<QList<Instance *>> {
        use();
        return m_query.query(mapperOf(className), where, orderBy);
    });
}

Result<qint64> Session::bulkUpdate(const QString &className, const Filters &where,
                                   const QVariantMap &values)
{
    return guarded([&]() -> Result<qint64> {
        use();
        return m_query.bulkUpdate(mapperOf(className), where, values);
    });
}

Result<qint64> Session::bulkDelete(const QString &className, const Filters &where)
{
    return guarded([&]() -> Result<qint64> {
        use();
        return m_query.bulkDelete(mapperOf(className), where);
    });
}

} // namespace ms
