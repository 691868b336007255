#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "live/sessioncontroller.h"
#include "live/workbench.h"
#include "mainwindow.h"
#include "teaching/scenariopanel.h"
#include "timeline/timelineview.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>
#include <QUndoStack>

using namespace ms;

// The window a class sees on a 1280x800 projector, in English and Russian,
// normal and in presentation mode: no toolbar action folded into the ">>"
// overflow, no dock tab or column header cut short, no two status texts on
// top of each other, the timeline's lanes apart, and leaving presentation
// mode gives the window back its width.
class TestLayout : public QObject
{
    Q_OBJECT
private:
    QTranslator m_russian;
    QTemporaryDir m_recovery;

    static QString where(const QWidget *w)
    {
        QStringList path;
        for (const QObject *o = w; o; o = o->parent())
            if (!o->objectName().isEmpty())
                path.prepend(o->objectName());
        return path.join(QLatin1Char('/'));
    }

    static bool shown(const QWidget *w, const QWidget *window)
    {
        return w->isVisibleTo(window) && w->isVisible() && w->width() > 0;
    }

    // Everything the window shows now that does not fit.
    QStringList cutShort(QMainWindow &w)
    {
        QStringList found;
        for (QToolBar *bar : w.findChildren<QToolBar *>()) {
            auto *more = bar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
            if (shown(bar, &w) && more && more->isVisible())
                found << QStringLiteral("toolbar %1 folds actions into >>").arg(where(bar));
        }
        for (QTabBar *bar : w.findChildren<QTabBar *>()) {
            if (!shown(bar, &w) || bar->count() < 2)
                continue;
            const bool vertical = bar->shape() == QTabBar::RoundedWest || bar->shape() == QTabBar::RoundedEast
                || bar->shape() == QTabBar::TriangularWest || bar->shape() == QTabBar::TriangularEast;
            const int need = vertical ? bar->sizeHint().height() : bar->sizeHint().width();
            const int have = vertical ? bar->height() : bar->width();
            if (need > have) {
                QStringList tabs;
                for (int i = 0; i < bar->count(); ++i)
                    tabs << bar->tabText(i);
                found << QStringLiteral("tabs cut short (%1 of %2 px): %3").arg(have).arg(need).arg(tabs.join(QStringLiteral(", ")));
            }
        }
        for (QHeaderView *header : w.findChildren<QHeaderView *>()) {
            if (header->orientation() != Qt::Horizontal || !shown(header, &w) || !header->model())
                continue;
            for (int i = 0; i < header->count(); ++i) {
                if (header->isSectionHidden(i))
                    continue;
                const QString text = header->model()->headerData(i, Qt::Horizontal).toString();
                if (text.isEmpty())
                    continue;
                const int need = header->fontMetrics().horizontalAdvance(text) + 8;
                if (header->sectionSize(i) < need)
                    found << QStringLiteral("header \"%1\" of %2: %3 of %4 px")
                                 .arg(text, where(header))
                                 .arg(header->sectionSize(i))
                                 .arg(need);
            }
        }
        QList<QLabel *> status;
        for (QLabel *label : w.statusBar()->findChildren<QLabel *>())
            if (shown(label, &w) && !label->text().isEmpty())
                status << label;
        for (const QLabel *label : std::as_const(status))
            if (!label->wordWrap() && label->width() < label->minimumSizeHint().width())
                found << QStringLiteral("status text cut short (%1 of %2 px): \"%3\"")
                             .arg(label->width())
                             .arg(label->minimumSizeHint().width())
                             .arg(label->text());
        for (qsizetype i = 0; i < status.size(); ++i)
            for (qsizetype j = i + 1; j < status.size(); ++j)
                if (status[i]->geometry().intersects(status[j]->geometry()))
                    found << QStringLiteral("status texts overlap: \"%1\" and \"%2\"")
                                 .arg(status[i]->text(), status[j]->text());
        if (w.minimumSizeHint().height() > 800 || w.height() > 800 || w.width() > 1280) {
            QStringList docks;
            for (QDockWidget *dock : w.findChildren<QDockWidget *>())
                if (dock->isVisible())
                    docks << QStringLiteral("%1 %2").arg(dock->objectName()).arg(dock->minimumSizeHint().height());
            found << QStringLiteral("the window needs %1x%2 px, is %3x%4 (docks' heights: %5; centre %6)")
                         .arg(w.minimumSizeHint().width())
                         .arg(w.minimumSizeHint().height())
                         .arg(w.width())
                         .arg(w.height())
                         .arg(docks.join(QStringLiteral(", ")))
                         .arg(w.centralWidget()->minimumSizeHint().height());
        }
        TimelineView *timeline = w.findChild<TimelineView *>();
        // the lanes' room follows the replot's margins: let it settle
        for (int i = 0; timeline && i < 60 && timeline->plotWidget()->minimumHeight() != timeline->lanesMinimumHeight(); ++i)
            QTest::qWait(50);
        QTest::qWait(50);
        if (timeline && shown(timeline, &w) && timeline->laneSpacing() < timeline->minimumLaneSpacing())
            found << QStringLiteral("timeline lanes %1 px apart (at least %2; the plot %3 px, at least %4; the window needs %5)")
                         .arg(timeline->laneSpacing())
                         .arg(timeline->minimumLaneSpacing())
                         .arg(timeline->plotWidget()->height())
                         .arg(QString::number(timeline->plotWidget()->minimumHeight()) + QLatin1Char('/') + QString::number(timeline->lanesMinimumHeight()))
                         .arg(w.minimumSizeHint().height());
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // never the user's saved layout
        QVERIFY(m_recovery.isValid());
        QVERIFY(m_russian.load(QStringLiteral(":/i18n/mapperscope_ru.qm")));
    }

