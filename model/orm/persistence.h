#pragma once

#include "query.h"
#include "unitofwork.h"

#include <QSet>

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
    void insertRow(Instance *o);
    void updateRow(Instance *o);
    void sendUpdate(Instance *o, const QList<int> &columns, const QVariant &key);
    void deleteRow(Instance *o);
    Instance *rowSwitchTarget(Instance *o);
    void switchRow(Instance *o);
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
};

} // namespace ms
