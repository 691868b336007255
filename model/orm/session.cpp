#include "session.h"

#include "cascade.h"
#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "failure.h"
#include "registry.h"
#include "schema/columnvalue.h"

#include <QScopeGuard>

namespace ms {

using namespace sa; // SQLAlchemy's exception names, used as Error::kind

Session::Session(Registry *registry, Dispatcher *dispatcher, QObject *parent)
    : QObject(parent), m_registry(registry), m_dispatcher(dispatcher), m_conn(dispatcher),
      m_sql(m_conn), m_objects(std::make_shared<Objects>(*registry)), m_events(dispatcher),
      m_members(m_identity, m_events, *this), m_txns(m_conn, m_events, *this),
      m_loading(*this, *registry, m_conn, m_sql, m_events, m_identity),
      m_query(*this, m_loading, m_conn, m_sql, m_events, m_identity),
      m_persistence(*this, m_loading, m_conn, m_sql, m_events, m_identity),
      m_attributes(*registry, m_events, m_loading, m_identity, *this)
{
    m_identity.reset(registry->mappers().size());
    m_objects->setSession(m_sessionNumber, this);
    m_conn.setBeginHook([this] {
        if (m_txns.isOpen())
            m_events.fire(EventType::AfterBegin);
    });
    // a nested transaction's after_begin follows its SAVEPOINT
    m_conn.setSavepointHook([this] { m_events.fire(EventType::AfterBegin); });
    m_events.setLabelSettler([this](Instance *o) { settleLabel(o); });
}

Session::~Session()
{
    if (m_objects->session(m_sessionNumber) == this)
        m_objects->setSession(m_sessionNumber, nullptr);
}

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
        const QString where = EngineText::tr("listener of %1").arg(eventName(e.hook()));
        m_events.recordError(where + QStringLiteral(": ") + e.message());
        Q_EMIT changed();
        return Error{e.message(), where, kHook};
    }
}

const Mapper *Session::mapperOf(const QString &className) const
{
    const Mapper *m = m_registry->mapper(className);
    if (!m)
        fail(kInvalid, EngineText::tr("there is no mapped class %1").arg(className));
    return m;
}

int Session::attrIndex(const Instance *o, const QString &attr) const
{
    const quint32 i = o->mapper()->attributeIndex(attr);
    if (i == 0)
        fail(kInvalid, EngineText::tr("%1 has no attribute %2").arg(o->mapper()->className(), attr));
    return int(i - 1);
}

Instance *Session::create(const Mapper *mapper, const QString &label, const QVariant &loadedKey)
{
    Instance *o = m_objects->create(mapper, label, loadedKey,
                                   m_attributes.parentRuleCount(mapper->classId()));
    if (EventLog *log = m_dispatcher ? m_dispatcher->recorder() : nullptr)
        log->setObjectLabel(o->id(), label);
    return o;
}

Instance *Session::object(quint32 id) const
{
    return m_objects->byId(id);
}

Instance *Session::objectByLabel(const QString &label) const
{
    return m_objects->byLabel(label, m_identity);
}

QList<Instance *> Session::objects() const
{
    return m_objects->all();
}

AttributesContext &Session::holderContext(quint8 holder)
{
    Session *s = m_objects->session(holder);
    return s ? static_cast<AttributesContext &>(*s) : static_cast<AttributesContext &>(*this);
}

void Session::joinGroup(Session *first, quint8 number, const QString &name)
{
    Q_ASSERT(number > 0);
    Q_ASSERT(m_objects->count() == 0);
    m_objects->setSession(m_sessionNumber, nullptr);
    if (first && first != this)
        m_objects = first->m_objects;
    m_objects->setSession(number, this);
    m_sessionNumber = number;
    m_name = name;
}

Instance *Session::referenced(const QVariant &value) const
{
    return value.metaType() == QMetaType::fromType<ObjectRef>() ? object(value.value<ObjectRef>().id)
                                                                : nullptr;
}

// ---- extensions -----------------------------------------------------------------

Result<void> Session::registerExtension(std::shared_ptr<SessionExtension> extension)
{
    if (m_used)
        return Error{EngineText::tr("a session extension can be registered only before the session is "
                            "first used"),
                     {}, kInvalid};
    if (!extension)
        return Error{EngineText::tr("no extension given"), {}, kInvalid};
    m_events.addSessionExtension(std::move(extension));
    return {};
}

