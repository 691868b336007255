#include "events/eventlog.h"
#include "inspect/eventlogview.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ms;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MapperscopeTests"));
        QStandardPaths::setTestModeEnabled(true);
    }

    void opensTheExampleAndShowsConfiguration()
    {
        MainWindow w;
        w.resize(1000, 600);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        QCOMPARE(w.windowTitle(), QStringLiteral("Blog[*] - Mapperscope"));
        // instrument_class + class_instrument per class, the configure
        // hooks, and one attribute_instrument per attribute.
        QVERIFY(w.eventLog()->size() > 20);
        auto *view = w.findChild<EventLogView *>();
        QVERIFY(view);
        QTRY_COMPARE(view->table()->model()->rowCount(), int(w.eventLog()->size()));
        QCOMPARE(view->table()->model()->index(0, 3).data().toString(), QStringLiteral("instrument_class"));
        auto *problems = w.findChild<QListWidget *>(QStringLiteral("problems"));
        QVERIFY(problems);
        QCOMPARE(problems->count(), 1);
        QVERIFY(problems->item(0)->text().startsWith(QLatin1String("No problems")));

        const QString out = QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("mainwindow.png"));
        QVERIFY(w.grab().save(out));
    }

    void brokenFileKeepsTheWindowUsable()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        const qsizetype events = w.eventLog()->size();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.msproj"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"mapperscope-project\", \"version\": 1, \"classes\": [");
        f.close();
        QString shown;
        // The loader's message is shown in a dialog; close it when it appears.
        QTimer::singleShot(0, this, [&shown] {
            for (QWidget *top : QApplication::topLevelWidgets()) {
                if (auto *box = qobject_cast<QMessageBox *>(top)) {
                    shown = box->informativeText() + box->text();
                    box->accept();
                }
            }
        });
        QVERIFY(!w.openProject(path));
        QVERIFY2(shown.contains(QLatin1String("line 1, column")), qPrintable(shown));
        QCOMPARE(w.windowTitle(), QStringLiteral("Blog[*] - Mapperscope"));
        QCOMPARE(w.eventLog()->size(), events);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
