// Listener options, Ming extensions, listeners that throw, the listeners'
// actions and a pause inside a hook.
#include "sessionfixture.h"

#include <QSqlDriver>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;
using namespace mstest::session;

class TestListeners : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (mstest::onPostgres() && qEnvironmentVariableIsEmpty("MS_TEST_PGURL"))
            QSKIP(mstest::kNoServer);
    }

    void retvalListenerReplacesTheValue()
    {
        Fixture f;
        auto h = f.play.dispatcher.listenValue(
            ListenTarget::attributeOf(f.cls("Author"), f.attr("Author", "name")), EventType::Set,
            [](const Event &, const QVariant &v) { return QVariant(v.toString().toUpper()); });
        QVERIFY(h.ok());
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("ann"));
        QCOMPARE(a->value(1).toString(), QStringLiteral("ANN"));
        // refused where no value can be replaced
        QVERIFY(!f.play.dispatcher.listenValue(ListenTarget::mapper(), EventType::BeforeInsert,
                                               [](const Event &, const QVariant &v) { return v; }).ok());
    }

    void insertOnceAndStopOptions()
    {
        Fixture f;
        QStringList order;
        auto add = [&](const char *name, ListenOptions o) {
            return f.play.dispatcher.listen(ListenTarget::mapper(), EventType::BeforeInsert,
                                            [&order, name](const Event &) { order << QLatin1String(name); }, o);
        };
        QVERIFY(add("first", {}).ok());
        QVERIFY(add("inserted", {.insert = true}).ok());
        QVERIFY(add("once", {.once = true}).ok());
        auto stop = f.play.dispatcher.listenStop(ListenTarget::mapper(), EventType::BeforeInsert,
                                                 [&order](const Event &) { order << QStringLiteral("stop"); return true; });
        QVERIFY(stop.ok());
        QVERIFY(add("never", {}).ok());
        QVERIFY(f.s->add(f.author(QStringLiteral("a"), QStringLiteral("Ann"))).ok());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(order, (QStringList{"inserted", "first", "once", "stop"}));
        order.clear();
        QVERIFY(f.s->add(f.author(QStringLiteral("b"), QStringLiteral("Bob"))).ok());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(order, (QStringList{"inserted", "first", "stop"}));
        // stop exists for mapper hooks only
        QVERIFY(!f.play.dispatcher.listenStop(ListenTarget::session(), EventType::BeforeFlush,
                                              [](const Event &) { return true; }).ok());
    }

    void wrongTargetIsRefused()
    {
        Fixture f;
        auto r = f.play.dispatcher.listen(ListenTarget::session(), EventType::BeforeInsert, [](const Event &) {});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("before_insert")));
        QVERIFY(!f.play.dispatcher.listen(ListenTarget::mapper(), EventType::Set, [](const Event &) {}).ok());
    }

    void extensionsChainAndWrap()
    {
        Fixture f;
        QStringList calls;
        QVERIFY(f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("s1"), &calls)).ok());
        QVERIFY(f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("s2"), &calls)).ok());
        QVERIFY(f.s->registerExtension(QStringLiteral("Author"),
                                       std::make_shared<Recorder>(QStringLiteral("m1"), &calls)).ok());
        QVERIFY(!f.s->registerExtension(QStringLiteral("Nope"),
                                        std::make_shared<Recorder>(QStringLiteral("m2"), &calls)).ok());
        QVERIFY(f.s->add(f.author(QStringLiteral("a"), QStringLiteral("Ann"))).ok());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(calls, (QStringList{"s1.before_flush", "s2.before_flush", "s1.before_insert a",
                                     "s2.before_insert a", "m1.before_insert a", "m1.after_insert a",
                                     "s1.after_insert a", "s2.after_insert a", "s1.after_flush",
                                     "s2.after_flush"}));
        // each extension call is on the timeline, marked with its name
        // (the flush hooks of session extensions too)
        int marked = 0;
        for (qsizetype i = 0; i < f.play.log.size(); ++i)
            if (f.play.log.at(i).flags & Event::Extension)
                ++marked;
        QCOMPARE(marked, int(calls.size()));
        // Ming: registering after first use is refused
        auto late = f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("late"), &calls));
        QVERIFY(!late.ok());
        QVERIFY(late.error().message.contains(QStringLiteral("first used")));
        calls.clear();
        QVERIFY(f.s->bulkDelete(QStringLiteral("Author"), {}).ok());
        QCOMPARE(calls, (QStringList{"s1.before_remove Author", "s2.before_remove Author",
                                     "m1.before_remove Author", "m1.after_remove Author",
                                     "s1.after_remove Author", "s2.after_remove Author"}));
    }

    void extensionExceptionStopsTheChainAndTheFlush()
    {
        Fixture f;
        QStringList calls;
        QVERIFY(f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("bad"), &calls, true)).ok());
        QVERIFY(f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("next"), &calls)).ok());
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        auto r = f.s->flush();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().toString().contains(QStringLiteral("before_insert")), qPrintable(r.error().toString()));
        QCOMPARE(calls, (QStringList{"bad.before_flush", "next.before_flush", "bad.before_insert a"}));
        QCOMPARE(f.count(EventType::AfterInsert), 0);
        QCOMPARE(a->state(), ObjectState::Transient); // SQLAlchemy: the rollback expunges pending objects
        QVERIFY(f.s->needsRollback());
        QVERIFY(f.s->rollback().ok());
        QVERIFY(!f.s->needsRollback());
    }

    void listenerThrowingInEachCategory_data()
    {
        QTest::addColumn<int>("hook");
        QTest::newRow("session before_flush") << int(EventType::BeforeFlush);
        QTest::newRow("session after_begin") << int(EventType::AfterBegin);
        QTest::newRow("mapper before_insert") << int(EventType::BeforeInsert);
        QTest::newRow("mapper after_insert") << int(EventType::AfterInsert);
        QTest::newRow("session after_flush") << int(EventType::AfterFlush);
        QTest::newRow("instance refresh_flush") << int(EventType::RefreshFlush);
        QTest::newRow("attribute set (flush)") << int(EventType::Set);
        QTest::newRow("session pending_to_persistent") << int(EventType::PendingToPersistent);
    }

    void listenerThrowingInEachCategory()
    {
        QFETCH(int, hook);
        const auto type = EventType(hook);
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        Instance *b = f.book(QStringLiteral("b"), QStringLiteral("Dune"));
        QVERIFY(f.s->append(a, QStringLiteral("books"), b).ok());
        QVERIFY(f.s->add(a).ok());
        const TargetKind kind = eventInfo(type).target;
        ListenTarget target = kind == TargetKind::Session ? ListenTarget::session()
            : kind == TargetKind::Mapper                 ? ListenTarget::mapper()
                                                         : ListenTarget::attributeOf(0, 0);
        auto h = f.play.dispatcher.listen(target, type, [](const Event &) { throw Thrower(); });
        QVERIFY(h.ok());
        auto r = f.s->flush();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().where.contains(eventName(type)), qPrintable(r.error().toString()));
        QVERIFY(r.error().message.contains(QStringLiteral("refused by the listener")));
        // consistent afterwards: nothing half-flushed; after rollback a clean retry works
        QVERIFY(f.s->rollback().ok());
        QVERIFY(f.play.dispatcher.remove(*h));
        QVERIFY(f.s->add(a).ok());
        QVERIFY2(f.s->commit().ok(), "the session must go on working");
        QCOMPARE(a->state(), ObjectState::Persistent);
        QCOMPARE(b->state(), ObjectState::Persistent);
        auto rows = f.s->query(QStringLiteral("Book"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
    }

    void listenerThrowingOnAssignmentLeavesTheValue()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.play.dispatcher.listen(ListenTarget::attributeOf(0, 0), EventType::Set,
                                         [](const Event &) { throw Thrower(); }).ok());
        auto r = f.s->set(a, QStringLiteral("name"), QStringLiteral("Bob"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, QStringLiteral("ListenerError"));
        QCOMPARE(a->value(1).toString(), QStringLiteral("Ann"));
    }

    // The project's listeners with their actions (listeners panel):
    // set (a slug from the title, the classic updated_at, a counter), log
    // (the event highlighted), raise (the flush rolls back with the message).
    void listenerActions()
    {
        Fixture f(kNotesProject);
        ListenerActions actions(&f.play.dispatcher, &f.play.log, &f.play.registry, f.s);
        QVERIFY(actions.install(
            {mstest::listener("before_insert", "Note", "set",
                         {{"attr", "slug"}, {"compute", "lower"}, {"of", "title"}}),
             mstest::listener("before_insert", "Note", "set", {{"attr", "number"}, {"compute", "counter"}}),
             mstest::listener("before_update", "*", "set", {{"attr", "updated_at"}, {"compute", "now"}}),
             mstest::listener("after_insert", "Note", "log")}));
        QCOMPARE(actions.count(), 4);
        Instance *n1 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n1"),
                                       {{QStringLiteral("title"), QStringLiteral("Hello World")}});
        Instance *n2 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n2"),
                                       {{QStringLiteral("title"), QStringLiteral("Second")}});
        QVERIFY(f.s->add(n1).ok());
        QVERIFY(f.s->add(n2).ok());
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->commit().ok());
        // each before_insert is followed by the two sets it made, then the INSERTs carry them
        const QStringList hooks = f.hooks(from, true);
        const int firstInsert = int(hooks.indexOf(QStringLiteral("before_insert")));
        QCOMPARE(hooks.mid(firstInsert, 6),
                 (QStringList {"before_insert", "set", "set", "before_insert", "set", "set"}));
        QVERIFY(hooks.indexOf(QStringLiteral("statement"), firstInsert) > firstInsert + 5);
        QSqlQuery q(f.s->connection().database());
        QVERIFY(q.exec(QStringLiteral("SELECT title, slug, number, updated_at FROM notes ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QStringLiteral("hello world"));
        QCOMPARE(q.value(2).toInt(), 1);
        QVERIFY(q.value(3).isNull());
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QStringLiteral("second"));
        QCOMPARE(q.value(2).toInt(), 2);
        q.finish();
        // log: the after_insert events are highlighted, nothing else
        qsizetype listened = 0;
        for (qsizetype i = from; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.flags & Event::Listened) {
                QCOMPARE(e.type, EventType::AfterInsert);
                ++listened;
            }
        }
        QCOMPARE(listened, 2);
        // updated_at: written in before_update, sent with the UPDATE
        QVERIFY(f.s->set(n1, QStringLiteral("title"), QStringLiteral("Changed")).ok());
        const qsizetype update = f.play.log.size();
        QVERIFY(f.s->commit().ok());
        const QStringList updateHooks = f.hooks(update, true);
        const int before = int(updateHooks.indexOf(QStringLiteral("before_update")));
        QVERIFY(before >= 0);
        QCOMPARE(updateHooks.value(before + 1), QStringLiteral("set"));
        QVERIFY(q.exec(QStringLiteral("SELECT updated_at FROM notes WHERE title = 'Changed'")));
        QVERIFY(q.next());
        QVERIFY(!q.value(0).isNull());
        q.finish();

        // raise: the flush rolls back, with the message and the hook's name
        QVERIFY(actions.install({mstest::listener("before_insert", "Note", "raise",
                                             {{"message", "no new notes during the exam"}})}));
        Instance *n3 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n3"),
                                       {{QStringLiteral("title"), QStringLiteral("Third")}});
        QVERIFY(f.s->add(n3).ok());
        const qsizetype beforeRaise = f.play.log.size();
        auto r = f.s->flush();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("no new notes during the exam"));
        QVERIFY(r.error().where.contains(QLatin1String("before_insert")));
        // the hook that raised is where the flush failed: marked, for the
        // timeline's cross and its red flush band
        {
            qsizetype raised = -1;
            for (qsizetype i = beforeRaise; i < f.play.log.size(); ++i)
                if (f.play.log.at(i).type == EventType::BeforeInsert)
                    raised = i;
            QVERIFY(raised >= 0);
            QVERIFY(f.play.log.at(raised).flags & Event::Failed);
            for (qsizetype i = beforeRaise; i < raised; ++i)
                QVERIFY2(!(f.play.log.at(i).flags & Event::Failed), qPrintable(eventName(f.play.log.at(i).type)));
        }
        QVERIFY(f.s->rollback().ok());
        QCOMPARE(n3->state(), ObjectState::Transient);
        actions.clear();
        QVERIFY(f.s->add(n3).ok());
        QVERIFY(f.s->commit().ok());

        // A set listener that fires itself (its target takes the attribute
        // it sets) fails the assignment instead of recursing without end.
        for (const ListenerDef &loop :
             {mstest::listener("set", "Note.title", "set", {{"attr", "title"}, {"value", "x"}}),
              mstest::listener("set", "*", "set", {{"attr", "slug"}, {"compute", "lower"}, {"of", "title"}})}) {
            QVERIFY(actions.install({loop}));
            auto looped = f.s->set(n3, QStringLiteral("title"), QStringLiteral("Loop"));
            QVERIFY(!looped.ok());
            QVERIFY2(looped.error().message.contains(QLatin1String("again")),
                     qPrintable(looped.error().message));
            QCOMPARE(looped.error().kind, QStringLiteral("ListenerError"));
            QVERIFY(f.s->rollback().ok());
        }
        actions.clear();

        // what the model cannot take is refused, naming the listener
        for (const ListenerDef &bad : {mstest::listener("before_insert", "Nope", "log"),
                                       mstest::listener("before_flush", "*", "set", {{"attr", "slug"}}),
                                       mstest::listener("before_insert", "Note", "set", {{"attr", "nope"}}),
                                       mstest::listener("before_insert", "Note", "shout"),
                                       mstest::listener("no_such_hook", "*", "log")}) {
            auto refused = actions.install({mstest::listener("after_insert", "Note", "log"), bad});
            QVERIFY2(!refused.ok(), qPrintable(bad.event + QLatin1Char(' ') + bad.action));
            QCOMPARE(refused.error().where, QStringLiteral("listeners[1]"));
        }
    }

    // Listeners grouped as Ming-style extensions: a mapper extension of Note
    // and a session extension, their methods chained in the project's
    // order and shown with their names; changed after the session was used,
    // they take effect at the next Apply and the old ones go quiet.
    void listenersAsMingExtensions()
    {
        Fixture f(kNotesProject);
        ListenerActions actions(&f.play.dispatcher, &f.play.log, &f.play.registry, f.s);
        QVERIFY(actions.install(
            {mstest::listener("before_insert", "Note", "set",
                              {{"attr", "slug"}, {"compute", "lower"}, {"of", "title"}, {"extension", "Slugs"}}),
             mstest::listener("after_insert", "*", "log", {{"extension", "Audit"}}),
             mstest::listener("before_flush", "*", "log", {{"extension", "Audit"}}),
             mstest::listener("before_insert", "Note", "set",
                              {{"attr", "number"}, {"value", 7}, {"extension", "Slugs"}})}));
        QCOMPARE(actions.count(), 2); // two extensions
        Instance *n1 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n1"),
                                       {{QStringLiteral("title"), QStringLiteral("Hello World")}});
        QVERIFY(f.s->add(n1).ok());
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->flush().ok());
        // each extension's hook is on the timeline with its name; Slugs' two
        // listeners are one method (two sets). An extension has only the
        // methods its listeners give it: Audit has no before_insert, Slugs no
        // after_insert, and those calls are neither run nor recorded.
        QStringList extensionEvents;
        qsizetype listened = 0;
        for (qsizetype i = from; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.flags & Event::Extension)
                extensionEvents << eventName(e.type) + QLatin1Char(' ') + f.play.log.value(e.value).toString();
            if (e.flags & Event::Listened) {
                QVERIFY(e.flags & Event::Extension);
                ++listened;
            }
        }
        QCOMPARE(extensionEvents,
                 (QStringList {"before_flush Audit", "before_insert Slugs", "after_insert Audit"}));
        QCOMPARE(listened, 2); // Audit's before_flush and after_insert methods
        QCOMPARE(n1->value(2).toString(), QStringLiteral("hello world"));
        QCOMPARE(n1->value(3).toInt(), 7);
        QVERIFY(f.s->commit().ok());
        // what Ming cannot take: a hook without a method, one name on two owners
        QVERIFY(!actions.install({mstest::listener("init", "Note", "log", {{"extension", "X"}})}));
        auto twoOwners = actions.install({mstest::listener("before_insert", "Note", "log", {{"extension", "X"}}),
                                          mstest::listener("after_insert", "*", "log", {{"extension", "X"}})});
        QVERIFY(!twoOwners.ok());
        QCOMPARE(twoOwners.error().where, QStringLiteral("listeners[1]"));
        // the session was used: new extensions wait for the next Apply; the old ones are quiet
        auto later = actions.install({mstest::listener("before_insert", "Note", "log", {{"extension", "Late"}})});
        QVERIFY(!later.ok());
        QVERIFY2(later.error().message.contains(QLatin1String("next Apply")), qPrintable(later.error().message));
        Instance *n2 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n2"),
                                       {{QStringLiteral("title"), QStringLiteral("Quiet")}});
        QVERIFY(f.s->add(n2).ok());
        QVERIFY(f.s->flush().ok());
        QVERIFY(n2->value(2).isNull());
        QVERIFY(n2->value(3).isNull());
    }

    // A pause listener on before_insert: the flush stops inside the hook
    // with the object still pending; Step stops at the very next event; Run
    // to End finishes, and the trace is the one without the pause.
    void pauseInsideAHook()
    {
        auto play = [](bool pause, QStringList *stops, QStringList *states, QStringList *trace) {
            Fixture f(kNotesProject);
            Stepper stepper(&f.play.dispatcher);
            ListenerActions actions(&f.play.dispatcher, &f.play.log, &f.play.registry, f.s, &stepper);
            if (pause)
                (void)actions.install({mstest::listener("before_insert", "Note", "pause")});
            QObject::connect(&stepper, &Stepper::paused, &stepper, [&](qsizetype index) {
                const Event &e = f.play.log.at(index);
                *stops << eventName(e.type) + QLatin1Char(' ') + f.play.log.objectLabel(e.objectId);
                if (Instance *o = f.s->object(e.objectId))
                    *states << objectStateName(o->state());
                // first stop: step once; second: run to the end
                QTimer::singleShot(0, &stepper, [&stepper, stops] {
                    stops->size() == 1 ? stepper.step() : stepper.runToEnd();
                });
            });
            for (const char *label : {"n1", "n2"})
                QVERIFY(f.s->add(*f.s->newObject(QStringLiteral("Note"), QLatin1String(label),
                                                 {{QStringLiteral("title"), QLatin1String(label)}})).ok());
            QVERIFY(f.s->flush().ok());
            stepper.operationFinished();
            QVERIFY(!stepper.isPaused());
            *trace = f.hooks(0, true);
        };
        QStringList stops, states, paused;
        play(true, &stops, &states, &paused);
        QCOMPARE(stops, (QStringList {"before_insert n1", "before_insert n2"}));
        QCOMPARE(states, (QStringList {"pending", "pending"}));
        QStringList none, noStates, plain;
        play(false, &none, &noStates, &plain);
        QVERIFY(none.isEmpty());
        QCOMPARE(paused, plain);
    }
};

QTEST_GUILESS_MAIN(TestListeners)
#include "tst_listeners.moc"
