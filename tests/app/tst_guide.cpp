#include "events/eventlog.h"
#include "events/eventlogmodel.h"
#include "events/eventtype.h"
#include "guide.h"
#include "inspect/eventlogview.h"
#include "language.h"
#include "common/eventtext.h"
#include "lessons.h"
#include "live/sessioncontroller.h"
#include "mainwindow.h"
#include "orm/instance.h"
#include "project/step.h"
#include "teaching/listenerspanel.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QTranslator>
#include <QTreeWidget>

using namespace ms;

namespace {

const QString blog = QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj");

/// Where the anchor @p name is in @p browser's viewport (its heading's top).
QRect anchorRect(QTextBrowser *browser, const QString &name)
{
    for (QTextBlock b = browser->document()->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().anchorNames().contains(name)) {
                QTextCursor c(browser->document());
                c.setPosition(it.fragment().position());
                return browser->cursorRect(c);
            }
    return {};
}

/// Where @p text begins in @p browser's viewport; an empty rect when it is not there.
QRect textRect(QTextBrowser *browser, const QString &text)
{
    const QTextCursor found = browser->document()->find(text);
    if (found.isNull())
        return {};
    QTextCursor c(browser->document());
    c.setPosition(found.selectionStart());
    return browser->cursorRect(c);
}

/// Every action of the menus with a shortcut: its keys as the system writes them.
QStringList menuShortcuts(const QMenu *menu)
{
    QStringList out;
    for (const QAction *a : menu->actions()) {
        if (a->menu())
            out += menuShortcuts(a->menu());
        else
            for (const QKeySequence &k : a->shortcuts())
                out << k.toString(QKeySequence::NativeText);
    }
    return out;
}

} // namespace