Result<void> Session::registerExtension(const QString &className,
                                        std::shared_ptr<MapperExtension> extension)
{
    if (m_used)
        return Error{EngineText::tr("a mapper extension can be registered only before the session is "
                            "first used"),
                     {}, kInvalid};
    const Mapper *m = m_registry->mapper(className);
    if (!m)
        return Error{EngineText::tr("there is no mapped class %1").arg(className), {}, kInvalid};
    if (!extension)
        return Error{EngineText::tr("no extension given"), {}, kInvalid};
    m_events.addMapperExtension(m->classId(), std::move(extension));
    return {};
}

// ---- transactions ---------------------------------------------------------------

void Session::expireIdentityMap(const OrderedSet<Instance *> *only)
{
    for (Instance *o : identityMap()) {
        if (!only || o->isDirty() || only->contains(o))
            m_members.expireState(o);
        heartbeat();
    }
}

void Session::setHeartbeat(std::function<void()> beat, int intervalMs)
{
    m_beat = std::move(beat);
    m_beatInterval = intervalMs;
    m_beatClock.start();
}

// ---- attributes (what attributes.cpp asks of the session) -------------------------------

void Session::expungeOrphan(Instance *o)
{
    QList<Instance *> states{o};
    states += cascadeIterator(*this, o, CascadeKind::Expunge, false);
    m_members.expunge(states, false);
}

void Session::noteChanged(Instance *o)
{
    const bool wasClean = !o->isDirty();
    m_members.markDirty(o);
    // A persistent object's first change begins the session's transaction.
    if (wasClean && o->isAttached() && o->identity() && !m_flushing)
        m_txns.begin();
}

// ---- SQL --------------------------------------------------------------------------------

void Session::autoflush()
{
    if (m_options.autoflush && !m_flushing)
        flushImpl();
}

void Session::beginWork()
{
    m_txns.assertActive();
    m_txns.begin();
}

Instance *Session::createLoaded(const Mapper *m, const QVariant &key)
{
    return create(m, m->className() + QLatin1Char('#') + keyString(key), key);
}

// ---- the flush (what flush.cpp asks of the session) ------------------------------------

void Session::beginFlushTransaction()
{
    m_txns.begin();
    m_txns.assertActive();
}

void Session::flushImpl()
{
    if (m_flushing)
        fail(kInvalid, EngineText::tr("the session is already flushing"));
    if (m_members.isClean())
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
    Flush flush(*m_registry, m_events, m_identity, m_loading, m_persistence, m_attributes,
                m_members.pending(), m_members.deleted(), *this);
    m_flush = &flush;
    flush.run();
}

// ---- public operations ------------------------------------------------------------

Result<Instance *> Session::newObject(const QString &className, const QString &label,
                                      const QVariantMap &values)
{
    return guarded([&]() -> Result<Instance *> {
        const Mapper *m = mapperOf(className);
        if (isMing()) {
            use(); // Ming's constructor adds the object to the session
            return mingNew(m, label, values);
        }
        Instance *o = create(m, label.isEmpty() ? className + QLatin1Char('#') + QLatin1Char('?') : label);
        m_events.fire(EventType::Init, o);
        // values in the class's attribute order: columns, then relationships
        for (int a = 0; a < m->attributeNames().size(); ++a) {
            const auto it = values.constFind(m->attributeNames()[a]);
            if (it == values.cend())
                continue;
            try {
                assign(o, a, *it, false);
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
                     EngineText::tr("%1 has no attribute %2").arg(className, it.key()));
            }
        }
        return o;
    });
}

void Session::assign(Instance *o, int a, const QVariant &value, bool strict)
{
    if (o->isColumn(a)) {
        m_attributes.setColumn(o, a, value);
        return;
    }
    const int r = o->relationshipIndex(a);
    const QString &attr = o->mapper()->attributeNames()[a];
    const ResolvedRelationship &rel = o->mapper()->relationships()[r];
    if (!rel.isCollection()) { // a many-to-one or a one-to-one
        Instance *ref = referenced(value);
        if (strict && value.isValid() && !value.isNull() && !ref)
            fail(kInvalid, EngineText::tr("%1 takes an object").arg(attr));
        if (rel.kind == RelationshipKind::ManyToOne)
            m_attributes.setReference(o, r, ref, nullptr);
        else
            m_attributes.setOneToOne(o, r, ref, nullptr);
        return;
    }
    if (strict && value.typeId() != QMetaType::QVariantList)
        fail(QStringLiteral("TypeError"), EngineText::tr("%1 takes a list of objects").arg(attr));
    QList<Instance *> items;
    for (const QVariant &v : value.toList()) {
        if (Instance *i = referenced(v))
            items << i;
        else if (strict)
            fail(kInvalid, EngineText::tr("%1 takes a list of objects").arg(attr));
    }
    m_attributes.collectionReplace(o, r, items);
}

