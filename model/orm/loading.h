#pragma once

#include "connection.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace ms {

class IdentityMap;
class Instance;
class Mapper;
class SessionEvents;
class SqlBuilder;

/// An equality filter of a query or bulk statement: attribute = value.
using Filters = QList<QPair<QString, QVariant>>;

/// What loading asks of the session, and nothing more (SQLAlchemy's
/// loading.py reaches its session for the same): a transaction to run in,
/// the autoflush before a lazy load, new objects for rows, and the object
/// an ObjectRef filter names.
class LoadingContext
{
public:
    virtual ~LoadingContext() = default;
    /// Refuses work on a failed transaction (PendingRollbackError), then
    /// begins one when none is open (after_transaction_create).
    virtual void beginWork() = 0;
    /// Session._autoflush(): a flush when autoflush is on and none runs.
    virtual void autoflush() = 0;
    /// A new persistent object for the row of @p m whose key is @p key.
    virtual Instance *createLoaded(const Mapper *m, const QVariant &key) = 0;
    /// The object with @p id (nullptr: none).
    virtual const Instance *objectById(quint32 id) const = 0;
    /// Called for every row or object of long work: the session's
    /// heartbeat may run.
    virtual void progress() = 0;
};

/// SQLAlchemy's loading.py: rows to objects (new ones into the identity
/// map with `load`, known ones filled where not loaded, with `refresh`),
/// the SELECT of a query or a lazy load, and the load of an object's
/// expired attributes (`InstanceState._load_expired()`).
class Loading
{
public:
    Loading(LoadingContext &context, Connection &connection, const SqlBuilder &sql,
            SessionEvents &events, IdentityMap &identity)
        : m_ctx(context), m_conn(connection), m_sql(sql), m_events(events), m_identity(identity)
    {
    }

    /// SELECT the rows of @p m matching @p where (ordered by @p orderBy
    /// when given) and load them; @p cursorHooks fires the query's
    /// compile and cursor hooks (a query, not a lazy load).
    QList<Instance *> select(const Mapper *m, const Filters &where, const QString &orderBy,
                             StatementSource source, bool cursorHooks);
    /// One SELECT for every expired column of @p o, after an autoflush when
    /// @p autoflushFirst. A row that is gone fails with ObjectDeletedError.
    void loadExpired(Instance *o, bool autoflushFirst);
    /// loadExpired(), but a row that is gone is an answer, not a failure:
    /// false (the caller then has the object counted as deleted, as
    /// get_from_identity() and was_already_deleted() do).
    bool loadExpiredUnlessGone(Instance *o, bool autoflushFirst);
    /// _identity_key_from_state() on an object with no identity whose
    /// primary key is expired: InvalidRequestError.
    static void failOnExpiredKey(const Instance *o);

    /// The WHERE clauses of @p where (appended to @p clauses) and their
    /// parameters, each value normalised to its column.
    QVariantList whereParams(const Mapper *m, const Filters &where, QStringList *clauses) const;
    /// A filter on a many-to-one names its foreign key column, and an
    /// object as its value stands for its key.
    void resolveFilter(const Mapper *m, QString *attr, QVariant *value) const;

    /// The connection its statements go to (a lazy load says why on it).
    Connection &connection() const { return m_conn; }

private:
    Instance *loadRow(const Mapper *m, const QList<QVariant> &row);
    /// An object already in the session: only what is not loaded is taken
    /// from the row (`refresh` names what was).
    void populate(Instance *o, const QList<QVariant> &row);

    LoadingContext &m_ctx;
    Connection &m_conn;
    const SqlBuilder &m_sql;
    SessionEvents &m_events;
    IdentityMap &m_identity;
};

} // namespace ms
