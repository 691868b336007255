// The class designer's undo commands, on the document alone: each redo
// makes its change, each undo restores the project exactly, a rename
// follows every reference, and the modified flag follows the clean index.
#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "project/projectfile.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ms;

class TestCommands : public QObject
{
    Q_OBJECT

    Project blog()
    {
        auto p = ProjectFile::read(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj"));
        if (!p)
            qFatal("%s", qPrintable(p.error().toString()));
        return *p;
    }

private Q_SLOTS:
    void everyCommandUndoesExactly_data()
    {
        QTest::addColumn<int>("which");
        for (int i = 0; i < 11; ++i)
            QTest::addRow("command %d", i) << i;
    }

    void everyCommandUndoesExactly()
    {
        QFETCH(int, which);
        ProjectDocument doc;
        doc.reset(blog());
        const Project before = doc.project();
        ColumnDef col;
        col.name = QStringLiteral("rating");
        col.typeName = QStringLiteral("integer");
        RelationshipDef rel;
        rel.name = QStringLiteral("posts_again");
        rel.kindName = QStringLiteral("one-to-many");
        rel.target = QStringLiteral("Post");
        ClassDef tag;
        tag.name = QStringLiteral("Tag");
        tag.columns.append(col);
        QUndoCommand *cmd = nullptr;
        switch (which) {
        case 0:
            cmd = new AddClassCommand(&doc, tag, QPointF(10, 20));
            break;
        case 1:
            cmd = new RemoveClassCommand(&doc, 1);
            break;
        case 2:
            cmd = new RenameClassCommand(&doc, 0, QStringLiteral("Author"));
            break;
        case 3:
            cmd = new SetClassTableCommand(&doc, 0, QStringLiteral("people"));
            break;
        case 4:
            cmd = new AddMemberCommand(&doc, 0, 1, col);
            break;
        case 5:
            cmd = new AddMemberCommand(&doc, 0, 0, rel);
            break;
        case 6:
            cmd = new RemoveMemberCommand(&doc, MemberKind::Column, 1, 2);
            break;
        case 7: {
            ColumnDef edited = doc.schema().classes.at(0).columns.at(1);
            edited.unique = false;
            cmd = new EditMemberCommand(&doc, 0, 1, edited);
            break;
        }
        case 8:
            cmd = new MoveMemberCommand(&doc, MemberKind::Column, 1, 0, 2);
            break;
        case 9:
            cmd = new MoveBoxesCommand(&doc, {{QStringLiteral("User"), std::nullopt}},
                                       {{QStringLiteral("User"), QPointF(5, 6)}},
                                       QStringLiteral("Move User"));
            break;
        case 10: {
            DatabaseSettings db;
            db.name = QStringLiteral("/tmp/x.sqlite");
            cmd = new SetDatabaseCommand(&doc, db);
            break;
        }
        }
        QVERIFY(!cmd->text().isEmpty());
        doc.undoStack()->push(cmd);
        const Project after = doc.project();
        QVERIFY(after != before);
        QVERIFY(doc.isModified());
        doc.undoStack()->undo();
        QCOMPARE(ProjectFile::serialize(doc.project()), ProjectFile::serialize(before));
        QVERIFY(doc.project() == before);
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QVERIFY(doc.project() == after);
    }

    void renameFollowsEveryReference()
    {
        ProjectDocument doc;
        Project p = blog();
        p.listeners.append(ListenerDef {
            QStringLiteral("set"), QStringLiteral("User.name"), QStringLiteral("log"), {}});
        doc.reset(p);
        doc.setPositions({{QStringLiteral("User"), QPointF(1, 2)}});
        doc.undoStack()->push(new RenameClassCommand(&doc, 0, QStringLiteral("Author")));
        const Schema &s = doc.schema();
        QCOMPARE(s.classes.at(0).name, QStringLiteral("Author"));
        QVERIFY(s.validate().isEmpty());
        const int post = s.classIndex(QStringLiteral("Post"));
        QCOMPARE(s.classes.at(post).column(QStringLiteral("author_id"))->references,
                 QStringLiteral("Author"));
        QCOMPARE(s.classes.at(0).relationships.at(0).target, QStringLiteral("Post"));
        QCOMPARE(doc.project().listeners.last().target, QStringLiteral("Author.name"));
        QCOMPARE(doc.position(QStringLiteral("Author")), std::optional<QPointF>(QPointF(1, 2)));
        QVERIFY(!doc.position(QStringLiteral("User")));
        for (const Scenario &sc : doc.project().scenarios) {
            for (const Step &step : sc.steps)
                QVERIFY(step.toJson().value(QLatin1String("class")).toString()
                        != QLatin1String("User"));
        }
        QVERIFY(doc.project().validate().isEmpty());
    }

    void modifiedFollowsTheCleanIndexAndSaving()
    {
        QTemporaryDir dir;
        ProjectDocument doc;
        doc.reset(blog());
        QSignalSpy modified(&doc, &ProjectDocument::modifiedChanged);
        QVERIFY(modified.isValid());
        doc.undoStack()->push(new SetClassTableCommand(&doc, 0, QStringLiteral("people")));
        QCOMPARE(modified.count(), 1);
        QVERIFY(doc.isModified());
        const QString path = dir.filePath(QStringLiteral("saved.msproj"));
        QVERIFY(doc.saveAs(path));
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.path(), path);
        doc.undoStack()->undo();
        QVERIFY(doc.isModified()); // the file has "people"; the document does not
        ProjectDocument reopened;
        QVERIFY(reopened.open(path));
        QCOMPARE(reopened.schema().classes.at(0).table, QStringLiteral("people"));
    }

    void openingABrokenFileLeavesTheDocument()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.msproj"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"mapperscope-project\", \"version\": 1, \"classes\": [");
        f.close();
        ProjectDocument doc;
        doc.reset(blog(), QStringLiteral("/somewhere/blog.msproj"));
        const auto opened = doc.open(path);
        QVERIFY(!opened);
        QVERIFY(opened.error().toString().contains(QLatin1String("line 1")));
        QCOMPARE(doc.project(), blog());
        QCOMPARE(doc.path(), QStringLiteral("/somewhere/blog.msproj"));
    }

    void savingToAnUnwritablePlaceKeepsTheDocumentModified()
    {
        ProjectDocument doc;
        doc.reset(blog());
        doc.undoStack()->push(new SetClassTableCommand(&doc, 0, QStringLiteral("people")));
        const auto saved = doc.saveAs(QStringLiteral("/proc/mapperscope/nowhere.msproj"));
        QVERIFY(!saved);
        QVERIFY(!saved.error().message.isEmpty());
        QVERIFY(doc.isModified());
        QVERIFY(doc.path().isEmpty());
    }

    void passwordIsWrittenOnlyWhenAsked()
    {
        Project p = blog();
        p.database.driver = QStringLiteral("QPSQL");
        p.database.name = QStringLiteral("shop");
        p.database.user = QStringLiteral("teacher");
        p.database.password = QStringLiteral("s3cret");
        QVERIFY(!ProjectFile::serialize(p).contains("s3cret"));
        p.database.savePassword = true;
        const QByteArray json = ProjectFile::serialize(p);
        QVERIFY(json.contains("s3cret"));
        const auto back = ProjectFile::parse(json);
        QVERIFY(back);
        QCOMPARE(back->database, p.database);
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