Result<void> Session::set(Instance *o, const QString &attr, const QVariant &value)
{
    return guarded([&] {
        if (isMing())
            mingAssign(o, attrIndex(o, attr), value);
        else
            assign(o, attrIndex(o, attr), value, true);
    });
}

Result<QVariant> Session::read(Instance *o, const QString &attr)
{
    return guarded([&]() -> Result<QVariant> {
        if (isMing())
            return mingRead(o, attrIndex(o, attr));
        return m_attributes.read(o, attrIndex(o, attr));
    });
}

Result<void> Session::append(Instance *o, const QString &attr, Instance *item)
{
    return guarded([&] {
        if (isMing())
            mingRefuse(QStringLiteral("append"));
        m_attributes.append(o, attrIndex(o, attr), item);
    });
}

Result<void> Session::remove(Instance *o, const QString &attr, Instance *item)
{
    return guarded([&] {
        if (isMing())
            mingRefuse(QStringLiteral("remove"));
        m_attributes.remove(o, attrIndex(o, attr), item);
    });
}

Result<void> Session::add(Instance *o)
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("add"));
        m_members.saveOrUpdate(o, true);
    });
}

Result<void> Session::remove(Instance *o)
{
    return guarded([&] {
        use();
        if (isMing()) {
            // obj.delete(): marked; the flush deletes it if the session holds it
            m_ming.status[o] = MingStatus::Deleted;
            o->setMarkedDeleted(true);
            return;
        }
        m_members.markDeleted(o, true);
    });
}

Result<void> Session::expunge(Instance *o)
{
    return guarded([&] {
        use();
        if (isMing()) { // (an object it does not hold: nothing happens)
            mingExpunge(o);
            return;
        }
        if (!o->isAttached() || o->sessionNumber() != m_sessionNumber)
            fail(kInvalid, EngineText::tr("%1 is not present in this session").arg(o->label()));
        QList<Instance *> states{o};
        states += cascadeIterator(*this, o, CascadeKind::Expunge, false);
        m_members.expunge(states, false);
    });
}

Result<void> Session::expireAll()
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("expire_all"));
        expireIdentityMap();
    });
}

Result<void> Session::expungeAll()
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("expunge_all"));
        m_members.clear();
    });
}

Result<void> Session::makeTransient(Instance *o)
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("make_transient"));
        m_members.makeTransient(o);
    });
}

Result<void> Session::makeTransientToDetached(Instance *o)
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("make_transient_to_detached"));
        if (o->isAttached() || o->identity())
            fail(kInvalid, EngineText::tr("Given object must be transient (%1 is %2)")
                               .arg(o->label(), objectStateName(o->state())));
        // _identity_key_from_state(): SQLAlchemy takes what the key
        // attributes hold, even None; a key no row can have is refused here
        const QVariant key = o->currentKey();
        if (key.isNull())
            fail(kInvalid, EngineText::tr("%1 has no primary key value: make_transient_to_detached() takes "
                                          "its identity from the primary key attributes")
                               .arg(o->label()));
        o->setKey(key);
        o->setDeletedFlushed(false);
        o->commitAll();
        // _expire_attributes(unloaded_expirable)
        QList<int> unloaded;
        for (int a = 0; a < o->attributeCount(); ++a)
            if (!o->isLoaded(a))
                unloaded << a;
        m_events.fireExpired(o, o->expireAttributes(unloaded));
    });
}

void Session::expireStateOf(Instance *o, const QStringList &attrs)
{
    m_members.assertPersistentHere(o);
    QList<int> idx;
    for (const QString &a : attrs)
        idx << attrIndex(o, a);
    m_members.expire(o, idx);
}

Result<void> Session::expire(Instance *o, const QStringList &attrs)
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("expire"));
        expireStateOf(o, attrs);
    });
}

