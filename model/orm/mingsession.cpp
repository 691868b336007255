// A Ming session: Ming 0.13's ODMSession (ming/odm/odmsession.py,
// unit_of_work.py, mapper.py, property.py) over the same objects, statements
// and extensions as the SQLAlchemy session. What it does is in events.md,
// "A Ming session"; ming_reference.py plays the same projects on Ming itself.

#include "session.h"

#include "ddl.h"
#include "events/eventlog.h"
#include "failure.h"
#include "registry.h"
#include "schema/columnvalue.h"

#include <QDateTime>
#include <QScopeGuard>

#include <cmath>

namespace ms {

namespace {

// Ming's exceptions, as Error::kind
const QString kInvalid = QStringLiteral("Invalid");            // ming.schema.Invalid
const QString kTypeError = QStringLiteral("TypeError");
const QString kAttributeError = QStringLiteral("AttributeError");
const QString kDuplicateKey = QStringLiteral("DuplicateKeyError");
const QString kNotInMing = QStringLiteral("NotAvailableInMing");

bool isNumber(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
        return true;
    default:
        return false;
    }
}

/// A key as the identity map compares it: a whole number as an integer.
QVariant normalKey(const QVariant &v)
{
    if (v.typeId() == QMetaType::Double && isWholeNumber(v.toDouble()))
        return qlonglong(v.toDouble());
    if (isNumber(v) && v.typeId() != QMetaType::Double && v.typeId() != QMetaType::Float)
        return v.toLongLong();
    if (v.typeId() == QMetaType::Bool)
        return qlonglong(v.toBool() ? 1 : 0);
    return v;
}

/// Python's == of two stored values: numbers by value (True == 1), the rest
/// as they are.
bool sameValue(const QVariant &a, const QVariant &b)
{
    const bool aNull = !a.isValid() || a.isNull();
    const bool bNull = !b.isValid() || b.isNull();
    if (aNull || bNull)
        return aNull == bNull;
    const auto numeric = [](const QVariant &v) { return isNumber(v) || v.typeId() == QMetaType::Bool; };
    if (numeric(a) && numeric(b))
        return a.toDouble() == b.toDouble();
    if (numeric(a) != numeric(b))
        return false;
    return a == b;
}

/// A MongoDB spec as the statement lane names it: {name, user_id}.
QString specText(const Filters &where)
{
    QStringList names;
    for (const auto &[name, value] : where)
        names << name;
    return QLatin1Char('{') + names.join(QStringLiteral(", ")) + QLatin1Char('}');
}

} // namespace

void Session::setOptions(const SessionOptions &options)
{
    m_options = options;
    m_events.setMing(isMing());
    m_conn.setAutocommit(isMing());
}

QList<Instance *> Session::mingWithStatus(MingStatus status) const
{
    QList<Instance *> out;
    for (Instance *o : m_ming.uow.copy())
        if (m_ming.status.value(o) == status)
            out << o;
    return out;
}

void Session::mingRefuse(const QString &op) const
{
    fail(kNotInMing, EngineText::tr("%1 is not available in a Ming session: Ming has no such "
                                    "operation")
                         .arg(op));
}

QString Session::mingStatement(const QString &operation, const QString &sql)
{
    return QStringLiteral("/* ") + operation + QStringLiteral(" */ ") + sql;
}

QVariant Session::mingKey(const Instance *o) const
{
    const Mapper *m = o->mapper();
    return normalKey(o->value(m->primaryKeyIndex()));
}

QPair<quint32, QString> Session::mingImapKey(const Mapper *m, const QVariant &key) const
{
    return {m->classId(), keyString(normalKey(key))};
}

// ---- values -------------------------------------------------------------------------------

