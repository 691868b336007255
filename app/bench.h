#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace ms {

/// `mapperscope-cli bench`: the workloads of performance.md in one process.
/// Every ORM workload runs with the event recorder on and a listener on
/// every session, mapper, instance and attribute hook; the raw QSqlQuery
/// baselines run on the same rows in the same SQLite file.
class Bench
{
    Q_DECLARE_TR_FUNCTIONS(Bench)
public:
    struct Options
    {
        int objects = 100000;
        /// The SQLite file to use; empty: a file in a temporary directory.
        /// The bench creates it and removes it at the end; an existing file
        /// is refused rather than overwritten.
        QString database;
        /// The event log's limit (EventLog::setCapacity()): past it the
        /// oldest events are dropped, and the memory stays bounded.
        qint64 logLimit = 5'000'000;
    };

    /// One key of the JSON object, with its target (performance.md).
    struct Key
    {
        const char *name;
        const char *unit;
        const char *target; ///< as the table prints it; nullptr: no target
        /// The key it is compared with (the ratio the table prints); nullptr: none.
        const char *baseline;
        /// The target: at most this many times the baseline; 0: no ratio target.
        double factor;
    };
    static const QList<Key> &keys();
    /// @p key's value over its baseline's in @p figures (0 without one).
    static double ratio(const QJsonObject &figures, const Key &key);

    /// Runs every workload; @p progress hears the name of each as it starts.
    /// The figures use the keys of performance.md (seconds, nanoseconds,
    /// bytes, counts), plus `objects`, `listener_calls` and `targets_met`.
    static Result<QJsonObject> run(const Options &options,
                                   const std::function<void(const QString &)> &progress = {});
    /// Whether each target holds in @p figures, by key.
    static QJsonObject check(const QJsonObject &figures);
};

} // namespace ms
