#include "events/eventlog.h"
#include "events/eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace ms;

class TestEventLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendsAreBatchedPerEventLoopTurn()
    {
        EventLog log;
        QSignalSpy spy(&log, &EventLog::eventsAppended);
        QVERIFY(spy.isValid());
        for (int i = 0; i < 1000; ++i) {
            Event e;
            e.type = EventType::Set;
            log.append(e);
        }
        QCOMPARE(spy.count(), 0); // nothing until the event loop turns
        QVERIFY(spy.wait(1000));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<qsizetype>(), 0);
        QCOMPARE(spy.at(0).at(1).value<qsizetype>(), 999);
        Event e;
        log.append(e);
        QVERIFY(spy.wait(1000));
        QCOMPARE(spy.at(1).at(0).value<qsizetype>(), 1000);
    }

    void namesAndValues()
    {
        EventLog log;
        const quint32 user = log.defineClass(QStringLiteral("User"), {QStringLiteral("id"), QStringLiteral("name")});
        QCOMPARE(user, 1u);
        QCOMPARE(log.className(user), QStringLiteral("User"));
        QCOMPARE(log.attributeName(user, 2), QStringLiteral("name"));
        QCOMPARE(log.attributeName(user, 3), QString());
        QCOMPARE(log.className(7), QString());
        log.setObjectLabel(5, QStringLiteral("u1"));
        QCOMPARE(log.objectLabel(5), QStringLiteral("u1"));
        QCOMPARE(log.objectLabel(4), QString());
        const quint32 v = log.addValue(QStringLiteral("ed"));
        QCOMPARE(log.value(v).toString(), QStringLiteral("ed"));
        QVERIFY(!log.value(0).isValid());
    }

    void modelFollowsTheLog()
    {
        EventLog log;
        const quint32 user = log.defineClass(QStringLiteral("User"), {QStringLiteral("id"), QStringLiteral("name")});
        EventLogModel model(&log);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        Event e;
        e.type = EventType::Set;
        e.classId = user;
        e.attribute = 2;
        e.objectId = 1;
        log.setObjectLabel(1, QStringLiteral("u1"));
        e.value = log.addValue(QStringLiteral("ed"));
        for (int i = 0; i < 50; ++i)
            log.append(e);
        QTRY_COMPARE(model.rowCount(), 50);
        QCOMPARE(inserted.count(), 1); // one batch, not 50 inserts
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.data(model.index(0, EventLogModel::Hook)).toString(), QStringLiteral("set"));
        QCOMPARE(model.data(model.index(0, EventLogModel::Class)).toString(), QStringLiteral("User"));
        QCOMPARE(model.data(model.index(0, EventLogModel::Object)).toString(), QStringLiteral("u1"));
        QCOMPARE(model.data(model.index(0, EventLogModel::Attribute)).toString(), QStringLiteral("name"));
        QCOMPARE(model.data(model.index(0, EventLogModel::Value)).toString(), QStringLiteral("\u0027ed\u0027"));
        QCOMPARE(model.data(model.index(49, EventLogModel::Seq)).toLongLong(), 50);
        QVERIFY(!model.data(model.index(0, EventLogModel::Hook), Qt::ToolTipRole).toString().isEmpty());
        log.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(log.generation(), 1u);
        log.append(e);
        QTRY_COMPARE(model.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
