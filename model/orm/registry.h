#pragma once

#include "core/result.h"
#include "events/eventtype.h"
#include "mapper.h"
#include "settings.h"
#include "schema/schema.h"

#include <memory>
#include <vector>

class QSqlDatabase;
class QSqlDriver;

namespace ms {

class Dispatcher;

/// Maps a Schema: one Mapper per class, relationships resolved on both sides
/// (backrefs created), and the configuration events in SQLAlchemy 1.4's
/// order:
///
///   per class, in declaration order: instrument_class, class_instrument;
///   before_configured;
///   per class: before_mapper_configured, attribute_instrument for each
///     relationship (a backref it creates on its target first) and then each
///     column, mapper_configured;
///   after_configured.
///
/// It also writes and runs the DDL that creates the tables.
class Registry
{
public:
    explicit Registry(Dispatcher *dispatcher = nullptr);
    ~Registry();

    /// Validates @p schema and maps it. On failure nothing is mapped and the
    /// error lists the schema's problems.
    Result<void> map(const Schema &schema);
    bool isMapped() const { return !m_mappers.empty(); }

    const Schema &schema() const { return m_schema; }
    const std::vector<std::unique_ptr<Mapper>> &mappers() const { return m_mappers; }
    Mapper *mapper(const QString &className) const;
    Mapper *mapper(quint32 classId) const;

    /// Classes in the order their tables must be created (referenced first).
    QList<Mapper *> dependencyOrder() const;

    /// CREATE TABLE statements for @p driver, in dependency order.
    Result<QStringList> createStatements(const QSqlDriver *driver) const;
    /// The CREATE TABLE statements of @p schema as the Qt SQL driver
    /// @p driverName (QSQLITE, QPSQL) renders them; no connection is opened.
    /// An error when the driver is not installed or the schema cannot be mapped.
    static Result<QStringList> createStatementsFor(const Schema &schema, const QString &driverName,
                                                   bool documents = false);
    /// The classes of a Ming project: their tables stand for MongoDB
    /// collections (Ddl::createTable()), and mapping them fires nothing
    /// (Ming has no configuration events). Set before map().
    void setOrm(Orm orm) { m_documentTables = orm == Orm::Ming; }
    /// Creates the tables on @p db in one transaction; nothing is left behind
    /// when a statement fails. Tables that already exist are an error.
    Result<void> createTables(QSqlDatabase &db) const;

private:
    void fire(EventType type, quint32 classId = 0, quint32 attribute = 0);

    Dispatcher *m_dispatcher;
    Schema m_schema;
    bool m_documentTables = false;
    std::vector<std::unique_ptr<Mapper>> m_mappers;
    QList<int> m_order;
};

} // namespace ms
