// The class designer as a user drives it, offscreen: the main window, the
// diagram, the class editor, undo, save and reopen, autosave and recovery,
// "Apply to database" and the connection dialog.
#include "document/projectdocument.h"
#include "document/renaming.h"
#include "document/schemacommands.h"
#include "diagram/classitem.h"
#include "diagram/diagramscene.h"
#include "diagram/relationitem.h"
#include "editors/classeditor.h"
#include "editors/columnsmodel.h"
#include "editors/connectiondialog.h"
#include "editors/relationshipsmodel.h"
#include "invariants.h"
#include "mainwindow.h"
#include "uitest.h"
#include "teaching/scenariopanel.h"
#include "orm/session.h"
#include "project/projectfile.h"
#include "document/recovery.h"
#include "events/eventlog.h"
#include "live/sessioncontroller.h"
#include "live/workbench.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDir>
#include <QFileDialog>
#include <QGraphicsView>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabBar>
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

/// Clicks the box of class @p name on the diagram, as a user does.
void clickBox(MainWindow &w, const QString &name)
{
    auto *view = w.findChild<QGraphicsView *>(QStringLiteral("diagram"));
    ClassItem *box = w.diagram()->classItem(name);
    if (!box)
        qFatal("no box %s", qPrintable(name));
    view->ensureVisible(box);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->mapFromScene(box->sceneBoundingRect().center()));
}

/// Types @p name into the Class dock's Name field over what is there, and Enter.
void typeClassName(MainWindow &w, const QString &name)
{
    QLineEdit *field = w.classEditor()->nameEdit();
    field->setFocus();
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    typeText(field, name);
    QTest::keyClick(field, Qt::Key_Return);
}

/// Whether @p dock is the current tab of its group (or visible alone).
bool inFront(MainWindow &w, QDockWidget *dock)
{
    for (QTabBar *bar : w.findChildren<QTabBar *>())
        for (int i = 0; bar->isVisible() && i < bar->count(); ++i)
            if (bar->tabText(i) == dock->windowTitle())
                return bar->currentIndex() == i;
    return dock->isVisible();
}

QStringList problemTexts(MainWindow &w)
{
    QStringList texts;
    auto *list = w.findChild<QListWidget *>(QStringLiteral("problems"));
    for (int i = 0; i < list->count(); ++i)
        texts.append(list->item(i)->text());
    return texts;
}

} // namespace

class TestDesigner : public QObject
{
    Q_OBJECT

    WindowTestEnvironment m_env;
    QString recoveryDir() { return m_env.recoveryDir(); }

