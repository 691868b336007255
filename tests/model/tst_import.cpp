// Importing a database: the tables Apply makes from every example and golden
// project (DDL of the project's own) read back into an equivalent model, on
// SQLite and (as tst_import_pg) on PostgreSQL; what the model cannot express
// is listed and left out; an unreadable database is a message.
#include "orm/registry.h"
#include "project/databaseimport.h"
#include "project/projectfile.h"
#include "testdb.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace ms;

namespace {

/// A database of its own for one test: an SQLite file in @p dir, or the
/// PostgreSQL test database emptied.
bool database(const QTemporaryDir &dir, DatabaseSettings *out)
{
    if (mstest::onPostgres())
        return mstest::postgresDatabase(out);
    *out = DatabaseSettings {};
    out->name = dir.filePath(QStringLiteral("db.sqlite"));
    return true;
}

/// Runs @p statements, or makes @p project's tables, on @p settings.
QString prepare(const DatabaseSettings &settings, const Project *project, const QStringList &statements = {})
{
    const QString name = QUuid::createUuid().toString();
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(settings.driver, name);
        db.setDatabaseName(settings.name);
        db.setHostName(settings.host);
        if (settings.port)
            db.setPort(settings.port);
        db.setUserName(settings.user);
        db.setPassword(settings.password);
        if (!db.open()) {
            error = db.lastError().text();
        } else if (project) {
            Registry registry;
            if (auto mapped = registry.map(project->schema); !mapped)
                error = mapped.error().toString();
            else if (auto created = registry.createTables(db); !created)
                error = created.error().toString();
        }
        QSqlQuery q(db);
        for (const QString &sql : statements)
            if (error.isEmpty() && !q.exec(sql))
                error = q.lastError().text() + QLatin1String(": ") + sql;
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

const ClassDef *byTable(const Schema &schema, const QString &table)
{
    for (const ClassDef &c : schema.classes)
        if (c.tableName() == table)
            return &c;
    return nullptr;
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classNames()
    {
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("users")), QStringLiteral("User"));
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("blog_posts")), QStringLiteral("BlogPost"));
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("categories")), QStringLiteral("Category"));
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("addresses")), QStringLiteral("Address"));
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("boxes")), QStringLiteral("Box"));
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("status")), QStringLiteral("Status"));
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("my \"quoted\" table")), QStringLiteral("MyQuotedTable"));
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("2024 orders")), QStringLiteral("Table2024Order"));
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("заказы")), QStringLiteral("Заказы"));
        QCOMPARE(DatabaseImport::classNameFor(QStringLiteral("--")), QStringLiteral("Table"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("path");
        for (const char *dir : {"resources/examples", "resources/lessons", "tests/golden", "tests/golden2", "tests/golden3",
                                "tests/export"}) {
            const QDir d(QStringLiteral(MS_SOURCE_DIR "/") + QLatin1String(dir));
            for (const QString &f : d.entryList({QStringLiteral("*.msproj")}, QDir::Files, QDir::Name)) {
                auto p = ProjectFile::read(d.filePath(f));
                if (p && p->schema.validate().isEmpty() && !p->schema.classes.isEmpty())
                    QTest::newRow(qPrintable(QLatin1String(dir) + QLatin1Char('/') + f)) << d.filePath(f);
            }
        }
    }

    void roundTrip()
    {
        QFETCH(QString, path);
        auto original = ProjectFile::read(path);
        QVERIFY(original.ok());
        QTemporaryDir dir;
        DatabaseSettings settings;
        if (!database(dir, &settings))
            return;
        const QString made = prepare(settings, &*original);
        QVERIFY2(made.isEmpty(), qPrintable(made));
        auto imported = DatabaseImport::read(settings);
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().toString()));
        QVERIFY2(imported->skipped.isEmpty(), qPrintable(imported->skipped.join(QLatin1Char('\n'))));
        const Schema &back = imported->project.schema;
        // a model that maps, with the same tables and columns
        const Problems problems = back.validate();
        QVERIFY2(problems.isEmpty(), problems.isEmpty() ? "" : qPrintable(problems.first().toString()));
        QVERIFY(Registry().map(back).ok());
        QCOMPARE(back.classes.size(), original->schema.classes.size());
        for (const ClassDef &c : original->schema.classes) {
            const ClassDef *b = byTable(back, c.tableName());
            QVERIFY2(b, qPrintable(c.tableName()));
            QCOMPARE(b->columns.size(), c.columns.size());
            for (int i = 0; i < c.columns.size(); ++i) {
                const ColumnDef &want = c.columns[i];
                const ColumnDef &got = b->columns[i];
                const QString where = c.name + QLatin1Char('.') + want.name;
                QCOMPARE(got.name, want.name);
                QVERIFY2(got.typeName == want.typeName, qPrintable(where + QLatin1String(": ") + got.typeName));
                QCOMPARE(got.primaryKey, want.primaryKey);
                QVERIFY2(got.nullable == (want.nullable && !want.primaryKey), qPrintable(where));
                QVERIFY2(got.unique == want.unique, qPrintable(where));
                // a version counter is the mapping's, not the table's: it
                // comes back as the plain integer column it is
                QVERIFY2(!got.versionCounter, qPrintable(where));
                if (want.hasDefault() && !want.defaultValue.isNull()) {
                    // a boolean default reads back as one; a number as the number
                    QVERIFY2(got.defaultValue == want.defaultValue
                                 || (want.defaultValue.isDouble() && got.defaultValue.toDouble() == want.defaultValue.toDouble()),
                             qPrintable(where + QLatin1String(": ") + QString::fromUtf8(QJsonDocument(QJsonArray {got.defaultValue}).toJson(QJsonDocument::Compact))));
                }
                // the foreign key names the same table's class, and a
                // many-to-one with a backref goes with it
                if (want.isForeignKey()) {
                    const ClassDef *target = original->schema.classDef(want.references);
                    const ClassDef *targetBack = byTable(back, target->tableName());
                    QCOMPARE(got.references, targetBack->name);
                    bool related = false;
                    for (const RelationshipDef &r : b->relationships)
                        related = related || (r.kindName == QLatin1String("many-to-one") && r.target == targetBack->name
                                              && !r.backref.isEmpty());
                    QVERIFY2(related, qPrintable(where));
                }
            }
        }
        // the association tables are many-to-many relationships again
        const QList<AssociationTable> links = original->schema.associationTables();
        QCOMPARE(back.associationTables().size(), links.size());
        for (qsizetype i = 0; i < links.size(); ++i) {
            QCOMPARE(back.associationTables()[i].name, links[i].name);
            QCOMPARE(back.associationTables()[i].leftColumn, links[i].leftColumn);
            QCOMPARE(back.associationTables()[i].rightColumn, links[i].rightColumn);
        }
        // and it binds to the database read
        QCOMPARE(imported->project.database.name, settings.name);
    }

    void whatTheModelCannotExpressIsListed()
    {
        QTemporaryDir dir;
        DatabaseSettings settings;
        if (!database(dir, &settings))
            return;
        const bool pg = mstest::onPostgres();
        const QString made = prepare(settings, nullptr, {
            QStringLiteral("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                           "salary NUMERIC(10, 2), born %1 DEFAULT CURRENT_TIMESTAMP)").arg(pg ? QStringLiteral("TIMESTAMP") : QStringLiteral("DATETIME")),
            QStringLiteral("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT DEFAULT 'it''s', "
                           "author_id INTEGER REFERENCES people (id), editor_id INTEGER REFERENCES people (id))"),
            QStringLiteral("CREATE TABLE book_tags (book_id INTEGER REFERENCES books (id), tag TEXT, "
                           "PRIMARY KEY (book_id, tag))"),
            QStringLiteral("CREATE TABLE notes (body TEXT)"),
            QStringLiteral("CREATE TABLE grades (id INTEGER PRIMARY KEY, book_id INTEGER, tag TEXT, "
                           "FOREIGN KEY (book_id, tag) REFERENCES book_tags (book_id, tag))"),
            // its columns in another order than the key's: the model cannot say it
            QStringLiteral("CREATE TABLE marks (id INTEGER PRIMARY KEY, tag TEXT, book INTEGER, "
                           "FOREIGN KEY (tag, book) REFERENCES book_tags (tag, book_id))"),
            // a many-to-many's association table, named as Mapperscope names one,
            // and one that is not
            QStringLiteral("CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT)"),
            QStringLiteral("CREATE TABLE book_tags_links (book_id INTEGER NOT NULL REFERENCES books (id), "
                           "tag_id INTEGER NOT NULL REFERENCES tags (id), PRIMARY KEY (book_id, tag_id))"),
            QStringLiteral("CREATE TABLE loans (book INTEGER NOT NULL REFERENCES books (id), "
                           "person INTEGER NOT NULL REFERENCES people (id), PRIMARY KEY (book, person))"),
        });
        QVERIFY2(made.isEmpty(), qPrintable(made));
        auto imported = DatabaseImport::read(settings);
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().toString()));
        const QString skipped = imported->skipped.join(QLatin1Char('\n'));
        QVERIFY2(!skipped.contains(QLatin1String("book_tags:")), qPrintable(skipped));
        QVERIFY2(!skipped.contains(QLatin1String("grades")), qPrintable(skipped));
        QVERIFY2(skipped.contains(QLatin1String("marks: the foreign key of several columns to book_tags is left out, "
                                                "the columns kept: its columns do not reference the primary key of "
                                                "book_tags in the order of their columns")),
                 qPrintable(skipped));
        QVERIFY2(skipped.contains(QLatin1String("notes: left out: it has no primary key")), qPrintable(skipped));
        QVERIFY2(skipped.contains(QLatin1String("people.salary: left out: type")), qPrintable(skipped));
        QVERIFY2(skipped.contains(QLatin1String("people.born: its default")), qPrintable(skipped));
        const Schema &s = imported->project.schema;
        QCOMPARE(s.classes.size(), 6);
        // a foreign key of two columns to it: both reference the class, one many-to-one
        const ClassDef *grade = s.classDef(QStringLiteral("Grade"));
        QVERIFY(grade);
        QCOMPARE(grade->column(QStringLiteral("book_id"))->references, QStringLiteral("BookTag"));
        QCOMPARE(grade->column(QStringLiteral("tag"))->references, QStringLiteral("BookTag"));
        QCOMPARE(grade->relationships.size(), 1);
        QCOMPARE(grade->relationships[0].name, QStringLiteral("booktag"));
        QCOMPARE(grade->relationships[0].kindName, QStringLiteral("many-to-one"));
        QVERIFY(grade->relationships[0].foreignKey.isEmpty());
        QCOMPARE(grade->relationships[0].backref, QStringLiteral("grades"));
        QVERIFY(s.classDef(QStringLiteral("Mark"))->column(QStringLiteral("book"))->references.isEmpty());
        // a composite primary key: a class whose key is both columns
        const ClassDef *bookTag = s.classDef(QStringLiteral("BookTag"));
        QVERIFY(bookTag);
        QCOMPARE(bookTag->primaryKeyIndexes(), (QList<int>{0, 1}));
        QCOMPARE(bookTag->column(QStringLiteral("book_id"))->references, QStringLiteral("Book"));
        QCOMPARE(bookTag->relationships.size(), 1);
        QCOMPARE(bookTag->relationships[0].target, QStringLiteral("Book"));
        const ClassDef *book = s.classDef(QStringLiteral("Book"));
        QVERIFY(book);
        QCOMPARE(book->column(QStringLiteral("title"))->defaultValue, QJsonValue(QStringLiteral("it's")));
        QCOMPARE(book->column(QStringLiteral("author_id"))->references, QStringLiteral("People"));
        // two foreign keys to one table: each relationship names its column
        QCOMPARE(book->column(QStringLiteral("editor_id"))->references, QStringLiteral("People"));
        QCOMPARE(book->relationships.size(), 3);
        QCOMPARE(book->relationships[0].name, QStringLiteral("author"));
        QCOMPARE(book->relationships[0].foreignKey, QStringLiteral("author_id"));
        QCOMPARE(book->relationships[0].backref, QStringLiteral("author_books"));
        QCOMPARE(book->relationships[1].name, QStringLiteral("editor"));
        QCOMPARE(book->relationships[1].foreignKey, QStringLiteral("editor_id"));
        QCOMPARE(book->relationships[1].backref, QStringLiteral("editor_books"));
        QVERIFY(!skipped.contains(QLatin1String("editor_id")));
        QVERIFY2(skipped.contains(QLatin1String("loans: left out: its columns are not named book_id and people_id")),
                 qPrintable(skipped));
        QVERIFY(!skipped.contains(QLatin1String("book_tags_links")));
        // the association table: a many-to-many on the class of its first column
        QCOMPARE(s.associationTables().size(), 1);
        QCOMPARE(book->relationships[2].kindName, QStringLiteral("many-to-many"));
        QCOMPARE(book->relationships[2].name, QStringLiteral("tags"));
        QCOMPARE(book->relationships[2].target, QStringLiteral("Tag"));
        QCOMPARE(book->relationships[2].secondary, QStringLiteral("book_tags_links"));
        QCOMPARE(book->relationships[2].backref, QStringLiteral("books"));
        // its classes keep their names (the columns are named after them)
        const auto relabelled = DatabaseImport::renamed(*imported, {{QStringLiteral("tags"), QStringLiteral("Label")}});
        QVERIFY(!relabelled.ok());
        QVERIFY2(relabelled.error().message.contains(QLatin1String("book_tags_links")), qPrintable(relabelled.error().message));
        QVERIFY(DatabaseImport::renamed(*imported, {{QStringLiteral("tags"), QStringLiteral("TAG")}}).ok());
        QVERIFY2(s.validate().isEmpty(), s.validate().isEmpty() ? "" : qPrintable(s.validate().first().message));
        // renamed before it is applied: references follow
        auto renamed = DatabaseImport::renamed(*imported, {{QStringLiteral("people"), QStringLiteral("Author")}});
        QVERIFY(renamed.ok());
        QCOMPARE(renamed->schema.classDef(QStringLiteral("Book"))->column(QStringLiteral("author_id"))->references,
                 QStringLiteral("Author"));
        QCOMPARE(renamed->schema.classDef(QStringLiteral("Book"))->relationships.first().target, QStringLiteral("Author"));
        QVERIFY(renamed->schema.validate().isEmpty());
        QVERIFY(!DatabaseImport::renamed(*imported, {{QStringLiteral("people"), QStringLiteral("Book")}}).ok());
        QVERIFY(!DatabaseImport::renamed(*imported, {{QStringLiteral("people"), QStringLiteral("  ")}}).ok());
    }

    void unreadableDatabases()
    {
        if (mstest::onPostgres())
            QSKIP("files: SQLite only");
        QTemporaryDir dir;
        DatabaseSettings missing;
        missing.name = dir.filePath(QStringLiteral("no such.sqlite"));
        auto none = DatabaseImport::read(missing);
        QVERIFY(!none.ok());
        QVERIFY2(none.error().message.contains(QLatin1String("cannot open the database")), qPrintable(none.error().message));
        QVERIFY(!QFile::exists(missing.name)); // not made by looking
        QFile text(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("this is not a database, but it is long enough to look like one to a reader\n");
        text.close();
        DatabaseSettings notDb;
        notDb.name = text.fileName();
        auto bad = DatabaseImport::read(notDb);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(QLatin1String("cannot")), qPrintable(bad.error().message));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
