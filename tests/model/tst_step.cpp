// Typed scenario steps: every step of every bundled and test project reads
// into its typed operation and writes back to the same JSON; bad steps are
// named; steps built in code write the file's JSON.
#include "project/projectfile.h"
#include "project/step.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace ms;

Q_DECLARE_METATYPE(ms::Step)

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

/// A project around @p steps (a JSON array's text), with one class User.
QByteArray project(const char *steps)
{
    return QByteArray(R"({"format":"mapperscope-project","version":1,"classes":[{"name":"User",
        "columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"name","type":"text"}]}],
        "scenarios":[{"name":"s","steps":)")
        + steps + "}]}";
}

} // namespace

class TestStep : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFileStepRoundTrips_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList dirs{QStringLiteral(MS_SOURCE_DIR "/resources/examples"),
                               QStringLiteral(MS_SOURCE_DIR "/resources/lessons"),
                               QStringLiteral(MS_SOURCE_DIR "/tests/fidelity"),
                               QStringLiteral(MS_SOURCE_DIR "/tests/golden"),
                               QStringLiteral(MS_SOURCE_DIR "/tests/golden2"),
                               QStringLiteral(MS_SOURCE_DIR "/tests/golden3"),
                               QStringLiteral(MS_SHARED_DIR "/reference/examples")};
        int count = 0;
        for (const QString &dir : dirs) {
            for (const QString &file :
                 QDir(dir).entryList({QStringLiteral("*.msproj")}, QDir::Files, QDir::Name)) {
                QTest::newRow(qPrintable(QDir(dir).dirName() + QLatin1Char('/') + file))
                    << dir + QLatin1Char('/') + file;
                ++count;
            }
        }
        QVERIFY2(count >= 20, "the bundled and test projects were not found");
    }

    void everyFileStepRoundTrips()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray data = file.readAll();
        const QJsonArray scenarios
            = QJsonDocument::fromJson(data).object().value(QLatin1String("scenarios")).toArray();
        QVERIFY(!scenarios.isEmpty());
        int played = 0;
        for (qsizetype s = 0; s < scenarios.size(); ++s) {
            const QJsonArray steps = scenarios[s].toObject().value(QLatin1String("steps")).toArray();
            for (qsizetype k = 0; k < steps.size(); ++k) {
                const QJsonObject original = steps[k].toObject();
                const QString where = QStringLiteral("scenarios[%1].steps[%2]: %3")
                                          .arg(s)
                                          .arg(k)
                                          .arg(QString::fromUtf8(compact(original)));
                QString error;
                const Step step = Step::fromJson(original, &error);
                QVERIFY2(error.isEmpty(), qPrintable(where + QStringLiteral(": ") + error));
                // Every bundled step is one this version plays.
                QVERIFY2(!std::holds_alternative<steps::Unplayable>(step.action), qPrintable(where));
                QCOMPARE(step.op(), original.value(QLatin1String("op")).toString());
                QCOMPARE(QString::fromUtf8(compact(step.toJson())),
                         QString::fromUtf8(compact(original)));
                ++played;
            }
        }
        QVERIFY(played > 0);
        // And through the project file: the scenarios are written back byte for byte.
        auto parsed = ProjectFile::parse(data);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
        const QJsonArray written = QJsonDocument::fromJson(ProjectFile::serialize(*parsed))
                                       .object()
                                       .value(QLatin1String("scenarios"))
                                       .toArray();
        QCOMPARE(QJsonDocument(written).toJson(), QJsonDocument(scenarios).toJson());
    }

    void stepsAreTyped()
    {
        QString error;
        Step set = Step::fromJson(
            json(R"({"op":"set","ref":"p1","attr":"author","value":{"ref":"u1"},"note":"why"})"),
            &error);
        QVERIFY(error.isEmpty());
        const auto *s = std::get_if<steps::Set>(&set.action);
        QVERIFY(s);
        QCOMPARE(s->ref, QStringLiteral("p1"));
        QCOMPARE(s->attr, QStringLiteral("author"));
        QCOMPARE(s->value.value<LabelRef>().label, QStringLiteral("u1"));
        QCOMPARE(set.extra, json(R"({"note":"why"})")); // a key a later version wrote
        QCOMPARE(set.ref(), QStringLiteral("p1"));
        QCOMPARE(set.attr(), QStringLiteral("author"));

        const Step expire = Step::fromJson(json(R"({"op":"expire","ref":"u1","attrs":["name"]})"));
        QCOMPARE(std::get<steps::Expire>(expire.action).attrs, QStringList{QStringLiteral("name")});
        QVERIFY(!std::get<steps::Refresh>(Step::fromJson(json(R"({"op":"refresh","ref":"u1"})")).action)
                     .attrs);

        const Step query = Step::fromJson(
            json(R"({"op":"query","class":"User","where":{"id":2},"expectError":true})"));
        const auto &q = std::get<steps::Query>(query.action);
        QCOMPARE(q.where->value(QStringLiteral("id")).toLongLong(), 2);
        QVERIFY(!q.orderBy);
        QVERIFY(query.expectError);
        QVERIFY(query.extra.isEmpty());
        QVERIFY(!q.options);

        // loader options (format version 3): relationship -> strategy, written back as read
        const Step eager = Step::fromJson(
            json(R"({"op":"query","class":"User","options":{"posts":"selectin"}})"));
        QCOMPARE(std::get<steps::Query>(eager.action).options->value(QStringLiteral("posts")).toString(),
                 QStringLiteral("selectin"));
        QCOMPARE(eager.toJson().value(QStringLiteral("options")).toObject().value(QStringLiteral("posts")).toString(),
                 QStringLiteral("selectin"));
        QVERIFY(eager.extra.isEmpty());

        const Step fresh = Step::fromJson(
            json(R"({"op":"new","class":"Post","as":"p1","values":{"tags":[{"ref":"t1"}]}})"));
        const QVariantList tags
            = std::get<steps::New>(fresh.action).values->value(QStringLiteral("tags")).toList();
        QCOMPARE(tags.size(), 1);
        QCOMPARE(tags.first().value<LabelRef>().label, QStringLiteral("t1"));
        QCOMPARE(fresh.ref(), QStringLiteral("p1"));
        // (the scenario player's line drops a list's brackets, as it always did)
        QCOMPARE(fresh.text(), QStringLiteral("new Post as p1 {tags: {\"ref\":\"t1\"}}"));

        // get's key on the player's line: one value, a composite key's list or names
        QCOMPARE(Step::fromJson(json(R"({"op":"get","class":"User","id":3})")).text(), QStringLiteral("get User 3"));
        const Step composite = Step::fromJson(json(R"({"op":"get","class":"Enrollment","id":[1,"a"]})"));
        QCOMPARE(composite.text(), QStringLiteral("get Enrollment (1, 'a')"));
        QCOMPARE(std::get<steps::Get>(composite.action).id.toList().size(), 2);
        QCOMPARE(composite.toJson().value(QStringLiteral("id")).toArray().size(), 2);
        QCOMPARE(Step::fromJson(json(R"({"op":"get","class":"Enrollment","id":{"course_id":2,"student_id":1}})")).text(),
                 QStringLiteral("get Enrollment {course_id: 2, student_id: 1}"));

        // which rows a bulk statement or a query takes, a query's order and
        // options, the attributes of an expire: all on the player's line
        QCOMPARE(Step::fromJson(json(R"({"op":"bulk_update","class":"Account","where":{"id":1},"values":{"balance":150}})"))
                     .text(),
                 QStringLiteral("bulk_update Account {balance: 150} where {id: 1}"));
        QCOMPARE(Step::fromJson(json(R"({"op":"bulk_delete","class":"Account"})")).text(),
                 QStringLiteral("bulk_delete Account"));
        // format version 6: synchronize_session=False
        const Step stale = Step::fromJson(
            json(R"({"op":"bulk_update","class":"Account","values":{"balance":150},"synchronize":false})"));
        QCOMPARE(std::get<steps::BulkUpdate>(stale.action).synchronize, std::optional<bool>(false));
        QCOMPARE(stale.text(), QStringLiteral("bulk_update Account {balance: 150} synchronize_session=False"));
        QCOMPARE(stale.toJson().value("synchronize"), QJsonValue(false));
        QCOMPARE(std::get<steps::BulkDelete>(
                     Step::fromJson(json(R"({"op":"bulk_delete","class":"Account","synchronize":false})")).action)
                     .synchronize,
                 std::optional<bool>(false));
        QVERIFY(!std::get<steps::BulkDelete>(Step::fromJson(json(R"({"op":"bulk_delete","class":"A"})")).action)
                     .synchronize);
        QCOMPARE(Step::fromJson(json(R"({"op":"query","class":"User","where":{"name":"ann"},"orderBy":"name","options":{"posts":"joined"}})"))
                     .text(),
                 QStringLiteral("query User where {name: 'ann'} order by name options {posts: 'joined'}"));
        QCOMPARE(Step::fromJson(json(R"({"op":"expire","ref":"u1","attrs":["name","posts"]})")).text(),
                 QStringLiteral("expire u1 [name, posts]"));

        // the identity operations and per-step keys of format version 4
        const Step transient = Step::fromJson(json(R"({"op":"make_transient","ref":"u1","noAutoflush":true})"));
        QCOMPARE(std::get<steps::MakeTransient>(transient.action).ref, QStringLiteral("u1"));
        QVERIFY(transient.noAutoflush);
        QVERIFY(transient.extra.isEmpty());
        QCOMPARE(transient.text(), QStringLiteral("make_transient u1  (no autoflush)"));
        QCOMPARE(Step::fromJson(json(R"({"op":"make_transient_to_detached","ref":"u1"})")).ref(),
                 QStringLiteral("u1"));
        QVERIFY(std::holds_alternative<steps::ExpireAll>(Step::fromJson(json(R"({"op":"expire_all"})")).action));
        QVERIFY(std::holds_alternative<steps::ExpungeAll>(Step::fromJson(json(R"({"op":"expunge_all"})")).action));
        // format version 6: the savepoint steps
        QVERIFY(std::holds_alternative<steps::BeginNested>(Step::fromJson(json(R"({"op":"begin_nested"})")).action));
        QVERIFY(std::holds_alternative<steps::CommitNested>(Step::fromJson(json(R"({"op":"commit_nested"})")).action));
        const Step back = Step::fromJson(json(R"({"op":"rollback_nested","expectError":true})"));
        QVERIFY(std::holds_alternative<steps::RollbackNested>(back.action));
        QVERIFY(back.expectError);
        QCOMPARE(back.text(), QStringLiteral("rollback_nested  (fails)"));
        const Step populate
            = Step::fromJson(json(R"({"op":"query","class":"User","populateExisting":true})"));
        QCOMPARE(std::get<steps::Query>(populate.action).populateExisting, std::optional<bool>(true));
        QCOMPARE(populate.text(), QStringLiteral("query User populate_existing"));
        QCOMPARE(Step::fromJson(json(R"({"op":"merge","ref":"u1","load":false})")).text(),
                 QStringLiteral("merge u1 load=False"));
        QCOMPARE(Step::fromJson(json(R"({"op":"merge","ref":"u1"})")).text(), QStringLiteral("merge u1"));
        QCOMPARE(populate.toJson(), json(R"({"op":"query","class":"User","populateExisting":true})"));
        // (false is kept as written: the file reads and writes back the same)
        QCOMPARE(Step::fromJson(json(R"({"op":"query","class":"User","populateExisting":false})")).toJson(),
                 json(R"({"op":"query","class":"User","populateExisting":false})"));
        QVERIFY(Step::opNames().contains(QStringLiteral("make_transient_to_detached")));

        // "expectError": false is the default, and still written back.
        const QJsonObject notExpected = json(R"({"op":"flush","expectError":false})");
        const Step flush = Step::fromJson(notExpected);
        QVERIFY(std::holds_alternative<steps::Flush>(flush.action));
        QVERIFY(!flush.expectError);
        QCOMPARE(flush.toJson(), notExpected);
    }

    void stepsBuiltInCodeWriteTheFileFormat_data()
    {
        QTest::addColumn<Step>("step");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("flush") << Step(steps::Flush{}) << QByteArray(R"({"op":"flush"})");
        QTest::newRow("set a date, typed")
            << Step(steps::Set{QStringLiteral("u1"), QStringLiteral("born"), QDate(2020, 1, 2)})
            << QByteArray(R"({"attr":"born","op":"set","ref":"u1","value":"2020-01-02"})");
        QTest::newRow("set None") << Step(steps::Set{QStringLiteral("u1"), QStringLiteral("name"), {}})
                                  << QByteArray(R"({"attr":"name","op":"set","ref":"u1","value":null})");
        QTest::newRow("set an object")
            << Step(steps::Set{QStringLiteral("p1"), QStringLiteral("author"),
                               QVariant::fromValue(LabelRef{QStringLiteral("u1")})})
            << QByteArray(R"({"attr":"author","op":"set","ref":"p1","value":{"ref":"u1"}})");
        QTest::newRow("new without values")
            << Step(steps::New{QStringLiteral("User"), QStringLiteral("user1"), std::nullopt})
            << QByteArray(R"({"as":"user1","class":"User","op":"new"})");
        QTest::newRow("query without filters")
            << Step(steps::Query{QStringLiteral("User"), std::nullopt, std::nullopt, std::nullopt})
            << QByteArray(R"({"class":"User","op":"query"})");
        QTest::newRow("query with filters")
            << Step(steps::Query{QStringLiteral("User"), QVariantMap{{QStringLiteral("name"), QStringLiteral("ada")}},
                                 std::nullopt, std::nullopt})
            << QByteArray(R"({"class":"User","op":"query","where":{"name":"ada"}})");
        Step failing(steps::Append{QStringLiteral("u1"), QStringLiteral("posts"), QStringLiteral("p1")});
        failing.expectError = true;
        QTest::newRow("append, expected to fail")
            << failing
            << QByteArray(R"({"attr":"posts","expectError":true,"item":"p1","op":"append","ref":"u1"})");
        Step quiet(steps::Query{QStringLiteral("User"), std::nullopt, std::nullopt, std::nullopt, true});
        quiet.noAutoflush = true;
        QTest::newRow("query under no_autoflush, populate_existing")
            << quiet << QByteArray(R"({"class":"User","noAutoflush":true,"op":"query","populateExisting":true})");
        QTest::newRow("expunge_all") << Step(steps::ExpungeAll{}) << QByteArray(R"({"op":"expunge_all"})");
        QTest::newRow("begin_nested") << Step(steps::BeginNested{}) << QByteArray(R"({"op":"begin_nested"})");
        QTest::newRow("commit_nested") << Step(steps::CommitNested{}) << QByteArray(R"({"op":"commit_nested"})");
        QTest::newRow("rollback_nested") << Step(steps::RollbackNested{}) << QByteArray(R"({"op":"rollback_nested"})");
        QTest::newRow("make_transient_to_detached")
            << Step(steps::MakeTransientToDetached{QStringLiteral("u1")})
            << QByteArray(R"({"op":"make_transient_to_detached","ref":"u1"})");
        QTest::newRow("merge") << Step(steps::Merge{QStringLiteral("u1"), std::nullopt})
                               << QByteArray(R"({"op":"merge","ref":"u1"})");
        QTest::newRow("merge without load") << Step(steps::Merge{QStringLiteral("u1"), false})
                                            << QByteArray(R"({"load":false,"op":"merge","ref":"u1"})");
        QTest::newRow("bulk_delete")
            << Step(steps::BulkDelete{QStringLiteral("User"), QVariantMap{{QStringLiteral("id"), 3}}})
            << QByteArray(R"({"class":"User","op":"bulk_delete","where":{"id":3}})");
    }

    void stepsBuiltInCodeWriteTheFileFormat()
    {
        QFETCH(Step, step);
        QFETCH(QByteArray, expected);
        QCOMPARE(compact(step.toJson()), expected);
        // and read back, they are what was written
        const Step back = Step::fromJson(step.toJson());
        QCOMPARE(compact(back.toJson()), expected);
        QCOMPARE(back.op(), step.op());
    }

    void aBadStepIsNamed_data()
    {
        QTest::addColumn<QByteArray>("steps");
        QTest::addColumn<QString>("error");
        QTest::newRow("no op") << QByteArray(R"([{"op":"flush"},{"ref":"u"}])")
                               << QStringLiteral("scenarios[0].steps[1]: missing \"op\"");
        QTest::newRow("op not a string") << QByteArray(R"([{"op":7}])")
                                         << QStringLiteral("scenarios[0].steps[0].op: expected a string, found the number 7");
        QTest::newRow("attr not a string")
            << QByteArray(R"([{"op":"new","class":"User","as":"u"},{"op":"read","ref":"u","attr":3}])")
            << QStringLiteral("scenarios[0].steps[1].attr: expected a string, found the number 3");
        QTest::newRow("load not a boolean")
            << QByteArray(R"([{"op":"merge","ref":"u","load":"no"}])")
            << QStringLiteral("scenarios[0].steps[0].load: expected true or false, found the string \"no\"");
        QTest::newRow("where not an object")
            << QByteArray(R"([{"op":"query","class":"User","where":[1]}])")
            << QStringLiteral("scenarios[0].steps[0].where: expected an object, found an array");
        QTest::newRow("options not an object")
            << QByteArray(R"([{"op":"query","class":"User","options":["posts"]}])")
            << QStringLiteral("scenarios[0].steps[0].options: expected an object, found an array");
        QTest::newRow("attrs not strings")
            << QByteArray(R"([{"op":"new","class":"User","as":"u"},{"op":"expire","ref":"u","attrs":["name",1]}])")
            << QStringLiteral("scenarios[0].steps[1].attrs[1]: expected a string, found the number 1");
        QTest::newRow("noAutoflush not a boolean")
            << QByteArray(R"([{"op":"flush","noAutoflush":1}])")
            << QStringLiteral("scenarios[0].steps[0].noAutoflush: expected true or false, found the number 1");
        QTest::newRow("populateExisting not a boolean")
            << QByteArray(R"([{"op":"query","class":"User","populateExisting":"yes"}])")
            << QStringLiteral("scenarios[0].steps[0].populateExisting: expected true or false, found the string \"yes\"");
        QTest::newRow("synchronize not a boolean")
            << QByteArray(R"([{"op":"bulk_delete","class":"User","synchronize":"false"}])")
            << QStringLiteral("scenarios[0].steps[0].synchronize: expected true or false, found the string \"false\"");
        QTest::newRow("expectError not a boolean")
            << QByteArray(R"([{"op":"flush","expectError":"yes"}])")
            << QStringLiteral("scenarios[0].steps[0].expectError: expected true or false, found the string \"yes\"");
    }

    void aBadStepIsNamed()
    {
        QFETCH(QByteArray, steps);
        QFETCH(QString, error);
        const auto parsed = ProjectFile::parse(project(steps));
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().toString(), error);
    }

    void anUnplayableStepLoadsAndIsNamed_data()
    {
        QTest::addColumn<QByteArray>("steps");
        QTest::addColumn<QStringList>("problems");
        QTest::newRow("unknown op")
            << QByteArray(R"([{"op":"flush"},{"op":"upsert","ref":"u"}])")
            << QStringList{QStringLiteral("scenarios[0].steps[1].op: unknown operation \"upsert\"")};
        QTest::newRow("missing fields")
            << QByteArray(R"([{"op":"new","class":"User","as":"u"},{"op":"append","ref":"u"}])")
            << QStringList{QStringLiteral("scenarios[0].steps[1]: step \"append\" needs \"attr\""),
                           QStringLiteral("scenarios[0].steps[1]: step \"append\" needs \"item\"")};
        QTest::newRow("loader option on a column")
            << QByteArray(R"([{"op":"query","class":"User","options":{"name":"joined"}}])")
            << QStringList{QStringLiteral("scenarios[0].steps[0].options.name: \"name\" is not a relationship of \"User\"")};
    }

    void anUnplayableStepLoadsAndIsNamed()
    {
        QFETCH(QByteArray, steps);
        QFETCH(QStringList, problems);
        const auto parsed = ProjectFile::parse(project(steps));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
        QStringList got;
        for (const Problem &p : parsed->validate())
            got << p.path + QStringLiteral(": ") + p.message;
        QCOMPARE(got, problems);
        // Kept as it was read, so that saving loses nothing.
        const QJsonArray original = QJsonDocument::fromJson(steps).array();
        const QJsonArray written = QJsonDocument::fromJson(ProjectFile::serialize(*parsed))
                                       .object()
                                       .value(QLatin1String("scenarios"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QLatin1String("steps"))
                                       .toArray();
        QCOMPARE(written, original);
    }
};

QTEST_GUILESS_MAIN(TestStep)
#include "tst_step.moc"
