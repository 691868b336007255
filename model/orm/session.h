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
    void setOptions(const SessionOptions &options) { m_options = options; }
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
    int objectCount() const { return int(m_objects.size()); }

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
    Result<void> refresh(Instance *object, const QStringList &attrs = {});
    Result<void> flush();
    Result<void> commit();
    Result<void> rollback();
    Result<void> close();
    /// The object with primary key @p id: the identity map first, then a
    /// SELECT. nullptr when there is no such row.
    Result<Instance *> get(const QString &className, const QVariant &id);
    Result<QList<Instance *>> query(const QString &className, const Filters &where = {},
                                    const QString &orderBy = QString());
    /// UPDATE/DELETE ... WHERE outside the unit of work; objects in the
    /// session that match are synchronised as SQLAlchemy's 'evaluate' does.
    Result<qint64> bulkUpdate(const QString &className, const Filters &where,
                              const QVariantMap &values);
    Result<qint64> bulkDelete(const QString &className, const Filters &where);

    // ---- what the session holds -----------------------------------------
    QList<Instance *> identityMap() const;
    /// The sizes of the sets, without listing them.
    qsizetype identityCount() const;
    qsizetype dirtyCount() const;
    QList<Instance *> newObjects() const { return m_new.copy(); }
    QList<Instance *> dirtyObjects() const override;
    QList<Instance *> deletedObjects() const { return m_deleted.copy(); }
    bool inTransaction() const { return m_tx.has_value(); }
    /// A flush failed and the transaction waits for rollback().
    bool needsRollback() const { return m_tx && !m_tx->isActive(); }
    bool isClean() const;

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

    const Mapper *mapperOf(const QString &className) const;
    int attrIndex(const Instance *o, const QString &attr) const;
    /// A new object named @p label; with @p loadedKey, one loaded from a row,
    /// whose label is not kept but made from its class and key.
    Instance *create(const Mapper *mapper, const QString &label, const QVariant &loadedKey = {});

    void heartbeat()
    {
        if (m_beat && (++m_beatCount & 127) == 0 && m_beatClock.elapsed() >= m_beatInterval) {
            m_beatClock.restart();
            m_beat();
        }
    }

    // transactions
    void autobegin();
    void assertActive();
    void endTransaction();
    void rollbackTransaction(bool fromFlush);
    /// The failed flush's subtransaction that its rollback left open ends.
    void endStuckFlush();
    // TransactionContext
    QList<Instance *> pendingObjects() const override;
    QList<Instance *> markedDeleted() const override;
    void expungeToTransient(const QList<Instance *> &objects) override;
    void restoreKey(Instance *o, const QVariant &oldKey, bool keep) override;
    void revertDeletion(Instance *o) override;
    void expireIdentityMap() override;

    /// The relationship index of @p attr when it is a collection; otherwise
    /// reads it (as getattr() would) and fails with AttributeError.
    int collectionIndex(Instance *o, const QString &attr);
    // AttributesContext
    bool isPending(Instance *o) const override { return m_new.contains(o); }
    void expungeOrphan(Instance *o) override;
    /// The object changed: into the dirty set, and its first change begins the transaction.
    void noteChanged(Instance *o) override;
    Instance *instance(quint32 id) const override { return object(id); }

    // session bookkeeping
    /// Session._contains_state(): pending here, or in the identity map.
    bool contains(const Instance *o) const;
    void saveOrUpdate(Instance *o, bool cascade) override;
    void saveOrUpdateOne(Instance *o);
    // CascadeContext
    Instance *loadReference(Instance *o, int rel) override;
    QList<Instance *> loadCollection(Instance *o, int rel) override;
    bool holds(const Instance *o) const override;
    void deleteImpl(Instance *o, bool head);
    void expungeStates(const QList<Instance *> &states, bool toTransient) override;
    void detachStates(const QList<Instance *> &states, bool toTransient);
    void markDirty(Instance *o);
    void commitState(Instance *o) override;
    void expireState(Instance *o);

    // PersistenceContext (and QueryContext, LoadingContext)
    void beginWork() override;
    void autoflush() override;
    Instance *createLoaded(const Mapper *m, const QVariant &key) override;
    const Instance *objectById(quint32 id) const override { return object(id); }
    void progress() override { heartbeat(); }
    void removeNewlyDeleted(const QList<Instance *> &states) override;
    void syncForeignKeys(Instance *o) override;
    void syncAfterSave(const QList<Instance *> &saved) override;
    void loadExpired(Instance *o, bool autoflushFirst) { m_loading.loadExpired(o, autoflushFirst); }

    // the flush
    void flushImpl();
    void expireStateOf(Instance *o, const QStringList &attrs);
    void failOnAnotherWithKey(const Instance *o) const;
    Flush *m_flush = nullptr; ///< the flush under way
    // FlushContext
    void beginFlushTransaction() override;
    SessionTransaction *transaction() override { return m_tx ? &*m_tx : nullptr; }
    void rollbackFailedFlush() override;
    CascadeContext &cascades() override { return *this; }

    Registry *m_registry;
    Dispatcher *m_dispatcher;
    Connection m_conn;
    SqlBuilder m_sql;
    SessionOptions m_options;
    std::vector<std::unique_ptr<Instance>> m_objects;
    QHash<QString, Instance *> m_labels;
    IdentityMap m_identity;
    OrderedSet<Instance *> m_new;
    qint64 m_insertCounter = 0;
    OrderedSet<Instance *> m_deleted;
    std::optional<SessionTransaction> m_tx;
    bool m_flushing = false;
    /// A flush's rollback failed while restoring (SQLAlchemy leaves that
    /// flush's subtransaction as the session's, inactive).
    bool m_flushStuck = false;
    bool m_used = false;
    SessionEvents m_events;
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
