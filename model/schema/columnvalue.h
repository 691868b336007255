#pragma once

#include "columndef.h"
#include "core/result.h"

#include <QVariant>

#include <optional>

namespace ms {

/// A column value as the engine stores it: JSON numbers, ISO date text and
/// driver values converted to the column's type (null stays null). An
/// error (StatementError, naming the column) when the value cannot be
/// converted, as SQLAlchemy's type processing refuses it.
Result<QVariant> columnValue(const ColumnDef &column, const QVariant &value);
/// The same with the column's type already known (Mapper::columnType()).
Result<QVariant> columnValue(const ColumnDef &column, std::optional<ColumnType> type,
                             const QVariant &value);

} // namespace ms
