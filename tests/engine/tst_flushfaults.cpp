// Failing flushes: constraint violations, a fault at every statement of a
// flush, a lock held by another connection, and what the session looks
// like afterwards.
#include "sessionfixture.h"

#include <QSqlDriver>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;
using namespace mstest::session;

class TestFlushFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (mstest::onPostgres() && qEnvironmentVariableIsEmpty("MS_TEST_PGURL"))
            QSKIP(mstest::kNoServer);
    }

    void constraintViolationRollsBackAndNamesTheStatement()
    {
        Fixture f;
        QVERIFY(f.s->add(f.author(QStringLiteral("a"), QStringLiteral("Ann"))).ok());
        QVERIFY(f.s->commit().ok());
        Instance *dup = f.author(QStringLiteral("dup"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(dup).ok());
        auto r = f.s->flush();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, QStringLiteral("IntegrityError"));
        QVERIFY2(r.error().where.startsWith(QStringLiteral("INSERT INTO")), qPrintable(r.error().where));
        QCOMPARE(dup->state(), ObjectState::Transient);
        QVERIFY(dup->value(0).isNull()); // no key left behind by the failed flush
        QCOMPARE(f.count(EventType::AfterRollback), 1);
        // until rollback() the session refuses to flush
        QVERIFY(f.s->add(dup).ok());
        QCOMPARE(f.s->flush().error().kind, QStringLiteral("PendingRollbackError"));
        QVERIFY(f.s->rollback().ok());
        QVERIFY(f.s->set(dup, QStringLiteral("name"), QStringLiteral("Dan")).ok());
        QVERIFY(f.s->add(dup).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(dup->state(), ObjectState::Persistent);
    }

    void faultInjectedAtEveryStatementOfAFlush()
    {
        // statement k of a three-statement flush fails, for every k
        for (int k = 0; k < 3; ++k) {
            Fixture f;
            Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
            QVERIFY(f.s->add(a).ok());
            QVERIFY(f.s->commit().ok());
            QVERIFY(f.s->set(a, QStringLiteral("name"), QStringLiteral("Anna")).ok());
            Instance *b = f.book(QStringLiteral("b"), QStringLiteral("Dune"));
            Instance *c = f.book(QStringLiteral("c"), QStringLiteral("Emma"));
            QVERIFY(f.s->add(b).ok());
            QVERIFY(f.s->add(c).ok());
            // the expired author is loaded first (one SELECT), then UPDATE, INSERT, INSERT
            f.s->connection().failAfter(k + 1, QStringLiteral("disk I/O error"));
            auto r = f.s->flush();
            QVERIFY2(!r.ok(), qPrintable(QString::number(k)));
            QCOMPARE(r.error().kind, QStringLiteral("OperationalError"));
            QCOMPARE(b->state(), ObjectState::Transient);
            QCOMPARE(c->state(), ObjectState::Transient);
            QCOMPARE(a->state(), ObjectState::Persistent);
            QVERIFY(!a->isLoaded(1)); // expired by the rollback
            QVERIFY(f.s->rollback().ok());
            QCOMPARE(f.s->read(a, QStringLiteral("name"))->toString(), QStringLiteral("Ann"));
            QVERIFY(f.s->add(b).ok());
            QVERIFY(f.s->add(c).ok());
            QVERIFY(f.s->commit().ok());
            QCOMPARE(f.s->query(QStringLiteral("Book"))->size(), 2);
        }
    }

    // Real and simulated faults at every statement of a flush that updates,
    // inserts and deletes: whichever statement fails, the session ends as it
    // does when the first one fails (nothing of the partial flush shows),
    // the database holds what was committed, an error event names the
    // statement, and the session goes on working.
    void faultAtEveryStatementOfAFlush_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("kind");
        QTest::newRow("constraint violation") << "constraint" << "IntegrityError";
        QTest::newRow("constraint raised by the database") << "trigger" << "IntegrityError";
        QTest::newRow("connection closed") << "closed" << "OperationalError";
        if (!mstest::onPostgres()) {
            QTest::newRow("read-only database") << "read-only" << "OperationalError";
            QTest::newRow("database locked") << "busy" << "OperationalError";
        }
    }

    void faultAtEveryStatementOfAFlush()
    {
        QFETCH(QString, fault);
        QFETCH(QString, kind);
        QTemporaryDir dir;
        auto prepare = [&](Fixture &f) {
            Instance *a1 = f.author(QStringLiteral("a1"), QStringLiteral("Ann"));
            Instance *b1 = f.book(QStringLiteral("b1"), QStringLiteral("Dune"));
            Instance *b2 = f.book(QStringLiteral("b2"), QStringLiteral("Emma"));
            QVERIFY(f.s->append(a1, QStringLiteral("books"), b1).ok());
            QVERIFY(f.s->append(a1, QStringLiteral("books"), b2).ok());
            QVERIFY(f.s->add(a1).ok());
            QVERIFY(f.s->commit().ok());
            QVERIFY(f.s->set(a1, QStringLiteral("name"), QStringLiteral("Anna")).ok());
            Instance *a2 = f.author(QStringLiteral("a2"), QStringLiteral("Bob"));
            Instance *b3 = f.book(QStringLiteral("b3"), QStringLiteral("Odyssey"));
            QVERIFY(f.s->append(a2, QStringLiteral("books"), b3).ok());
            QVERIFY(f.s->add(a2).ok());
            QVERIFY(f.s->remove(b2).ok());
            QVERIFY(f.s->set(b1, QStringLiteral("pages"), 5).ok());
        };
        auto settingsFor = [&](int run) {
            DatabaseSettings db;
            if (mstest::onPostgres()) {
                if (!mstest::postgresDatabase(&db))
                    qFatal("no database");
            } else {
                db.name = dir.filePath(QStringLiteral("run%1.sqlite").arg(run)); // a file: reopened after a close
            }
            return db;
        };
        // What the flush wrote on the objects stays, as in SQLAlchemy: once
        // Bob's INSERT has run, the object made transient again keeps its
        // generated key, and the Odyssey the synced foreign key; once the
        // Odyssey's has run, it keeps its key and its default page count.
        // The rest of the state is the same wherever the flush failed; those
        // values are masked and checked on their own.
        auto masked = [](const Instance *o, int a) {
            return (o->label() == QLatin1String("a2") && a == 0)
                || (o->label() == QLatin1String("b3") && (a == 0 || a == 2 || a == 3));
        };
        auto describe = [&masked](Fixture &f) {
            QStringList out;
            auto label = [](const Instance *o) { return o ? o->label() : QStringLiteral("-"); };
            for (const Instance *o : f.s->objects()) {
                QString line = QStringLiteral("%1 %2 del=%3 dirty=%4 key=%5:")
                                   .arg(o->label(), objectStateName(o->state()))
                                   .arg(o->isMarkedDeleted())
                                   .arg(o->isDirty())
                                   .arg(o->identity() ? o->identity()->toString() : QStringLiteral("none"));
                for (int a = 0; a < o->attributeCount(); ++a) {
                    if (masked(o, a)) {
                        line += QStringLiteral(" [masked]");
                        continue;
                    }
                    line += QStringLiteral(" [%1%2%3 ").arg(o->isLoaded(a)).arg(o->isExpired(a)).arg(o->isModified(a));
                    if (o->isColumn(a)) {
                        line += o->value(a).toString() + QLatin1Char('/') + o->committedValue(a).toString();
                    } else {
                        const int r = o->relationshipIndex(a);
                        line += label(o->reference(r));
                        for (const Instance *c : o->collection(r))
                            line += QLatin1Char(',') + label(c);
                    }
                    line += QLatin1Char(']');
                }
                out << line;
            }
            for (const auto &[name, set] : {std::pair{"identity", f.s->identityMap()}, std::pair{"new", f.s->newObjects()},
                                            std::pair{"dirty", f.s->dirtyObjects()},
                                            std::pair{"deleted", f.s->deletedObjects()}}) {
                QStringList labels;
                for (const Instance *o : set)
                    labels << o->label();
                out << QString::fromLatin1(name) + QLatin1String(": ") + labels.join(QLatin1Char(' '));
            }
            return out;
        };
        auto rowsIn = [](Fixture &f) {
            QStringList out;
            QSqlQuery q(f.s->connection().database());
            for (const char *sql : {"SELECT id, name FROM authors ORDER BY id",
                                    "SELECT id, title, pages, author_id FROM books ORDER BY id"}) {
                if (!q.exec(QString::fromLatin1(sql)))
                    return QStringList{q.lastError().text()};
                while (q.next())
                    out << QStringLiteral("%1|%2|%3|%4").arg(q.value(0).toString(), q.value(1).toString(),
                                                             q.value(2).toString(), q.value(3).toString());
            }
            return out;
        };

        // a dry run counts the flush's statements
        QStringList statements;
        {
            const DatabaseSettings db = settingsFor(0);
            Fixture f(kProject, &db);
            prepare(f);
            f.s->connection().setFaultHook([&](const QString &sql) {
                statements << sql;
                return QString();
            });
            QVERIFY(f.s->flush().ok());
        }
        QVERIFY2(statements.size() >= 6, qPrintable(statements.join(QLatin1Char('\n'))));

        QStringList reference;
        int tried = 0;
        for (int k = 0; k < statements.size(); ++k) {
            const bool write = !statements[k].startsWith(QLatin1String("SELECT"));
            if ((fault == QLatin1String("read-only") || fault == QLatin1String("trigger")) && !write)
                continue; // a read works on a read-only database, and fires no trigger
            const DatabaseSettings db = settingsFor(k + 1);
            Fixture f(kProject, &db);
            if (fault == QLatin1String("trigger")) {
                // Triggers on every write to the two tables that make the
                // database itself refuse the statement, with its own
                // constraint error, once armed (inside the flush's
                // transaction, so the rollback disarms them).
                QSqlQuery q(f.s->connection().database());
                QStringList ddl {QStringLiteral("CREATE TABLE ms_fault (armed integer)"),
                                 QStringLiteral("INSERT INTO ms_fault VALUES (0)")};
                if (mstest::onPostgres()) {
                    ddl << QStringLiteral(
                        "CREATE FUNCTION ms_fault() RETURNS trigger AS $$ BEGIN "
                        "IF (SELECT armed FROM ms_fault) = 1 THEN RAISE EXCEPTION "
                        "'fault injected by the test' USING ERRCODE = 'check_violation'; END IF; "
                        "RETURN COALESCE(NEW, OLD); END $$ LANGUAGE plpgsql");
                    for (const char *table : {"authors", "books"})
                        ddl << QStringLiteral("CREATE TRIGGER ms_fault BEFORE INSERT OR UPDATE OR DELETE ON %1 "
                                              "FOR EACH ROW EXECUTE FUNCTION ms_fault()")
                                   .arg(QLatin1String(table));
                } else {
                    for (const char *table : {"authors", "books"})
                        for (const char *op : {"INSERT", "UPDATE", "DELETE"})
                            ddl << QStringLiteral("CREATE TRIGGER ms_fault_%1_%2 BEFORE %2 ON %1 "
                                                  "WHEN (SELECT armed FROM ms_fault) = 1 BEGIN "
                                                  "SELECT RAISE(ABORT, 'fault injected by the test'); END")
                                       .arg(QLatin1String(table), QLatin1String(op));
                }
                for (const QString &sql : ddl)
                    QVERIFY2(q.exec(sql), qPrintable(sql + QLatin1String(": ") + q.lastError().text()));
            }
            prepare(f);
            const QStringList committedRows = rowsIn(f);
            int seen = 0;
            f.s->connection().setFaultHook([&](const QString &) -> QString {
                if (seen++ != k)
                    return QString();
                if (fault == QLatin1String("constraint"))
                    return mstest::onPostgres() ? QStringLiteral("ERROR:  duplicate key value violates unique constraint")
                                                : QStringLiteral("UNIQUE constraint failed: authors.name");
                if (fault == QLatin1String("busy"))
                    return QStringLiteral("database is locked Unable to fetch row");
                QSqlDatabase handle = f.s->connection().database();
                if (fault == QLatin1String("trigger")) {
                    QSqlQuery arm(handle);
                    if (!arm.exec(QStringLiteral("UPDATE ms_fault SET armed = 1")))
                        qFatal("cannot arm the fault: %s", qPrintable(arm.lastError().text()));
                    return QString(); // the statement runs and the database refuses it
                }
                if (fault == QLatin1String("closed"))
                    handle.close(); // the statement fails for real
                else
                    QSqlQuery(handle).exec(QStringLiteral("PRAGMA query_only = ON"));
                return QString();
            });
            const qsizetype from = f.play.log.size();
            auto r = f.s->flush();
            const QString where = QStringLiteral("fault at statement %1 of %2: %3").arg(k + 1).arg(statements.size()).arg(statements[k]);
            QVERIFY2(!r.ok(), qPrintable(where));
            QVERIFY2(r.error().kind == kind, qPrintable(where + QLatin1String(": ") + r.error().toString()));
            // the failed statement's event names it
            bool named = false;
            for (qsizetype i = from; i < f.play.log.size(); ++i) {
                const Event &e = f.play.log.at(i);
                if (e.type == EventType::Statement && (e.flags & Event::Failed))
                    named = f.play.log.value(e.value).toMap().value(QStringLiteral("sql")).toString() == statements[k];
            }
            QVERIFY2(named, qPrintable(where));
            QCOMPARE(f.count(EventType::AfterRollback), 1);
            const QStringList state = describe(f);
            if (reference.isEmpty())
                reference = state;
            QVERIFY2(state == reference, qPrintable(where + QLatin1String("\n") + state.join(QLatin1Char('\n'))
                                                    + QLatin1String("\n---\n") + reference.join(QLatin1Char('\n'))));
            {
                const Instance *a2 = f.s->objectByLabel(QStringLiteral("a2"));
                const Instance *b3 = f.s->objectByLabel(QStringLiteral("b3"));
                auto indexOf = [&](const char *prefix) {
                    for (qsizetype i = 0; i < statements.size(); ++i)
                        if (statements[i].startsWith(QLatin1String(prefix)))
                            return i;
                    return qsizetype(-1);
                };
                const qsizetype bobInsert = indexOf("INSERT INTO \"authors\"");
                const qsizetype odysseyInsert = indexOf("INSERT INTO \"books\"");
                QVERIFY(bobInsert >= 0 && odysseyInsert > bobInsert);
                const QVariant id = a2->value(0);
                if (k <= bobInsert) {
                    QVERIFY2(id.isNull(), qPrintable(where + QLatin1String(": ") + id.toString()));
                    QVERIFY2(b3->value(3).isNull(), qPrintable(where));
                } else {
                    QVERIFY2(!id.isNull() && a2->isLoaded(0), qPrintable(where));
                    QCOMPARE(b3->value(3), id);
                }
                if (k <= odysseyInsert) {
                    QVERIFY2(b3->value(0).isNull() && b3->value(2).isNull(), qPrintable(where));
                } else {
                    QVERIFY2(!b3->value(0).isNull(), qPrintable(where));
                    QCOMPARE(b3->value(2).toInt(), 100);
                }
                QVERIFY(!a2->identity() && !b3->identity());
            }
            // the session goes on: the database as committed, a correct flush works
            f.s->connection().setFaultHook({});
            if (fault == QLatin1String("closed"))
                QVERIFY(f.s->connection().open(f.settings).ok());
            if (fault == QLatin1String("read-only"))
                QVERIFY(QSqlQuery(f.s->connection().database()).exec(QStringLiteral("PRAGMA query_only = OFF")));
            QVERIFY(f.s->rollback().ok());
            QCOMPARE(rowsIn(f), committedRows);
            QVERIFY(f.s->add(f.s->objectByLabel(QStringLiteral("a2"))).ok());
            auto again = f.s->commit();
            QVERIFY2(again.ok(), qPrintable(where + QLatin1String(": ") + again.error().toString()));
            QCOMPARE(rowsIn(f).size(), committedRows.size() + 2); // Bob and the Odyssey
            ++tried;
        }
        QVERIFY(tried >= 4);
        qInfo("%s: %d fault positions tried and passed", qPrintable(fault), tried);
    }

    // SQLite's statements are prepared on the handle of Qt's driver, which
    // knows nothing of them: a close behind the connection's back is
    // refused by SQLite while one lives, and Qt forgets the handle anyway.
    // The connection's next call closes it: the transaction it held is
    // rolled back, its lock is gone, and nothing leaks (LeakSanitizer).
    void closedBehindTheConnectionsBack()
    {
        if (mstest::onPostgres())
            QSKIP("SQLite's own statements");
        QTemporaryDir dir;
        DatabaseSettings db;
        db.name = dir.filePath(QStringLiteral("behind.sqlite"));
        Fixture f(kProject, &db);
        Instance *a1 = f.author(QStringLiteral("a1"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a1).ok());
        QVERIFY(f.s->flush().ok()); // the INSERT ran, its transaction open
        f.s->connection().database().close();

        QVERIFY(!f.s->commit().ok());

        const QString other = QStringLiteral("after-close");
        {
            QSqlDatabase writer = QSqlDatabase::addDatabase(db.driver, other);
            writer.setDatabaseName(db.name);
            QVERIFY(writer.open());
            QSqlQuery w(writer);
            QVERIFY(w.exec(QStringLiteral("PRAGMA busy_timeout = 100")));
            // no lock left behind, and Ann's INSERT was never committed
            QVERIFY2(w.exec(QStringLiteral("BEGIN IMMEDIATE")), qPrintable(w.lastError().text()));
            QVERIFY(w.exec(QStringLiteral("SELECT COUNT(*) FROM authors")) && w.next());
            QCOMPARE(w.value(0).toInt(), 0);
            QVERIFY(w.exec(QStringLiteral("INSERT INTO authors (name) VALUES ('Bob')")));
            QVERIFY(w.exec(QStringLiteral("COMMIT")));
            w.finish();
            writer.close();
        }
        QSqlDatabase::removeDatabase(other);
    }

    // A real lock held by another connection: SQLite's "database is locked"
    // (another writer's transaction) and PostgreSQL's lock timeout (another
    // session holding the table). The flush fails as any failed flush does,
    // and once the other connection lets go the session goes on.
    void lockedByAnotherConnection()
    {
        QTemporaryDir dir;
        DatabaseSettings db;
        if (mstest::onPostgres()) {
            MS_FRESH_DATABASE(db);
        } else {
            db.name = dir.filePath(QStringLiteral("locked.sqlite"));
        }
        Fixture f(kProject, &db);
        Instance *a1 = f.author(QStringLiteral("a1"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a1).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->set(a1, QStringLiteral("name"), QStringLiteral("Anna")).ok());
        Instance *a2 = f.author(QStringLiteral("a2"), QStringLiteral("Bob"));
        QVERIFY(f.s->add(a2).ok());

        const QString other = QStringLiteral("blocker");
        {
            QSqlDatabase blocker = QSqlDatabase::addDatabase(db.driver, other);
            blocker.setDatabaseName(db.name);
            blocker.setHostName(db.host);
            if (db.port)
                blocker.setPort(db.port);
            blocker.setUserName(db.user);
            QVERIFY2(blocker.open(), qPrintable(blocker.lastError().text()));
            QSqlQuery b(blocker);
            QSqlQuery ours(f.s->connection().database());
            if (mstest::onPostgres()) {
                QVERIFY(ours.exec(QStringLiteral("SET lock_timeout = '200ms'")));
                QVERIFY(b.exec(QStringLiteral("BEGIN")));
                QVERIFY2(b.exec(QStringLiteral("LOCK TABLE authors IN ACCESS EXCLUSIVE MODE")), qPrintable(b.lastError().text()));
            } else {
                QVERIFY(ours.exec(QStringLiteral("PRAGMA busy_timeout = 100")));
                QVERIFY2(b.exec(QStringLiteral("BEGIN IMMEDIATE")), qPrintable(b.lastError().text()));
            }

            auto r = f.s->flush();
            QVERIFY(!r.ok());
            QCOMPARE(r.error().kind, QStringLiteral("OperationalError"));
            const QString lockText = mstest::onPostgres() ? QStringLiteral("lock timeout") : QStringLiteral("database is locked");
            QVERIFY2(r.error().message.contains(lockText), qPrintable(r.error().toString()));
            // as after any failed flush (SQLAlchemy rolls its transaction
            // back): Ann persistent and expired, Bob expunged, transient again
            QCOMPARE(a1->state(), ObjectState::Persistent);
            QVERIFY(a1->isExpired(1));
            QCOMPARE(a2->state(), ObjectState::Transient);
            QVERIFY(f.s->newObjects().isEmpty());
            QVERIFY(f.s->needsRollback());

            QVERIFY(b.exec(QStringLiteral("ROLLBACK")));
            // nothing of the flush reached the database
            QVERIFY(b.exec(QStringLiteral("SELECT name FROM authors")));
            QStringList names;
            while (b.next())
                names << b.value(0).toString();
            QCOMPARE(names, QStringList {QStringLiteral("Ann")});
            b.finish();
            blocker.close();
        }
        QSqlDatabase::removeDatabase(other);
        // the lock gone, the session goes on
        QVERIFY(f.s->rollback().ok());
        QVERIFY(f.s->set(a1, QStringLiteral("name"), QStringLiteral("Anna")).ok());
        QVERIFY(f.s->add(a2).ok());
        auto again = f.s->commit();
        QVERIFY2(again.ok(), qPrintable(again.error().toString()));
        auto rows = f.s->query(QStringLiteral("Author"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestFlushFaults)
#include "tst_flushfaults.moc"
