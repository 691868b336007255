// Several sessions on one database (format version 7): their connections,
// their objects moving between them, the locks of SQLite and PostgreSQL.
#include "sessionfixture.h"

#include "project/tracewriter.h"

#include <QtTest>

using namespace ms;
using namespace mstest::session;

namespace {

const char *const kTwoSessions = R"({
  "format": "mapperscope-project", "version": 7, "name": "two",
  "sessions": [{"name": "A"}, {"name": "B", "expireOnCommit": false, "isolation": "repeatable read"}],
  "classes": [
    {"name": "Account", "table": "accounts", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "balance", "type": "integer", "nullable": false}]}
  ]
})";

/// Plays @p steps (a JSON array of steps) in the fixture's sessions.
Result<void> play(Fixture &f, const char *steps)
{
    const QJsonArray array = QJsonDocument::fromJson(QByteArray(steps)).array();
    Scenario scenario;
    for (const QJsonValue &v : array)
        scenario.steps.append(Step::fromJson(v.toObject()));
    ScenarioRunner runner(*f.s, &f.play.sessions);
    return runner.run(scenario);
}

} // namespace

class TestSessions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachSessionHasItsOwnConnectionAndOptions()
    {
        Fixture f(kTwoSessions);
        QCOMPARE(f.play.sessions.count(), 2);
        Session *a = f.play.sessions.byName(QStringLiteral("A"));
        Session *b = f.play.sessions.byName(QStringLiteral("B"));
        QCOMPARE(a, f.s);
        QVERIFY(b && b != a);
        QVERIFY(!f.play.sessions.byName(QStringLiteral("C")));
        QCOMPARE(f.play.sessions.byName(QString()), a);
        QCOMPARE(b->number(), quint8(2));
        QCOMPARE(b->name(), QStringLiteral("B"));
        QVERIFY(a->options().expireOnCommit);
        QVERIFY(!b->options().expireOnCommit);
        QVERIFY(a->connection().database().connectionName() != b->connection().database().connectionName());
        // what A commits, B reads through its own connection
        QVERIFY(play(f, R"([{"op":"new","class":"Account","as":"alice","values":{"id":1,"balance":100}},
                            {"op":"add","ref":"alice"},{"op":"commit"},
                            {"op":"get","class":"Account","id":1,"session":"B"}])").ok());
        Instance *inB = b->objectByLabel(QStringLiteral("Account#1"));
        QVERIFY(inB);
        QCOMPARE(inB->sessionNumber(), quint8(2));
        QCOMPARE(inB->value(1).toInt(), 100);
        QVERIFY(inB != a->objectByLabel(QStringLiteral("alice")));
        // the objects are shared: one id space
        QCOMPARE(a->objectCount(), b->objectCount());
        QCOMPARE(a->object(inB->id()), inB);
    }

    void anObjectMovesOnlyOnceItsSessionLetsItGo()
    {
        Fixture f(kTwoSessions);
        Session *b = f.play.sessions.byName(QStringLiteral("B"));
        QVERIFY(play(f, R"([{"op":"new","class":"Account","as":"carol","values":{"id":3,"balance":10}},
                            {"op":"add","ref":"carol"}])").ok());
        Instance *carol = f.s->objectByLabel(QStringLiteral("carol"));
        auto refused = b->add(carol);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, QStringLiteral("InvalidRequestError"));
        QVERIFY2(refused.error().message.contains(QLatin1String("already attached to session 'A' (this is 'B')")),
                 qPrintable(refused.error().message));
        QCOMPARE(carol->sessionNumber(), quint8(1));
        QVERIFY(!b->expunge(carol).ok());
        QVERIFY(!b->remove(carol).ok() || carol->sessionNumber() == 1);
        QVERIFY(f.s->newObjects().contains(carol));
        QVERIFY(f.s->expunge(carol).ok());
        QVERIFY(b->add(carol).ok());
        QCOMPARE(carol->sessionNumber(), quint8(2));
        QVERIFY(b->newObjects().contains(carol));
        QVERIFY(!f.s->newObjects().contains(carol));
        QVERIFY(b->commit().ok());
        QCOMPARE(f.s->query(QStringLiteral("Account"))->size(), 1);
        // a set on B's object from a step of A acts in B (its holder)
        QVERIFY(play(f, R"([{"op":"set","ref":"carol","attr":"balance","value":11}])").ok());
        QVERIFY(b->dirtyObjects().contains(carol));
        QVERIFY(f.s->dirtyObjects().isEmpty());
    }

    void mergeCopiesAnObjectIntoTheStepsSession()
    {
        Fixture f(kTwoSessions);
        Session *b = f.play.sessions.byName(QStringLiteral("B"));
        QVERIFY(play(f, R"([{"op":"new","class":"Account","as":"alice","values":{"balance":100}},
                            {"op":"add","ref":"alice"},{"op":"commit"},
                            {"op":"read","ref":"alice","attr":"balance"},{"op":"rollback"}])").ok());
        Instance *alice = f.s->objectByLabel(QStringLiteral("alice"));
        // a copy in B, loaded by its key; alice stays A's
        auto copy = b->merge(alice);
        QVERIFY2(copy.ok(), qPrintable(copy ? QString() : copy.error().message));
        QVERIFY(*copy != alice);
        QCOMPARE((*copy)->sessionNumber(), quint8(2));
        QCOMPARE((*copy)->label(), QStringLiteral("Account#1"));
        QCOMPARE(b->objectByLabel(QStringLiteral("Account#1")), *copy);
        QCOMPARE(alice->sessionNumber(), quint8(1));
        // merged again: the same copy, from B's identity map
        QCOMPARE(*b->merge(alice), *copy);
        // the session's own object is its own copy
        QCOMPARE(*f.s->merge(alice), alice);

        // load=False refuses a transient object and leaves B as it was
        QVERIFY(play(f, R"([{"op":"new","class":"Account","as":"dave","values":{"balance":3}}])").ok());
        Instance *dave = f.s->objectByLabel(QStringLiteral("dave"));
        auto refused = b->merge(dave, false);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, QStringLiteral("InvalidRequestError"));
        QVERIFY2(refused.error().message.contains(QLatin1String("does not support objects transient")),
                 qPrintable(refused.error().message));
        QVERIFY(b->newObjects().isEmpty());
        QCOMPARE(dave->sessionNumber(), quint8(0));

        // a key-less copy is Class#? until its INSERT gives it a key; the
        // events before keep that name
        const qsizetype before = f.play.log.size();
        auto pending = b->merge(dave);
        QVERIFY(pending.ok());
        QCOMPARE((*pending)->label(), QStringLiteral("Account#?"));
        QVERIFY(b->newObjects().contains(*pending));
        QVERIFY(b->flush().ok());
        QCOMPARE((*pending)->label(), QStringLiteral("Account#2"));
        QCOMPARE(b->objectByLabel(QStringLiteral("Account#2")), *pending);
        QStringList refs;
        for (qsizetype i = before; i < f.play.log.size(); ++i) {
            const QJsonObject e = QJsonDocument::fromJson(TraceWriter::line(f.play.log, i)).object();
            const QString event = e.value("event").toString();
            if (event == QLatin1String("transient_to_pending") || event == QLatin1String("after_insert"))
                refs << event + QLatin1Char(' ') + e.value("ref").toString();
        }
        QCOMPARE(refs, QStringList({"transient_to_pending Account#?", "after_insert Account#2"}));
        QCOMPARE(dave->label(), QStringLiteral("dave")); // the source is left as it was
        QCOMPARE(dave->sessionNumber(), quint8(0));
    }

    void aStepNamingNoSuchSessionFails()
    {
        Fixture f(kTwoSessions);
        auto r = play(f, R"([{"op":"flush","session":"C"}])");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("no session C in this project (the sessions: A, B)")),
                 qPrintable(r.error().message));
    }

    void theTraceSaysWhichSessionEachEventRanIn()
    {
        Fixture f(kTwoSessions);
        QVERIFY(play(f, R"([{"op":"new","class":"Account","as":"alice","values":{"id":1,"balance":100}},
                            {"op":"add","ref":"alice"},{"op":"commit"},
                            {"op":"query","class":"Account","session":"B"},
                            {"op":"commit"}])").ok());
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(TraceWriter::write(f.play.log, &buffer).ok());
        QStringList markers;
        int selectsInB = 0, withoutSession = 0;
        for (const QByteArray &line : buffer.data().split('\n')) {
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            if (e.isEmpty())
                continue;
            if (e.value("phase").toString() == QLatin1String("configure")) {
                QVERIFY(!e.contains("session"));
                continue;
            }
            if (!e.contains("session"))
                ++withoutSession;
            if (e.value("category").toString() == QLatin1String("step"))
                markers << e.value("event").toString() + QLatin1Char('@') + e.value("session").toString();
            if (e.value("category").toString() == QLatin1String("statement")
                && e.value("sql").toString().startsWith(QLatin1String("SELECT"))
                && e.value("session").toString() == QLatin1String("B"))
                ++selectsInB;
        }
        QCOMPARE(withoutSession, 0);
        QCOMPARE(markers, QStringList({"new@A", "add@A", "commit@A", "query@B", "commit@A"}));
        QCOMPARE(selectsInB, 1);
    }

    void aProjectThatNamesNoSessionWritesNone()
    {
        Fixture plain;
        QVERIFY(plain.s->commit().ok());
        QBuffer other;
        other.open(QIODevice::WriteOnly);
        QVERIFY(TraceWriter::write(plain.play.log, &other).ok());
        QVERIFY(!other.data().contains("\"session\":"));
    }

    void theOtherSessionsLock()
    {
        // SQLite's shared cache locks a table a transaction wrote; PostgreSQL
        // locks the row: the other session reads the committed row, and its
        // write to the same row gives up after lock_timeout
        Fixture f(kTwoSessions);
        Session *b = f.play.sessions.byName(QStringLiteral("B"));
        QVERIFY(play(f, R"([{"op":"new","class":"Account","as":"alice","values":{"id":1,"balance":100}},
                            {"op":"add","ref":"alice"},{"op":"commit"},
                            {"op":"set","ref":"alice","attr":"balance","value":150},{"op":"flush"}])").ok());
        auto read = b->query(QStringLiteral("Account"));
        if (!mstest::onPostgres()) {
            QVERIFY(!read.ok());
            QCOMPARE(read.error().kind, QStringLiteral("OperationalError"));
            QVERIFY2(read.error().message.contains(QLatin1String("locked")), qPrintable(read.error().message));
        } else {
            QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
            QCOMPARE(read->size(), 1);
            QCOMPARE(read->first()->value(1).toInt(), 100); // the committed row
            QVERIFY(b->set(read->first(), QStringLiteral("balance"), 120).ok());
            auto write = b->flush();
            QVERIFY(!write.ok());
            QCOMPARE(write.error().kind, QStringLiteral("OperationalError"));
            QVERIFY2(write.error().message.contains(QLatin1String("lock")), qPrintable(write.error().message));
        }
        QVERIFY(b->rollback().ok());
        QVERIFY(f.s->commit().ok());
        auto again = b->query(QStringLiteral("Account"));
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().toString()));
        QCOMPARE(again->first()->value(1).toInt(), 150);
        QVERIFY(b->commit().ok());
    }

    void repeatableReadKeepsItsSnapshotOnPostgres()
    {
        if (!mstest::onPostgres())
            QSKIP("the isolation level is PostgreSQL's: SQLite's transactions are serializable");
        Fixture f(kTwoSessions);
        Session *b = f.play.sessions.byName(QStringLiteral("B"));
        QVERIFY(play(f, R"([{"op":"new","class":"Account","as":"alice","values":{"id":1,"balance":100}},
                            {"op":"add","ref":"alice"},{"op":"commit"},
                            {"op":"get","class":"Account","id":1,"session":"B"},
                            {"op":"set","ref":"alice","attr":"balance","value":150},{"op":"commit"},
                            {"op":"refresh","ref":"Account#1","session":"B"}])").ok());
        Instance *inB = b->objectByLabel(QStringLiteral("Account#1"));
        QCOMPARE(inB->value(1).toInt(), 100); // B's transaction still sees its snapshot
        QVERIFY(b->commit().ok());
        QVERIFY(b->refresh(inB).ok());
        QCOMPARE(inB->value(1).toInt(), 150);
    }

    void tooManySessionsAreRefusedWhenOpened()
    {
        // an object carries its session's number in a byte
        auto project = ProjectFile::parse(QByteArray(kTwoSessions));
        QVERIFY(project.ok());
        for (int i = 3; i <= 251; ++i)
            project->sessions.append(SessionDef {QStringLiteral("S%1").arg(i), {}, {}, {}, {}});
        QCOMPARE(project->validate().size(), 1);
        DatabaseSettings database;
        MS_FRESH_DATABASE(database);
        Playground play;
        auto opened = play.open(*project, database);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QLatin1String("251 sessions; at most 250")),
                 qPrintable(opened.error().message));
    }

    void anUnknownIsolationLevelIsRefused()
    {
        Connection c(nullptr);
        DatabaseSettings db;
        Connection::Sharing s;
        s.isolation = QStringLiteral("read committed; DROP TABLE x");
        auto r = c.open(db, Connection::Access::ReadWrite, s);
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QLatin1String("unknown isolation level")));
    }
};

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"