QVariant Session::mingField(Instance *o, int c)
{
    // FieldProperty.__get__(): a field the document lacks (its constructor
    // failed) takes its if_missing now: the next integer key, the default,
    // None; a required one is Invalid
    if (o->isLoaded(c))
        return o->value(c);
    const Mapper *m = o->mapper();
    const ColumnDef &col = m->columns()[c];
    const bool integer = col.type() && *col.type() == ColumnType::Integer;
    if (col.primaryKey && integer && !m->isCompositeKey()) {
        const qint64 next = m_ming.maxKey.value(m->classId()) + 1;
        m_ming.maxKey[m->classId()] = next;
        o->setValue(c, qlonglong(next));
    } else if (col.hasDefault()) {
        o->setValue(c, mingColumn(m, c, col.defaultValue.toVariant()));
    } else if (col.primaryKey || !col.nullable) {
        fail(kInvalid, EngineText::tr("Missing field"), m->className() + QLatin1Char('.') + col.name);
    } else {
        o->setValue(c, QVariant());
    }
    return o->value(c);
}

QVariant Session::mingColumn(const Mapper *m, int c, const QVariant &value) const
{
    // FieldProperty.__set__: the field's schema validates the value
    // (ming/schema.py: Int, Float, String, Bool, DateTime)
    const ColumnDef &col = m->columns()[c];
    const QString where = m->className() + QLatin1Char('.') + col.name;
    if (!value.isValid() || value.isNull()) {
        // allow_none=False: the key, and a column that is not nullable
        // (a foreign key takes None whatever it says: ForeignIdProperty)
        if (col.primaryKey || (!col.nullable && !col.isForeignKey()))
            fail(kInvalid, EngineText::tr("None is not allowed"), where);
        return QVariant();
    }
    const auto type = col.type();
    const auto wrong = [&](const QString &expected) {
        fail(kInvalid, EngineText::tr("%1 is not %2").arg(value.toString(), expected), where);
    };
    const bool number = isNumber(value);
    const bool boolean = value.typeId() == QMetaType::Bool;
    switch (type ? *type : ColumnType::Text) {
    case ColumnType::Integer:
        // Int: an int (a bool is one), or a float that is a whole number
        if (boolean)
            return qlonglong(value.toBool() ? 1 : 0);
        if (!number || (value.typeId() == QMetaType::Double && !isWholeNumber(value.toDouble())))
            wrong(QStringLiteral("an int"));
        return value.toLongLong();
    case ColumnType::Real:
        if (!number && !boolean)
            wrong(QStringLiteral("a float"));
        return value.toDouble();
    case ColumnType::Boolean:
        if (!boolean)
            wrong(QStringLiteral("a bool"));
        return value;
    case ColumnType::Date:
    case ColumnType::DateTime: {
        // the reference parses ISO strings (a date at midnight)
        if (value.typeId() == QMetaType::QDate || value.typeId() == QMetaType::QDateTime)
            return value;
        if (value.typeId() != QMetaType::QString)
            wrong(QStringLiteral("a datetime"));
        auto v = columnValue(col, value);
        if (!v)
            fail(QStringLiteral("ValueError"), v.error().message, where);
        return *v;
    }
    case ColumnType::Text:
    default:
        if (value.typeId() != QMetaType::QString)
            wrong(QStringLiteral("a str"));
        return value;
    }
}

