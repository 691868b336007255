// The class designer as a user drives it, offscreen: the main window, the
// diagram, the class editor, undo, save and reopen, autosave and recovery,
// "Apply to database" and the connection dialog.
#include "commands/projectdocument.h"
#include "commands/schemacommands.h"
#include "diagram/classitem.h"
#include "diagram/diagramscene.h"
#include "diagram/relationitem.h"
#include "editors/classeditor.h"
#include "editors/columnsmodel.h"
#include "editors/connectiondialog.h"
#include "editors/relationshipsmodel.h"
#include "mainwindow.h"
#include "uitest.h"
#include "orm/session.h"
#include "project/projectfile.h"
#include "project/recovery.h"
#include "project/workbench.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGraphicsView>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace ms;

namespace {

QString blogPath()
{
    return QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj");
}

/// Answers the next message box with the button whose text contains @p button.
void answerNextMessageBox(QObject *context, const QString &button, QString *shown = nullptr)
{
    QTimer::singleShot(0, context, [=] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return answerNextMessageBox(context, button, shown);
        if (shown)
            *shown = box->text() + QLatin1Char('\n') + box->informativeText();
        for (QAbstractButton *b : box->buttons()) {
            if (b->text().remove(QLatin1Char('&')).contains(button)) {
                b->click();
                return;
            }
        }
        qFatal("no button %s", qPrintable(button));
    });
}

} // namespace

class TestDesigner : public QObject
{
    Q_OBJECT

    WindowTestEnvironment m_env;
    QString recoveryDir() { return m_env.recoveryDir(); }

private Q_SLOTS:
    void initTestCase()
    {
        WindowTestEnvironment::init();
    }

