#include "loading.h"

#include "failure.h"
#include "identitymap.h"
#include "instance.h"
#include "registry.h"

#include <QScopeGuard>

#include <algorithm>
#include "schema/columnvalue.h"
#include "sessionevents.h"
#include "sqlbuilder.h"


namespace ms {

using namespace sa;

namespace {
/// SQLAlchemy's SelectInLoader._chunksize: keys per IN list.
constexpr int kInChunk = 500;

/// A key as the grouping of eager loads compares it (a composite one's
/// values escaped and joined).
QString keyText(const QVariant &v)
{
    return v.typeId() == QMetaType::QVariantList ? keyString(v) : v.toString();
}

/// Keys in order (a composite key's values compared in turn), as Python
/// sorts tuples.
bool keyLess(const QVariant &a, const QVariant &b)
{
    if (a.typeId() != QMetaType::QVariantList)
        return QVariant::compare(a, b) == QPartialOrdering::Less;
    const QVariantList x = a.toList(), y = b.toList();
    for (qsizetype i = 0; i < x.size() && i < y.size(); ++i) {
        const auto order = QVariant::compare(x[i], y[i]);
        if (order != QPartialOrdering::Equivalent)
            return order == QPartialOrdering::Less;
    }
    return x.size() < y.size();
}

/// The names of @p columns of @p m (a key's or a foreign key's), in order.
QStringList columnNames(const Mapper *m, const QList<int> &columns)
{
    QStringList out;
    for (int c : columns)
        out << m->columns()[c].name;
    return out;
}

/// Whether a foreign key's value is a key some row could have: not null,
/// and no null in a composite one (SelectInLoader skips `None in ident`).
bool completeKey(const QVariant &v)
{
    if (v.isNull())
        return false;
    if (v.typeId() == QMetaType::QVariantList)
        for (const QVariant &part : v.toList())
            if (part.isNull())
                return false;
    return true;
}
} // namespace

Loading::Loading(LoadingContext &context, const Registry &registry, Connection &connection,
                 const SqlBuilder &sql, SessionEvents &events, IdentityMap &identity)
    : m_ctx(context), m_registry(registry), m_conn(connection), m_sql(sql), m_events(events),
      m_identity(identity)
{
}

QVariantList Loading::whereParams(const Mapper *m, const Filters &where, QStringList *clauses,
                                  const QString &qualifier) const
{
    QVariantList params;
    for (const auto &[name, value] : where) {
        for (const auto &[attr, v] : resolveFilter(m, name, value)) {
            const ColumnDef *col = m->classDef().column(attr);
            if (!col)
                engineFail(kInvalid, EngineText::tr("%1 has no column %2 to filter on").arg(m->className(), attr));
            auto n = columnValue(*col, v);
            if (!n)
                engineFail(n.error().kind, n.error().message, m->className() + QLatin1Char('.') + attr);
            m_sql.condition(attr, *n, clauses, &params, qualifier);
        }
    }
    return params;
}

Filters Loading::resolveFilter(const Mapper *m, const QString &attr, const QVariant &value) const
{
    // `where {"author": {"ref": "u1"}}`: the many-to-one's foreign key column
    const quint32 a = m->attributeIndex(attr);
    if (a == 0 || int(a - 1) < m->columns().size())
        return {{attr, value}};
    const ResolvedRelationship &rel = m->relationships()[int(a - 1) - int(m->columns().size())];
    if (rel.kind != RelationshipKind::ManyToOne)
        engineFail(kInvalid, EngineText::tr("%1.%2 is a collection; filter on the other side").arg(m->className(), attr));
    QVariant key = value;
    if (value.metaType() == QMetaType::fromType<ObjectRef>()) {
        const Instance *target = m_ctx.objectById(value.value<ObjectRef>().id);
        key = target ? target->keyValue() : QVariant();
    }
    const QList<int> &fk = rel.foreignKey.columns;
    if (fk.size() == 1)
        return {{m->columns()[fk.first()].name, key}};
    // a composite key: each column its value (None: each IS NULL)
    const QVariantList values = key.typeId() == QMetaType::QVariantList ? key.toList() : QVariantList();
    Filters out;
    for (qsizetype i = 0; i < fk.size(); ++i)
        out.append({m->columns()[fk[i]].name, values.value(i)});
    return out;
}

Filters Loading::keyFilters(const Mapper *m, const QList<int> &columns, const QVariant &key)
{
    const QVariantList values = keyValues(key);
    Filters out;
    for (qsizetype i = 0; i < columns.size(); ++i)
        out.append({m->columns()[columns[i]].name, values.value(i)});
    return out;
}

void Loading::populate(Instance *o, const QList<QVariant> &row)
{
    const Mapper *m = o->mapper();
    QStringList loaded;
    for (int c = 0; c < m->columns().size(); ++c) {
        if (o->isLoaded(c) || o->isModified(c) || !refreshes(o, c))
            continue;
        auto v = columnValue(m->columns()[c], m->columnType(c), row.value(c));
        o->loadColumn(c, v ? *v : row.value(c));
        loaded << m->columns()[c].name;
    }
    for (int r = 0; r < m->relationships().size(); ++r) {
        if (refreshes(o, o->columnCount() + r) && o->unexpire(o->columnCount() + r))
            loaded << m->relationships()[r].name;
    }
    if (!loaded.isEmpty()) {
        o->loaded();
        loaded.sort();
        m_events.fireWithAttrs(EventType::Refresh, o, loaded);
    }
}

void Loading::overwrite(Instance *o, const QList<QVariant> &row, quint64 filled)
{
    const Mapper *m = o->mapper();
    for (int c = 0; c < m->columns().size(); ++c) {
        auto v = columnValue(m->columns()[c], m->columnType(c), row.value(c));
        o->loadColumn(c, v ? *v : row.value(c));
    }
    // LazyLoader's reset_for_lazy_callable (state._reset()): the attribute
    // and its per-object loader go
    for (int r = 0; r < m->relationships().size(); ++r) {
        if (!(filled & (quint64(1) << (r & 63))))
            o->unload(o->columnCount() + r);
    }
}

void Loading::overwritten(Instance *o)
{
    o->loaded();
    m_events.fireWithAttrs(EventType::Refresh, o, {});
    o->commitAll();
    m_identity.forgetModified(o);
}

// (inlined: processRow() makes every object of a query with loaders
// through them, loadRow() every object of a plain one through createFromRow())
Q_ALWAYS_INLINE std::optional<QVariant> Loading::rowKey(const Mapper *m, const QList<QVariant> &row, int offset)
{
    if (m->isCompositeKey())
        return compositeRowKey(m, row, offset);
    const int pkIdx = m->primaryKeyIndex();
    auto pk = columnValue(m->columns()[pkIdx], m->columnType(pkIdx), row.value(offset + pkIdx));
    if (!pk || pk->isNull())
        return std::nullopt;
    return std::move(*pk);
}

std::optional<QVariant> Loading::compositeRowKey(const Mapper *m, const QList<QVariant> &row, int offset)
{
    // a tuple of the key columns' values; no identity when one is NULL
    // (the columns are NOT NULL: only an outer join's missing side)
    QVariantList key;
    for (int c : m->keyColumns()) {
        auto v = columnValue(m->columns()[c], m->columnType(c), row.value(offset + c));
        if (!v || v->isNull())
            return std::nullopt;
        key << *v;
    }
    return QVariant(key);
}

Q_ALWAYS_INLINE Instance *Loading::createFromRow(const Mapper *m, const QVariant &key, const QList<QVariant> &row,
                                                 int offset)
{
    Instance *o = m_ctx.createLoaded(m, key);
    for (int c = 0; c < m->columns().size(); ++c) {
        auto v = columnValue(m->columns()[c], m->columnType(c), row.value(offset + c));
        o->loadColumn(c, v ? *v : row.value(offset + c));
    }
    o->setSession(m_ctx.sessionNumber());
    m_identity.add(o);
    return o;
}

Instance *Loading::loadRow(const Mapper *m, const QList<QVariant> &row)
{
    // (the key parsed here, not by rowKey(): a plain query loads every
    // object through this, and the optional's copy costs 0.4% of a load)
    if (m->isCompositeKey()) {
        const auto key = compositeRowKey(m, row, 0);
        if (!key)
            engineFail(kOperational, EngineText::tr("a row of %1 has no primary key").arg(m->tableName()));
        return loadRowByKey(m, *key, row);
    }
    const int pkIdx = m->primaryKeyIndex();
    const auto pk = columnValue(m->columns()[pkIdx], m->columnType(pkIdx), row.value(pkIdx));
    if (!pk || pk->isNull())
        engineFail(kOperational, EngineText::tr("a row of %1 has no primary key").arg(m->tableName()));
    return loadRowByKey(m, *pk, row);
}

Q_ALWAYS_INLINE Instance *Loading::loadRowByKey(const Mapper *m, const QVariant &pk, const QList<QVariant> &row)
{
    if (Instance *o = m_identity.lookup(m, pk)) {
        if (m_populateExisting) {
            overwrite(o, row, 0);
            overwritten(o);
        } else {
            populate(o, row);
        }
        return o;
    }
    Instance *o = createFromRow(m, pk, row, 0);
    m_events.fire(EventType::Load, o);
    m_events.fire(EventType::LoadedAsPersistent, o);
    return o;
}

LoadStrategy Loading::strategyFor(const Instance *o, int rel) const
{
    // Only the lazy loaders an option gives (lazyload(), raiseload()) stay
    // on the object as its own loader; the others fill it once, and a read
    // after it expired uses the relationship's.
    const LoadStrategy own = o->mapper()->relationships()[rel].lazy;
    if (const qint8 loader = o->relation(rel).loader; loader >= 0)
        return LoadStrategy(loader);
    if (m_origins.isEmpty())
        return own; // (every lazy read asks: no query gave options)
    const LoadStrategy given = refreshStrategy(o, rel);
    return given == LoadStrategy::Select || given == LoadStrategy::Raise ? given : own;
}

LoadStrategy Loading::refreshStrategy(const Instance *o, int rel) const
{
    if (!m_origins.isEmpty()) {
        const auto origin = m_origins.constFind(o->id());
        if (origin != m_origins.cend() && origin->options.contains(rel))
            return origin->options.value(rel);
    }
    return o->mapper()->relationships()[rel].lazy;
}

QList<quint32> Loading::pathOf(const Instance *o) const
{
    // SQLAlchemy's lazy load starts from the parent's mapper
    // (mapper._path_registry[prop]); an object with options would start
    // from its load path, which for a query's own options is the same
    return {o->mapper()->classId()};
}

void Loading::remember(Instance *o, const LoadOptions *options)
{
    if (options && !options->isEmpty())
        m_origins.insert(o->id(), Origin {*options});
}

Loading::Node Loading::plan(const Mapper *m, const QList<quint32> &above, const LoadOptions *options,
                            const QSet<int> *only, int *offset, bool allEagers, int rel,
                            const QList<quint32> &local) const
{
    Node n;
    n.m = m;
    n.rel = rel;
    n.allEagers = allEagers;
    n.offset = *offset;
    n.options = options;
    *offset += int(m->columns().size());
    n.path = above;
    n.path << m->classId();
    n.local = local;
    n.local << m->classId();
    const auto &rels = m->relationships();
    for (int r = 0; r < rels.size(); ++r) {
        if (only && !only->contains(r))
            continue;
        const bool fromOption = options && options->contains(r);
        const LoadStrategy s = fromOption ? options->value(r) : rels[r].lazy;
        if (s == LoadStrategy::Noload && !only) {
            n.noload << r;
            continue;
        }
        if (!isEager(s))
            continue;
        const Mapper *target = m_registry.mappers()[size_t(rels[r].targetIndex)].get();
        // A loader that is not an option stops at a class already on the
        // path (SQLAlchemy's contains_mapper() check without join_depth):
        // the relationship then loads lazily when it is read. A joined one
        // looks at the path within its statement, a second SELECT at the
        // whole load path (the lazy load or query it came from included).
        const bool joined = s == LoadStrategy::Joined;
        if (!fromOption && (joined ? n.local : n.path).contains(target->classId()))
            continue;
        if (joined)
            n.joined.push_back(plan(target, n.path, nullptr, nullptr, offset, allEagers, r, n.local));
        else
            n.post << qMakePair(r, s);
    }
    return n;
}

QString Loading::joinedSelect(const Node &top, const QStringList &clauses, const QStringList &orderBy,
                              const Through *through) const
{
    QStringList cols;
    QStringList joins;
    QStringList order;
    int aliases = 0;
    const std::function<void(const Node &, const QString &)> walk = [&](const Node &n, const QString &alias) {
        for (const ColumnDef &c : n.m->columns())
            cols << alias + QLatin1Char('.') + m_sql.quoted(c.name, false);
        for (const Node &child : n.joined) {
            const ResolvedRelationship &rel = n.m->relationships()[child.rel];
            const QString table = child.m->tableName();
            const QString childAlias = m_sql.quoted(QStringLiteral("%1_%2").arg(table).arg(++aliases), true);
            if (rel.isManyToMany()) {
                // LEFT OUTER JOIN (secondary JOIN target ON ...) ON parent key
                const QString link = m_sql.quoted(QStringLiteral("%1_%2").arg(rel.secondary).arg(++aliases), true);
                joins << QStringLiteral("LEFT OUTER JOIN (%1 AS %2 JOIN %3 AS %4 ON %4.%5 = %2.%6) ON %7.%8 = %2.%9")
                             .arg(m_sql.quoted(rel.secondary, true), link, m_sql.quoted(table, true), childAlias,
                                  m_sql.quoted(child.m->primaryKey().name, false),
                                  m_sql.quoted(rel.remoteColumn, false), alias,
                                  m_sql.quoted(n.m->primaryKey().name, false), m_sql.quoted(rel.localColumn, false));
                order << childAlias + QLatin1Char('.') + m_sql.quoted(child.m->primaryKey().name, false);
                walk(child, childAlias);
                continue;
            }
            // each foreign key column = the key column it references
            const bool many = rel.kind == RelationshipKind::OneToMany;
            const Mapper *holder = many ? child.m : n.m;
            const Mapper *referenced = many ? n.m : child.m;
            QStringList pairs;
            for (qsizetype i = 0; i < rel.foreignKey.columns.size(); ++i) {
                const QString fk = m_sql.quoted(holder->columns()[rel.foreignKey.columns[i]].name, false);
                const QString key = m_sql.quoted(referenced->columns()[referenced->keyColumns()[i]].name, false);
                pairs << (many ? QStringLiteral("%1.%2 = %3.%4").arg(alias, key, childAlias, fk)
                               : QStringLiteral("%1.%2 = %3.%4").arg(alias, fk, childAlias, key));
            }
            const QString on = pairs.join(QLatin1String(" AND "));
            joins << QStringLiteral("LEFT OUTER JOIN %1 AS %2 ON %3")
                         .arg(m_sql.quoted(table, true), childAlias, on);
            if (rel.kind == RelationshipKind::OneToMany)
                order << m_sql.keyOrder(child.m, childAlias);
            walk(child, childAlias);
        }
    };
    const QString main = m_sql.quoted(top.m->tableName(), true);
    QString from = main;
    if (through) {
        // the parent's key first in each row: SelectInLoader's and
        // SubqueryLoader's statement joins the association table
        const ResolvedRelationship &rel = *through->rel;
        const QString link = m_sql.quoted(rel.secondary, true);
        cols << link + QLatin1Char('.') + m_sql.quoted(rel.localColumn, false);
        from += QStringLiteral(" JOIN %1 ON %2.%3 = %1.%4")
                    .arg(link, main, m_sql.quoted(top.m->primaryKey().name, false), m_sql.quoted(rel.remoteColumn, false));
    }
    if (orderBy.isEmpty())
        order << m_sql.keyOrder(top.m, main);
    for (const QString &column : orderBy)
        order << main + QLatin1Char('.') + m_sql.quoted(column, false);
    if (through) // (by the target's key, as the relationship's order_by; then by parent)
        order << m_sql.quoted(through->rel->secondary, true) + QLatin1Char('.')
                + m_sql.quoted(through->rel->localColumn, false);
    walk(top, main);
    QString sql = QStringLiteral("SELECT %1 FROM %2").arg(cols.join(QLatin1String(", ")), from);
    for (const QString &j : std::as_const(joins))
        sql += QLatin1Char(' ') + j;
    if (!clauses.isEmpty())
        sql += QStringLiteral(" WHERE ") + clauses.join(QLatin1String(" AND "));
    return sql + QStringLiteral(" ORDER BY ") + order.join(QLatin1String(", "));
}

bool Loading::fillable(const Node &n, Instance *o, int rel)
{
    if (n.fresh.contains(o))
        return true;
    const int attr = o->columnCount() + rel;
    if (o->isLoaded(attr) || o->isModified(attr))
        return false;
    const auto &slot = o->relation(rel);
    return slot.pendingAdds.isEmpty() && slot.pendingRemoves.isEmpty();
}

void Loading::startFill(Instance *o, int rel)
{
    const int attr = o->columnCount() + rel;
    auto &slot = o->relation(rel);
    slot.items.clear();
    slot.committedItems.clear();
    slot.ref = nullptr;
    slot.committedRef = nullptr;
    o->markLoaded(attr);
    if (o->mapper()->relationships()[rel].isCollection())
        m_events.fire(EventType::InitCollection, o, attr);
}

void Loading::addFill(Instance *o, int rel, Instance *item)
{
    if (!item)
        return;
    auto &slot = o->relation(rel);
    if (o->mapper()->relationships()[rel].kind == RelationshipKind::ManyToOne) {
        slot.ref = item;
        slot.committedRef = item;
    } else if (!slot.items.contains(item)
               && (slot.items.isEmpty() || o->mapper()->relationships()[rel].uselist)) {
        // (a one-to-one keeps the first row's object)
        slot.items.append(item);
        slot.committedItems.append(item);
    }
}

void Loading::startFills(Node &n, Instance *o, const QList<QVariant> &row)
{
    for (int r : std::as_const(n.noload))
        startFill(o, r);
    // the next rows add to what this one started
    quint64 mask = 0;
    for (Node &child : n.joined) {
        startFill(o, child.rel);
        addFill(o, child.rel, processRow(child, row));
        mask |= quint64(1) << (child.rel & 63);
    }
    if (mask)
        n.filling.insert(o, mask);
}

Instance *Loading::processRow(Node &n, const QList<QVariant> &row)
{
    const Mapper *m = n.m;
    const auto pk = rowKey(m, row, n.offset);
    if (!pk) {
        if (n.rel >= 0)
            return nullptr; // no row on the outer join's side
        engineFail(kOperational, EngineText::tr("a row of %1 has no primary key").arg(m->tableName()));
    }
    Instance *o = m_identity.lookup(m, *pk);
    if (!o) {
        o = createFromRow(m, *pk, row, n.offset);
        n.fresh.insert(o);
        n.seen.insert(o);
        n.objects << o;
        remember(o, n.options);
        // the joined objects first: SQLAlchemy's populators run before the
        // parent's load event
        startFills(n, o, row);
        m_events.fire(EventType::Load, o);
        m_events.fire(EventType::LoadedAsPersistent, o);
        return o;
    }
    if (!n.seen.contains(o) && m_populateExisting) {
        // _populate_full(): as a new object, then `refresh` instead of `load`
        n.fresh.insert(o);
        n.seen.insert(o);
        n.objects << o;
        remember(o, n.options);
        quint64 mask = 0;
        for (int r : std::as_const(n.noload))
            mask |= quint64(1) << (r & 63);
        for (const Node &child : n.joined)
            mask |= quint64(1) << (child.rel & 63);
        if (n.options) {
            // an option's lazy loader that is not the relationship's own is
            // set on the object (_instance_level_callable_processor()): a
            // scalar keeps what it holds, a collection is dropped
            for (auto it = n.options->cbegin(); it != n.options->cend(); ++it) {
                const ResolvedRelationship &rel = m->relationships()[it.key()];
                if ((*it == LoadStrategy::Select || *it == LoadStrategy::Raise) && *it != rel.lazy
                    && !rel.isCollection())
                    mask |= quint64(1) << (it.key() & 63);
            }
        }
        overwrite(o, row.mid(n.offset, int(m->columns().size())), mask);
        if (n.options) {
            for (auto it = n.options->cbegin(); it != n.options->cend(); ++it) {
                if (*it == LoadStrategy::Select || *it == LoadStrategy::Raise)
                    o->relation(it.key()).loader = qint8(*it);
            }
        }
        startFills(n, o, row);
        overwritten(o);
        return o;
    }
    if (!n.seen.contains(o)) {
        n.seen.insert(o);
        n.objects << o;
        populate(o, row.mid(n.offset, int(m->columns().size())));
        // NoLoader's populator runs for an object already in the session
        // too, where the attribute is not loaded: None (or empty) from now;
        // and an option's lazy loader (lazyload(), raiseload()) becomes the
        // loader of such an attribute (a per-instance callable)
        for (int r : std::as_const(n.noload)) {
            if (fillable(n, o, r))
                startFill(o, r);
        }
        if (n.options) {
            for (auto it = n.options->cbegin(); it != n.options->cend(); ++it) {
                if ((*it == LoadStrategy::Select || *it == LoadStrategy::Raise)
                    && !o->isLoaded(o->columnCount() + it.key()))
                    o->relation(it.key()).loader = qint8(*it); // (not its load options: a refresh ignores it)
            }
        }
        quint64 mask = 0;
        for (const Node &child : n.joined) {
            if (fillable(n, o, child.rel)) {
                startFill(o, child.rel);
                mask |= quint64(1) << (child.rel & 63);
            }
        }
        if (mask)
            n.filling.insert(o, mask);
    }
    const quint64 mask = n.filling.value(o);
    for (Node &child : n.joined) {
        const bool fills = mask & (quint64(1) << (child.rel & 63));
        // a relationship already loaded: its rows still make objects, but
        // only where every eager loader runs (not in a lazy load)
        if (!fills && !n.allEagers)
            continue;
        Instance *item = processRow(child, row);
        if (fills)
            addFill(o, child.rel, item);
    }
    return o;
}

QList<Instance *> Loading::selectIn(const Mapper *m, const QStringList &columns, const QVariantList &keys,
                                    const QList<quint32> &above)
{
    return run(
        m,
        [&](const QString &q, QStringList *clauses) {
            QStringList names;
            for (const QString &column : columns)
                names << (q.isEmpty() ? QString() : q + QLatin1Char('.')) + m_sql.quoted(column, false);
            *clauses << m_sql.inList(names, keys.size());
            if (columns.size() == 1)
                return keys;
            QVariantList params; // a composite key's values, key after key
            for (const QVariant &key : keys)
                params << key.toList();
            return params;
        },
        {}, StatementSource::Load, false, above, nullptr);
}

void Loading::selectinLoad(Node &n, int rel)
{
    // The objects it loads for: all a statement gave, but in a lazy load
    // only the new ones (SQLAlchemy adds an object already in the session
    // to the post loaders only when invoke_all_eagers)
    const QList<Instance *> objects = n.allEagers ? n.objects : [&] {
        QList<Instance *> fresh;
        for (Instance *o : std::as_const(n.objects)) {
            if (n.fresh.contains(o))
                fresh << o;
        }
        return fresh;
    }();
    const ResolvedRelationship &r = n.m->relationships()[rel];
    const Mapper *target = m_registry.mappers()[size_t(r.targetIndex)].get();
    const int attr = int(n.m->columns().size()) + rel;
    const StatementCause why {StatementCause::Kind::EagerLoad, 0, quint16(n.m->classId()), quint16(attr + 1)};
    if (r.kind != RelationshipKind::ManyToOne) {
        // _load_via_parent(): the parents' keys, a chunk at a time (a
        // many-to-many's statement joins its association table)
        for (qsizetype from = 0; from < objects.size(); from += kInChunk) {
            const QList<Instance *> chunk = objects.mid(from, kInChunk);
            QVariantList keys;
            for (Instance *o : chunk)
                keys << o->keyValue();
            const Connection::Cause cause(m_conn, why);
            m_ctx.autoflush(); // (its Session.execute() autoflushes, as every ORM statement does)
            QHash<QString, QList<Instance *>> byParent;
            if (r.isManyToMany()) {
                Through through {&r, {}};
                run(
                    target,
                    [&](const QString &, QStringList *clauses) {
                        const QStringList marks(keys.size(), QStringLiteral("?"));
                        *clauses << m_sql.quoted(r.secondary, true) + QLatin1Char('.')
                                + m_sql.quoted(r.localColumn, false) + QStringLiteral(" IN (")
                                + marks.join(QLatin1String(", ")) + QLatin1Char(')');
                        return keys;
                    },
                    {}, StatementSource::Load, false, n.path, nullptr, true, {}, &through);
                for (const auto &[key, item] : std::as_const(through.rows))
                    if (item)
                        byParent[key] << item;
            } else {
                for (Instance *item : selectIn(target, columnNames(target, r.foreignKey.columns), keys, n.path))
                    byParent[keyText(item->committedForeignKey(r.foreignKey.columns))] << item;
            }
            for (Instance *o : chunk) {
                if (!fillable(n, o, rel))
                    continue;
                startFill(o, rel);
                for (Instance *item : byParent.value(keyText(o->keyValue())))
                    addFill(o, rel, item);
            }
        }
        return;
    }
    // _load_via_child(): the distinct foreign keys, sorted
    const QList<int> &fkCol = r.foreignKey.columns;
    QList<QVariant> keys;
    QSet<QString> seen;
    for (Instance *o : std::as_const(objects)) {
        if (!o->isLoaded(fkCol))
            continue;
        const QVariant v = o->foreignKey(fkCol);
        if (completeKey(v) && !seen.contains(keyText(v))) {
            seen.insert(keyText(v));
            keys << v;
        }
    }
    std::sort(keys.begin(), keys.end(), keyLess);
    QHash<QString, Instance *> byKey;
    const QStringList pkName = columnNames(target, target->keyColumns());
    for (qsizetype from = 0; from < keys.size(); from += kInChunk) {
        const QVariantList chunk = keys.mid(from, kInChunk);
        const Connection::Cause cause(m_conn, why);
        m_ctx.autoflush();
        const QList<Instance *> items = selectIn(target, pkName, chunk, n.path);
        for (Instance *item : items)
            byKey.insert(keyText(item->keyValue()), item);
    }
    for (Instance *o : std::as_const(objects)) {
        if (!fillable(n, o, rel))
            continue;
        startFill(o, rel);
        if (o->isLoaded(fkCol) && completeKey(o->foreignKey(fkCol)))
            addFill(o, rel, byKey.value(keyText(o->foreignKey(fkCol))));
    }
}

void Loading::subqueryLoad(Node &n, int rel, const WhereBuilder &where)
{
    // SubqueryLoader: the parent query again, as a subquery the related
    // rows are joined to, sent when the parent's first row is processed
    const ResolvedRelationship &r = n.m->relationships()[rel];
    const Mapper *target = m_registry.mappers()[size_t(r.targetIndex)].get();
    const int attr = int(n.m->columns().size()) + rel;
    const Connection::Cause cause(m_conn, {StatementCause::Kind::EagerLoad, 0, quint16(n.m->classId()),
                                           quint16(attr + 1)});
    m_ctx.autoflush(); // (its query autoflushes, as every ORM statement does)
    if (r.isManyToMany()) {
        // the parent query as a subquery of its keys, joined to the
        // association table, the rows by parent key
        Through through {&r, {}};
        run(
            target,
            [&](const QString &, QStringList *clauses) {
                QStringList inner;
                const QVariantList params = where(QString(), &inner);
                QString sub = QStringLiteral("SELECT %1 FROM %2")
                                  .arg(m_sql.quoted(n.m->primaryKey().name, false), m_sql.quoted(n.m->tableName(), true));
                if (!inner.isEmpty())
                    sub += QStringLiteral(" WHERE ") + inner.join(QLatin1String(" AND "));
                *clauses << m_sql.quoted(r.secondary, true) + QLatin1Char('.') + m_sql.quoted(r.localColumn, false)
                        + QStringLiteral(" IN (") + sub + QLatin1Char(')');
                return params;
            },
            {}, StatementSource::Load, false, n.path, nullptr, true, {}, &through);
        auto &groups = n.subquery[rel];
        for (const auto &[key, item] : std::as_const(through.rows))
            if (item)
                groups[key] << item;
        return;
    }
    const bool many = r.kind == RelationshipKind::OneToMany;
    // the foreign key's columns and the key columns they reference, in order
    const Mapper *holder = many ? target : n.m;
    const Mapper *referenced = many ? n.m : target;
    const QStringList fkColumns = columnNames(holder, r.foreignKey.columns);
    const QStringList keyColumns = columnNames(referenced, referenced->keyColumns());
    const QStringList &parentColumns = many ? keyColumns : fkColumns;
    const QStringList &targetColumns = many ? fkColumns : keyColumns;
    const QList<Instance *> items = run(
        target,
        [&](const QString &q, QStringList *clauses) {
            QStringList inner;
            const QVariantList params = where(QString(), &inner);
            QStringList selected, compared;
            for (const QString &c : parentColumns)
                selected << m_sql.quoted(c, false);
            for (const QString &c : targetColumns)
                compared << (q.isEmpty() ? QString() : q + QLatin1Char('.')) + m_sql.quoted(c, false);
            QString sub = QStringLiteral("SELECT %1 FROM %2")
                              .arg(selected.join(QLatin1String(", ")), m_sql.quoted(n.m->tableName(), true));
            if (!inner.isEmpty())
                sub += QStringLiteral(" WHERE ") + inner.join(QLatin1String(" AND "));
            const QString lhs = compared.size() == 1 ? compared.first()
                                                     : QLatin1Char('(') + compared.join(QLatin1String(", ")) + QLatin1Char(')');
            *clauses << lhs + QStringLiteral(" IN (") + sub + QLatin1Char(')');
            return params;
        },
        many ? targetColumns : QStringList(), StatementSource::Load, false, n.path, nullptr);
    auto &groups = n.subquery[rel];
    for (Instance *item : items)
        groups[keyText(many ? item->committedForeignKey(r.foreignKey.columns) : item->keyValue())] << item;
}

bool Loading::rowsNeed(const Node &n, const QList<QList<QVariant>> &rows, int rel) const
{
    // SQLAlchemy sends a subquery when the first row asks for it: in a
    // lazy load, only a new object or one without the relationship loaded
    for (const QList<QVariant> &row : rows) {
        const auto pk = rowKey(n.m, row, n.offset);
        if (!pk)
            continue;
        Instance *o = m_identity.lookup(n.m, *pk);
        if (!o || fillable(n, o, rel))
            return true;
    }
    return false;
}

void Loading::postLoad(Node &n)
{
    // SQLAlchemy registers a post loader when it builds the row processor
    // for its path: by relationship, a joined one's own before the next
    qsizetype p = 0;
    std::size_t j = 0;
    while (p < n.post.size() || j < n.joined.size()) {
        const bool joinedNext = j < n.joined.size() && (p >= n.post.size() || n.joined[j].rel < n.post[p].first);
        if (joinedNext) {
            postLoad(n.joined[j++]);
            continue;
        }
        const auto [rel, strategy] = n.post[p++];
        if (strategy == LoadStrategy::Subquery && n.subquery.contains(rel)) {
            const auto groups = n.subquery.take(rel);
            const bool many = n.m->relationships()[rel].kind != RelationshipKind::ManyToOne;
            const QList<int> &fkCol = n.m->relationships()[rel].foreignKey.columns;
            for (Instance *o : std::as_const(n.objects)) {
                if (!fillable(n, o, rel))
                    continue;
                startFill(o, rel);
                if (many) {
                    for (Instance *item : groups.value(keyText(o->keyValue())))
                        addFill(o, rel, item);
                } else if (o->isLoaded(fkCol) && !o->foreignKey(fkCol).isNull()) {
                    const auto items = groups.value(keyText(o->foreignKey(fkCol)));
                    addFill(o, rel, items.value(0));
                }
            }
            continue;
        }
        if (strategy == LoadStrategy::Subquery && n.rel < 0)
            continue; // the parent query gave no row: no subquery was sent
        // (a subquery loader below a joined one loads as selectin does)
        selectinLoad(n, rel);
    }
}

QList<Instance *> Loading::select(const Mapper *m, const Filters &where, const QString &orderBy,
                                  StatementSource source, bool cursorHooks, const QList<quint32> &above,
                                  const LoadOptions &options)
{
    if (!orderBy.isEmpty() && !m->classDef().column(orderBy))
        engineFail(kInvalid, EngineText::tr("%1 has no column %2 to order by").arg(m->className(), orderBy));
    // An object compared in a filter gives its key when the statement runs:
    // one whose key is expired is loaded then (SQLAlchemy's bound parameter
    // reads the attribute), after the statement's do_orm_execute.
    const auto loadCompared = [&] {
        for (const auto &[name, value] : where) {
            if (value.metaType() != QMetaType::fromType<ObjectRef>())
                continue;
            Instance *o = m_ctx.objectToLoad(value.value<ObjectRef>().id);
            if (!o || !o->isAttached() || !o->identity())
                continue;
            if (o->isKeyExpired())
                loadExpired(o, false);
        }
    };
    return run(
        m, [&](const QString &q, QStringList *clauses) { return whereParams(m, where, clauses, q); },
        orderBy.isEmpty() ? QStringList() : QStringList{orderBy},
        source, cursorHooks, above, &options, above.isEmpty(), // (a path above: a lazy load)
        loadCompared);
}

QList<Instance *> Loading::selectThrough(const Mapper *target, const ResolvedRelationship &rel,
                                         const QVariant &key, const QList<quint32> &above)
{
    // SQLAlchemy joins the association table (FROM tag, post_tags WHERE ? =
    // post_tags.post_id AND tag.id = post_tags.tag_id); the same rows, and
    // the target's columns stay unambiguous in a statement of one table
    return run(
        target,
        [&](const QString &q, QStringList *clauses) {
            const QString secondary = m_sql.quoted(rel.secondary, true);
            *clauses << (q.isEmpty() ? QString() : q + QLatin1Char('.')) + m_sql.quoted(target->primaryKey().name, false)
                    + QStringLiteral(" IN (SELECT %1.%2 FROM %1 WHERE %1.%3 = ?)")
                          .arg(secondary, m_sql.quoted(rel.remoteColumn, false), m_sql.quoted(rel.localColumn, false));
            return QVariantList{key};
        },
        {}, StatementSource::Load, false, above, nullptr, false);
}

QList<Instance *> Loading::run(const Mapper *m, const WhereBuilder &where, const QStringList &orderBy,
                               StatementSource source, bool cursorHooks, const QList<quint32> &above,
                               const LoadOptions *options, bool allEagers,
                               const std::function<void()> &afterBegin, Through *through)
{
    const bool alone = m->loadsRowsAlone() && (!options || options->isEmpty()) && !through;
    int offset = through ? 1 : 0; // (the parent's key comes first)
    Node top;
    if (!alone)
        top = plan(m, above, options, nullptr, &offset, allEagers);
    const bool joined = !alone && (!top.joined.empty() || through);
    QStringList clauses;
    const QVariantList params = where(joined ? m_sql.quoted(m->tableName(), true) : QString(), &clauses);
    const QString sql = joined ? joinedSelect(top, clauses, orderBy, through) : m_sql.select(m, clauses, orderBy);
    m_events.fire(EventType::DoOrmExecute);
    if (cursorHooks)
        m_events.fireClass(EventType::BeforeCompile, m);
    m_ctx.beginWork();
    if (afterBegin)
        afterBegin();
    QList<Instance *> out;
    bool cursorCreated = false;
    auto createCursor = [&] {
        cursorCreated = true;
        if (cursorHooks)
            m_events.cursorHook(EventType::CursorCreated, m);
    };
    // one row: its cursor hooks around its load, the heartbeat after it
    const auto eachRow = [&](const auto &load) {
        if (!cursorCreated)
            createCursor();
        if (cursorHooks)
            m_events.cursorHook(EventType::BeforeCursorNext, m);
        load();
        m_ctx.progress();
        if (cursorHooks)
            m_events.cursorHook(EventType::AfterCursorNext, m);
    };
    // Rows are loaded as they are read; with loaders of relationships,
    // once all are read (a subquery is sent before the first is loaded).
    QList<QList<QVariant>> held;
    auto rows = m_conn.execute(sql, params, source, m->classId(), [&](const QList<QVariant> &row) {
        if (!alone) {
            held << row;
            return;
        }
        eachRow([&] { out.append(loadRow(m, row)); });
    });
    if (!rows)
        failOnDatabaseError(rows.error());
    if (!alone) {
        if (!held.isEmpty()) {
            for (const auto &[rel, strategy] : std::as_const(top.post)) {
                if (strategy == LoadStrategy::Subquery && (top.allEagers || rowsNeed(top, held, rel)))
                    subqueryLoad(top, rel, where);
            }
        }
        for (const QList<QVariant> &row : std::as_const(held)) {
            eachRow([&] {
                Instance *o = processRow(top, row);
                if (through)
                    through->rows.append({keyText(row.value(0)), o});
            });
        }
        out = top.objects;
    }
    if (!cursorCreated)
        createCursor();
    if (cursorHooks) {
        // the call that ends the iteration fires both hooks too
        m_events.cursorHook(EventType::BeforeCursorNext, m);
        m_events.cursorHook(EventType::AfterCursorNext, m);
    }
    if (!alone)
        postLoad(top);
    return out;
}

void Loading::failOnExpiredKey(const Instance *o)
{
    // load_scalar_attributes() and _identity_key_from_state() on an object
    // with no identity whose primary key attribute is expired
    if (!o->identity() && o->isKeyExpired())
        engineFail(kInvalid, EngineText::tr("%1 cannot be refreshed: it is not persistent and its primary key "
                                    "is expired").arg(o->label()));
}

void Loading::loadExpired(Instance *o, bool autoflushFirst)
{
    // InstanceState._load_expired(): one SELECT for every expired column.
    const Mapper *m = o->mapper();
    if (!o->isAttached())
        engineFail(QStringLiteral("DetachedInstanceError"),
                   EngineText::tr("%1 is not bound to a session; its attributes cannot be loaded").arg(o->label()));
    if (!o->identity())
        failOnExpiredKey(o);
    // Session.refresh() of this object said why already
    const StatementCause outer = m_conn.cause();
    std::optional<Connection::Cause> cause;
    if (outer.kind != StatementCause::Kind::Refresh || outer.objectId != o->id())
        cause.emplace(m_conn, StatementCause {StatementCause::Kind::Expired, o->id(), quint16(m->classId())});
    if (autoflushFirst)
        m_ctx.autoflush();
    // the identity (normalized, never NULL); for a pending object the
    // autoflush did not insert, its primary key attribute, and then no row
    // is no error
    const QVariant key = o->identity() ? *o->identity() : o->currentKey();
    if (key.isNull())
        return;
    // The relationships a refresh loads too, the expired ones: joined in
    // its statement, selectin and subquery ones right after it.
    QList<int> joined;
    QList<int> immediate;
    QList<int> noload; // set to None (empty) by the refresh itself
    const auto origin = m_origins.constFind(o->id());
    if (!m->loadsRowsAlone() || origin != m_origins.cend()) {
        for (int r = 0; r < m->relationships().size(); ++r) {
            // expired and unmodified (SQLAlchemy's expired_attributes &
            // unmodified): a change queued while it was not loaded keeps it out
            const auto &slot = o->relation(r);
            if (!o->isExpired(o->columnCount() + r) || o->isModified(o->columnCount() + r) || slot.touched
                || !refreshes(o, o->columnCount() + r))
                continue;
            // a refresh applies the options of the query that loaded the
            // object (SQLAlchemy's state.load_options), whatever they are
            const LoadStrategy s = refreshStrategy(o, r);
            if (s == LoadStrategy::Joined)
                joined << r;
            else if (isEager(s))
                immediate << r;
            else if (s == LoadStrategy::Noload)
                noload << r;
        }
    }
    m_events.fire(EventType::DoOrmExecute);
    m_ctx.beginWork();
    if (joined.isEmpty() && m_onlyFor == o) {
        // only_load_props: the key and the columns named, in column order
        QStringList names;
        QList<int> columns;
        for (int c = 0; c < m->columns().size(); ++c) {
            if (m->isKeyColumn(c) || m_only.contains(c)) {
                names << m_sql.quoted(m->columns()[c].name, false);
                columns << c;
            }
        }
        const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE %3")
                                .arg(names.join(QLatin1String(", ")), m_sql.quoted(m->tableName(), true),
                                     m_sql.keyWhere(m).join(QLatin1String(" AND ")));
        const auto rows = refreshRows(o, sql, key);
        if (rows.isEmpty())
            return;
        QList<QVariant> row(m->columns().size());
        for (int i = 0; i < columns.size(); ++i)
            row[columns[i]] = rows.first().value(i);
        populate(o, row);
    } else if (joined.isEmpty()) {
        const auto rows = refreshRows(o, m_sql.selectByKey(m), key);
        if (rows.isEmpty())
            return;
        // refresh_state: the row goes to this object, even when another one
        // took its key in the identity map
        populate(o, rows.first());
    } else {
        const QSet<int> only(joined.cbegin(), joined.cend());
        const LoadOptions *options = origin != m_origins.cend() ? &origin->options : nullptr;
        int offset = 0;
        Node top = plan(m, {}, options, &only, &offset, true);
        const QString table = m_sql.quoted(m->tableName(), true);
        const QString sql = joinedSelect(top, m_sql.keyWhere(m, table), {});
        const auto rows = refreshRows(o, sql, key);
        if (rows.isEmpty())
            return;
        populate(o, rows.first().mid(0, o->columnCount()));
        for (const Node &child : top.joined)
            startFill(o, child.rel);
        for (const QList<QVariant> &row : rows) {
            for (Node &child : top.joined)
                addFill(o, child.rel, processRow(child, row));
        }
        postLoad(top);
    }
    for (int r : std::as_const(noload)) {
        if (!o->isLoaded(o->columnCount() + r))
            startFill(o, r);
    }
    for (int r : std::as_const(immediate)) {
        if (!o->isLoaded(o->columnCount() + r))
            m_ctx.loadRelationship(o, r);
    }
}

QList<QList<QVariant>> Loading::refreshRows(const Instance *o, const QString &sql, const QVariant &key)
{
    auto rows = m_conn.execute(sql, keyValues(key), StatementSource::Load, o->mapper()->classId());
    if (!rows)
        failOnDatabaseError(rows.error());
    // no row: for a pending object the autoflush did not insert, nothing to
    // load; for one with an identity, the row is gone
    if (rows->rows.isEmpty() && o->identity())
        engineFail(kDeleted, EngineText::tr("the row of %1 has been deleted, or its primary key changed")
                                 .arg(o->label()));
    return std::move(rows->rows);
}

bool Loading::refreshOnly(Instance *o, const QSet<int> &attrs)
{
    // the autoflush first: what it loads of the object (its key for an
    // UPDATE, say) is a load of every expired attribute, as always
    m_ctx.autoflush();
    m_onlyFor = o;
    m_only = attrs;
    const auto done = qScopeGuard([this] {
        m_onlyFor = nullptr;
        m_only.clear();
    });
    return loadExpiredUnlessGone(o, false);
}

bool Loading::loadExpiredUnlessGone(Instance *o, bool autoflushFirst)
{
    try {
        loadExpired(o, autoflushFirst);
        return true;
    } catch (const EngineFailure &f) {
        if (f.kind != kDeleted)
            throw;
        return false;
    }
}

} // namespace ms
