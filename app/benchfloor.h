#pragma once

#include "core/result.h"

#include <QString>

namespace ms::benchfloor {

/// The bench's floor: the same rows through the sqlite3 C API, as a C
/// programmer would write it (one prepared statement, one transaction,
/// values as UTF-8 bound in place). Each opens the file on a connection of
/// its own and returns the seconds its loop took.

/// Runs @p insertSql (four parameters: name, email, age, score) for rows
/// 1..@p n with the values the ORM workload uses.
Result<double> insertRows(const QString &path, const QString &insertSql, int n);
/// Runs @p selectSql (id, name, email, age, score) and keeps every row in
/// memory, the text as UTF-8; fails unless it read @p n rows.
Result<double> loadRows(const QString &path, const QString &selectSql, int n);

} // namespace ms::benchfloor