void Session::mingAssign(Instance *o, int a, const QVariant &value)
{
    const Mapper *m = o->mapper();
    auto soil = [&] {
        // ObjectState.soil(): only a clean object becomes dirty
        auto it = m_ming.status.find(o);
        if (it != m_ming.status.end() && *it == MingStatus::Clean)
            *it = MingStatus::Dirty;
    };
    auto setColumn = [&](int c, const QVariant &v) {
        const QVariant stored = mingColumn(m, c, v);
        // the document changes, and the object soils, only on a new value
        if (o->isLoaded(c) && sameValue(o->value(c), stored))
            return;
        o->setValue(c, stored);
        soil();
    };
    if (o->isColumn(a)) {
        setColumn(a, value);
        return;
    }
    const int r = o->relationshipIndex(a);
    const ResolvedRelationship &rel = m->relationships()[r];
    const Mapper *target = m_registry->mappers()[size_t(rel.targetIndex)].get();
    if (rel.kind == RelationshipKind::ManyToOne) {
        // ManyToOneJoin.set(): the foreign key takes the object's _id
        Instance *ref = referenced(value);
        if (value.isValid() && !value.isNull() && !ref)
            fail(kAttributeError, EngineText::tr("%1 takes an object").arg(m->attributeNames()[a]));
        setColumn(rel.foreignKey.columns.first(),
                  ref ? normalKey(mingField(ref, ref->mapper()->primaryKeyIndex())) : QVariant());
        return;
    }
    if (rel.kind != RelationshipKind::OneToMany || !rel.uselist)
        mingRefuse(EngineText::tr("a %1 relationship").arg(relationshipKindName(rel.kind)));
    // OneToManyJoin.set(): every child that references this object lets it
    // go (a query), then each new one is fetched (get) and takes its key
    if (value.typeId() != QMetaType::QVariantList)
        fail(kTypeError, EngineText::tr("%1 takes a list of objects").arg(m->attributeNames()[a]));
    QList<Instance *> items;
    for (const QVariant &v : value.toList()) {
        Instance *item = referenced(v);
        if (!item)
            fail(kAttributeError, EngineText::tr("%1 takes a list of objects").arg(m->attributeNames()[a]));
        items << item;
    }
    const int fk = rel.foreignKey.columns.first();
    // instance._id (inside the constructor: if_missing makes the key now)
    const QVariant key = normalKey(mingField(o, m->primaryKeyIndex()));
    for (Instance *child : mingFind(target, {{target->columns()[fk].name, key}}, QString()))
        mingAssign(child, fk, QVariant());
    for (Instance *item : std::as_const(items)) {
        Instance *owner = mingGet(target, mingField(item, item->mapper()->primaryKeyIndex()));
        if (!owner)
            fail(kAttributeError, EngineText::tr("'NoneType' object has no attribute '%1'")
                                      .arg(target->columns()[fk].name));
        mingAssign(owner, fk, key);
    }
}

QVariant Session::mingRead(Instance *o, int a)
{
    if (o->isColumn(a))
        return mingField(o, a);
    const Mapper *m = o->mapper();
    const int r = o->relationshipIndex(a);
    // RelationProperty(fetch=True): loaded by its first read, then kept
    const auto cached = m_ming.fetched.constFind({o, r});
    if (cached != m_ming.fetched.cend())
        return *cached;
    const ResolvedRelationship &rel = m->relationships()[r];
    const Mapper *target = m_registry->mappers()[size_t(rel.targetIndex)].get();
    QVariant result;
    if (rel.kind == RelationshipKind::ManyToOne) {
        // ManyToOneJoin.load(): a None key is no object, without a lookup
        const QVariant fk = mingField(o, rel.foreignKey.columns.first());
        if (!fk.isNull()) {
            Instance *ref = mingGet(target, fk);
            result = ref ? QVariant::fromValue(ObjectRef {ref->id()}) : QVariant();
        }
    } else if (rel.kind == RelationshipKind::OneToMany && rel.uselist) {
        // OneToManyJoin.load(): find({fk: _id})
        QVariantList items;
        const int fk = rel.foreignKey.columns.first();
        const QVariant key = normalKey(mingField(o, m->primaryKeyIndex()));
        for (Instance *child : mingFind(target, {{target->columns()[fk].name, key}}, QString()))
            items << QVariant::fromValue(ObjectRef {child->id()});
        result = items;
    } else {
        mingRefuse(EngineText::tr("a %1 relationship").arg(relationshipKindName(rel.kind)));
    }
    m_ming.fetched.insert({o, r}, result);
    return result;
}

// ---- objects ------------------------------------------------------------------------------

