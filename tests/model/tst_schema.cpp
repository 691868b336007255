#include "project/projectfile.h"
#include "schema/schema.h"

#include <QJsonDocument>
#include <QTest>

using namespace ms;

// Schemas are written as project-file JSON (the classes array), as a user
// would type them, and parsed by the real reader.
static Schema schemaFrom(const char *classesJson)
{
    const QByteArray doc = QByteArray(R"({"format":"mapperscope-project","version":1,"classes":)")
        + classesJson + "}";
    auto project = ProjectFile::parse(doc);
    if (!project.ok())
        qFatal("test schema does not parse: %s", qPrintable(project.error().toString()));
    return project->schema;
}

static const char *kValid = R"([
  {"name":"User","table":"users","columns":[
     {"name":"id","type":"integer","primaryKey":true},
     {"name":"name","type":"text","nullable":false,"unique":true}],
   "relationships":[{"name":"addresses","kind":"one-to-many","target":"Address","backref":"user",
                     "cascade":"all, delete-orphan"}]},
  {"name":"Address","table":"addresses","columns":[
     {"name":"id","type":"integer","primaryKey":true},
     {"name":"email","type":"text"},
     {"name":"user_id","type":"integer","references":"User"}]}
])";

class TestSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Where a problem's path points: the schema's parts, a listener, a
    // scenario's step (the Problems dock goes there on a double-click).
    void problemLocations()
    {
        const ProblemLocation column = ProblemLocation::of(QStringLiteral("classes[1].columns[0].type"));
        QCOMPARE(column.classIndex, 1);
        QCOMPARE(column.columnIndex, 0);
        QCOMPARE(column.field, QStringLiteral("type"));
        QCOMPARE(column.listenerIndex, -1);
        QCOMPARE(ProblemLocation::of(QStringLiteral("classes[2].relationships[3]")).relationshipIndex, 3);
        const ProblemLocation listener = ProblemLocation::of(QStringLiteral("listeners[2].target"));
        QCOMPARE(listener.listenerIndex, 2);
        QCOMPARE(listener.classIndex, -1);
        QCOMPARE(listener.scenarioIndex, -1);
        const ProblemLocation step = ProblemLocation::of(QStringLiteral("scenarios[1].steps[4].ref"));
        QCOMPARE(step.scenarioIndex, 1);
        QCOMPARE(step.stepIndex, 4);
        QCOMPARE(ProblemLocation::of(QStringLiteral("scenarios[0]")).stepIndex, -1);
        QCOMPARE(ProblemLocation::of(QStringLiteral("view")), ProblemLocation {});
    }

    void validSchemaHasNoProblems()
    {
        const Schema s = schemaFrom(kValid);
        const Problems problems = s.validate();
        for (const auto &p : problems)
            qWarning() << p.toString();
        QVERIFY(problems.isEmpty());
    }

    void compositeKey()
    {
        // several primary key columns make one key, in column order; the
        // class can reference others, and no table is made for it to link
        const Schema s = schemaFrom(R"([
          {"name":"Student","columns":[{"name":"id","type":"integer","primaryKey":true}]},
          {"name":"Enrollment","columns":[{"name":"grade","type":"text"},
                                          {"name":"student_id","type":"integer","primaryKey":true,"references":"Student"},
                                          {"name":"term","type":"text","primaryKey":true}],
           "relationships":[{"name":"student","kind":"many-to-one","target":"Student","backref":"enrollments"}]}])");
        const Problems problems = s.validate();
        for (const auto &p : problems)
            qWarning() << p.toString();
        QVERIFY(problems.isEmpty());
        QCOMPARE(s.classes[1].primaryKeyIndexes(), (QList<int>{1, 2}));
        QVERIFY(s.classes[1].hasCompositeKey());
        QVERIFY(!s.classes[0].hasCompositeKey());
        QCOMPARE(s.classes[1].primaryKey()->name, QStringLiteral("student_id"));
        QVERIFY(s.associationTables().isEmpty());
    }

    void compositeForeignKey()
    {
        // the columns that reference a class with a composite key make one
        // foreign key, matched in order to its key columns
        const Schema s = schemaFrom(R"([
          {"name":"Enrollment","columns":[{"name":"student_id","type":"integer","primaryKey":true},
                                          {"name":"term","type":"text","primaryKey":true}],
           "relationships":[{"name":"grades","kind":"one-to-many","target":"Grade","backref":"enrollment"}]},
          {"name":"Grade","columns":[{"name":"id","type":"integer","primaryKey":true},
                                     {"name":"points","type":"integer"},
                                     {"name":"e_student","type":"integer","references":"Enrollment"},
                                     {"name":"e_term","type":"text","references":"Enrollment"}]}])");
        const Problems problems = s.validate();
        for (const auto &p : problems)
            qWarning() << p.toString();
        QVERIFY(problems.isEmpty());
        QCOMPARE(s.foreignKeyColumns(1, 0), (QList<QList<int>>{{2, 3}}));
        const auto enrollment = s.relationshipsOf(0);
        QCOMPARE(enrollment.size(), 1);
        QCOMPARE(enrollment[0].foreignKey, (ForeignKeyRef{1, {2, 3}}));
        const auto grade = s.relationshipsOf(1);
        QCOMPARE(grade.size(), 1);
        QCOMPARE(grade[0].kind, RelationshipKind::ManyToOne);
        QCOMPARE(grade[0].foreignKey, (ForeignKeyRef{1, {2, 3}}));
        QCOMPARE(s.columnName(grade[0].foreignKey), QStringLiteral("e_student, e_term"));
        // naming one of its columns as the foreign key names it all
        Schema named = s;
        named.classes[0].relationships[0].foreignKey = QStringLiteral("e_term");
        QVERIFY(named.validate().isEmpty());
        QCOMPARE(named.relationshipsOf(0)[0].foreignKey, (ForeignKeyRef{1, {2, 3}}));
    }

    void problems_data()
    {
        QTest::addColumn<QByteArray>("classes");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");

        QTest::newRow("no primary key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"x","type":"text"}]}])")
            << "classes[0].columns" << "class \"A\" has no primary key";
        QTest::newRow("one column of a composite foreign key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"a","type":"integer","primaryKey":true},
                                                  {"name":"b","type":"integer","primaryKey":true}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                   {"name":"a_id","type":"integer","references":"A"}]}])")
            << "classes[1].columns[1].references"
            << "\"A\" has a composite primary key (a, b): a foreign key to it takes one column for each, "
               "but \"B\" references it with (a_id)";
        QTest::newRow("three columns of a composite foreign key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"a","type":"integer","primaryKey":true},
                                                  {"name":"b","type":"integer","primaryKey":true}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                   {"name":"x","type":"integer","references":"A"},
                                                   {"name":"y","type":"integer","references":"A"},
                                                   {"name":"z","type":"integer","references":"A"}]}])")
            << "classes[1].columns[1].references"
            << "\"A\" has a composite primary key (a, b): a foreign key to it takes one column for each, "
               "but \"B\" references it with (x, y, z)";
        QTest::newRow("a composite foreign key of the wrong type")
            << QByteArray(R"([{"name":"A","columns":[{"name":"a","type":"integer","primaryKey":true},
                                                  {"name":"b","type":"text","primaryKey":true}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                   {"name":"x","type":"integer","references":"A"},
                                                   {"name":"y","type":"integer","references":"A"}]}])")
            << "classes[1].columns[2].references"
            << "column \"y\" is integer but the key column A.b it references is text";
        QTest::newRow("a composite foreign key in another order than the key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"a","type":"integer","primaryKey":true},
                                                  {"name":"b","type":"integer","primaryKey":true}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                   {"name":"b","type":"integer","references":"A"},
                                                   {"name":"a","type":"integer","references":"A"}]}])")
            << "classes[1].columns[1].references"
            << "column \"b\" is matched to A.a, the key column in its place, though A has a key column \"b\": "
               "the columns that reference a composite key are matched to it in order";
        QTest::newRow("a composite foreign key to its own class")
            << QByteArray(R"([{"name":"A","columns":[{"name":"a","type":"integer","primaryKey":true},
                                                  {"name":"b","type":"integer","primaryKey":true},
                                                  {"name":"pa","type":"integer","references":"A"},
                                                  {"name":"pb","type":"integer","references":"A"}]}])")
            << "classes[0].columns[2].references"
            << "\"A\" has a composite primary key (a, b): a foreign key of several columns to its own class "
               "is not supported yet";
        QTest::newRow("a many-to-many to a composite key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"a","type":"integer","primaryKey":true},
                                                  {"name":"b","type":"integer","primaryKey":true}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"as","kind":"many-to-many","target":"A","secondary":"b_a"}]}])")
            << "classes[1].relationships[0]"
            << "many-to-many \"as\": \"A\" has a composite primary key, which an association table cannot "
               "reference yet";
        QTest::newRow("no columns")
            << QByteArray(R"([{"name":"A","columns":[]}])") << "classes[0].columns"
            << "class \"A\" has no columns";
        QTest::newRow("unknown type")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}]},
                            {"name":"B","columns":[{"name":"id","type":"strng","primaryKey":true}]}])")
            << "classes[1].columns[0].type" << "unknown type \"strng\"";
        QTest::newRow("nullable primary key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true,"nullable":true}]}])")
            << "classes[0].columns[0].nullable" << "a primary key cannot be nullable";
        QTest::newRow("empty class name")
            << QByteArray(R"([{"name":" ","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")
            << "classes[0].name" << "a class needs a name";
        QTest::newRow("duplicate class")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}]},
                            {"name":"A","table":"a2","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")
            << "classes[1].name" << "class \"A\" is declared twice (first at classes[0])";
        QTest::newRow("duplicate table")
            << QByteArray(R"([{"name":"A","table":"t","columns":[{"name":"id","type":"integer","primaryKey":true}]},
                            {"name":"B","table":"T","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")
            << "classes[1].table" << "table \"T\" is already used by class \"A\"";
        QTest::newRow("empty column name")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"","type":"text"}]}])")
            << "classes[0].columns[1].name" << "a column needs a name";
        QTest::newRow("duplicate column")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"ID","type":"text"}]}])")
            << "classes[0].columns[1].name" << "column \"ID\" is declared twice in class \"A\"";
        QTest::newRow("bad default")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"n","type":"integer","default":"ten"}]}])")
            << "classes[0].columns[1].default" << "default \"ten\" is not a valid integer value";
        QTest::newRow("huge integer default")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"n","type":"integer","default":1e300}]}])")
            << "classes[0].columns[1].default" << "default 1e+300 is not a valid integer value";
        QTest::newRow("bad date default")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"d","type":"date","default":"31/12/2024"}]}])")
            << "classes[0].columns[1].default" << "default \"31/12/2024\" is not a valid date value";
        QTest::newRow("two version counters")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                             {"name":"v","type":"integer","versionCounter":true},{"name":"w","type":"integer","versionCounter":true}]}])")
            << "classes[0].columns[2].versionCounter" << "class \"A\" already counts versions in column \"v\"";
        QTest::newRow("text version counter")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                             {"name":"v","type":"text","versionCounter":true}]}])")
            << "classes[0].columns[1].versionCounter"
            << "version counter \"v\" is a text column: the flush counts 1, 2, 3...";
        QTest::newRow("version counter in the key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true,"versionCounter":true}]}])")
            << "classes[0].columns[0].versionCounter"
            << "version counter \"id\" is part of a key: the flush changes it at every UPDATE";
        QTest::newRow("version counter with a default")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                             {"name":"v","type":"integer","default":3,"versionCounter":true}]}])")
            << "classes[0].columns[1].default"
            << "version counter \"v\" has a default: the flush writes 1 at the INSERT whatever it is";
        QTest::newRow("unknown reference")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"b_id","type":"integer","references":"B"}]}])")
            << "classes[0].columns[1].references" << "unknown class \"B\"";
        QTest::newRow("reference type mismatch")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"a_id","type":"text","references":"A"}]}])")
            << "classes[0].columns[1].references"
            << "column \"a_id\" is text but the primary key of \"A\" is integer";
        QTest::newRow("unknown target")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"bs","kind":"one-to-many","target":"B"}]}])")
            << "classes[0].relationships[0].target" << "unknown target class \"B\"";
        QTest::newRow("unknown kind")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"as","kind":"many-to-few","target":"A"}]}])")
            << "classes[0].relationships[0].kind" << "unknown relationship kind \"many-to-few\"";
        QTest::newRow("one-to-many without foreign key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"bs","kind":"one-to-many","target":"B"}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")
            << "classes[0].relationships[0]"
            << "one-to-many \"bs\" needs a column in \"B\" that references \"A\"";
        QTest::newRow("many-to-one without foreign key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"b","kind":"many-to-one","target":"B"}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")
            << "classes[0].relationships[0]"
            << "many-to-one \"b\" needs a column in \"A\" that references \"B\"";
        QTest::newRow("ambiguous foreign key")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"b1","type":"integer","references":"B"},
                                                  {"name":"b2","type":"integer","references":"B"}],
                             "relationships":[{"name":"b","kind":"many-to-one","target":"B"}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")
            << "classes[0].relationships[0].foreignKey"
            << "many-to-one \"b\" could use any of the columns \"b1\", \"b2\" of \"A\"";
        QTest::newRow("foreign key not a column")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"b1","type":"integer","references":"B"},
                                                  {"name":"b2","type":"integer","references":"B"}],
                             "relationships":[{"name":"b","kind":"many-to-one","target":"B","foreignKey":"b3"}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")
            << "classes[0].relationships[0].foreignKey"
            << "foreign key \"b3\" is not a column of \"A\"";
        QTest::newRow("foreign key not referencing")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"note","type":"integer"}],
                             "relationships":[{"name":"bs","kind":"one-to-many","target":"B","foreignKey":"id"}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"a_id","type":"integer","references":"A"}]}])")
            << "classes[0].relationships[0].foreignKey"
            << "column \"id\" of \"B\" does not reference \"A\"";
        QTest::newRow("inverse over another foreign key")
            << QByteArray(R"([{"name":"User","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"posts","kind":"one-to-many","target":"Post","foreignKey":"editor_id"}]},
                            {"name":"Post","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"author_id","type":"integer","references":"User"},
                                                  {"name":"editor_id","type":"integer","references":"User"}],
                             "relationships":[{"name":"author","kind":"many-to-one","target":"User","backref":"posts","foreignKey":"author_id"}]}])")
            << "classes[1].relationships[0].backref"
            << "User.posts is the inverse of \"author\" but uses the foreign key \"editor_id\", not \"author_id\"";
        QTest::newRow("relationship named like a column")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"a_id","type":"integer","references":"A"}],
                             "relationships":[{"name":"a_id","kind":"many-to-one","target":"A"}]}])")
            << "classes[0].relationships[0].name" << "\"a_id\" is already an attribute of class \"A\"";
        QTest::newRow("empty relationship name")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"a_id","type":"integer","references":"A"}],
                             "relationships":[{"name":"","kind":"many-to-one","target":"A"}]}])")
            << "classes[0].relationships[0].name" << "a relationship needs a name";
        QTest::newRow("unknown loading strategy")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"a_id","type":"integer","references":"A"}],
                             "relationships":[{"name":"children","kind":"one-to-many","target":"A","lazy":"dynamic"}]}])")
            << "classes[0].relationships[0].lazy" << "unknown loading strategy \"dynamic\"";
        QTest::newRow("unknown cascade word")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"a_id","type":"integer","references":"A"}],
                             "relationships":[{"name":"children","kind":"one-to-many","target":"A","cascade":"save-update, delet"}]}])")
            << "classes[0].relationships[0].cascade" << "unknown cascade word \"delet\"";
        QTest::newRow("delete-orphan on many-to-one")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"a_id","type":"integer","references":"A"}],
                             "relationships":[{"name":"parent","kind":"many-to-one","target":"A","cascade":"all, delete-orphan"}]}])")
            << "classes[0].relationships[0].cascade"
            << "delete-orphan cannot be used on a many-to-one relationship";
        QTest::newRow("backref clashes with a column")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"bs","kind":"one-to-many","target":"B","backref":"a_id"}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"a_id","type":"integer","references":"A"}]}])")
            << "classes[0].relationships[0].backref" << "backref \"a_id\" clashes with column \"a_id\" of \"B\"";
        QTest::newRow("backref clashes with a relationship that is not the inverse")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"bs","kind":"one-to-many","target":"B","backref":"owner"}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"a_id","type":"integer","references":"A"},
                                                  {"name":"b_id","type":"integer","references":"B"}],
                             "relationships":[{"name":"owner","kind":"many-to-one","target":"B"}]}])")
            << "classes[0].relationships[0].backref"
            << "backref \"owner\" clashes with relationship \"owner\" of \"B\", which is not the inverse of \"bs\"";
        QTest::newRow("two backrefs create the same attribute")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"bs","kind":"one-to-many","target":"C","backref":"parent"}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true}],
                             "relationships":[{"name":"cs","kind":"one-to-many","target":"C","backref":"parent"}]},
                            {"name":"C","columns":[{"name":"id","type":"integer","primaryKey":true},
                                                  {"name":"a_id","type":"integer","references":"A"},
                                                  {"name":"b_id","type":"integer","references":"B"}]}])")
            << "classes[1].relationships[0].backref"
            << "backref \"C.parent\" is also created by classes[0].relationships[0].backref";
        QTest::newRow("foreign key cycle")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"b_id","type":"integer","references":"B"}]},
                            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"a_id","type":"integer","references":"A"}]}])")
            << "classes" << "foreign keys form a cycle: A -> B -> A";
        QTest::newRow("column name the drivers cannot quote")
            << QByteArray(R"([{"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true},{"name":"\u0022x","type":"text"}]}])")
            << "classes[0].columns[1].name"
            << "column name \"\"x\": a name that begins or ends with a double quote cannot be quoted in SQL";
        QTest::newRow("table name with a dot")
            << QByteArray(R"([{"name":"A","table":"main.a","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")
            << "classes[0].table"
            << "table name \"main.a\": a dot in a name is read as a schema separator by the SQL drivers";
    }

    void problems()
    {
        QFETCH(QByteArray, classes);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const Problems problems = schemaFrom(classes.constData()).validate();
        QStringList seen;
        bool found = false;
        for (const Problem &p : problems) {
            seen << p.toString();
            if (p.path == path && p.message == message) {
                found = true;
                QVERIFY2(!p.hint.isEmpty() || p.message.contains(QLatin1String("needs a name")),
                         qPrintable(QStringLiteral("no hint for: ") + p.toString()));
            }
        }
        QVERIFY2(found, qPrintable(QStringLiteral("expected \"%1: %2\", got:\n").arg(path, message)
                                   + seen.join(QLatin1Char('\n'))));
    }

    void everyProblemIsListed()
    {
        // Several problems in one schema are all reported, not only the first.
        const Schema s = schemaFrom(R"([{"name":"A","columns":[{"name":"x","type":"strng"}],
            "relationships":[{"name":"q","kind":"sideways","target":"Nope","cascade":"bogus"}]}])");
        const Problems problems = s.validate();
        QStringList paths;
        for (const auto &p : problems)
            paths << p.path;
        QVERIFY(paths.contains(QStringLiteral("classes[0].columns[0].type")));
        QVERIFY(paths.contains(QStringLiteral("classes[0].columns")));
        QVERIFY(paths.contains(QStringLiteral("classes[0].relationships[0].kind")));
        QVERIFY(paths.contains(QStringLiteral("classes[0].relationships[0].cascade")));
        QVERIFY(paths.contains(QStringLiteral("classes[0].relationships[0].target")));
    }

    void namesWithQuotesAreAllowed()
    {
        const Schema s = schemaFrom(R"([{"name":"Order","table":"order","columns":[
            {"name":"id","type":"integer","primaryKey":true},
            {"name":"select \u0022x\u0022; --","type":"text"}]}])");
        QVERIFY(s.validate().isEmpty());
    }

    void backrefsResolveOnBothSides()
    {
        const Schema s = schemaFrom(kValid);
        const auto user = s.relationshipsOf(0);
        QCOMPARE(user.size(), 1);
        QCOMPARE(user[0].name, QStringLiteral("addresses"));
        QCOMPARE(user[0].kind, RelationshipKind::OneToMany);
        QCOMPARE(user[0].foreignKey, (ForeignKeyRef{1, {2}}));
        const auto address = s.relationshipsOf(1);
        QCOMPARE(address.size(), 1);
        QCOMPARE(address[0].name, QStringLiteral("user"));
        QCOMPARE(address[0].kind, RelationshipKind::ManyToOne);
        QCOMPARE(address[0].declared, false);
        QCOMPARE(address[0].backref, QStringLiteral("addresses"));
        QCOMPARE(address[0].targetIndex, 0);
    }

    void declaredInverseIsNotCreatedTwice()
    {
        const Schema s = schemaFrom(R"([
          {"name":"User","columns":[{"name":"id","type":"integer","primaryKey":true}],
           "relationships":[{"name":"addresses","kind":"one-to-many","target":"Address","backref":"user"}]},
          {"name":"Address","columns":[{"name":"id","type":"integer","primaryKey":true},
                                       {"name":"user_id","type":"integer","references":"User"}],
           "relationships":[{"name":"user","kind":"many-to-one","target":"User","backref":"addresses"}]}])");
        QVERIFY(s.validate().isEmpty());
        QCOMPARE(s.relationshipsOf(0).size(), 1);
        QCOMPARE(s.relationshipsOf(1).size(), 1);
    }

    void severalForeignKeysToOneClass()
    {
        // author and editor: each relationship names its column (foreign_keys=);
        // the backref created on User uses the same column as its relationship
        const Schema s = schemaFrom(R"([
          {"name":"User","columns":[{"name":"id","type":"integer","primaryKey":true}],
           "relationships":[{"name":"edited","kind":"one-to-many","target":"Post","backref":"editor",
                             "foreignKey":"editor_id"}]},
          {"name":"Post","columns":[{"name":"id","type":"integer","primaryKey":true},
                                    {"name":"author_id","type":"integer","references":"User"},
                                    {"name":"editor_id","type":"integer","references":"User"}],
           "relationships":[{"name":"author","kind":"many-to-one","target":"User","backref":"posts",
                             "foreignKey":"author_id"},
                            {"name":"editor","kind":"many-to-one","target":"User","backref":"edited",
                             "foreignKey":"editor_id"}]}])");
        QVERIFY2(s.validate().isEmpty(), qPrintable(s.validate().isEmpty() ? QString() : s.validate().first().message));
        const auto user = s.relationshipsOf(0);
        QCOMPARE(user.size(), 2);
        QCOMPARE(user[0].name, QStringLiteral("edited"));
        QCOMPARE(user[0].foreignKey, (ForeignKeyRef{1, {2}}));
        QCOMPARE(user[1].name, QStringLiteral("posts"));
        QCOMPARE(user[1].declared, false);
        QCOMPARE(user[1].foreignKey, (ForeignKeyRef{1, {1}}));
        const auto post = s.relationshipsOf(1);
        QCOMPARE(post.size(), 2);
        QCOMPARE(post[0].foreignKey, (ForeignKeyRef{1, {1}}));
        QCOMPARE(post[1].foreignKey, (ForeignKeyRef{1, {2}}));
    }

    void oneToOneIsAScalarOneToMany()
    {
        // uselist=False: the foreign key on the target, found as for a
        // one-to-many; the backref created there is a many-to-one
        const Schema s = schemaFrom(R"([
          {"name":"User","columns":[{"name":"id","type":"integer","primaryKey":true}],
           "relationships":[{"name":"profile","kind":"one-to-one","target":"Profile","backref":"user",
                             "cascade":"all, delete-orphan"}]},
          {"name":"Profile","columns":[{"name":"id","type":"integer","primaryKey":true},
                                       {"name":"user_id","type":"integer","references":"User"}]}])");
        QVERIFY(s.validate().isEmpty());
        const auto user = s.relationshipsOf(0);
        QCOMPARE(user.size(), 1);
        QCOMPARE(user[0].kind, RelationshipKind::OneToMany);
        QCOMPARE(user[0].uselist, false);
        QVERIFY(!user[0].isCollection());
        QCOMPARE(user[0].foreignKey, (ForeignKeyRef{1, {1}}));
        const auto profile = s.relationshipsOf(1);
        QCOMPARE(profile.size(), 1);
        QCOMPARE(profile[0].kind, RelationshipKind::ManyToOne);
        QCOMPARE(profile[0].uselist, true);
        QCOMPARE(profile[0].declared, false);
        // the inverse declared on both sides
        const Schema both = schemaFrom(R"([
          {"name":"User","columns":[{"name":"id","type":"integer","primaryKey":true}],
           "relationships":[{"name":"profile","kind":"one-to-one","target":"Profile","backref":"user"}]},
          {"name":"Profile","columns":[{"name":"id","type":"integer","primaryKey":true},
                                       {"name":"user_id","type":"integer","references":"User"}],
           "relationships":[{"name":"user","kind":"many-to-one","target":"User","backref":"profile"}]}])");
        QVERIFY(both.validate().isEmpty());
        QCOMPARE(both.relationshipsOf(0).size(), 1);
        QCOMPARE(both.relationshipsOf(1).size(), 1);
        // the designer offers the three kinds, and an unknown one names them
        QCOMPARE(relationshipKindNames(), (QStringList {QStringLiteral("one-to-many"), QStringLiteral("many-to-one"),
                                                        QStringLiteral("one-to-one"), QStringLiteral("many-to-many")}));
        const Schema bad = schemaFrom(R"([
          {"name":"User","columns":[{"name":"id","type":"integer","primaryKey":true}],
           "relationships":[{"name":"profile","kind":"one-to-1","target":"User"}]}])");
        const Problems problems = bad.validate();
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().hint.contains(QStringLiteral("one-to-one")));
    }

    void manyToManyThroughAnAssociationTable()
    {
        // a collection on both sides, the keys in the association table
        // (post_id, tag_id: the class name and its key), the backref a
        // many-to-many too, seen from the other side
        const Schema s = schemaFrom(R"([
          {"name":"Post","table":"posts","columns":[{"name":"id","type":"integer","primaryKey":true}],
           "relationships":[{"name":"tags","kind":"many-to-many","target":"Tag","secondary":"post_tags",
                             "backref":"posts"}]},
          {"name":"Tag","columns":[{"name":"key","type":"text","primaryKey":true}]}])");
        QVERIFY2(s.validate().isEmpty(), qPrintable(s.validate().isEmpty() ? QString() : s.validate().first().toString()));
        const QList<AssociationTable> tables = s.associationTables();
        QCOMPARE(tables.size(), 1);
        QCOMPARE(tables[0], (AssociationTable {QStringLiteral("post_tags"), 0, 1, QStringLiteral("post_id"),
                                               QStringLiteral("tag_key")}));
        const auto post = s.relationshipsOf(0), tag = s.relationshipsOf(1);
        QCOMPARE(post.size(), 1);
        QCOMPARE(tag.size(), 1);
        QCOMPARE(post[0].kind, RelationshipKind::ManyToMany);
        QVERIFY(post[0].isCollection());
        QCOMPARE(post[0].localColumn, QStringLiteral("post_id"));
        QCOMPARE(post[0].remoteColumn, QStringLiteral("tag_key"));
        QVERIFY(post[0].localFirst);
        QCOMPARE(tag[0].name, QStringLiteral("posts"));
        QCOMPARE(tag[0].kind, RelationshipKind::ManyToMany);
        QCOMPARE(tag[0].declared, false);
        QCOMPARE(tag[0].secondary, QStringLiteral("post_tags"));
        QCOMPARE(tag[0].localColumn, QStringLiteral("tag_key"));
        QVERIFY(!tag[0].localFirst);
        // declared on both sides (back_populates): one table
        const Schema both = schemaFrom(R"([
          {"name":"Post","columns":[{"name":"id","type":"integer","primaryKey":true}],
           "relationships":[{"name":"tags","kind":"many-to-many","target":"Tag","secondary":"post_tags","backref":"posts"}]},
          {"name":"Tag","columns":[{"name":"id","type":"integer","primaryKey":true}],
           "relationships":[{"name":"posts","kind":"many-to-many","target":"Post","secondary":"post_tags","backref":"tags"}]}])");
        QVERIFY(both.validate().isEmpty());
        QCOMPARE(both.associationTables().size(), 1);
        QCOMPARE(both.relationshipsOf(1).size(), 1);
        QCOMPARE(both.relationshipsOf(1)[0].localColumn, QStringLiteral("tag_id"));
    }

    void manyToManyProblems_data()
    {
        QTest::addColumn<QString>("relationship");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("words");
        QTest::newRow("no table") << R"({"name":"tags","kind":"many-to-many","target":"Tag"})"
                                  << "classes[0].relationships[0].secondary" << "post_tag";
        QTest::newRow("a class's table") << R"({"name":"tags","kind":"many-to-many","target":"Tag","secondary":"tag"})"
                                         << "classes[0].relationships[0].secondary" << "already used by class";
        QTest::newRow("to itself") << R"({"name":"tags","kind":"many-to-many","target":"Post","secondary":"links"})"
                                   << "classes[0].relationships[0].target" << "not supported yet";
        QTest::newRow("delete-orphan") << R"({"name":"tags","kind":"many-to-many","target":"Tag","secondary":"pt","cascade":"all, delete-orphan"})"
                                       << "classes[0].relationships[0].cascade" << "single_parent";
        QTest::newRow("a foreign key") << R"({"name":"tags","kind":"many-to-many","target":"Tag","secondary":"pt","foreignKey":"id"})"
                                       << "classes[0].relationships[0].foreignKey" << "association table holds both";
        QTest::newRow("a quote") << R"({"name":"tags","kind":"many-to-many","target":"Tag","secondary":"\u0022pt"})"
                                 << "classes[0].relationships[0].secondary" << "double quote";
        QTest::newRow("not a many-to-many") << R"({"name":"tag","kind":"many-to-one","target":"Tag","secondary":"pt"})"
                                            << "classes[0].relationships[0].secondary" << "only a many-to-many";
        QTest::newRow("the inverse elsewhere")
            << R"({"name":"tags","kind":"many-to-many","target":"Tag","secondary":"pt","backref":"posts"},
                  {"name":"more","kind":"many-to-many","target":"Tag","secondary":"pt"})"
            << "classes[0].relationships[1].secondary" << "already used by";
    }

    void manyToManyProblems()
    {
        QFETCH(QString, relationship);
        QFETCH(QString, path);
        QFETCH(QString, words);
        const Schema s = schemaFrom(QStringLiteral(R"([
          {"name":"Post","columns":[{"name":"id","type":"integer","primaryKey":true},
                                    {"name":"tag_id","type":"integer","references":"Tag"}],
           "relationships":[%1]},
          {"name":"Tag","columns":[{"name":"id","type":"integer","primaryKey":true}]}])").arg(relationship).toUtf8().constData());
        const Problems problems = s.validate();
        QVERIFY(!problems.isEmpty());
        const auto it = std::find_if(problems.cbegin(), problems.cend(), [&](const Problem &p) { return p.path == path; });
        QVERIFY2(it != problems.cend(), qPrintable(problems.first().toString()));
        QVERIFY2((it->message + QLatin1Char(' ') + it->hint).contains(words), qPrintable(it->toString()));
        // a table the validator refuses is not made
        if (path.endsWith(QLatin1String("secondary")) && !words.startsWith(QLatin1String("already used by")))
            QVERIFY(s.associationTables().isEmpty());
    }

    void cascadeWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("saveUpdate");
        QTest::addColumn<bool>("del");
        QTest::addColumn<bool>("orphan");
        QTest::newRow("default") << "" << true << false << false;
        QTest::newRow("all") << "all" << true << true << false;
        QTest::newRow("all, delete-orphan") << "all, delete-orphan" << true << true << true;
        QTest::newRow("delete only") << "delete" << false << true << false;
        QTest::newRow("none") << "none" << false << false << false;
    }

    void cascadeWords()
    {
        QFETCH(QString, text);
        QStringList unknown;
        const Cascade c = Cascade::parse(text, &unknown);
        QVERIFY(unknown.isEmpty());
        QTEST(c.saveUpdate, "saveUpdate");
        QTEST(c.deleteCascade, "del");
        QTEST(c.deleteOrphan, "orphan");
    }

    void dependencyOrderPutsParentsFirst()
    {
        const Schema s = schemaFrom(R"([
          {"name":"Comment","columns":[{"name":"id","type":"integer","primaryKey":true},
                                       {"name":"post_id","type":"integer","references":"Post"}]},
          {"name":"Post","columns":[{"name":"id","type":"integer","primaryKey":true},
                                    {"name":"user_id","type":"integer","references":"User"},
                                    {"name":"parent_id","type":"integer","references":"Post"}]},
          {"name":"User","columns":[{"name":"id","type":"integer","primaryKey":true}]},
          {"name":"Tag","columns":[{"name":"id","type":"integer","primaryKey":true}]}])");
        QCOMPARE(s.dependencyOrder(), (QList<int>{2, 1, 0, 3}));
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
