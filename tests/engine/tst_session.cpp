// The session's operations: object states, the identity map, backrefs, what a
// flush writes, bulk statements, statement sources, hostile names.
#include "sessionfixture.h"

#include <QSqlDriver>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;
using namespace mstest::session;

class TestSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (mstest::onPostgres() && qEnvironmentVariableIsEmpty("MS_TEST_PGURL"))
            QSKIP(mstest::kNoServer);
    }

    void statesThroughALifecycle()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QCOMPARE(a->state(), ObjectState::Transient);
        QVERIFY(f.s->add(a).ok());
        QCOMPARE(a->state(), ObjectState::Pending);
        QVERIFY(f.s->flush().ok());
        QCOMPARE(a->state(), ObjectState::Persistent);
        QCOMPARE(a->identity()->toLongLong(), 1);
        QVERIFY(f.s->remove(a).ok());
        QVERIFY(a->isMarkedDeleted());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(a->state(), ObjectState::Deleted);
        QVERIFY(f.s->commit().ok());
        QCOMPARE(a->state(), ObjectState::Detached);
    }

    // Text goes to the database and comes back as it went (on SQLite
    // through the engine's own statements, read as UTF-8): empty, accents,
    // Cyrillic, a character outside the BMP, quotes, an embedded NUL (SQLite); an
    // empty string is not NULL, and a fresh session loads the same values.
    void textComesBackAsItWent()
    {
        Fixture f;
        QStringList names {QString(QLatin1String("")), QStringLiteral("naïve Ünïcødé"),
                           QStringLiteral("значение"), QStringLiteral("emoji \U0001F600"),
                           QStringLiteral("it's \"quoted\"; --")};
        if (!mstest::onPostgres()) // PostgreSQL's text cannot hold a NUL
            names << QString(QStringLiteral("a")) + QChar(0) + QStringLiteral("b");
        QList<Instance *> authors;
        for (int i = 0; i < names.size(); ++i) {
            auto made = f.s->newObject(QStringLiteral("Author"), QStringLiteral("a%1").arg(i),
                                       {{QStringLiteral("name"), names[i]}});
            QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().toString()));
            authors << *made;
            QVERIFY(f.s->add(authors.last()).ok());
        }
        auto committed = f.s->commit(); // expired: each read below loads its row
        QVERIFY2(committed.ok(), committed.ok() ? "" : qPrintable(committed.error().toString()));
        for (int i = 0; i < names.size(); ++i) {
            auto v = f.s->read(authors[i], QStringLiteral("name"));
            QVERIFY2(v.ok(), v.ok() ? "" : qPrintable(v.error().toString()));
            QVERIFY(!v->isNull());
            QCOMPARE(v->toString(), names[i]);
        }
        QVERIFY(f.s->close().ok());
        auto rows = f.s->query(QStringLiteral("Author"), {}, QStringLiteral("id"));
        QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().toString()));
        QCOMPARE(rows->size(), names.size());
        for (int i = 0; i < names.size(); ++i) {
            auto v = f.s->read(rows->at(i), QStringLiteral("name"));
            QVERIFY2(v.ok(), v.ok() ? "" : qPrintable(v.error().toString()));
            QCOMPARE(v->toString(), names[i]);
        }
    }

    void loadedObjectsAreFoundByClassAndKey()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->expunge(a).ok());
        // a new object named like the row that is then loaded: the label
        // names the object that was given it last
        Instance *early = f.author(QStringLiteral("Author#1"), QStringLiteral("Early"));
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Author#1")), early);
        auto rows = f.s->query(QStringLiteral("Author"), {}, QStringLiteral("id"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        Instance *loaded = rows->first();
        QVERIFY(loaded != a);
        QCOMPARE(loaded->label(), QStringLiteral("Author#1"));
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Author#1")), loaded);
        QCOMPARE(f.play.log.objectLabel(loaded->id()), QStringLiteral("Author#1"));
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Author#2")), nullptr);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Nobody#1")), nullptr);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("#1")), nullptr);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("a")), a);
        // deleted and committed: out of the identity map, still found
        QVERIFY(f.s->remove(loaded).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(loaded->state(), ObjectState::Detached);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Author#1")), loaded);
    }

    void labelsAskedLateNameWhatWasGivenLast()
    {
        // The label map is brought up to date only when a label is asked
        // for: changes made in between apply in the order they were made.
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->expunge(a).ok());
        Instance *first = f.author(QStringLiteral("twice"), QStringLiteral("First"));
        Instance *second = f.author(QStringLiteral("twice"), QStringLiteral("Second"));
        QVERIFY(first != second);
        Instance *early = f.author(QStringLiteral("Author#1"), QStringLiteral("Early"));
        auto rows = f.s->query(QStringLiteral("Author"), {}, QStringLiteral("id"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        Instance *loaded = rows->first();
        QVERIFY(loaded != early);
        // nothing was asked until now
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Author#1")), loaded);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("twice")), second);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("a")), a);
        // given again after it was asked for: the new one
        Instance *third = f.author(QStringLiteral("twice"), QStringLiteral("Third"));
        QCOMPARE(f.s->objectByLabel(QStringLiteral("twice")), third);
    }

    void identityMapAnswersGetWithoutSql()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->flush().ok());
        const qint64 before = f.s->connection().statementCount();
        auto got = f.s->get(QStringLiteral("Author"), 1);
        QVERIFY(got.ok());
        QCOMPARE(*got, a);
        QCOMPARE(f.s->connection().statementCount(), before);
        auto missing = f.s->get(QStringLiteral("Author"), 99);
        QVERIFY(missing.ok());
        QCOMPARE(*missing, nullptr);
        QCOMPARE(f.s->connection().statementCount(), before + 1);
    }

    void backrefKeepsBothSidesInSync()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        Instance *b = f.book(QStringLiteral("b"), QStringLiteral("Dune"));
        QVERIFY(f.s->set(b, QStringLiteral("author"), QVariant::fromValue(ObjectRef{a->id()})).ok());
        QCOMPARE(a->collection(0), QList<Instance *>{b});
        QVERIFY(f.s->remove(a, QStringLiteral("books"), b).ok());
        QCOMPARE(b->reference(0), nullptr);
        // and the events on both sides: the backref's first
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->append(a, QStringLiteral("books"), b).ok());
        QCOMPARE(f.hooks(from), (QStringList{"set", "append"}));
    }

    void oneToOneTakesAnObjectNotAList()
    {
        Fixture f(R"({
          "format": "mapperscope-project", "version": 3, "name": "o2o",
          "classes": [
            {"name": "User", "table": "users", "columns": [{"name": "id", "type": "integer", "primaryKey": true}],
             "relationships": [{"name": "profile", "kind": "one-to-one", "target": "Profile", "backref": "user"}]},
            {"name": "Profile", "table": "profiles", "columns": [
                {"name": "id", "type": "integer", "primaryKey": true},
                {"name": "user_id", "type": "integer", "references": "User"}]}]})");
        Instance *u = *f.s->newObject(QStringLiteral("User"), QStringLiteral("u"), {});
        Instance *p1 = *f.s->newObject(QStringLiteral("Profile"), QStringLiteral("p1"), {});
        Instance *p2 = *f.s->newObject(QStringLiteral("Profile"), QStringLiteral("p2"), {});
        const auto ref = [](Instance *o) { return QVariant::fromValue(ObjectRef{o->id()}); };
        QVERIFY(f.s->set(u, QStringLiteral("profile"), ref(p1)).ok());
        QCOMPARE(p1->reference(0), u);
        // a replace: one set with the old value, the old child's many-to-one cleared
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->set(u, QStringLiteral("profile"), ref(p2)).ok());
        QCOMPARE(f.hooks(from), (QStringList {"set", "set", "set"}));
        QCOMPARE(p1->reference(0), nullptr);
        QCOMPARE(p2->reference(0), u);
        QCOMPARE(f.s->read(u, QStringLiteral("profile"))->value<ObjectRef>().id, p2->id());
        // not a collection: append fails as getattr(u, 'profile').append() does
        const auto appended = f.s->append(u, QStringLiteral("profile"), p1);
        QVERIFY(!appended.ok());
        QCOMPARE(appended.error().kind, QStringLiteral("AttributeError"));
        const auto listed = f.s->set(u, QStringLiteral("profile"), QVariantList {ref(p1)});
        QVERIFY(!listed.ok());
        QVERIFY(listed.error().message.contains(QStringLiteral("takes an object")));
        QCOMPARE(p2->reference(0), u); // nothing changed
    }

    void manyToManyWritesTheAssociationRows()
    {
        // the association table's name has quotes in it: quoted by the driver
        Fixture f(R"({
          "format": "mapperscope-project", "version": 3, "name": "m2m",
          "classes": [
            {"name": "Post", "table": "posts", "columns": [{"name": "id", "type": "integer", "primaryKey": true}],
             "relationships": [{"name": "tags", "kind": "many-to-many", "target": "Tag",
                                "secondary": "post \u0022tags\u0022 link", "backref": "posts"}]},
            {"name": "Tag", "table": "tags", "columns": [{"name": "id", "type": "integer", "primaryKey": true}]}]})");
        Instance *p = *f.s->newObject(QStringLiteral("Post"), QStringLiteral("p"), {});
        Instance *t1 = *f.s->newObject(QStringLiteral("Tag"), QStringLiteral("t1"), {});
        Instance *t2 = *f.s->newObject(QStringLiteral("Tag"), QStringLiteral("t2"), {});
        const auto links = [&] {
            QSqlQuery q(f.s->connection().database());
            const QString table = f.s->connection().driver()->escapeIdentifier(QStringLiteral("post \"tags\" link"),
                                                                              QSqlDriver::TableName);
            if (!q.exec(QStringLiteral("SELECT post_id, tag_id FROM %1 ORDER BY post_id, tag_id").arg(table)))
                return QStringList {q.lastError().text()};
            QStringList rows;
            while (q.next())
                rows << QStringLiteral("%1-%2").arg(q.value(0).toInt()).arg(q.value(1).toInt());
            return rows;
        };
        // the backref appends on the other side: both collections hold it
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->append(p, QStringLiteral("tags"), t1).ok());
        QVERIFY(f.hooks(from).count(QStringLiteral("append")) == 2);
        QCOMPARE(t1->collection(0), QList<Instance *> {p});
        QVERIFY(f.s->append(t2, QStringLiteral("posts"), p).ok());
        QCOMPARE(p->collection(0), (QList<Instance *> {t1, t2}));
        QVERIFY(f.s->add(p).ok()); // the tags cascade along save-update
        const qsizetype flushFrom = f.play.log.size();
        QVERIFY(f.s->flush().ok());
        QCOMPARE(links(), (QStringList {"1-1", "1-2"}));
        // one statement for both rows (executemany), and no mapper hook for them
        QStringList statements;
        for (qsizetype i = flushFrom; i < f.play.log.size(); ++i)
            if (f.play.log.at(i).type == EventType::Statement)
                statements << f.play.log.value(f.play.log.at(i).value).toMap().value(QStringLiteral("sql")).toString();
        QCOMPARE(statements.size(), 4); // the post, the two tags, the links
        QVERIFY2(statements.last().startsWith(QLatin1String("INSERT INTO")) && statements.last().contains(QLatin1String("tags")),
                 qPrintable(statements.last()));
        QCOMPARE(f.hooks(flushFrom).count(QStringLiteral("before_insert")), 3);
        QVERIFY(f.s->commit().ok());
        // a remove from either side deletes its row
        QVERIFY(f.s->remove(t1, QStringLiteral("posts"), p).ok());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(links(), QStringList {"1-2"});
        // a row gone behind the session's back: StaleDataError, and the session rolls back
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->remove(p, QStringLiteral("tags"), t2).ok());
        {
            QSqlQuery q(f.s->connection().database());
            QVERIFY(q.exec(QStringLiteral("DELETE FROM %1").arg(f.s->connection().driver()->escapeIdentifier(
                QStringLiteral("post \"tags\" link"), QSqlDriver::TableName))));
        }
        const auto stale = f.s->flush();
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().kind, QStringLiteral("StaleDataError"));
        QVERIFY2(stale.error().message.contains(QLatin1String("expected to delete 1 row(s); Only 0 were matched")),
                 qPrintable(stale.error().message));
        QVERIFY(f.s->rollback().ok()); // (the DELETE behind its back too)
        // deleting a parent deletes its rows first
        QVERIFY(f.s->append(p, QStringLiteral("tags"), t1).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(links(), (QStringList {"1-1", "1-2"}));
        QVERIFY(f.s->remove(p).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(links(), QStringList {});
    }

    void compositeKeysIdentifyByEveryColumn()
    {
        // a key of two text columns: values with a comma, a backslash and a
        // quote in them are two keys, told apart in labels and in the map
        Fixture f(R"({
          "format": "mapperscope-project", "version": 3, "name": "composite",
          "classes": [
            {"name": "Phrase", "table": "phrases", "columns": [
              {"name": "lang", "type": "text", "primaryKey": true},
              {"name": "key", "type": "text", "primaryKey": true},
              {"name": "text", "type": "text"}]}]})");
        const auto phrase = [&](const QString &label, const QString &lang, const QString &key) {
            return *f.s->newObject(QStringLiteral("Phrase"), label,
                                   {{QStringLiteral("lang"), lang}, {QStringLiteral("key"), key},
                                    {QStringLiteral("text"), label}});
        };
        Instance *a = phrase(QStringLiteral("a"), QStringLiteral("en,gb"), QStringLiteral("hi"));
        Instance *b = phrase(QStringLiteral("b"), QStringLiteral("en"), QStringLiteral("gb,hi"));
        Instance *c = phrase(QStringLiteral("c"), QStringLiteral("it's"), QStringLiteral("a\\b"));
        for (Instance *o : {a, b, c})
            QVERIFY(f.s->add(o).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->close().ok());
        auto rows = f.s->query(QStringLiteral("Phrase"), {});
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 3);
        QStringList labels;
        for (Instance *o : *rows)
            labels << o->label();
        // in key order: lang, then key
        QCOMPARE(labels, (QStringList {QStringLiteral("Phrase#en,gb\\,hi"), QStringLiteral("Phrase#en\\,gb,hi"),
                                       QStringLiteral("Phrase#it's,a\\\\b")}));
        for (const QString &label : std::as_const(labels))
            QVERIFY2(f.s->objectByLabel(label), qPrintable(label));
        QCOMPARE(f.s->objectByLabel(labels[1])->value(2).toString(), QStringLiteral("a"));
        // get: a list in key column order, or a map by name; the identity map answers
        const qsizetype from = f.play.log.size();
        auto got = f.s->get(QStringLiteral("Phrase"), QVariantList {QStringLiteral("en"), QStringLiteral("gb,hi")});
        QVERIFY(got.ok());
        QCOMPARE(*got, rows->at(0));
        got = f.s->get(QStringLiteral("Phrase"),
                       QVariantMap {{QStringLiteral("key"), QStringLiteral("hi")}, {QStringLiteral("lang"), QStringLiteral("en,gb")}});
        QVERIFY(got.ok());
        QCOMPARE(*got, rows->at(1));
        QCOMPARE(f.hooks(from, true).count(QStringLiteral("statement")), 0);
        // the wrong number of values, or names: SQLAlchemy's messages
        got = f.s->get(QStringLiteral("Phrase"), QStringLiteral("en"));
        QVERIFY(!got.ok());
        QCOMPARE(got.error().message, QStringLiteral("Incorrect number of values in identifier to formulate primary key "
                                                     "for session.get(); primary key columns are "
                                                     "'phrases.lang','phrases.key'"));
        got = f.s->get(QStringLiteral("Phrase"), QVariantMap {{QStringLiteral("lang"), QStringLiteral("en")},
                                                              {QStringLiteral("text"), QStringLiteral("hi")}});
        QVERIFY(!got.ok());
        QVERIFY2(got.error().message.contains(QLatin1String("primary key attribute names are 'lang','key'")),
                 qPrintable(got.error().message));
        // (a map's entries are counted first, as SQLAlchemy counts a dict's)
        got = f.s->get(QStringLiteral("Phrase"), QVariantMap {{QStringLiteral("lang"), QStringLiteral("en")},
                                                              {QStringLiteral("key"), QStringLiteral("hi")},
                                                              {QStringLiteral("text"), QStringLiteral("hi")}});
        QVERIFY(!got.ok());
        QVERIFY2(got.error().message.startsWith(QLatin1String("Incorrect number of values")),
                 qPrintable(got.error().message));
        // a changed key column: the UPDATE finds the row by the old key, and
        // the identity map holds it under the new one
        Instance *moved = rows->at(2);
        QVERIFY(f.s->set(moved, QStringLiteral("lang"), QStringLiteral("fr")).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(moved->label(), QStringLiteral("Phrase#fr,a\\\\b"));
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Phrase#fr,a\\\\b")), moved);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Phrase#it's,a\\\\b")), nullptr);
        QVERIFY(f.s->remove(moved).ok());
        QVERIFY(f.s->commit().ok());
        rows = f.s->query(QStringLiteral("Phrase"), {});
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
        // a key column with no value: left out of the INSERT, with
        // SQLAlchemy's warning, and the database refuses the row
        Instance *half = *f.s->newObject(QStringLiteral("Phrase"), QStringLiteral("half"),
                                         {{QStringLiteral("lang"), QStringLiteral("de")}});
        QVERIFY(f.s->add(half).ok());
        const qsizetype flushFrom = f.play.log.size();
        const auto failed = f.s->flush();
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind, QStringLiteral("IntegrityError"));
        // the database's words, not the driver's ("Unable to fetch row")
        QVERIFY2(!failed.error().message.contains(QLatin1String("Unable to")), qPrintable(failed.error().message));
        QVERIFY2(failed.error().message.contains(QLatin1String("NOT NULL"))
                     || failed.error().message.contains(QLatin1String("null value")),
                 qPrintable(failed.error().message));
        QCOMPARE(f.hooks(flushFrom).count(QStringLiteral("warning")), 1);
        QStringList sent;
        for (qsizetype i = flushFrom; i < f.play.log.size(); ++i)
            if (f.play.log.at(i).type == EventType::Statement)
                sent << f.play.log.value(f.play.log.at(i).value).toMap().value(QStringLiteral("sql")).toString();
        QCOMPARE(sent.size(), 1);
        QVERIFY2(sent.first().contains(QLatin1String("(\"lang\", \"text\")")), qPrintable(sent.first()));
        QVERIFY(f.s->rollback().ok());
    }

    void compositeForeignKeysCarryEveryColumn()
    {
        // Translation.phrase: a foreign key of two text columns to Phrase's
        // composite key, written, filtered on and loaded by both
        Fixture f(R"({
          "format": "mapperscope-project", "version": 3, "name": "composite fk",
          "classes": [
            {"name": "Phrase", "table": "phrases", "columns": [
              {"name": "lang", "type": "text", "primaryKey": true},
              {"name": "key", "type": "text", "primaryKey": true}]},
            {"name": "Translation", "table": "translations", "columns": [
              {"name": "id", "type": "integer", "primaryKey": true},
              {"name": "p_lang", "type": "text", "references": "Phrase"},
              {"name": "p_key", "type": "text", "references": "Phrase"},
              {"name": "text", "type": "text"}],
             "relationships": [{"name": "phrase", "kind": "many-to-one", "target": "Phrase",
                                "backref": "translations"}]}]})");
        const auto ref = [](Instance *o) { return QVariant::fromValue(ObjectRef{o->id()}); };
        Instance *p = *f.s->newObject(QStringLiteral("Phrase"), QStringLiteral("p"),
                                      {{QStringLiteral("lang"), QStringLiteral("en,gb")},
                                       {QStringLiteral("key"), QStringLiteral("hi")}});
        Instance *q = *f.s->newObject(QStringLiteral("Phrase"), QStringLiteral("q"),
                                      {{QStringLiteral("lang"), QStringLiteral("en")},
                                       {QStringLiteral("key"), QStringLiteral("gb,hi")}});
        Instance *t = *f.s->newObject(QStringLiteral("Translation"), QStringLiteral("t"),
                                      {{QStringLiteral("text"), QStringLiteral("hello")}});
        QVERIFY(f.s->set(t, QStringLiteral("phrase"), ref(p)).ok());
        QVERIFY(f.s->add(t).ok());
        QVERIFY(f.s->add(q).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(*f.s->read(t, QStringLiteral("p_lang")), QVariant(QStringLiteral("en,gb")));
        QCOMPARE(*f.s->read(t, QStringLiteral("p_key")), QVariant(QStringLiteral("hi")));
        // a filter on the relationship compares both columns
        auto rows = f.s->query(QStringLiteral("Translation"), {{QStringLiteral("phrase"), ref(p)}});
        QVERIFY(rows.ok());
        QCOMPARE(*rows, QList<Instance *> {t});
        rows = f.s->query(QStringLiteral("Translation"), {{QStringLiteral("phrase"), ref(q)}});
        QVERIFY(rows.ok());
        QVERIFY(rows->isEmpty());
        // moved: both columns change; the lazy load finds the new one by both
        QVERIFY(f.s->set(t, QStringLiteral("phrase"), ref(q)).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(*f.s->read(t, QStringLiteral("p_lang")), QVariant(QStringLiteral("en")));
        QVERIFY(f.s->close().ok());
        auto got = f.s->get(QStringLiteral("Translation"), 1);
        QVERIFY(got.ok());
        auto phrase = f.s->read(*got, QStringLiteral("phrase"));
        QVERIFY(phrase.ok());
        QCOMPARE(f.s->object(phrase->value<ObjectRef>().id)->label(), QStringLiteral("Phrase#en,gb\\,hi"));
        // one column NULL: no row has that key (the lazy load compares it
        // IS NULL, as SQLAlchemy's adapt_criterion_to_null() does)
        QVERIFY(f.s->set(*got, QStringLiteral("p_key"), QVariant()).ok());
        QVERIFY(f.s->commit().ok());
        const qsizetype from = f.play.log.size();
        phrase = f.s->read(*got, QStringLiteral("phrase"));
        QVERIFY(phrase.ok());
        QVERIFY(phrase->isNull());
        QStringList sent;
        for (qsizetype i = from; i < f.play.log.size(); ++i)
            if (f.play.log.at(i).type == EventType::Statement)
                sent << f.play.log.value(f.play.log.at(i).value).toMap().value(QStringLiteral("sql")).toString();
        QVERIFY2(sent.last().contains(QLatin1String("\"key\" IS NULL")), qPrintable(sent.join(QLatin1Char('\n'))));
    }

    void foreignKeysAndDefaultsAreWrittenByTheFlush()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        Instance *b = f.book(QStringLiteral("b"), QStringLiteral("Dune"));
        QVERIFY(f.s->append(a, QStringLiteral("books"), b).ok());
        QVERIFY(f.s->add(a).ok());
        QCOMPARE(b->state(), ObjectState::Pending); // cascaded along save-update
        QVERIFY(f.s->commit().ok());
        auto rows = f.s->query(QStringLiteral("Book"), {{QStringLiteral("author_id"), 1}});
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        QCOMPARE(*f.s->read(b, QStringLiteral("pages")), QVariant(qlonglong(100)));
        QCOMPARE(*f.s->read(b, QStringLiteral("author_id")), QVariant(qlonglong(1)));
    }

    void aVersionCounterChecksTheRowItRead()
    {
        Fixture f(R"({
          "format": "mapperscope-project", "version": 5, "name": "versions",
          "classes": [
            {"name": "Page", "table": "pages", "columns": [{"name": "id", "type": "integer", "primaryKey": true},
                                                           {"name": "title", "type": "text"},
                                                           {"name": "rev", "type": "integer", "versionCounter": true}]}]})");
        const auto statements = [&](qsizetype from) {
            QStringList out;
            for (qsizetype i = from; i < f.play.log.size(); ++i)
                if (f.play.log.at(i).type == EventType::Statement) {
                    const QVariantMap m = f.play.log.value(f.play.log.at(i).value).toMap();
                    QStringList params;
                    for (const QVariant &v : m.value(QStringLiteral("params")).toList())
                        params << v.toString();
                    out << m.value(QStringLiteral("sql")).toString() + QStringLiteral(" [") + params.join(QLatin1Char(','))
                            + QLatin1Char(']');
                }
            return out;
        };
        // the INSERT writes 1 whatever the object holds
        Instance *a = *f.s->newObject(QStringLiteral("Page"), QStringLiteral("a"),
                                      {{QStringLiteral("title"), QStringLiteral("home")}, {QStringLiteral("rev"), 7}});
        Instance *b = *f.s->newObject(QStringLiteral("Page"), QStringLiteral("b"),
                                      {{QStringLiteral("title"), QStringLiteral("about")}});
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->add(b).ok());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(*f.s->read(a, QStringLiteral("rev")), QVariant(qint64(1)));
        // each UPDATE adds one and checks the old value
        QVERIFY(f.s->set(a, QStringLiteral("title"), QStringLiteral("start")).ok());
        qsizetype from = f.play.log.size();
        QVERIFY(f.s->flush().ok());
        QCOMPARE(statements(from), QStringList {R"(UPDATE "pages" SET "title" = ?, "rev" = ? WHERE "id" = ? AND "rev" = ? [start,2,1,1])"});
        QCOMPARE(*f.s->read(a, QStringLiteral("rev")), QVariant(qint64(2)));
        QVERIFY(f.s->commit().ok());
        // another writer moves both rows on after the session read them:
        // both UPDATEs run, then the group's count fails
        QCOMPARE(*f.s->read(a, QStringLiteral("rev")), QVariant(qint64(2)));
        QCOMPARE(*f.s->read(b, QStringLiteral("rev")), QVariant(qint64(1)));
        {
            QSqlQuery q(f.s->connection().database());
            QVERIFY(q.exec(QStringLiteral("UPDATE pages SET rev = 9")));
        }
        QVERIFY(f.s->set(a, QStringLiteral("title"), QStringLiteral("x")).ok());
        QVERIFY(f.s->set(b, QStringLiteral("title"), QStringLiteral("y")).ok());
        from = f.play.log.size();
        const auto stale = f.s->flush();
        QVERIFY(!stale.ok());
        QCOMPARE(stale.error().kind, QStringLiteral("StaleDataError"));
        QCOMPARE(stale.error().message,
                 QStringLiteral("UPDATE statement on table 'pages' expected to update 2 row(s); 0 were matched."));
        QCOMPARE(statements(from).filter(QStringLiteral("UPDATE")).size(), 2);
        QVERIFY(f.s->rollback().ok());
        // a DELETE checks the version too
        QVERIFY(f.s->remove(b).ok());
        // (the other writer's UPDATE ran in the session's transaction, and
        // the rollback undid it too: b's expired version loads as 1 again)
        QVERIFY(f.s->flush().ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(*f.s->read(a, QStringLiteral("rev")), QVariant(qint64(2)));
        {
            QSqlQuery q(f.s->connection().database());
            QVERIFY(q.exec(QStringLiteral("UPDATE pages SET rev = 10")));
        }
        QVERIFY(f.s->remove(a).ok());
        from = f.play.log.size();
        const auto gone = f.s->flush();
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().kind, QStringLiteral("StaleDataError"));
        QVERIFY2(gone.error().message.startsWith(
                     QLatin1String("DELETE statement on table 'pages' expected to delete 1 row(s); 0 were matched.")),
                 qPrintable(gone.error().message));
        QCOMPARE(statements(from), QStringList {R"(DELETE FROM "pages" WHERE "id" = ? AND "rev" = ? [1,2])"});
        QVERIFY(f.s->rollback().ok());
        // a row whose version is NULL cannot be written through the ORM
        {
            QSqlQuery q(f.s->connection().database());
            QVERIFY(q.exec(QStringLiteral("UPDATE pages SET rev = NULL")));
        }
        QVERIFY(f.s->set(a, QStringLiteral("title"), QStringLiteral("z")).ok());
        const auto null = f.s->flush();
        QVERIFY(!null.ok());
        QCOMPARE(null.error().kind, QStringLiteral("StatementError"));
        QVERIFY2(null.error().message.contains(QLatin1String("A value is required for bind parameter 'pages_rev'")),
                 qPrintable(null.error().message));
        QVERIFY(f.s->rollback().ok());
    }

    // begin_nested(): the SAVEPOINT goes out with the savepoint's first
    // statement; rolling back to it gives back only what it did, also after
    // a flush failed inside it (on PostgreSQL too, whose failed statement
    // aborts the transaction until the ROLLBACK TO), and the outer
    // transaction goes on
    void savepointsRollBackOnlyTheirOwnWork()
    {
        Fixture f;
        const auto statements = [&](qsizetype from) {
            QStringList out;
            for (qsizetype i = from; i < f.play.log.size(); ++i)
                if (f.play.log.at(i).type == EventType::Statement) {
                    const QVariantMap m = f.play.log.value(f.play.log.at(i).value).toMap();
                    out << m.value(QStringLiteral("source")).toString() + QLatin1Char(' ')
                            + m.value(QStringLiteral("sql")).toString().section(QLatin1Char(' '), 0, 2);
                }
            return out;
        };
        const auto nestedFlags = [&](qsizetype from, EventType type) {
            QList<bool> out;
            for (qsizetype i = from; i < f.play.log.size(); ++i)
                if (f.play.log.at(i).type == type)
                    out << f.play.log.value(f.play.log.at(i).value).toMap().value(QStringLiteral("nested")).toBool();
            return out;
        };
        Instance *ann = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(ann).ok());
        QVERIFY(f.s->flush().ok());
        qsizetype from = f.play.log.size();
        QVERIFY(f.s->beginNested().ok());
        QCOMPARE(f.s->savepointDepth(), 1);
        QCOMPARE(nestedFlags(from, EventType::AfterTransactionCreate), QList<bool> {true});
        QVERIFY(statements(from).isEmpty()); // nothing sent yet
        QVERIFY(f.s->set(ann, QStringLiteral("name"), QStringLiteral("Bea")).ok());
        Instance *cat = f.author(QStringLiteral("c"), QStringLiteral("Cat"));
        QVERIFY(f.s->add(cat).ok());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(statements(from), (QStringList {QStringLiteral("transaction SAVEPOINT sa_savepoint_1"),
                                                 QStringLiteral("flush UPDATE \"authors\" SET"),
                                                 QStringLiteral("flush INSERT INTO \"authors\"")}));
        from = f.play.log.size();
        QVERIFY(f.s->rollbackNested().ok());
        QCOMPARE(statements(from), QStringList {QStringLiteral("transaction ROLLBACK TO SAVEPOINT")});
        QCOMPARE(nestedFlags(from, EventType::AfterTransactionEnd), QList<bool> {true});
        QCOMPARE(f.s->savepointDepth(), 0);
        QVERIFY(f.s->inTransaction());
        QCOMPARE(cat->state(), ObjectState::Transient);
        QCOMPARE(ann->state(), ObjectState::Persistent);
        QCOMPARE(f.s->read(ann, QStringLiteral("name"))->toString(), QStringLiteral("Ann"));

        // a failed flush inside a savepoint: the savepoint waits for its rollback
        QVERIFY(f.s->beginNested().ok());
        Instance *twin = f.author(QStringLiteral("t"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(twin).ok());
        const auto failed = f.s->flush();
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind, QStringLiteral("IntegrityError"));
        QVERIFY(f.s->needsRollback());
        QCOMPARE(f.s->savepointDepth(), 1);
        QCOMPARE(f.s->commitNested().error().kind, QStringLiteral("PendingRollbackError"));
        QVERIFY(f.s->rollbackNested().ok());
        QVERIFY(!f.s->needsRollback());
        QCOMPARE(twin->state(), ObjectState::Transient);
        QVERIFY(f.s->set(twin, QStringLiteral("name"), QStringLiteral("Dan")).ok());
        // released savepoints become the outer transaction's work
        QVERIFY(f.s->beginNested().ok());
        QVERIFY(f.s->beginNested().ok());
        QCOMPARE(f.s->savepointDepth(), 2);
        QVERIFY(f.s->add(twin).ok());
        from = f.play.log.size();
        QVERIFY(f.s->commit().ok());
        // (numbered on in the same database transaction, as SQLAlchemy's connection does)
        QCOMPARE(statements(from), (QStringList {QStringLiteral("transaction SAVEPOINT sa_savepoint_3"),
                                                 QStringLiteral("transaction SAVEPOINT sa_savepoint_4"),
                                                 QStringLiteral("flush INSERT INTO \"authors\""),
                                                 QStringLiteral("transaction RELEASE SAVEPOINT sa_savepoint_4"),
                                                 QStringLiteral("transaction RELEASE SAVEPOINT sa_savepoint_3")}));
        // the flush's subtransaction, the two savepoints, the root
        QCOMPARE(nestedFlags(from, EventType::AfterTransactionEnd), (QList<bool> {false, true, true, false}));
        QVERIFY(!f.s->inTransaction());
        auto rows = f.s->query(QStringLiteral("Author"), {}, QStringLiteral("id"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
        QCOMPARE(f.s->read(rows->at(1), QStringLiteral("name"))->toString(), QStringLiteral("Dan"));

        // without a savepoint
        const auto none = f.s->commitNested();
        QCOMPARE(none.error().kind, QStringLiteral("InvalidRequestError"));
        QCOMPARE(none.error().message,
                 QStringLiteral("commit_nested: no savepoint is open (begin_nested() opens one)"));
        QCOMPARE(f.s->rollbackNested().error().kind, QStringLiteral("InvalidRequestError"));
    }

    // synchronize_session=False: the UPDATE and DELETE leave the objects in
    // the session as they are (a stale read until expire or refresh)
    void bulkStatementsWithoutSynchronizeLeaveTheSessionStale()
    {
        Fixture f;
        Instance *ann = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(ann).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(f.s->read(ann, QStringLiteral("name"))->toString(), QStringLiteral("Ann"));
        auto updated = f.s->bulkUpdate(QStringLiteral("Author"), {}, {{QStringLiteral("name"), QStringLiteral("Bea")}},
                                       false);
        QVERIFY(updated.ok());
        QCOMPARE(*updated, qint64(1));
        const qsizetype from = f.play.log.size();
        QCOMPARE(f.s->read(ann, QStringLiteral("name"))->toString(), QStringLiteral("Ann")); // stale
        for (qsizetype i = from; i < f.play.log.size(); ++i)
            QVERIFY(f.play.log.at(i).type != EventType::Statement);
        QVERIFY(f.s->refresh(ann).ok());
        QCOMPARE(f.s->read(ann, QStringLiteral("name"))->toString(), QStringLiteral("Bea"));
        // the row deleted: the object stays in the session, persistent
        QCOMPARE(*f.s->bulkDelete(QStringLiteral("Author"), {}, false), qint64(1));
        QCOMPARE(ann->state(), ObjectState::Persistent);
        QCOMPARE(f.s->identityCount(), qsizetype(1));
        QVERIFY(!f.s->refresh(ann).ok());
    }

    void noNetChangeStillFiresUpdateHooksButSendsNoUpdate()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->flush().ok());
        QVERIFY(f.s->set(a, QStringLiteral("name"), QStringLiteral("Ann")).ok());
        const qint64 before = f.s->connection().statementCount();
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->flush().ok());
        QVERIFY(f.hooks(from).contains(QStringLiteral("before_update")));
        QVERIFY(f.hooks(from).contains(QStringLiteral("after_update")));
        QCOMPARE(f.s->connection().statementCount(), before);
    }

    void bulkStatementsSynchroniseTheSession()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        Instance *b = f.author(QStringLiteral("b"), QStringLiteral("Bob"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->add(b).ok());
        QVERIFY(f.s->flush().ok());
        auto n = f.s->bulkUpdate(QStringLiteral("Author"), {{QStringLiteral("name"), QStringLiteral("Ann")}},
                                 {{QStringLiteral("name"), QStringLiteral("Anna")}});
        QVERIFY(n.ok());
        QCOMPARE(*n, 1);
        QCOMPARE(a->value(1).toString(), QStringLiteral("Anna"));
        QCOMPARE(f.count(EventType::BeforeUpdate), 0); // no mapper hooks for bulk statements
        auto d = f.s->bulkDelete(QStringLiteral("Author"), {{QStringLiteral("name"), QStringLiteral("Bob")}});
        QVERIFY(d.ok());
        QCOMPARE(*d, 1);
        QCOMPARE(b->state(), ObjectState::Deleted);
        QCOMPARE(f.count(EventType::AfterBulkDelete), 1);
        // the hooks a flush would have fired, marked "not fired" on each
        // object the statements changed, and nowhere else
        QStringList notFired;
        for (qsizetype i = 0; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.type == EventType::NotFired)
                notFired << f.play.log.objectLabel(e.objectId) + QLatin1Char(':') + f.play.log.value(e.value).toString();
        }
        QCOMPARE(notFired, (QStringList {QStringLiteral("a:before_update, after_update"),
                                         QStringLiteral("b:before_delete, after_delete")}));
    }

    void statementEventsSayWhatSentThem()
    {
        Fixture f;
        QVERIFY(f.s->add(f.author(QStringLiteral("a"), QStringLiteral("Ann"))).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->query(QStringLiteral("Author")).ok());
        QStringList sources;
        for (qsizetype i = 0; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.type == EventType::Statement)
                sources << f.play.log.value(e.value).toMap().value(QStringLiteral("source")).toString();
        }
        QCOMPARE(sources, (QStringList{"flush", "query"}));
    }

    void statementEventsSayWhy()
    {
        // Each statement names its cause; a flush's statement sent by an
        // autoflush also names what asked for that autoflush.
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->query(QStringLiteral("Book")).ok());             // autoflush: INSERT a, then the query
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->read(a, QStringLiteral("books")).ok());           // expired a, then the lazy load
        QVERIFY(f.s->refresh(a, {}).ok());
        Instance *b = f.book(QStringLiteral("b"), QStringLiteral("Dune"));
        QVERIFY(f.s->append(a, QStringLiteral("books"), b).ok());
        QVERIFY(f.s->get(QStringLiteral("Author"), 99).ok());        // autoflush: INSERT b, then the get
        QVERIFY(f.s->set(b, QStringLiteral("title"), QStringLiteral("Emma")).ok());
        QVERIFY(f.s->bulkUpdate(QStringLiteral("Author"), {}, {{QStringLiteral("name"), QStringLiteral("Al")}}).ok());
        QVERIFY(f.s->remove(b).ok());
        QVERIFY(f.s->flush().ok());                                   // an explicit flush: no autoflush
        QStringList why;
        for (qsizetype i = 0; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.type != EventType::Statement)
                continue;
            const QVariantMap c = f.play.log.namedCause(f.play.log.value(e.value).toMap().value(QStringLiteral("cause")).toMap());
            QString line = c.value(QStringLiteral("kind")).toString();
            for (const char *key : {"class", "ref", "attr"})
                if (c.contains(QLatin1String(key)))
                    line += QLatin1Char(' ') + c.value(QLatin1String(key)).toString();
            const QVariantMap by = c.value(QStringLiteral("autoflush")).toMap();
            if (!by.isEmpty())
                line += QStringLiteral(" <- ") + by.value(QStringLiteral("kind")).toString() + QLatin1Char(' ')
                    + by.value(QStringLiteral("class")).toString();
            why << line;
        }
        QCOMPARE(why, (QStringList{"insert Author a <- query Book",
                                   "query Book",
                                   "expired attributes Author a",
                                   "lazy load Author a books",
                                   "refresh Author a",
                                   "lazy load Author a books", // refresh() expired it: append loads it
                                   "insert Book b <- get Author",
                                   "get Author",
                                   "update Book b <- bulk update Author",
                                   "bulk update Author",
                                   "delete Book b"}));
    }

    void queryInsideALoadListenerWhileRowsAreStreamed()
    {
        // Rows are handed to the session as they are read: a listener of
        // `load` that runs the very same query meanwhile gets a query of
        // its own, and both see every row; the statement's row count is
        // filled in after its rows.
        Fixture f;
        for (const char *name : {"Ann", "Bob", "Cy"})
            QVERIFY(f.s->add(f.author(QString::fromLatin1(name), QString::fromLatin1(name))).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->close().ok());
        QList<int> inner;
        bool nested = false;
        auto h = f.play.dispatcher.listen(ListenTarget::mapper(), EventType::Load, [&](const Event &) {
            if (nested)
                return;
            nested = true;
            auto again = f.s->query(QStringLiteral("Author"));
            inner << (again ? int(again->size()) : -1);
            nested = false;
        });
        QVERIFY(h.ok());
        const qsizetype from = f.play.log.size();
        auto all = f.s->query(QStringLiteral("Author"));
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        QCOMPARE(inner, (QList<int>{3}));
        QList<qlonglong> rows;
        for (qsizetype i = from; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.type == EventType::Statement)
                rows << f.play.log.value(e.value).toMap().value(QStringLiteral("rows")).toLongLong();
        }
        QCOMPARE(rows, (QList<qlonglong>{3, 3}));
        // a load hook that fails stops the query; the connection goes on working
        f.play.dispatcher.remove(*h);
        QVERIFY(f.s->close().ok());
        auto thrower = f.play.dispatcher.listen(ListenTarget::mapper(), EventType::Load,
                                                [](const Event &) { throw std::runtime_error("no"); });
        QVERIFY(!f.s->query(QStringLiteral("Author")).ok());
        f.play.dispatcher.remove(*thrower);
        QVERIFY(f.s->close().ok());
        auto after = f.s->query(QStringLiteral("Author"));
        QVERIFY(after.ok());
        QCOMPARE(after->size(), 3);

        // a load hook that ends the transaction while the rows are read, and
        // one that closes the session: the query ends, the connection goes on
        for (const bool closing : {false, true}) {
            QVERIFY(f.s->close().ok());
            bool once = false;
            auto ender = f.play.dispatcher.listen(ListenTarget::mapper(), EventType::Load, [&](const Event &) {
                if (once)
                    return;
                once = true;
                QVERIFY(closing ? f.s->close().ok() : f.s->rollback().ok());
            });
            QVERIFY(ender.ok());
            (void)f.s->query(QStringLiteral("Author"));
            QVERIFY(once);
            f.play.dispatcher.remove(*ender);
            QVERIFY(f.s->close().ok());
            auto again = f.s->query(QStringLiteral("Author"));
            QVERIFY(again.ok());
            QCOMPARE(again->size(), 3);
        }
    }

    void hostileNamesEndToEnd()
    {
        Fixture f(kHostileProject);
        const QString order = QStringLiteral("Order \u0022x\u0022; --"), item = QStringLiteral("Line Item");
        const QString group = QStringLiteral("group"), first = QStringLiteral("1st \u0022col\u0022; DROP TABLE x; --"),
                      uni = QStringLiteral("naïve Ünïcødé значение"), its = QStringLiteral("it\u0027s"),
                      from = QStringLiteral("from"), rel = QStringLiteral("line items; --");
        auto o = f.s->newObject(order, QStringLiteral("o"),
                                {{group, QStringLiteral("a'; DROP TABLE \u0022select\u0022; --")},
                                 {first, 7}, {uni, QStringLiteral("ünï")}, {its, 1.5}});
        QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().toString()));
        auto l1 = f.s->newObject(item, QStringLiteral("l1"), {{from, QStringLiteral("x")}});
        auto l2 = f.s->newObject(item, QStringLiteral("l2"), {{from, QStringLiteral("y")}});
        QVERIFY(l1.ok() && l2.ok());
        QVERIFY(f.s->append(*o, rel, *l1).ok());
        QVERIFY(f.s->append(*o, rel, *l2).ok());
        QVERIFY(f.s->add(*o).ok());
        auto flushed = f.s->commit(); // INSERT
        QVERIFY2(flushed.ok(), qPrintable(flushed.ok() ? QString() : flushed.error().toString()));
        QVERIFY(f.s->set(*o, first, 8).ok());
        QVERIFY(f.s->set(*o, uni, QStringLiteral("ещё")).ok());
        QVERIFY(f.s->commit().ok()); // UPDATE
        QVERIFY(f.s->close().ok());
        auto found = f.s->query(order, {{uni, QStringLiteral("ещё")}}); // SELECT ... WHERE
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().toString()));
        QCOMPARE(found->size(), 1);
        Instance *loaded = found->first();
        QCOMPARE(f.s->read(loaded, first)->toInt(), 8);
        QCOMPARE(f.s->read(loaded, group)->toString(), QStringLiteral("a'; DROP TABLE \u0022select\u0022; --"));
        QCOMPARE(f.s->read(loaded, rel)->toList().size(), 2); // lazy load through the foreign key
        QVERIFY(f.s->remove(loaded).ok());
        QVERIFY(f.s->commit().ok()); // DELETE, cascading to the items
        QCOMPARE(f.s->query(order)->size(), 0);
        QCOMPARE(f.s->query(item)->size(), 0);

        // No table or column name ever reached SQL unquoted.
        const QSqlDriver *driver = f.s->connection().database().driver();
        QStringList kinds;
        int statements = 0;
        for (qsizetype i = 0; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.type != EventType::Statement)
                continue;
            ++statements;
            QString sql = f.play.log.value(e.value).toMap().value(QStringLiteral("sql")).toString();
            kinds << sql.section(QLatin1Char(' '), 0, 0);
            for (const QString &name : {first, uni, its, QStringLiteral("order id"), group, from,
                                        QStringLiteral("select"), QStringLiteral("where")}) {
                const bool table = name == QLatin1String("select") || name == QLatin1String("where");
                sql.replace(driver->escapeIdentifier(name, table ? QSqlDriver::TableName : QSqlDriver::FieldName),
                            QStringLiteral("<name>"));
            }
            for (const QString &raw : {first, uni, its, QStringLiteral("order id")})
                QVERIFY2(!sql.contains(raw), qPrintable(sql));
            QVERIFY2(!sql.contains(QLatin1String("DROP")), qPrintable(sql));
        }
        QVERIFY(statements >= 8);
        for (const char *kind : {"INSERT", "UPDATE", "SELECT", "DELETE"})
            QVERIFY2(kinds.contains(QLatin1String(kind)), kind);
    }

    void unsafeNamesAreRefusedNotPasted()
    {
        Fixture f;
        auto r = f.s->query(QStringLiteral("Author"), {{QStringLiteral("name\" OR 1=1 --"), 1}});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("no column")));
        // values are bound: a quote in a value is just text
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("O'Brien\"; DROP TABLE authors; --"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(f.s->query(QStringLiteral("Author"))->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
