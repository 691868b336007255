// Mutation fuzzing of the project loader. Inputs are made from real project
// files: truncations, bit flips, junk bytes, values swapped for another JSON
// type, huge numbers and strings, deep nesting, duplicate keys, invalid
// UTF-8, and splices of two files. Every input must be either refused with a
// message or loaded; a loaded project must validate, save, and load again
// from what it saved. Crashes, hangs and sanitizer reports are the harness's
// (ctest's timeout, ASan, UBSan) to catch.
#pragma once

#include "project/projectfile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStringList>

#include <functional>

namespace msfuzz {

/// Every `*.msproj` under @p dirs, read whole.
inline QList<QByteArray> seeds(const QStringList &dirs)
{
    QList<QByteArray> out;
    for (const QString &dir : dirs) {
        const QStringList files = QDir(dir).entryList({QStringLiteral("*.msproj")}, QDir::Files, QDir::Name);
        for (const QString &name : files) {
            QFile f(QDir(dir).filePath(name));
            if (f.open(QIODevice::ReadOnly))
                out << f.readAll();
        }
    }
    return out;
}

enum Strategy {
    Truncate,
    FlipBits,
    JunkBytes,
    SwapType,
    HugeNumber,
    HugeString,
    DeepNesting,
    DuplicateKey,
    InvalidUtf8,
    Splice,
    StrategyCount
};

inline const char *strategyName(int s)
{
    static const char *const names[] = {"truncate", "flip bits", "junk bytes", "swap type", "huge number",
                                        "huge string", "deep nesting", "duplicate key", "invalid UTF-8",
                                        "splice"};
    return names[s];
}

namespace detail {

/// A JSON value of another kind than @p v.
inline QJsonValue otherKind(const QJsonValue &v, QRandomGenerator &rng)
{
    const QJsonValue kinds[] = {QJsonValue(QJsonValue::Null), QJsonValue(true), QJsonValue(-1.5e300),
                                QJsonValue(QStringLiteral("\u0022; DROP TABLE x; --")), QJsonValue(QJsonArray{1, 2}),
                                QJsonValue(QJsonObject{{QStringLiteral("k"), 1}}), QJsonValue(qint64(1) << 53)};
    for (;;) {
        const QJsonValue pick = kinds[rng.bounded(int(std::size(kinds)))];
        if (pick.type() != v.type())
            return pick;
    }
}

/// Replaces one value somewhere in @p v (a random walk down) with @p make's.
inline QJsonValue replaceSomewhere(const QJsonValue &v, QRandomGenerator &rng,
                                   const std::function<QJsonValue(const QJsonValue &)> &make, int depth = 0)
{
    const bool stop = depth > 0 && rng.bounded(4) == 0;
    if (v.isObject() && !v.toObject().isEmpty() && !stop) {
        QJsonObject o = v.toObject();
        const QStringList keys = o.keys();
        const QString key = keys[rng.bounded(int(keys.size()))];
        o[key] = replaceSomewhere(o[key], rng, make, depth + 1);
        return o;
    }
    if (v.isArray() && !v.toArray().isEmpty() && !stop) {
        QJsonArray a = v.toArray();
        const int i = int(rng.bounded(int(a.size())));
        a[i] = replaceSomewhere(a[i], rng, make, depth + 1);
        return a;
    }
    return make(v);
}

inline QByteArray viaJson(const QByteArray &seed, QRandomGenerator &rng,
                          const std::function<QJsonValue(const QJsonValue &)> &make)
{
    const QJsonDocument doc = QJsonDocument::fromJson(seed);
    if (!doc.isObject())
        return seed;
    const QJsonValue changed = replaceSomewhere(doc.object(), rng, make);
    return QJsonDocument(changed.toObject()).toJson(rng.bounded(2) ? QJsonDocument::Compact : QJsonDocument::Indented);
}

} // namespace detail

/// One input made from @p seed by @p strategy.
inline QByteArray mutate(const QByteArray &seed, const QByteArray &other, int strategy, QRandomGenerator &rng)
{
    QByteArray m = seed;
    const auto at = [&](qsizetype size) { return size > 0 ? qsizetype(rng.bounded(int(size))) : 0; };
    switch (strategy) {
    case Truncate:
        return m.left(at(m.size()));
    case FlipBits:
        for (int i = 0, n = 1 + int(rng.bounded(8)); i < n && !m.isEmpty(); ++i)
            m[at(m.size())] ^= char(1 << rng.bounded(8));
        return m;
    case JunkBytes: {
        static const char junk[] = "{}[],:\"\\0 1e9-tfnu\xff\x80\t\n";
        for (int i = 0, n = 1 + int(rng.bounded(6)); i < n && !m.isEmpty(); ++i)
            m[at(m.size())] = junk[rng.bounded(int(sizeof junk - 1))];
        return m;
    }
    case SwapType:
        return detail::viaJson(seed, rng, [&](const QJsonValue &v) { return detail::otherKind(v, rng); });
    case HugeNumber: {
        static const char *const numbers[] = {"1e308", "-1e309", "9223372036854775808", "-9223372036854775809",
                                              "1e-400", "123456789012345678901234567890", "-0", "4294967296"};
        const QByteArray n = numbers[rng.bounded(int(std::size(numbers)))];
        // over a number of the file, or where a value starts
        const qsizetype i = m.indexOf(':', at(m.size()));
        if (i < 0)
            return m + n;
        qsizetype end = i + 1;
        while (end < m.size() && m[end] != ',' && m[end] != '}' && m[end] != ']' && m[end] != '\n')
            ++end;
        return m.left(i + 1) + ' ' + n + m.mid(end);
    }
    case HugeString: {
        const int size = rng.bounded(8) == 0 ? 1 << 20 : 70000;
        const QString big(size, QChar(rng.bounded(2) ? u'x' : u'я'));
        return detail::viaJson(seed, rng, [&](const QJsonValue &) { return QJsonValue(big); });
    }
    case DeepNesting: {
        const int depth = 1 << (4 + rng.bounded(11)); // 16 .. 16384
        const char *open = rng.bounded(2) ? "[" : "{\"a\":";
        const char *close = open[0] == '[' ? "]" : "}";
        QByteArray deep;
        deep.reserve(depth * 6);
        for (int i = 0; i < depth; ++i)
            deep += open;
        deep += '1';
        for (int i = 0; i < depth; ++i)
            deep += close;
        const qsizetype i = m.indexOf(':', at(m.size()));
        return i < 0 ? deep : m.left(i + 1) + deep + m.mid(i + 1);
    }
    case DuplicateKey: {
        // a key of the file repeated right after itself, with another value
        const qsizetype quote = m.indexOf("\":", at(m.size()));
        if (quote < 0)
            return m;
        const qsizetype start = m.lastIndexOf('"', quote - 1);
        if (start < 0)
            return m;
        const QByteArray key = m.mid(start, quote - start + 1);
        return m.left(start) + key + ": null, " + m.mid(start);
    }
    case InvalidUtf8: {
        static const char *const bad[] = {"\xc3\x28", "\xa0\xa1", "\xe2\x28\xa1", "\xf0\x28\x8c\x28",
                                          "\xc0\xaf", "\xed\xa0\x80", "\xf8\x88\x80\x80\x80", "\xff"};
        // inside a string of the file
        const qsizetype q = m.indexOf('"', at(m.size()));
        const QByteArray b = bad[rng.bounded(int(std::size(bad)))];
        return q < 0 ? m + b : m.left(q + 1) + b + m.mid(q + 1);
    }
    case Splice:
        return m.left(at(m.size())) + other.mid(at(other.size()));
    }
    return m;
}

struct Report
{
    qint64 inputs = 0;
    qint64 refused = 0;
    qint64 loaded = 0;
    qint64 perStrategy[StrategyCount] = {};
    /// Broken promises: a refusal without a message, a loaded project that
    /// does not load again from what it saved. Empty when all is well.
    QStringList problems;
};

/// Runs @p count inputs made from @p seeds (random strategy per input).
inline Report run(const QList<QByteArray> &seeds, qint64 count, quint32 seed,
                  const std::function<void(qint64)> &progress = {})
{
    Report report;
    QRandomGenerator rng(seed);
    for (qint64 i = 0; i < count && !seeds.isEmpty(); ++i) {
        const int strategy = int(i % StrategyCount);
        const QByteArray &a = seeds[rng.bounded(int(seeds.size()))];
        const QByteArray &b = seeds[rng.bounded(int(seeds.size()))];
        const QByteArray input = mutate(a, b, strategy, rng);
        ++report.inputs;
        ++report.perStrategy[strategy];
        const auto parsed = ms::ProjectFile::parse(input);
        if (!parsed.ok()) {
            ++report.refused;
            if (parsed.error().message.trimmed().isEmpty() && report.problems.size() < 20)
                report.problems << QStringLiteral("input %1 (%2): refused without a message").arg(i).arg(strategyName(strategy));
        } else {
            ++report.loaded;
            (void)parsed->validate();
            const auto again = ms::ProjectFile::parse(ms::ProjectFile::serialize(*parsed));
            if (!again.ok() && report.problems.size() < 20)
                report.problems << QStringLiteral("input %1 (%2): loaded, saved, and the saved file is refused: %3")
                                       .arg(i)
                                       .arg(strategyName(strategy), again.error().toString());
        }
        if (progress && i % 10000 == 0)
            progress(i);
    }
    return report;
}

} // namespace msfuzz
