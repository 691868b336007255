#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "orm/registry.h"
#include "project/projectfile.h"
#include "project/tracewriter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ms;

// The project file an expected trace belongs to: "blog.first_flush.expected.jsonl"
// -> "blog.msproj"; "blog_basics.expected.jsonl" -> "blog_basics.msproj".
static QString projectOf(const QString &tracePath)
{
    const QFileInfo info(tracePath);
    const QString base = info.fileName().section(QLatin1Char('.'), 0, 0);
    return info.dir().filePath(base + QStringLiteral(".msproj"));
}

static QStringList expectedTraces()
{
    QStringList files;
    for (const QString &dir : {QStringLiteral(MS_SOURCE_DIR "/resources/examples"),
                               QStringLiteral(MS_SOURCE_DIR "/resources/lessons"),
                               QStringLiteral(MS_SHARED_DIR "/reference/examples")}) {
        const QDir d(dir);
        for (const QString &f : d.entryList({QStringLiteral("*.expected.jsonl")}, QDir::Files))
            files << d.filePath(f);
    }
    return files;
}

// "event class" of each configure-phase line, from a JSON Lines trace.
static QStringList configureLines(const QByteArray &jsonl, bool mapperOnly)
{
    QStringList out;
    for (const QByteArray &line : jsonl.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value("phase").toString() != QLatin1String("configure"))
            continue;
        if (mapperOnly && o.value("category").toString() != QLatin1String("mapper"))
            continue;
        QString text = o.value("category").toString() + QLatin1Char(' ') + o.value("event").toString();
        for (const char *key : {"class", "ref", "attr"}) {
            if (!o.value(key).isNull())
                text += QLatin1Char(' ') + o.value(key).toString();
        }
        out << text;
    }
    return out;
}

static QByteArray mapAndTrace(const Schema &schema)
{
    EventLog log;
    Dispatcher dispatcher;
    dispatcher.setRecorder(&log);
    Registry registry(&dispatcher);
    const auto mapped = registry.map(schema);
    if (!mapped.ok())
        qFatal("cannot map: %s", qPrintable(mapped.error().toString()));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!TraceWriter::write(log, &buffer).ok())
        qFatal("cannot write the trace");
    return buffer.data();
}

static QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

class TestRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void configurePhaseMatchesReference_data()
    {
        QTest::addColumn<QString>("trace");
        const QStringList traces = expectedTraces();
        QVERIFY2(traces.size() >= 3, "expected traces of the bundled and shared examples");
        for (const QString &t : traces)
            QTest::newRow(qPrintable(QFileInfo(t).fileName())) << t;
    }

    // The configure phase of every expected trace, event for event.
    void configurePhaseMatchesReference()
    {
        QFETCH(QString, trace);
        const auto project = ProjectFile::read(projectOf(trace));
        QVERIFY2(project.ok(), qPrintable(projectOf(trace)));
        // Ming has no configuration events: its traces start at the scenario.
        if (project->session.orm == Orm::Ming)
            QSKIP("a Ming project: Ming fires no configuration events");
        const QStringList expected = configureLines(readAll(trace), true);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(configureLines(mapAndTrace(project->schema), true), expected);
    }

    // Instrumentation events, in the order SQLAlchemy 1.4.46 fires them for
    // the same model with backref= (measured with event.listen on the
    // declarative base, propagate=True).
    void instrumentationOrder()
    {
        const auto project = ProjectFile::parse(R"({"format":"mapperscope-project","version":1,
          "classes":[
            {"name":"User","columns":[{"name":"id","type":"integer","primaryKey":true},
                                      {"name":"name","type":"text"}],
             "relationships":[{"name":"addresses","kind":"one-to-many","target":"Address","backref":"user"}]},
            {"name":"Address","columns":[{"name":"id","type":"integer","primaryKey":true},
                                         {"name":"email","type":"text"},
                                         {"name":"user_id","type":"integer","references":"User"}]}]})");
        QVERIFY(project.ok());
        const QStringList expected = {
            "mapper instrument_class User",
            "instrumentation class_instrument User",
            "mapper instrument_class Address",
            "instrumentation class_instrument Address",
            "mapper before_configured",
            "mapper before_mapper_configured User",
            "instrumentation attribute_instrument Address user",
            "instrumentation attribute_instrument User addresses",
            "instrumentation attribute_instrument User id",
            "instrumentation attribute_instrument User name",
            "mapper mapper_configured User",
            "mapper before_mapper_configured Address",
            "instrumentation attribute_instrument Address id",
            "instrumentation attribute_instrument Address email",
            "instrumentation attribute_instrument Address user_id",
            "mapper mapper_configured Address",
            "mapper after_configured",
        };
        QCOMPARE(configureLines(mapAndTrace(project->schema), false), expected);
    }

    void mappersKnowTheirAttributes()
    {
        const auto project = ProjectFile::read(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj"));
        QVERIFY(project.ok());
        Registry registry;
        QVERIFY(registry.map(project->schema).ok());
        QCOMPARE(registry.mappers().size(), size_t(3));
        const Mapper *post = registry.mapper(QStringLiteral("Post"));
        QVERIFY(post);
        QCOMPARE(post->tableName(), QStringLiteral("posts"));
        QCOMPARE(post->primaryKey().name, QStringLiteral("id"));
        // Created backrefs are attributes of the class they land on.
        QVERIFY(post->attributeIndex(QStringLiteral("author")) > 0);
        QVERIFY(post->attributeIndex(QStringLiteral("comments")) > 0);
        QCOMPARE(post->attributeIndex(QStringLiteral("nope")), 0u);
        QCOMPARE(registry.mapper(post->classId()), post);
        QStringList order;
        for (const Mapper *m : registry.dependencyOrder())
            order << m->className();
        QCOMPARE(order, (QStringList{"User", "Post", "Comment"}));
    }

    void invalidSchemaIsRefusedWithEveryProblem()
    {
        const auto project = ProjectFile::parse(R"({"format":"mapperscope-project","version":1,
          "classes":[{"name":"A","columns":[{"name":"x","type":"strng"}]}]})");
        QVERIFY(project.ok());
        EventLog log;
        Dispatcher dispatcher;
        dispatcher.setRecorder(&log);
        Registry registry(&dispatcher);
        const auto mapped = registry.map(project->schema);
        QVERIFY(!mapped.ok());
        QVERIFY(mapped.error().message.contains(QLatin1String("classes[0].columns[0].type: unknown type \"strng\"")));
        QVERIFY(mapped.error().message.contains(QLatin1String("class \"A\" has no primary key")));
        QVERIFY(!registry.isMapped());
        QCOMPARE(log.size(), 0); // nothing fired for a model that cannot be mapped
    }

    void mappingTwiceIsRefused()
    {
        const auto project = ProjectFile::read(QStringLiteral(MS_SHARED_DIR "/reference/examples/lifecycle_tour.msproj"));
        QVERIFY(project.ok());
        Registry registry;
        QVERIFY(registry.map(project->schema).ok());
        QVERIFY(!registry.map(project->schema).ok());
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