Result<void> Session::refresh(Instance *o, const QStringList &attrs)
{
    return guarded([&] {
        use();
        if (isMing()) {
            // ODMSession.refresh(): expunged, then found again (refresh=True):
            // a new object, which takes the old one's name
            if (!attrs.isEmpty())
                mingRefuse(EngineText::tr("refresh of some attributes"));
            const Mapper *m = o->mapper();
            const QString label = o->label();
            mingExpunge(o);
            const QList<Instance *> found
                = mingFind(m, {{m->columns()[m->primaryKeyIndex()].name, mingKey(o)}}, QString(), true, true);
            if (!found.isEmpty() && found.first() != o) {
                m_objects->relabel(found.first(), label);
                if (EventLog *log = m_dispatcher ? m_dispatcher->recorder() : nullptr)
                    log->relabelObject(found.first()->id(), label);
            }
            return;
        }
        const Connection::Cause cause(m_conn, {StatementCause::Kind::Refresh, o->id(),
                                               quint16(o->mapper()->classId())});
        expireStateOf(o, attrs);
        // (a relationship loaded joined is refreshed by the same statement)
        bool columns = attrs.isEmpty();
        for (const QString &a : attrs) {
            const int i = attrIndex(o, a);
            columns = columns || o->isColumn(i)
                || m_loading.refreshStrategy(o, o->relationshipIndex(i)) == LoadStrategy::Joined;
        }
        if (!columns) {
            // SQLAlchemy 1.4 expires, autoflushes and only then refuses.
            // The query takes its connection (after_begin) before it fails.
            autoflush();
            m_events.fire(EventType::DoOrmExecute);
            beginWork();
            if (auto r = m_conn.begin(); !r)
                fail(kOperational, r.error().message);
            fail(kInvalid, EngineText::tr("no column of %1 to refresh: use expire() to reload collections "
                                  "and related objects")
                               .arg(o->label()));
        }
        // load_on_ident() finds no row: refresh() says so itself. Named
        // attributes are the only ones it loads (only_load_props).
        QSet<int> only;
        for (const QString &a : attrs)
            only.insert(attrIndex(o, a));
        if (!(attrs.isEmpty() ? m_loading.loadExpiredUnlessGone(o, true) : m_loading.refreshOnly(o, only)))
            fail(kInvalid, EngineText::tr("could not refresh %1: its row is not in the database")
                               .arg(o->label()));
    });
}

Result<void> Session::flush()
{
    return guarded([&] {
        use();
        if (isMing())
            mingFlush();
        else
            flushImpl();
    });
}

void Session::prepareCommit()
{
    m_events.fire(EventType::BeforeCommit);
    for (int guard = 0; !m_members.isClean(); ++guard) {
        if (guard == 100)
            fail(QStringLiteral("FlushError"),
                 EngineText::tr("over 100 subsequent flushes have occurred within commit(); hooks keep "
                                "changing the session"));
        flushImpl();
    }
}

Result<void> Session::commit()
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("commit"));
        m_txns.begin();
        // SessionTransaction.commit(_to_root=True): each savepoint commits
        // (before_commit, its flushes, RELEASE, after_commit), then the root
        for (;;) {
            m_txns.assertActive();
            prepareCommit();
            if (m_txns.nestingDepth() == 0)
                break;
            m_txns.commitNested();
        }
        m_txns.commit(m_options.expireOnCommit);
    });
}

Result<void> Session::rollback()
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("rollback"));
        m_txns.rollback();
    });
}

Result<void> Session::close()
{
    return guarded([&] {
        use();
        if (isMing()) { // ODMSession.close(): clear()
            mingClear();
            return;
        }
        m_members.clear();
        m_txns.close();
    });
}

Result<void> Session::beginNested()
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("begin_nested"));
        // Session.begin(nested=True): autobegin, the innermost must be
        // active, and the snapshot's flush comes before the new transaction
        m_txns.begin();
        m_txns.assertActive();
        flushImpl();
        m_txns.beginNested();
    });
}

void Session::refuseWithoutSavepoint(const QString &what) const
{
    if (m_txns.nestingDepth() == 0)
        fail(kInvalid, EngineText::tr("%1: no savepoint is open (begin_nested() opens one)").arg(what));
}

Result<void> Session::commitNested()
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("commit_nested"));
        refuseWithoutSavepoint(QStringLiteral("commit_nested"));
        m_txns.assertActive();
        prepareCommit();
        m_txns.commitNested();
    });
}

Result<void> Session::rollbackNested()
{
    return guarded([&] {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("rollback_nested"));
        refuseWithoutSavepoint(QStringLiteral("rollback_nested"));
        m_txns.rollbackInnermost();
    });
}

