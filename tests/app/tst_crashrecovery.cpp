// Crash recovery for real: a child process (this test program run with
// --edit-until-killed) opens the example in the main window and edits it as
// a user would, every edit through the undo stack, while the window
// autosaves; the test kills it with SIGKILL at different moments, then
// starts a new window on the same recovery directory, answers Restore, and
// checks that the project is exactly what was edited up to the last
// autosave, never a half-written file.
#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "mainwindow.h"
#include "project/projectfile.h"
#include "document/recovery.h"

#include <QApplication>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <csignal>
#include <cstdio>

using namespace ms;

namespace {

QString blogPath()
{
    return QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj");
}

QString tableName(int edit)
{
    return QStringLiteral("edited_%1").arg(edit);
}

constexpr int kEditMs = 15;     ///< one edit every 15 ms
constexpr int kAutosaveMs = 120; ///< the autosave interval in the child (60 s in the application)

/// The child: edits until it is killed, telling the parent on standard
/// output what it did ("edit N") and what was autosaved ("autosaved N").
int editUntilKilled(const QString &recoveryDir)
{
    MainWindow w(nullptr, recoveryDir);
    w.show();
    if (!w.openProject(blogPath())) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(blogPath()));
        return 3;
    }
    int edits = 0;
    w.recovery()->setInterval(kAutosaveMs);
    QObject::connect(w.recovery(), &Recovery::autosaved, &w, [&edits] {
        std::printf("autosaved %d\n", edits);
        std::fflush(stdout);
    });
    QObject::connect(w.recovery(), &Recovery::failed, &w, [](const QString &message) {
        std::fprintf(stderr, "autosave failed: %s\n", qPrintable(message));
    });
    QTimer editor;
    editor.setInterval(kEditMs);
    QObject::connect(&editor, &QTimer::timeout, &w, [&w, &edits] {
        ProjectDocument *doc = w.document();
        doc->undoStack()->push(new SetClassTableCommand(doc, 0, tableName(edits + 1)));
        ++edits;
        std::printf("edit %d\n", edits);
        std::fflush(stdout);
    });
    editor.start();
    return QApplication::exec();
}

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MapperscopeTests"));
        QStandardPaths::setTestModeEnabled(true);
    }

    void killedWhileEditingRestoresTheLastAutosave_data()
    {
        QTest::addColumn<int>("autosaves");
        QTest::addColumn<int>("extraMs");
        // killed right after an autosave, between two, and just before the next
        QTest::newRow("after 2 autosaves, at once") << 2 << 0;
        QTest::newRow("after 3 autosaves, 50 ms on") << 3 << 50;
        QTest::newRow("after 4 autosaves, 110 ms on") << 4 << 110;
        QTest::newRow("after 6 autosaves, 75 ms on") << 6 << 75;
    }

    void killedWhileEditingRestoresTheLastAutosave()
    {
        QFETCH(int, autosaves);
        QFETCH(int, extraMs);
        QTemporaryDir dir;
        const QString recoveryDir = dir.filePath(QStringLiteral("recovery"));

        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--edit-until-killed"), recoveryDir});
        QVERIFY2(child.waitForStarted(30000), qPrintable(child.errorString()));
        QByteArray out;
        int seen = 0;
        while (seen < autosaves) {
            QVERIFY2(child.waitForReadyRead(60000),
                     qPrintable(QStringLiteral("the child stopped: %1")
                                    .arg(QString::fromUtf8(child.readAllStandardError()))));
            out += child.readAllStandardOutput();
            seen = int(out.count("autosaved "));
        }
        QTest::qWait(extraMs);
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        out += child.readAllStandardOutput();

        // What the child reported: its last edit, and the edits its last
        // reported autosave held. It may have autosaved once more between
        // writing the file and saying so.
        int lastEdit = 0;
        int lastAutosaved = -1;
        for (const QByteArray &line : out.split('\n')) {
            if (line.startsWith("edit "))
                lastEdit = line.mid(5).toInt();
            else if (line.startsWith("autosaved "))
                lastAutosaved = line.mid(10).toInt();
        }
        QVERIFY(lastAutosaved > 0);
        QVERIFY(lastEdit >= lastAutosaved);

        // The next start: the recovery is offered; Restore.
        const auto orphans = Recovery::orphans(recoveryDir);
        QCOMPARE(orphans.size(), 1);
        QCOMPARE(orphans.first().originalPath, blogPath());
        MainWindow w(nullptr, recoveryDir);
        w.show();
        bool asked = false;
        QTimer::singleShot(0, &w, [&asked] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box || box->objectName() != QLatin1String("recoveryPrompt"))
                return;
            asked = true;
            for (QAbstractButton *b : box->buttons())
                if (box->buttonRole(b) == QMessageBox::AcceptRole)
                    b->click();
        });
        w.offerRecovery();
        QVERIFY(asked);
        QVERIFY(w.document()->isModified());
        QCOMPARE(w.document()->path(), blogPath());

        // Exactly the state after one edit, no earlier than the last
        // reported autosave and no later than the last edit made.
        const QString table = w.project().schema.classes.value(0).table;
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("^edited_(\\d+)$")).match(table);
        QVERIFY2(m.hasMatch(), qPrintable(table));
        const int restored = m.captured(1).toInt();
        QVERIFY2(restored >= lastAutosaved && restored <= lastEdit + 1,
                 qPrintable(QStringLiteral("restored edit %1; last autosaved %2, last edit %3")
                                .arg(restored)
                                .arg(lastAutosaved)
                                .arg(lastEdit)));
        // ... and nothing else changed: the example with that one edit.
        ProjectDocument expected;
        auto blog = ProjectFile::read(blogPath());
        QVERIFY(blog);
        expected.reset(*blog, blogPath());
        expected.undoStack()->push(new SetClassTableCommand(&expected, 0, tableName(restored)));
        QVERIFY(w.project() == expected.project());
        qInfo("killed after edit %d; last autosave reported %d; restored edit %d (%d edits lost, "
              "autosave every %d ms)",
              lastEdit, lastAutosaved, restored, lastEdit - restored, kAutosaveMs);
        // The recovery files are gone once restored.
        QVERIFY(Recovery::orphans(recoveryDir).isEmpty());
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--edit-until-killed") == 0) {
        QCoreApplication::setOrganizationName(QStringLiteral("MapperscopeTests"));
        QStandardPaths::setTestModeEnabled(true);
        return editUntilKilled(QString::fromLocal8Bit(argv[2]));
    }
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestCrashRecovery test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashrecovery.moc"
