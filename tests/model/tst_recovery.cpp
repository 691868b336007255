// Autosave and crash recovery: the recovery file appears only for unsaved
// changes, goes away on save and on a clean close, and a window that went
// away without closing leaves an orphan that the next start finds.
#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "project/projectfile.h"
#include "document/recovery.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ms;

class TestRecovery : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_recoveryDir;

    Project blog()
    {
        auto p = ProjectFile::read(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj"));
        if (!p)
            qFatal("%s", qPrintable(p.error().toString()));
        return *p;
    }

private Q_SLOTS:
    void init()
    {
        m_recoveryDir = m_dir.filePath(QString::number(QDateTime::currentMSecsSinceEpoch())
                                       + QTest::currentTestFunction());
    }

    void writesOnlyUnsavedChanges()
    {
        ProjectDocument doc;
        doc.reset(blog(), QStringLiteral("/projects/blog.msproj"));
        Recovery recovery(&doc, m_recoveryDir);
        QCOMPARE(recovery.interval(), 60 * 1000);
        QVERIFY(recovery.autosave());
        QVERIFY(!QFile::exists(recovery.file()));

        doc.undoStack()->push(new SetClassTableCommand(&doc, 0, QStringLiteral("people")));
        QVERIFY(recovery.autosave());
        QVERIFY(QFile::exists(recovery.file()));
        auto saved = ProjectFile::read(recovery.file());
        QVERIFY(saved);
        QCOMPARE(*saved, doc.project());

        // Saved: nothing left to recover.
        QVERIFY(doc.saveAs(m_dir.filePath(QStringLiteral("blog.msproj"))));
        QVERIFY(!QFile::exists(recovery.file()));
    }

    void theTimerAutosaves()
    {
        ProjectDocument doc;
        doc.reset(blog());
        Recovery recovery(&doc, m_recoveryDir);
        recovery.setInterval(20);
        doc.undoStack()->push(new SetClassTableCommand(&doc, 0, QStringLiteral("people")));
        QTRY_VERIFY(QFile::exists(recovery.file()));
    }

    void aLiveWindowIsNoOrphanACrashedOneIs()
    {
        Project edited;
        {
            ProjectDocument doc;
            doc.reset(blog(), QStringLiteral("/projects/blog.msproj"));
            auto *recovery = new Recovery(&doc, m_recoveryDir);
            doc.undoStack()->push(new RenameClassCommand(&doc, 0, QStringLiteral("Author")));
            QVERIFY(recovery->autosave());
            QVERIFY(Recovery::orphans(m_recoveryDir).isEmpty()); // its lock is held
            edited = doc.project();
            delete recovery; // gone without a clean close: the files stay
        }
        const auto orphans = Recovery::orphans(m_recoveryDir);
        QCOMPARE(orphans.size(), 1);
        QCOMPARE(orphans.first().originalPath, QStringLiteral("/projects/blog.msproj"));
        QVERIFY(orphans.first().saved.isValid());
        auto loaded = Recovery::load(orphans.first());
        QVERIFY(loaded);
        QCOMPARE(*loaded, edited);
        Recovery::remove(orphans.first());
        QVERIFY(Recovery::orphans(m_recoveryDir).isEmpty());
    }

    void aCleanCloseLeavesNothing()
    {
        ProjectDocument doc;
        doc.reset(blog());
        Recovery recovery(&doc, m_recoveryDir);
        doc.undoStack()->push(new SetClassTableCommand(&doc, 0, QStringLiteral("people")));
        QVERIFY(recovery.autosave());
        recovery.discard();
        QVERIFY(!QFile::exists(recovery.file()));
        QVERIFY(Recovery::orphans(m_recoveryDir).isEmpty());
    }

    void anUnwritableDirectoryIsAnError()
    {
        ProjectDocument doc;
        doc.reset(blog());
        Recovery recovery(&doc, QStringLiteral("/proc/mapperscope-recovery"));
        doc.undoStack()->push(new SetClassTableCommand(&doc, 0, QStringLiteral("people")));
        const auto written = recovery.autosave();
        QVERIFY(!written);
        QVERIFY2(written.error().message.contains(QLatin1String("recovery")),
                 qPrintable(written.error().message));
    }
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
