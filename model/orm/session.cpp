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


} // namespace

Session::Session(Registry *registry, Dispatcher *dispatcher, QObject *parent)
    : QObject(parent), m_registry(registry), m_dispatcher(dispatcher), m_conn(dispatcher),
      m_sql(m_conn), m_events(dispatcher),
      m_loading(*this, m_conn, m_sql, m_events, m_identity),
      m_query(*this, m_loading, m_conn, m_sql, m_events, m_identity),
      m_persistence(*this, m_loading, m_conn, m_sql, m_events, m_identity),
      m_attributes(*registry, m_events, m_loading, m_identity, *this)
{
    m_identity.reset(registry->mappers().size());
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
    o->resizeParents(m_attributes.parentRuleCount(mapper->classId()));
    if (loaded) {
        // Found by objectByLabel() through the identity map; a label given
        // earlier to another object now names this one ("last given").
        o->setKey(loadedKey);
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
        if (o && !o->hasOwnLabel() && o->label() == label)
            return o;
    }
    for (auto it = m_objects.crbegin(); it != m_objects.crend(); ++it) {
        const Instance *o = it->get();
        if (o->mapper() == m && !o->hasOwnLabel() && o->identity() && o->label() == label)
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
    o->setKey(oldKey);
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
    o->setDirty(true);
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
            o->setInsertOrder(++m_insertCounter);
        if (attach) {
            o->setAttached(true);
            m_events.fire(EventType::AfterAttach, o);
            m_events.fire(EventType::TransientToPending, o);
        }
        return;
    }
    // _update_impl
    if (o->isDeletedFlushed())
        fail(kInvalid, Tr::tr("%1 has been deleted; it cannot be added back").arg(o->label()));
    autobegin();
    const bool attach = !o->isAttached();
    if (attach)
        m_events.fire(EventType::BeforeAttach, o);
    if (o->isMarkedDeleted()) {
        o->setMarkedDeleted(false);
        m_deleted.remove(o);
    }
    failOnAnotherWithKey(o);
    m_identity.add(o);
    if (attach) {
        o->setAttached(true);
        if (o->isDirty())
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
    return m_attributes.currentReference(o, rel, true);
}

QList<Instance *> Session::loadCollection(Instance *o, int rel)
{
    return m_attributes.currentCollection(o, rel);
}

bool Session::holds(const Instance *o) const
{
    return contains(o);
}

void Session::saveOrUpdate(Instance *o, bool withCascade)
{
    o->setOrphanedOutside(false);
    saveOrUpdateOne(o);
    if (!withCascade)
        return;
    for (Instance *child : cascadeIterator(*this, o, CascadeKind::SaveUpdate, false))
        saveOrUpdateOne(child);
}

void Session::detachStates(const QList<Instance *> &states, bool toTransient)
{
    for (Instance *o : states) {
        const bool deleted = o->isDeletedFlushed();
        const bool pending = !o->identity();
        const bool persistent = !pending && !deleted;
        o->setAttached(false);
        if (toTransient && o->identity()) {
            if (!o->hasOwnLabel()) {
                // `Class#key` without a key: the label is kept as it was.
                o->keepLabel();
                if (!m_labels.contains(o->label()))
                    m_labels.insert(o->label(), o);
            }
            o->clearKey();
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
                o->setMarkedDeleted(false);
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
        o->setMarkedDeleted(false);
        m_deleted.remove(o);
        o->setDeletedFlushed(true);
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

// ---- attributes (what attributes.cpp asks of the session) -------------------------------

void Session::expungeOrphan(Instance *o)
{
    QList<Instance *> states{o};
    states += cascadeIterator(*this, o, CascadeKind::Expunge, false);
    expungeStates(states, false);
}

void Session::noteChanged(Instance *o)
{
    const bool wasClean = !o->isDirty();
    markDirty(o);
    // A persistent object's first change begins the session's transaction.
    if (wasClean && o->isAttached() && o->identity() && !m_flushing)
        autobegin();
}

bool Session::contains(const Instance *o) const
{
    // Session._contains_state(): pending, or in the identity map (an object
    // whose delete was flushed is neither, and a cascade reaching it fails).
    return m_new.contains(const_cast<Instance *>(o))
        || (o->identity() && m_identity.lookup(o->mapper(), *o->identity()) == o);
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

// ---- the flush (what flush.cpp asks of the session) ------------------------------------

void Session::syncForeignKeys(Instance *o)
{
    m_flush->syncForeignKeys(o);
}

void Session::syncAfterSave(const QList<Instance *> &saved)
{
    m_flush->syncAfterSave(saved);
}

void Session::beginFlushTransaction()
{
    autobegin();
    assertActive();
}

void Session::rollbackFailedFlush()
{
    try {
        rollbackTransaction(true);
    } catch (const Failure &) {
        // the restore failed ("is not persisted"): SQLAlchemy leaves the
        // flush's subtransaction open and inactive, as the session's own
        m_flushStuck = true;
        throw;
    }
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
    Flush flush(*m_registry, m_events, m_identity, m_loading, m_persistence, m_attributes, m_new,
                m_deleted, *this);
    m_flush = &flush;
    flush.run();
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
                    m_attributes.setColumn(o, a, *it);
                } else {
                    const int r = o->relationshipIndex(a);
                    if (m->relationships()[r].kind == RelationshipKind::ManyToOne) {
                        Instance *ref = it->metaType() == QMetaType::fromType<ObjectRef>()
                            ? object(it->value<ObjectRef>().id)
                            : nullptr;
                        m_attributes.setReference(o, r, ref, nullptr);
                    } else {
                        QList<Instance *> items;
                        for (const QVariant &v : it->toList())
                            if (Instance *i = object(v.value<ObjectRef>().id))
                                items << i;
                        m_attributes.collectionReplace(o, r, items);
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
            m_attributes.setColumn(o, a, value);
            return;
        }
        const int r = o->relationshipIndex(a);
        if (o->mapper()->relationships()[r].kind == RelationshipKind::ManyToOne) {
            Instance *ref = value.metaType() == QMetaType::fromType<ObjectRef>()
                ? object(value.value<ObjectRef>().id)
                : nullptr;
            if (value.isValid() && !value.isNull() && !ref)
                fail(kInvalid, Tr::tr("%1 takes an object").arg(attr));
            m_attributes.setReference(o, r, ref, nullptr);
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
            m_attributes.collectionReplace(o, r, items);
        }
    });
}

Result<QVariant> Session::read(Instance *o, const QString &attr)
{
    return guarded([&]() -> Result<QVariant> {
        const int a = attrIndex(o, attr);
        if (o->isColumn(a))
            return m_attributes.currentColumn(o, a);
        const int r = o->relationshipIndex(a);
        if (o->mapper()->relationships()[r].kind == RelationshipKind::ManyToOne) {
            if (o->identity() && !o->isLoaded(a) && !o->isAttached())
                fail(QStringLiteral("DetachedInstanceError"),
                     Tr::tr("%1 is not bound to a session; %2 cannot be loaded").arg(o->label(), attr));
            Instance *ref = m_attributes.currentReference(o, r, true);
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
        for (Instance *i : m_attributes.currentCollection(o, r))
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
        m_attributes.currentColumn(o, a);
    else
        m_attributes.currentReference(o, o->relationshipIndex(a), true);
    fail(QStringLiteral("AttributeError"),
         Tr::tr("%1.%2 is not a collection").arg(o->mapper()->className(), attr));
}

Result<void> Session::append(Instance *o, const QString &attr, Instance *item)
{
    return guarded([&] {
        const int r = collectionIndex(o, attr);
        const auto &rel = o->mapper()->relationships()[r];
        if (item->mapper() != m_attributes.targetOf(rel))
            fail(kInvalid, Tr::tr("%1 holds %2 objects, not %3")
                               .arg(attr, m_attributes.targetOf(rel)->className(),
                                    item->mapper()->className()));
        m_attributes.currentCollection(o, r);
        m_attributes.collectionAppend(o, r, item, nullptr);
    });
}

Result<void> Session::remove(Instance *o, const QString &attr, Instance *item)
{
    return guarded([&] {
        const int r = collectionIndex(o, attr);
        const bool present = m_attributes.currentCollection(o, r).contains(item);
        // SQLAlchemy's instrumented list fires the event before list.remove() fails
        m_attributes.collectionRemove(o, r, item, nullptr);
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
    o->setMarkedDeleted(true);
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
        // SQLAlchemy keeps the object flagged modified: it stays in the dirty
        // set and the next flush fires before_update/after_update for it.
        m_events.fireExpired(o, o->expireAttributes(idx));
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
            o->setMarkedDeleted(false);
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
