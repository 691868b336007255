#include "tracediff.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>
#include <vector>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TraceDiff)
};

/// A step's events, and what its marker says.
struct StepEvents
{
    QString label;
    bool failed = false;
    int statements = 0;
    QStringList events;
};

QString compact(const QJsonValue &v)
{
    if (v.isString())
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    if (v.isUndefined())
        return QStringLiteral("null");
    return QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString text(const QJsonObject &e, const char *key)
{
    const QJsonValue v = e.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

/// The trace split by its step markers; the events before the first step
/// under -1 (mapping the classes).
QMap<int, StepEvents> bySteps(const QList<QJsonObject> &trace)
{
    QMap<int, StepEvents> out;
    int current = -1;
    out[current].label = Tr::tr("(mapping)");
    for (const QJsonObject &e : trace) {
        const bool marker = text(e, "category") == QLatin1String("step");
        if (marker && text(e, "event") != QLatin1String("error")) {
            current = e.value(QLatin1String("step")).toInt(current + 1);
            StepEvents &s = out[current];
            QString label = text(e, "event");
            QString target = text(e, "ref");
            if (target.isEmpty())
                target = text(e, "class");
            if (!text(e, "attr").isEmpty())
                target += QLatin1Char('.') + text(e, "attr");
            if (!target.isEmpty())
                label += QLatin1Char(' ') + target;
            s.label = label;
            continue;
        }
        StepEvents &s = out[current];
        if (marker)
            s.failed = true;
        if (text(e, "category") == QLatin1String("statement"))
            ++s.statements;
        s.events << TraceDiff::eventText(e);
    }
    return out;
}

/// The longest common subsequence of @p a and @p b as lines; beyond
/// 4 million pairs, only the common start and end are matched.
QList<TraceDiff::Line> diffLines(const QStringList &a, const QStringList &b)
{
    QList<TraceDiff::Line> out;
    qsizetype start = 0;
    while (start < a.size() && start < b.size() && a[start] == b[start])
        out.append({TraceDiff::Line::Same, a[start++]});
    qsizetype endA = a.size(), endB = b.size();
    QList<TraceDiff::Line> tail;
    while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) {
        tail.prepend({TraceDiff::Line::Same, a[endA - 1]});
        --endA;
        --endB;
    }
    const qsizetype n = endA - start, m = endB - start;
    if (n * m > 4'000'000) {
        for (qsizetype i = start; i < endA; ++i)
            out.append({TraceDiff::Line::OnlyA, a[i]});
        for (qsizetype j = start; j < endB; ++j)
            out.append({TraceDiff::Line::OnlyB, b[j]});
    } else {
        // lengths of the common subsequences of the suffixes
        std::vector<std::vector<int>> len(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
        for (qsizetype i = n - 1; i >= 0; --i)
            for (qsizetype j = m - 1; j >= 0; --j)
                len[size_t(i)][size_t(j)] = a[start + i] == b[start + j]
                    ? len[size_t(i + 1)][size_t(j + 1)] + 1
                    : std::max(len[size_t(i + 1)][size_t(j)], len[size_t(i)][size_t(j + 1)]);
        qsizetype i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[start + i] == b[start + j]) {
                out.append({TraceDiff::Line::Same, a[start + i]});
                ++i;
                ++j;
            } else if (j >= m || (i < n && len[size_t(i + 1)][size_t(j)] >= len[size_t(i)][size_t(j + 1)])) {
                out.append({TraceDiff::Line::OnlyA, a[start + i++]});
            } else {
                out.append({TraceDiff::Line::OnlyB, b[start + j++]});
            }
        }
    }
    out.append(tail);
    return out;
}

} // namespace

bool TraceDiff::Step::differs() const
{
    if (labelA != labelB || failedA != failedB || statementsA != statementsB)
        return true;
    return std::any_of(lines.cbegin(), lines.cend(), [](const Line &l) { return l.kind != Line::Same; });
}

Result<QList<QJsonObject>> TraceDiff::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error {Tr::tr("cannot read it: %1").arg(f.errorString()), path};
    auto events = parse(f.readAll());
    if (!events)
        return Error {events.error().message, path};
    return events;
}

Result<QList<QJsonObject>> TraceDiff::parse(const QByteArray &lines)
{
    QList<QJsonObject> out;
    int number = 0;
    for (const QByteArray &raw : lines.split('\n')) {
        const QByteArray line = raw.trimmed();
        ++number;
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject())
            return Error {Tr::tr("line %1: not an event of a trace (%2)")
                              .arg(number)
                              .arg(error.error == QJsonParseError::NoError ? Tr::tr("not a JSON object")
                                                                           : error.errorString()), {}};
        out << doc.object();
    }
    return out;
}

