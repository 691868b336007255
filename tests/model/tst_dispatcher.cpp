#include "events/dispatcher.h"
#include "events/eventlog.h"

#include <QTest>

using namespace ms;

static Event make(EventType type, quint32 classId = 0, quint32 attribute = 0)
{
    Event e;
    e.type = type;
    e.classId = classId;
    e.attribute = attribute;
    return e;
}

class TestDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listenersRunInRegistrationOrderInsertFirst()
    {
        Dispatcher d;
        QStringList calls;
        const auto log = [&](const char *name) { return [&, name](const Event &) { calls << QLatin1String(name); }; };
        QVERIFY(d.listen(ListenTarget::mapper(), EventType::BeforeInsert, log("a")).ok());
        QVERIFY(d.listen(ListenTarget::mapper(), EventType::BeforeInsert, log("b")).ok());
        QVERIFY(d.listen(ListenTarget::mapper(), EventType::BeforeInsert, log("i1"), {.insert = true}).ok());
        QVERIFY(d.listen(ListenTarget::mapper(), EventType::BeforeInsert, log("i2"), {.insert = true}).ok());
        d.fire(make(EventType::BeforeInsert, 1));
        QCOMPARE(calls, (QStringList{"i2", "i1", "a", "b"}));
    }

    void targetsFilter()
    {
        Dispatcher d;
        int user = 0, all = 0, name = 0, anyAttr = 0;
        QVERIFY(d.listen(ListenTarget::mapper(1), EventType::AfterInsert, [&](const Event &) { ++user; }).ok());
        QVERIFY(d.listen(ListenTarget::mapper(), EventType::AfterInsert, [&](const Event &) { ++all; }).ok());
        QVERIFY(d.listen(ListenTarget::attributeOf(1, 2), EventType::Set, [&](const Event &) { ++name; }).ok());
        QVERIFY(d.listen(ListenTarget::attributeOf(0, 0), EventType::Set, [&](const Event &) { ++anyAttr; }).ok());
        d.fire(make(EventType::AfterInsert, 1));
        d.fire(make(EventType::AfterInsert, 2));
        d.fire(make(EventType::Set, 1, 2));
        d.fire(make(EventType::Set, 1, 3));
        d.fire(make(EventType::Set, 2, 2));
        QCOMPARE(user, 1);
        QCOMPARE(all, 2);
        QCOMPARE(name, 1);
        QCOMPARE(anyAttr, 3);
    }

    void wrongTargetIsRefused_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("mapper hook on session") << int(EventType::BeforeInsert) << int(TargetKind::Session)
            << "before_insert is a hook of a mapper; it cannot be listened to on the session";
        QTest::newRow("session hook on mapper") << int(EventType::BeforeFlush) << int(TargetKind::Mapper)
            << "before_flush is a hook of the session; it cannot be listened to on a mapper";
        QTest::newRow("attribute hook on mapper") << int(EventType::Set) << int(TargetKind::Mapper)
            << "set is a hook of an attribute; it cannot be listened to on a mapper";
        QTest::newRow("not a hook") << int(EventType::Statement) << int(TargetKind::Session)
            << "statement is not a hook; it cannot be listened to";
    }

    void wrongTargetIsRefused()
    {
        QFETCH(int, type);
        QFETCH(int, kind);
        Dispatcher d;
        const auto r = d.listen(ListenTarget{TargetKind(kind), 0, 0}, EventType(type), [](const Event &) {});
        QVERIFY(!r.ok());
        QTEST(r.error().message, "message");
        QCOMPARE(d.listenerCount(EventType(type)), 0);
        QVERIFY(!d.isActive(EventType(type)));
    }

    void onceAndRemove()
    {
        Dispatcher d;
        int once = 0, always = 0;
        QVERIFY(d.listen(ListenTarget::session(), EventType::BeforeFlush, [&](const Event &) { ++once; }, {.once = true}).ok());
        const auto h = d.listen(ListenTarget::session(), EventType::BeforeFlush, [&](const Event &) { ++always; });
        QVERIFY(h.ok());
        d.fire(make(EventType::BeforeFlush));
        d.fire(make(EventType::BeforeFlush));
        QCOMPARE(once, 1);
        QCOMPARE(always, 2);
        QVERIFY(d.remove(*h));
        QVERIFY(!d.remove(*h));
        d.fire(make(EventType::BeforeFlush));
        QCOMPARE(always, 2);
        QVERIFY(!d.isActive(EventType::BeforeFlush));
    }

    // Adding or removing a listener while the hook fires takes effect from
    // the next firing.
    void changesDuringFiringApplyNextTime()
    {
        Dispatcher d;
        int added = 0, second = 0;
        Dispatcher::Handle secondHandle = 0;
        QVERIFY(d.listen(ListenTarget::session(), EventType::AfterCommit, [&](const Event &) {
            d.remove(secondHandle);
            (void)d.listen(ListenTarget::session(), EventType::AfterCommit, [&](const Event &) { ++added; });
        }, {.once = true}).ok());
        secondHandle = *d.listen(ListenTarget::session(), EventType::AfterCommit, [&](const Event &) { ++second; });
        d.fire(make(EventType::AfterCommit));
        QCOMPARE(second, 1); // removed during the firing, still called this time
        QCOMPARE(added, 0);  // added during the firing, not called this time
        d.fire(make(EventType::AfterCommit));
        QCOMPARE(second, 1);
        QCOMPARE(added, 1);
    }

    void recorderFirstThenListeners()
    {
        Dispatcher d;
        EventLog log;
        QVERIFY(!d.isActive(EventType::Load));
        d.setRecorder(&log);
        QVERIFY(d.isActive(EventType::Load));
        qsizetype sizeSeenByListener = -1;
        QVERIFY(d.listen(ListenTarget::mapper(), EventType::Load, [&](const Event &) { sizeSeenByListener = log.size(); }).ok());
        d.fire(make(EventType::Load, 1));
        d.fire(make(EventType::Expire, 1));
        // The event is recorded before its listeners run, so what they do
        // (further events, say) follows it in the log.
        QCOMPARE(sizeSeenByListener, 1);
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.at(1).type, EventType::Expire);
    }
};

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
