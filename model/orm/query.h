#pragma once

#include "loading.h"

#include <QVariantMap>

namespace ms {

/// What a query and the bulk statements ask of the session beyond loading:
/// the session's bookkeeping for the objects a bulk DELETE removed.
class QueryContext : public LoadingContext
{
public:
    /// Session._remove_newly_deleted(): each object becomes deleted
    /// (persistent_to_deleted) and leaves the identity map.
    virtual void removeNewlyDeleted(const QList<Instance *> &objects) = 0;
};

/// SQLAlchemy's query.py and persistence.py's bulk statements with
/// evaluator.py: get() through the identity map, a query's SELECT after
/// the autoflush, and UPDATE/DELETE ... WHERE outside the unit of work, whose
/// matching objects in the session are synchronised the way
/// synchronize_session='evaluate' does.
class Query
{
public:
    Query(QueryContext &context, Loading &loading, Connection &connection, const SqlBuilder &sql,
          SessionEvents &events, IdentityMap &identity)
        : m_ctx(context), m_loading(loading), m_conn(connection), m_sql(sql), m_events(events),
          m_identity(identity)
    {
    }

    /// Session.get(): the object in the identity map (loaded first when it
    /// was expired as a whole; nullptr when its row is gone), else a SELECT
    /// after the autoflush. @p pk is normalised and not NULL.
    Instance *get(const Mapper *m, const QVariant &pk);
    /// The autoflush, then the SELECT with the query's hooks and its loader options.
    /// @p populateExisting: Query.populate_existing().
    QList<Instance *> query(const Mapper *m, const Filters &where, const QString &orderBy,
                            const LoadOptions &options = {}, bool populateExisting = false);
    /// UPDATE ... SET @p values WHERE @p where; the number of rows. With
    /// @p synchronize ('evaluate'), the objects in the session that match
    /// take the values; without (synchronize_session=False) they keep what
    /// they hold.
    qint64 bulkUpdate(const Mapper *m, const Filters &where, const QVariantMap &values,
                      bool synchronize = true);
    /// DELETE ... WHERE @p where; the number of rows. With @p synchronize,
    /// the objects in the session that match are deleted from it.
    qint64 bulkDelete(const Mapper *m, const Filters &where, bool synchronize = true);

private:
    /// The evaluator: whether @p o matches @p where in memory, reading an
    /// expired attribute as Python would (it is loaded first).
    bool matches(Instance *o, const Filters &where);
    /// The objects of @p m in the identity map that match (not those
    /// expired as a whole: SQLAlchemy passes over them).
    QList<Instance *> matching(const Mapper *m, const Filters &where);

    QueryContext &m_ctx;
    Loading &m_loading;
    Connection &m_conn;
    const SqlBuilder &m_sql;
    SessionEvents &m_events;
    IdentityMap &m_identity;
};

} // namespace ms
