// Golden traces: every scenario with an expected trace written by
// SQLAlchemy's reference runner (../shared/reference/sa_reference.py) is
// played on the engine and compared with the rules of trace_compare.py,
// re-implemented here on the same canonical form.
#include "project/projectfile.h"
#include "project/scenariorunner.h"
#include "project/tracewriter.h"
#include "orm/session.h"
#include "testdb.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace ms;

namespace {

using Entry = QStringList; // category, event, class, ref, attr
using Steps = QList<QPair<QString, QList<Entry>>>;

const QHash<QString, QSet<QString>> &matched()
{
    static const QHash<QString, QSet<QString>> m{
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

QString text(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString();
}

/// trace_compare.canonical(): split into steps, keep the matched events,
/// drop attribute events inside a flush, sort each run of one hook.
Steps canonical(const QList<QJsonObject> &trace)
{
    Steps steps{{QStringLiteral("configure"), {}}};
    bool flushing = false;
    for (const QJsonObject &ev : trace) {
        const QString cat = text(ev.value(QLatin1String("category")));
        const QString name = text(ev.value(QLatin1String("event")));
        if (cat == QLatin1String("step") && name != QLatin1String("error")) {
            steps.append({QStringLiteral("step %1 (%2)").arg(ev.value(QLatin1String("step")).toInt()).arg(name), {}});
            continue;
        }
        if (cat == QLatin1String("session") && name == QLatin1String("before_flush"))
            flushing = true;
        if (cat == QLatin1String("session")
            && (name == QLatin1String("after_flush_postexec") || name == QLatin1String("after_rollback")))
            flushing = false;
        if (!matched().value(cat).contains(name))
            continue;
        if (cat == QLatin1String("attribute") && flushing)
            continue;
        steps.last().second.append({cat, name, text(ev.value(QLatin1String("class"))),
                                    text(ev.value(QLatin1String("ref"))),
                                    text(ev.value(QLatin1String("attr")))});
    }
    for (auto &step : steps) {
        QList<Entry> &evs = step.second;
        QList<Entry> folded;
        for (qsizetype i = 0; i < evs.size();) {
            qsizetype j = i;
            while (j < evs.size() && evs[j][0] == evs[i][0] && evs[j][1] == evs[i][1])
                ++j;
            QList<Entry> run = evs.mid(i, j - i);
            std::sort(run.begin(), run.end());
            folded += run;
            i = j;
        }
        evs = folded;
    }
    return steps;
}

QList<QJsonObject> parseLines(const QByteArray &data)
{
    QList<QJsonObject> out;
    for (const QByteArray &line : data.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            qFatal("not a JSON line: %s", line.constData());
        out << doc.object();
    }
    return out;
}

QString describe(const QList<Entry> &evs)
{
    QStringList parts;
    for (const Entry &e : evs) {
        QStringList words;
        for (const QString &w : e)
            if (!w.isEmpty())
                words << w;
        parts << words.join(QLatin1Char(' '));
    }
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

/// Scenarios whose reference trace (recorded by SQLAlchemy on SQLite) shows
/// what SQLite does and PostgreSQL does not: on the PostgreSQL run they are
/// expected to differ at the marked check, and a pass there fails the test.
struct SqliteOnly
{
    const char *reason;
    bool atPlay; ///< the scenario fails on PostgreSQL; otherwise its trace differs
};

const QHash<QString, SqliteOnly> &sqliteOnly()
{
    static const char *fk = "SQLite does not enforce foreign keys: PostgreSQL refuses the DELETE (IntegrityError)";
    static const QHash<QString, SqliteOnly> m{
        {QStringLiteral("golden2/blog.bulk_delete_of_parent_leaves_children"), {fk, true}},
        {QStringLiteral("golden2/blog.delete_parent_with_pending_child_all_loaded"), {fk, true}},
        {QStringLiteral("golden2/blog.set_many-to-one_to_a_deleted_parent"), {fk, true}},
        {QStringLiteral("golden2/blog_off.autoflush_off_delete_cascade"), {fk, true}},
        {QStringLiteral("golden/notes.close_and_reuse"),
         {"SQLite gives a rolled-back key again, a PostgreSQL sequence does not: no identity clash", true}},
        {QStringLiteral("golden2/blog.order_by_text_with_nulls"),
         {"SQLite sorts NULL first, PostgreSQL last", false}},
    };
    return m;
}

} // namespace

class TestGolden : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void traces_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("expected");
        const QStringList dirs{QStringLiteral(MS_SOURCE_DIR "/tests/golden"),
                               QStringLiteral(MS_SOURCE_DIR "/tests/golden2"),
                               QStringLiteral(MS_SOURCE_DIR "/resources/examples"),
                               QStringLiteral(MS_SHARED_DIR "/reference/examples")};
        int count = 0;
        for (const QString &dir : dirs) {
            const QStringList files = QDir(dir).entryList({QStringLiteral("*.expected.jsonl")}, QDir::Files, QDir::Name);
            for (const QString &file : files) {
                const QString base = file.chopped(int(qstrlen(".expected.jsonl")));
                const QString projectName = base.section(QLatin1Char('.'), 0, 0);
                QTest::newRow(qPrintable(QDir(dir).dirName() + QLatin1Char('/') + base))
                    << dir + QLatin1Char('/') + projectName + QStringLiteral(".msproj")
                    << dir + QLatin1Char('/') + file;
                ++count;
            }
        }
        QVERIFY2(count >= 40, "the golden traces are missing");
    }

    void traces()
    {
        QFETCH(QString, project);
        QFETCH(QString, expected);
        auto loaded = ProjectFile::read(project);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        // A project marked "orm": "ming" has Ming's own trace as its reference
        // (ming_reference.py: one object finished at a time, no dependency
        // sort); the engine still flushes in SQLAlchemy's batches (issue 26).
        if (loaded->extra.value(QLatin1String("orm")).toString() == QLatin1String("ming"))
            QSKIP("a Ming project: its reference is Ming's order, which the engine does not play yet");

        QFile expectedFile(expected);
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const QList<QJsonObject> want = parseLines(expectedFile.readAll());

        // The scenario: named by the file (spaces written as _), or the first.
        const QString key = QFileInfo(expected).fileName().section(QLatin1Char('.'), 1, 1);
        const Scenario *scenario = &loaded->scenarios.first();
        for (const Scenario &s : loaded->scenarios)
            if (QString(s.name).replace(QLatin1Char(' '), QLatin1Char('_')) == key)
                scenario = &s;

        DatabaseSettings database;
        MS_FRESH_DATABASE(database);
        Playground play;
        auto opened = play.open(*loaded, database);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
        ScenarioRunner runner(*play.session);
        const auto played = runner.run(*scenario);
        const auto sqliteOnlyHere = mstest::onPostgres() ? sqliteOnly().constFind(QString::fromUtf8(QTest::currentDataTag()))
                                                         : sqliteOnly().constEnd();
        const bool differs = sqliteOnlyHere != sqliteOnly().constEnd();
        if (differs && sqliteOnlyHere->atPlay) {
            if (!played.ok() && QByteArray(sqliteOnlyHere->reason).contains("foreign keys"))
                QVERIFY2(played.error().toString().contains(QLatin1String("violates foreign key constraint")),
                         qPrintable(played.error().toString()));
            QEXPECT_FAIL("", sqliteOnlyHere->reason, Abort);
        }
        QVERIFY2(played.ok(), qPrintable(played.ok() ? QString() : played.error().toString()));

        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(TraceWriter::write(play.log, &buffer).ok());
        const QList<QJsonObject> got = parseLines(buffer.data());
        QCOMPARE(got.size(), qsizetype(play.log.size()));

        const Steps a = canonical(want), b = canonical(got);
        if (differs && !sqliteOnlyHere->atPlay) {
            QEXPECT_FAIL("", sqliteOnlyHere->reason, Abort);
            QVERIFY(a == b);
        }
        for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
            const QString name = i < a.size() ? a[i].first : b[i].first;
            QVERIFY2(i < a.size() && i < b.size() && a[i].first == b[i].first,
                     qPrintable(QStringLiteral("the steps differ at %1").arg(name)));
            QVERIFY2(a[i].second == b[i].second,
                     qPrintable(QStringLiteral("differs at %1\n  expected: %2\n  actual:   %3")
                                    .arg(name, describe(a[i].second), describe(b[i].second))));
        }
    }