QVariant Session::keyOfGet(const Mapper *m, const QVariant &id)
{
    // Session._get_impl(): a list of values in key column order, or a dict
    // by attribute name; a single value is a list of one
    const QList<int> &keys = m->keyColumns();
    QVariantList values;
    const qsizetype given = id.typeId() == QMetaType::QVariantMap ? id.toMap().size()
        : id.typeId() == QMetaType::QVariantList                 ? id.toList().size()
                                                                  : 1;
    if (given != keys.size()) { // (counted before the names are read, a dict's too)
        QStringList columns;
        for (int c : keys)
            columns << QStringLiteral("'%1.%2'").arg(m->tableName(), m->columns()[c].name);
        fail(kInvalid, EngineText::tr("Incorrect number of values in identifier to formulate primary key for "
                                      "session.get(); primary key columns are %1")
                           .arg(columns.join(QLatin1Char(','))));
    }
    if (id.typeId() == QMetaType::QVariantMap) {
        const QVariantMap byName = id.toMap();
        QStringList names;
        for (int c : keys)
            names << QLatin1Char('\'') + m->columns()[c].name + QLatin1Char('\'');
        for (int c : keys) {
            if (!byName.contains(m->columns()[c].name))
                fail(kInvalid, EngineText::tr("Incorrect names of values in identifier to formulate primary key for "
                                              "session.get(); primary key attribute names are %1")
                                   .arg(names.join(QLatin1Char(','))));
            values << byName.value(m->columns()[c].name);
        }
    } else {
        values = id.typeId() == QMetaType::QVariantList ? id.toList() : QVariantList{id};
    }
    for (int i = 0; i < keys.size(); ++i) {
        auto v = columnValue(m->columns()[keys[i]], values[i]);
        if (!v)
            fail(v.error().kind, v.error().message);
        values[i] = *v;
    }
    return keys.size() == 1 ? values.first() : QVariant(values);
}

Result<Instance *> Session::merge(Instance *source, bool load)
{
    return guarded([&]() -> Result<Instance *> {
        use();
        if (isMing())
            mingRefuse(QStringLiteral("merge"));
        // "flush current contents if we expect to load data"
        if (load)
            autoflush();
        // no autoflush while it merges: its SELECTs and loads do not flush
        const bool autoflushWas = m_options.autoflush;
        m_options.autoflush = false;
        const auto restore = qScopeGuard([&] { m_options.autoflush = autoflushWas; });
        MergeState merged; // (merge.cpp)
        return mergeOne(source, load, merged);
    });
}

Result<Instance *> Session::get(const QString &className, const QVariant &id)
{
    return guarded([&]() -> Result<Instance *> {
        use();
        const Mapper *m = mapperOf(className);
        const QVariant key = keyOfGet(m, id);
        if (isMing())
            return mingGet(m, key);
        if (key.isNull())
            return static_cast<Instance *>(nullptr);
        return m_query.get(m, key);
    });
}

Result<QList<Instance *>> Session::query(const QString &className, const Filters &where,
                                         const QString &orderBy, const QHash<QString, QString> &options,
                                         bool populateExisting)
{
    return guarded([&]() -> Result<QList<Instance *>> {
        use();
        const Mapper *m = mapperOf(className);
        if (isMing()) {
            if (!options.isEmpty())
                mingRefuse(EngineText::tr("a loader option"));
            if (populateExisting)
                mingRefuse(QStringLiteral("populate_existing"));
            return mingFind(m, where, orderBy);
        }
        LoadOptions loadOptions;
        for (auto it = options.cbegin(); it != options.cend(); ++it) {
            const quint32 a = m->attributeIndex(it.key());
            if (a == 0 || int(a - 1) < m->columns().size())
                fail(QStringLiteral("ArgumentError"),
                     EngineText::tr("a loader option names %1, which is not a relationship of %2")
                         .arg(it.key(), m->className()));
            const auto strategy = loadStrategyFromName(it.value());
            if (!strategy)
                fail(QStringLiteral("ArgumentError"),
                     EngineText::tr("unknown loading strategy %1 for %2.%3 (use %4)")
                         .arg(it.value(), m->className(), it.key(), loadStrategyNames().join(QStringLiteral(", "))));
            loadOptions.insert(int(a - 1) - int(m->columns().size()), *strategy);
        }
        return m_query.query(m, where, orderBy, loadOptions, populateExisting);
    });
}

void Session::loadRelationship(Instance *o, int rel)
{
    if (o->mapper()->relationships()[rel].kind != RelationshipKind::ManyToOne)
        m_attributes.currentCollection(o, rel);
    else
        m_attributes.currentReference(o, rel, true);
}

Result<qint64> Session::bulkUpdate(const QString &className, const Filters &where,
                                   const QVariantMap &values, bool synchronize)
{
    return guarded([&]() -> Result<qint64> {
        use();
        if (isMing())
            return mingUpdate(mapperOf(className), where, values);
        return m_query.bulkUpdate(mapperOf(className), where, values, synchronize);
    });
}

Result<qint64> Session::bulkDelete(const QString &className, const Filters &where,
                                   bool synchronize)
{
    return guarded([&]() -> Result<qint64> {
        use();
        if (isMing())
            return mingRemove(mapperOf(className), where);
        return m_query.bulkDelete(mapperOf(className), where, synchronize);
    });
}

} // namespace ms
