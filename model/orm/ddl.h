#pragma once

#include "core/result.h"
#include "schema/schema.h"

#include <QSqlDriver>

namespace ms {

/// The SQL that creates a schema's tables, for the connected driver
/// (QSQLITE or QPSQL). Every identifier goes through the driver's
/// escapeIdentifier(); DEFAULT values, which cannot be bound in DDL, go
/// through its formatValue().
class Ddl
{
public:
    /// The driver's quoted form of @p name. Qt's drivers leave a name that
    /// begins or ends with a double quote as it is, and read dots (and, in
    /// SQLite, brackets) as separators; such names are refused here rather
    /// than pasted raw into SQL.
    static Result<QString> quote(const QSqlDriver *driver, const QString &name,
                                 QSqlDriver::IdentifierType type);
    /// With @p documents, a table that stands for a MongoDB collection (a
    /// Ming project): no NOT NULL but the key's, and no FOREIGN KEY.
    static Result<QString> createTable(const QSqlDriver *driver, const Schema &schema, int classIdx,
                                       bool documents = false);
    /// A many-to-many's association table: a NOT NULL foreign key to each
    /// side's primary key, the two together its primary key (as SQLAlchemy's
    /// Table(..., Column(ForeignKey(...), primary_key=True)) creates it).
    static Result<QString> createAssociationTable(const QSqlDriver *driver, const Schema &schema,
                                                  const AssociationTable &table);
    /// The SQL type name of a column type for @p driver.
    static QString sqlType(const QSqlDriver *driver, ColumnType type, bool generatedKey);
    static bool isPostgres(const QSqlDriver *driver);
};

} // namespace ms
