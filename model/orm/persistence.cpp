#include "persistence.h"

#include "ddl.h"
#include "dependency.h"
#include "failure.h"
#include "identitymap.h"
#include "instance.h"
#include "schema/columnvalue.h"
#include "sessionevents.h"
#include "sqlbuilder.h"


namespace ms {

using namespace sa;

void Persistence::save(const UnitOfWork::SaveBatch &batch)
{
    if (isSelfReferential(batch.mapper)) {
        QList<Instance *> cyclic;
        QList<Instance *> deleted;
        if (m_uow) {
            for (Instance *o : m_uow->deletes())
                if (o->mapper() == batch.mapper)
                    deleted << o;
        }
        for (const QList<Instance *> &wave :
             selfReferentialWaves(batch.inserts + batch.updates, false, &cyclic, deleted)) {
            UnitOfWork::SaveBatch part;
            part.mapper = batch.mapper;
            for (Instance *o : wave)
                (batch.inserts.contains(o) ? part.inserts : part.updates).append(o);
            saveWave(part);
        }
        failOnCycle(cyclic);
        return;
    }
    saveWave(batch);
}

void Persistence::connect()
{
    // SQLAlchemy takes the connection (after_begin) when the first mapper
    // action of the flush runs (persistence._connections_for_states), before
    // its before_* hooks: a flush that fails before, on a cycle, never does.
    if (auto r = m_conn.begin(); !r)
        engineFail(kOperational, r.error().message);
}

void Persistence::saveWave(const UnitOfWork::SaveBatch &batch)
{
    connect();
    for (Instance *o : batch.inserts)
        m_ctx.syncForeignKeys(o);
    for (Instance *o : batch.updates)
        m_ctx.syncForeignKeys(o);
    // _organize_states_for_save(): a new object whose key belongs to an
    // object this flush deletes takes over its row (a "row switch"): it is
    // still announced by before_insert, but written by an UPDATE and
    // followed by after_update, and the old object's DELETE is dropped
    QList<Instance *> inserts, updates;
    for (Instance *o : batch.inserts) {
        // the identity key first, then before_insert, then the look for
        // another object holding that key (which may load it, and find it
        // deleted)
        Loading::failOnExpiredKey(o);
        m_events.mapperHook(EventType::BeforeInsert, o);
        (rowSwitchTarget(o) ? updates : inserts).append(o);
        m_ctx.progress();
    }
    for (Instance *o : batch.updates) {
        m_events.mapperHook(EventType::BeforeUpdate, o);
        m_ctx.progress();
    }
    const qsizetype switched = updates.size();
    updates += batch.updates;
    for (qsizetype i = 0; i < updates.size(); ++i) {
        if (i < switched)
            switchRow(updates[i]);
        else
            updateRow(updates[i]);
        m_ctx.progress();
    }
    for (Instance *o : std::as_const(inserts)) {
        insertRow(o);
        m_ctx.progress();
    }
    for (Instance *o : std::as_const(inserts)) {
        m_events.mapperHook(EventType::AfterInsert, o);
        m_ctx.progress();
    }
    for (Instance *o : std::as_const(updates)) {
        m_events.mapperHook(EventType::AfterUpdate, o);
        m_ctx.progress();
    }
    m_ctx.syncAfterSave(batch.inserts + batch.updates);
}

void Persistence::insertRow(Instance *o)
{
    const Mapper *m = o->mapper();
    const int pkIdx = m->primaryKeyIndex();
    // Column defaults go into the INSERT's parameters; the object receives
    // them only once the statement has run (_postfetch()), so a failed
    // INSERT leaves them unset, as SQLAlchemy does.
    QList<QPair<int, QVariant>> defaults;
    for (int c = 0; c < m->columns().size(); ++c) {
        const ColumnDef &col = m->columns()[c];
        if (!col.hasDefault() || (o->isLoaded(c) && !o->value(c).isNull()))
            continue;
        auto v = columnValue(col, col.defaultValue.toVariant());
        if (!v)
            engineFail(v.error().kind, v.error().message, m->className() + QLatin1Char('.') + col.name);
        defaults.append({c, *v});
    }
    // A key column with no value is left out of the INSERT, as SQLAlchemy
    // leaves it (_collect_insert_commands() skips a None it is not asked
    // to render); the database generates a one-column integer key.
    quint64 omitted = 0;
    for (int c : m->keyColumns()) {
        bool defaulted = false;
        for (const auto &d : std::as_const(defaults))
            defaulted = defaulted || d.first == c;
        if (!defaulted && c < 64 && (!o->isLoaded(c) || o->value(c).isNull()))
            omitted |= quint64(1) << c;
    }
    const bool generated = omitted && !m->isCompositeKey() && m->columnType(pkIdx) == ColumnType::Integer;
    if (omitted && !generated) {
        // (sql/crud.py, _warn_pk_with_no_anticipated_value(): the database
        // will refuse the row)
        for (int c : m->keyColumns()) {
            if (c >= 64 || !(omitted & (quint64(1) << c)))
                continue;
            QString text = EngineText::tr("Column '%1.%2' is marked as a member of the primary key for table '%1', "
                                          "but has no Python-side or server-side default generator indicated, nor "
                                          "does it indicate 'autoincrement=True' or 'nullable=True', and no "
                                          "explicit value is passed.  Primary key columns typically may not store "
                                          "NULL.")
                               .arg(m->tableName(), m->columns()[c].name);
            if (m->isCompositeKey())
                text += QLatin1Char(' ')
                    + EngineText::tr("Note that as of SQLAlchemy 1.1, 'autoincrement=True' must be indicated "
                                     "explicitly for composite (e.g. multicolumn) primary keys if "
                                     "AUTO_INCREMENT/SERIAL/IDENTITY behavior is expected for one of the columns "
                                     "in the primary key. CREATE TABLE statements are impacted by this change as "
                                     "well on most backends.");
            m_events.warn(text);
        }
    }
    QVariantList params;
    params.reserve(m->columns().size());
    for (int c = 0, d = 0; c < m->columns().size(); ++c) {
        if (d < defaults.size() && defaults[d].first == c) {
            params << defaults[d++].second;
            continue;
        }
        if (c < 64 && (omitted & (quint64(1) << c)))
            continue;
        params << (o->isLoaded(c) ? o->value(c) : QVariant());
    }
    const bool postgres = Ddl::isPostgres(m_conn.driver());
    const QString &sql = m_sql.insert(m, omitted, generated);
    failOnUnbindable(o, params, sql);
    const Connection::Cause cause(m_conn, {StatementCause::Kind::Insert, o->id(), quint16(m->classId())});
    auto r = m_conn.execute(sql, params, StatementSource::Flush, m->classId());
    if (!r)
        failOnDatabaseError(r.error());
    if (generated) {
        const QVariant id = postgres && !r->rows.isEmpty() ? r->rows.first().value(0) : r->lastInsertId;
        auto pk = columnValue(m->primaryKey(), m->columnType(pkIdx), id);
        if (!pk || pk->isNull())
            engineFail(kOperational, EngineText::tr("the database did not return the generated key of %1")
                                         .arg(o->label()), sql);
        o->postfetch(pkIdx, *pk);
    }
    QStringList defaulted;
    for (const auto &[c, v] : std::as_const(defaults)) {
        o->postfetch(c, v);
        defaulted << m->columns()[c].name;
    }
    if (!defaulted.isEmpty()) {
        defaulted.sort();
        m_events.fireWithAttrs(EventType::RefreshFlush, o, defaulted);
    }
}

void Persistence::updateRow(Instance *o)
{
    const Mapper *m = o->mapper();
    // _collect_update_commands(): an object with no changed column sends
    // nothing and loads nothing; one that has reads its primary key's
    // history, which loads the expired attributes first (the modified
    // columns are loaded, so that load changes none of them).
    QList<int> changed;
    for (int c = 0; c < m->columns().size(); ++c) {
        if (!o->isModified(c))
            continue;
        const QVariant committed = o->committedValue(c);
        const QVariant value = o->value(c);
        if (!o->isCommittedUnknown(c) && committed == value && committed.isNull() == value.isNull())
            continue;
        changed << c;
    }
    if (changed.isEmpty())
        return; // before_update/after_update fire all the same
    if (o->isKeyExpired())
        m_loading.loadExpired(o, false);
    sendUpdate(o, changed, *o->identity());
}

void Persistence::sendUpdate(Instance *o, const QList<int> &columns, const QVariant &key)
{
    // UPDATE ... WHERE the key; a row that is not there is StaleDataError
    const Mapper *m = o->mapper();
    QVariantList params;
    params.reserve(columns.size() + m->keyColumns().size());
    for (int c : columns)
        params << o->value(c);
    if (key.typeId() == QMetaType::QVariantList)
        params << key.toList();
    else
        params << key; // (no list made for a one-column key: an UPDATE per object)
    const QString sql = m_sql.update(m, columns);
    failOnUnbindable(o, params, sql);
    const Connection::Cause cause(m_conn, {StatementCause::Kind::Update, o->id(), quint16(m->classId())});
    auto r = m_conn.execute(sql, params, StatementSource::Flush, m->classId());
    if (!r)
        failOnDatabaseError(r.error());
    if (r->affected == 0)
        engineFail(kStale, EngineText::tr("UPDATE statement on table '%1' expected to update 1 row(s); 0 were "
                                  "matched")
                               .arg(m->tableName()),
                   sql);
}

void Persistence::deleteRow(Instance *o)
{
    const Mapper *m = o->mapper();
    QVariantList key;
    if (o->identity()) {
        // _collect_delete_commands() reads the committed primary key: an
        // expired one loads the object (a row that is gone fails the flush);
        // other expired columns are not read
        if (o->isKeyExpired())
            m_loading.loadExpired(o, false);
        key = keyValues(*o->identity());
    } else {
        for (int c : m->keyColumns()) {
            // a pending object (a delete-orphan child re-added after it was
            // orphaned outside the session): its committed key is None
            if (o->isLoaded(c))
                engineFail(QStringLiteral("FlushError"),
                           EngineText::tr("cannot delete from table '%1' using NULL for primary key value on column %2")
                               .arg(m->tableName(), m->columns()[c].name));
            // ... or no value at all: SQLAlchemy 1.4 binds its NO_VALUE
            // marker, which matches no row (here NULL, which matches none either)
            key << QVariant(m->columnType(c) == ColumnType::Integer ? QMetaType::fromType<qint64>()
                                                                     : QMetaType::fromType<QString>());
        }
    }
    const QString &sql = m_sql.remove(m);
    const Connection::Cause cause(m_conn, {StatementCause::Kind::Delete, o->id(), quint16(m->classId())});
    auto r = m_conn.execute(sql, key, StatementSource::Flush, m->classId());
    if (!r)
        failOnDatabaseError(r.error());
    if (r->affected == 0)
        m_events.warn(EngineText::tr("DELETE statement on table '%1' expected to delete 1 row(s); 0 were matched")
                          .arg(m->tableName()));
}

void Persistence::linkRows(const Mapper *m, int rel, const QList<QVariantList> &deletes,
                           const QList<QVariantList> &inserts)
{
    if (deletes.isEmpty() && inserts.isEmpty())
        return;
    connect();
    const ResolvedRelationship &r = m->relationships()[rel];
    const QString table = m_sql.quoted(r.secondary, true);
    const QString first = m_sql.quoted(r.localFirst ? r.localColumn : r.remoteColumn, false);
    const QString second = m_sql.quoted(r.localFirst ? r.remoteColumn : r.localColumn, false);
    const Connection::Cause cause(m_conn, {StatementCause::Kind::Link, 0, quint16(m->classId()),
                                           quint16(m->columns().size() + rel + 1)});
    if (!deletes.isEmpty()) {
        const QString sql = QStringLiteral("DELETE FROM %1 WHERE %1.%2 = ? AND %1.%3 = ?").arg(table, first, second);
        auto done = m_conn.executeMany(sql, deletes, StatementSource::Flush, m->classId());
        if (!done)
            failOnDatabaseError(done.error());
        if (done->affected != deletes.size())
            engineFail(QStringLiteral("StaleDataError"),
                       EngineText::tr("DELETE statement on table '%1' expected to delete %2 row(s); Only %3 were matched.")
                           .arg(r.secondary)
                           .arg(deletes.size())
                           .arg(done->affected));
    }
    if (!inserts.isEmpty()) {
        const QString sql = QStringLiteral("INSERT INTO %1 (%2, %3) VALUES (?, ?)").arg(table, first, second);
        auto done = m_conn.executeMany(sql, inserts, StatementSource::Flush, m->classId());
        if (!done)
            failOnDatabaseError(done.error());
    }
}

Instance *Persistence::rowSwitchTarget(Instance *o)
{
    const Mapper *m = o->mapper();
    if (o->identity())
        return nullptr;
    const QVariant key = o->currentKey();
    if (key.isNull())
        return nullptr;
    Instance *old = m_identity.lookup(m, key);
    if (!old || old == o)
        return nullptr;
    // was_already_deleted(): an expired holder of the key is loaded first;
    // when its row is gone it counts as deleted, and the new object inserts
    if (old->isWholeExpired() && !m_loading.loadExpiredUnlessGone(old, false)) {
        m_ctx.removeNewlyDeleted({old});
        return nullptr;
    }
    if (!m_uow || !m_uow->isDelete(old)) {
        m_events.warn(EngineText::tr("new %1 has the key of %2, which stays in the session: the INSERT will "
                             "conflict with its row")
                          .arg(o->label(), old->label()));
        return nullptr;
    }
    m_rowSwitched.insert(old); // a second new object with the key switches too
    return old;
}

void Persistence::switchRow(Instance *o)
{
    // _collect_update_commands() for a row switch: every attribute the new
    // object holds, the key as the WHERE (no statement when there is none)
    const Mapper *m = o->mapper();
    QList<int> cols;
    for (int c = 0; c < m->columns().size(); ++c) {
        if (!m->isKeyColumn(c) && o->isLoaded(c))
            cols << c;
    }
    if (!cols.isEmpty())
        sendUpdate(o, cols, o->currentKey());
}

void Persistence::remove(const UnitOfWork::DeleteBatch &batch)
{
    QList<Instance *> deletes = batch.deletes;
    if (!m_rowSwitched.isEmpty()) {
        deletes.removeIf([this](Instance *o) { return m_rowSwitched.contains(o); });
        if (deletes.isEmpty())
            return;
    }
    QList<QList<Instance *>> waves{deletes};
    QList<Instance *> cyclic;
    if (isSelfReferential(batch.mapper))
        waves = selfReferentialWaves(deletes, true, &cyclic);
    for (const QList<Instance *> &wave : waves) {
        connect();
        for (Instance *o : wave) {
            m_events.mapperHook(EventType::BeforeDelete, o);
            m_ctx.progress();
        }
        for (Instance *o : wave) {
            deleteRow(o);
            m_ctx.progress();
        }
        for (Instance *o : wave) {
            m_events.mapperHook(EventType::AfterDelete, o);
            m_ctx.progress();
        }
    }
    failOnCycle(cyclic);
}

void Persistence::failOnCycle(const QList<Instance *> &cyclic) const
{
    if (cyclic.isEmpty())
        return;
    QStringList labels;
    for (const Instance *o : cyclic)
        labels << o->label();
    engineFail(QStringLiteral("CircularDependencyError"),
               EngineText::tr("the flush cannot order %1: their parent links form a cycle (an object that is "
                      "its own parent or ancestor)")
                   .arg(labels.join(QStringLiteral(", "))));
}

void Persistence::failOnUnbindable(const Instance *o, const QVariantList &params, const QString &sql) const
{
    // The DB-API refuses a parameter it cannot adapt (sqlite3: "Error
    // binding parameter"; psycopg2: "can't adapt type").
    for (qsizetype i = 0; i < params.size(); ++i) {
        if (params[i].metaType() != QMetaType::fromType<ObjectRef>())
            continue;
        const Instance *given = m_ctx.objectById(params[i].value<ObjectRef>().id);
        engineFail(QStringLiteral("ProgrammingError"),
                   EngineText::tr("error binding parameter %1 of %2: %3 is an object, not a value a column can hold")
                       .arg(i + 1)
                       .arg(o->label(), given ? given->label() : EngineText::tr("the value")),
                   sql);
    }
}

} // namespace ms