void Session::mingSave(Instance *o)
{
    // ODMSession.save(): the unit of work and the identity map
    m_ming.uow.append(o);
    if (!m_ming.status.contains(o))
        m_ming.status.insert(o, MingStatus::New);
    m_ming.imap.insert(mingImapKey(o->mapper(), mingKey(o)), o);
    o->setSession(m_sessionNumber);
}

void Session::mingExpunge(Instance *o)
{
    // UnitOfWork.expunge(), then IdentityMap.expunge(): whatever object the
    // map holds under this one's key goes (another made with the same key
    // too); reading the key of a half-made object may make it, or fail
    m_ming.uow.remove(o);
    const QVariant key = mingField(o, o->mapper()->primaryKeyIndex());
    m_ming.imap.remove(mingImapKey(o->mapper(), key));
    o->setSession(0);
}

void Session::mingClear()
{
    for (Instance *o : m_ming.uow.copy())
        o->setSession(0);
    for (Instance *o : std::as_const(m_ming.imap))
        o->setSession(0);
    m_ming.uow.clear();
    m_ming.imap.clear();
}

Instance *Session::mingNew(const Mapper *m, const QString &label, const QVariantMap &values)
{
    if (m->isCompositeKey())
        fail(kInvalid, EngineText::tr("%1 has a composite key; a Ming document has one _id")
                           .arg(m->className()));
    Instance *o = create(m, label.isEmpty() ? m->className() + QStringLiteral("#?") : label);
    const int pk = m->primaryKeyIndex();
    const ColumnDef &key = m->columns()[pk];
    const bool integerKey = key.type() && *key.type() == ColumnType::Integer;
    // an integer key given is remembered before the constructor runs
    if (integerKey && values.contains(key.name)) {
        const QVariant given = values.value(key.name);
        if (given.typeId() != QMetaType::Double && isNumber(given))
            m_ming.maxKey[m->classId()] = std::max(m_ming.maxKey.value(m->classId()), given.toLongLong());
    }
    // the constructor: each keyword set in the class's attribute order
    for (int a = 0; a < m->attributeNames().size(); ++a) {
        const auto it = values.constFind(m->attributeNames()[a]);
        if (it != values.cend())
            mingAssign(o, a, *it);
    }
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (m->attributeIndex(it.key()) == 0)
            fail(kTypeError, EngineText::tr("%1 has no attribute %2").arg(m->className(), it.key()));
    }
    // state.validate(schema): what is missing takes its if_missing (the
    // next integer key, a default, None), or fails when required
    const bool keyMissing = integerKey && !o->isLoaded(pk);
    try {
        for (int c = 0; c < m->columns().size(); ++c)
            mingField(o, c);
    } catch (...) {
        // A document that fails validation has taken two keys (Ming runs
        // if_missing again as it reports the error) and keeps none.
        if (keyMissing) {
            m_ming.maxKey[m->classId()] += o->isLoaded(pk) ? 1 : 2;
            o->unload(pk);
        }
        throw;
    }
    mingSave(o);
    return o;
}

Instance *Session::mingLoad(const Mapper *m, const QList<QVariant> &row, bool refresh)
{
    // ODMCursor._next_impl()
    const QVariant key = normalKey(row.value(m->primaryKeyIndex()));
    Instance *o = m_ming.imap.value(mingImapKey(m, key));
    auto fill = [&] {
        for (int c = 0; c < m->columns().size(); ++c)
            o->loadColumn(c, row.value(c));
        o->loaded();
        o->commitAll();
        m_ming.status[o] = MingStatus::Clean;
    };
    if (!o) {
        o = createLoaded(m, key);
        fill();
        mingSave(o);
    } else if (refresh) {
        fill();
    }
    // expunged and saved again: to the end of the unit of work
    mingExpunge(o);
    mingSave(o);
    return o;
}

