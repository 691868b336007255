#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "events/eventlog.h"
#include "inspect/eventlogview.h"
#include "comparedialog.h"
#include "runsdialog.h"
#include "importdialog.h"
#include "orm/registry.h"
#include "live/sessioncontroller.h"
#include "live/verify.h"
#include "project/projectfile.h"
#include "mainwindow.h"
#include "lessons.h"
#include "writefault.h"

#include <QCheckBox>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QListWidget>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QTableWidget>
#include <QSqlDatabase>
#include <QUndoStack>


using namespace ms;

namespace {

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

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

    // File > Open Lesson: the lessons found beside the program (the build
    // copies them where the installed program finds them), numbered in
    // teaching order, in the interface's language; the chosen one opens
    // with its description above the pages.
    void openLessonListsTheLessonsAndShowsTheDescription()
    {
        const QString dir = Lessons::lessonsDirectory();
        QVERIFY2(!dir.isEmpty(), "no share/mapperscope/lessons beside the test");
        const QList<Lessons::Entry> english = Lessons::entries(dir, QStringLiteral("en"));
        QCOMPARE(english.size(), 7);
        QVERIFY(english.first().path.endsWith(QLatin1String("01_lifecycle.msproj")));
        for (const Lessons::Entry &e : english) {
            QVERIFY2(!e.description.isEmpty(), qPrintable(e.path));
            QVERIFY(!e.path.contains(QLatin1String("_ru.")));
        }
        const QList<Lessons::Entry> russian = Lessons::entries(dir, QStringLiteral("ru"));
        QCOMPARE(russian.size(), 7);
        for (const Lessons::Entry &e : russian)
            QVERIFY2(e.path.endsWith(QLatin1String("_ru.msproj")), qPrintable(e.path));
        // "n_plus_one" is not a translation of "n_plus" (no such file).
        const QList<Lessons::Entry> examples = Lessons::entries(Lessons::examplesDirectory(), QStringLiteral("en"));
        QVERIFY(std::any_of(examples.begin(), examples.end(), [](const Lessons::Entry &e) {
            return e.path.endsWith(QLatin1String("/n_plus_one.msproj"));
        }));

        MainWindow w;
        w.show();
        QAction *open = nullptr;
        for (QAction *a : w.findChildren<QAction *>())
            if (a->text() == QLatin1String("Open &Lesson..."))
                open = a;
        QVERIFY(open);
        QCOMPARE(open->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
        bool listed = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<LessonsDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            // a heading, the seven lessons, a heading, the examples
            QCOMPARE(dialog->list()->item(0)->text(), QStringLiteral("Lessons"));
            QVERIFY(!(dialog->list()->item(0)->flags() & Qt::ItemIsSelectable));
            QCOMPARE(dialog->list()->currentRow(), 1);
            QCOMPARE(dialog->chosenPath(), english.first().path);
            QVERIFY(dialog->description()->toPlainText().contains(english.first().description.left(40)));
            dialog->list()->setCurrentRow(2);
            listed = true;
            dialog->accept();
        });
        open->trigger();
        QVERIFY(listed);
        QCOMPARE(w.document()->path(), english.at(1).path);
        QVERIFY(w.descriptionBar()->isVisible());
        QVERIFY(w.descriptionBar()->text().contains(english.at(1).description.left(40)));
        // hidden, and back from Help > About This Project
        // the first paragraph in the bar, the whole text behind More
        QVERIFY(!w.descriptionBar()->text().contains(QLatin1String("\n\n")));
        bool more = false;
        for (QToolButton *b : w.descriptionBar()->findChildren<QToolButton *>()) {
            if (b->text() != QLatin1String("&More..."))
                continue;
            more = b->isVisible();
            QTimer::singleShot(0, this, [&] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box);
                QCOMPARE(box->text(), english.at(1).description.trimmed());
                box->close();
            });
            b->click();
        }
        QVERIFY(more);
        for (QToolButton *b : w.descriptionBar()->findChildren<QToolButton *>())
            if (b->text() == QLatin1String("&Hide"))
                b->click();
        QVERIFY(!w.descriptionBar()->isVisible());
        for (QAction *a : w.findChildren<QAction *>())
            if (a->text() == QLatin1String("About This &Project"))
                a->trigger();
        QVERIFY(w.descriptionBar()->isVisible());
        // a project without a description shows none
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/tests/export/listeners.msproj")));
        QVERIFY(!w.descriptionBar()->isVisible());
    }

    // A lesson installed read-only: Save asks where to keep the changed
    // copy instead of failing, and the lesson stays as it was.
    void saveOfAReadOnlyLessonAsksWhere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lesson.msproj"));
        QVERIFY(QFile::copy(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj"), path));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        const QByteArray before = contents(path);
        MainWindow w;
        QVERIFY(w.openProject(path));
        w.document()->undoStack()->push(new RenameClassCommand(w.document(), 0, QStringLiteral("Person")));
        bool asked = false;
        QTimer::singleShot(0, this, [&] {
            if (QWidget *dialog = QApplication::activeModalWidget()) {
                asked = dialog->inherits("QFileDialog");
                dialog->close();
            }
        });
        QVERIFY(!w.save()); // the dialog was closed: nothing saved
        QVERIFY(asked);
        QCOMPARE(contents(path), before);
        QVERIFY(w.document()->isModified());
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void noTwoActionsShareAShortcut()
    {
        // Qt fires neither of two actions with the same shortcut in one
        // window ("ambiguous shortcut"): each must be unique.
        MainWindow w;
        w.show();
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        QHash<QString, QString> owner;
        int shortcuts = 0;
        for (QAction *a : w.findChildren<QAction *>()) {
            for (const QKeySequence &key : a->shortcuts()) {
                if (key.isEmpty() || a->shortcutContext() == Qt::WidgetShortcut)
                    continue;
                const QString text = key.toString(QKeySequence::PortableText);
                const QString name = a->text().remove(QLatin1Char('&'));
                QVERIFY2(!owner.contains(text) || owner.value(text) == name,
                         qPrintable(QStringLiteral("%1 is both %2 and %3").arg(text, owner.value(text), name)));
                owner.insert(text, name);
                ++shortcuts;
            }
        }
        QVERIFY(shortcuts >= 20);
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

    void saveThatCannotWriteKeepsTheProjectOpen_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("full disk") << int(mstest::WriteFault::FullDisk) << QStringLiteral("File too large");
        QTest::newRow("read-only folder") << int(mstest::WriteFault::ReadOnlyFolder)
                                          << QStringLiteral("Permission denied");
    }

    void saveThatCannotWriteKeepsTheProjectOpen()
    {
        QFETCH(int, kind);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                              | QFile::ReadOther | QFile::ExeOther);
        const QString folder = dir.filePath(QStringLiteral("projects"));
        QVERIFY(QDir().mkpath(folder));
        const QString path = folder + QStringLiteral("/blog.msproj");
        QVERIFY(QFile::copy(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        const QByteArray before = contents(path);

        MainWindow w(nullptr, dir.filePath(QStringLiteral("recovery")));
        w.show();
        QVERIFY(w.openProject(path));
        ProjectDocument *doc = w.document();
        doc->undoStack()->push(new SetClassTableCommand(doc, 0, QStringLiteral("people")));
        QVERIFY(doc->isModified());

        QString shown;
        QTimer::singleShot(0, this, [&shown] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                shown = box->windowTitle() + QLatin1Char('\n') + box->text();
                box->accept();
            }
        });
        bool saved = true;
        {
            mstest::WriteFault fault(mstest::WriteFault::Kind(kind), folder);
            saved = w.save();
        }
        QVERIFY(!saved);
        // A clear message: what happened, that nothing was lost, and why.
        QVERIFY2(shown.startsWith(QLatin1String("Cannot Save Project")), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("still open with its changes")), qPrintable(shown));
        QVERIFY2(shown.contains(reason), qPrintable(shown));
        QVERIFY2(shown.contains(path), qPrintable(shown));
        // The project stays open, edited and unsaved; the file on disk is the
        // old one, whole, with nothing left beside it.
        QVERIFY(doc->isModified());
        QVERIFY(w.isWindowModified());
        QCOMPARE(w.project().schema.classes.value(0).table, QStringLiteral("people"));
        QCOMPARE(contents(path), before);
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("blog.msproj")});
        // Once the disk takes it again, Save works.
        QVERIFY(w.save());
        QVERIFY(!doc->isModified());
        QVERIFY(contents(path).contains("\"people\""));
    }

    void compareTwoRuns()
    {
        // the N+1 scenario as drawn against every relationship selectin:
        // the statements move from the reads into the query
        MainWindow w;
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/n_plus_one.msproj")));
        QAction *action = nullptr;
        for (QAction *a : w.findChildren<QAction *>())
            if (a->text() == QLatin1String("Compare T&wo Runs..."))
                action = a;
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+W")));
        RunsDialog dialog(w.document(), &w);
        const QString scenario = QStringLiteral("N+1: the posts of every user");
        QVERIFY2(dialog.compare({scenario, true, QString()}, {scenario, true, QStringLiteral("selectin")}),
                 qPrintable(dialog.summary()));
        QCOMPARE(dialog.summary(), QStringLiteral("6 of 43 steps differ; statements: 23 in A, 19 in B."));
        QCOMPARE(dialog.table()->topLevelItemCount(), 43);
        QCOMPARE(dialog.table()->topLevelItem(0)->text(0), QStringLiteral("mapping"));
        QTreeWidgetItem *current = dialog.table()->currentItem();
        QVERIFY(current);
        QCOMPARE(current->text(0), QStringLiteral("step 36"));
        QCOMPARE(current->text(3), QStringLiteral("1 / 2"));
        QVERIFY(current->isExpanded());
        QCOMPARE(current->background(0).style(), Qt::SolidPattern);
        QTreeWidgetItem *added = nullptr;
        for (int i = 0; i < current->childCount() && !added; ++i)
            if (current->child(i)->text(0) == QLatin1String("+")
                && current->child(i)->text(2).startsWith(QLatin1String("statement SELECT")))
                added = current->child(i);
        QVERIFY(added);
        QVERIFY2(added->text(2).contains(QLatin1String("WHERE \"user_id\" IN (?, ?, ?, ?, ?)")), qPrintable(added->text(2)));
        QVERIFY(added->text(1).isEmpty());
        QCOMPARE(added->background(2).style(), Qt::SolidPattern);
        QCOMPARE(current->child(0)->text(1), current->child(0)->text(2)); // the same on both sides
        QCOMPARE(dialog.table()->topLevelItem(35)->background(0).style(), Qt::NoBrush); // commit: the same
        // one run against itself: nothing differs
        QVERIFY(dialog.compare({scenario, true, QString()}, {scenario, true, QString()}));
        QCOMPARE(dialog.summary(), QStringLiteral("0 of 43 steps differ; statements: 23 in A, 23 in B."));
        QVERIFY(!dialog.table()->currentItem());
        // expire on commit off: the commit expires nothing
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        RunsDialog blog(w.document(), &w);
        QVERIFY(blog.compare({QStringLiteral("first flush"), true, QString()},
                             {QStringLiteral("first flush"), false, QString()}));
        QVERIFY2(blog.summary().startsWith(QLatin1String("1 of")), qPrintable(blog.summary()));
        QVERIFY(blog.table()->currentItem());
        QCOMPARE(blog.table()->currentItem()->text(1), QStringLiteral("commit"));
        QVERIFY(!blog.compare({QStringLiteral("no such"), true, QString()}, {QString(), true, QString()}));
        QVERIFY(blog.summary().contains(QLatin1String("no scenario named \"no such\"")));

        // a run against a trace file: the same scenario's trace matches, the
        // other expiry's differs at the commit
        QTemporaryDir dir;
        const Project &project = w.document()->project();
        const Scenario *first = nullptr;
        for (const Scenario &s : project.scenarios)
            if (s.name == QLatin1String("first flush"))
                first = &s;
        QVERIFY(first);
        const QString path = dir.filePath(QStringLiteral("first flush.jsonl"));
        QFile trace(path);
        QVERIFY(trace.open(QIODevice::WriteOnly));
        trace.write(Verify::engineTrace(project, *first));
        trace.close();
        RunsDialog::Run file {QString(), true, QString(), path};
        QVERIFY2(blog.compare({QStringLiteral("first flush"), true, QString()}, file), qPrintable(blog.summary()));
        QVERIFY2(blog.summary().startsWith(QLatin1String("0 of")), qPrintable(blog.summary()));
        QVERIFY(blog.compare({QStringLiteral("first flush"), false, QString()}, file));
        QVERIFY2(blog.summary().startsWith(QLatin1String("1 of")), qPrintable(blog.summary()));
        // a file that is not a trace, one that is missing: their messages
        QFile broken(dir.filePath(QStringLiteral("broken.jsonl")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"seq\": 1}\nnot json\n");
        broken.close();
        QVERIFY(!blog.compare({QStringLiteral("first flush"), true, QString()},
                              {QString(), true, QString(), broken.fileName()}));
        QVERIFY2(blog.summary().startsWith(QLatin1String("broken.jsonl: ")) && blog.summary().contains(QLatin1String("2")),
                 qPrintable(blog.summary()));
        QVERIFY(!blog.compare({QString(), true, QString(), dir.filePath(QStringLiteral("gone.jsonl"))},
                              {QStringLiteral("first flush"), true, QString()}));
        QVERIFY2(blog.summary().startsWith(QLatin1String("gone.jsonl: ")), qPrintable(blog.summary()));

        // the window's own events, once it played a step, against themselves
        // and against a file: the list offers them
        RunsDialog windowed(w.document(), &w, w.eventLog());
        QVERIFY(w.sessionController()->run(steps::Flush {}));
        RunsDialog::Run window;
        window.window = true;
        QVERIFY2(windowed.compare(window, window), qPrintable(windowed.summary()));
        QVERIFY2(windowed.summary().startsWith(QLatin1String("0 of")), qPrintable(windowed.summary()));
        QVERIFY(windowed.table()->topLevelItemCount() >= 2); // mapping, the flush
        QVERIFY(windowed.compare(window, file));
        QVERIFY2(!windowed.summary().startsWith(QLatin1String("0 of")), qPrintable(windowed.summary()));
    }

    void compareOneSessionAgainstTwo()
    {
        // a project of two sessions: run B starts as the same scenario with
        // one session for every step; in one session B's get finds A's
        // object in the identity map: no stale read, fewer SELECTs
        MainWindow w;
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/two_sessions.msproj")));
        RunsDialog dialog(w.document(), &w);
        QList<QCheckBox *> boxes;
        for (QCheckBox *box : dialog.findChildren<QCheckBox *>())
            if (box->text() == QLatin1String("One session for every step"))
                boxes << box;
        QCOMPARE(boxes.size(), 2);
        QVERIFY(!boxes[0]->isHidden() && !boxes[0]->isChecked());
        QVERIFY(boxes[1]->isChecked());
        const QString scenario = QStringLiteral("a stale read in session B");
        RunsDialog::Run two {scenario, true, QString()};
        RunsDialog::Run one = two;
        one.oneSession = true;
        QVERIFY2(dialog.compare(two, one), qPrintable(dialog.summary()));
        QVERIFY2(!dialog.summary().startsWith(QLatin1String("0 of")), qPrintable(dialog.summary()));
        QVERIFY2(dialog.summary().contains(QLatin1String("statements: 6 in A, 2 in B")), qPrintable(dialog.summary()));
        QVERIFY(dialog.compare(two, two));
        QVERIFY2(dialog.summary().startsWith(QLatin1String("0 of")), qPrintable(dialog.summary()));
        // a project of one session does not offer it
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        RunsDialog blog(w.document(), &w);
        for (QCheckBox *box : blog.findChildren<QCheckBox *>())
            QVERIFY(box->text() != QLatin1String("One session for every step") || box->isHidden());
    }

    void compareWithSqlAlchemy()
    {
        // the example matches; a project whose listener the export cannot
        // express (a raise on before_compile) differs at the query
        MainWindow w;
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        QAction *action = nullptr;
        for (QAction *a : w.findChildren<QAction *>())
            if (a->text().startsWith(QLatin1String("Compare with SQLAlchem")))
                action = a;
        QVERIFY(action);
        CompareDialog match(w.document(), &w);
        QVERIFY2(match.compare(QStringLiteral("delete with cascade")), qPrintable(match.summary()));
        QVERIFY2(match.summary().startsWith(QLatin1String("Match")), qPrintable(match.summary()));
        QVERIFY(match.table()->topLevelItemCount() > 10);
        QCOMPARE(match.table()->topLevelItem(0)->text(0), QStringLiteral("configure"));
        QVERIFY(!match.table()->currentItem());

        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/tests/export/differs.msproj")));
        CompareDialog differs(w.document(), &w);
        QVERIFY2(differs.compare(), qPrintable(differs.summary()));
        QVERIFY2(differs.summary().contains(QLatin1String("differs at step 2 (query)")),
                 qPrintable(differs.summary()));
        QTreeWidgetItem *current = differs.table()->currentItem();
        QVERIFY(current);
        QCOMPARE(current->text(0), QStringLiteral("step 2 (query)"));
        QVERIFY(current->isExpanded());
        QTreeWidgetItem *last = current->child(current->childCount() - 1);
        // SQLAlchemy sent the query's SELECT (the listener is not exported)
        QCOMPARE(last->text(1), QStringLiteral("statement SELECT"));
        QCOMPARE(last->text(2), QStringLiteral("step error"));
        QCOMPARE(last->background(2).style(), Qt::SolidPattern); // highlighted
        QCOMPARE(current->child(0)->background(2).style(), Qt::NoBrush); // the same on both sides
        QCOMPARE(differs.table()->topLevelItem(0)->background(0).style(), Qt::NoBrush);
        QVERIFY(!differs.compare(QStringLiteral("no such")));
        QVERIFY(differs.summary().contains(QLatin1String("no scenario named")));
    }

    // Session > ORM: the project's session becomes Ming's (autoflush off,
    // Ming's default) in one undo step, saved as "orm"; Apply plays it.
    void ormIsAProjectSettingWithUndo()
    {
        MainWindow w;
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/lessons/06_extensions.msproj")));
        QCOMPARE(w.project().session.orm, Orm::SqlAlchemy);
        const bool autoflush = w.project().session.autoflush;
        QAction *ming = w.findChild<QAction *>(QStringLiteral("ormMing"));
        QAction *sqlalchemy = w.findChild<QAction *>(QStringLiteral("ormSqlAlchemy"));
        QVERIFY(ming && sqlalchemy);
        ming->trigger();
        QCOMPARE(w.project().session.orm, Orm::Ming);
        QCOMPARE(w.project().session.autoflush, false);
        QVERIFY(ProjectFile::serialize(w.project()).contains("\"orm\": \"ming\""));
        // the same again changes nothing
        const int steps = w.findChild<QUndoStack *>()->count();
        ming->trigger();
        QCOMPARE(w.findChild<QUndoStack *>()->count(), steps);
        w.findChild<QUndoStack *>()->undo();
        QCOMPARE(w.project().session.orm, Orm::SqlAlchemy);
        QCOMPARE(w.project().session.autoflush, autoflush);
        w.findChild<QUndoStack *>()->redo();
        QCOMPARE(w.project().session.orm, Orm::Ming);
        // lesson 6's steps add and commit: Ming has neither, the Problems say so
        const Problems problems = w.project().validate();
        QVERIFY(std::any_of(problems.cbegin(), problems.cend(), [](const Problem &p) {
            return p.message.startsWith(QLatin1String("Ming has no \"add\""));
        }));
        sqlalchemy->trigger();
        QCOMPARE(w.project().session.orm, Orm::SqlAlchemy);
    }

    void importDatabaseIsOneUndoStep()
    {
        // the shop's tables in an SQLite file
        QTemporaryDir dir;
        DatabaseSettings settings;
        settings.name = dir.filePath(QStringLiteral("shop.sqlite"));
        auto shop = ProjectFile::read(QStringLiteral(MS_SOURCE_DIR "/tests/golden/shop.msproj"));
        QVERIFY(shop.ok());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("shop"));
            db.setDatabaseName(settings.name);
            QVERIFY(db.open());
            Registry registry;
            QVERIFY(registry.map(shop->schema).ok());
            QVERIFY(registry.createTables(db).ok());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("shop"));
        auto imported = DatabaseImport::read(settings);
        QVERIFY(imported.ok());

        MainWindow w;
        QVERIFY(w.openProject(QStringLiteral(MS_SOURCE_DIR "/resources/examples/blog.msproj")));
        const Project before = w.project();
        ImportDialog dialog(*imported, &w);
        QCOMPARE(dialog.table()->rowCount(), int(shop->schema.classes.size()));
        QVERIFY(!dialog.leftOut()->isVisible());
        // two tables cannot become one class: refused, the dialog stays
        dialog.table()->item(0, 1)->setText(dialog.table()->item(1, 1)->text());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        dialog.table()->item(0, 1)->setText(QStringLiteral("Client"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        w.document()->undoStack()->push(new ImportCommand(w.document(), dialog.project()));
        QCOMPARE(w.project().schema.classes.size(), shop->schema.classes.size());
        QCOMPARE(w.project().schema.classes.first().name, QStringLiteral("Client"));
        QCOMPARE(w.project().database.name, settings.name);
        QVERIFY(w.project().schema.validate().isEmpty());
        QCOMPARE(w.document()->undoStack()->undoText(), QStringLiteral("Import Database"));
        w.document()->undoStack()->undo();
        QVERIFY(w.project() == before);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
