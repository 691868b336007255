#include "loading.h"

#include "failure.h"
#include "identitymap.h"
#include "instance.h"
#include "schema/columnvalue.h"
#include "sessionevents.h"
#include "sqlbuilder.h"


namespace ms {

using namespace sa;

QVariantList Loading::whereParams(const Mapper *m, const Filters &where, QStringList *clauses) const
{
    QVariantList params;
    for (const auto &[name, value] : where) {
        QString attr = name;
        QVariant v = value;
        resolveFilter(m, &attr, &v);
        const ColumnDef *col = m->classDef().column(attr);
        if (!col)
            engineFail(kInvalid, EngineText::tr("%1 has no column %2 to filter on").arg(m->className(), attr));
        auto n = columnValue(*col, v);
        if (!n)
            engineFail(n.error().kind, n.error().message, m->className() + QLatin1Char('.') + attr);
        m_sql.condition(attr, *n, clauses, &params);
    }
    return params;
}

void Loading::resolveFilter(const Mapper *m, QString *attr, QVariant *value) const
{
    // `where {"author": {"ref": "u1"}}`: the many-to-one's foreign key column
    const quint32 a = m->attributeIndex(*attr);
    if (a == 0 || int(a - 1) < m->columns().size())
        return;
    const ResolvedRelationship &rel = m->relationships()[int(a - 1) - int(m->columns().size())];
    if (rel.kind != RelationshipKind::ManyToOne)
        engineFail(kInvalid, EngineText::tr("%1.%2 is a collection; filter on the other side").arg(m->className(), *attr));
    *attr = m->columns()[rel.foreignKey.columnIndex].name;
    if (value->metaType() == QMetaType::fromType<ObjectRef>()) {
        const Instance *target = m_ctx.objectById(value->value<ObjectRef>().id);
        *value = target ? target->keyValue() : QVariant();
    }
}

void Loading::populate(Instance *o, const QList<QVariant> &row)
{
    const Mapper *m = o->mapper();
    QStringList loaded;
    for (int c = 0; c < m->columns().size(); ++c) {
        if (o->isLoaded(c) || o->isModified(c))
            continue;
        auto v = columnValue(m->columns()[c], m->columnType(c), row.value(c));
        o->loadColumn(c, v ? *v : row.value(c));
        loaded << m->columns()[c].name;
    }
    for (int r = 0; r < m->relationships().size(); ++r) {
        if (o->unexpire(o->columnCount() + r))
            loaded << m->relationships()[r].name;
    }
    if (!loaded.isEmpty()) {
        o->loaded();
        loaded.sort();
        m_events.fireWithAttrs(EventType::Refresh, o, loaded);
    }
}

Instance *Loading::loadRow(const Mapper *m, const QList<QVariant> &row)
{
    const int pkIdx = m->primaryKeyIndex();
    auto pk = columnValue(m->columns()[pkIdx], m->columnType(pkIdx), row.value(pkIdx));
    if (!pk || pk->isNull())
        engineFail(kOperational, EngineText::tr("a row of %1 has no primary key").arg(m->tableName()));
    if (Instance *o = m_identity.lookup(m, *pk)) {
        populate(o, row);
        return o;
    }
    Instance *o = m_ctx.createLoaded(m, *pk);
    for (int c = 0; c < m->columns().size(); ++c) {
        auto v = columnValue(m->columns()[c], m->columnType(c), row.value(c));
        o->loadColumn(c, v ? *v : row.value(c));
    }
    o->setAttached(true);
    m_identity.add(o);
    m_events.fire(EventType::Load, o);
    m_events.fire(EventType::LoadedAsPersistent, o);
    return o;
}

QList<Instance *> Loading::select(const Mapper *m, const Filters &where, const QString &orderBy,
                                  StatementSource source, bool cursorHooks)
{
    QStringList clauses;
    const QVariantList params = whereParams(m, where, &clauses);
    if (!orderBy.isEmpty() && !m->classDef().column(orderBy))
        engineFail(kInvalid, EngineText::tr("%1 has no column %2 to order by").arg(m->className(), orderBy));
    const QString sql = m_sql.select(m, clauses, orderBy);
    m_events.fire(EventType::DoOrmExecute);
    if (cursorHooks)
        m_events.fireClass(EventType::BeforeCompile, m);
    m_ctx.beginWork();
    QList<Instance *> out;
    bool cursorCreated = false;
    auto createCursor = [&] {
        cursorCreated = true;
        if (cursorHooks)
            m_events.cursorHook(EventType::CursorCreated, m);
    };
    // Rows are loaded as they are read.
    auto rows = m_conn.execute(sql, params, source, m->classId(), [&](const QList<QVariant> &row) {
        if (!cursorCreated)
            createCursor();
        if (cursorHooks)
            m_events.cursorHook(EventType::BeforeCursorNext, m);
        out.append(loadRow(m, row));
        m_ctx.progress();
        if (cursorHooks)
            m_events.cursorHook(EventType::AfterCursorNext, m);
    });
    if (!rows)
        failOnDatabaseError(rows.error());
    if (!cursorCreated)
        createCursor();
    if (cursorHooks) {
        // the call that ends the iteration fires both hooks too
        m_events.fireClass(EventType::BeforeCursorNext, m);
        m_events.fireClass(EventType::AfterCursorNext, m);
    }
    return out;
}

void Loading::failOnExpiredKey(const Instance *o)
{
    // load_scalar_attributes() and _identity_key_from_state() on an object
    // with no identity whose primary key attribute is expired
    const int pk = o->mapper()->primaryKeyIndex();
    if (!o->identity() && o->isExpired(pk) && !o->isLoaded(pk))
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
    const QVariant key = o->identity() ? *o->identity() : o->value(m->primaryKeyIndex());
    if (key.isNull())
        return;
    const QString &sql = m_sql.selectByKey(m);
    m_events.fire(EventType::DoOrmExecute);
    m_ctx.beginWork();
    auto rows = m_conn.execute(sql, {key}, StatementSource::Load, m->classId());
    if (!rows)
        failOnDatabaseError(rows.error());
    if (rows->rows.isEmpty()) {
        if (!o->identity())
            return;
        engineFail(kDeleted, EngineText::tr("the row of %1 has been deleted, or its primary key changed")
                                 .arg(o->label()));
    }
    // refresh_state: the row goes to this object, even when another one
    // took its key in the identity map
    populate(o, rows->rows.first());
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
