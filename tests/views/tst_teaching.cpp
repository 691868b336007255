// Teaching, offscreen and as a user: listeners added in the Listeners panel
// (dialog, undo), a pause inside before_insert that every view shows, Step
// to the next event, Run to End; a set listener's own set event; a raise
// listener's rolled-back flush; closing the window while paused.
#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "events/eventlog.h"
#include "events/eventlogmodel.h"
#include "inspect/eventfiltermodel.h"
#include "inspect/eventlogview.h"
#include "inspect/inspectorview.h"
#include "inspect/unitofworkmodel.h"
#include "mainwindow.h"
#include "orm/instance.h"
#include "orm/mapper.h"
#include "live/sessioncontroller.h"
#include "live/stepper.h"
#include "live/workbench.h"
#include "session/objecttablemodel.h"
#include "session/sessionworkspace.h"
#include "live/scenariorunner.h"
#include "teaching/listenerspanel.h"
#include "teaching/scenariopanel.h"
#include "project/tracewriter.h"
#include "timeline/timelineview.h"
#include "timeline/qcustomplot_include.h"
#include "listenerdef.h"
#include "uitest.h"

#include <QAction>
#include <QPalette>
#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QStandardItemModel>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace ms;

namespace {

QString walkthroughPath()
{
    return QStringLiteral(MS_SOURCE_DIR "/tests/views/data/blog_walkthrough.msproj");
}

using mstest::listener;

QAction *stepAction(MainWindow &w, const char *name)
{
    for (QAction *a : w.workspace()->stepActions())
        if (a->objectName() == QLatin1String(name))
            return a;
    return nullptr;
}

/// The events from @p from on as "category event class ref attr", without
/// the step markers (their numbers differ between a session and a replay).
QStringList eventsSince(const EventLog &log, qsizetype from)
{
    QStringList out;
    for (qsizetype i = from; i < log.size(); ++i) {
        const Event &e = log.at(i);
        if (e.category() == EventCategory::Step || e.type == EventType::Statement)
            continue;
        out << QStringLiteral("%1 %2 %3 %4 %5")
                   .arg(categoryName(e.category()), eventName(e.type), log.className(e.classId),
                        log.objectLabel(e.objectId), log.attributeName(e.classId, e.attribute));
    }
    return out;
}

} // namespace

class TestTeaching : public QObject
{
    Q_OBJECT

    WindowTestEnvironment m_env;
    QString recoveryDir() { return m_env.recoveryDir(); }

private Q_SLOTS:
    void initTestCase()
    {
        WindowTestEnvironment::init();
    }

