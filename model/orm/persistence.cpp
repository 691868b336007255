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
    m_versions.clear();
    for (Instance *o : batch.inserts) {
        // the identity key first, then before_insert, then the look for
        // another object holding that key (which may load it, and find it
        // deleted)
        Loading::failOnExpiredKey(o);
        m_events.mapperHook(EventType::BeforeInsert, o);
        if (Instance *old = rowSwitchTarget(o)) {
            updates.append(o);
            readVersion(o, old); // the row's version is the old object's
        } else {
            inserts.append(o);
        }
        m_ctx.progress();
    }
    for (Instance *o : batch.updates) {
        m_events.mapperHook(EventType::BeforeUpdate, o);
        readVersion(o, o);
        m_ctx.progress();
    }
    const qsizetype switched = updates.size();
    updates += batch.updates;
    // _emit_update_statements(): the UPDATEs of one set of SET columns run
    // as a group, and the group's matched rows are checked once it has run
    // (a stale row fails the flush after the rest of its group)
    UpdateGroup group;
    for (qsizetype i = 0; i < updates.size(); ++i) {
        const std::optional<Sent> sent = i < switched ? switchRow(updates[i]) : updateRow(updates[i]);
        if (sent) {
            if (sent->columns != group.columns) {
                checkUpdated(batch.mapper, group);
                group = UpdateGroup{sent->columns, 0, 0};
            }
            ++group.records;
            group.rows += sent->rows;
        }
        m_ctx.progress();
    }
    checkUpdated(batch.mapper, group);
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
    const int version = m->versionColumn();
    for (int c = 0; c < m->columns().size(); ++c) {
        const ColumnDef &col = m->columns()[c];
        if (c == version || !col.hasDefault() || (o->isLoaded(c) && !o->value(c).isNull()))
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
        if (c == version) {
            // version_id_generator(None): 1, whatever the object holds
            params << QVariant(qint64(1));
            continue;
        }
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
    if (defaulted.size() > 1)
        defaulted.sort();
    if (version >= 0) {
        // _postfetch() adds the version counter after the defaults
        o->postfetch(version, QVariant(qint64(1)));
        defaulted << m->columns()[version].name;
    }
    if (!defaulted.isEmpty())
        m_events.fireWithAttrs(EventType::RefreshFlush, o, defaulted);
}

void Persistence::readVersion(Instance *o, Instance *from)
{
    // _organize_states_for_save() / _for_delete(), after the object's
    // before_ hook: the committed value of the version counter
    // (get_committed_value(), which loads an expired one; a column set while
    // not loaded has no committed value: None)
    const int v = o->mapper()->versionColumn();
    if (v < 0)
        return;
    QVariant version;
    if (from->isModified(v)) {
        if (!from->isCommittedUnknown(v))
            version = from->committedValue(v);
    } else {
        if (!from->isLoaded(v) && from->isExpired(v))
            m_loading.loadExpired(from, false);
        if (from->isLoaded(v))
            version = from->value(v);
    }
    m_versions.insert(o, version);
}

QVariant Persistence::versionFor(const Instance *o, const QString &bindName, const QString &sql) const
{
    const QVariant version = m_versions.value(o);
    if (version.isNull())
        // the row's version is NULL (or was never read): the statement's
        // version parameter gets no value, and SQLAlchemy refuses to run it
        engineFail(QStringLiteral("StatementError"),
                   QStringLiteral("(sqlalchemy.exc.InvalidRequestError) ")
                       + EngineText::tr("A value is required for bind parameter '%1'").arg(bindName),
                   sql);
    return version;
}

void Persistence::checkUpdated(const Mapper *m, const UpdateGroup &group) const
{
    if (group.rows != group.records)
        engineFail(kStale, EngineText::tr("UPDATE statement on table '%1' expected to update %2 row(s); %3 were "
                                          "matched.")
                               .arg(m->tableName())
                               .arg(group.records)
                               .arg(group.rows));
}

std::optional<Persistence::Sent> Persistence::updateRow(Instance *o)
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
        return std::nullopt; // before_update/after_update fire all the same
    if (o->isKeyExpired())
        m_loading.loadExpired(o, false);
    return sendUpdate(o, changed, *o->identity());
}

