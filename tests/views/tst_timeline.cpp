// The timeline's parts one by one: the bands found in constructed event
// sequences and in a real session's (flush, commit, a failed flush and its
// rollback), the lane and marker of every hook, the feed's batches (points
// per hook, drops, clears) with and without a plot, and the widget itself,
// offscreen: a real log's events drawn, a click on a marker selecting it.
#include "events/eventlog.h"
#include "inspect/inspectorview.h"
#include "live/scenariorunner.h"
#include "live/workbench.h"
#include "orm/session.h"
#include "project/projectfile.h"
#include "timeline/qcustomplot_include.h"
#include "timeline/timelinebands.h"
#include "timeline/timelinefeed.h"
#include "timeline/timelinestyle.h"
#include "timeline/timelineview.h"

#include <QSignalSpy>
#include <QTest>

#include <map>
#include <set>

using namespace ms;

namespace {

/// The plottables the legend names (its grid may hold empty cells).
QList<QCPAbstractPlottable *> legendEntries(QCPLegend *legend)
{
    QList<QCPAbstractPlottable *> entries;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(i)))
            entries.append(item->plottable());
    return entries;
}

/// Appends an event of @p type to @p log; its index.
qsizetype add(EventLog &log, EventType type, quint8 flags = 0, const QVariant &value = {})
{
    Event e;
    e.type = type;
    e.flags = flags;
    if (value.isValid())
        e.value = log.addValue(value);
    return log.append(e);
}

/// A transaction event as the session fires it (SessionEvents::fireTransaction).
qsizetype addTransaction(EventLog &log, EventType type, bool subtransaction = false,
                         bool nested = false)
{
    return add(log, type, 0,
               QVariantMap {{QStringLiteral("nested"), nested},
                            {QStringLiteral("subtransaction"), subtransaction}});
}

void compareBand(const TimelineBand &band, TimelineBand::Kind kind, qsizetype first,
                 qsizetype last, bool failed)
{
    QCOMPARE(band.kind, kind);
    QCOMPARE(band.first, first);
    QCOMPARE(band.last, last);
    QCOMPARE(band.failed, failed);
}

