#include "orm/ddl.h"
#include "orm/registry.h"
#include "project/projectfile.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace ms;

static Schema schemaFrom(const QByteArray &classes)
{
    auto p = ProjectFile::parse("{\"format\":\"mapperscope-project\",\"version\":1,\"classes\":"
                                + classes + "}");
    if (!p.ok())
        qFatal("%s", qPrintable(p.error().toString()));
    return p->schema;
}

static const QByteArray kHostile = R"([
  {"name":"Order","table":"order","columns":[
     {"name":"id","type":"integer","primaryKey":true},
     {"name":"select \u0022x\u0022; --","type":"text","nullable":false,"unique":true,"default":"it\u0027s \u0022q\u0022"},
     {"name":"group","type":"boolean","default":true},
     {"name":"when","type":"real","default":0.1},
     {"name":"day","type":"date","default":"2024-05-01"},
     {"name":"at","type":"datetime"}]},
  {"name":"Line Item","columns":[
     {"name":"id","type":"integer","primaryKey":true},
     {"name":"order_id","type":"integer","references":"Order","nullable":false},
     {"name":"qty","type":"integer","default":-3}]}
])";

class TestDdl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")),
                 "Debian's libqt6sql6-sqlite provides the SQLite driver");
    }

    void cleanup()
    {
        for (const QString &name : QSqlDatabase::connectionNames())
            QSqlDatabase::removeDatabase(name);
    }

    void golden_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("QSQLITE") << "QSQLITE"
            << QStringList{
                   "CREATE TABLE \"order\" (\n"
                   "    \"id\" INTEGER NOT NULL,\n"
                   "    \"select \"\"x\"\"; --\" TEXT NOT NULL DEFAULT 'it''s \"q\"',\n"
                   "    \"group\" BOOLEAN DEFAULT 1,\n"
                   "    \"when\" REAL DEFAULT 0.1,\n"
                   "    \"day\" DATE DEFAULT '2024-05-01',\n"
                   "    \"at\" DATETIME,\n"
                   "    PRIMARY KEY (\"id\"),\n"
                   "    UNIQUE (\"select \"\"x\"\"; --\")\n"
                   ")",
                   "CREATE TABLE \"line item\" (\n"
                   "    \"id\" INTEGER NOT NULL,\n"
                   "    \"order_id\" INTEGER NOT NULL,\n"
                   "    \"qty\" INTEGER DEFAULT -3,\n"
                   "    PRIMARY KEY (\"id\"),\n"
                   "    FOREIGN KEY (\"order_id\") REFERENCES \"order\" (\"id\")\n"
                   ")"};
        QTest::newRow("QPSQL") << "QPSQL"
            << QStringList{
                   "CREATE TABLE \"order\" (\n"
                   "    \"id\" SERIAL NOT NULL,\n"
                   "    \"select \"\"x\"\"; --\" TEXT NOT NULL DEFAULT 'it''s \"q\"',\n"
                   "    \"group\" BOOLEAN DEFAULT TRUE,\n"
                   "    \"when\" DOUBLE PRECISION DEFAULT 0.1,\n"
                   "    \"day\" DATE DEFAULT '2024-05-01',\n"
                   "    \"at\" TIMESTAMP,\n"
                   "    PRIMARY KEY (\"id\"),\n"
                   "    UNIQUE (\"select \"\"x\"\"; --\")\n"
                   ")",
                   "CREATE TABLE \"line item\" (\n"
                   "    \"id\" SERIAL NOT NULL,\n"
                   "    \"order_id\" INTEGER NOT NULL,\n"
                   "    \"qty\" INTEGER DEFAULT -3,\n"
                   "    PRIMARY KEY (\"id\"),\n"
                   "    FOREIGN KEY (\"order_id\") REFERENCES \"order\" (\"id\")\n"
                   ")"};
    }

    void golden()
    {
        QFETCH(QString, driver);
        QFETCH(QStringList, expected);
        if (!QSqlDatabase::isDriverAvailable(driver))
            QFAIL(qPrintable(driver + QStringLiteral(" driver missing: install libqt6sql6-psql")));
        Registry registry;
        QVERIFY(registry.map(schemaFrom(kHostile)).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, QStringLiteral("golden"));
        const auto statements = registry.createStatements(db.driver());
        QVERIFY(statements.ok());
        QCOMPARE(*statements, expected);
    }

    void tablesInDependencyOrder()
    {
        Registry registry;
        QVERIFY(registry.map(schemaFrom(R"([
            {"name":"Comment","columns":[{"name":"id","type":"integer","primaryKey":true},
                                         {"name":"post_id","type":"integer","references":"Post"}]},
            {"name":"Post","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("order"));
        const auto statements = registry.createStatements(db.driver());
        QVERIFY(statements.ok());
        QCOMPARE(statements->size(), 2);
        QVERIFY(statements->at(0).startsWith(QLatin1String("CREATE TABLE \"post\"")));
        QVERIFY(statements->at(1).startsWith(QLatin1String("CREATE TABLE \"comment\"")));
    }

    // A many-to-many's association table comes after the classes: a NOT
    // NULL foreign key to each side, the pair its primary key (a link is
    // there once), enforced on SQLite.
    void associationTable()
    {
        Registry registry;
        QVERIFY(registry.map(schemaFrom(R"([
            {"name":"Post","table":"order","columns":[{"name":"id","type":"integer","primaryKey":true}],
             "relationships":[{"name":"tags","kind":"many-to-many","target":"Tag","secondary":"post \u0022tags\u0022 link",
                               "backref":"posts"}]},
            {"name":"Tag","columns":[{"name":"code","type":"text","primaryKey":true}]}])")).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("links"));
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY(db.open());
        const auto statements = registry.createStatements(db.driver());
        QVERIFY(statements.ok());
        QCOMPARE(statements->size(), 3);
        QCOMPARE(statements->at(2),
                 QStringLiteral("CREATE TABLE \"post \"\"tags\"\" link\" (\n    \"post_id\" INTEGER NOT NULL,\n"
                                "    \"tag_code\" TEXT NOT NULL,\n    PRIMARY KEY (\"post_id\", \"tag_code\"),\n"
                                "    FOREIGN KEY (\"post_id\") REFERENCES \"order\" (\"id\"),\n"
                                "    FOREIGN KEY (\"tag_code\") REFERENCES \"tag\" (\"code\")\n)"));
        QVERIFY(registry.createTables(db).ok());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO \"order\" DEFAULT VALUES")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO tag VALUES ('a')")));
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO \"post \"\"tags\"\" link\" VALUES (1, 'a')")), qPrintable(q.lastError().text()));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO \"post \"\"tags\"\" link\" VALUES (1, 'a')")));
        QVERIFY(q.lastError().text().contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO \"post \"\"tags\"\" link\" VALUES (1, 'b')")));
        QVERIFY(q.lastError().text().contains(QLatin1String("FOREIGN KEY"), Qt::CaseInsensitive));
        db.close();
    }

    // A composite primary key: one PRIMARY KEY constraint over its columns
    // in column order, and no generated key (SERIAL) on PostgreSQL, as
    // SQLAlchemy's autoincrement="auto" makes one only for a key of one column.
    void compositeKey_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("expected");
        QTest::newRow("QSQLITE") << "QSQLITE"
                                 << "CREATE TABLE \"enrollment\" (\n    \"student_id\" INTEGER NOT NULL,\n"
                                    "    \"grade\" TEXT,\n    \"term\" INTEGER NOT NULL,\n"
                                    "    PRIMARY KEY (\"student_id\", \"term\"),\n"
                                    "    FOREIGN KEY (\"student_id\") REFERENCES \"student\" (\"id\")\n)";
        QTest::newRow("QPSQL") << "QPSQL"
                               << "CREATE TABLE \"enrollment\" (\n    \"student_id\" INTEGER NOT NULL,\n"
                                  "    \"grade\" TEXT,\n    \"term\" INTEGER NOT NULL,\n"
                                  "    PRIMARY KEY (\"student_id\", \"term\"),\n"
                                  "    FOREIGN KEY (\"student_id\") REFERENCES \"student\" (\"id\")\n)";
    }

    void compositeKey()
    {
        QFETCH(QString, driver);
        QFETCH(QString, expected);
        Registry registry;
        QVERIFY(registry.map(schemaFrom(R"([
            {"name":"Student","columns":[{"name":"id","type":"integer","primaryKey":true}]},
            {"name":"Enrollment","columns":[{"name":"student_id","type":"integer","primaryKey":true,"references":"Student"},
                                            {"name":"grade","type":"text"},
                                            {"name":"term","type":"integer","primaryKey":true}]}])")).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, QStringLiteral("composite"));
        const auto statements = registry.createStatements(db.driver());
        QVERIFY(statements.ok());
        QCOMPARE(statements->size(), 2);
        QCOMPARE(statements->at(1), expected);
    }

    // A foreign key to a composite key: one constraint of its columns,
    // matched in order to the key's; SQLite enforces it once told to.
    void compositeForeignKey_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::newRow("QSQLITE") << "QSQLITE";
        QTest::newRow("QPSQL") << "QPSQL";
    }

    void compositeForeignKey()
    {
        QFETCH(QString, driver);
        Registry registry;
        QVERIFY(registry.map(schemaFrom(R"([
            {"name":"Enrollment","columns":[{"name":"student_id","type":"integer","primaryKey":true},
                                            {"name":"term","type":"text","primaryKey":true}]},
            {"name":"Grade","columns":[{"name":"id","type":"integer","primaryKey":true},
                                       {"name":"e_student","type":"integer","references":"Enrollment"},
                                       {"name":"points","type":"integer"},
                                       {"name":"e_term","type":"text","references":"Enrollment"}]}])")).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, QStringLiteral("compositeFk") + driver);
        const auto statements = registry.createStatements(db.driver());
        QVERIFY(statements.ok());
        QCOMPARE(statements->size(), 2);
        QVERIFY2(statements->at(1).endsWith(QStringLiteral(
                     "    PRIMARY KEY (\"id\"),\n"
                     "    FOREIGN KEY (\"e_student\", \"e_term\") REFERENCES \"enrollment\" (\"student_id\", \"term\")\n)")),
                 qPrintable(statements->at(1)));
        if (driver != QLatin1String("QSQLITE"))
            return;
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        QVERIFY(registry.createTables(db).ok());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO enrollment VALUES (1, 'fall')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO grade VALUES (1, 1, 90, 'fall')")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO grade VALUES (2, 1, 80, 'spring')")));
        QVERIFY(q.lastError().text().contains(QLatin1String("FOREIGN KEY"), Qt::CaseInsensitive));
        db.close();
    }

    // The hostile names work for real: tables created, a row written and
    // read back with bound values, the constraints enforced.
    void hostileNamesWorkOnSqlite()
    {
        Registry registry;
        QVERIFY(registry.map(schemaFrom(kHostile)).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("hostile"));
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY(db.open());
        const auto created = registry.createTables(db);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));
        QVERIFY(db.tables().contains(QStringLiteral("order")));
        QVERIFY(db.tables().contains(QStringLiteral("line item")));

        const QSqlDriver *d = db.driver();
        const QString table = d->escapeIdentifier(QStringLiteral("order"), QSqlDriver::TableName);
        const QString column = d->escapeIdentifier(QStringLiteral("select \"x\"; --"), QSqlDriver::FieldName);
        QSqlQuery q(db);
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (?)").arg(table, column)));
        q.addBindValue(QStringLiteral("Robert'); DROP TABLE \"order\"; --"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("SELECT %1, \"group\", \"when\", \"day\", \"id\" FROM %2").arg(column, table)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Robert'); DROP TABLE \"order\"; --"));
        QCOMPARE(q.value(1).toInt(), 1);               // DEFAULT 1
        QCOMPARE(q.value(2).toDouble(), 0.1);          // DEFAULT 0.1
        QCOMPARE(q.value(3).toString(), QStringLiteral("2024-05-01"));
        QCOMPARE(q.value(4).toInt(), 1);               // generated key
        // NOT NULL and UNIQUE are enforced.
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (?)").arg(table, column)));
        q.addBindValue(QStringLiteral("Robert'); DROP TABLE \"order\"; --"));
        QVERIFY(!q.exec());
        QVERIFY(q.lastError().text().contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO \"line item\" (\"qty\") VALUES (1)")));
        QVERIFY(q.lastError().text().contains(QLatin1String("NOT NULL"), Qt::CaseInsensitive));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO \"line item\" (\"order_id\") VALUES (99)")));
        QVERIFY(q.lastError().text().contains(QLatin1String("FOREIGN KEY"), Qt::CaseInsensitive));
        db.close();
    }

    // A failing CREATE (the table exists) leaves no new table behind.
    void failedCreateLeavesNothing()
    {
        Registry registry;
        QVERIFY(registry.map(schemaFrom(R"([
            {"name":"A","columns":[{"name":"id","type":"integer","primaryKey":true}]},
            {"name":"B","columns":[{"name":"id","type":"integer","primaryKey":true}]}])")).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fail"));
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE \"b\" (x INTEGER)")));
        const auto created = registry.createTables(db);
        QVERIFY(!created.ok());
        QVERIFY(created.error().message.contains(QLatin1String("already exists")));
        QCOMPARE(created.error().where.left(16), QStringLiteral("CREATE TABLE \"b\""));
        QCOMPARE(db.tables(), QStringList{QStringLiteral("b")});
        db.close();
    }

    void unquotableNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("leading quote") << "\"x";
        QTest::newRow("trailing quote") << "x\"";
        QTest::newRow("dot") << "a.b";
        QTest::newRow("brackets") << "a[b]";
        QTest::newRow("empty") << "";
    }

    void unquotableNamesAreRefused()
    {
        QFETCH(QString, name);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("q"));
        QVERIFY(!Ddl::quote(db.driver(), name, QSqlDriver::FieldName).ok());
    }
};

QTEST_GUILESS_MAIN(TestDdl)
#include "tst_ddl.moc"