    /// Answers the file dialog that is about to open with @p path.
    void chooseFile(const QString &path)
    {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            QTimer::singleShot(10, this, [this, path] { chooseFile(path); });
            return;
        }
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept();
    }

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

    // Issue 25: Add Class and a problem's double-click bring the Class dock
    // forward, the problem's row selected in it; a step's problem selects
    // the step in the Scenarios dock.
    void theClassDockComesForward()
    {
        MainWindow w(nullptr, recoveryDir());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(blogPath()));
        auto *classDock = w.findChild<QDockWidget *>(QStringLiteral("ClassDock"));
        auto *history = w.findChild<QDockWidget *>(QStringLiteral("HistoryDock"));
        w.tabifyDockWidget(classDock, history); // a dock in front of it
        history->show();
        history->raise();
        QTRY_VERIFY(!inFront(w, classDock));
        action(&w, tr("Add &Class"))->trigger();
        QTRY_VERIFY(inFront(w, classDock));
        w.document()->undoStack()->undo();

        ColumnsModel *columns = w.classEditor()->columnsModel();
        w.diagram()->selectClass(0);
        QVERIFY(columns->setData(columns->index(2, ColumnsModel::Type), QStringLiteral("strng")));
        w.diagram()->selectClass(1);
        history->raise();
        QTRY_VERIFY(!inFront(w, classDock));
        auto *problems = w.findChild<QListWidget *>(QStringLiteral("problems"));
        QCOMPARE(problems->count(), 1);
        QVERIFY(problems->item(0)->toolTip().contains(QLatin1String("classes[0].columns[2].type")));
        Q_EMIT problems->itemActivated(problems->item(0));
        QTRY_VERIFY(inFront(w, classDock));
        QCOMPARE(w.classEditor()->classIndex(), 0);
        QCOMPARE(w.classEditor()->columnsView()->currentIndex().row(), 2);
        w.document()->undoStack()->undo();

        // a scenario's step that names an object no step made
        QList<Scenario> scenarios = w.project().scenarios;
        Scenario broken;
        broken.name = QStringLiteral("broken");
        broken.steps << Step(steps::Commit {}) << Step(steps::Delete {QStringLiteral("ghost")});
        scenarios << broken;
        w.document()->undoStack()->push(
            new SetScenariosCommand(w.document(), scenarios, QStringLiteral("broken")));
        QCOMPARE(problems->count(), 1);
        QVERIFY2(problems->item(0)->text().startsWith(
                     QStringLiteral("scenarios[%1].steps[1]").arg(scenarios.size() - 1)),
                 qPrintable(problems->item(0)->text()));
        Q_EMIT problems->itemActivated(problems->item(0));
        auto *scenarioDock = w.findChild<QDockWidget *>(QStringLiteral("ScenariosDock"));
        QTRY_VERIFY(inFront(w, scenarioDock));
        QCOMPARE(w.scenarioPanel()->scenarioBox()->currentText(), QStringLiteral("broken"));
        QCOMPARE(w.scenarioPanel()->stepList()->currentRow(), 1);
    }

    // Issue 25: a new relationship follows a foreign key no relationship
    // uses yet (a self-reference was an immediate error).
    void aNewRelationshipFollowsAForeignKey()
    {
        Schema schema;
        ClassDef user;
        user.name = QStringLiteral("User");
        ColumnDef id;
        id.name = QStringLiteral("id");
        id.typeName = QStringLiteral("integer");
        id.primaryKey = true;
        id.nullable = false;
        user.columns << id;
        ClassDef post;
        post.name = QStringLiteral("Post");
        post.columns << id;
        for (const char *name : {"author_id", "editor_id"}) {
            ColumnDef fk;
            fk.name = QLatin1String(name);
            fk.typeName = QStringLiteral("integer");
            fk.references = QStringLiteral("User");
            post.columns << fk;
        }
        schema.classes << user << post;

        RelationshipDef author = ClassEditor::proposedRelationship(schema, 1);
        QCOMPARE(author.target, QStringLiteral("User"));
        QCOMPARE(author.foreignKey, QStringLiteral("author_id"));
        QCOMPARE(author.name, QStringLiteral("author"));
        QCOMPARE(author.kindName, QStringLiteral("many-to-one"));
        schema.classes[1].relationships << author;
        QVERIFY(schema.validate().isEmpty());
        const RelationshipDef editor = ClassEditor::proposedRelationship(schema, 1);
        QCOMPARE(editor.foreignKey, QStringLiteral("editor_id"));
        QCOMPARE(editor.name, QStringLiteral("editor"));
        schema.classes[1].relationships << editor;
        QVERIFY(schema.validate().isEmpty());
        // User: the other side of author_id, a one-to-many
        const RelationshipDef posts = ClassEditor::proposedRelationship(schema, 0);
        QCOMPARE(posts.kindName, QStringLiteral("one-to-many"));
        QCOMPARE(posts.target, QStringLiteral("Post"));
        QCOMPARE(posts.foreignKey, QStringLiteral("author_id"));
        QCOMPARE(posts.name, QStringLiteral("posts"));
        // nothing left to follow on Post: the class itself, as before
        QCOMPARE(ClassEditor::proposedRelationship(schema, 1).target, QStringLiteral("Post"));

        // through the Class dock: one undo step, no problem
        ProjectDocument doc;
        Project p;
        p.schema = schema;
        p.schema.classes[1].relationships.clear();
        doc.reset(p);
        ClassEditor classEditor(&doc);
        classEditor.setClassIndex(1);
        classEditor.addRelationship();
        QCOMPARE(doc.schema().classes[1].relationships.size(), 1);
        QCOMPARE(doc.schema().classes[1].relationships[0].target, QStringLiteral("User"));
        QVERIFY(doc.problems().isEmpty());
    }

    // Issue 25: unique columns are marked on the diagram, as keys are.
    void uniqueColumnsAreMarked()
    {
        MainWindow w(nullptr, recoveryDir());
        QVERIFY(w.openProject(blogPath()));
        ClassItem *user = w.diagram()->classItem(QStringLiteral("User"));
        QCOMPARE(user->marksOf(0), QStringLiteral("PK"));
        QCOMPARE(user->marksOf(1), QStringLiteral("U")); // name is unique
        QCOMPARE(user->marksOf(2), QString());
        // over the name line: what U means
        const QRectF box = user->boundingRect();
        bool explained = false;
        for (qreal y = 0; y < box.height(); y += 2)
            explained |= user->toolTipAt(QPointF(20, y)).contains(QLatin1String("unique"));
        QVERIFY(explained);
    }

    // Issue 25: a relationship's label keeps clear of the class boxes
    // without Automatic Layout: a box moved onto it sends it elsewhere.
    void relationshipLabelsAvoidTheBoxes()
    {
        MainWindow w(nullptr, recoveryDir());
        QVERIFY(w.openProject(blogPath()));
        ClassItem *user = w.diagram()->classItem(QStringLiteral("User"));
        ClassItem *post = w.diagram()->classItem(QStringLiteral("Post"));
        ClassItem *comment = w.diagram()->classItem(QStringLiteral("Comment"));
        user->setPos(0, 0);
        post->setPos(700, 0);
        comment->setPos(0, 600);
        RelationItem *posts = nullptr;
        for (RelationItem *r : w.diagram()->relationItems())
            if (r->source() == user && r->target() == post)
                posts = r;
        QVERIFY(posts);
        const QRectF middle = posts->labelRect();
        // the Comment box over the middle of the line, where the label was
        comment->setPos(middle.center() - QPointF(comment->boundingRect().width() / 2, 10));
        QVERIFY(comment->sceneBoundingRect().intersects(middle));
        for (RelationItem *r : w.diagram()->relationItems())
            for (ClassItem *box : {user, post, comment})
                QVERIFY2(!box->sceneBoundingRect().intersects(r->labelRect()),
                         qPrintable(r->label() + QLatin1String(" over ") + box->className()));
        // moved away, it is back in the middle
        comment->setPos(0, 600);
        QCOMPARE(posts->labelRect(), middle);
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
        // the Version box marks the class's version counter; a text column is
        // a problem shown on that cell, undone with the box
        QCOMPARE(columns->headerData(ColumnsModel::Version, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Version"));
        QVERIFY(columns->flags(columns->index(5, ColumnsModel::Version)) & Qt::ItemIsUserCheckable);
        QVERIFY(columns->setData(columns->index(5, ColumnsModel::Version), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(doc.schema().classes.at(1).columns.at(5).versionCounter);
        QCOMPARE(doc.schema().classes.at(1).versionColumnIndex(), 5);
        QCOMPARE(columns->index(5, ColumnsModel::Version).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        bool flagged = false;
        for (const Problem &p : doc.schema().validate())
            flagged = flagged || p.path == QLatin1String("classes[1].columns[5].versionCounter");
        QVERIFY(flagged == (doc.schema().classes.at(1).columns.at(5).typeName != QLatin1String("integer")));
        doc.undoStack()->undo();
        QVERIFY(!doc.schema().classes.at(1).columns.at(5).versionCounter);
        QCOMPARE(doc.schema().classes.at(1).versionColumnIndex(), -1);
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

        // for an import: a file that exists, and testing a missing one makes none
        QTemporaryDir dir;
        ConnectionDialog existing(DatabaseSettings {});
        existing.requireExistingDatabase();
        auto *existingPath = existing.findChild<QLineEdit *>(QStringLiteral("sqlitePath"));
        const QString missing = dir.filePath(QStringLiteral("missing.sqlite"));
        QTest::keyClicks(existingPath, missing);
        QCOMPARE(existing.settings().name, missing);
        QVERIFY(!existing.testConnection());
        QVERIFY2(existing.testResult().contains(QLatin1String("no file")), qPrintable(existing.testResult()));
        QVERIFY(!QFile::exists(missing));
        QRadioButton *memory = nullptr;
        for (QRadioButton *b : existing.findChildren<QRadioButton *>())
            if (b->text().contains(QLatin1String("memory")))
                memory = b;
        QVERIFY(memory && !memory->isEnabled());
    }

    // Issue 18, case 1: File > New, Close, Open and Revert with the example
    // open (and a class selected, its arrows drawn) crashed in RelationItem.
    void newCloseOpenAndRevertWithTheExampleOpen_data()
    {
        QTest::addColumn<QString>("what");
        for (const char *what : {"new", "close", "open", "revert"})
            QTest::newRow(what) << QString::fromLatin1(what);
    }

    void newCloseOpenAndRevertWithTheExampleOpen()
    {
        QFETCH(QString, what);
        MainWindow w(nullptr, recoveryDir());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(blogPath()));
        clickBox(w, QStringLiteral("User"));
        QCOMPARE(w.classEditor()->classIndex(), 0);
        typeClassName(w, QStringLiteral("Person")); // unsaved work: New asks
        QCOMPARE(w.project().schema.classes.at(0).name, QStringLiteral("Person"));
        QVERIFY(windowInvariantProblem(w).isEmpty());
        // a transaction open and objects in the session: their end is not
        // the next project's first events
        QVERIFY(w.sessionController()->query(QStringLiteral("User"), QString()).ok());
        QVERIFY(w.sessionController()->session()->inTransaction());
        answerNextMessageBox(this, tr("Discard"));
        if (what == QLatin1String("new")) {
            action(&w, tr("&New"))->trigger();
            QCOMPARE(w.project().schema.classes.size(), 0);
            QCOMPARE(w.eventLog()->count(), 0);
        } else if (what == QLatin1String("close")) {
            action(&w, tr("&Close"))->trigger();
            QCOMPARE(w.project().schema.classes.size(), 0);
            QCOMPARE(w.eventLog()->count(), 0);
        } else if (what == QLatin1String("open")) {
            // The file dialog, answered as a user does.
            QTimer::singleShot(0, this, [this] { chooseFile(blogPath()); });
            action(&w, tr("&Open..."))->trigger();
            QCOMPARE(w.project(), *ProjectFile::read(blogPath()));
        } else {
            action(&w, tr("Re&vert to Saved"))->trigger();
            QCOMPARE(w.project(), *ProjectFile::read(blogPath()));
        }
        QVERIFY(w.isVisible());
        QVERIFY(!w.isWindowModified());
        QCOMPARE(w.classEditor()->classIndex(), -1);
        const QString problem = windowInvariantProblem(w);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QTest::qWait(20); // a repaint of the diagram, where the crash was
        if (!w.project().schema.classes.isEmpty()) {
            clickBox(w, QStringLiteral("Post"));
            QCOMPARE(w.classEditor()->classIndex(), 1);
        }
    }

    void severalRelationshipsBetweenTwoClassesAreDrawnApart()
    {
        // Post.author and Post.editor, both to User: two arrows side by
        // side, each labelled with its foreign key, none hiding the other;
        // the Class dock's Foreign key cell offers the columns
        MainWindow w(nullptr, recoveryDir());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/tests/golden3/editors.msproj")));
        const QList<RelationItem *> arrows = w.diagram()->relationItems();
        QCOMPARE(arrows.size(), 2);
        QVERIFY(arrows[0]->label().contains(QLatin1String("(author_id)")));
        QVERIFY(arrows[1]->label().contains(QLatin1String("(editor_id)")));
        QVERIFY(!arrows[0]->shape().intersects(arrows[1]->shape()));
        // moved apart, they stay apart
        ClassItem *post = w.diagram()->classItem(QStringLiteral("Post"));
        post->setPos(post->pos() + QPointF(0, 300));
        QVERIFY(!arrows[0]->shape().intersects(arrows[1]->shape()));
        clickBox(w, QStringLiteral("Post"));
        QCOMPARE(w.classEditor()->classIndex(), 1);
        RelationshipsModel model(w.document());
        model.setClassIndex(1);
        const QModelIndex fk = model.index(0, RelationshipsModel::ForeignKey);
        QCOMPARE(fk.data().toString(), QStringLiteral("author_id"));
        QCOMPARE(fk.data(ChoicesRole).toStringList(),
                 (QStringList{QString(), QStringLiteral("author_id"), QStringLiteral("editor_id")}));
        // emptied, the relationship is ambiguous again, and says so in that cell
        QVERIFY(model.setData(fk, QString()));
        QVERIFY(model.index(0, RelationshipsModel::ForeignKey).data(Qt::ToolTipRole).toString()
                    .contains(QLatin1String("could use any of the columns")));
        w.document()->undoStack()->undo();
        QCOMPARE(model.index(0, RelationshipsModel::ForeignKey).data().toString(), QStringLiteral("author_id"));

        // the Loading cell: SQLAlchemy's lazy=, one undoable edit, in the file
        const QModelIndex loading = model.index(0, RelationshipsModel::Loading);
        QCOMPARE(loading.data().toString(), QStringLiteral("(default) select"));
        QCOMPARE(loading.data(ChoicesRole).toStringList(),
                 (QStringList {QString(), QStringLiteral("joined"), QStringLiteral("selectin"),
                               QStringLiteral("subquery"), QStringLiteral("raise"), QStringLiteral("noload")}));
        QVERIFY(model.setData(loading, QStringLiteral("selectin")));
        QCOMPARE(w.document()->project().schema.classes[1].relationships[0].lazy, QStringLiteral("selectin"));
        QVERIFY(w.document()->problems().isEmpty());
        w.document()->undoStack()->undo();
        QVERIFY(w.document()->project().schema.classes[1].relationships[0].lazy.isEmpty());
    }

    void manyToManyInTheDesigner()
    {
        // Post.tags through post_tags: the arrow says * -> * and names the
        // table; the Class dock's Association table cell edits it, a new
        // many-to-many gets one suggested, and a missing one is a problem
        MainWindow w(nullptr, recoveryDir());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/tests/golden3/tagging.msproj")));
        const QList<RelationItem *> arrows = w.diagram()->relationItems();
        QCOMPARE(arrows.size(), 1);
        QVERIFY2(arrows[0]->label().contains(QStringLiteral("* \u2192 *  [post_tags]")), qPrintable(arrows[0]->label()));
        RelationshipsModel model(w.document());
        model.setClassIndex(0);
        const QModelIndex table = model.index(0, RelationshipsModel::Secondary);
        QCOMPARE(table.data().toString(), QStringLiteral("post_tags"));
        QVERIFY(table.data(Qt::ToolTipRole).toString().contains(QLatin1String("post_id and tag_id")));
        QCOMPARE(model.headerData(RelationshipsModel::Secondary, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Association table"));
        QVERIFY(model.setData(table, QString()));
        QVERIFY(model.index(0, RelationshipsModel::Secondary).data(Qt::ToolTipRole).toString()
                    .contains(QLatin1String("needs an association table")));
        // (and the steps that use tags or posts: they name no relationship now)
        QCOMPARE(w.document()->problems().first().path, QStringLiteral("classes[0].relationships[0].secondary"));
        w.document()->undoStack()->undo();
        QVERIFY(w.document()->problems().isEmpty());
        // a new relationship made a many-to-many on Tag gets tags_posts (its table, the target's) suggested
        w.classEditor()->setClassIndex(1);
        w.classEditor()->addRelationship();
        auto *rels = w.classEditor()->relationshipsModel();
        const int row = rels->rowCount() - 1;
        QVERIFY(rels->setData(rels->index(row, RelationshipsModel::Name), QStringLiteral("related")));
        QVERIFY(rels->setData(rels->index(row, RelationshipsModel::Target), QStringLiteral("Post")));
        QVERIFY(rels->setData(rels->index(row, RelationshipsModel::Kind), QStringLiteral("many-to-many")));
        QCOMPARE(w.document()->project().schema.classes[1].relationships[row].secondary, QStringLiteral("tags_posts"));
        // the inverse declared again on Tag, through another table, is one
        // more association table: both are valid
        const Problems after = w.document()->problems();
        QVERIFY2(after.isEmpty(), qPrintable(after.isEmpty() ? QString() : after.first().toString()));
        QCOMPARE(w.document()->schema().associationTables().size(), 2);
        QCOMPARE(w.diagram()->relationItems().size(), 2);
        while (w.document()->undoStack()->canUndo())
            w.document()->undoStack()->undo();
        QVERIFY(w.document()->project().schema.classes[1].relationships.isEmpty());
    }

    // Issue 18, case 2: a class with relationships renamed through the
    // Class dock's Name field (click the box, type, Enter).
    void renameAClassWithRelationshipsThroughTheNameField_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::newRow("User") << QStringLiteral("User") << QStringLiteral("Person");
        QTest::newRow("Post") << QStringLiteral("Post") << QStringLiteral("Article");
        QTest::newRow("Comment") << QStringLiteral("Comment") << QStringLiteral("Remark");
        QTest::newRow("quotes") << QStringLiteral("User") << QStringLiteral("O'Brien \"Jr\"");
        QTest::newRow("unicode") << QStringLiteral("Comment") << QStringLiteral("Комментарий");
    }

    void renameAClassWithRelationshipsThroughTheNameField()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        MainWindow w(nullptr, recoveryDir());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(blogPath()));
        const Project before = w.project();
        const int index = before.schema.classIndex(from);
        clickBox(w, from);
        QCOMPARE(w.classEditor()->classIndex(), index);
        typeClassName(w, to);
        QTest::qWait(20);
        QCOMPARE(w.project(), Renaming::renameClass(before, index, to));
        QCOMPARE(w.classEditor()->classIndex(), index); // still on the renamed class
        QCOMPARE(w.diagram()->selectedClass(), index);
        QCOMPARE(problemTexts(w).size(), 1);
        QVERIFY2(problemTexts(w).first().contains(QLatin1String("No problems")),
                 qPrintable(problemTexts(w).join(QLatin1Char('\n'))));
        QString problem = windowInvariantProblem(w);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        undoAction(&w)->trigger();
        QCOMPARE(ProjectFile::serialize(w.project()), ProjectFile::serialize(before));
        problem = windowInvariantProblem(w);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        undoAction(&w, true)->trigger();
        QCOMPARE(w.project().schema.classes.at(index).name, to);
    }

    // Clearing the name, or a name another class has, is refused: the field
    // keeps what was typed, marked, the reason shows, and nothing changes.
    void anEmptyOrTakenNameIsRefusedInTheField_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("why");
        QTest::newRow("cleared") << QString() << QStringLiteral("needs a name");
        QTest::newRow("taken") << QStringLiteral("Post") << QStringLiteral("already a class");
    }

    void anEmptyOrTakenNameIsRefusedInTheField()
    {
        QFETCH(QString, typed);
        QFETCH(QString, why);
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(blogPath()));
        const Project before = w.project();
        clickBox(w, QStringLiteral("User"));
        typeClassName(w, typed);
        QCOMPARE(w.project(), before);
        QCOMPARE(w.document()->undoStack()->count(), 0);
        QVERIFY(!w.isWindowModified());
        QCOMPARE(w.classEditor()->nameEdit()->text(), typed);
        QVERIFY2(w.classEditor()->refusal().contains(why), qPrintable(w.classEditor()->refusal()));
        QVERIFY(w.classEditor()->refusal().contains(QLatin1String("\"User\"")));
        QVERIFY(windowInvariantProblem(w).isEmpty());
        // Escape gives the old name back; a valid name is taken at once.
        QTest::keyClick(w.classEditor()->nameEdit(), Qt::Key_Escape);
        QCOMPARE(w.classEditor()->nameEdit()->text(), QStringLiteral("User"));
        QVERIFY(w.classEditor()->refusal().isEmpty());
        typeClassName(w, typed);
        typeClassName(w, QStringLiteral("Person"));
        QVERIFY(w.classEditor()->refusal().isEmpty());
        QCOMPARE(w.project(), Renaming::renameClass(before, 0, QStringLiteral("Person")));
    }

    // Issue 18, case 2 (smallest) and case 3: a new class with a
    // relationship renamed; a taken name, then a valid one, then Undo.
    void aNewClassRenamedTakenThenValidThenUndone()
    {
        MainWindow w(nullptr, recoveryDir());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(blogPath()));
        answerNextMessageBox(this, tr("Discard"));
        action(&w, tr("&New"))->trigger();
        action(&w, tr("Add &Class"))->trigger();
        action(&w, tr("Add R&elationship"))->trigger();
        QCOMPARE(w.diagram()->relationItems().size(), 1); // Class1 to itself
        typeClassName(w, QStringLiteral("Bee"));
        QTest::qWait(20);
        QCOMPARE(w.project().schema.classes.at(0).relationships.at(0).target, QStringLiteral("Bee"));
        QVERIFY(windowInvariantProblem(w).isEmpty());

        answerNextMessageBox(this, tr("Discard"));
        QVERIFY(w.openProject(blogPath()));
        const Project blog = w.project();
        action(&w, tr("Add &Class"))->trigger();
        typeClassName(w, QStringLiteral("Post"));
        QCOMPARE(w.project().schema.classes.at(3).name, QStringLiteral("Class1"));
        typeClassName(w, QStringLiteral("Article"));
        QCOMPARE(w.project().schema.classes.at(3).name, QStringLiteral("Article"));
        undoAction(&w)->trigger();
        QTest::qWait(20);
        QCOMPARE(w.project().schema.classes.at(3).name, QStringLiteral("Class1"));
        QCOMPARE(w.classEditor()->nameEdit()->text(), QStringLiteral("Class1"));
        QVERIFY(windowInvariantProblem(w).isEmpty());
        undoAction(&w)->trigger();
        QCOMPARE(w.project(), blog);
        QVERIFY(windowInvariantProblem(w).isEmpty());
    }

    // Issue 18, case 4: naming a class whose name was cleared gives no
    // column a foreign key; case 5: a taken name and back moves nothing.
    void noRenameAttachesReferencesToAnotherClass()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(blogPath()));
        const Project blog = w.project();
        action(&w, tr("Add &Class"))->trigger();
        typeClassName(w, QString());
        typeClassName(w, QStringLiteral("Publisher"));
        Project expected = blog;
        expected.schema.classes.append(w.project().schema.classes.at(3));
        expected.view = w.project().view;
        QCOMPARE(w.project(), expected);
        QCOMPARE(w.project().schema.classes.at(3).name, QStringLiteral("Publisher"));
        QVERIFY(problemTexts(w).first().contains(QLatin1String("No problems")));

        const Project withPublisher = w.project();
        typeClassName(w, QStringLiteral("Post")); // taken: refused
        typeClassName(w, QStringLiteral("Publisher"));
        QCOMPARE(w.project(), withPublisher);
        clickBox(w, QStringLiteral("Comment"));
        typeClassName(w, QStringLiteral("User")); // taken: refused
        QVERIFY(!w.classEditor()->refusal().isEmpty());
        typeClassName(w, QStringLiteral("Comment"));
        QCOMPARE(w.project(), withPublisher);
        QCOMPARE(w.project().schema.classes.at(0).relationships.at(0).target, QStringLiteral("Post"));
        QVERIFY(problemTexts(w).first().contains(QLatin1String("No problems")));
    }

    // A column renamed in the table: the scenario steps and listeners that
    // name it follow; a taken name is refused with the reason shown.
    void aColumnRenamedInTheTableCarriesItsSteps()
    {
        MainWindow w(nullptr, recoveryDir());
        w.show();
        QVERIFY(w.openProject(blogPath()));
        clickBox(w, QStringLiteral("User"));
        ColumnsModel *columns = w.classEditor()->columnsModel();
        QTableView *view = w.classEditor()->columnsView();
        const QModelIndex name = columns->index(1, ColumnsModel::Name);
        view->setCurrentIndex(name);
        view->edit(name);
        auto *editor = view->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("email"));
        QTest::keyClick(editor, Qt::Key_Return);
        QCoreApplication::processEvents(); // the delegate commits in a queued call
        QCOMPARE(w.project().schema.classes.at(0).columns.at(1).name, QStringLiteral("name"));
        QVERIFY2(w.classEditor()->refusal().contains(QLatin1String("already has an attribute")),
                 qPrintable(w.classEditor()->refusal()));
        QVERIFY(columns->setData(name, QStringLiteral("full_name")));
        QVERIFY(w.classEditor()->refusal().isEmpty()); // the next edit clears the note
        const Project &p = w.project();
        QCOMPARE(p.schema.classes.at(0).columns.at(1).name, QStringLiteral("full_name"));
        const QJsonObject first = p.scenarios.at(0).steps.at(0).toJson();
        QVERIFY(first.value(QLatin1String("values")).toObject().contains(QLatin1String("full_name")));
        QVERIFY(p.validate().isEmpty());
        QVERIFY(windowInvariantProblem(w).isEmpty());
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