class TestGuide : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MapperscopeTests"));
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("guide"));
    }

    void f1OpensTheGuide()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QVERIFY(!w.findChild<GuideWindow *>());
        QTest::keyClick(&w, Qt::Key_F1);
        auto *guide = w.findChild<GuideWindow *>();
        QVERIFY(guide);
        QTRY_VERIFY(guide->isVisible());
        QVERIFY(!guide->isModal());
        QCOMPARE(guide->language(), QStringLiteral("en"));
        QCOMPARE(guide->page(), QUrl(QStringLiteral("qrc:/guide/guide_en.html")));
        const QString text = guide->browser()->toPlainText();
        QVERIFY(text.contains(QLatin1String("Getting started")));
        QVERIFY(text.contains(QLatin1String("Apply to Database")));
        // The four sections in the contents, the hooks' categories under the last.
        QStringList sections;
        for (int i = 0; i < guide->contents()->topLevelItemCount(); ++i)
            sections << guide->contents()->topLevelItem(i)->text(0);
        QCOMPARE(sections, QStringList({QStringLiteral("Getting started"),
                                        QStringLiteral("Keyboard shortcuts"),
                                        QStringLiteral("What each panel shows"),
                                        QStringLiteral("The hooks")}));
        QVERIFY(guide->contents()->topLevelItem(3)->childCount() >= 6);
        // It fits a 1280x800 screen.
        QVERIFY2(guide->width() <= 1280 && guide->height() <= 800,
                 qPrintable(QStringLiteral("%1x%2").arg(guide->width()).arg(guide->height())));
        QVERIFY(guide->minimumSizeHint().width() <= 1280 && guide->minimumSizeHint().height() <= 800);
        QVERIFY(guide->grab().save(QStringLiteral(MS_BINARY_DIR "/guide.png")));
        guide->showAnchor(QStringLiteral("shortcuts"));
        QVERIFY(guide->grab().save(QStringLiteral(MS_BINARY_DIR "/guide_shortcuts.png")));
        // F1 again: the same window, not a second one.
        QTest::keyClick(&w, Qt::Key_F1);
        QCOMPARE(w.findChildren<GuideWindow *>().size(), 1);
    }

    void shortcutsTableListsTheWindowsActions()
    {
        MainWindow w;
        w.show();
        GuideWindow *guide = GuideWindow::of(&w);
        guide->showGuide();
        const QString table = GuideWindow::shortcutsTable(&w);
        QVERIFY(table.contains(QStringLiteral("<td><b>Ctrl+S</b></td><td>File ▸ Save</td>")));
        QVERIFY(table.contains(QStringLiteral("<td><b>F5</b></td><td>Session ▸ Apply to Database</td>")));
        QVERIFY(table.contains(QStringLiteral("<td><b>F1</b></td><td>Help ▸ Guide</td>")));
        // Every shortcut of the menus is there, and the timeline's own.
        const QString shown = guide->browser()->toPlainText();
        QStringList keys;
        for (const QAction *a : w.menuBar()->actions())
            if (a->menu())
                keys += menuShortcuts(a->menu());
        QVERIFY(keys.size() >= 30);
        QStringList listed;
        static const QRegularExpression cell(QStringLiteral("<td><b>([^<]*)</b></td>"));
        for (auto it = cell.globalMatch(table); it.hasNext();)
            listed += it.next().captured(1).split(QStringLiteral(", "));
        for (const QString &k : keys)
            QVERIFY2(listed.contains(k.toHtmlEscaped()), qPrintable(k));
        QVERIFY(table.contains(QStringLiteral("<td><b>Home</b></td><td>Timeline ▸ Fit All</td>")));
        // The table is in the page, where the shortcuts section is.
        QVERIFY(shown.contains(QStringLiteral("File ▸ Save")));
        QVERIFY(shown.contains(QStringLiteral("Session ▸ Apply to Database")));
        QVERIFY(!guide->browser()->toHtml().contains(QLatin1String("<!-- shortcuts -->")));
    }

    void everyHookHasItsEntry()
    {
        MainWindow w;
        GuideWindow *guide = GuideWindow::of(&w);
        guide->showGuide();
        QTextBrowser *b = guide->browser();
        for (const EventInfo &info : eventCatalogue()) {
            QVERIFY2(anchorRect(b, GuideWindow::hookAnchor(info.type)).isValid(), info.name);
            QVERIFY2(!b->document()->find(eventExplanation(info.type)).isNull(), info.name);
        }
        QVERIFY(b->toPlainText().contains(QLatin1String("before_insert(mapper, connection, target)")));
    }

    // Right-click the before_flush row of the Event Log, What Is This Hook?:
    // the guide at that hook, its explanation in view.
    void whatIsThisHookFromTheEventLog()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(blog));
        SessionController *c = w.sessionController();
        auto u = c->create(QStringLiteral("User"));
        QVERIFY(u);
        QVERIFY(c->assign(*u, QStringLiteral("name"), QStringLiteral("ada")));
        QVERIFY(c->run(steps::Add {(*u)->label()}));
        QVERIFY(c->run(steps::Flush {}));
        EventLogView *view = w.eventLogView();
        QTRY_COMPARE(view->table()->model()->rowCount(), int(w.eventLog()->size()));
        QModelIndex row;
        for (int r = 0; r < view->table()->model()->rowCount() && !row.isValid(); ++r) {
            const QModelIndex i = view->table()->model()->index(r, EventLogModel::Hook);
            if (i.data().toString() == QLatin1String("before_flush"))
                row = i;
        }
        QVERIFY(row.isValid());
        view->table()->scrollTo(row);
        const QPoint at = view->table()->visualRect(row).center();

        bool offered = false;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            poll.stop();
            offered = menu->actions().contains(view->hookHelpAction())
                      && view->hookHelpAction()->isEnabled();
            menu->setActiveAction(view->hookHelpAction());
            QTest::keyClick(menu, Qt::Key_Return);
        });
        poll.start(10);
        QTimer::singleShot(3000, &poll, [&] {
            poll.stop();
            if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget()))
                menu->close();
        });
        Q_EMIT view->table()->customContextMenuRequested(at);
        QVERIFY(offered);
        // The row right-clicked is the selected event.
        QCOMPARE(w.eventLog()->at(view->currentEvent()).type, EventType::BeforeFlush);

        auto *guide = w.findChild<GuideWindow *>();
        QVERIFY(guide);
        QTRY_VERIFY(guide->isVisible());
        QTextBrowser *b = guide->browser();
        QCOMPARE(b->source().fragment(), QStringLiteral("hook-before_flush"));
        QTRY_VERIFY(b->verticalScrollBar()->value() > 0);
        // The hook's heading at the top of the view, its explanation below it in view.
        const QRect heading = anchorRect(b, QStringLiteral("hook-before_flush"));
        QVERIFY2(heading.top() >= -2 && heading.top() < b->viewport()->height() / 4,
                 qPrintable(QString::number(heading.top())));
        const QRect explanation = textRect(b, eventExplanation(EventType::BeforeFlush));
        QVERIFY(explanation.isValid());
        QVERIFY(b->viewport()->rect().contains(explanation.topLeft()));
        QCOMPARE(guide->contents()->currentItem()->text(0), QStringLiteral("before_flush"));
        QVERIFY(guide->grab().save(QStringLiteral(MS_BINARY_DIR "/guide_before_flush.png")));

        // The timeline's request goes to the same guide; Back returns to before_flush.
        Q_EMIT w.timeline()->hookHelpRequested(EventType::AfterInsert);
        QCOMPARE(b->source().fragment(), QStringLiteral("hook-after_insert"));
        QVERIFY(guide->backAction()->isEnabled());
        guide->backAction()->trigger();
        QCOMPARE(b->source().fragment(), QStringLiteral("hook-before_flush"));
        QVERIFY(guide->forwardAction()->isEnabled());
        guide->forwardAction()->trigger();
        QCOMPARE(b->source().fragment(), QStringLiteral("hook-after_insert"));

        // A listener's row: the guide at its hook (the blog's second listener is on after_flush).
        ListenersPanel *listeners = w.listenersPanel();
        QCOMPARE(listeners->list()->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY(listeners->list()->actions().contains(listeners->hookHelpAction()));
        listeners->selectListener(1);
        listeners->hookHelpAction()->trigger();
        QCOMPARE(b->source().fragment(), QStringLiteral("hook-after_flush"));
        QCOMPARE(w.findChildren<GuideWindow *>().size(), 1);
    }

    void remembersItsSize()
    {
        QSettings().remove(QStringLiteral("guide"));
        MainWindow w;
        w.show();
        {
            GuideWindow guide(&w);
            guide.show();
            QVERIFY(QTest::qWaitForWindowExposed(&guide));
            guide.resize(700, 500);
            QTRY_COMPARE(guide.size(), QSize(700, 500));
            guide.hide();
        }
        GuideWindow again(&w);
        QCOMPARE(again.size(), QSize(700, 500));
    }

    // Last: the Russian catalogue stays installed.
    void russianInterfaceShowsTheRussianGuide()
    {
        {
            // The Russian page, asked for by name.
            MainWindow w;
            GuideWindow guide(&w, QStringLiteral("ru"));
            QCOMPARE(guide.page(), QUrl(QStringLiteral("qrc:/guide/guide_ru.html")));
            QVERIFY(guide.browser()->toPlainText().contains(QStringLiteral("С чего начать")));
            QCOMPARE(guide.contents()->topLevelItem(0)->text(0), QStringLiteral("С чего начать"));
            guide.show();
            QVERIFY(QTest::qWaitForWindowExposed(&guide));
            QVERIFY(guide.grab().save(QStringLiteral(MS_BINARY_DIR "/guide_ru.png")));
        }
        auto *translator = new QTranslator(qApp);
        QVERIFY(translator->load(QStringLiteral(":/i18n/mapperscope_ru.qm")));
        QCOMPARE(installLanguage(QStringLiteral("ru")), QStringLiteral("ru"));
        QVERIFY2(interfaceLanguage() == QLatin1String("ru"),
                 "the Russian catalogue does not give \"ru\" for ms::Interface \"en\"");
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_F1);
        auto *guide = w.findChild<GuideWindow *>();
        QVERIFY(guide);
        QCOMPARE(guide->language(), QStringLiteral("ru"));
        QCOMPARE(guide->page(), QUrl(QStringLiteral("qrc:/guide/guide_ru.html")));
        const QString text = guide->browser()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("Сессия ▸ Применить к базе данных")));
        // The hooks explained in Russian.
        guide->showHook(EventType::BeforeFlush);
        QVERIFY(!guide->browser()->document()->find(eventExplanation(EventType::BeforeFlush)).isNull());
        QVERIFY(eventExplanation(EventType::BeforeFlush).startsWith(QStringLiteral("Срабатывает")));
    }
};

QTEST_MAIN(TestGuide)
#include "tst_guide.moc"
