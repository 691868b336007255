#pragma once

#include "connection.h"
#include "schema/relationshipdef.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <vector>

namespace ms {

class IdentityMap;
class Instance;
class Mapper;
class Registry;
class SessionEvents;
class SqlBuilder;
struct ResolvedRelationship;

/// An equality filter of a query or bulk statement: attribute = value.
using Filters = QList<QPair<QString, QVariant>>;
/// A query's loader options (joinedload(), selectinload(), raiseload(),
/// ...): relationship index of the queried class -> strategy.
using LoadOptions = QHash<int, LoadStrategy>;

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
    /// The same object, to load what it has expired.
    virtual Instance *objectToLoad(quint32 id) = 0;
    /// Called for every row or object of long work: the session's
    /// heartbeat may run.
    virtual void progress() = 0;
    /// Loads relationship @p rel of @p o now, as a read would but without
    /// raising: the immediate load a refresh gives a relationship loaded
    /// "selectin" or "subquery" (SQLAlchemy's ImmediateLoader).
    virtual void loadRelationship(Instance *o, int rel) = 0;
    /// The session's number, which the objects it holds carry.
    virtual quint8 sessionNumber() const = 0;
};

/// SQLAlchemy's loading.py: rows to objects (new ones into the identity
/// map with `load`, known ones filled where not loaded, with `refresh`),
/// the SELECT of a query or a lazy load, and the load of an object's
/// expired attributes (`InstanceState._load_expired()`).
class Loading
{
public:
    Loading(LoadingContext &context, const Registry &registry, Connection &connection,
            const SqlBuilder &sql, SessionEvents &events, IdentityMap &identity);

    /// SELECT the rows of @p m matching @p where (ordered by @p orderBy
    /// when given) and load them; @p cursorHooks fires the query's
    /// compile and cursor hooks (a query, not a lazy load). Relationships
    /// loaded with their parents (lazy "joined", "selectin", "subquery", or
    /// an option in @p options) are loaded too, as SQLAlchemy's loaders do:
    /// a joined one in the same statement, the others by a second SELECT;
    /// @p above is the load path above @p m (the classes of the objects a
    /// lazy load starts from), where an eager loader stops at a class
    /// already on it.
    QList<Instance *> select(const Mapper *m, const Filters &where, const QString &orderBy,
                             StatementSource source, bool cursorHooks,
                             const QList<quint32> &above = {}, const LoadOptions &options = {});

    /// A many-to-many's lazy load: the objects of @p target that the
    /// association table of @p rel links to the parent whose key is @p key
    /// (SELECT ... WHERE key IN (SELECT ... FROM the association table)).
    QList<Instance *> selectThrough(const Mapper *target, const ResolvedRelationship &rel, const QVariant &key,
                                    const QList<quint32> &above);

    /// The strategy a read of relationship @p rel of @p o uses: the option
    /// of the query that loaded @p o, else the relationship's lazy=.
    LoadStrategy strategyFor(const Instance *o, int rel) const;
    /// The strategy a refresh of @p o loads relationship @p rel with: the
    /// options of the query that loaded it apply again, whatever they are.
    LoadStrategy refreshStrategy(const Instance *o, int rel) const;
    /// The load path a lazy load of @p o starts from: its own class
    /// (SQLAlchemy's mapper._path_registry[prop] for an object without options).
    QList<quint32> pathOf(const Instance *o) const;
    /// One SELECT for every expired column of @p o, after an autoflush when
    /// @p autoflushFirst. A row that is gone fails with ObjectDeletedError.
    void loadExpired(Instance *o, bool autoflushFirst);
    /// loadExpired(), but a row that is gone is an answer, not a failure:
    /// false (the caller then has the object counted as deleted, as
    /// get_from_identity() and was_already_deleted() do).
    bool loadExpiredUnlessGone(Instance *o, bool autoflushFirst);
    /// Session.refresh(o, attribute_names): loadExpiredUnlessGone(), but
    /// only attributes @p attrs (indexes) are selected and loaded
    /// (load_on_ident()'s only_load_props): the others stay expired.
    bool refreshOnly(Instance *o, const QSet<int> &attrs);
    /// _identity_key_from_state() on an object with no identity whose
    /// primary key is expired: InvalidRequestError.
    static void failOnExpiredKey(const Instance *o);

