#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace ms {

/// Two event traces (docs/project-format.md, *The event trace*) side by
/// side, aligned by step: two scenarios, or one scenario under two settings.
/// Each step's events are compared in order (a longest common subsequence),
/// on what a reader compares: the hook, its class, object and attribute, an
/// attribute event's value, a statement's SQL and parameters, a failure;
/// not the times or sequence numbers. Used by `mapperscope-cli diff`.
class TraceDiff
{
public:
    struct Line
    {
        enum Kind : quint8 { Same, OnlyA, OnlyB };
        Kind kind = Same;
        QString text; ///< eventText() of the event
    };
    struct Step
    {
        int index = -1;   ///< the step's number (from 0); -1 for the events before the first step
        QString labelA;   ///< the step as its marker says it (`query User`, `read ada.posts`); empty: A has no such step
        QString labelB;
        int statementsA = 0;
        int statementsB = 0;
        bool failedA = false; ///< the step failed (an `error` step marker)
        bool failedB = false;
        QList<Line> lines;
        bool differs() const;
    };

    /// The events of a trace file, one JSON object a line; a line that is
    /// not one fails with its number.
    static Result<QList<QJsonObject>> read(const QString &path);
    /// The events of a trace's text (JSON Lines); a line that is not one
    /// fails with its number.
    static Result<QList<QJsonObject>> parse(const QByteArray &lines);
    /// Aligns @p a and @p b by step and compares each step's events.
    static TraceDiff compare(const QList<QJsonObject> &a, const QList<QJsonObject> &b);
    /// An event as the comparison sees it: `mapper before_insert User ada`,
    /// `attribute set Post p1.title = "Dune" (was null)`,
    /// `statement SELECT ... [1, 2]`, with ` (failed)` when it failed.
    static QString eventText(const QJsonObject &event);
    /// A step's label on one side as shown: `flush (failed)`, or
    /// `(no such step)` when that side has none.
    static QString label(const QString &marker, bool failed);

    const QList<Step> &steps() const { return m_steps; }
    /// How many steps differ.
    int differing() const;
    int statementsA() const;
    int statementsB() const;

    /// The comparison as text: a table of the steps (each with both labels
    /// and statement counts, `*` where they differ), then the differing
    /// steps' events (`-` only in A, `+` only in B, with two events of
    /// context); with @p everything, every step's events in full.
    QString report(const QString &nameA, const QString &nameB, bool everything) const;

private:
    QList<Step> m_steps;
};

} // namespace ms
