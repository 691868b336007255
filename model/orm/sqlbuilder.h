#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

class QSqlDriver;

namespace ms {

class Connection;
class Mapper;

/// The statements of the mapped classes (SQLAlchemy's mapper-level SQL
/// and its compiled cache): every identifier quoted by the driver, every
/// value a `?` placeholder. A statement is built once per class (and set of
/// columns) and handed back as the same QString, so the connection finds
/// its prepared query and the log its stored text without hashing the SQL
/// again. Another driver (a new connection) empties the caches.
///
/// An identifier the driver cannot quote fails with EngineFailure.
class SqlBuilder
{
public:
    explicit SqlBuilder(const Connection &connection) : m_conn(connection) {}

    /// @p name as the driver quotes a field (or, with @p table, a table name).
    QString quoted(const QString &name, bool table) const;

    /// SELECT of every column of @p m with @p where (already quoted
    /// clauses, ANDed), ordered by the columns @p orderBy (the primary key
    /// when empty).
    QString select(const Mapper *m, const QStringList &where, const QStringList &orderBy) const;
    /// The same, ordered by @p order, an ORDER BY clause's SQL as it is.
    QString selectOrdered(const Mapper *m, const QStringList &where, const QString &order) const;
    /// `"a" IN (?, ?)` for @p count keys of the one column in @p columns
    /// (quoted); for several, a row value: `("a", "b") IN (VALUES (?, ?), ...)`
    /// on SQLite, `("a", "b") IN ((?, ?), ...)` on PostgreSQL (whose VALUES
    /// would type the parameters as text).
    QString inList(const QStringList &columns, qsizetype count) const;
    /// `"a" = ?` for each primary key column (qualified by @p qualifier, a
    /// quoted table or alias, when given): the WHERE of a row by its key,
    /// the key's values bound in column order.
    QStringList keyWhere(const Mapper *m, const QString &qualifier = QString()) const;
    /// The WHERE of a row the flush updates or deletes: keyWhere(), then the
    /// version counter's `"version" = ?` for a class that has one.
    QStringList rowWhere(const Mapper *m) const;
    /// The primary key columns (qualified by @p qualifier when given): the
    /// ORDER BY of rows in key order.
    QStringList keyOrder(const Mapper *m, const QString &qualifier = QString()) const;
    /// SELECT of one row by primary key (cached).
    const QString &selectByKey(const Mapper *m) const;
    /// INSERT of every column but the primary key columns in @p omitted (a
    /// bit per column: the ones with no value, which SQLAlchemy leaves out);
    /// with @p generatedKey, the one key column the database generates,
    /// which on PostgreSQL RETURNING gives back (cached).
    const QString &insert(const Mapper *m, quint64 omitted, bool generatedKey) const;
    /// UPDATE of @p columns (indexes, ascending) by rowWhere() (cached for
    /// column sets under 64); the values, then the key's, then the version.
    QString update(const Mapper *m, const QList<int> &columns) const;
    /// DELETE by rowWhere() (cached).
    const QString &remove(const Mapper *m) const;
    /// UPDATE ... SET each of @p columns (names) = ? [WHERE @p where] of a
    /// bulk statement.
    QString bulkUpdate(const Mapper *m, const QStringList &columns, const QStringList &where) const;
    /// DELETE FROM ... [WHERE @p where] of a bulk statement.
    QString bulkDelete(const Mapper *m, const QStringList &where) const;
    /// `"col" IS NULL` or `"col" = ?` (the value then goes to @p params);
    /// the column qualified by @p qualifier (a quoted table) when given.
    void condition(const QString &column, const QVariant &value, QStringList *clauses,
                   QList<QVariant> *params, const QString &qualifier = QString()) const;

private:
    enum class Kind : quint8 { Insert, InsertGenerated, Update, Delete, SelectByKey };
    struct Key
    {
        quint32 classId;
        quint8 kind;
        quint64 columns;
        bool operator==(const Key &) const = default;
        friend size_t qHash(const Key &k, size_t seed = 0)
        {
            return ::qHashMulti(seed, k.classId, k.kind, k.columns);
        }
    };
    template<typename Build>
    const QString &cached(const Mapper *m, Kind kind, quint64 columns, Build &&build) const;
    void checkCache() const;

    const Connection &m_conn;
    mutable const QSqlDriver *m_driver = nullptr;
    mutable QHash<QString, QString> m_quoted[2]; ///< field names, table names
    mutable QHash<Key, QString> m_statements;
};

} // namespace ms
