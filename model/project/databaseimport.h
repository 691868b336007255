#pragma once

#include "core/result.h"
#include "project.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ms {

/// Reads the tables of an SQLite or PostgreSQL database into a project's
/// classes: columns and their types, the primary key, NOT NULL, UNIQUE,
/// defaults, and foreign keys (SQLite's `PRAGMA foreign_key_list`,
/// PostgreSQL's catalog), each foreign key a many-to-one with a one-to-many
/// backref on the class it references. What the model cannot express yet is
/// listed and skipped, never changed: a table without a one-column primary
/// key (composite keys, association tables), a column of a type the model
/// has no name for, a second foreign key to the same table, a default that
/// is an expression.
namespace DatabaseImport {

struct Table
{
    QString table;      ///< the table's name in the database
    QString className;  ///< the class it becomes (editable before applying)
    int columns = 0;
};

struct Imported
{
    Project project;      ///< the classes, bound to the database read
    QList<Table> tables;  ///< the tables that became classes, in order
    QStringList skipped;  ///< what was left out, one sentence each
};

/// Reads @p db (open, QSQLITE or QPSQL). @p settings is what the project
/// binds to.
Result<Imported> read(QSqlDatabase &db, const DatabaseSettings &settings);

/// Opens @p settings on a connection of its own, reads it, closes it.
Result<Imported> read(const DatabaseSettings &settings);

/// The class name a table gets: its words capitalized and joined, the last
/// one singular (`blog_posts` -> `BlogPost`, `categories` -> `Category`).
QString classNameFor(const QString &table);

/// How the tables @p database (as read()) differ from what @p model needs
/// for a session on them: a missing table or column, another type, a
/// primary key, NOT NULL or UNIQUE the model does not agree with, a foreign
/// key that is missing or points elsewhere, a NOT NULL column without a
/// default the model does not know (an INSERT would fail). Empty when they
/// fit. Extra tables, and extra columns that may stay empty, are fine.
QStringList differences(const Schema &model, const Schema &database);

/// @p imported with its classes renamed as @p names says (table -> class),
/// references and relationship targets following; an error for an empty or
/// repeated name.
Result<Project> renamed(const Imported &imported, const QHash<QString, QString> &names);

} // namespace DatabaseImport

} // namespace ms