    void projector_data()
    {
        QTest::addColumn<bool>("russian");
        QTest::addColumn<bool>("presenting");
        QTest::newRow("English") << false << false;
        QTest::newRow("English, presentation mode") << false << true;
        QTest::newRow("Russian") << true << false;
        QTest::newRow("Russian, presentation mode") << true << true;
    }

    void projector()
    {
        QFETCH(bool, russian);
        QFETCH(bool, presenting);
        if (russian)
            QCoreApplication::installTranslator(&m_russian);
        auto untranslate = qScopeGuard([this] { QCoreApplication::removeTranslator(&m_russian); });
        MainWindow w(nullptr, m_recovery.path());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The first lesson in the window's language, its description above
        // the pages, its first scenario played to its end: every lane has
        // markers, the legend has its hooks.
        QVERIFY(w.openProject(russian ? QStringLiteral(MS_SOURCE_DIR "/resources/lessons/01_lifecycle_ru.msproj")
                                      : QStringLiteral(MS_SOURCE_DIR "/resources/lessons/01_lifecycle.msproj")));
        QVERIFY(w.findChild<QWidget *>(QStringLiteral("descriptionBar"))->isVisible());
        // Something to undo: the menu names it, the toolbar must not grow with it.
        w.document()->undoStack()->push(
            new RenameClassCommand(w.document(), 0, w.project().schema.classes.at(0).name + QStringLiteral("Renamed")));
        ScenarioPanel *player = w.scenarioPanel();
        QVERIFY(player->selectScenario(player->scenarioBox()->itemText(0)));
        while (player->stepOnce()) {
        }
        w.timeline()->fitAll();
        QTest::qWait(100);
        QStringList found;
        for (int page : {0, 1}) {
            w.showPage(page);
            QTest::qWait(50);
            found << cutShort(w);
        }
        if (presenting) {
            w.setPresentationMode(true);
            QTest::qWait(100);
            found << cutShort(w);
            const QString shot = QDir(QStringLiteral(MS_BINARY_DIR))
                                     .filePath(QStringLiteral("projector-%1.png").arg(russian ? "ru" : "en"));
            w.grab().save(shot);
            w.setPresentationMode(false);
            QTest::qWait(100);
            if (w.width() != 1280)
                found << QStringLiteral("leaving presentation mode made the window %1 px wide").arg(w.width());
        }
        found.removeDuplicates();
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