QList<Instance *> Session::mingFind(const Mapper *m, const Filters &where, const QString &orderBy,
                                    bool first, bool refresh)
{
    // ODMSession.find(): an autoflush first when the session has it
    if (m_options.autoflush && !m_flushing)
        mingFlush();
    const Connection::Cause cause(m_conn, {first ? StatementCause::Kind::Get : StatementCause::Kind::Query,
                                           0, quint16(m->classId())});
    QStringList clauses;
    const QVariantList params = m_loading.whereParams(m, where, &clauses);
    // MongoDB returns documents in the order they were stored, and sort()
    // keeps that order among equals: SQLite's rowid; PostgreSQL's key
    QStringList order;
    const bool postgres = Ddl::isPostgres(m_conn.driver());
    if (!orderBy.isEmpty()) {
        const int c = m->classDef().columnIndex(orderBy);
        if (c < 0)
            fail(kInvalid, EngineText::tr("%1 has no column %2 to sort on").arg(m->className(), orderBy));
        // BSON orders null first
        order << m_sql.quoted(orderBy, false) + (postgres ? QStringLiteral(" NULLS FIRST") : QString());
    }
    order << (postgres ? m_sql.quoted(m->columns()[m->primaryKeyIndex()].name, false)
                       : QStringLiteral("rowid"));
    QString operation = m->tableName() + QStringLiteral(".find(") + specText(where) + QLatin1Char(')');
    if (!orderBy.isEmpty())
        operation += QStringLiteral(".sort(") + orderBy + QLatin1Char(')');
    const QString sql = mingStatement(operation, m_sql.selectOrdered(m, clauses, order.join(QStringLiteral(", "))));
    auto rows = m_conn.execute(sql, params, StatementSource::Query, m->classId());
    if (!rows)
        fail(rows.error().kind, rows.error().message, rows.error().where);
    m_events.cursorHook(EventType::CursorCreated, m, QStringLiteral("find"));
    if (!orderBy.isEmpty())
        m_events.cursorHook(EventType::CursorCreated, m, QStringLiteral("sort"));
    QList<Instance *> out;
    for (const QList<QVariant> &row : std::as_const(rows->rows)) {
        // next(): before_cursor_next, and after_cursor_next in a finally
        // (loading a row does not fail here; a raising before_cursor_next
        // leaves after_cursor_next out, as in Ming)
        m_events.cursorHook(EventType::BeforeCursorNext, m);
        out << mingLoad(m, row, refresh);
        m_events.cursorHook(EventType::AfterCursorNext, m);
        heartbeat();
        if (first)
            return out;
    }
    // the next() that ends the iteration
    m_events.cursorHook(EventType::BeforeCursorNext, m);
    m_events.cursorHook(EventType::AfterCursorNext, m);
    return out;
}

Instance *Session::mingGet(const Mapper *m, const QVariant &key)
{
    // ODMSession.get(): the identity map, else find({_id}).first()
    if (Instance *o = m_ming.imap.value(mingImapKey(m, key)))
        return o;
    const QList<Instance *> found
        = mingFind(m, {{m->columns()[m->primaryKeyIndex()].name, normalKey(key)}}, QString(), true);
    return found.isEmpty() ? nullptr : found.first();
}

qint64 Session::mingRemove(const Mapper *m, const Filters &where)
{
    // ODMSession.remove() with hooks around Mapper.remove() with hooks:
    // outside the unit of work (the objects stay as they are)
    const Connection::Cause cause(m_conn, {StatementCause::Kind::BulkDelete, 0, quint16(m->classId())});
    QStringList clauses;
    const QVariantList params = m_loading.whereParams(m, where, &clauses);
    m_events.removeHook(EventType::BeforeRemove, m);
    auto r = m_conn.execute(
        mingStatement(m->tableName() + QStringLiteral(".remove(") + specText(where) + QLatin1Char(')'),
                      m_sql.bulkDelete(m, clauses)),
        params, StatementSource::Bulk, m->classId());
    if (!r)
        fail(r.error().kind, r.error().message, r.error().where);
    m_events.removeHook(EventType::AfterRemove, m);
    return r->affected;
}