    void listenerDialogOffersWhatTheHookCanDo()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(walkthroughPath()));
        ListenersPanel *panel = w.listenersPanel();
        // the walkthrough project comes with listeners of its own
        const int initial = int(w.project().listeners.size());
        QCOMPARE(panel->list()->topLevelItemCount(), initial);
        // Add..., as a user fills it in: pause on before_insert of User.
        bool filled = false;
        QTimer::singleShot(0, &w, [&filled] {
            auto *dialog = qobject_cast<ListenerDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            // typing finds a hook: the first name containing the text is
            // chosen, the others hidden; Down and Up move among those shown
            auto *hooks = qobject_cast<QListView *>(dialog->hookBox()->view());
            QTest::keyClicks(dialog->hookFilter(), QStringLiteral("insert"));
            QCOMPARE(dialog->hookBox()->currentData().toString(), QStringLiteral("before_insert"));
            QVERIFY(hooks->isRowHidden(dialog->hookBox()->findData(QStringLiteral("before_update"))));
            QTest::keyClick(dialog->hookFilter(), Qt::Key_Down);
            QCOMPARE(dialog->hookBox()->currentData().toString(), QStringLiteral("after_insert"));
            QTest::keyClick(dialog->hookFilter(), Qt::Key_Up);
            QCOMPARE(dialog->hookBox()->currentData().toString(), QStringLiteral("before_insert"));
            dialog->hookFilter()->clear();
            QTest::keyClicks(dialog->hookFilter(), QStringLiteral("POSTEXEC"));
            QCOMPARE(dialog->hookBox()->currentData().toString(), QStringLiteral("after_flush_postexec"));
            dialog->hookFilter()->clear();
            QVERIFY(!hooks->isRowHidden(dialog->hookBox()->findData(QStringLiteral("before_update"))));
            // a session hook offers only the session, and no set action
            QVERIFY(dialog->selectHook(QStringLiteral("before_flush")));
            // its signature and what it is for, where the teacher picks it
            QVERIFY(dialog->hookHelp()->text().contains(QLatin1String("before_flush(session, flush_context, instances)")));
            QVERIFY(dialog->hookHelp()->text().contains(eventExplanation(EventType::BeforeFlush).toHtmlEscaped()));
            QCOMPARE(dialog->targetBox()->count(), 1);
            QVERIFY(!qobject_cast<QStandardItemModel *>(dialog->actionBox()->model())
                         ->item(dialog->actionBox()->findData(QStringLiteral("set")))
                         ->isEnabled());
            // an attribute hook offers Class.attribute targets
            QVERIFY(dialog->selectHook(QStringLiteral("set")));
            QVERIFY(dialog->targetBox()->findData(QStringLiteral("User.name")) >= 0);
            QVERIFY(!dialog->extensionBox()->isEnabled()); // Ming has no set method
            // a mapper hook: every class, or one
            QVERIFY(dialog->selectHook(QStringLiteral("before_insert")));
            QCOMPARE(dialog->targetBox()->itemData(0).toString(), QStringLiteral("*"));
            QVERIFY(dialog->extensionBox()->isEnabled());
            dialog->targetBox()->setCurrentIndex(dialog->targetBox()->findData(QStringLiteral("User")));
            dialog->actionBox()->setCurrentIndex(dialog->actionBox()->findData(QStringLiteral("pause")));
            filled = true;
            dialog->accept();
        });
        panel->add();
        QVERIFY(filled);
        QCOMPARE(w.project().listeners.size(), initial + 1);
        QCOMPARE(w.project().listeners.last(), listener("before_insert", "User", "pause"));
        QCOMPARE(panel->list()->topLevelItemCount(), initial + 1);
        QCOMPARE(w.workbench()->liveListeners(), initial + 1);
        // one undo step; redo brings it back
        w.document()->undoStack()->undo();
        QCOMPARE(w.project().listeners.size(), initial);
        QCOMPARE(w.workbench()->liveListeners(), initial);
        w.document()->undoStack()->redo();
        QCOMPARE(w.project().listeners.size(), initial + 1);
        // order: a second listener, moved above the first
        panel->addListener(listener("after_insert", "*", "log"));
        QCOMPARE(panel->list()->topLevelItemCount(), initial + 2);
        panel->list()->setCurrentItem(panel->list()->topLevelItem(initial + 1));
        panel->moveCurrent(-1);
        QCOMPARE(w.project().listeners[initial].event, QStringLiteral("after_insert"));
        QCOMPARE(panel->list()->topLevelItem(initial)->text(1), QStringLiteral("after_insert"));
        panel->removeCurrent();
        QCOMPARE(w.project().listeners.size(), initial + 1);
        QCOMPARE(w.project().listeners.last().event, QStringLiteral("before_insert"));
        // a session hook's target reads "session", not "*" (every class)
        panel->addListener(listener("before_flush", "*", "log"));
        QCOMPARE(panel->list()->topLevelItem(initial + 1)->text(2), QStringLiteral("session"));
        QCOMPARE(w.project().listeners.last().target, QStringLiteral("*")); // the file keeps it
        panel->removeCurrent();
        QCOMPARE(panel->list()->topLevelItem(initial)->text(2), QStringLiteral("User"));
        // set and raise keep their details
        panel->addListener(listener("before_update", "*", "set", {{"attr", "email"}, {"compute", "now"}}));
        QCOMPARE(panel->list()->topLevelItem(initial + 1)->text(4), QStringLiteral("set email = now()"));
        panel->removeCurrent();
        // a method of a Ming-style extension: its name in its own column
        panel->addListener(listener("after_insert", "User", "log", {{"extension", "Audit"}}));
        QCOMPARE(panel->list()->topLevelItem(initial + 1)->text(3), QStringLiteral("Audit"));
        QCOMPARE(panel->extensions(), QStringList {QStringLiteral("Audit")});
        // saved in the project file, restored and live on open (the extension too)
        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("teaching.msproj"));
        QVERIFY(w.saveAs(saved));
        MainWindow reopened(nullptr, recoveryDir());
        QVERIFY(reopened.openProject(saved));
        QCOMPARE(reopened.project().listeners, w.project().listeners);
        QCOMPARE(reopened.listenersPanel()->list()->topLevelItemCount(), initial + 2);
        QCOMPARE(reopened.workbench()->liveListeners(), initial + 2); // initial + 1 listeners, 1 extension
        QCOMPARE(ListenersPanel::describe(listener("before_insert", "User", "set",
                                                   {{"attr", "email"}, {"compute", "lower"}, {"of", "name"}})),
                 QStringLiteral("set email = lower(name)"));
    }

    void pauseInsideBeforeInsertShowsTheMoment()
    {
        MainWindow w(nullptr, recoveryDir());
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.openProject(walkthroughPath()));
        w.showPage(1);
        ListenersPanel *panel = w.listenersPanel();
        panel->addListener(listener("before_insert", "User", "pause"));
        panel->addListener(listener("after_insert", "*", "log"));
        panel->addListener(listener("before_insert", "User", "set",
                                    {{"attr", "email"}, {"compute", "lower"}, {"of", "name"}}));
        // after the two log listeners the walkthrough comes with
        QCOMPARE(w.workbench()->liveListeners(), int(w.project().listeners.size()));
        QCOMPARE(w.project().listeners.size(), 5);
        SessionController *c = w.sessionController();
        auto ada = c->create(QStringLiteral("User"));
        QVERIFY(ada);
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("Ada")));
        QVERIFY(c->run(steps::Add {(*ada)->label()}));
        Stepper *stepper = w.workbench()->stepper();
        EventLog &log = *w.eventLog();
        QStringList stops;
        QString pauseText, inspector, state;
        bool flushDisabled = false, newHasAda = false, refused = false;
        QList<qint64> stopTimes;
        connect(stepper, &Stepper::paused, this, [&](qsizetype index) {
            stops << eventName(log.at(index).type);
            stopTimes << log.at(index).nsecs();
            if (stops.size() == 1) {
                // let the views take the moment in, look, then Step
                QTimer::singleShot(100, this, [&] {
                    pauseText = w.workspace()->pauseText();
                    inspector = w.inspector()->text();
                    state = objectStateName((*ada)->state());
                    flushDisabled = !w.workspace()->flushAction()->isEnabled();
                    newHasAda = w.unitOfWork()->objects(UnitOfWorkModel::New).contains(*ada);
                    // nothing may change the session meanwhile
                    refused = !c->run(steps::Commit {});
                    QVERIFY(w.grab().save(QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("paused.png"))));
                    stepAction(w, "step")->trigger();
                });
            } else {
                QTimer::singleShot(0, this, [&] { stepAction(w, "runToEnd")->trigger(); });
            }
        });
        QVERIFY(c->run(steps::Flush {}));
        // stopped in before_insert, then (Step) in the set event the set listener fired
        QCOMPARE(stops, (QStringList {"before_insert", "set"}));
        // the 100 ms and more spent paused in before_insert do not count
        QVERIFY2(stopTimes[1] - stopTimes[0] < 60000000,
                 qPrintable(QString::number(stopTimes[1] - stopTimes[0])));
        QVERIFY2(pauseText.contains(QLatin1String("before_insert")), qPrintable(pauseText));
        QVERIFY2(inspector.contains(QLatin1String("before_insert")), qPrintable(inspector));
        QVERIFY2(inspector.contains(QLatin1String("pending")), qPrintable(inspector));
        QCOMPARE(state, QStringLiteral("pending"));
        QVERIFY(flushDisabled);
        QVERIFY(newHasAda);
        QVERIFY(refused);
        // finished as without the pause: persistent, the email set by the listener
        QCOMPARE((*ada)->state(), ObjectState::Persistent);
        QCOMPARE((*ada)->value(int((*ada)->mapper()->attributeIndex(QStringLiteral("email"))) - 1).toString(),
                 QStringLiteral("ada"));
        QVERIFY(!stepper->isPaused());
        QVERIFY(w.workspace()->pauseText().isEmpty());
        QVERIFY(w.workspace()->flushAction()->isEnabled());
        // the log listener's after_insert is highlighted in the log and on the timeline
        w.timeline()->flushPending();
        QVERIFY(w.timeline()->listenedCount() >= 1);
        bool highlighted = false;
        QAbstractItemModel *rows = w.eventLogView()->proxy();
        QTRY_COMPARE(rows->rowCount(), int(log.count()));
        for (int r = 0; r < rows->rowCount(); ++r)
            if (rows->index(r, EventLogModel::Hook).data().toString() == QLatin1String("after_insert"))
                highlighted |= rows->index(r, 0).data(Qt::BackgroundRole).isValid();
        QVERIFY(highlighted);
    }

    // The teacher's demo: pause in before_flush, look at the unit of work,
    // then Step through the inserts one event at a time.
    void stepThroughAFlushFromBeforeFlush()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(walkthroughPath()));
        w.showPage(0); // on the designer: the pause brings up the session page and its pause bar
        w.listenersPanel()->addListener(listener("before_flush", "*", "pause"));
        SessionController *c = w.sessionController();
        for (const char *name : {"ada", "bob"}) {
            auto u = c->create(QStringLiteral("User"));
            QVERIFY(c->assign(*u, QStringLiteral("name"), QLatin1String(name)));
            QVERIFY(c->run(steps::Add {(*u)->label()}));
        }
        EventLog &log = *w.eventLog();
        QStringList stops;
        int newAtPause = -1;
        int identityAtPause = -1;
        int pageAtPause = -1;
        qsizetype pausedAt = -1, selectedInLog = -2;
        connect(w.workbench()->stepper(), &Stepper::paused, this, [&](qsizetype index) {
            const Event &e = log.at(index);
            stops << eventName(e.type);
            if (stops.size() == 1) {
                pausedAt = index;
                QTimer::singleShot(50, this, [&] {
                    pageAtPause = w.currentPage();
                    // README: the paused event is selected in the Event Log
                    selectedInLog = w.eventLogView()->currentEvent();
                    newAtPause = int(w.unitOfWork()->objects(UnitOfWorkModel::New).size());
                    identityAtPause = int(w.unitOfWork()->objects(UnitOfWorkModel::IdentityMap).size());
                    stepAction(w, "step")->trigger();
                });
            } else if (e.type == EventType::AfterFlushPostexec || stops.size() > 60) {
                QTimer::singleShot(0, this, [&] { stepAction(w, "continue")->trigger(); });
            } else {
                QTimer::singleShot(0, this, [&] { stepAction(w, "step")->trigger(); });
            }
        });
        QVERIFY(c->run(steps::Flush {}));
        QCOMPARE(stops.first(), QStringLiteral("before_flush"));
        QCOMPARE(pageAtPause, 1);
        QCOMPARE(selectedInLog, pausedAt);
        QCOMPARE(newAtPause, 2);     // both users still new
        QCOMPARE(identityAtPause, 0); // nothing in the identity map yet
        // every event of the flush, one Step each: the inserts among them
        QCOMPARE(stops.count(QStringLiteral("before_insert")), 2);
        QCOMPARE(stops.count(QStringLiteral("after_insert")), 2);
        QVERIFY(stops.count(QStringLiteral("statement")) >= 1);
        QCOMPARE(stops.last(), QStringLiteral("after_flush_postexec"));
        QTRY_COMPARE(w.unitOfWork()->objects(UnitOfWorkModel::IdentityMap).size(), 2);
    }

    void raiseListenerRollsTheFlushBack()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(walkthroughPath()));
        w.listenersPanel()->addListener(
            listener("before_insert", "User", "raise", {{"message", "no new users during the exam"}}));
        SessionController *c = w.sessionController();
        auto bob = c->create(QStringLiteral("User"));
        QVERIFY(c->assign(*bob, QStringLiteral("name"), QStringLiteral("Bob")));
        QVERIFY(c->run(steps::Add {(*bob)->label()}));
        QVERIFY(!c->run(steps::Flush {}));
        const QString message = w.workspace()->message();
        QVERIFY2(message.contains(QLatin1String("no new users during the exam")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("before_insert")), qPrintable(message));
        QVERIFY(message.contains(QLatin1String("rolled back")));
        QVERIFY(c->run(steps::Rollback {}));
        QCOMPARE((*bob)->state(), ObjectState::Transient);
    }

    // Record GUI actions (one of them failing), replay the scenario headless
    // and in the player: the same events as when they were done by hand.
    void recordAndReplay()
    {
        MainWindow w(nullptr, recoveryDir());
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.openProject(walkthroughPath()));
        w.showPage(1);
        ScenarioPanel *player = w.scenarioPanel();
        SessionController *c = w.sessionController();
        EventLog &log = *w.eventLog();
        player->recordButton()->click();
        QVERIFY(c->isRecording());
        const qsizetype from = log.size();
        auto ada = c->create(QStringLiteral("User"));
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("ada")));
        QVERIFY(c->run(steps::Add {(*ada)->label()}));
        auto post = c->create(QStringLiteral("Post"));
        QVERIFY(c->assign(*post, QStringLiteral("title"), QStringLiteral("Hello")));
        QVERIFY(c->assign(*post, QStringLiteral("author"), (*ada)->label()));
        QVERIFY(c->run(steps::Commit {}));
        QVERIFY(c->generate(QStringLiteral("Comment"), 2));
        QVERIFY(c->run(steps::Flush {}));
        auto nameless = c->create(QStringLiteral("User"));
        QVERIFY(c->run(steps::Add {(*nameless)->label()}));
        QVERIFY(!c->run(steps::Flush {})); // name is NOT NULL
        QVERIFY(c->run(steps::Rollback {}));
        const QStringList live = eventsSince(log, from);
        QVERIFY(player->stopRecording(QStringLiteral("demo")));
        QVERIFY(!c->isRecording());
        const Scenario demo = w.project().scenarios.last();
        QCOMPARE(demo.name, QStringLiteral("demo"));
        QCOMPARE(demo.steps.size(), 16); // 12 actions, and the 2 generated comments as new + add
        int failing = 0;
        for (const Step &step : demo.steps)
            failing += step.expectError;
        QCOMPARE(failing, 1);
        QCOMPARE(player->scenarioBox()->currentText(), QStringLiteral("demo"));
        QCOMPARE(player->stepList()->count(), 16);
        // one undo step
        w.document()->undoStack()->undo();
        QVERIFY(w.project().scenarios.isEmpty() || w.project().scenarios.last().name != QLatin1String("demo"));
        w.document()->undoStack()->redo();
        QCOMPARE(w.project().scenarios.last().name, QStringLiteral("demo"));

        // headless, on a fresh database: the same events
        {
            Playground play;
            QVERIFY(play.open(w.project(), DatabaseSettings {}));
            const qsizetype start = play.log.size();
            ScenarioRunner runner(*play.session);
            QVERIFY(runner.run(demo));
            QCOMPARE(eventsSince(play.log, start), live);
        }
        // in the player: Restart, then Step twice, then Play to the end
        player->selectScenario(QStringLiteral("demo"));
        player->speedBox()->setCurrentIndex(player->speedBox()->findData(0.0));
        QVERIFY(player->restart());
        const qsizetype replay = log.size();
        w.showPage(0);
        QVERIFY(player->stepOnce());
        QCOMPARE(w.currentPage(), 1); // a played step shows the session page
        QVERIFY(player->stepOnce());
        QCOMPARE(player->nextStep(), 2);
        QSignalSpy done(player, &ScenarioPanel::finished);
        player->play();
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(done.first().value(0).toBool(), true);
        QCOMPARE(player->nextStep(), 16);
        QCOMPARE(eventsSince(log, replay), live);
        // each step's events are grouped on the timeline (every other step shaded)
        w.timeline()->flushPending();
        QVERIFY(w.timeline()->stepCount() >= 16);
        w.findChild<QDockWidget *>(QStringLiteral("ScenariosDock"))->raise();
        QTest::qWait(50);
        QVERIFY(w.grab().save(QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("scenario_player.png"))));
    }

    void exportsEveryKind()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(walkthroughPath())); // its log listener highlights before_insert
        SessionController *c = w.sessionController();
        auto ada = c->create(QStringLiteral("User"));
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("Ada, \"the first\"")));
        QVERIFY(c->run(steps::Add {(*ada)->label()}));
        QVERIFY(c->run(steps::Flush {}));
        const EventLog &log = *w.eventLog();
        QTemporaryDir dir;
        auto read = [](const QString &path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        // JSON Lines: the trace writer's output, one line an event
        const QString jsonl = dir.filePath(QStringLiteral("t.jsonl"));
        QVERIFY(w.exportTo(jsonl));
        QBuffer expected;
        expected.open(QIODevice::WriteOnly);
        QVERIFY(TraceWriter::write(log, &expected));
        QCOMPARE(read(jsonl), expected.data());
        // CSV: a header and a row an event; the name with a comma and quotes survives
        const QString csv = dir.filePath(QStringLiteral("t.csv"));
        QVERIFY(w.exportTo(csv));
        const QByteArray csvText = read(csv);
        QVERIFY(csvText.startsWith("seq,ms,phase,category,event,class,ref,attr,value,old,failed,detail\r\n"));
        QCOMPARE(csvText.count("\r\n"), int(log.count()) + 1);
        QVERIFY(csvText.contains("\r\n1,"));
        QVERIFY2(csvText.contains("\"Ada, \"\"the first\"\"\""), csvText.constData());
        // HTML: self-contained, the timeline inlined, the hooks explained, the events listed
        const QString html = dir.filePath(QStringLiteral("report.html"));
        QVERIFY(w.exportTo(html));
        const QString report = QString::fromUtf8(read(html));
        QVERIFY(report.contains(QLatin1String("<img alt=\"Timeline\" src=\"data:image/png;base64,")));
        QVERIFY(report.contains(QLatin1String("<dt>before_insert(mapper, connection, target)</dt>")));
        QVERIFY(report.contains(eventExplanation(EventType::BeforeInsert).toHtmlEscaped()));
        QVERIFY(report.contains(QLatin1String("<tr class=\"listened\">")));
        QCOMPARE(report.count(QLatin1String("<tr")), int(log.count()) + 1);
        QVERIFY(!report.contains(QLatin1String("src=\"http")));
        // The report's picture lays its legend out for its own width, not the
        // window's: on a wide screen a 1400-pixel picture once cut every name.
        w.resize(2600, 900);
        QTest::qWait(20);
        const QImage picture = w.timeline()->toImage(700, 400);
        QCOMPARE(picture.width(), 700);
        QCPLegend *legend = w.timeline()->plot()->legend;
        QVERIFY(legend->itemCount() > 5);
        for (int i = 0; i < legend->itemCount(); ++i) {
            QCPLayoutElement *item = legend->item(i);
            QVERIFY2(item->outerRect().width() >= item->minimumOuterSizeHint().width(),
                     qPrintable(QStringLiteral("legend item %1: %2 of %3 pixels")
                                    .arg(i)
                                    .arg(item->outerRect().width())
                                    .arg(item->minimumOuterSizeHint().width())));
        }
        QFile::remove(QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("report.html")));
        QFile::copy(html, QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("report.html")));
        // the timeline, as a picture and as a document
        const QString png = dir.filePath(QStringLiteral("t.png"));
        QVERIFY(w.exportTo(png));
        QVERIFY(QImage(png).width() > 100);
        const QString pdf = dir.filePath(QStringLiteral("t.pdf"));
        QVERIFY(w.exportTo(pdf));
        QVERIFY(read(pdf).startsWith("%PDF"));
        // the project as a SQLAlchemy program, and its tables as SQL
        const QString py = dir.filePath(QStringLiteral("walkthrough.py"));
        QVERIFY(w.exportTo(py));
        const QString module = QString::fromUtf8(read(py));
        QVERIFY(module.contains(QLatin1String("class User(Base):")));
        QVERIFY(module.contains(QLatin1String("SCENARIOS = {")));
        const QString sql = dir.filePath(QStringLiteral("tables.sql"));
        QVERIFY(w.exportTo(sql));
        QVERIFY(read(sql).contains("CREATE TABLE \"users\""));
        // an unknown kind, and a folder that is not there: messages
        auto unknown = w.exportTo(dir.filePath(QStringLiteral("t.xyz")));
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.contains(QLatin1String(".jsonl")));
        auto nowhere = w.exportTo(dir.filePath(QStringLiteral("no/such/dir/t.csv")));
        QVERIFY(!nowhere);
        QVERIFY(!nowhere.error().message.isEmpty());
    }

    void presentationMode()
    {
        MainWindow w(nullptr, recoveryDir());
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.openProject(walkthroughPath()));
        w.listenersPanel()->addListener(listener("before_insert", "User", "pause"));
        SessionController *c = w.sessionController();
        auto ada = c->create(QStringLiteral("User"));
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("Ada")));
        QVERIFY(c->run(steps::Add {(*ada)->label()}));
        const qreal normal = QApplication::font().pointSizeF();
        const int speed = w.scenarioPanel()->speedBox()->currentIndex();
        const QSize size = w.size();
        QAction *toggle = action(&w, QStringLiteral("&Presentation Mode"));
        toggle->trigger();
        QVERIFY(w.isPresenting());
        QVERIFY(QApplication::font().pointSizeF() >= normal * 1.4);
        QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
        QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::black));
        for (QDockWidget *dock : w.findChildren<QDockWidget *>())
            QCOMPARE(dock->isVisible(), dock->objectName() == QLatin1String("TimelineDock"));
        QVERIFY(w.workspace()->isVisible());
        QVERIFY(w.timeline()->isPresentation());
        QCOMPARE(w.scenarioPanel()->speedBox()->currentData().toDouble(), 0.5);
        // the paused moment, as a class sees it on the projector
        connect(w.workbench()->stepper(), &Stepper::paused, this, [&] {
            QTimer::singleShot(100, this, [&] {
                w.timeline()->fitAll();
                QVERIFY(w.grab().save(QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("presentation.png"))));
                stepAction(w, "runToEnd")->trigger();
            });
        });
        QVERIFY(c->run(steps::Flush {}));
        // and back
        toggle->trigger();
        QVERIFY(!w.isPresenting());
        QCOMPARE(QApplication::font().pointSizeF(), normal);
        QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("InspectorDock"))->isVisible());
        QVERIFY(!w.timeline()->isPresentation());
        QCOMPARE(w.scenarioPanel()->speedBox()->currentIndex(), speed);
        // The larger fonts' layouts (the timeline's legend) do not widen the window.
        QTest::qWait(50);
        QCOMPARE(w.size(), size);
    }

    // Found by the monkey: while a Generate was paused inside `init`, the
    // player's Restart replaced the session and its mappers, and Continue
    // went on inside freed memory. Whatever would replace the session is
    // refused while paused; the paused operation then ends normally.
    void nothingReplacesTheSessionWhilePaused()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(walkthroughPath()));
        w.listenersPanel()->addListener(listener("init", "User", "pause"));
        Session *session = w.workbench()->session();
        QStringList refusals;
        bool tried = false;
        connect(w.workbench()->stepper(), &Stepper::paused, this, [&] {
            if (tried)
                return QTimer::singleShot(0, this, [&] { stepAction(w, "runToEnd")->trigger(); });
            tried = true;
            QTimer::singleShot(0, this, [&] {
                // The player's Restart, Apply (F5), New, Revert and a new connection.
                for (QPushButton *b : w.scenarioPanel()->findChildren<QPushButton *>()) {
                    if (b->text() == tr("&Restart"))
                        b->click();
                }
                refusals << w.scenarioPanel()->findChild<QLabel *>(QStringLiteral("playerStatus"))->text();
                QVERIFY(!w.applyToDatabase());
                action(&w, tr("&New"))->trigger();
                action(&w, tr("Re&vert to Saved"))->trigger();
                const auto connected = w.workbench()->connectTo(DatabaseSettings {});
                QVERIFY(!connected);
                refusals << connected.error().message;
                QCOMPARE(w.workbench()->session(), session);
                QVERIFY(!w.project().schema.classes.isEmpty());
                stepAction(w, "continue")->trigger();
            });
        });
        w.showPage(1);
        w.workspace()->showClass(QStringLiteral("User"));
        w.workspace()->generate(2);
        QVERIFY(tried);
        QVERIFY(!w.workbench()->stepper()->isPaused());
        QCOMPARE(w.workbench()->session(), session);
        QCOMPARE(w.workspace()->model(QStringLiteral("User"))->rowCount(), 2);
        for (const QString &r : refusals)
            QVERIFY2(r.contains(QLatin1String("paused inside a hook")), qPrintable(refusals.join(QLatin1Char('\n'))));
        QCOMPARE(refusals.size(), 2);
    }

    // Found by the long monkey run: a timer firing while a long flush turned
    // the event loop (its heartbeat) applied the model, destroying the
    // session under the flush. While an operation runs, or a Generate is
    // between objects, whatever would replace the session or start another
    // operation is refused.
    void nothingReplacesTheSessionWhileAnOperationRuns()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(walkthroughPath()));
        Session *session = w.workbench()->session();
        SessionController *c = w.sessionController();
        QStringList refusals;
        int during = 0;
        auto tryToInterfere = [&] {
            ++during;
            if (auto r = w.workbench()->apply(w.project()); !r)
                refusals << r.error().message;
            if (auto r = c->run(steps::Rollback {}); !r)
                refusals << r.error().message;
            w.scenarioPanel()->restart();
            action(&w, tr("&New"))->trigger();
        };
        // Between the objects of a Generate (its progress turns the event loop).
        auto made = c->generate(QStringLiteral("User"), 1500, [&](int done) {
            if (done > 0 && done < 1500)
                tryToInterfere();
            return true;
        });
        QVERIFY(made);
        QCOMPARE(*made, 1500);
        QCOMPARE(during, 2);
        // Inside a long flush (its heartbeat), from a timer.
        QTimer timer;
        connect(&timer, &QTimer::timeout, this, [&] {
            if (w.workbench()->isBusy())
                tryToInterfere();
        });
        timer.start(1);
        QVERIFY(c->run(steps::Flush {}));
        timer.stop();
        QVERIFY2(during > 2, "the flush never turned the event loop");
        QCOMPARE(w.workbench()->session(), session);
        QCOMPARE(w.project().schema.classes.size(), 3); // New was refused
        QCOMPARE(refusals.size(), 2 * during);
        for (const QString &r : std::as_const(refusals))
            QVERIFY2(r.contains(QLatin1String("middle of an operation")), qPrintable(r));
        QCOMPARE(w.workspace()->model(QStringLiteral("User"))->rowCount(), 1500);
    }

    // Issue 25: a scenario played after another (or after the user's own
    // actions) starts on a fresh database, and the player says so; before,
    // the second scenario failed on the first one's rows.
    void aScenarioPlaysFromAFreshSession()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(walkthroughPath()));
        QList<Scenario> scenarios = w.project().scenarios;
        QVERIFY(!scenarios.isEmpty());
        Scenario again = scenarios.first();
        again.name = QStringLiteral("again");
        scenarios << again;
        w.document()->undoStack()->push(
            new SetScenariosCommand(w.document(), scenarios, QStringLiteral("copy")));
        ScenarioPanel *player = w.scenarioPanel();
        player->speedBox()->setCurrentIndex(player->speedBox()->findData(0.0));
        QVERIFY(player->selectScenario(scenarios.first().name));
        QVERIFY(!player->sessionUsed()); // just applied: played as it is
        const Session *applied = w.workbench()->session();
        QSignalSpy done(player, &ScenarioPanel::finished);
        player->play();
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(done.first().value(0).toBool(), true);
        QCOMPARE(w.workbench()->session(), applied);
        QVERIFY(player->sessionUsed());
        QVERIFY(player->selectScenario(QStringLiteral("again")));
        player->play();
        QTRY_COMPARE(done.count(), 2);
        QVERIFY2(done.last().value(0).toBool(),
                 qPrintable(player->findChild<QLabel *>(QStringLiteral("playerStatus"))->text()));
        QCOMPARE(player->nextStep(), int(again.steps.size()));
        const QString status = player->findChild<QLabel *>(QStringLiteral("playerStatus"))->text();
        QVERIFY2(status.contains(QLatin1String("fresh")), qPrintable(status));

        // Recording in the used session warns; a step on an object of the
        // scenario before is listed in the Problems dock, as validate lists it.
        SessionController *c = w.sessionController();
        player->startRecording();
        const QString warning = player->findChild<QLabel *>(QStringLiteral("playerStatus"))->text();
        QVERIFY2(warning.contains(QLatin1String("Restart first")), qPrintable(warning));
        Instance *user1 = c->session()->objectByLabel(QStringLiteral("user1"));
        QVERIFY(user1);
        QVERIFY(c->assign(user1, QStringLiteral("email"), QStringLiteral("ada@lovelace.org")));
        QVERIFY(player->stopRecording(QStringLiteral("reuse")));
        const Problems expected = w.project().validate();
        QCOMPARE(expected.size(), 1);
        QVERIFY(expected.first().path.startsWith(QStringLiteral("scenarios[2].steps[0]")));
        auto *problems = w.findChild<QListWidget *>(QStringLiteral("problems"));
        QCOMPARE(problems->count(), 1);
        QCOMPARE(problems->item(0)->text(), expected.first().toString());
    }

    void closingWhilePausedAsksAndRollsBack()
    {
        auto *w = new MainWindow(nullptr, recoveryDir());
        w->setAttribute(Qt::WA_DeleteOnClose, false);
        w->show();
        QVERIFY(w->openProject(walkthroughPath()));
        w->listenersPanel()->addListener(listener("before_insert", "User", "pause"));
        w->document()->undoStack()->setClean(); // nothing to save: only the pause asks
        SessionController *c = w->sessionController();
        auto cy = c->create(QStringLiteral("User"));
        QVERIFY(c->assign(*cy, QStringLiteral("name"), QStringLiteral("Cy")));
        QVERIFY(c->run(steps::Add {(*cy)->label()}));
        QString asked;
        connect(w->workbench()->stepper(), &Stepper::paused, this, [&] {
            QTimer::singleShot(0, this, [&] {
                QTimer::singleShot(0, this, [&] {
                    auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                    if (!box)
                        return;
                    asked = box->text();
                    box->button(QMessageBox::Yes)->click();
                });
                w->close();
            });
        });
        (void)c->run(steps::Flush {});
        QVERIFY2(asked.contains(QLatin1String("paused inside a hook")), qPrintable(asked));
        QTRY_VERIFY(!w->isVisible());
        // the flush ran to its end, then the session was rolled back
        QVERIFY(!w->workbench()->stepper()->isPaused());
        QCOMPARE((*cy)->state(), ObjectState::Transient);
        delete w;
    }
};

QTEST_MAIN(TestTeaching)
#include "tst_teaching.moc"
