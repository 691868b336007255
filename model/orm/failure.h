#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QString>

namespace ms {

/// SQLAlchemy's exception names, used as Error::kind by the engine's parts.
namespace sa {
inline const QString kIntegrity = QStringLiteral("IntegrityError");
inline const QString kOperational = QStringLiteral("OperationalError");
inline const QString kInvalid = QStringLiteral("InvalidRequestError");
inline const QString kPendingRollback = QStringLiteral("PendingRollbackError");
inline const QString kStale = QStringLiteral("StaleDataError");
inline const QString kDeleted = QStringLiteral("ObjectDeletedError");
inline const QString kHook = QStringLiteral("ListenerError");
} // namespace sa

/// A failure inside the engine: thrown by any of its parts, caught once
/// by the session's public operation and returned as an Error.
struct EngineFailure
{
    QString kind;    ///< SQLAlchemy's exception name
    QString message;
    QString where;   ///< the statement, the column, ... (may be empty)
};

[[noreturn]] inline void engineFail(const QString &kind, const QString &message,
                                    const QString &where = QString())
{
    throw EngineFailure{kind, message, where};
}

/// The translation context of the engine's messages ("Session", as when
/// they were all written in session.cpp).
struct EngineText
{
    Q_DECLARE_TR_FUNCTIONS(Session)
};

/// The kind of a database error: what the database's code said
/// (Connection::errorKind()), else a guess from the driver's text.
QString databaseErrorKind(const Error &error);

/// Fails with the database's error: its kind, its message, the statement.
[[noreturn]] inline void failOnDatabaseError(const Error &error)
{
    engineFail(databaseErrorKind(error), error.message, error.where);
}

} // namespace ms
