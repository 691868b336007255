#pragma once

#include "orm/settings.h"
#include "schema/schema.h"
#include "step.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace ms {

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

/// A scripted sequence of session operations, as typed steps; keys a later
/// version adds survive a round trip (Step::extra).
struct Scenario
{
    QString name;
    QList<Step> steps;
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

} // namespace ms