    void canonicalFormCatchesAReorder()
    {
        // The comparison must be able to fail: swapping two different hooks is a difference.
        auto ev = [](const char *cat, const char *name, const char *ref) {
            return QJsonObject{{"category", cat}, {"event", name}, {"class", "Note"}, {"ref", ref}};
        };
        const QList<QJsonObject> one{ev("mapper", "before_insert", "n1"), ev("mapper", "after_insert", "n1")};
        const QList<QJsonObject> two{ev("mapper", "after_insert", "n1"), ev("mapper", "before_insert", "n1")};
        QVERIFY(canonical(one) != canonical(two));
        // ... while a run of one hook is a set (SQLAlchemy iterates some in hash order).
        const QList<QJsonObject> three{ev("instance", "expire", "n1"), ev("instance", "expire", "n2")};
        const QList<QJsonObject> four{ev("instance", "expire", "n2"), ev("instance", "expire", "n1")};
        QCOMPARE(canonical(three), canonical(four));
        // ... and attribute events inside a flush are not compared.
        const QList<QJsonObject> five{ev("session", "before_flush", ""), ev("attribute", "set", "n1"),
                                      ev("session", "after_flush_postexec", "")};
        const QList<QJsonObject> six{ev("session", "before_flush", ""), ev("session", "after_flush_postexec", "")};
        QCOMPARE(canonical(five), canonical(six));
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