qint64 Session::mingUpdate(const Mapper *m, const Filters &where, const QVariantMap &values)
{
    // Mapper.update_partial(): not validated, no hook, the objects untouched
    QStringList names;
    QVariantList params;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        for (const auto &[column, value] : m_loading.resolveFilter(m, it.key(), it.value())) {
            const ColumnDef *col = m->classDef().column(column);
            if (!col)
                fail(kInvalid, EngineText::tr("%1 has no column %2 to update").arg(m->className(), column));
            auto v = columnValue(*col, value);
            if (!v)
                fail(v.error().kind, v.error().message, m->className() + QLatin1Char('.') + column);
            names << column;
            params << *v;
        }
    }
    if (names.isEmpty())
        fail(kInvalid, EngineText::tr("a bulk update needs values"));
    const Connection::Cause cause(m_conn, {StatementCause::Kind::BulkUpdate, 0, quint16(m->classId())});
    QStringList clauses;
    params += m_loading.whereParams(m, where, &clauses);
    Filters set;
    for (const QString &n : std::as_const(names))
        set.append({n, QVariant()});
    auto r = m_conn.execute(mingStatement(m->tableName() + QStringLiteral(".update(") + specText(where)
                                              + QStringLiteral(", {$set: ") + specText(set)
                                              + QStringLiteral("}, multi=True)"),
                                          m_sql.bulkUpdate(m, names, clauses)),
                            params, StatementSource::Bulk, m->classId());
    if (!r)
        fail(r.error().kind, r.error().message, r.error().where);
    return r->affected;
}

// ---- the flush ----------------------------------------------------------------------------

