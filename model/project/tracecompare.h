// The comparison of two event traces with the rules of
// ../shared/reference/trace_compare.py, re-implemented on the same canonical
// form: split into steps, keep the events matched ("Order we match" in
// events.md), drop attribute events inside a flush, and compare each run of
// one hook (or of one unordered family) as a set. Used by
// `mapperscope-cli verify`, Session > Compare with SQLAlchemy and the tests
// that hold the engine's traces against SQLAlchemy's.
#pragma once

#include "schema/schema.h"

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace ms::tracecompare {


using TraceEntry = QStringList; // category, event, class, ref, attr
using TraceSteps = QList<QPair<QString, QList<TraceEntry>>>;

/// The events compared ("Order we match" in events.md).
inline const QHash<QString, QSet<QString>> &matchedEvents()
{
    static const QHash<QString, QSet<QString>> m {
        {QStringLiteral("session"),
         {"before_flush", "after_flush", "after_flush_postexec", "before_commit", "after_commit",
          "after_rollback", "after_begin", "before_attach", "after_attach", "transient_to_pending",
          "pending_to_transient", "persistent_to_transient", "pending_to_persistent",
          "detached_to_persistent", "loaded_as_persistent", "persistent_to_deleted",
          "deleted_to_persistent", "deleted_to_detached", "persistent_to_detached"}},
        {QStringLiteral("mapper"),
         {"instrument_class", "before_configured", "before_mapper_configured", "mapper_configured",
          "after_configured", "before_insert", "after_insert", "before_update", "after_update",
          "before_delete", "after_delete"}},
        {QStringLiteral("instance"), {"init", "load", "expire"}},
        {QStringLiteral("attribute"), {"set", "append", "remove"}},
        {QStringLiteral("step"), {"error"}},
    };
    return m;
}

namespace detail {

inline QString text(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString();
}

/// Hooks SQLAlchemy fires from one loop over a set (a rollback detaches the
/// objects it made transient, pending and newly persistent alike, in hash
/// order): a run of the family is compared as a set.
inline QString family(const TraceEntry &e, bool detachLoop = false)
{
    if (e[1] == QLatin1String("pending_to_transient") || e[1] == QLatin1String("persistent_to_transient")
        || (detachLoop && e[1] == QLatin1String("deleted_to_detached")))
        return e[0] + QStringLiteral(" *_to_transient");
    return e[0] + QLatin1Char(' ') + e[1];
}

} // namespace detail

/// trace_compare.canonical(): split into steps, keep the matched events,
/// drop attribute events inside a flush, sort each run of one hook (or of
/// one unordered family). @p detachLoop: deleted_to_detached joins the
/// *_to_transient family, as it comes from the same loop over a set
/// (InstanceState._detach_states) in a rollback; trace_compare.py keeps it
/// apart, so only a comparison of two SQLAlchemy runs uses it.
/// @p selects: each SELECT statement is an entry too, where it was sent
/// among the events (what a loading strategy changes); only for traces
/// that both record statements (the exported program's do, the
/// reference script's do not): see hasStatements(). With it, the INSERTs
/// and DELETEs on @p linkTables (the association tables, whose rows no
/// mapper hook shows) are entries too.
inline TraceSteps canonicalTrace(const QList<QJsonObject> &trace, bool detachLoop = false, bool selects = false,
                                 const QStringList &linkTables = {})
{
    TraceSteps steps {{QStringLiteral("configure"), {}}};
    bool flushing = false;
    for (const QJsonObject &ev : trace) {
        const QString cat = detail::text(ev.value(QLatin1String("category")));
        const QString name = detail::text(ev.value(QLatin1String("event")));
        if (cat == QLatin1String("step") && name != QLatin1String("error")) {
            steps.append({QStringLiteral("step %1 (%2)").arg(ev.value(QLatin1String("step")).toInt()).arg(name), {}});
            continue;
        }
        if (cat == QLatin1String("session") && name == QLatin1String("before_flush"))
            flushing = true;
        if (cat == QLatin1String("session")
            && (name == QLatin1String("after_flush_postexec") || name == QLatin1String("after_rollback")))
            flushing = false;
        if (selects && cat == QLatin1String("statement")) {
            const QString sql = detail::text(ev.value(QLatin1String("sql"))).trimmed();
            if (sql.startsWith(QLatin1String("SELECT"), Qt::CaseInsensitive)) {
                steps.last().second.append({cat, QStringLiteral("SELECT"), QString(), QString(), QString()});
            } else if (!linkTables.isEmpty()) {
                // INSERT INTO t ... / DELETE FROM t ...: the verb and the table, unquoted
                const QStringList words = sql.split(QLatin1Char(' '), Qt::SkipEmptyParts);
                QString table = words.value(2);
                table.remove(QLatin1Char('"'));
                if (words.size() > 2 && linkTables.contains(table, Qt::CaseInsensitive))
                    steps.last().second.append({cat, words[0].toUpper(), table.toLower(), QString(), QString()});
            }
            continue;
        }
        if (!matchedEvents().value(cat).contains(name))
            continue;
        if (cat == QLatin1String("attribute") && flushing)
            continue;
        steps.last().second.append({cat, name, detail::text(ev.value(QLatin1String("class"))),
                                    detail::text(ev.value(QLatin1String("ref"))),
                                    detail::text(ev.value(QLatin1String("attr")))});
    }
    for (auto &step : steps) {
        QList<TraceEntry> &evs = step.second;
        QList<TraceEntry> folded;
        for (qsizetype i = 0; i < evs.size();) {
            qsizetype j = i;
            while (j < evs.size() && detail::family(evs[j], detachLoop) == detail::family(evs[i], detachLoop))
                ++j;
            QList<TraceEntry> run = evs.mid(i, j - i);
            std::sort(run.begin(), run.end());
            folded += run;
            i = j;
        }
        evs = folded;
    }
    return steps;
}

/// The association tables of @p schema's many-to-many relationships: their
/// statements are compared (canonicalTrace()'s linkTables).
inline QStringList linkTables(const Schema &schema)
{
    QStringList names;
    for (const AssociationTable &t : schema.associationTables())
        names << t.name;
    return names;
}

/// Whether @p trace records the statements sent (category "statement").
inline bool hasStatements(const QList<QJsonObject> &trace)
{
    return std::any_of(trace.cbegin(), trace.cend(), [](const QJsonObject &ev) {
        return ev.value(QLatin1String("category")).toString() == QLatin1String("statement");
    });
}

/// A Ming-style extension's method call is a line of its own in the
/// engine's trace, with an "extension" key. The exported SQLAlchemy
/// program makes the methods plain listeners, which write no line: when
/// @p expected has no such line, they are left out of @p actual.
inline void dropUnexpectedExtensionCalls(QList<QJsonObject> &actual, const QList<QJsonObject> &expected)
{
    const auto isCall = [](const QJsonObject &o) { return o.contains(QLatin1String("extension")); };
    if (std::none_of(expected.cbegin(), expected.cend(), isCall))
        actual.removeIf(isCall);
}

/// trace_compare.py's second pass: the steps' Ming-style extension calls
/// (lines with an "extension" key) and failures, in exact order, on
/// (category, event, class, ref, extension).
inline TraceSteps extensionCalls(const QList<QJsonObject> &trace)
{
    TraceSteps steps {{QStringLiteral("configure"), {}}};
    for (const QJsonObject &ev : trace) {
        const QString cat = detail::text(ev.value(QLatin1String("category")));
        const QString name = detail::text(ev.value(QLatin1String("event")));
        if (cat == QLatin1String("step") && name != QLatin1String("error")) {
            steps.append({QStringLiteral("step %1 (%2)").arg(ev.value(QLatin1String("step")).toInt()).arg(name), {}});
            continue;
        }
        if (ev.contains(QLatin1String("extension")) || (cat == QLatin1String("step") && name == QLatin1String("error")))
            steps.last().second.append({cat, name, detail::text(ev.value(QLatin1String("class"))),
                                        detail::text(ev.value(QLatin1String("ref"))),
                                        detail::text(ev.value(QLatin1String("extension")))});
    }
    return steps;
}

/// Whether @p trace holds extension calls (then extensionCalls() compares
/// them too).
inline bool hasExtensionCalls(const QList<QJsonObject> &trace)
{
    return std::any_of(trace.cbegin(), trace.cend(),
                       [](const QJsonObject &o) { return o.contains(QLatin1String("extension")); });
}

/// A trace of real Ming (ming_reference.py): extension calls, and no
/// configure phase (Ming fires nothing while mapping). It is compared on
/// its extension calls and failures alone.
inline bool isMingTrace(const QList<QJsonObject> &trace)
{
    return hasExtensionCalls(trace) && std::none_of(trace.cbegin(), trace.cend(), [](const QJsonObject &o) {
               return o.value(QLatin1String("phase")).toString() == QLatin1String("configure");
           });
}

/// A JSON Lines trace; an unreadable line is a null object.
inline QList<QJsonObject> parseTraceLines(const QByteArray &data, bool *ok = nullptr)
{
    QList<QJsonObject> out;
    if (ok)
        *ok = true;
    for (const QByteArray &line : data.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            if (ok)
                *ok = false;
            continue;
        }
        out << doc.object();
    }
    return out;
}

inline QString describeEvents(const QList<TraceEntry> &evs)
{
    QStringList parts;
    for (const TraceEntry &e : evs) {
        QStringList words;
        for (const QString &w : e) {
            if (!w.isEmpty())
                words << w;
        }
        parts << words.join(QLatin1Char(' '));
    }
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

/// Where two canonical traces first differ ("differs at step 3 (flush)"
/// with both sides), or nothing when they match.
inline std::optional<QString> firstDifference(const TraceSteps &expected, const TraceSteps &actual)
{
    for (qsizetype i = 0; i < std::max(expected.size(), actual.size()); ++i) {
        const QString name = i < expected.size() ? expected[i].first : actual[i].first;
        if (i >= expected.size() || i >= actual.size() || expected[i].first != actual[i].first)
            return QStringLiteral("the steps differ at %1").arg(name);
        if (expected[i].second != actual[i].second)
            return QStringLiteral("differs at %1\n  expected: %2\n  actual:   %3")
                .arg(name, describeEvents(expected[i].second), describeEvents(actual[i].second));
    }
    return std::nullopt;
}

} // namespace ms::tracecompare
