#include "diagram/diagramscene.h"
#include "events/eventlog.h"
#include "events/eventtype.h"
#include "inspect/eventlogview.h"
#include "language.h"
#include "mainwindow.h"
#include "timeline/timelineview.h"

#include <QMenuBar>
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

    void validationMessagesAreRussian()
    {
        const QString text = QCoreApplication::translate("Schema", "a class needs a name");
        QVERIFY(text != QLatin1String("a class needs a name"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