    /// The WHERE clauses of @p where (appended to @p clauses) and their
    /// parameters, each value normalised to its column.
    QVariantList whereParams(const Mapper *m, const Filters &where, QStringList *clauses,
                             const QString &qualifier = QString()) const;
    /// A filter on a many-to-one names its foreign key columns (several for
    /// a composite key, each with its part of the key), and an object as
    /// its value stands for its key; any other filter is itself.
    Filters resolveFilter(const Mapper *m, const QString &attr, const QVariant &value) const;
    /// `column = value` for each of @p columns of @p m, matched in order to
    /// @p key's values (keyValues(): a composite key's list, or the one
    /// value; a null stays null, compared `IS NULL`): the WHERE of a row by
    /// its key, or of the rows a foreign key's columns name.
    static Filters keyFilters(const Mapper *m, const QList<int> &columns, const QVariant &key);

    /// Query.populate_existing() for the statements until it is turned off
    /// (the query's own and its eager loaders').
    void setPopulateExisting(bool on) { m_populateExisting = on; }
    /// The connection its statements go to (a lazy load says why on it).
    Connection &connection() const { return m_conn; }

private:
    /// What one statement loads: a class, the relationships joined to it
    /// (each a node of its own, its columns after its parent's in the row),
    /// those loaded by a second SELECT afterwards, and the objects it gave.
    struct Node
    {
        const Mapper *m = nullptr;
        int rel = -1;    ///< the parent node's relationship this node fills
        int offset = 0;  ///< its first column in the row
        QList<quint32> path;  ///< the load path: the classes above, then its own
        QList<quint32> local; ///< the classes from its statement's entity down to its own
        std::vector<Node> joined;
        QList<QPair<int, LoadStrategy>> post; ///< selectin and subquery relationships
        QList<int> noload;
        const LoadOptions *options = nullptr; ///< the query's own, at the top node
        /// Objects already in the session get the loaders too (SQLAlchemy's
        /// invoke_all_eagers: a query, get or refresh, not a lazy load).
        bool allEagers = true;
        QList<Instance *> objects;            ///< in the order the rows gave them
        QSet<Instance *> seen;
        QSet<Instance *> fresh;               ///< new in this load
        QHash<Instance *, quint64> filling;   ///< the joined relationships it fills per object
        /// A subquery relationship's objects by their parent's key (the top node's)
        QHash<int, QHash<QString, QList<Instance *>>> subquery;
    };
    /// Builds what loading @p m below @p above takes; @p only limits it
    /// to some relationships (a refresh: the expired ones).
    Node plan(const Mapper *m, const QList<quint32> &above, const LoadOptions *options,
              const QSet<int> *only, int *offset, bool allEagers, int rel = -1,
              const QList<quint32> &local = {}) const;
    /// Where clauses with the columns qualified by @p qualifier (empty: not).
    using WhereBuilder = std::function<QVariantList(const QString &qualifier, QStringList *clauses)>;
    /// A many-to-many's second SELECT (selectin, subquery): its association
    /// table joined to the target's, the parent's key first in each row,
    /// and the objects the rows gave with that key, in row order.
    struct Through
    {
        const ResolvedRelationship *rel = nullptr;
        QList<QPair<QString, Instance *>> rows;
    };
    QList<Instance *> run(const Mapper *m, const WhereBuilder &where, const QStringList &orderBy,
                          StatementSource source, bool cursorHooks, const QList<quint32> &above,
                          const LoadOptions *options, bool allEagers = true,
                          const std::function<void()> &afterBegin = {}, Through *through = nullptr);
    /// The SELECT of @p top with its joined nodes, LEFT OUTER JOINed (a
    /// many-to-many's through its association table), and @p through's
    /// association table joined to it.
    QString joinedSelect(const Node &top, const QStringList &clauses, const QStringList &orderBy,
                         const Through *through = nullptr) const;
    Instance *processRow(Node &n, const QList<QVariant> &row);
    /// The relationships a second SELECT loads, after the rows: in the
    /// order SQLAlchemy registers them (depth first, by relationship).
    void postLoad(Node &n);
    void selectinLoad(Node &n, int rel);
    /// SELECT the rows of @p m whose @p columns are one of @p keys (each a
    /// list of values when there are several columns), loaded below @p above.
    QList<Instance *> selectIn(const Mapper *m, const QStringList &columns, const QVariantList &keys,
                               const QList<quint32> &above);
    /// Whether a row of @p rows gives an object that relationship @p rel
    /// would be loaded for (a new one, or one without it loaded).
    bool rowsNeed(const Node &n, const QList<QList<QVariant>> &rows, int rel) const;
    /// A subquery relationship of the top node, before its first row.
    void subqueryLoad(Node &n, int rel, const WhereBuilder &where);
    /// Relationship @p rel of @p o becomes loaded and empty (None).
    void startFill(Instance *o, int rel);
    void addFill(Instance *o, int rel, Instance *item);
    /// Whether a load may fill relationship @p rel of @p o: new in this
    /// load, or not loaded and not changed while unloaded.
    static bool fillable(const Node &n, Instance *o, int rel);
    /// Keeps the options of the query that loaded @p o, when it gave some.
    void remember(Instance *o, const LoadOptions *options);
    /// The rows of @p o's refresh statement @p sql; none when @p o has no
    /// identity yet and no row, ObjectDeletedError when its row is gone.
    QList<QList<QVariant>> refreshRows(const Instance *o, const QString &sql, const QVariant &key);