Persistence::Sent Persistence::sendUpdate(Instance *o, QList<int> columns, const QVariant &key)
{
    // UPDATE ... WHERE the key (and the version the object was read with);
    // the rows it matched are checked with its group's (checkUpdated())
    const Mapper *m = o->mapper();
    const int v = m->versionColumn();
    QVariant version, next;
    if (v >= 0) {
        // the version counter goes up by one, unless the object set it itself
        if (!columns.contains(v))
            columns.insert(std::lower_bound(columns.begin(), columns.end(), v), v);
        else
            next = o->value(v);
    }
    const QString sql = m_sql.update(m, columns);
    if (v >= 0) {
        version = versionFor(o, m->tableName() + QLatin1Char('_') + m->columns()[v].name, sql);
        if (!next.isValid())
            next = QVariant(version.toLongLong() + 1);
    }
    QVariantList params;
    params.reserve(columns.size() + m->keyColumns().size() + 1);
    for (int c : std::as_const(columns))
        params << (c == v ? next : o->value(c));
    if (key.typeId() == QMetaType::QVariantList)
        params << key.toList();
    else
        params << key; // (no list made for a one-column key: an UPDATE per object)
    if (v >= 0)
        params << version;
    failOnUnbindable(o, params, sql);
    const Connection::Cause cause(m_conn, {StatementCause::Kind::Update, o->id(), quint16(m->classId())});
    auto r = m_conn.execute(sql, params, StatementSource::Flush, m->classId());
    if (!r)
        failOnDatabaseError(r.error());
    if (v >= 0) {
        // _postfetch(): the new version is the object's (refresh_flush names it)
        o->postfetch(v, next);
        m_events.fireWithAttrs(EventType::RefreshFlush, o, {m->columns()[v].name});
    }
    return Sent{columns, r->affected};
}

qint64 Persistence::deleteRow(Instance *o)
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
    if (m->versionColumn() >= 0)
        key << versionFor(o, m->columns()[m->versionColumn()].name, sql);
    const Connection::Cause cause(m_conn, {StatementCause::Kind::Delete, o->id(), quint16(m->classId())});
    auto r = m_conn.execute(sql, key, StatementSource::Flush, m->classId());
    if (!r)
        failOnDatabaseError(r.error());
    return r->affected;
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

std::optional<Persistence::Sent> Persistence::switchRow(Instance *o)
{
    // _collect_update_commands() for a row switch: every attribute the new
    // object holds, the key as the WHERE (no statement when there is none)
    // (with a version counter there is always one: the new object's key
    // attributes are history, so the version goes up)
    const Mapper *m = o->mapper();
    QList<int> cols;
    for (int c = 0; c < m->columns().size(); ++c) {
        if (!m->isKeyColumn(c) && o->isLoaded(c))
            cols << c;
    }
    if (cols.isEmpty() && m->versionColumn() < 0)
        return std::nullopt;
    return sendUpdate(o, cols, o->currentKey());
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
    const Mapper *m = batch.mapper;
    for (const QList<Instance *> &wave : waves) {
        connect();
        m_versions.clear();
        for (Instance *o : wave) {
            m_events.mapperHook(EventType::BeforeDelete, o);
            readVersion(o, o);
            m_ctx.progress();
        }
        qint64 rows = 0;
        for (Instance *o : wave) {
            rows += deleteRow(o);
            m_ctx.progress();
        }
        // _emit_delete_statements(): the rows the DELETEs matched, checked
        // once they have all run; a stale version fails the flush, a missing
        // row without one is only a warning
        if (rows != wave.size()) {
            const QString text = EngineText::tr("DELETE statement on table '%1' expected to delete %2 row(s); %3 "
                                                "were matched.  Please set confirm_deleted_rows=False within the "
                                                "mapper configuration to prevent this warning.")
                                     .arg(m->tableName())
                                     .arg(wave.size())
                                     .arg(rows);
            if (m->versionColumn() >= 0)
                engineFail(kStale, text);
            m_events.warn(text);
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