void Session::mingWrite(Instance *o, MingStatus status)
{
    const Mapper *m = o->mapper();
    const EventType before = status == MingStatus::New  ? EventType::BeforeInsert
        : status == MingStatus::Dirty                   ? EventType::BeforeUpdate
                                                        : EventType::BeforeDelete;
    const EventType after = status == MingStatus::New  ? EventType::AfterInsert
        : status == MingStatus::Dirty                  ? EventType::AfterUpdate
                                                       : EventType::AfterDelete;
    // session before_X, mapper before_X (ODMSession.insert_now around
    // Mapper.insert), the write, mapper after_X, session after_X
    m_events.mapperHook(before, o);
    const QVariant key = mingKey(o);
    const QString collection = m->tableName();
    const auto run = [&](const QString &sql, const QVariantList &params,
                         StatementCause::Kind kind) -> qint64 {
        const Connection::Cause cause(m_conn, {kind, o->id(), quint16(m->classId())});
        auto r = m_conn.execute(sql, params, StatementSource::Flush, m->classId());
        if (!r) {
            // mim: a second document with a unique key is a DuplicateKeyError
            const QString kind = r.error().kind == QLatin1String("IntegrityError") ? kDuplicateKey
                                                                                   : r.error().kind;
            fail(kind, r.error().message, r.error().where);
        }
        return r->affected;
    };
    QVariantList all;
    for (int c = 0; c < m->columns().size(); ++c)
        all << o->value(c);
    if (status != MingStatus::Deleted) {
        // A unique index of MongoDB (not sparse) holds null as a value: a
        // second document without one is a duplicate, where SQL's UNIQUE
        // lets NULLs be.
        for (int c = 0; c < m->columns().size(); ++c) {
            const ColumnDef &col = m->columns()[c];
            if (!col.unique || col.primaryKey || !o->value(c).isNull())
                continue;
            QStringList clauses {m_sql.quoted(col.name, false) + QStringLiteral(" IS NULL"),
                                 m_sql.quoted(m->columns()[m->primaryKeyIndex()].name, false)
                                     + QStringLiteral(" <> ?")};
            const Connection::Cause cause(m_conn, {StatementCause::Kind::Query, o->id(), quint16(m->classId())});
            auto r = m_conn.execute(
                mingStatement(collection + QStringLiteral(": the unique index on ") + col.name,
                              m_sql.select(m, clauses, {})),
                {key}, StatementSource::Flush, m->classId());
            if (!r)
                fail(r.error().kind, r.error().message, r.error().where);
            if (!r->rows.isEmpty())
                fail(kDuplicateKey, EngineText::tr("E11000 duplicate key error: %1 already has a document "
                                                   "whose %2 is null")
                                        .arg(collection, col.name));
        }
    }
    const auto insert = [&](const QString &operation) {
        run(mingStatement(collection + operation, m_sql.insert(m, 0, false)), all,
            StatementCause::Kind::Insert);
    };
    if (status == MingStatus::New) {
        insert(QStringLiteral(".insert(document)"));
    } else if (status == MingStatus::Dirty) {
        // save(): the whole document, created again when it is gone (an upsert)
        QList<int> columns;
        QVariantList params;
        for (int c = 0; c < m->columns().size(); ++c) {
            if (c != m->primaryKeyIndex()) {
                columns << c;
                params << o->value(c);
            }
        }
        params << key;
        qint64 matched = 0;
        const QString save = collection + QStringLiteral(".save(document)");
        if (!columns.isEmpty()) {
            matched = run(mingStatement(save, m_sql.update(m, columns)), params,
                          StatementCause::Kind::Update);
        } else {
            auto r = m_conn.execute(mingStatement(save, m_sql.selectByKey(m)), {key},
                                    StatementSource::Flush, m->classId());
            matched = r ? r->rows.size() : 0;
        }
        if (matched == 0)
            insert(QStringLiteral(".save(document)"));
    } else {
        run(mingStatement(collection + QStringLiteral(".remove({_id})"), m_sql.remove(m)), {key},
            StatementCause::Kind::Delete);
    }
    if (status != MingStatus::Deleted) {
        // Mapper.insert/update: state.status = clean, before the after_ hooks
        m_ming.status[o] = MingStatus::Clean;
        o->setKey(key);
        o->commitAll();
    }
    m_events.mapperHook(after, o);
}

void Session::mingFlush()
{
    if (m_flushing)
        fail(QStringLiteral("RuntimeError"), EngineText::tr("the session is already flushing"));
    m_flushing = true;
    const auto done = qScopeGuard([this] { m_flushing = false; });
    // ODMSession.flush(), with hooks: before_flush(None), UnitOfWork.flush(),
    // after_flush(None). Nothing to flush still fires both; a failure leaves
    // what was written written, and skips the rest and after_flush.
    m_events.flushHook(EventType::BeforeFlush);
    OrderedSet<Instance *> kept;
    QList<Instance *> deleted;
    for (Instance *o : m_ming.uow.copy()) {
        const MingStatus status = m_ming.status.value(o, MingStatus::Clean);
        if (status == MingStatus::Clean) {
            kept.append(o);
            continue;
        }
        mingWrite(o, status);
        heartbeat();
        if (status == MingStatus::Deleted) {
            deleted << o;
        } else {
            m_ming.status[o] = MingStatus::Clean; // (again: an after_ hook may have soiled it)
            kept.append(o);
        }
    }
    // the identity map is made again from what the unit of work keeps
    m_ming.uow = kept;
    for (Instance *o : std::as_const(deleted)) {
        o->setDeletedFlushed(true);
        o->setMarkedDeleted(false);
        o->setSession(0);
    }
    m_ming.imap.clear();
    for (Instance *o : kept.list())
        m_ming.imap.insert(mingImapKey(o->mapper(), mingKey(o)), o);
    m_events.flushHook(EventType::AfterFlush);
}

} // namespace ms