    /// The primary key of @p m's columns at @p offset of @p row (nullopt: NULL).
    static std::optional<QVariant> rowKey(const Mapper *m, const QList<QVariant> &row, int offset);
    /// loadRow() once the key is read.
    Instance *loadRowByKey(const Mapper *m, const QVariant &pk, const QList<QVariant> &row);
    /// rowKey() of a composite key: the list of its columns' values.
    static std::optional<QVariant> compositeRowKey(const Mapper *m, const QList<QVariant> &row, int offset);
    /// A new persistent object of @p m from those columns, in the identity
    /// map; its load events are the caller's.
    Instance *createFromRow(const Mapper *m, const QVariant &key, const QList<QVariant> &row, int offset);
    Instance *loadRow(const Mapper *m, const QList<QVariant> &row);
    /// An object already in the session: only what is not loaded is taken
    /// from the row (`refresh` names what was).
    void populate(Instance *o, const QList<QVariant> &row);
    /// A new object's (or one populate_existing fills anew) noload and
    /// joined relationships, started from the row that gave it.
    void startFills(Node &n, Instance *o, const QList<QVariant> &row);
    /// populate_existing's _populate_full() on an object already in the
    /// session: every column takes the row's value (a change not flushed
    /// is lost), and every relationship but those in @p filled (loaded by
    /// this statement) is unloaded, to load again when read.
    void overwrite(Instance *o, const QList<QVariant> &row, quint64 filled);
    /// After overwrite() and the fills: `refresh` (of everything) and
    /// _commit_all().
    void overwritten(Instance *o);
    /// Whether attribute @p attr of @p o is loaded by the refresh that runs
    /// (refreshOnly(): only the ones it names).
    bool refreshes(const Instance *o, int attr) const
    {
        return o != m_onlyFor || m_only.contains(attr);
    }

    /// The options of the query that loaded an object (SQLAlchemy's
    /// state.load_options), kept for objects loaded by a query with options.
    struct Origin
    {
        LoadOptions options;
    };

    LoadingContext &m_ctx;
    const Registry &m_registry;
    Connection &m_conn;
    const SqlBuilder &m_sql;
    SessionEvents &m_events;
    IdentityMap &m_identity;
    QHash<quint32, Origin> m_origins;
    /// A query's populate_existing(): setPopulateExisting() for one query.
    bool m_populateExisting = false;
    /// refreshOnly(): the object and the attributes it refreshes.
    const Instance *m_onlyFor = nullptr;
    QSet<int> m_only;
};

} // namespace ms
