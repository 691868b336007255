#pragma once

#include "query.h"
#include "unitofwork.h"

#include <QHash>
#include <QSet>

#include <optional>

namespace ms {

/// What the flush's statements ask of the session: the foreign keys the
/// dependency step copies (sync.py) before and after a save, and the
/// bookkeeping of a holder whose row is gone.
class PersistenceContext : public QueryContext
{
public:
    /// sync.populate() before @p o is saved: the foreign keys it takes from
    /// its parents (an expired parent key is loaded).
    virtual void syncForeignKeys(Instance *o) = 0;
    /// OneToManyDP.process_saves() once @p saved are written: the foreign
    /// keys of children outside the flush that their collections gained or
    /// lost.
    virtual void syncAfterSave(const QList<Instance *> &saved) = 0;
};

/// SQLAlchemy's persistence.py: the INSERT, UPDATE and DELETE statements of
/// one mapper's batch inside a flush, between its before_ and after_ hooks
/// (a self-referential class in waves, parents first), the row switch of a
/// new object that takes the key of one this flush deletes, the generated
/// key and the column defaults read back.
class Persistence
{
public:
    Persistence(PersistenceContext &context, Loading &loading, Connection &connection,
                const SqlBuilder &sql, SessionEvents &events, IdentityMap &identity)
        : m_ctx(context), m_loading(loading), m_conn(connection), m_sql(sql), m_events(events),
          m_identity(identity)
    {
    }

    /// A flush of @p uow begins (and ends: nullptr).
    void setUnitOfWork(const UnitOfWork *uow)
    {
        m_uow = uow;
        m_rowSwitched.clear();
    }
    /// save_obj(): before_insert/before_update, the statements, after_*.
    void save(const UnitOfWork::SaveBatch &batch);
    /// delete_obj(): before_delete, the DELETEs, after_delete.
    void remove(const UnitOfWork::DeleteBatch &batch);
    /// ManyToManyDP._run_crud(): the association rows of many-to-many
    /// @p rel of class @p m, each its two keys in the table's column order:
    /// one DELETE for all of @p deletes (StaleDataError when fewer rows
    /// match), then one INSERT for all of @p inserts. No mapper hooks.
    void linkRows(const Mapper *m, int rel, const QList<QVariantList> &deletes,
                  const QList<QVariantList> &inserts);

private:
    void saveWave(const UnitOfWork::SaveBatch &batch);
    void connect();
    /// An UPDATE that ran: its SET columns and the rows it matched.
    struct Sent
    {
        QList<int> columns;
        qint64 rows = 0;
    };
    /// Consecutive UPDATEs of one set of SET columns (SQLAlchemy's group of
    /// records that share their parameter keys).
    struct UpdateGroup
    {
        QList<int> columns;
        qint64 records = 0;
        qint64 rows = 0;
    };
    void insertRow(Instance *o);
    std::optional<Sent> updateRow(Instance *o);
    Sent sendUpdate(Instance *o, QList<int> columns, const QVariant &key);
    /// StaleDataError when @p group matched fewer rows than it has UPDATEs.
    void checkUpdated(const Mapper *m, const UpdateGroup &group) const;
    /// The rows the DELETE matched.
    qint64 deleteRow(Instance *o);
    Instance *rowSwitchTarget(Instance *o);
    std::optional<Sent> switchRow(Instance *o);
    /// The version counter's committed value of @p from, as the row of
    /// @p o's statement has it (loaded when expired): m_versions.
    void readVersion(Instance *o, Instance *from);
    /// The version @p o's statement checks; a StatementError naming
    /// @p bindName when it is NULL.
    QVariant versionFor(const Instance *o, const QString &bindName, const QString &sql) const;
    void failOnCycle(const QList<Instance *> &cyclic) const;
    void failOnUnbindable(const Instance *o, const QVariantList &params, const QString &sql) const;

    PersistenceContext &m_ctx;
    Loading &m_loading;
    Connection &m_conn;
    const SqlBuilder &m_sql;
    SessionEvents &m_events;
    IdentityMap &m_identity;
    const UnitOfWork *m_uow = nullptr;
    /// Objects to delete whose row a new object with the same key took
    /// (a row switch): their DELETE becomes the new object's UPDATE.
    QSet<const Instance *> m_rowSwitched;
    /// The version counter each UPDATE or DELETE of the batch checks
    /// (SQLAlchemy's update_version_id), read after the object's before_ hook.
    QHash<const Instance *, QVariant> m_versions;
};

} // namespace ms