/// The blog example on an in-memory SQLite database, mapped.
std::unique_ptr<Workbench> blogBench()
{
    auto project
        = ProjectFile::read(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj"));
    if (!project)
        qFatal("%s", qPrintable(project.error().toString()));
    auto bench = std::make_unique<Workbench>();
    if (!bench->connectTo(project->database) || !bench->apply(*project))
        qFatal("cannot map the blog example");
    return bench;
}

/// A flush's worth of hooks on every lane, N times over (as bench_timeline).
constexpr EventType kCycle[] = {EventType::Step,        EventType::Init,
                                EventType::Set,         EventType::TransientToPending,
                                EventType::BeforeFlush, EventType::BeforeInsert,
                                EventType::Statement,   EventType::AfterInsert,
                                EventType::AfterFlush,  EventType::AfterFlushPostexec};

/// Every 7th event failed, every 11th listened.
void appendCycles(EventLog &log, qsizetype count)
{
    for (qsizetype i = 0; i < count; ++i) {
        const qsizetype index = log.size();
        quint8 flags = 0;
        if (index % 7 == 3)
            flags |= Event::Failed;
        if (index % 11 == 5)
            flags |= Event::Listened;
        add(log, kCycle[index % std::size(kCycle)], flags);
    }
}

/// The lazy-loading golden project's scenario @p name played on a fresh
/// in-memory database: the log it left.
std::unique_ptr<Workbench> playLazy(const QString &name)
{
    auto project = ProjectFile::read(QStringLiteral(MS_SOURCE_DIR "/tests/golden3/lazy.msproj"));
    if (!project)
        qFatal("%s", qPrintable(project.error().toString()));
    auto bench = std::make_unique<Workbench>();
    if (!bench->connectTo(project->database) || !bench->apply(*project))
        qFatal("cannot map the lazy project");
    for (const Scenario &scenario : project->scenarios) {
        if (scenario.name != name)
            continue;
        ScenarioRunner runner(*bench->session());
        if (auto played = runner.run(scenario); !played)
            qFatal("%s", qPrintable(played.error().toString()));
    }
    return bench;
}

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // ---- bands (pure data) ----------------------------------------------

    void nPlusOneIsAQuerysObjectsLazyLoadingOneRelationship()
    {
        // a query of four users, then each one's posts: one N+1 group of
        // four lazy loads over the four SELECTs, named and explained
        auto bench = playLazy(QStringLiteral("posts of each user after a query"));
        const EventLog &log = *bench->log();
        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        QCOMPARE(bands.lazyLoadGroups().size(), size_t(1));
        const TimelineBand &group = bands.lazyLoadGroups().front();
        QCOMPARE(group.kind, TimelineBand::NPlusOne);
        QCOMPARE(group.count, 4);
        QCOMPARE(group.loaded, 4);
        QCOMPARE(log.at(group.first).type, EventType::Statement);
        QVERIFY(log.at(group.first).flags & Event::LazyLoadStatement);
        QVERIFY(log.at(group.query).flags & Event::QueryStatement);
        QCOMPARE(TimelineBandDetector::nPlusOneLabel(log, group), QStringLiteral("N+1: User.posts \u00d74"));
        QVERIFY(TimelineBandDetector::nPlusOneExplanation(log, group).contains(QLatin1String("selectin")));
        QCOMPARE(bands.nPlusOneAt(group.last), &group);
        QCOMPARE(bands.nPlusOneAt(group.query), nullptr);
        // fed one event at a time (as the window does), the same group
        TimelineBandDetector live;
        for (qsizetype i = log.first(); i < log.size(); ++i)
            live.feed(log, i);
        QCOMPARE(live.lazyLoadGroups().size(), size_t(1));
        QCOMPARE(live.lazyLoadGroups().front().count, 4);
    }

    void theInspectorRepeatsTheTimelinesNPlusOneNote()
    {
        auto bench = playLazy(QStringLiteral("posts of each user after a query"));
        EventLog &log = *bench->log();
        TimelineView view(&log);
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE(view.shownCount(), log.size());
        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        const TimelineBand &group = bands.lazyLoadGroups().front();
        QVERIFY(view.nPlusOneNote(group.last).contains(QLatin1String("N+1")));
        QVERIFY(view.nPlusOneNote(group.query).isEmpty());
        InspectorView inspector(&log);
        inspector.setNoteSource([&view](qsizetype i) { return view.nPlusOneNote(i); });
        inspector.inspect(group.first);
        QVERIFY2(inspector.text().contains(QLatin1String("N+1 queries")), qPrintable(inspector.text()));
        inspector.inspect(group.query);
        QVERIFY(!inspector.text().contains(QLatin1String("N+1 queries")));
    }

    void oneLazyLoadOrAnotherObjectsIsNoNPlusOne()
    {
        // a query of one user whose posts are read, then another user got
        // by get() whose posts are read: no group of two
        auto bench = playLazy(QStringLiteral("posts of one user only"));
        const TimelineBandDetector bands = TimelineBandDetector::detect(*bench->log());
        for (const TimelineBand &g : bands.lazyLoadGroups())
            QCOMPARE(g.count, 1);
        for (qsizetype i = bench->log()->first(); i < bench->log()->size(); ++i)
            QCOMPARE(bands.nPlusOneAt(i), nullptr);
    }

    void flushBandRunsFromBeforeFlushToPostexec()
    {
        EventLog log;
        add(log, EventType::Set);
        const qsizetype begin = add(log, EventType::BeforeFlush);
        add(log, EventType::BeforeInsert);
        add(log, EventType::Statement);
        add(log, EventType::AfterInsert);
        add(log, EventType::AfterFlush);
        const qsizetype end = add(log, EventType::AfterFlushPostexec);
        add(log, EventType::Set);
        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        QCOMPARE(bands.flushes().size(), size_t(1));
        compareBand(bands.flushes()[0], TimelineBand::Flush, begin, end, false);
        QVERIFY(!bands.flushes()[0].isOpen());
        QCOMPARE(bands.flushes()[0].label(), QStringLiteral("flush"));
        QVERIFY(bands.transactions().empty());
        QCOMPARE(bands.count(), 1);
    }

    // A Ming session has no after_flush_postexec: its flush band runs from
    // the SessionExtension's before_flush to its after_flush. A session
    // extension inside SQLAlchemy's flush leaves that flush one band.
    void flushBandOfExtensions()
    {
        EventLog ming;
        const qsizetype begin = add(ming, EventType::BeforeFlush, Event::Extension);
        add(ming, EventType::BeforeInsert, Event::Extension);
        add(ming, EventType::Statement);
        const qsizetype end = add(ming, EventType::AfterFlush, Event::Extension);
        add(ming, EventType::Step);
        add(ming, EventType::BeforeRemove, Event::Extension);
        TimelineBandDetector bands = TimelineBandDetector::detect(ming);
        QCOMPARE(bands.flushes().size(), size_t(1));
        compareBand(bands.flushes()[0], TimelineBand::Flush, begin, end, false);

        EventLog sa;
        const qsizetype saBegin = add(sa, EventType::BeforeFlush);
        add(sa, EventType::BeforeFlush, Event::Extension);
        add(sa, EventType::AfterFlush);
        add(sa, EventType::AfterFlush, Event::Extension);
        const qsizetype saEnd = add(sa, EventType::AfterFlushPostexec);
        bands = TimelineBandDetector::detect(sa);
        QCOMPARE(bands.flushes().size(), size_t(1));
        compareBand(bands.flushes()[0], TimelineBand::Flush, saBegin, saEnd, false);
    }

    void unfinishedFlushStaysOpenUntilItsEnd()
    {
        EventLog log;
        TimelineBandDetector bands;
        const qsizetype begin = add(log, EventType::BeforeFlush);
        add(log, EventType::Statement);
        bands.feed(log, 0);
        bands.feed(log, 1);
        QCOMPARE(bands.flushes().size(), size_t(1));
        QVERIFY(bands.flushes()[0].isOpen());
        compareBand(bands.flushes()[0], TimelineBand::Flush, begin, -1, false);
        // after_flush does not end it: after_flush_postexec does
        add(log, EventType::AfterFlush);
        bands.feed(log, 2);
        QVERIFY(bands.flushes()[0].isOpen());
        const qsizetype end = add(log, EventType::AfterFlushPostexec);
        bands.feed(log, end);
        compareBand(bands.flushes()[0], TimelineBand::Flush, begin, end, false);
    }

    void aFlushBeginningInsideAnOpenOneClosesIt()
    {
        EventLog log;
        const qsizetype first = add(log, EventType::BeforeFlush);
        add(log, EventType::Set);
        const qsizetype second = add(log, EventType::BeforeFlush);
        const qsizetype end = add(log, EventType::AfterFlushPostexec);
        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        QCOMPARE(bands.flushes().size(), size_t(2));
        compareBand(bands.flushes()[0], TimelineBand::Flush, first, second - 1, false);
        compareBand(bands.flushes()[1], TimelineBand::Flush, second, end, false);
    }

    void failedFlushEndsAtItsErrorOrSoftRollback()
    {
        EventLog log;
        const qsizetype first = add(log, EventType::BeforeFlush);
        add(log, EventType::Statement, Event::Failed);
        const qsizetype error = add(log, EventType::Error, Event::Failed);
        const qsizetype second = add(log, EventType::BeforeFlush);
        add(log, EventType::BeforeUpdate);
        const qsizetype soft = add(log, EventType::AfterSoftRollback);
        const qsizetype third = add(log, EventType::BeforeFlush);
        const qsizetype fine = add(log, EventType::AfterFlushPostexec);
        // Outside a flush, a failed event and an error mark no band.
        add(log, EventType::Set, Event::Failed);
        add(log, EventType::Error, Event::Failed);
        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        QCOMPARE(bands.flushes().size(), size_t(3));
        compareBand(bands.flushes()[0], TimelineBand::Flush, first, error, true);
        compareBand(bands.flushes()[1], TimelineBand::Flush, second, soft, false);
        compareBand(bands.flushes()[2], TimelineBand::Flush, third, fine, false);
    }

    void transactionBandsSkipSubtransactions()
    {
        EventLog log;
        const qsizetype begin = addTransaction(log, EventType::AfterTransactionCreate);
        add(log, EventType::AfterBegin);
        addTransaction(log, EventType::AfterTransactionCreate, true); // the flush's
        add(log, EventType::BeforeFlush);
        add(log, EventType::AfterFlushPostexec);
        addTransaction(log, EventType::AfterTransactionEnd, true);
        const qsizetype savepoint = addTransaction(log, EventType::AfterTransactionCreate, false, true);
        addTransaction(log, EventType::AfterTransactionEnd, false, true);
        add(log, EventType::BeforeCommit);
        add(log, EventType::AfterCommit);
        const qsizetype end = addTransaction(log, EventType::AfterTransactionEnd);
        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        QCOMPARE(bands.transactions().size(), size_t(1));
        compareBand(bands.transactions()[0], TimelineBand::Transaction, begin, end, false);
        QCOMPARE(bands.transactions()[0].label(), QStringLiteral("transaction"));
        QCOMPARE(bands.flushes().size(), size_t(1));
        // the savepoint is a band of its own
        QCOMPARE(bands.savepoints().size(), size_t(1));
        compareBand(bands.savepoints()[0], TimelineBand::Savepoint, savepoint, savepoint + 1, false);
        QCOMPARE(bands.savepoints()[0].label(), QStringLiteral("savepoint"));
        QCOMPARE(bands.count(), 3);
    }

    // Several sessions: each lane has a row per session (the first on top),
    // and each session's transactions are bands of their own, though they
    // overlap in time
    void eachSessionHasItsRowAndItsBands()
    {
        EventLog log;
        log.setSessionNames({QStringLiteral("A"), QStringLiteral("B")});
        TimelineFeed feed(&log);
        const qsizetype beginA = addTransaction(log, EventType::AfterTransactionCreate);
        log.setSession(2);
        const qsizetype beginB = addTransaction(log, EventType::AfterTransactionCreate);
        const qsizetype setB = add(log, EventType::Set);
        log.setSession(1);
        const qsizetype setA = add(log, EventType::Set);
        const qsizetype endA = addTransaction(log, EventType::AfterTransactionEnd);
        log.setSession(2);
        const qsizetype endB = addTransaction(log, EventType::AfterTransactionEnd);
        const TimelineBatch batch = feed.take();
        QCOMPARE(feed.sessionCount(), 2);
        const double lane = TimelineStyle::laneY(TimelineStyle::AttributeLane);
        QCOMPARE(feed.yOf(setA), lane + 0.225);
        QCOMPARE(feed.yOf(setB), lane - 0.225);
        QCOMPARE(batch.hooks[size_t(EventType::Set)].values, QVector<double>({lane - 0.225, lane + 0.225}));
        // still the Attribute lane for a click: rows stay inside it
        QCOMPARE(TimelineStyle::laneAt(feed.yOf(setA)), int(TimelineStyle::AttributeLane));
        QCOMPARE(TimelineStyle::laneAt(feed.yOf(setB)), int(TimelineStyle::AttributeLane));
        QCOMPARE(feed.sessionBands(1).transactions().size(), size_t(1));
        compareBand(feed.sessionBands(1).transactions()[0], TimelineBand::Transaction, beginA, endA, false);
        QCOMPARE(feed.sessionBands(2).transactions().size(), size_t(1));
        compareBand(feed.sessionBands(2).transactions()[0], TimelineBand::Transaction, beginB, endB, false);
        // one detector for all would have cut A's band at B's start
        QVERIFY(feed.bands().transactions().size() != 1
                || feed.bands().transactions()[0].last != endA);
        // a log that names no session: one row, as before
        EventLog plain;
        TimelineFeed one(&plain);
        const qsizetype set = add(plain, EventType::Set);
        one.take();
        QCOMPARE(one.sessionCount(), 0);
        QCOMPARE(one.yOf(set), lane);
    }

    // Savepoints inside savepoints are one band, to the end of the outermost;
    // a rollback inside one makes it failed and leaves the transaction alone
    void savepointBandsTakeTheirRollbacks()
    {
        EventLog log;
        const qsizetype begin = addTransaction(log, EventType::AfterTransactionCreate);
        const qsizetype outer = addTransaction(log, EventType::AfterTransactionCreate, false, true);
        addTransaction(log, EventType::AfterTransactionCreate, false, true);
        add(log, EventType::AfterRollback); // back to the inner savepoint
        addTransaction(log, EventType::AfterTransactionEnd, false, true);
        add(log, EventType::AfterSoftRollback);
        const qsizetype outerEnd = addTransaction(log, EventType::AfterTransactionEnd, false, true);
        const qsizetype second = addTransaction(log, EventType::AfterTransactionCreate, false, true);
        const qsizetype secondEnd = addTransaction(log, EventType::AfterTransactionEnd, false, true);
        add(log, EventType::AfterCommit);
        const qsizetype end = addTransaction(log, EventType::AfterTransactionEnd);
        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        QCOMPARE(bands.transactions().size(), size_t(1));
        compareBand(bands.transactions()[0], TimelineBand::Transaction, begin, end, false);
        QCOMPARE(bands.savepoints().size(), size_t(2));
        compareBand(bands.savepoints()[0], TimelineBand::Savepoint, outer, outerEnd, true);
        compareBand(bands.savepoints()[1], TimelineBand::Savepoint, second, secondEnd, false);
        // a rollback of the whole transaction with no savepoint open is the transaction's
        add(log, EventType::AfterRollback);
        QVERIFY(!TimelineBandDetector::detect(log).transactions()[0].failed);
        const qsizetype next = addTransaction(log, EventType::AfterTransactionCreate);
        add(log, EventType::AfterRollback);
        const TimelineBandDetector after = TimelineBandDetector::detect(log);
        compareBand(after.transactions()[1], TimelineBand::Transaction, next, -1, true);
    }

    void rolledBackTransactionIsFailed()
    {
        EventLog log;
        const qsizetype first = addTransaction(log, EventType::AfterTransactionCreate);
        add(log, EventType::AfterRollback);
        const qsizetype end = addTransaction(log, EventType::AfterTransactionEnd);
        // a rollback with no transaction open marks nothing
        add(log, EventType::AfterRollback);
        const qsizetype second = addTransaction(log, EventType::AfterTransactionCreate);
        add(log, EventType::Set);
        // a new one while one is open closes it at the event before
        const qsizetype third = addTransaction(log, EventType::AfterTransactionCreate);
        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        QCOMPARE(bands.transactions().size(), size_t(3));
        compareBand(bands.transactions()[0], TimelineBand::Transaction, first, end, true);
        compareBand(bands.transactions()[1], TimelineBand::Transaction, second, third - 1, false);
        compareBand(bands.transactions()[2], TimelineBand::Transaction, third, -1, false);
    }

    void everyOtherStepIsAGroup()
    {
        EventLog log;
        const qsizetype s0 = add(log, EventType::Step);
        add(log, EventType::Init);
        const qsizetype s1 = add(log, EventType::Step);
        add(log, EventType::Set);
        const qsizetype s2 = add(log, EventType::Step);
        add(log, EventType::Set);
        const qsizetype s3 = add(log, EventType::Step);
        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        QCOMPARE(bands.stepCount(), qsizetype(4));
        QCOMPARE(bands.evenSteps().size(), size_t(2));
        compareBand(bands.evenSteps()[0], TimelineBand::Step, s0, s1 - 1, false);
        compareBand(bands.evenSteps()[1], TimelineBand::Step, s2, s3 - 1, false);
        QCOMPARE(bands.evenSteps()[0].label(), QString());
        QCOMPARE(bands.count(), 0); // steps are not flush or transaction bands
    }

    void droppingCutsAndForgetsBands()
    {
        EventLog log;
        add(log, EventType::BeforeFlush);             // 0
        add(log, EventType::AfterFlushPostexec);      // 1
        add(log, EventType::BeforeFlush);             // 2
        add(log, EventType::Set);                     // 3
        add(log, EventType::AfterFlushPostexec);      // 4
        addTransaction(log, EventType::AfterTransactionCreate); // 5
        add(log, EventType::BeforeFlush);             // 6, open
        TimelineBandDetector bands = TimelineBandDetector::detect(log);
        QCOMPARE(bands.count(), 4);
        bands.dropBefore(3);
        QCOMPARE(bands.flushes().size(), size_t(2));
        compareBand(bands.flushes()[0], TimelineBand::Flush, 3, 4, false);
        compareBand(bands.flushes()[1], TimelineBand::Flush, 6, -1, false);
        compareBand(bands.transactions()[0], TimelineBand::Transaction, 5, -1, false);
        bands.dropBefore(6);
        QCOMPARE(bands.flushes().size(), size_t(1));
        compareBand(bands.transactions()[0], TimelineBand::Transaction, 6, -1, false);
        bands.clear();
        QCOMPARE(bands.count(), 0);
        QCOMPARE(bands.stepCount(), qsizetype(0));
    }

    void aRealSessionsBands()
    {
        auto bench = blogBench();
        EventLog &log = *bench->log();
        const qsizetype start = log.size();
        Session *s = bench->session();
        auto ann = s->newObject(QStringLiteral("User"), QStringLiteral("u1"),
                                {{QStringLiteral("name"), QStringLiteral("ann")}});
        QVERIFY(ann);
        QVERIFY(s->add(*ann));
        QVERIFY(s->flush());
        QVERIFY(s->commit());
        // A user with no name: NOT NULL refuses the flush, then the rollback.
        auto nobody = s->newObject(QStringLiteral("User"), QStringLiteral("u2"));
        QVERIFY(nobody);
        QVERIFY(s->add(*nobody));
        QVERIFY(!s->flush());
        QVERIFY(s->rollback());

        auto indexesOf = [&](EventType type) {
            QList<qsizetype> found;
            for (qsizetype i = start; i < log.size(); ++i)
                if (log.at(i).type == type)
                    found.append(i);
            return found;
        };
        const QList<qsizetype> beforeFlush = indexesOf(EventType::BeforeFlush);
        const QList<qsizetype> postexec = indexesOf(EventType::AfterFlushPostexec);
        QCOMPARE(beforeFlush.size(), 2);
        QVERIFY(!postexec.isEmpty());

        const TimelineBandDetector bands = TimelineBandDetector::detect(log);
        std::vector<TimelineBand> flushes;
        for (const TimelineBand &b : bands.flushes())
            if (b.first >= start)
                flushes.push_back(b);
        QCOMPARE(flushes.size(), size_t(2));
        // the good flush: before_flush to after_flush_postexec
        compareBand(flushes[0], TimelineBand::Flush, beforeFlush[0], postexec[0], false);
        // the failed one: ends at the event that ends a failed flush
        QCOMPARE(flushes[1].first, beforeFlush[1]);
        QVERIFY(flushes[1].failed);
        QVERIFY(!flushes[1].isOpen());
        const EventType endType = log.at(flushes[1].last).type;
        QVERIFY2(endType == EventType::Error || endType == EventType::AfterSoftRollback,
                 eventName(endType).toUtf8());

        // Transactions: the committed one and the rolled back one, each
        // from its after_transaction_create to its after_transaction_end.
        std::vector<TimelineBand> transactions;
        for (const TimelineBand &b : bands.transactions())
            if (b.first >= start)
                transactions.push_back(b);
        QCOMPARE(transactions.size(), size_t(2));
        for (const TimelineBand &b : transactions) {
            QVERIFY(!b.isOpen());
            QCOMPARE(log.at(b.first).type, EventType::AfterTransactionCreate);
            QCOMPARE(log.at(b.last).type, EventType::AfterTransactionEnd);
        }
        QVERIFY(transactions[0].first < flushes[0].first && flushes[0].last < transactions[0].last);
        QVERIFY(!transactions[0].failed);
        QVERIFY(transactions[1].first < flushes[1].first && flushes[1].last < transactions[1].last);
        QVERIFY(transactions[1].failed);
    }

    // ---- style (pure) ------------------------------------------------------

    void everyCategoryHasItsLane()
    {
        const std::map<EventCategory, TimelineStyle::Lane> expected {
            {EventCategory::Step, TimelineStyle::UserLane},
            {EventCategory::Session, TimelineStyle::SessionLane},
            {EventCategory::Mapper, TimelineStyle::MapperLane},
            {EventCategory::Instrumentation, TimelineStyle::MapperLane},
            {EventCategory::Instance, TimelineStyle::InstanceLane},
            {EventCategory::Attribute, TimelineStyle::AttributeLane},
            {EventCategory::Query, TimelineStyle::QueryLane},
            {EventCategory::Statement, TimelineStyle::SqlLane},
        };
        std::set<int> used;
        for (int t = 0; t < eventTypeCount; ++t) {
            Event e;
            e.type = EventType(t);
            QVERIFY2(expected.count(e.category()), qPrintable(eventName(e.type)));
            QCOMPARE(TimelineStyle::laneOf(e), expected.at(e.category()));
            QCOMPARE(TimelineView::laneOf(e), TimelineStyle::laneOf(e)); // the view's own
            used.insert(TimelineStyle::laneOf(e));
        }
        QCOMPARE(int(used.size()), int(TimelineStyle::LaneCount)); // no lane is empty
        // a few by name
        auto laneOfType = [](EventType type) {
            Event e;
            e.type = type;
            return TimelineStyle::laneOf(e);
        };
        QCOMPARE(laneOfType(EventType::Step), TimelineStyle::UserLane);
        QCOMPARE(laneOfType(EventType::BeforeFlush), TimelineStyle::SessionLane);
        QCOMPARE(laneOfType(EventType::Error), TimelineStyle::SessionLane);
        QCOMPARE(laneOfType(EventType::BeforeInsert), TimelineStyle::MapperLane);
        QCOMPARE(laneOfType(EventType::AttributeInstrument), TimelineStyle::MapperLane);
        QCOMPARE(laneOfType(EventType::Init), TimelineStyle::InstanceLane);
        QCOMPARE(laneOfType(EventType::Set), TimelineStyle::AttributeLane);
        QCOMPARE(laneOfType(EventType::BeforeCompile), TimelineStyle::QueryLane);
        QCOMPARE(laneOfType(EventType::Statement), TimelineStyle::SqlLane);
    }

    void lanesAreStackedAndNamed()
    {
        QSet<QString> names;
        for (int lane = 0; lane < TimelineStyle::LaneCount; ++lane) {
            const auto l = TimelineStyle::Lane(lane);
            names.insert(TimelineStyle::laneName(l));
            // top to bottom, one unit apart, the SQL lane at 0
            QCOMPARE(TimelineStyle::laneY(l), double(TimelineStyle::LaneCount - 1 - lane));
            QCOMPARE(TimelineStyle::laneAt(TimelineStyle::laneY(l)), lane);
            QCOMPARE(TimelineStyle::laneAt(TimelineStyle::laneY(l) + 0.4), lane);
            QCOMPARE(TimelineStyle::laneAt(TimelineStyle::laneY(l) - 0.4), lane);
        }
        QCOMPARE(names.size(), int(TimelineStyle::LaneCount));
        QVERIFY(!names.contains(QString()));
        QCOMPARE(TimelineStyle::laneName(TimelineStyle::UserLane), QStringLiteral("User actions"));
        QCOMPARE(TimelineStyle::laneName(TimelineStyle::SqlLane), QStringLiteral("SQL"));
        QCOMPARE(TimelineStyle::laneY(TimelineStyle::UserLane),
                 double(TimelineStyle::LaneCount - 1));
        QCOMPARE(TimelineStyle::laneY(TimelineStyle::SqlLane), 0.0);
        QCOMPARE(TimelineStyle::laneAt(-0.6), -1);
        QCOMPARE(TimelineStyle::laneAt(double(TimelineStyle::LaneCount) - 0.4), -1);
    }

    void markersTellHooksApart()
    {
        using M = TimelineStyle::Marker;
        QCOMPARE(TimelineStyle::markerOf(EventType::Statement).shape, M::Square);
        QCOMPARE(TimelineStyle::markerOf(EventType::Step).shape, M::Diamond);
        QCOMPARE(TimelineStyle::markerOf(EventType::Error).shape, M::Diamond);
        QCOMPARE(TimelineStyle::markerOf(EventType::Error).color, QColor(0xc6, 0x28, 0x28));
        QCOMPARE(TimelineStyle::markerOf(EventType::TransientToPending).shape, M::Triangle);
        QCOMPARE(TimelineStyle::markerOf(EventType::AfterTransactionCreate).shape, M::Square);
        QCOMPARE(TimelineStyle::markerOf(EventType::BeforeFlush).shape, M::Circle);
        // no two hooks of one lane look alike
        for (int a = 0; a < eventTypeCount; ++a) {
            for (int b = a + 1; b < eventTypeCount; ++b) {
                Event ea, eb;
                ea.type = EventType(a);
                eb.type = EventType(b);
                if (TimelineStyle::laneOf(ea) != TimelineStyle::laneOf(eb))
                    continue;
                const M ma = TimelineStyle::markerOf(ea.type);
                const M mb = TimelineStyle::markerOf(eb.type);
                QVERIFY2(ma.color != mb.color || ma.shape != mb.shape,
                         qPrintable(eventName(ea.type) + QLatin1String(" / ") + eventName(eb.type)));
            }
        }
    }

    void legendColumnsFitTheWidth()
    {
        // a cell: the name, the icon and 18 pixels
        QCOMPARE(TimelineStyle::legendColumns(100, 12, 1300), 10);
        QCOMPARE(TimelineStyle::legendColumns(100, 12, 1299), 9);
        QCOMPARE(TimelineStyle::legendColumns(300, 12, 200), 1); // at least one
        QCOMPARE(TimelineStyle::legendColumns(10, 12, 5000), 12); // at most twelve
        QCOMPARE(TimelineStyle::legendColumns(0, 0, 0), 1);
    }

    // ---- the feed ----------------------------------------------------------

    void takesEveryEventAsPointsPerHook()
    {
        EventLog log;
        TimelineFeed feed(&log);
        appendCycles(log, 1000);
        const TimelineBatch batch = feed.take();
        QVERIFY(!batch.stale);
        QVERIFY(!batch.dropped);
        QCOMPARE(batch.first, qsizetype(0));
        QCOMPARE(batch.end, qsizetype(1000));
        QCOMPARE(feed.processed(), qsizetype(1000));
        qsizetype points = 0;
        for (int t = 0; t < eventTypeCount; ++t) {
            const TimelinePoints &p = batch.hooks[size_t(t)];
            QCOMPARE(p.keys.size(), p.values.size());
            points += p.size();
            const bool inCycle = std::find(std::begin(kCycle), std::end(kCycle), EventType(t))
                != std::end(kCycle);
            QCOMPARE(p.size(), inCycle ? qsizetype(100) : qsizetype(0));
        }
        QCOMPARE(points, qsizetype(1000));
        // x: the order (1-based); y: the lane
        const TimelinePoints &sets = batch.hooks[size_t(EventType::Set)];
        QCOMPARE(sets.keys.first(), 3.0); // event 2
        QCOMPARE(sets.keys.at(1), 13.0);
        QCOMPARE(sets.values.first(), TimelineStyle::laneY(TimelineStyle::AttributeLane));
        // crosses and rings
        qsizetype failed = 0, listened = 0;
        for (qsizetype i = 0; i < 1000; ++i) {
            failed += i % 7 == 3;
            listened += i % 11 == 5;
        }
        QCOMPARE(batch.failed.size(), failed);
        QCOMPARE(batch.listened.size(), listened);
        QCOMPARE(feed.failedCount(), failed);
        QCOMPARE(feed.listenedCount(), listened);
        // the lanes' events, in order
        qsizetype onLanes = 0;
        for (int lane = 0; lane < TimelineStyle::LaneCount; ++lane) {
            const auto &events = feed.lane(TimelineStyle::Lane(lane));
            QVERIFY(std::is_sorted(events.begin(), events.end()));
            for (qint32 i : events)
                QCOMPARE(int(TimelineStyle::laneOf(log.at(i))), lane);
            onLanes += qsizetype(events.size());
        }
        QCOMPARE(onLanes, qsizetype(1000));
        QCOMPARE(feed.lane(TimelineStyle::SqlLane).size(), size_t(100));
        // the bands, as the detector finds them
        QCOMPARE(feed.bands().flushes().size(), size_t(100));
        QCOMPARE(feed.bands().stepCount(), qsizetype(100));

        // Nothing new: an empty batch. Then only the new events.
        QVERIFY(feed.take().isEmpty());
        appendCycles(log, 5);
        const TimelineBatch next = feed.take();
        QCOMPARE(next.first, qsizetype(1000));
        QCOMPARE(next.end, qsizetype(1005));
        QCOMPARE(next.hooks[size_t(EventType::Step)].size(), qsizetype(1));
        QCOMPARE(next.hooks[size_t(EventType::Step)].keys.first(), 1001.0);
    }

    void batchesAreTimedNotPerEvent()
    {
        EventLog log;
        TimelineFeed feed(&log);
        QSignalSpy due(&feed, &TimelineFeed::batchDue);
        appendCycles(log, 10);
        QCoreApplication::processEvents(); // the log's batched signal
        QVERIFY(feed.isPending());
        appendCycles(log, 10);
        QCoreApplication::processEvents();
        QCOMPARE(due.count(), 0); // not before its timer
        QVERIFY(due.wait(1000));
        QTest::qWait(2 * TimelineFeed::kBatchMs);
        QCOMPARE(due.count(), 1); // one batch for both appends
        QCOMPARE(feed.processed(), qsizetype(0)); // taken by whoever listens
        QCOMPARE(feed.take().end, qsizetype(20));
        QVERIFY(!feed.isPending());
        // taking early stops the timer
        appendCycles(log, 3);
        QCoreApplication::processEvents();
        QVERIFY(feed.isPending());
        QCOMPARE(feed.take().end, qsizetype(23));
        QVERIFY(!feed.isPending());
        QTest::qWait(2 * TimelineFeed::kBatchMs);
        QCOMPARE(due.count(), 1);
    }

    void clearingTheLogStartsOver()
    {
        EventLog log;
        TimelineFeed feed(&log);
        QSignalSpy restarted(&feed, &TimelineFeed::restarted);
        appendCycles(log, 50);
        feed.take();
        QVERIFY(feed.failedCount() > 0);
        appendCycles(log, 5);
        QCoreApplication::processEvents();
        QVERIFY(feed.isPending());
        log.clear();
        QCOMPARE(restarted.count(), 1);
        QVERIFY(!feed.isPending()); // the old generation's batch is dropped
        QCOMPARE(feed.processed(), qsizetype(0));
        QCOMPARE(feed.failedCount(), qsizetype(0));
        QCOMPARE(feed.listenedCount(), qsizetype(0));
        QCOMPARE(feed.bands().count(), 0);
        for (int lane = 0; lane < TimelineStyle::LaneCount; ++lane)
            QVERIFY(feed.lane(TimelineStyle::Lane(lane)).empty());
        // indexes run from the log's first again
        appendCycles(log, 3);
        const TimelineBatch batch = feed.take();
        QVERIFY(!batch.stale);
        QCOMPARE(batch.first, qsizetype(log.first()));
        QCOMPARE(batch.end, log.size());
    }

    void droppedEventsLeaveTheFeed()
    {
        EventLog log;
        TimelineFeed feed(&log);
        appendCycles(log, 1000);
        feed.take();
        log.setCapacity(100);
        QCOMPARE(log.first(), qsizetype(900));
        appendCycles(log, 10); // 1010 events, the oldest 910 dropped
        const TimelineBatch batch = feed.take();
        QVERIFY(batch.dropped);
        QCOMPARE(feed.shownFirst(), log.first());
        QCOMPARE(batch.droppedKey, feed.keyOf(log.first()));
        QCOMPARE(batch.first, qsizetype(1000));
        QCOMPARE(batch.end, qsizetype(1010));
        qsizetype onLanes = 0;
        for (int lane = 0; lane < TimelineStyle::LaneCount; ++lane) {
            for (qint32 i : feed.lane(TimelineStyle::Lane(lane)))
                QVERIFY(i >= log.first());
            onLanes += qsizetype(feed.lane(TimelineStyle::Lane(lane)).size());
        }
        QCOMPARE(onLanes, log.count());
        qsizetype failed = 0;
        for (qsizetype i = log.first(); i < log.size(); ++i)
            failed += (log.at(i).flags & Event::Failed) != 0;
        QCOMPARE(feed.failedCount(), failed);
        for (const TimelineBand &b : feed.bands().flushes())
            QVERIFY(b.first >= log.first());
        QVERIFY(!feed.take().dropped); // once
    }

    void keysRangesAndNearestEvents()
    {
        EventLog log;
        TimelineFeed feed(&log);
        QVERIFY(!feed.fitRange());
        QVERIFY(!feed.followRange(50));
        appendCycles(log, 10); // events 0..9: keys 1..10
        feed.take();
        QCOMPARE(feed.keyOf(0), 1.0);
        QCOMPARE(feed.fitRange()->lower, 0.0);
        QCOMPARE(feed.fitRange()->upper, 11.0);
        // following: from the first event while all fit, then ending past the last
        QCOMPARE(feed.followRange(50)->lower, 0.0);
        QCOMPARE(feed.followRange(50)->upper, 50.0);
        QCOMPARE(feed.followRange(5)->lower, 7.0);
        QCOMPARE(feed.followRange(5)->upper, 12.0);
        // keys are 1-based: the step (user lane) is event 0 at 1, the statement event 6 at 7
        QCOMPARE(feed.nearest(TimelineStyle::UserLane, 1.2, 0.5), qsizetype(0));
        QCOMPARE(feed.nearest(TimelineStyle::UserLane, 0.6, 0.5), qsizetype(0));
        QCOMPARE(feed.nearest(TimelineStyle::UserLane, 1.6, 0.5), qsizetype(-1));
        QCOMPARE(feed.nearest(TimelineStyle::SqlLane, 6.4, 0.5), qsizetype(-1));
        QCOMPARE(feed.nearest(TimelineStyle::SqlLane, 7.4, 0.5), qsizetype(6));
        QCOMPARE(feed.nearest(TimelineStyle::QueryLane, 7.0, 100), qsizetype(-1)); // empty lane
        // the session lane holds events 4, 8 and 9 (keys 5, 9, 10): the
        // nearest wins, the earlier of two as near
        QCOMPARE(feed.nearest(TimelineStyle::SessionLane, 9.4, 1.0), qsizetype(8));
        QCOMPARE(feed.nearest(TimelineStyle::SessionLane, 9.5, 1.0), qsizetype(8));
        QCOMPARE(feed.nearest(TimelineStyle::SessionLane, 9.6, 1.0), qsizetype(9));
        QCOMPARE(feed.nearest(TimelineStyle::SessionLane, 20, 1.0), qsizetype(-1));

        // elapsed time: the events' times in ms, in order
        feed.setAxis(TimelineAxis::Time);
        feed.reset();
        const TimelineBatch batch = feed.take();
        QCOMPARE(batch.end, qsizetype(10));
        for (qsizetype i = 0; i < 10; ++i)
            QCOMPARE(feed.keyOf(i), double(log.at(i).nsecs()) / 1e6);
        const TimelinePoints &steps = batch.hooks[size_t(EventType::Step)];
        QCOMPARE(steps.keys.first(), feed.keyOf(0));
    }

    void graphsTakeTheBatches()
    {
        QCustomPlot plot;
        TimelineGraphs graphs(&plot);
        QCOMPARE(plot.graphCount(), 2); // the rings and the crosses
        EventLog log;
        TimelineFeed feed(&log);
        appendCycles(log, 100);
        graphs.add(feed.take());
        QCOMPARE(plot.graphCount(), 2 + int(std::size(kCycle)));
        int points = 0;
        for (int t = 0; t < eventTypeCount; ++t) {
            QCPGraph *g = graphs.graph(EventType(t));
            const bool inCycle = std::find(std::begin(kCycle), std::end(kCycle), EventType(t))
                != std::end(kCycle);
            QCOMPARE(g != nullptr, inCycle);
            if (!g)
                continue;
            QCOMPARE(g->name(), eventName(EventType(t)));
            QCOMPARE(g->data()->size(), 10);
            points += g->data()->size();
        }
        QCOMPARE(points, 100);
        QCOMPARE(graphs.failed()->data()->size(), int(feed.failedCount()));
        QCOMPARE(graphs.listened()->data()->size(), int(feed.listenedCount()));
        // the legend's candidates: the hooks in the catalogue's order, then crosses and rings
        const std::vector<QCPGraph *> candidates = graphs.legendCandidates();
        QCOMPARE(candidates.size(), std::size(kCycle) + 2);
        QCOMPARE(candidates.front(), graphs.graph(EventType::BeforeInsert));
        QCOMPARE(candidates[candidates.size() - 2], graphs.failed());
        QCOMPARE(candidates.back(), graphs.listened());
        // laid out: every graph with a point in range, named
        QCOMPARE(TimelineStyle::layOutLegend(plot.legend, candidates, 0, 1000, 800, 100), 0);
        QCOMPARE(legendEntries(plot.legend).size(), qsizetype(candidates.size()));
        // in fewer rows than it needs: the last cell counts the others
        const int columns = plot.legend->columnCount();
        QVERIFY(columns >= 1 && qsizetype(columns) < qsizetype(candidates.size()));
        const int left = TimelineStyle::layOutLegend(plot.legend, candidates, 0, 1000, 800, 1);
        QCOMPARE(left, int(candidates.size()) - (columns - 1));
        QCOMPARE(legendEntries(plot.legend).size(), qsizetype(columns - 1));
        QCOMPARE(plot.legend->itemCount(), columns);
        // no room at all: no legend
        QCOMPARE(TimelineStyle::layOutLegend(plot.legend, candidates, 0, 1000, 800, 0), int(candidates.size()));
        QCOMPARE(plot.legend->itemCount(), 0);
        TimelineStyle::layOutLegend(plot.legend, candidates, 0, 3.5, 800, 100); // events 0..2
        const QList<QCPAbstractPlottable *> entries = legendEntries(plot.legend);
        // in the catalogue's order
        QCOMPARE(entries, (QList<QCPAbstractPlottable *> {graphs.graph(EventType::Init),
                                                          graphs.graph(EventType::Set),
                                                          graphs.graph(EventType::Step)}));
    }

    void graphsRemoveDroppedAndClear()
    {
        QCustomPlot plot;
        TimelineGraphs graphs(&plot);
        EventLog log;
        TimelineFeed feed(&log);
        appendCycles(log, 100);
        graphs.add(feed.take());
        log.setCapacity(50);
        appendCycles(log, 1);
        graphs.add(feed.take());
        int points = 0;
        for (int t = 0; t < eventTypeCount; ++t)
            if (QCPGraph *g = graphs.graph(EventType(t))) {
                points += g->data()->size();
                if (!g->data()->isEmpty())
                    QVERIFY(g->data()->constBegin()->key >= feed.keyOf(log.first()));
            }
        QCOMPARE(points, int(log.count()));
        QCOMPARE(graphs.failed()->data()->size(), int(feed.failedCount()));
        graphs.clear();
        QCOMPARE(plot.graphCount(), 2);
        QVERIFY(!graphs.graph(EventType::Step));
        QVERIFY(graphs.failed()->data()->isEmpty());
        QVERIFY(graphs.listened()->data()->isEmpty());
    }

    // ---- the widget --------------------------------------------------------

    void widgetDrawsARealSession()
    {
        auto bench = blogBench();
        EventLog &log = *bench->log();
        TimelineView view(&log);
        view.resize(1100, 450);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const qsizetype configured = log.size();
        QCOMPARE(view.shownCount(), configured); // what the log held when made

        Session *s = bench->session();
        auto ann = s->newObject(QStringLiteral("User"), QStringLiteral("u1"),
                                {{QStringLiteral("name"), QStringLiteral("ann")}});
        QVERIFY(ann);
        QVERIFY(s->add(*ann));
        QVERIFY(s->flush());
        QVERIFY(s->commit());
        QVERIFY(view.shownCount() < log.size()); // not drawn per event
        QTRY_COMPARE(view.shownCount(), log.size()); // but within a batch

        // Every event a point on its hook's graph, every lane counted.
        std::map<EventType, int> perHook;
        qsizetype statements = 0;
        for (qsizetype i = log.first(); i < log.size(); ++i) {
            ++perHook[log.at(i).type];
            statements += log.at(i).type == EventType::Statement;
        }
        QCPGraph *byName[eventTypeCount] = {};
        for (int g = 0; g < view.plot()->graphCount(); ++g)
            for (int t = 0; t < eventTypeCount; ++t)
                if (view.plot()->graph(g)->name() == eventName(EventType(t)))
                    byName[t] = view.plot()->graph(g);
        for (const auto &[type, count] : perHook) {
            QVERIFY2(byName[int(type)], qPrintable(eventName(type)));
            QCOMPARE(byName[int(type)]->data()->size(), count);
        }
        // the hooks' graphs, the crosses, the rings and the selection
        QCOMPARE(view.plot()->graphCount(), int(perHook.size()) + 3);
        QCOMPARE(view.laneCount(TimelineView::SqlLane), statements);
        qsizetype onLanes = 0;
        for (int lane = 0; lane < TimelineView::LaneCount; ++lane)
            onLanes += view.laneCount(TimelineView::Lane(lane));
        QCOMPARE(onLanes, log.count());
        QCOMPARE(view.bandCount(), TimelineBandDetector::detect(log).count());
        QVERIFY(view.bandCount() >= 2); // the flush and its transaction

        // the legend names the hooks in view
        view.fitAll();
        view.plot()->replot();
        const QList<QCPAbstractPlottable *> entries = legendEntries(view.plot()->legend);
        // the hooks, then the ring of the events the blog's log listener heard; nothing failed
        QCOMPARE(view.failedCount(), qsizetype(0));
        QVERIFY(view.listenedCount() > 0);
        QCOMPARE(entries.size(), qsizetype(perHook.size()) + 1);
        for (const auto &[type, count] : perHook)
            QVERIFY(entries.contains(byName[int(type)]));
        QCOMPARE(entries.back()->name(), QStringLiteral("listened"));
        QCOMPARE(entries.back()->interface1D()->dataCount(), int(view.listenedCount()));

        // too short for every hook: the legend's last entry counts the others
        view.resize(1100, view.height() - view.plot()->height() + view.lanesMinimumHeight() + 45);
        QTest::qWait(20);
        view.plot()->replot();
        QVERIFY(view.plot()->legend->itemCount() > 0);
        QVERIFY(legendEntries(view.plot()->legend).size() < view.plot()->legend->itemCount());

        // a cleared log clears the timeline, its legend too
        log.clear();
        QCOMPARE(view.shownCount(), qsizetype(0));
        view.plot()->replot();
        QCOMPARE(view.plot()->legend->itemCount(), 0);
        QCOMPARE(view.plot()->graphCount(), 3);
        QCOMPARE(view.bandCount(), 0);
        QCOMPARE(view.laneCount(TimelineView::SqlLane), qsizetype(0));
    }

    void clickingAMarkerSelectsItsEvent()
    {
        EventLog log;
        appendCycles(log, 30);
        TimelineView view(&log);
        view.resize(1100, 450);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.fitAll();
        view.setFollowLive(false);
        view.plot()->replot();
        QSignalSpy clicked(&view, &TimelineView::eventClicked);
        for (const qsizetype index : {qsizetype(6), qsizetype(12), qsizetype(29)}) {
            const QPointF at = view.pixelOf(index);
            QCOMPARE(view.eventAt(at), index);
            QTest::mouseClick(view.plotWidget(), Qt::LeftButton, {}, at.toPoint());
            QCOMPARE(clicked.count(), 1);
            QCOMPARE(clicked.takeFirst().at(0).value<qsizetype>(), index);
            QCOMPARE(view.selectedEvent(), index);
        }
        // between two lanes (SQL and query): nothing
        const QPointF between(view.pixelOf(6).x(), view.plot()->yAxis->coordToPixel(0.5));
        QCOMPARE(view.eventAt(between), qsizetype(-1));
        QTest::mouseClick(view.plotWidget(), Qt::LeftButton, {}, between.toPoint());
        QCOMPARE(clicked.count(), 0);
        // selecting from outside shows the ring and emits nothing
        view.setSelectedEvent(3);
        QCOMPARE(view.selectedEvent(), qsizetype(3));
        QCOMPARE(clicked.count(), 0);
        view.setSelectedEvent(-1);
        QCOMPARE(view.selectedEvent(), qsizetype(-1));
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
