#include "query.h"

#include <QScopeGuard>

#include "failure.h"
#include "identitymap.h"
#include "instance.h"
#include "schema/columnvalue.h"
#include "sessionevents.h"
#include "sqlbuilder.h"


namespace ms {

using namespace sa;

Instance *Query::get(const Mapper *m, const QVariant &pk)
{
    if (Instance *o = m_identity.lookup(m, pk)) {
        // get_from_identity(): only an object expired as a whole
        // (state.expired) is loaded; expired attributes wait for a read.
        // When its row is gone (or its autoflush fails that way) it becomes
        // deleted and get() goes on to the database, as when the identity
        // map has nothing.
        if (!o->isWholeExpired() || m_loading.loadExpiredUnlessGone(o, true))
            return o;
        m_ctx.removeNewlyDeleted({o});
    }
    const Connection::Cause cause(m_conn, {StatementCause::Kind::Get, 0, quint16(m->classId())});
    m_ctx.autoflush();
    const QList<Instance *> rows = m_loading.select(m, Loading::keyFilters(m, m->keyColumns(), pk), QString(),
                                                    StatementSource::Query, false);
    return rows.isEmpty() ? nullptr : rows.first();
}

QList<Instance *> Query::query(const Mapper *m, const Filters &where, const QString &orderBy,
                               const LoadOptions &options, bool populateExisting)
{
    const Connection::Cause cause(m_conn, {StatementCause::Kind::Query, 0, quint16(m->classId())});
    m_ctx.autoflush();
    m_loading.setPopulateExisting(populateExisting);
    const auto reset = qScopeGuard([this] { m_loading.setPopulateExisting(false); });
    return m_loading.select(m, where, orderBy, StatementSource::Query, true, {}, options);
}

bool Query::matches(Instance *o, const Filters &where)
{
    for (const auto &[name, v0] : where) {
        for (const auto &[attr, value] : m_loading.resolveFilter(o->mapper(), name, v0)) {
            const int c = o->mapper()->classDef().columnIndex(attr);
            if (c < 0)
                return false;
            // The evaluator reads the attribute as Python would: one expired on
            // an object that is not wholly expired is loaded first (a row that is
            // gone raises ObjectDeletedError and the bulk statement is not sent)
            if (!o->isLoaded(c) && o->isExpired(c) && o->identity() && o->isAttached())
                m_loading.loadExpired(o, false);
            if (!o->isLoaded(c))
                return false;
            auto n = columnValue(o->mapper()->columns()[c], value);
            if (!n || o->value(c) != *n)
                return false;
        }
    }
    return true;
}

QList<Instance *> Query::matching(const Mapper *m, const Filters &where)
{
    QList<Instance *> matched;
    for (Instance *o : m_identity.all())
        if (o->mapper() == m && !o->isWholeExpired() && matches(o, where))
            matched << o;
    return matched;
}

qint64 Query::bulkUpdate(const Mapper *m, const Filters &where, const QVariantMap &values,
                         bool synchronize)
{
    QList<int> cols;
    QVariantList params;
    QStringList names;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const int c = m->classDef().columnIndex(it.key());
        if (c < 0)
            engineFail(kInvalid, EngineText::tr("%1 has no column %2 to update").arg(m->className(), it.key()));
        auto v = columnValue(m->columns()[c], *it);
        if (!v)
            engineFail(v.error().kind, v.error().message, m->className() + QLatin1Char('.') + it.key());
        cols << c;
        names << it.key();
        params << *v;
    }
    if (names.isEmpty())
        engineFail(kInvalid, EngineText::tr("a bulk update needs values"));
    const Connection::Cause cause(m_conn, {StatementCause::Kind::BulkUpdate, 0, quint16(m->classId())});
    m_ctx.autoflush();
    // synchronize_session='evaluate': the objects in the session that match
    // (False: none are looked at)
    const QList<Instance *> matched = synchronize ? matching(m, where) : QList<Instance *>();
    QStringList clauses;
    params += m_loading.whereParams(m, where, &clauses);
    const QString sql = m_sql.bulkUpdate(m, names, clauses);
    m_events.fire(EventType::DoOrmExecute);
    m_events.fireClass(EventType::BeforeCompileUpdate, m);
    m_ctx.beginWork();
    auto r = m_conn.execute(sql, params, StatementSource::Bulk, m->classId());
    if (!r)
        failOnDatabaseError(r.error());
    // what a flush would have fired for them, and this statement did not
    for (Instance *o : matched)
        m_events.notFired(o, QStringLiteral("before_update, after_update"));
    for (Instance *o : matched) {
        QStringList evaluated;
        QList<int> toExpire;
        for (int i = 0; i < cols.size(); ++i) {
            const int c = cols[i];
            if (o->isModified(c)) {
                // a change of the object's own is expired, not overwritten
                toExpire << c;
                continue;
            }
            if (o->isLoaded(c))
                o->loadColumn(c, params[i]);
            evaluated << m->columns()[c].name;
        }
        evaluated.sort();
        m_events.fireWithAttrs(EventType::Refresh, o, evaluated);
        if (!toExpire.isEmpty()) {
            m_events.fireExpired(o, o->expireAttributes(toExpire));
        }
    }
    m_events.fire(EventType::AfterBulkUpdate);
    return r->affected;
}

qint64 Query::bulkDelete(const Mapper *m, const Filters &where, bool synchronize)
{
    const Connection::Cause cause(m_conn, {StatementCause::Kind::BulkDelete, 0, quint16(m->classId())});
    m_ctx.autoflush();
    const QList<Instance *> matched = synchronize ? matching(m, where) : QList<Instance *>();
    QStringList clauses;
    const QVariantList params = m_loading.whereParams(m, where, &clauses);
    const QString sql = m_sql.bulkDelete(m, clauses);
    m_events.fire(EventType::DoOrmExecute);
    m_events.fireClass(EventType::BeforeCompileDelete, m);
    m_ctx.beginWork();
    m_events.removeHook(EventType::BeforeRemove, m);
    auto r = m_conn.execute(sql, params, StatementSource::Bulk, m->classId());
    if (!r)
        failOnDatabaseError(r.error());
    m_events.removeHook(EventType::AfterRemove, m);
    for (Instance *o : matched)
        m_events.notFired(o, QStringLiteral("before_delete, after_delete"));
    m_ctx.removeNewlyDeleted(matched);
    m_events.fire(EventType::AfterBulkDelete);
    return r->affected;
}

} // namespace ms
