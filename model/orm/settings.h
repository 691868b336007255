#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ms {

/// Where the session's database is: a Qt SQL driver and its settings.
struct DatabaseSettings
{
    QString driver = QStringLiteral("QSQLITE"); ///< QSQLITE or QPSQL
    QString name = QStringLiteral(":memory:");  ///< SQLite file path or ":memory:"; PostgreSQL database
    QString host;
    int port = 0;                               ///< 0: the driver's default
    QString user;
    QString password;
    /// Whether the password goes into the project file (the user asked for
    /// it); otherwise it lives only as long as the window.
    bool savePassword = false;
    QJsonObject extra;
    bool operator==(const DatabaseSettings &) const = default;
    /// SQLite's ":memory:": a database that lives as long as a connection
    /// to it (several sessions share it by a name of its own).
    bool isSqliteMemory() const
    {
        return driver == QLatin1String("QSQLITE") && name == QLatin1String(":memory:");
    }
};

/// The isolation levels a session's PostgreSQL connection may take (a
/// project's "sessions"), as the project file spells them.
inline QStringList isolationLevels()
{
    return {QStringLiteral("read committed"), QStringLiteral("repeatable read"),
            QStringLiteral("serializable")};
}

/// Which ORM the project's sessions follow (the project's top-level "orm",
/// format version 10): SQLAlchemy's Session, or a Ming ODMSession (its unit
/// of work one object at a time, in the order objects entered it, without
/// transactions; events.md, "A Ming session").
enum class Orm : quint8 { SqlAlchemy, Ming };

/// "sqlalchemy" or "ming", as the project file spells them.
inline QString ormName(Orm orm)
{
    return orm == Orm::Ming ? QStringLiteral("ming") : QStringLiteral("sqlalchemy");
}

/// SQLAlchemy's session switches, and the ORM the session follows.
struct SessionOptions
{
    bool autoflush = true;
    bool expireOnCommit = true;
    /// Written at the project's top level ("orm"), not under "session".
    Orm orm = Orm::SqlAlchemy;
    QJsonObject extra;
    bool operator==(const SessionOptions &) const = default;
};

} // namespace ms
