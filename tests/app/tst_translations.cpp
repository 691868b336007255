#include "diagram/diagramscene.h"
#include "events/eventlog.h"
#include "events/eventtype.h"
#include "inspect/eventlogview.h"
#include "language.h"
#include "inspect/inspectorview.h"
#include "common/eventselection.h"
#include "mainwindow.h"
#include "orm/instance.h"
#include "live/sessioncontroller.h"
#include "live/stepper.h"
#include "live/workbench.h"
#include "session/sessionworkspace.h"
#include "teaching/listenerspanel.h"
#include "teaching/report.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QLabel>
#include <QImage>
#include <QMenuBar>
#include <QTimer>
#include <QPixmap>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace ms;

// The Russian catalogue is compiled into the window library's resources and
// covers the menus and every hook's explanation.
class TestTranslations : public QObject
{
    Q_OBJECT
private:
    QTranslator m_translator;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // never read the user's saved layout
        QVERIFY(m_translator.load(QStringLiteral(":/i18n/mapperscope_ru.qm")));
        // What `mapperscope --lang ru` does at start.
        QCOMPARE(installLanguage(QStringLiteral("ru")), QStringLiteral("ru"));
    }

    void menusAreRussian()
    {
        MainWindow w;
        QStringList titles;
        for (QAction *a : w.menuBar()->actions())
            titles << a->text();
        QCOMPARE(titles.first(), QStringLiteral("&Файл"));
        QVERIFY(!titles.contains(QStringLiteral("&Help")));
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        w.resize(1280, 800);
        w.show();
        w.diagram()->selectClass(1);
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *view = w.findChild<EventLogView *>();
        QVERIFY(view);
        QTRY_COMPARE(view->table()->model()->rowCount(), int(w.eventLog()->size()));
        QTRY_COMPARE(w.timeline()->shownCount(), w.eventLog()->size());
        QTest::qWait(50);
        QVERIFY(w.grab().save(QStringLiteral(MS_BINARY_DIR "/mainwindow_ru.png")));
    }

    void everyHookIsExplainedInRussian()
    {
        for (const EventInfo &info : eventCatalogue()) {
            const QString text = eventExplanation(info.type);
            QVERIFY2(text != QLatin1String(info.explanation), info.name);
            QVERIFY2(text.contains(QRegularExpression(QStringLiteral("[а-яА-Я]"))), info.name);
        }
    }

    // A teacher in Russian: the inspector's explanation, the listener
    // dialog, the pause bar's actions and the handed-out report.
    void teachingIsRussian()
    {
        const QRegularExpression cyrillic(QStringLiteral("[а-яА-Я]{4}"));
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        const EventLog &log = *w.eventLog();
        qsizetype configured = -1;
        for (qsizetype i = log.first(); i < log.size(); ++i)
            if (log.at(i).type == EventType::MapperConfigured)
                configured = i;
        QVERIFY(configured >= 0);
        w.selection()->setCurrent(configured);
        const QString inspector = w.inspector()->text();
        QVERIFY(inspector.contains(eventExplanation(EventType::MapperConfigured)));
        QVERIFY2(eventExplanation(EventType::MapperConfigured).contains(cyrillic), qPrintable(inspector));
        ListenerDialog dialog(w.project().schema, ListenerDef {});
        QVERIFY(dialog.windowTitle().contains(cyrillic));
        QVERIFY(dialog.actionBox()->itemText(1).contains(cyrillic));
        // Qt's own words too (qtbase_ru from qt6-translations-l10n): OK and Cancel
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        const QString cancel = buttons->button(QDialogButtonBox::Cancel)->text();
        QVERIFY2(cancel.contains(QRegularExpression(QStringLiteral("[а-яА-Я]"))), qPrintable(cancel));
        // the chosen hook explained where the teacher picks it, in Russian
        QVERIFY(dialog.selectHook(QStringLiteral("before_flush")));
        QVERIFY(dialog.hookHelp()->text().contains(eventExplanation(EventType::BeforeFlush).toHtmlEscaped()));
        QVERIFY(dialog.hookHelp()->text().contains(cyrillic));
        for (QAction *a : w.workspace()->stepActions())
            QVERIFY2(a->text().contains(QRegularExpression(QStringLiteral("[а-яА-Я]"))), qPrintable(a->text()));
        const QString report = QString::fromUtf8(Report::html(log, QImage(10, 10, QImage::Format_RGB32), QStringLiteral("Блог")));
        QVERIFY(report.contains(eventExplanation(EventType::MapperConfigured).toHtmlEscaped()));
        QVERIFY(report.contains(QStringLiteral("<h2>") + Report::tr("Timeline")));
        QVERIFY(Report::tr("Timeline").contains(cyrillic));

        // Paused inside before_flush, in Russian: the pause bar says so.
        w.resize(1400, 900);
        w.showPage(1);
        ListenerDef pause;
        pause.event = QStringLiteral("before_flush");
        pause.action = QStringLiteral("pause");
        w.listenersPanel()->addListener(pause);
        SessionController *c = w.sessionController();
        auto ada = c->create(QStringLiteral("User"));
        QVERIFY(ada);
        QVERIFY(c->assign(*ada, QStringLiteral("name"), QStringLiteral("Ада")));
        QVERIFY(c->run(steps::Add {(*ada)->label()}));
        QString bar;
        connect(w.workbench()->stepper(), &Stepper::paused, this, [&] {
            QTimer::singleShot(100, this, [&] {
                bar = w.workspace()->pauseText();
                QVERIFY(w.grab().save(QStringLiteral(MS_BINARY_DIR "/paused_ru.png")));
                w.workbench()->stepper()->runToEnd();
            });
        });
        QVERIFY(c->run(steps::Flush {}));
        QVERIFY2(bar.contains(QLatin1String("before_flush")) && bar.contains(cyrillic), qPrintable(bar));
    }

    void validationMessagesAreRussian()
    {
        const QString text = QCoreApplication::translate("Schema", "a class needs a name");
        QVERIFY(text != QLatin1String("a class needs a name"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
