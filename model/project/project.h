#pragma once

#include "schema/schema.h"

#include <QJsonObject>
#include <QList>
#include <QString>

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
};

/// SQLAlchemy's session switches.
struct SessionOptions
{
    bool autoflush = true;
    bool expireOnCommit = true;
    QJsonObject extra;
    bool operator==(const SessionOptions &) const = default;
};

/// A hook the user listens to: on which target (`*`, a class, `Class.attribute`),
/// doing what (`log`, `pause`).
struct ListenerDef
{
    QString event;
    QString target = QStringLiteral("*");
    QString action = QStringLiteral("log");
    QJsonObject extra;
    bool operator==(const ListenerDef &) const = default;
};

/// A scripted sequence of session operations. Steps are kept as their JSON
/// objects (`{"op": "add", "ref": "u1"}`): the ScenarioRunner reads them and
/// keys a later version adds survive a round trip.
struct Scenario
{
    QString name;
    QList<QJsonObject> steps;
    QJsonObject extra;
    bool operator==(const Scenario &) const = default;
};

/// Everything a project file holds.
struct Project
{
    QString name;
    DatabaseSettings database;
    SessionOptions session;
    Schema schema;
    QList<ListenerDef> listeners;
    QList<Scenario> scenarios;
    QJsonObject view;   ///< GUI state, kept whole
    QJsonObject extra;  ///< top-level keys this version does not know

    /// The schema's problems, then the listeners' and the scenarios': unknown
    /// hooks or targets, unknown step operations, missing step fields,
    /// references to classes, attributes or labels that do not exist.
    Problems validate() const;
    bool operator==(const Project &) const = default;
};

/// The scenario step operations of formats.md, with their required fields.
struct StepOp
{
    const char *op;
    QStringList required;
};
QList<StepOp> scenarioStepOps();

} // namespace ms
