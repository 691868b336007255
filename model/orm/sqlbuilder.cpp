#include "sqlbuilder.h"

#include "connection.h"
#include "ddl.h"
#include "failure.h"
#include "mapper.h"

#include <QSqlDriver>

namespace ms {

namespace {
QString whereText(const QStringList &where)
{
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QLatin1String(" AND "));
}
} // namespace

void SqlBuilder::checkCache() const
{
    // Quoting is the driver's: another driver, other SQL.
    if (m_driver != m_conn.driver()) {
        m_driver = m_conn.driver();
        m_quoted[0].clear();
        m_quoted[1].clear();
        m_statements.clear();
    }
}

QString SqlBuilder::quoted(const QString &name, bool table) const
{
    checkCache();
    auto &cache = m_quoted[table ? 1 : 0];
    if (const auto it = cache.constFind(name); it != cache.cend())
        return it.value();
    const auto q = Ddl::quote(m_conn.driver(), name,
                              table ? QSqlDriver::TableName : QSqlDriver::FieldName);
    if (!q)
        engineFail(sa::kInvalid, q.error().message, q.error().where);
    cache.insert(name, *q);
    return *q;
}

template<typename Build>
const QString &SqlBuilder::cached(const Mapper *m, Kind kind, quint64 columns, Build &&build) const
{
    checkCache();
    const Key key{m->classId(), quint8(kind), columns};
    auto it = m_statements.constFind(key);
    if (it == m_statements.cend())
        it = m_statements.insert(key, build());
    return it.value();
}

QString SqlBuilder::select(const Mapper *m, const QStringList &where, const QStringList &orderBy) const
{
    QStringList order;
    for (const QString &c : orderBy)
        order << quoted(c, false);
    return selectOrdered(m, where, (orderBy.isEmpty() ? keyOrder(m) : order).join(QLatin1String(", ")));
}

QString SqlBuilder::selectOrdered(const Mapper *m, const QStringList &where, const QString &order) const
{
    QStringList cols;
    for (const ColumnDef &c : m->columns())
        cols << quoted(c.name, false);
    return QStringLiteral("SELECT %1 FROM %2").arg(cols.join(QLatin1String(", ")), quoted(m->tableName(), true))
        + whereText(where) + QStringLiteral(" ORDER BY ") + order;
}

QString SqlBuilder::inList(const QStringList &columns, qsizetype count) const
{
    if (columns.size() == 1)
        return columns.first() + QStringLiteral(" IN (") + QStringList(count, QStringLiteral("?")).join(QLatin1String(", "))
            + QLatin1Char(')');
    const QString row = QLatin1Char('(') + QStringList(columns.size(), QStringLiteral("?")).join(QLatin1String(", "))
        + QLatin1Char(')');
    const QString rows = QStringList(count, row).join(QLatin1String(", "));
    return QLatin1Char('(') + columns.join(QLatin1String(", ")) + QStringLiteral(") IN (")
        + (Ddl::isPostgres(m_conn.driver()) ? rows : QStringLiteral("VALUES ") + rows) + QLatin1Char(')');
}

QStringList SqlBuilder::keyWhere(const Mapper *m, const QString &qualifier) const
{
    QStringList out = keyOrder(m, qualifier);
    for (QString &c : out)
        c += QStringLiteral(" = ?");
    return out;
}

QStringList SqlBuilder::rowWhere(const Mapper *m) const
{
    QStringList out = keyWhere(m);
    if (m->versionColumn() >= 0)
        out << quoted(m->columns()[m->versionColumn()].name, false) + QStringLiteral(" = ?");
    return out;
}

QStringList SqlBuilder::keyOrder(const Mapper *m, const QString &qualifier) const
{
    const QString prefix = qualifier.isEmpty() ? QString() : qualifier + QLatin1Char('.');
    QStringList out;
    for (int c : m->keyColumns())
        out << prefix + quoted(m->columns()[c].name, false);
    return out;
}

const QString &SqlBuilder::selectByKey(const Mapper *m) const
{
    return cached(m, Kind::SelectByKey, 0, [&] { return select(m, keyWhere(m), {}); });
}

const QString &SqlBuilder::insert(const Mapper *m, quint64 omitted, bool generatedKey) const
{
    return cached(m, generatedKey ? Kind::InsertGenerated : Kind::Insert, omitted, [&] {
        QStringList names, marks;
        for (int c = 0; c < m->columns().size(); ++c) {
            if (c < 64 && (omitted & (quint64(1) << c)))
                continue;
            names << quoted(m->columns()[c].name, false);
            marks << QStringLiteral("?");
        }
        QString text = names.isEmpty()
            ? QStringLiteral("INSERT INTO %1 DEFAULT VALUES").arg(quoted(m->tableName(), true))
            : QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                  .arg(quoted(m->tableName(), true), names.join(QLatin1String(", ")),
                       marks.join(QLatin1String(", ")));
        if (generatedKey && Ddl::isPostgres(m_conn.driver()))
            text += QStringLiteral(" RETURNING ") + quoted(m->primaryKey().name, false);
        return text;
    });
}

QString SqlBuilder::update(const Mapper *m, const QList<int> &columns) const
{
    auto build = [&] {
        QStringList sets;
        for (int c : columns)
            sets << quoted(m->columns()[c].name, false) + QStringLiteral(" = ?");
        return QStringLiteral("UPDATE %1 SET %2").arg(quoted(m->tableName(), true), sets.join(QLatin1String(", ")))
            + whereText(rowWhere(m));
    };
    // one statement per set of changed columns (up to 64 columns; beyond, built each time)
    if (columns.isEmpty() || columns.last() >= 64)
        return build();
    quint64 mask = 0;
    for (int c : columns)
        mask |= quint64(1) << c;
    return cached(m, Kind::Update, mask, build);
}

const QString &SqlBuilder::remove(const Mapper *m) const
{
    return cached(m, Kind::Delete, 0, [&] {
        return QStringLiteral("DELETE FROM %1").arg(quoted(m->tableName(), true)) + whereText(rowWhere(m));
    });
}

QString SqlBuilder::bulkUpdate(const Mapper *m, const QStringList &columns, const QStringList &where) const
{
    QStringList sets;
    for (const QString &c : columns)
        sets << quoted(c, false) + QStringLiteral(" = ?");
    return QStringLiteral("UPDATE %1 SET %2").arg(quoted(m->tableName(), true), sets.join(QLatin1String(", ")))
        + whereText(where);
}

QString SqlBuilder::bulkDelete(const Mapper *m, const QStringList &where) const
{
    return QStringLiteral("DELETE FROM %1").arg(quoted(m->tableName(), true)) + whereText(where);
}

void SqlBuilder::condition(const QString &column, const QVariant &value, QStringList *clauses,
                           QList<QVariant> *params, const QString &qualifier) const
{
    const QString name = qualifier.isEmpty() ? quoted(column, false) : qualifier + QLatin1Char('.') + quoted(column, false);
    if (value.isNull()) {
        *clauses << name + QStringLiteral(" IS NULL");
    } else {
        *clauses << name + QStringLiteral(" = ?");
        *params << value;
    }
}

} // namespace ms
