#include "events/eventlog.h"
#include "events/eventlogmodel.h"
#include "core/stringhash.h"

#include "orm/instance.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <unordered_set>

using namespace ms;

class TestEventLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The hash of the label map and the log's interned names: short keys
    // that differ in one character land in different buckets, and equal
    // strings hash equally whatever their storage.
    void stringHashSpreadsShortKeys()
    {
        const ms::StringHash hash;
        std::unordered_set<size_t> seen;
        for (int i = 1; i <= 100000; ++i)
            seen.insert(hash(QStringLiteral("u%1").arg(i)));
        QVERIFY2(seen.size() >= 99990, qPrintable(QString::number(seen.size())));
        std::unordered_set<size_t> low;
        for (const size_t h : seen)
            low.insert(h & 1023); // the buckets of a small table
        QCOMPARE(low.size(), size_t(1024));
        QCOMPARE(hash(QStringLiteral("flush")), hash(QString::fromLatin1("flush")));
        QVERIFY(hash(QStringLiteral("user1")) != hash(QStringLiteral("user2")));
        QVERIFY(hash(QString()) == hash(QStringLiteral("")));
    }

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
        QCOMPARE(log.objectLabel(6), QString());
        // an id given again (a second session's object) takes the new label
        log.setObjectLabel(5, QStringLiteral("Пользователь#1 \u0022q\u0027"));
        QCOMPARE(log.objectLabel(5), QStringLiteral("Пользователь#1 \u0022q\u0027"));
        log.setObjectLabel(1, QString());
        QCOMPARE(log.objectLabel(1), QString());
        log.setObjectLabel(300, QString(70000, QLatin1Char('x')));
        QCOMPARE(log.objectLabel(300).size(), 70000);
        QCOMPARE(log.objectLabel(5), QStringLiteral("Пользователь#1 \u0022q\u0027"));
        log.restart();
        QCOMPARE(log.objectLabel(5), QString());
        const quint32 v = log.addValue(QStringLiteral("ed"));
        QCOMPARE(log.value(v).toString(), QStringLiteral("ed"));
        QVERIFY(!log.value(0).isValid());
    }

    void timesKeep48Bits()
    {
        Event e;
        for (const qint64 ns : {qint64(0), qint64(1), qint64(0xFFFFFFFF), qint64(0x100000000),
                                qint64(3) * 3600 * 1000000000, Event::MaxNsecs}) {
            e.setNsecs(ns);
            QCOMPARE(e.nsecs(), ns);
        }
        e.setNsecs(Event::MaxNsecs + 1);
        QCOMPARE(e.nsecs(), Event::MaxNsecs);
        e.setNsecs(-5);
        QCOMPARE(e.nsecs(), qint64(0));
    }

    void valuesComeBackAsTheyWent_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::newRow("invalid") << QVariant();
        QTest::newRow("None") << QVariant::fromValue(nullptr);
        QTest::newRow("true") << QVariant(true);
        QTest::newRow("false") << QVariant(false);
        QTest::newRow("int") << QVariant(-42);
        QTest::newRow("int min") << QVariant(std::numeric_limits<int>::min());
        QTest::newRow("long long") << QVariant(qlonglong(1) << 60);
        QTest::newRow("long long min") << QVariant(std::numeric_limits<qlonglong>::min());
        QTest::newRow("double") << QVariant(-0.1);
        QTest::newRow("empty text") << QVariant(QString(""));
        QTest::newRow("latin-1") << QVariant(QStringLiteral("caf\u00e9 O'Brien"));
        QTest::newRow("unicode") << QVariant(QStringLiteral("\u0416\u0443\u043a \U0001F600"));
        QTest::newRow("typed null") << QVariant(QMetaType::fromType<QString>());
        QTest::newRow("date") << QVariant(QDate(1969, 7, 20));
        QTest::newRow("date-time") << QVariant(QDateTime(QDate(2026, 11, 21), QTime(9, 30)));
        QTest::newRow("bytes") << QVariant(QByteArray("\x00\xff", 2));
        QTest::newRow("object") << QVariant::fromValue(ObjectRef{123456});
        QTest::newRow("string list") << QVariant(QStringList{QStringLiteral("a"), QStringLiteral("\u0416")});
        QTest::newRow("list") << QVariant(QVariantList{1, QStringLiteral("x"), QVariant(),
                                                       QVariantList{2.5}});
        QTest::newRow("map") << QVariant(QVariantMap{{QStringLiteral("nested"), false},
                                                    {QStringLiteral("k"), QVariantList{3}}});
        QTest::newRow("huge text") << QVariant(QString(100000, QLatin1Char('x')));
    }

    void valuesComeBackAsTheyWent()
    {
        QFETCH(QVariant, value);
        EventLog log;
        // between others, so that an offset mistake shows
        const quint32 before = log.addValue(QStringLiteral("before"));
        const quint32 handle = log.addValue(value);
        const quint32 after = log.addValue(7);
        QVERIFY(handle != 0);
        const QVariant back = log.value(handle);
        QCOMPARE(back.metaType(), value.metaType());
        QCOMPARE(back.isNull(), value.isNull());
        QCOMPARE(back, value);
        QCOMPARE(log.value(before), QVariant(QStringLiteral("before")));
        QCOMPARE(log.value(after), QVariant(7));
    }

    void statementsAndManyValues()
    {
        EventLog log;
        const QString sql = QStringLiteral("INSERT INTO \"t\" (\"a\") VALUES (?)");
        QList<quint32> handles;
        for (int i = 0; i < 20000; ++i)
            handles << log.addStatement(sql, {i, QStringLiteral("n%1").arg(i)}, QStringLiteral("flush"),
                                        0.25, 1, QString());
        const quint32 failed = log.addStatement(sql, {}, QStringLiteral("flush"), 1.5, -1,
                                                QStringLiteral("UNIQUE constraint failed"));
        const QVariantMap first = log.value(handles.first()).toMap();
        QCOMPARE(first.value(QStringLiteral("sql")).toString(), sql);
        QCOMPARE(first.value(QStringLiteral("params")).toList(), (QVariantList{0, QStringLiteral("n0")}));
        QCOMPARE(first.value(QStringLiteral("source")).toString(), QStringLiteral("flush"));
        QCOMPARE(first.value(QStringLiteral("ms")).toDouble(), 0.25);
        QCOMPARE(first.value(QStringLiteral("rows")).toLongLong(), 1);
        const QVariantMap last = log.value(handles.last()).toMap();
        QCOMPARE(last.value(QStringLiteral("params")).toList().value(1).toString(),
                 QStringLiteral("n19999"));
        const QVariantMap error = log.value(failed).toMap();
        QCOMPARE(error.value(QStringLiteral("error")).toString(),
                 QStringLiteral("UNIQUE constraint failed"));
        QVERIFY(!error.contains(QStringLiteral("rows")));
        // 20,000 statements span several pages; the SQL text is kept once
        QVERIFY(log.memoryBytes() < 20000 * 40);

        // a handle kept from before a clear decodes to something, never crashes
        log.clear();
        log.addValue(QStringLiteral("x"));
        for (quint32 h : {handles.first(), handles.last(), failed})
            (void)log.value(h);
        QCOMPARE(log.value(0), QVariant());
    }

    void statementCausesComeBackAndLeaveTheRowCountSettable()
    {
        EventLog log;
        const quint32 user = log.defineClass(QStringLiteral("User"), {QStringLiteral("id"), QStringLiteral("posts")});
        log.setObjectLabel(7, QStringLiteral("u1"));
        const StatementCause insert {StatementCause::Kind::Insert, 7, quint16(user), 0};
        const StatementCause lazy {StatementCause::Kind::LazyLoad, 7, quint16(user), 2};
        const quint32 h = log.addStatement(QStringLiteral("INSERT"), {1}, QStringLiteral("flush"), 0.5, 0,
                                           QString(), insert, lazy);
        const quint32 none = log.addStatement(QStringLiteral("SELECT"), {}, QStringLiteral("query"), 0.5, 0,
                                              QString());
        // a cause that is not the flush's keeps no autoflush trigger
        const quint32 q = log.addStatement(QStringLiteral("SELECT 2"), {}, QStringLiteral("load"), 0.5, 0,
                                           QString(), lazy, insert);
        log.finishStatement(h, 2.0, 3);
        const QVariantMap m = log.value(h).toMap();
        QCOMPARE(m.value(QStringLiteral("rows")).toLongLong(), 3);
        QCOMPARE(m.value(QStringLiteral("ms")).toDouble(), 2.0);
        const QVariantMap named = log.namedCause(m.value(QStringLiteral("cause")).toMap());
        QCOMPARE(named.value(QStringLiteral("kind")).toString(), QStringLiteral("insert"));
        QCOMPARE(named.value(QStringLiteral("class")).toString(), QStringLiteral("User"));
        QCOMPARE(named.value(QStringLiteral("ref")).toString(), QStringLiteral("u1"));
        const QVariantMap by = named.value(QStringLiteral("autoflush")).toMap();
        QCOMPARE(by.value(QStringLiteral("kind")).toString(), QStringLiteral("lazy load"));
        QCOMPARE(by.value(QStringLiteral("attr")).toString(), QStringLiteral("posts"));
        QVERIFY(!log.value(none).toMap().contains(QStringLiteral("cause")));
        const QVariantMap lazyOnly = log.namedCause(log.value(q).toMap().value(QStringLiteral("cause")).toMap());
        QCOMPARE(lazyOnly.value(QStringLiteral("attr")).toString(), QStringLiteral("posts"));
        QVERIFY(!lazyOnly.contains(QStringLiteral("autoflush")));
        // every kind comes back, the last one too, and the statement's own
        // fields after it are read where they are
        for (int k = 1; k <= int(StatementCause::Kind::Last); ++k) {
            const StatementCause c {StatementCause::Kind(k), 0, quint16(user), 2};
            const quint32 s = log.addStatement(QStringLiteral("SELECT k"), {k}, QStringLiteral("load"), 0.5, 0,
                                               QString(), c);
            log.finishStatement(s, 1.0, 4);
            const QVariantMap v = log.value(s).toMap();
            QCOMPARE(log.namedCause(v.value(QStringLiteral("cause")).toMap()).value(QStringLiteral("kind")).toString(),
                     StatementCause::kindName(StatementCause::Kind(k)));
            QCOMPARE(v.value(QStringLiteral("rows")).toLongLong(), 4);
        }
    }

    void statementTextsFreedAndMadeAgainKeepTheirOwnText()
    {
        // Interned strings are found again by their data: texts made and
        // freed in turn (the allocator hands out the same address) and
        // literals must each decode to what was given.
        EventLog log;
        QList<quint32> handles;
        QStringList sqls, sources;
        for (int i = 0; i < 400; ++i) {
            const QString sql = QStringLiteral("SELECT %1").arg(i % 7);
            const QString source = i % 2 ? QStringLiteral("flush") : QString(QStringLiteral("lo") + QStringLiteral("ad"));
            handles << log.addStatement(sql, {}, source, 0.5, 0, QString());
            sqls << sql;
            sources << source;
        }
        QString changing = QStringLiteral("SELECT a");
        handles << log.addStatement(changing, {}, QStringLiteral("flush"), 0.5, 0, QString());
        changing[7] = QLatin1Char('b'); // detaches from the interned copy
        handles << log.addStatement(changing, {}, QStringLiteral("flush"), 0.5, 0, QString());
        sqls << QStringLiteral("SELECT a") << QStringLiteral("SELECT b");
        sources << QStringLiteral("flush") << QStringLiteral("flush");
        for (int i = 0; i < handles.size(); ++i) {
            const QVariantMap m = log.value(handles[i]).toMap();
            QCOMPARE(m.value(QStringLiteral("sql")).toString(), sqls[i]);
            QCOMPARE(m.value(QStringLiteral("source")).toString(), sources[i]);
        }
    }

    void timesNeverGoBack()
    {
        EventLog log;
        qint64 last = -1;
        for (int i = 0; i < 100000; ++i) {
            Event e;
            e.type = EventType::Set;
            const qsizetype at = log.append(e);
            QVERIFY(log.at(at).nsecs() >= last);
            last = log.at(at).nsecs();
        }
        QCOMPARE(log.size(), 100000);
        QCOMPARE(log.at(70000).type, EventType::Set);
        QVERIFY(last > 0);
        // against the clock: the stamps follow real time (within 5 ms over 20 ms)
        QElapsedTimer clock;
        clock.start();
        Event e;
        const qint64 start = log.at(log.append(e)).nsecs();
        while (clock.nsecsElapsed() < 20000000) {
        }
        const qint64 span = log.at(log.append(e)).nsecs() - start;
        QVERIFY2(qAbs(span - clock.nsecsElapsed()) < 5000000, qPrintable(QString::number(span)));
    }

    // Issue 25: the time the engine stands paused inside a hook is not the
    // operation's, on the timeline, in the ms column or in the report.
    void heldTimeDoesNotCount()
    {
        EventLog log;
        Event e;
        e.type = EventType::Set;
        const qint64 before = log.at(log.append(e)).nsecs();
        log.holdClock();
        log.holdClock(); // nested: the outermost counts
        QTest::qSleep(60);
        log.releaseClock();
        QVERIFY(log.isClockHeld());
        QTest::qSleep(60);
        log.releaseClock();
        QVERIFY(!log.isClockHeld());
        const qint64 after = log.at(log.append(e)).nsecs();
        QVERIFY2(after - before < 30000000, qPrintable(QString::number(after - before)));
        // and the clock goes on afterwards
        QTest::qSleep(40);
        const qint64 later = log.at(log.append(e)).nsecs();
        QVERIFY2(later - after >= 35000000, qPrintable(QString::number(later - after)));
        log.releaseClock(); // an extra release is harmless
        QVERIFY(log.at(log.append(e)).nsecs() >= later);
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

    // An event whose value tells its own index, in the value kinds the log
    // keeps differently: inline text and numbers, a pair, a statement, and a
    // date-time (kept whole beside the pages).
    static Event numbered(EventLog &log, qsizetype i)
    {
        Event e;
        e.type = EventType::Set;
        switch (i % 4) {
        case 0:
            e.value = log.addValue(QStringLiteral("value %1").arg(i));
            break;
        case 1:
            e.value = log.addValuePair(qlonglong(i), QStringLiteral("old"));
            e.flags = Event::HasOld;
            break;
        case 2:
            e.type = EventType::Statement;
            e.value = log.addStatement(QStringLiteral("SELECT ?"), {qlonglong(i)},
                                       QStringLiteral("query"), 0.5, 1, QString());
            break;
        default:
            e.value = log.addValue(QDateTime::fromMSecsSinceEpoch(i, Qt::UTC));
        }
        return e;
    }
    static bool tellsIndex(const EventLog &log, qsizetype i)
    {
        const QVariant v = log.value(log.at(i).value);
        switch (i % 4) {
        case 0:
            return v.toString() == QStringLiteral("value %1").arg(i);
        case 1:
            return v.toLongLong() == i && log.oldValue(log.at(i)).toString() == QStringLiteral("old");
        case 2:
            return v.toMap().value(QStringLiteral("params")).toList().value(0).toLongLong() == i;
        default:
            return v.toDateTime().toMSecsSinceEpoch() == i;
        }
    }

    void capDropsTheOldestAndBoundsMemory()
    {
        EventLog log;
        QCOMPARE(log.capacity(), EventLog::kDefaultCapacity);
        log.setCapacity(50000);
        QSignalSpy dropped(&log, &EventLog::eventsDropped);
        QSignalSpy appended(&log, &EventLog::eventsAppended);
        // The memory held rises and falls by a chunk of events and its
        // values as whole chunks are freed: compared peak to peak, over
        // 150,000 events after the cap is reached and over the last 150,000.
        qsizetype peakEarly = 0;
        qsizetype peakLate = 0;
        quint32 earlyStatement = 0;
        for (qsizetype i = 0; i < 1000000; ++i) {
            const Event e = numbered(log, i);
            if (i == 2)
                earlyStatement = e.value;
            log.append(e);
            if (i % 1000 == 0 && i >= 100000 && i < 250000)
                peakEarly = std::max(peakEarly, log.memoryBytes());
            if (i % 1000 == 0 && i >= 850000)
                peakLate = std::max(peakLate, log.memoryBytes());
        }
        QCOMPARE(log.size(), 1000000);
        QCOMPARE(log.count(), 50000);
        QCOMPARE(log.first(), 950000);
        QVERIFY(!log.contains(949999));
        QVERIFY(log.contains(950000));
        QVERIFY(log.contains(999999));
        // every kept event still has its own value
        for (qsizetype i = log.first(); i < log.size(); ++i)
            QVERIFY2(tellsIndex(log, i), qPrintable(QString::number(i)));
        // memory stays at what the cap holds, however many events came
        // (a chunk of events and two pages of values of slack)
        qInfo("log memory peak, cap 50,000: %lld bytes after 100,000-250,000 events, "
              "%lld after 850,000-1,000,000", qlonglong(peakEarly), qlonglong(peakLate));
        QVERIFY2(peakLate <= peakEarly + 16 * 1024,
                 qPrintable(QStringLiteral("peak %1 bytes over the last events, %2 early")
                                .arg(peakLate)
                                .arg(peakEarly)));
        // about what 50,000 events and their values take, plus a chunk of slack
        QVERIFY2(peakLate < 8 * 1024 * 1024, qPrintable(QString::number(peakLate)));
        // a statement finished after its event was dropped is ignored
        log.finishStatement(earlyStatement, 3.0, 7);
        QCOMPARE(log.value(earlyStatement), QVariant());
        // one notification of the drop, before the appends, at the next turn
        QCOMPARE(dropped.count(), 0);
        QTRY_COMPARE(dropped.count(), 1);
        QCOMPARE(dropped.first().value(0).toLongLong(), 950000);
        QCOMPARE(appended.count(), 1);
        QCOMPARE(appended.first().value(1).toLongLong(), 999999);

        // lowering the cap drops at once; raising it keeps what is there
        log.setCapacity(10);
        QCOMPARE(log.first(), 999990);
        QVERIFY(tellsIndex(log, 999990));
        log.setCapacity(100);
        QCOMPARE(log.count(), 10);
        log.append(numbered(log, 1000000));
        QCOMPARE(log.count(), 11);
        QVERIFY(tellsIndex(log, 1000000));
        QTRY_COMPARE(dropped.count(), 2);
        // a clear starts again from index 0, the cap kept
        log.clear();
        QCOMPARE(log.first(), 0);
        QCOMPARE(log.size(), 0);
        QCOMPARE(log.capacity(), 100);
        for (qsizetype i = 0; i < 150; ++i)
            log.append(numbered(log, i));
        QCOMPARE(log.first(), 50);
        QVERIFY(tellsIndex(log, 50));
        QVERIFY(tellsIndex(log, 149));
        log.setCapacity(0); // at least one is kept
        QCOMPARE(log.count(), 1);
    }

    void modelDropsRowsFromTheTop()
    {
        EventLog log;
        log.setCapacity(100);
        EventLogModel model(&log);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy marker(&model, &EventLogModel::dropped);
        for (qsizetype i = 0; i < 80; ++i)
            log.append(numbered(log, i));
        QTRY_COMPARE(model.rowCount(), 80);
        QCOMPARE(removed.count(), 0);
        // 70 more: 50 of the shown rows go; the model reads no dropped event meanwhile
        for (qsizetype i = 80; i < 150; ++i)
            log.append(numbered(log, i));
        QCOMPARE(model.data(model.index(0, EventLogModel::Seq)), QVariant());
        QTRY_COMPARE(model.rowCount(), 100);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().value(2).toInt(), 49); // rows 0..49
        QCOMPARE(model.firstShown(), 50);
        QCOMPARE(model.data(model.index(0, EventLogModel::Seq)).toLongLong(), 51);
        QCOMPARE(model.data(model.index(99, EventLogModel::Seq)).toLongLong(), 150);
        QCOMPARE(model.eventAt(0), 50);
        QCOMPARE(model.rowOf(149), 99);
        QCOMPARE(model.rowOf(10), -1);
        QCOMPARE(marker.count(), 1);
        QCOMPARE(marker.first().value(0).toLongLong(), 50);
        QCOMPARE(marker.first().value(1).toLongLong(), 100);
        // more than the model has shown dropped within one batch
        for (qsizetype i = 150; i < 500; ++i)
            log.append(numbered(log, i));
        QTRY_COMPARE(model.eventAt(0), 400);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.data(model.index(0, EventLogModel::Seq)).toLongLong(), 401);
        // a model made after the drops starts at the oldest kept
        EventLogModel late(&log);
        QCOMPARE(late.rowCount(), 100);
        QCOMPARE(late.eventAt(0), 400);
        log.clear();
        QCOMPARE(model.rowCount(), 0);
        log.append(numbered(log, 0));
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.eventAt(0), 0);
    }
};

QTEST_GUILESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
