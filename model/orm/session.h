#pragma once

#include "attributes.h"
#include "cascade.h"
#include "connection.h"
#include "core/result.h"
#include "events/event.h"
#include "failure.h"
#include "flush.h"
#include "identitymap.h"
#include "instance.h"
#include "loading.h"
#include "membership.h"
#include "objects.h"
#include "orderedset.h"
#include "persistence.h"
#include "query.h"
#include "sessionevents.h"
#include "sessiontransaction.h"
#include "sqlbuilder.h"
#include "orm/settings.h"
#include "unitofwork.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ms {

class Dispatcher;
class MapperExtension;
class Registry;
class SessionExtension;

/// SQLAlchemy's Session over Qt SQL: the identity map, the new, dirty and
/// deleted sets, the unit of work, transactions, and every ORM event in
/// SQLAlchemy 1.4's order (events.md).
///
/// Every operation returns a Result; a failure names what failed (the
/// statement, the hook) and Error::kind says which SQLAlchemy exception it
/// corresponds to (IntegrityError, InvalidRequestError, ...). Objects are
/// created by the session (newObject()) and live as long as it does.
class Session : public QObject,
                private AttributesContext,
                private CascadeContext,
                private FlushContext,
                private MembershipContext,
                private PersistenceContext,
                private TransactionContext
{
    Q_OBJECT
public:
    Session(Registry *registry, Dispatcher *dispatcher, QObject *parent = nullptr);
    ~Session() override;

    Registry *registry() const { return m_registry; }
    Dispatcher *dispatcher() const { return m_dispatcher; }
    Connection &connection() { return m_conn; }

    SessionOptions options() const { return m_options; }
    /// Also the ORM: a Ming session (Orm::Ming) follows Ming's ODMSession
    /// instead (mingsession.cpp, events.md "A Ming session").
    void setOptions(const SessionOptions &options);
    /// A Ming ODMSession: its unit of work flushes one object at a time in
    /// the order objects entered it, with no transaction; it fires only its
    /// extensions. Operations Ming has no counterpart for fail.
    bool isMing() const { return m_options.orm == Orm::Ming; }
    void setAutoflush(bool on) { m_options.autoflush = on; }
    void setExpireOnCommit(bool on) { m_options.expireOnCommit = on; }

    /// @p beat is called now and then during long work (a flush's objects,
    /// a commit's, a query's rows), at most every @p intervalMs: a window
    /// repaints and shows the events so far instead of freezing. It must
    /// not change the session.
    void setHeartbeat(std::function<void()> beat, int intervalMs = 30);
    /// Whether an operation is under way: running (its heartbeat lets the
    /// event loop turn) or paused inside one of its hooks. Nothing may
    /// replace or close the session meanwhile.
    bool isBusy() const { return m_operations > 0; }

    /// Ming: extensions chain in registration order. Refused once the session
    /// has been used (an object added, a query run, a flush, ...).
    Result<void> registerExtension(std::shared_ptr<SessionExtension> extension);
    Result<void> registerExtension(const QString &className,
                                   std::shared_ptr<MapperExtension> extension);

    // ---- objects -------------------------------------------------------
    /// Constructs a transient object (`init`, then a `set` per value in the
    /// class's attribute order). Values: column values, an ObjectRef for a
    /// many-to-one, a list of ObjectRef for a one-to-many.
    Result<Instance *> newObject(const QString &className, const QString &label,
                                 const QVariantMap &values = {});
    Instance *object(quint32 id) const;
    /// The object last given @p label (by newObject() or as `Class#pk` when loaded).
    Instance *objectByLabel(const QString &label) const;
    QList<Instance *> objects() const;
    /// How many objects the session has created: their ids are 1..objectCount().
    int objectCount() const { return m_objects->count(); }

    // ---- several sessions (a project's "sessions") ------------------------
    /// Makes this session number @p number, named @p name, of the group
    /// @p first leads (nullptr: this one leads): the group's sessions share
    /// their objects (ids and labels), which move between them: add() of
    /// an object another session holds is refused, as SQLAlchemy refuses
    /// it. Called before the session makes or loads an object.
    void joinGroup(Session *first, quint8 number, const QString &name);
    /// Its number in its group (1 alone); its objects carry it.
    quint8 number() const { return m_sessionNumber; }
    /// Its name in its group (empty alone).
    QString name() const { return m_name; }

    /// Assigns an attribute (fires `set`, and the backref's event on the other side).
    Result<void> set(Instance *object, const QString &attr, const QVariant &value);
    /// Reads an attribute, loading it when expired or not loaded.
    Result<QVariant> read(Instance *object, const QString &attr);
    Result<void> append(Instance *object, const QString &attr, Instance *item);
    Result<void> remove(Instance *object, const QString &attr, Instance *item);

    // ---- session operations ---------------------------------------------
    Result<void> add(Instance *object);
    Result<void> remove(Instance *object);
    Result<void> expunge(Instance *object);
    Result<void> expire(Instance *object, const QStringList &attrs = {});
    /// session.expire_all(): every object of the identity map expired (not
    /// pending ones), an `expire` event each, no cascade.
    Result<void> expireAll();
    /// session.expunge_all(): every object leaves the session, detached
    /// (close() without ending the transaction).
    Result<void> expungeAll();
    /// sqlalchemy.orm.make_transient(): @p object leaves its session (as
    /// expunge() without cascade) and forgets its identity, its expired
    /// attributes and a flushed delete: a read of what was not loaded is
    /// None, and add() makes it pending again (an INSERT).
    Result<void> makeTransient(Instance *object);
    /// sqlalchemy.orm.make_transient_to_detached(): a transient @p object
    /// takes the identity its primary key attributes give, its values
    /// become committed and what it has not loaded is expired (an `expire`
    /// event): add() makes it persistent without SQL.
    Result<void> makeTransientToDetached(Instance *object);
    Result<void> refresh(Instance *object, const QStringList &attrs = {});
    Result<void> flush();
    /// Flushes, then commits every open transaction, savepoints first
    /// (a future session's commit()).
    Result<void> commit();
    /// Rolls back every open transaction, savepoints first (a future
    /// session's rollback()).
    Result<void> rollback();
    Result<void> close();
    /// session.begin_nested(): flushes (whatever autoflush says), then
    /// opens a nested transaction, a SAVEPOINT sent with its first
    /// statement; its rollback gives back only what changed inside it.
    Result<void> beginNested();
    /// session.get_nested_transaction().commit(): the innermost savepoint
    /// flushes and is released; what it did becomes its parent's.
    Result<void> commitNested();
    /// session.get_nested_transaction().rollback(): back to the innermost
    /// savepoint; the objects it inserted become transient, those it
    /// saved or left changed are expired, its deletes are undone. The
    /// outer transaction goes on (also after a flush failed inside it).
    Result<void> rollbackNested();
    /// How many savepoints (nested transactions) are open.
    int savepointDepth() const { return m_txns.nestingDepth(); }
    /// session.merge(): the object of this session that takes @p source's
    /// state: @p source itself when this session holds it, else the one of
    /// its key in the identity map, else one a SELECT loads, else a new
    /// pending one; @p source's loaded attributes are set on it (`set`
    /// events), along the relationships that cascade merge. With @p load
    /// false (load=False) nothing is selected or fired on the copy, which
    /// becomes persistent as it is (@p source must have an identity and no
    /// changes). Autoflushes first when @p load; never while it merges.
    Result<Instance *> merge(Instance *source, bool load = true);
    /// The object with primary key @p id: the identity map first, then a
    /// SELECT. nullptr when there is no such row.
    Result<Instance *> get(const QString &className, const QVariant &id);
    /// A query; @p options names a loading strategy for relationships of
    /// the class (joinedload(), selectinload(), ...: name -> "joined", ...).
    /// With @p populateExisting (Query.populate_existing()), an object the
    /// query finds already in the identity map takes the row's values
    /// whatever it holds (a change not flushed is lost), its relationships
    /// load again, and `refresh` fires for it.
    Result<QList<Instance *>> query(const QString &className, const Filters &where = {},
                                    const QString &orderBy = QString(),
                                    const QHash<QString, QString> &options = {},
                                    bool populateExisting = false);
    /// UPDATE/DELETE ... WHERE outside the unit of work; objects in the
    /// session that match are synchronised as SQLAlchemy's 'evaluate' does.
    /// Without @p synchronize (synchronize_session=False) the objects in
    /// the session are left as they are: a loaded value goes stale.
    Result<qint64> bulkUpdate(const QString &className, const Filters &where,
                              const QVariantMap &values, bool synchronize = true);
    Result<qint64> bulkDelete(const QString &className, const Filters &where,
                              bool synchronize = true);

    // ---- what the session holds -----------------------------------------
    QList<Instance *> identityMap() const
    {
        return isMing() ? m_ming.imap.values() : m_identity.all();
    }
    /// The sizes of the sets, without listing them.
    qsizetype identityCount() const { return isMing() ? m_ming.imap.size() : m_identity.count(); }
    qsizetype dirtyCount() const
    {
        return isMing() ? mingWithStatus(MingStatus::Dirty).size() : m_identity.dirtyCount();
    }
    QList<Instance *> newObjects() const
    {
        return isMing() ? mingWithStatus(MingStatus::New) : m_members.pending().copy();
    }
    QList<Instance *> dirtyObjects() const override
    {
        return isMing() ? mingWithStatus(MingStatus::Dirty) : m_identity.dirty();
    }
    QList<Instance *> deletedObjects() const
    {
        return isMing() ? mingWithStatus(MingStatus::Deleted) : m_members.deleted().copy();
    }
    /// A Ming session's unit of work, in the order its flush takes it.
    QList<Instance *> mingUnitOfWork() const { return m_ming.uow.copy(); }
    bool inTransaction() const { return m_txns.isOpen(); }
    /// A flush failed and the transaction waits for rollback().
    bool needsRollback() const { return m_txns.needsRollback(); }
    bool isClean() const override { return m_members.isClean(); }

Q_SIGNALS:
    /// After every operation that may have changed objects or sets.
    void changed();

private:
    using Failure = EngineFailure; // thrown inside the engine, returned as an Error
    template<typename T>
    struct ResultOf
    {
        using type = T;
    };
    template<typename F>
    auto guarded(F &&body) -> typename ResultOf<decltype(body())>::type;
    [[noreturn]] static void fail(const QString &kind, const QString &message,
                                  const QString &where = QString());
    void use() { m_used = true; }
    /// SessionTransaction._prepare_impl(): `before_commit`, then flushes
    /// until the session is clean.
    void prepareCommit();
    /// Fails, naming @p what, when no savepoint is open.
    void refuseWithoutSavepoint(const QString &what) const;
    /// What one merge() has walked (SQLAlchemy's _recursive and
    /// _resolve_conflict_map).
    struct MergeState
    {
        QHash<const Instance *, Instance *> copies;  ///< source -> its copy
        /// (source, relationship) pairs merged along: a relationship's reverse
        /// is not merged back (its backref already set it).
        QSet<QPair<const Instance *, qint64>> walked;
        QHash<QPair<quint32, QString>, Instance *> byKey; ///< (class, key) -> copy
    };
    /// Session._merge(): @p source's copy (merge.cpp).
    Instance *mergeOne(Instance *source, bool load, MergeState &merged);
    /// RelationshipProperty.merge() of relationship @p rel.
    void mergeRelationship(Instance *source, Instance *copy, int rel, bool load, MergeState &merged);
    /// A copy made without a key (Class#?) takes the label its key gives
    /// once it has one, as SQLAlchemy's trace names it from then on.
    void settleLabel(Instance *o);

    const Mapper *mapperOf(const QString &className) const;
    /// The key get() looks for, each value converted to its column's type:
    /// @p id itself for a one-column key, or a list of values (or a map by
    /// column name), a composite key's as a list.
    static QVariant keyOfGet(const Mapper *m, const QVariant &id);
    int attrIndex(const Instance *o, const QString &attr) const;
    /// A new object named @p label; with @p loadedKey, one loaded from a row.
    Instance *create(const Mapper *mapper, const QString &label, const QVariant &loadedKey = {});
    /// The object an ObjectRef value names (nullptr: none, or not a reference).
    Instance *referenced(const QVariant &value) const;
    /// Assigns attribute @p a from a value of newObject() or set();
    /// @p strict refuses a relationship value that names no object.
    void assign(Instance *o, int a, const QVariant &value, bool strict);

    void heartbeat()
    {
        if (m_beat && (++m_beatCount & 127) == 0 && m_beatClock.elapsed() >= m_beatInterval) {
            m_beatClock.restart();
            m_beat();
        }
    }

    // TransactionContext
    QList<Instance *> pendingObjects() const override { return m_members.pending().list(); }
    QList<Instance *> markedDeleted() const override { return m_members.deleted().list(); }
    void expungeToTransient(const QList<Instance *> &objects) override
    {
        m_members.expunge(objects, true);
    }
    void restoreKey(Instance *o, const QVariant &oldKey, bool keep) override
    {
        m_members.restoreKey(o, oldKey, keep);
    }
    void revertDeletion(Instance *o) override { m_members.revertDeletion(o); }
    void expireIdentityMap(const OrderedSet<Instance *> *only = nullptr) override;
    void detachDeleted(const QList<Instance *> &objects) override { m_members.detach(objects, false); }

    // MembershipContext
    void autobegin() override { m_txns.begin(); }
    void keepLabel(Instance *o) override { m_objects->keepLabel(o); }
    quint8 sessionNumber() const override { return m_sessionNumber; }
    QString sessionName(quint8 number) const override { return m_objects->sessionName(number); }

    // AttributesContext
    bool isPending(Instance *o) const override { return m_members.isPending(o); }
    void saveOrUpdate(Instance *o, bool cascade) override { m_members.saveOrUpdate(o, cascade); }
    void expungeOrphan(Instance *o) override;
    /// The object changed: into the dirty set, and its first change begins the transaction.
    void noteChanged(Instance *o) override;
    Instance *instance(quint32 id) const override { return object(id); }

    // CascadeContext
    // (the delete cascade loads with PASSIVE_OFF: lazy="raise" refuses it)
    Instance *loadReference(Instance *o, int rel) override
    {
        m_attributes.refuseRaiseLoad(o, rel);
        return m_attributes.currentReference(o, rel, true);
    }
    QList<Instance *> loadCollection(Instance *o, int rel) override
    {
        m_attributes.refuseRaiseLoad(o, rel);
        return m_attributes.currentCollection(o, rel);
    }
    bool holds(const Instance *o) const override { return m_members.contains(o); }
    AttributesContext &holderContext(quint8 holder) override;

    // PersistenceContext (and QueryContext, LoadingContext)
    void beginWork() override;
    void autoflush() override;
    Instance *createLoaded(const Mapper *m, const QVariant &key) override;
    const Instance *objectById(quint32 id) const override { return object(id); }
    Instance *objectToLoad(quint32 id) override { return object(id); }
    void progress() override { heartbeat(); }
    void loadRelationship(Instance *o, int rel) override;
    void removeNewlyDeleted(const QList<Instance *> &states) override
    {
        m_members.removeNewlyDeleted(states);
    }
    void syncForeignKeys(Instance *o) override { m_flush->syncForeignKeys(o); }
    void syncAfterSave(const QList<Instance *> &saved) override { m_flush->syncAfterSave(saved); }

    // FlushContext
    void beginFlushTransaction() override;
    SessionTransaction *transaction() override { return m_txns.current(); }
    void expungeStates(const QList<Instance *> &states, bool toTransient) override
    {
        m_members.expunge(states, toTransient);
    }
    void commitState(Instance *o) override { m_members.commitState(o); }
    void rollbackFailedFlush() override { m_txns.rollbackFailedFlush(); }
    CascadeContext &cascades() override { return *this; }

    // ---- Ming's ODMSession (mingsession.cpp) -----------------------------
    /// ObjectState.status of Ming's objects.
    enum class MingStatus : quint8 { New, Clean, Dirty, Deleted };
    struct MingState
    {
        OrderedSet<Instance *> uow;                 ///< UnitOfWork._objects, in order
        QHash<const Instance *, MingStatus> status; ///< (objects made by it or loaded)
        /// IdentityMap: (class, key text) -> object
        QHash<QPair<quint32, QString>, Instance *> imap;
        QHash<quint32, qint64> maxKey; ///< per class: the largest integer key given so far
        /// RelationProperty's extra_state: relationship read once, kept
        /// (an ObjectRef, null, or a list of them)
        QHash<QPair<const Instance *, int>, QVariant> fetched;
    };
    QList<Instance *> mingWithStatus(MingStatus status) const;
    [[noreturn]] void mingRefuse(const QString &op) const;
    Instance *mingNew(const Mapper *m, const QString &label, const QVariantMap &values);
    /// setattr(): a column (validated; the object soils when the value
    /// changes), a many-to-one (its foreign key), a one-to-many (the
    /// children's foreign keys).
    void mingAssign(Instance *o, int a, const QVariant &value);
    QVariant mingColumn(const Mapper *m, int c, const QVariant &value) const;
    /// FieldProperty.__get__() of column @p c: a value the document lacks
    /// takes its if_missing (the next integer key, a default, None), or is
    /// Invalid when required.
    QVariant mingField(Instance *o, int c);
    QVariant mingRead(Instance *o, int a);
    void mingFlush();
    /// insert_now, update_now, delete_now: the object's hooks around its write.
    void mingWrite(Instance *o, MingStatus status);
    /// find(where).sort(orderBy): the objects a cursor yields (@p first:
    /// first(), one next()); with @p refresh, found objects take the row.
    QList<Instance *> mingFind(const Mapper *m, const Filters &where, const QString &orderBy,
                               bool first = false, bool refresh = false);
    Instance *mingLoad(const Mapper *m, const QList<QVariant> &row, bool refresh);
    Instance *mingGet(const Mapper *m, const QVariant &key);
    /// Class.query.remove(where): before_remove and after_remove around it.
    qint64 mingRemove(const Mapper *m, const Filters &where);
    /// Class.query.update(where, {"$set": values}, multi=True): no hook.
    qint64 mingUpdate(const Mapper *m, const Filters &where, const QVariantMap &values);
    void mingSave(Instance *o);
    void mingExpunge(Instance *o);
    void mingClear();
    QVariant mingKey(const Instance *o) const;
    QPair<quint32, QString> mingImapKey(const Mapper *m, const QVariant &key) const;
    /// The statement's text: the MongoDB operation Ming sends, as a
    /// comment, before the SQL that stands for it.
    static QString mingStatement(const QString &operation, const QString &sql);
    MingState m_ming;

    // the flush
    void flushImpl();
    void expireStateOf(Instance *o, const QStringList &attrs);
    Flush *m_flush = nullptr; ///< the flush under way

    Registry *m_registry;
    Dispatcher *m_dispatcher;
    Connection m_conn;
    SqlBuilder m_sql;
    SessionOptions m_options;
    IdentityMap m_identity;
    std::shared_ptr<Objects> m_objects;
    QString m_name;
    SessionEvents m_events;
    Membership m_members;
    Transactions m_txns;
    bool m_flushing = false;
    bool m_used = false;
    Loading m_loading;
    Query m_query;
    Persistence m_persistence;
    Attributes m_attributes;
    int m_operations = 0; ///< public operations under way (nested: a listener's own)
    std::function<void()> m_beat;
    QElapsedTimer m_beatClock;
    int m_beatInterval = 30;
    quint32 m_beatCount = 0;
};

} // namespace ms
