// One selected event, followed by every view that shows events: the event
// log, the timeline, the SQL log and the inspector (EventSelection). A pick
// in any of them moves the others, with one signal and no loop; clearing
// the log, or its cap dropping the event, clears the selection.
#include "common/eventselection.h"
#include "events/eventlog.h"
#include "events/eventlogmodel.h"
#include "inspect/eventfiltermodel.h"
#include "inspect/eventlogview.h"
#include "inspect/inspectorview.h"
#include "inspect/sqllogmodel.h"
#include "inspect/sqllogview.h"
#include "mainwindow.h"
#include "timeline/timelineview.h"
#include "uitest.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace ms;

namespace {

/// The four views over one log, following one selection, as the window
/// wires them.
struct Views
{
    explicit Views(EventLog *log)
        : selection(log)
        , model(log)
        , logView(&model)
        , timeline(log)
        , sqlModel(log)
        , sqlView(&sqlModel)
        , inspector(log)
    {
        selection.follow(&logView, &EventLogView::eventSelected, &EventLogView::selectEvent);
        selection.follow(&timeline, &TimelineView::eventClicked, &TimelineView::setSelectedEvent);
        selection.follow(&sqlView, &SqlLogView::eventSelected, &SqlLogView::selectEvent);
        selection.follow(&inspector, &InspectorView::inspect);
        timeline.resize(900, 400);
        logView.resize(700, 300);
        sqlView.resize(700, 200);
        timeline.show();
        logView.show();
        sqlView.show();
    }
    /// Where every view stands: the log's, the timeline's, the SQL log's
    /// and the inspector's event (-1 for none), in that order.
    QList<qsizetype> shown() const
    {
        const QModelIndex sql = sqlView.selectionModel()->selectedRows().value(0);
        return {logView.currentEvent(), timeline.selectedEvent(),
                sql.isValid() ? sqlModel.eventAt(sql.row()) : -1, inspector.currentEvent()};
    }

    EventSelection selection;
    EventLogModel model;
    EventLogView logView;
    TimelineView timeline;
    SqlLogModel sqlModel;
    SqlLogView sqlView;
    InspectorView inspector;
};

/// Records a small flush: a user action, session and mapper hooks, an
/// attribute set and two statements; returns the statements' indexes.
QList<qsizetype> recordFlush(EventLog &log)
{
    const quint32 cls
        = log.defineClass(QStringLiteral("User"), {QStringLiteral("id"), QStringLiteral("name")});
    log.setObjectLabel(1, QStringLiteral("u1"));
    QList<qsizetype> statements;
    const EventType kinds[]
        = {EventType::Step,        EventType::Init,         EventType::Set,
           EventType::BeforeFlush, EventType::BeforeInsert, EventType::Statement,
           EventType::AfterInsert, EventType::Statement,    EventType::AfterFlush};
    for (EventType type : kinds) {
        Event e;
        e.type = type;
        e.classId = quint16(cls);
        e.objectId = 1;
        if (type == EventType::Statement)
            e.value = log.addStatement(QStringLiteral("INSERT INTO users (name) VALUES (?)"),
                                       {QStringLiteral("ada")}, QStringLiteral("flush"), 0.1, 1,
                                       QString());
        const qsizetype i = log.append(e);
        if (type == EventType::Statement)
            statements.append(i);
    }
    return statements;
}

} // namespace