    void addClassAndColumnThroughTheEditorWithUndo()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(blogPath()));
        QUndoStack *undo = w.document()->undoStack();
        QCOMPARE(w.diagram()->classItems().size(), 3);
        QCOMPARE(w.diagram()->relationItems().size(), 2);

        action(&w, tr("Add &Class"))->trigger();
        QVERIFY(w.diagram()->classItem(QStringLiteral("Class1")));
        QCOMPARE(w.classEditor()->classIndex(), 3);
        QCOMPARE(w.classEditor()->nameEdit()->text(), QStringLiteral("Class1"));
        ColumnsModel *columns = w.classEditor()->columnsModel();
        QCOMPARE(columns->rowCount(), 1); // the id primary key

        action(&w, tr("Add Co&lumn"))->trigger();
        QCOMPARE(columns->rowCount(), 2);
        QVERIFY(columns->setData(columns->index(1, ColumnsModel::Name), QStringLiteral("rating")));
        QVERIFY(columns->setData(columns->index(1, ColumnsModel::Type), QStringLiteral("integer")));
        QCOMPARE(w.project().schema.classes.at(3).columns.at(1).typeName,
                 QStringLiteral("integer"));
        QCOMPARE(undo->count(), 4);
        QVERIFY(w.isWindowModified());

        // Rename through the name field: one step, relationships untouched.
        w.classEditor()->nameEdit()->setText(QStringLiteral("Tag"));
        Q_EMIT w.classEditor()->nameEdit()->editingFinished();
        QVERIFY(w.diagram()->classItem(QStringLiteral("Tag")));
        QVERIFY(!w.diagram()->classItem(QStringLiteral("Class1")));

        undo->undo(); // rename
        undo->undo(); // type
        undo->undo(); // name
        undo->undo(); // the column
        QCOMPARE(columns->rowCount(), 1);
        undo->undo(); // the class
        QVERIFY(!w.diagram()->classItem(QStringLiteral("Class1")));
        QCOMPARE(w.diagram()->classItems().size(), 3);
        QCOMPARE(w.classEditor()->classIndex(), -1);
        QVERIFY(!w.isWindowModified());
        QCOMPARE(w.project(), *ProjectFile::read(blogPath()));

        for (int i = 0; i < 5; ++i)
            undo->redo();
        QVERIFY(w.diagram()->classItem(QStringLiteral("Tag")));
        const ClassDef &tag = w.project().schema.classes.at(3);
        QCOMPARE(tag.columns.at(1).name, QStringLiteral("rating"));
        QCOMPARE(tag.columns.at(1).typeName, QStringLiteral("integer"));
    }

    void aDragIsOneStepAndSaveReopenKeepsPositions()
    {
        MainWindow w(nullptr, recoveryDir());
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(blogPath()));
        auto *view = w.findChild<QGraphicsView *>(QStringLiteral("diagram"));
        QVERIFY(view);
        ClassItem *user = w.diagram()->classItem(QStringLiteral("User"));
        const QPointF before = user->pos();
        view->ensureVisible(user);
        const QPoint start = view->mapFromScene(user->sceneBoundingRect().center());
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
        for (int step = 1; step <= 5; ++step) {
            QMouseEvent move(QEvent::MouseMove, start + QPoint(12 * step, 9 * step),
                             view->viewport()->mapToGlobal(start + QPoint(12 * step, 9 * step)),
                             Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view->viewport(), &move);
        }
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, start + QPoint(60, 45));
        QCOMPARE(w.document()->undoStack()->count(), 1);
        QVERIFY(user->pos() != before);
        const QPointF moved = user->pos();
        QCOMPARE(w.document()->position(QStringLiteral("User")), std::optional<QPointF>(moved));

        const QString path = m_env.path(QStringLiteral("moved.msproj"));
        QVERIFY(w.saveAs(path));
        QVERIFY(!w.isWindowModified());
        QCOMPARE(w.windowTitle(), QStringLiteral("Blog[*] - Mapperscope"));

        MainWindow again(nullptr, recoveryDir());
        QVERIFY(again.openProject(path));
        QCOMPARE(again.project(), w.project());
        QCOMPARE(again.diagram()->classItem(QStringLiteral("User"))->pos(), moved);
        QCOMPARE(again.diagram()->classItem(QStringLiteral("Post"))->pos(),
                 w.diagram()->classItem(QStringLiteral("Post"))->pos());

        w.document()->undoStack()->undo();
        QCOMPARE(user->pos(), before);
    }

    void problemsShowLiveNextToWhatTheyConcern()
    {
        MainWindow w(nullptr, recoveryDir());
        QVERIFY(w.openProject(blogPath()));
        w.diagram()->selectClass(0);
        QCOMPARE(w.classEditor()->classIndex(), 0);
        ColumnsModel *columns = w.classEditor()->columnsModel();
        QVERIFY(columns->setData(columns->index(2, ColumnsModel::Type), QStringLiteral("strng")));
        const QModelIndex type = columns->index(2, ColumnsModel::Type);
        QVERIFY(type.data(Qt::BackgroundRole).isValid());
        QVERIFY2(type.data(Qt::ToolTipRole).toString().contains(QLatin1String("strng")),
                 qPrintable(type.data(Qt::ToolTipRole).toString()));
        QVERIFY(!columns->index(2, ColumnsModel::Name).data(Qt::BackgroundRole).isValid());
        QVERIFY(w.diagram()->classItem(QStringLiteral("User"))->hasProblems());
        QVERIFY(!w.diagram()->classItem(QStringLiteral("Post"))->hasProblems());
        auto *problems = w.findChild<QListWidget *>(QStringLiteral("problems"));
        QCOMPARE(problems->count(), 1);
        QVERIFY(problems->item(0)->text().contains(QLatin1String("classes[0].columns[2].type")));

        // Saved with the problem, but not applied.
        const QString path = m_env.path(QStringLiteral("problem.msproj"));
        QVERIFY(w.saveAs(path));
        QString shown;
        answerNextMessageBox(this, QStringLiteral("OK"), &shown);
        QVERIFY(!w.applyToDatabase());
        QVERIFY2(shown.contains(QLatin1String("problem")), qPrintable(shown));

        w.document()->undoStack()->undo();
        QVERIFY(!type.data(Qt::BackgroundRole).isValid());
        QVERIFY(!w.diagram()->classItem(QStringLiteral("User"))->hasProblems());
    }

    void applyAsksBeforeDroppingRows()
    {
        MainWindow w(nullptr, recoveryDir());
        QVERIFY(w.openProject(blogPath()));
        DatabaseSettings file;
        file.name = m_env.path(QStringLiteral("apply.sqlite"));
        w.document()->setDatabase(file);
        QVERIFY(w.applyToDatabase());
        QVERIFY(w.workbench()->session());
        QSqlQuery insert(w.workbench()->session()->connection().database());
        QVERIFY(insert.exec(QStringLiteral("INSERT INTO users (name) VALUES ('ann')")));

        QString shown;
        answerNextMessageBox(this, tr("Cancel"), &shown);
        QVERIFY(!w.applyToDatabase());
        QVERIFY2(shown.contains(QLatin1String("users (1 rows)")), qPrintable(shown));
        {
            QSqlQuery count(w.workbench()->session()->connection().database());
            QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && count.next());
            QCOMPARE(count.value(0).toInt(), 1);
        } // a reading statement left open would lock the table SQLite is asked to drop

        answerNextMessageBox(this, tr("Apply"));
        QVERIFY(w.applyToDatabase());
        QSqlQuery after(w.workbench()->session()->connection().database());
        QVERIFY(after.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && after.next());
        QCOMPARE(after.value(0).toInt(), 0);
    }

    void autosaveAndRecoveryInANewWindow()
    {
        const QString dir = recoveryDir();
        Project edited;
        {
            auto *w = new MainWindow(nullptr, dir);
            QVERIFY(w->openProject(blogPath()));
            w->recovery()->setInterval(20);
            action(w, tr("Add &Class"))->trigger();
            QTRY_VERIFY(QFile::exists(w->recovery()->file()));
            edited = w->project();
            delete w; // as if it crashed: no close event, the recovery stays
        }
        MainWindow next(nullptr, dir);
        QCOMPARE(Recovery::orphans(dir).size(), 1);
        QString shown;
        answerNextMessageBox(this, tr("Restore"), &shown);
        next.offerRecovery();
        QVERIFY2(shown.contains(QLatin1String("Blog")), qPrintable(shown));
        QCOMPARE(next.project(), edited);
        QVERIFY(next.isWindowModified());
        QCOMPARE(next.document()->path(), QFileInfo(blogPath()).absoluteFilePath());
        QVERIFY(next.diagram()->classItem(QStringLiteral("Class1")));
        QVERIFY(Recovery::orphans(dir).isEmpty());

        // A clean close removes this window's own recovery file.
        next.recovery()->setInterval(20);
        action(&next, tr("Add &Class"))->trigger();
        QTRY_VERIFY(QFile::exists(next.recovery()->file()));
        answerNextMessageBox(this, tr("Discard"));
        QVERIFY(next.close());
        QVERIFY(!QFile::exists(next.recovery()->file()));
        QVERIFY(Recovery::orphans(dir).isEmpty());
    }

    void modelsPassTheTester()
    {
        ProjectDocument doc;
        doc.reset(*ProjectFile::read(blogPath()));
        ClassEditor editor(&doc);
        QAbstractItemModelTester columnsTester(
            editor.columnsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester relTester(editor.relationshipsModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
        editor.setClassIndex(1);
        editor.addColumn();
        editor.addRelationship();
        QCOMPARE(editor.columnsModel()->rowCount(), 6);
        auto *columns = editor.columnsModel();
        QVERIFY(columns->setData(columns->index(5, ColumnsModel::Default), QStringLiteral("42")));
        QCOMPARE(doc.schema().classes.at(1).columns.at(5).defaultValue, QJsonValue(42));
        QVERIFY(columns->setData(columns->index(5, ColumnsModel::Unique), Qt::Checked,
                                 Qt::CheckStateRole));
        QVERIFY(doc.schema().classes.at(1).columns.at(5).unique);
        editor.columnsView()->setCurrentIndex(columns->index(5, 0));
        doc.undoStack()->push(new MoveMemberCommand(&doc, MemberKind::Column, 1, 5, 0));
        QCOMPARE(columns->index(0, 0).data().toString(),
                 doc.schema().classes.at(1).columns.at(0).name);
        auto *rels = editor.relationshipsModel();
        QVERIFY(rels->setData(rels->index(rels->rowCount() - 1, RelationshipsModel::Kind),
                              QStringLiteral("one-to-many")));
        while (doc.undoStack()->canUndo())
            doc.undoStack()->undo();
        QCOMPARE(columns->rowCount(), 5);
        doc.undoStack()->push(new RemoveClassCommand(&doc, 0)); // the shown class moves up
        QCOMPARE(editor.classIndex(), 0);
        QCOMPARE(columns->rowCount(), 5);
        doc.undoStack()->push(new RemoveClassCommand(&doc, 0)); // the shown class goes
        QCOMPARE(editor.classIndex(), -1);
        QCOMPARE(columns->rowCount(), 0);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        editor.setClassIndex(0);
        doc.undoStack()->push(new RenameClassCommand(&doc, 0, QStringLiteral("Author")));
        QCOMPARE(rels->index(0, RelationshipsModel::Target).data().toString(),
                 QStringLiteral("Post"));
        QCOMPARE(ColumnsModel::defaultFromText(QStringLiteral("hello")),
                 QJsonValue(QStringLiteral("hello")));
        QCOMPARE(ColumnsModel::defaultText(QJsonValue(QStringLiteral("a\"b"))),
                 QStringLiteral("\"a\\\"b\""));
        QCOMPARE(ColumnsModel::defaultFromText(
                     ColumnsModel::defaultText(QJsonValue(QStringLiteral("a\"b")))),
                 QJsonValue(QStringLiteral("a\"b")));
    }

    void connectionDialog()
    {
        DatabaseSettings pg;
        pg.driver = QStringLiteral("QPSQL");
        pg.host = QStringLiteral("127.0.0.1");
        pg.port = 1;
        pg.name = QStringLiteral("school");
        pg.user = QStringLiteral("teacher");
        pg.password = QStringLiteral("s3cret");
        ConnectionDialog dialog(pg);
        QCOMPARE(dialog.settings(), pg); // savePassword stays off
        QVERIFY(!dialog.testConnection());
        QVERIFY(!dialog.testResult().isEmpty());
        dialog.show();
        QVERIFY(dialog.grab().save(
            QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("connection.png"))));
        dialog.findChild<QCheckBox *>()->setChecked(true);
        QVERIFY(dialog.settings().savePassword);

        ConnectionDialog sqlite(DatabaseSettings {});
        QCOMPARE(sqlite.settings().name, QStringLiteral(":memory:"));
        QVERIFY(sqlite.testConnection());
        auto *path = sqlite.findChild<QLineEdit *>(QStringLiteral("sqlitePath"));
        QTest::keyClicks(path, QStringLiteral("/nonexistent-dir/for/sure/x.db"));
        QCOMPARE(sqlite.settings().name, QStringLiteral("/nonexistent-dir/for/sure/x.db"));
        QVERIFY(!sqlite.testConnection());
        QVERIFY2(sqlite.testResult().contains(QLatin1String("open")),
                 qPrintable(sqlite.testResult()));
    }

    void screenshots()
    {
        MainWindow w(nullptr, recoveryDir());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(blogPath()));
        w.diagram()->selectClass(1);
        QTest::qWait(50);
        const QString out
            = QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("designer.png"));
        QVERIFY(w.grab().save(out));
    }
};

QTEST_MAIN(TestDesigner)
#include "tst_designer.moc"
