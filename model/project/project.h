#pragma once

#include "orm/settings.h"
#include "schema/schema.h"
#include "step.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

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

/// One of the project's named sessions (format version 7): several
/// sessions on one database, each with its own connection and transaction.
/// The options not given are the project's `session` options.
struct SessionDef
{
    QString name;
    std::optional<bool> autoflush;
    std::optional<bool> expireOnCommit;
    /// PostgreSQL's isolation level for this session's connection: "read
    /// committed", "repeatable read" or "serializable"; empty: the server's
    /// default. SQLite's transactions are serializable whatever it says.
    QString isolation;
    QJsonObject extra;
    bool operator==(const SessionDef &) const = default;

    /// The options this session runs with, over the project's @p defaults.
    SessionOptions options(const SessionOptions &defaults) const
    {
        SessionOptions o = defaults;
        if (autoflush)
            o.autoflush = *autoflush;
        if (expireOnCommit)
            o.expireOnCommit = *expireOnCommit;
        return o;
    }
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
    /// Format version 9: what the project teaches, shown when it is opened
    /// (plain text, paragraphs separated by a blank line); empty, none.
    QString description;
    DatabaseSettings database;
    SessionOptions session;
    /// Format version 7: the named sessions; empty, one unnamed session.
    /// Steps name theirs (Step::session); the first is the default.
    QList<SessionDef> sessions;
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