class TestSelection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { WindowTestEnvironment::init(); }

    void aPickInOneViewMovesTheOthers()
    {
        EventLog log;
        Views v(&log);
        const QList<qsizetype> statements = recordFlush(log);
        QTRY_COMPARE(v.model.rowCount(), int(log.size()));
        QTRY_COMPARE(v.sqlModel.rowCount(), 2);
        v.timeline.flushPending();
        QSignalSpy changed(&v.selection, &EventSelection::currentChanged);
        using Shown = QList<qsizetype>;

        // A row of the event log: the attribute set.
        const qsizetype set = 2;
        v.logView.table()->setCurrentIndex(v.logView.proxy()->index(int(set), EventLogModel::Hook));
        QCOMPARE(v.selection.current(), set);
        QCOMPARE(changed.count(), 1); // once: the views shown it report nothing back
        QCOMPARE(v.shown(), Shown({set, set, -1, set})); // not a statement: no SQL row

        // A marker on the timeline: the first statement.
        v.timeline.fitAll();
        v.timeline.setFollowLive(false);
        QTest::qWait(50);
        const QPointF at = v.timeline.pixelOf(statements[0]);
        QCOMPARE(v.timeline.eventAt(at), statements[0]);
        QTest::mouseClick(v.timeline.plotWidget(), Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(v.selection.current(), statements[0]);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(v.shown(), Shown(4, statements[0]));
        QVERIFY(v.inspector.text().contains(QLatin1String("INSERT INTO users")));

        // A row of the SQL log: the second statement.
        v.sqlView.setCurrentIndex(v.sqlModel.index(1, SqlLogModel::Sql));
        QCOMPARE(v.selection.current(), statements[1]);
        QCOMPARE(changed.count(), 3);
        QCOMPARE(v.shown(), Shown(4, statements[1]));

        // Set from outside (a pause inside a hook): every view follows.
        v.selection.setCurrent(0);
        QCOMPARE(changed.count(), 4);
        QCOMPARE(v.shown(), Shown({0, 0, -1, 0}));
        QCOMPARE(changed.last().at(0).value<qsizetype>(), 0);
    }

    void noSignalWhenNothingChanges()
    {
        EventLog log;
        Views v(&log);
        recordFlush(log);
        QTRY_COMPARE(v.model.rowCount(), int(log.size()));
        QSignalSpy changed(&v.selection, &EventSelection::currentChanged);
        v.selection.setCurrent(3);
        v.selection.setCurrent(3);
        QCOMPARE(changed.count(), 1);
        // The same event picked again in a view: no new round.
        v.logView.table()->setCurrentIndex(v.logView.proxy()->index(3, EventLogModel::Seq));
        Q_EMIT v.timeline.eventClicked(3);
        QCOMPARE(changed.count(), 1);
        // An index the log does not hold is no selection.
        v.selection.setCurrent(log.size() + 5);
        QCOMPARE(v.selection.current(), -1);
        QCOMPARE(changed.count(), 2);
        v.selection.setCurrent(-7);
        QCOMPARE(changed.count(), 2);
        // A view that joins later shows the current selection at once.
        v.selection.setCurrent(4);
        InspectorView late(&log);
        v.selection.follow(&late, &InspectorView::inspect);
        QCOMPARE(late.currentEvent(), 4);
    }

    void clearingTheLogClearsTheSelection()
    {
        EventLog log;
        Views v(&log);
        const QList<qsizetype> statements = recordFlush(log);
        QTRY_COMPARE(v.sqlModel.rowCount(), 2);
        v.selection.setCurrent(statements[1]);
        QCOMPARE(v.shown(), QList<qsizetype>(4, statements[1]));
        QSignalSpy changed(&v.selection, &EventSelection::currentChanged);
        log.clear();
        QCOMPARE(v.selection.current(), -1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(v.shown(), QList<qsizetype>(4, -1));
        // New events start from 0 again, and nothing is selected among them.
        recordFlush(log);
        QTRY_COMPARE(v.model.rowCount(), int(log.size()));
        QCOMPARE(v.selection.current(), -1);
        QCOMPARE(v.logView.currentEvent(), -1);
    }

    void theCapDroppingTheSelectedEventClearsIt()
    {
        EventLog log;
        log.setCapacity(20);
        EventSelection selection(&log);
        recordFlush(log);
        selection.setCurrent(1);
        QSignalSpy changed(&selection, &EventSelection::currentChanged);
        for (int i = 0; i < 3; ++i)
            recordFlush(log);
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(selection.current(), -1);
        // A kept event stays selected through later drops.
        selection.setCurrent(log.size() - 1);
        recordFlush(log);
        QTest::qWait(20);
        QCOMPARE(selection.current(), log.size() - 1 - 9);
    }

    void theWindowsViewsFollowItsSelection()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        EventLog &log = *w.eventLog();
        QTRY_COMPARE(w.eventLogView()->proxy()->rowCount(), int(log.count()));
        w.timeline()->flushPending();
        const qsizetype pick = log.size() / 2;
        w.eventLogView()->table()->setCurrentIndex(
            w.eventLogView()->proxy()->index(int(pick), EventLogModel::Hook));
        QCOMPARE(w.selection()->current(), pick);
        QCOMPARE(w.timeline()->selectedEvent(), pick);
        QCOMPARE(w.inspector()->currentEvent(), pick);
        // The log's Clear button: the selection goes with the events.
        clickButton(w.eventLogView(), QStringLiteral("C&lear Log"));
        QCOMPARE(log.count(), 0);
        QCOMPARE(w.selection()->current(), -1);
        QCOMPARE(w.timeline()->selectedEvent(), -1);
        QCOMPARE(w.inspector()->currentEvent(), -1);
    }

private:
    static void clickButton(QWidget *parent, const QString &text)
    {
        for (QPushButton *b : parent->findChildren<QPushButton *>()) {
            if (b->text() == text) {
                b->click();
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("no button %1").arg(text)));
    }
};

QTEST_MAIN(TestSelection)
#include "tst_selection.moc"