QString TraceDiff::eventText(const QJsonObject &e)
{
    const QString category = text(e, "category");
    QString out = category + QLatin1Char(' ') + text(e, "event");
    if (category == QLatin1String("statement")) {
        out = category + QLatin1Char(' ') + text(e, "sql");
        const QJsonArray params = e.value(QLatin1String("params")).toArray();
        if (!params.isEmpty())
            out += QLatin1Char(' ') + QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact));
    } else {
        QString target = text(e, "ref");
        if (!text(e, "attr").isEmpty())
            target += QLatin1Char('.') + text(e, "attr");
        if (!text(e, "class").isEmpty())
            out += QLatin1Char(' ') + text(e, "class");
        if (!target.isEmpty())
            out += QLatin1Char(' ') + target;
        if (e.contains(QLatin1String("value")))
            out += QStringLiteral(" = ") + compact(e.value(QLatin1String("value")));
        if (e.contains(QLatin1String("old")))
            out += QStringLiteral(" (was %1)").arg(compact(e.value(QLatin1String("old"))));
        if (e.value(QLatin1String("attrs")).isArray()) // (null: the whole object)
            out += QLatin1Char(' ') + compact(e.value(QLatin1String("attrs")));
        if (e.contains(QLatin1String("message")))
            out += QStringLiteral(": ") + text(e, "message");
    }
    if (e.value(QLatin1String("failed")).toBool())
        out += QStringLiteral(" (failed)");
    return out;
}

TraceDiff TraceDiff::compare(const QList<QJsonObject> &a, const QList<QJsonObject> &b)
{
    const QMap<int, StepEvents> left = bySteps(a), right = bySteps(b);
    QList<int> indexes = left.keys();
    for (int i : right.keys())
        if (!left.contains(i))
            indexes << i;
    std::sort(indexes.begin(), indexes.end());
    TraceDiff diff;
    for (int i : std::as_const(indexes)) {
        Step s;
        s.index = i;
        const StepEvents none;
        const StepEvents &x = left.contains(i) ? left[i] : none;
        const StepEvents &y = right.contains(i) ? right[i] : none;
        s.labelA = x.label;
        s.labelB = y.label;
        s.statementsA = x.statements;
        s.statementsB = y.statements;
        s.failedA = x.failed;
        s.failedB = y.failed;
        s.lines = diffLines(x.events, y.events);
        diff.m_steps << s;
    }
    return diff;
}

QString TraceDiff::label(const QString &marker, bool failed)
{
    return marker.isEmpty() ? Tr::tr("(no such step)")
        : failed            ? marker + QLatin1Char(' ') + Tr::tr("(failed)")
                            : marker;
}

int TraceDiff::differing() const
{
    return int(std::count_if(m_steps.cbegin(), m_steps.cend(), [](const Step &s) { return s.differs(); }));
}

int TraceDiff::statementsA() const
{
    int n = 0;
    for (const Step &s : m_steps)
        n += s.statementsA;
    return n;
}

int TraceDiff::statementsB() const
{
    int n = 0;
    for (const Step &s : m_steps)
        n += s.statementsB;
    return n;
}

QString TraceDiff::report(const QString &nameA, const QString &nameB, bool everything) const
{
    int width = 8;
    for (const Step &s : m_steps)
        width = std::max(width, int(label(s.labelA, s.failedA).size()));
    width = std::min(width, 40);
    QString out = QStringLiteral("A: %1\nB: %2\n").arg(nameA, nameB);
    out += Tr::tr("%1 of %2 steps differ; statements: %3 in A, %4 in B")
               .arg(differing())
               .arg(m_steps.size())
               .arg(statementsA())
               .arg(statementsB())
        + QStringLiteral("\n\n");
    out += QStringLiteral("  %1 %2 %3 %4\n")
               .arg(Tr::tr("step"), -5)
               .arg(QStringLiteral("A"), -width)
               .arg(QStringLiteral("B"), -width)
               .arg(Tr::tr("statements A / B"));
    for (const Step &s : m_steps) {
        out += QStringLiteral("%1 %2 %3 %4 %5 / %6\n")
                   .arg(s.differs() ? QStringLiteral("*") : QStringLiteral(" "))
                   .arg(s.index < 0 ? QStringLiteral("-") : QString::number(s.index), -5)
                   .arg(label(s.labelA, s.failedA), -width)
                   .arg(label(s.labelB, s.failedB), -width)
                   .arg(s.statementsA, 3)
                   .arg(s.statementsB);
    }
    for (const Step &s : m_steps) {
        if (!everything && !s.differs())
            continue;
        out += QLatin1Char('\n')
            + (s.index < 0 ? Tr::tr("before the first step") : Tr::tr("step %1").arg(s.index))
            + QStringLiteral(": %1 | %2\n").arg(label(s.labelA, s.failedA), label(s.labelB, s.failedB));
        // the differing lines with two of context, or all of them
        QList<bool> shown(s.lines.size(), everything);
        for (qsizetype i = 0; i < s.lines.size(); ++i)
            if (s.lines[i].kind != Line::Same)
                for (qsizetype j = std::max<qsizetype>(0, i - 2); j <= std::min(s.lines.size() - 1, i + 2); ++j)
                    shown[j] = true;
        bool gap = false;
        for (qsizetype i = 0; i < s.lines.size(); ++i) {
            if (!shown[i]) {
                gap = true;
                continue;
            }
            if (gap)
                out += QStringLiteral("  ...\n");
            gap = false;
            const Line &l = s.lines[i];
            out += (l.kind == Line::Same ? QStringLiteral("  ") : l.kind == Line::OnlyA ? QStringLiteral("- ")
                                                                                          : QStringLiteral("+ "))
                + l.text + QLatin1Char('\n');
        }
        if (gap)
            out += QStringLiteral("  ...\n");
    }
    return out;
}

} // namespace ms
