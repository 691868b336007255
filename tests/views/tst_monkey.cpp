// The GUI monkey: seeded, repeatable random user actions through the main
// window's real widgets and actions, on an empty project and on each
// example: classes, columns and relationships added, renamed (valid, empty,
// taken, with quotes and Unicode), edited, moved, removed, undone and
// redone; boxes dragged; New, Open, Close, Save, Revert; Apply; objects
// created, edited, flushed, committed, rolled back, deleted, expunged,
// queried, generated; scenarios played, paused, stepped and restarted;
// listeners added (pause ones too) and removed, the engine paused and
// stepped; presentation mode on and off. Every dialog that opens is
// answered as a user would, at random.
//
// After every action: the window is alive, the diagram draws exactly the
// live classes and every arrow joins two live boxes, the Problems list is
// the document's, and the document validates as the saved file does (the
// CLI's validate). Now and then, and at the end: undo all the way gives
// the document the undo history started from, byte for byte, and redo all
// the way gives back the present. The suite runs this under ASan and UBSan,
// so a dangling pointer anywhere is a failure too.
//
// MS_MONKEY_ACTIONS=N (default 300 per project), MS_MONKEY_SEED=S (default
// fixed), MS_MONKEY_PROJECTS=a.msproj:b.msproj ("" is an empty project). A
// failure prints the seed, the project and the actions up to it, and writes
// them all to monkey-failure.txt beside the test: the same seed and count
// play the same actions again. Every action is also appended as it happens
// to monkey-actions.txt beside the test (or MS_MONKEY_TRAIL), so that a
// crash leaves the actions that led to it.
#include "document/projectdocument.h"
#include "diagram/classitem.h"
#include "diagram/diagramscene.h"
#include "editors/classeditor.h"
#include "editors/columnsmodel.h"
#include "editors/relationshipsmodel.h"
#include "inspect/eventlogview.h"
#include "invariants.h"
#include "mainwindow.h"
#include "project/projectfile.h"
#include "live/sessioncontroller.h"
#include "live/stepper.h"
#include "live/workbench.h"
#include "session/objecttablemodel.h"
#include "session/sessionworkspace.h"
#include "teaching/listenerspanel.h"
#include "teaching/scenariopanel.h"
#include "uitest.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QGraphicsView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include <functional>
#include <random>

using namespace ms;

namespace {

QString examplePath(const char *relative)
{
    return QStringLiteral(MS_SOURCE_DIR "/") + QLatin1String(relative);
}

/// The projects the monkey starts from: empty, and each example.
QStringList monkeyProjects()
{
    const QByteArray env = qgetenv("MS_MONKEY_PROJECTS");
    if (!env.isNull())
        return QString::fromLocal8Bit(env).split(QLatin1Char(':'));
    QStringList projects {QString()};
    for (const QString &file :
         QDir(examplePath("resources/examples")).entryList({QStringLiteral("*.msproj")}))
        projects.append(examplePath("resources/examples/") + file);
    projects.append(examplePath("tests/golden/shop.msproj"));
    projects.append(examplePath("tests/golden/notes.msproj"));
    return projects;
}

int envInt(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

class Monkey : public QObject
{
public:
    Monkey(MainWindow *window, quint32 seed, int actions, const QString &workDir)
        : m_w(window)
        , m_rng(seed)
        , m_target(actions)
        , m_dir(workDir)
    {
        // Files the Open dialog is answered with besides the examples:
        // a broken one and one that is not a project.
        writeFile(QStringLiteral("broken.msproj"), "{\"format\": \"mapperscope-project\", \"classes\": [");
        writeFile(QStringLiteral("notaproject.msproj"), "[1, 2, 3]");
        m_trail.setFileName(qEnvironmentVariableIsSet("MS_MONKEY_TRAIL")
                                ? qEnvironmentVariable("MS_MONKEY_TRAIL")
                                : QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("monkey-actions.txt")));
        if (!m_trail.open(QIODevice::WriteOnly | QIODevice::Append))
            qFatal("cannot write %s", qPrintable(m_trail.fileName()));
        m_trail.write(QStringLiteral("--- seed %1, %2 actions\n").arg(seed).arg(actions).toUtf8());
        // Where undo all the way must lead: the document when its history
        // began (now, and at each New, Open, Revert or recovery).
        m_start = ProjectFile::serialize(m_w->project());
        connect(m_w->document(), &ProjectDocument::projectReset, this, [this] {
            if (m_w->document()->undoStack()->count() == 0)
                m_start = ProjectFile::serialize(m_w->project());
        });
        connect(stepper(), &Stepper::paused, this, [this] {
            ++m_pauses;
            note(QStringLiteral("(paused inside a hook)"));
        });
    }

    /// How often the engine stopped inside a hook.
    int pauses() const { return m_pauses; }

    /// Plays the actions; returns what went wrong, or an empty string.
    QString run()
    {
        QTimer::singleShot(0, this, [this] { tick(); });
        m_clock.start();
        m_loop.exec();
        if (m_failure.isEmpty())
            check(true);
        return m_failure;
    }

    const QStringList &log() const { return m_log; }
    int done() const { return m_done; }

private:
    // ---- the driver -------------------------------------------------------

    /// One turn: answer a dialog that is open, or do one action. Exactly one
    /// tick is pending at any time; it is scheduled before the action, so
    /// the monkey goes on inside the nested event loops of dialogs and of a
    /// pause inside a hook, as a user does.
    void tick()
    {
        QTimer::singleShot(0, this, [this] { tick(); });
        if (QWidget *modal = QApplication::activeModalWidget()) {
            answer(modal);
            return;
        }
        if (m_done >= m_target || !m_failure.isEmpty()) {
            // Unwind: finish a paused operation, then stop at the outer level.
            if (stepper()->isPaused()) {
                note(QStringLiteral("(end) Run to End"));
                stepper()->runToEnd();
            } else if (m_depth == 0) {
                m_loop.quit();
            }
            return;
        }
        ++m_done;
        if (qEnvironmentVariableIsSet("MS_MONKEY_VERBOSE") && m_done % 100 == 0)
            qInfo("%d actions, %lld ms, %lld classes, history %d", m_done, m_clock.elapsed(),
                  qlonglong(m_w->project().schema.classes.size()), m_w->document()->undoStack()->count());
        ++m_depth;
        act();
        --m_depth;
        if (m_failure.isEmpty())
            check(m_depth == 0 && !stepper()->isPaused() && m_done % 40 == 0);
    }

    void fail(const QString &why)
    {
        if (m_failure.isEmpty())
            m_failure = QStringLiteral("after action %1 (%2): %3")
                            .arg(m_done)
                            .arg(m_log.isEmpty() ? QString() : m_log.last(), why);
    }

    void note(const QString &what)
    {
        m_log.append(QStringLiteral("%1 %2").arg(m_done).arg(what));
        // Written as it goes, so that a crash leaves the actions that led to it.
        m_trail.write(m_log.last().toUtf8() + '\n');
        m_trail.flush();
    }

    /// What must hold after every action; @p deep: also undo all the way
    /// and redo back.
    void check(bool deep)
    {
        if (!m_w->isVisible())
            return fail(QStringLiteral("the window is gone"));
        if (const QString p = windowInvariantProblem(*m_w); !p.isEmpty())
            return fail(p);
        const ProjectDocument *doc = m_w->document();
        // The document validates as its saved file does (mapperscope-cli validate).
        const QByteArray bytes = ProjectFile::serialize(doc->project());
        const auto saved = ProjectFile::parse(bytes);
        if (!saved)
            return fail(QStringLiteral("the saved file does not read back: ") + saved.error().toString());
        if (ProjectFile::serialize(*saved) != bytes)
            return fail(QStringLiteral("the saved file reads back as another project"));
        QStringList ours, theirs;
        for (const Problem &p : doc->problems())
            ours.append(p.toString());
        for (const Problem &p : saved->validate())
            theirs.append(p.toString());
        if (ours != theirs)
            return fail(QStringLiteral("the document's problems [%1] are not the file's [%2]")
                            .arg(ours.join(QLatin1String("; ")), theirs.join(QLatin1String("; "))));
        QUndoStack *undo = doc->undoStack();
        if (!deep || !undo->canUndo())
            return;
        const int index = undo->index();
        while (undo->canUndo())
            undo->undo();
        if (ProjectFile::serialize(doc->project()) != m_start)
            return fail(QStringLiteral("undo all the way does not give the starting document back"));
        if (const QString p = windowInvariantProblem(*m_w); !p.isEmpty())
            return fail(QStringLiteral("at the start of the history: ") + p);
        while (undo->index() < index)
            undo->redo();
        if (ProjectFile::serialize(doc->project()) != bytes)
            return fail(QStringLiteral("redo all the way does not give the document back"));
        m_w->grab(); // paints every visible view: a dangling pointer shows here
    }

    // ---- randomness -------------------------------------------------------

    int pick(int n) { return n <= 1 ? 0 : int(m_rng() % quint32(n)); }
    bool chance(int percent) { return pick(100) < percent; }
    template<typename T> const T &oneOf(const QList<T> &list) { return list.at(pick(int(list.size()))); }

    QStringList classNames() const
    {
        QStringList names;
        for (const ClassDef &c : m_w->project().schema.classes)
            names.append(c.name);
        return names;
    }

    /// A name as users type them: fresh, empty, blank, taken, with quotes,
    /// Unicode, an SQL word, a dot.
    QString name(const QStringList &taken)
    {
        switch (pick(10)) {
        case 0:
            return QString();
        case 1:
            return QStringLiteral("  ");
        case 2:
        case 3:
            return taken.isEmpty() ? QStringLiteral("Taken") : oneOf(taken);
        case 4:
            return QStringLiteral("O'Brien \"Jr\" %1").arg(pick(100));
        case 5:
            return QStringLiteral("Класс%1").arg(pick(100));
        case 6:
            return QStringLiteral("select");
        case 7:
            return QStringLiteral("a.b%1").arg(pick(10));
        default:
            return QStringLiteral("N%1").arg(pick(1000));
        }
    }

    // ---- the actions ------------------------------------------------------

    Stepper *stepper() const { return m_w->workbench()->stepper(); }

    void trigger(const QString &text)
    {
        note(QStringLiteral("action ") + QString(text).remove(QLatin1Char('&')));
        action(m_w, text)->trigger();
    }

    void act()
    {
        if (!m_plan.isEmpty()) {
            m_plan.takeFirst()();
            return;
        }
        struct Weighted
        {
            int weight;
            std::function<void()> what;
        };
        // Users fix a broken model and apply a sound one: a broken model is
        // often undone, a sound one without a session applied.
        const bool broken = !m_w->document()->problems().isEmpty();
        const bool live = m_w->workbench()->session() != nullptr;
        const int session = live ? 2 : 1;
        const QList<Weighted> actions {
            {5, [this] { trigger(QStringLiteral("Add &Class")); }},
            {8, [this] { renameClass(); }},
            {2, [this] { if (selectBox()) trigger(QStringLiteral("Re&move Class")); }},
            {4, [this] { if (selectBox()) trigger(QStringLiteral("Add Co&lumn")); }},
            {3, [this] { if (selectBox()) trigger(QStringLiteral("Add R&elationship")); }},
            {12, [this] { editMember(); }},
            {3, [this] { memberButton(); }},
            {broken ? 16 : 8, [this] { note(QStringLiteral("undo")); undoAction(m_w)->trigger(); }},
            {4, [this] { note(QStringLiteral("redo")); undoAction(m_w, true)->trigger(); }},
            {3, [this] { dragBox(); }},
            {1, [this] { trigger(QStringLiteral("Automatic &Layout")); }},
            {2, [this] { trigger(QStringLiteral("&New")); }},
            {2, [this] { trigger(QStringLiteral("&Open...")); }},
            {1, [this] { trigger(QStringLiteral("&Close")); }},
            {2, [this] { trigger(QStringLiteral("&Save")); }},
            {1, [this] { trigger(QStringLiteral("Save &As...")); }},
            {1, [this] { trigger(QStringLiteral("Re&vert to Saved")); }},
            {!broken && !live ? 12 : 3, [this] { trigger(QStringLiteral("&Apply to Database")); }},
            {4 * session, [this] { newObject(); }},
            {6 * session, [this] { setCell(); }},
            {5 * session, [this] { objectOperation(); }},
            {5 * session, [this] { sessionOperation(); }},
            {2 * session, [this] { query(); }},
            {1 * session, [this] { generate(); }},
            {1, [this] { collection(); }},
            {3, [this] { addListener(); }},
            {1, [this] { changeListener(true); }},
            {1, [this] { changeListener(false); }},
            {5, [this] { scenario(); }},
            {1, [this] { record(); }},
            {stepper()->isPaused() ? 12 : 2, [this] { pauseControl(); }},
            {1, [this] { trigger(QStringLiteral("&Presentation Mode")); }},
            {1, [this] { trigger(QStringLiteral("Database &Connection...")); }},
            {1, [this] { trigger(QStringLiteral("Event &Log Limit...")); }},
            {1, [this] { closeWindow(); }},
            {2, [this] { teacherDemo(); }},
            {1, [this] { clearLog(); }},
            {1, [this] {
                 note(QStringLiteral("show page"));
                 m_w->showPage(pick(2));
             }},
        };
        int total = 0;
        for (const Weighted &a : actions)
            total += a.weight;
        int at = pick(total);
        for (const Weighted &a : actions) {
            if (at < a.weight) {
                a.what();
                return;
            }
            at -= a.weight;
        }
    }

    /// Clicks a random box on the diagram, as a user does; false when there is none.
    bool selectBox()
    {
        const QList<ClassItem *> boxes = m_w->diagram()->classItems();
        if (boxes.isEmpty())
            return false;
        m_w->showPage(0);
        ClassItem *box = oneOf(boxes);
        auto *view = m_w->findChild<QGraphicsView *>(QStringLiteral("diagram"));
        view->ensureVisible(box);
        const QPoint at = view->mapFromScene(box->sceneBoundingRect().center());
        note(QStringLiteral("click box %1").arg(box->className()));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        if (m_w->classEditor()->classIndex() < 0) // covered by another box: choose it directly
            m_w->diagram()->selectClass(m_w->document()->classIndex(box->classId()));
        return m_w->classEditor()->classIndex() >= 0;
    }

    void renameClass()
    {
        if (!selectBox())
            return;
        const QString typed = name(classNames());
        note(QStringLiteral("type class name \"%1\"").arg(typed));
        QLineEdit *field = m_w->classEditor()->nameEdit();
        field->setFocus();
        field->selectAll();
        QTest::keyClick(field, Qt::Key_Backspace);
        typeText(field, typed);
        QTest::keyClick(field, chance(85) ? Qt::Key_Return : Qt::Key_Escape);
    }

    void editMember()
    {
        if (!selectBox())
            return;
        ClassEditor *editor = m_w->classEditor();
        const bool columns = chance(60);
        QAbstractItemModel *model = columns ? static_cast<QAbstractItemModel *>(editor->columnsModel())
                                            : editor->relationshipsModel();
        if (model->rowCount() == 0)
            return;
        const int row = pick(model->rowCount());
        const int field = pick(model->columnCount());
        const QModelIndex index = model->index(row, field);
        QVariant value;
        int role = Qt::EditRole;
        const QStringList classes = classNames();
        if (columns) {
            switch (field) {
            case ColumnsModel::Name: {
                QStringList taken;
                for (const ColumnDef &c : editor->columnsModel()->members())
                    taken.append(c.name);
                value = name(taken);
                break;
            }
            case ColumnsModel::Type:
                value = chance(90) ? oneOf(columnTypeNames()) : QStringLiteral("strng");
                break;
            case ColumnsModel::Default:
                value = oneOf(QStringList {QString(), QStringLiteral("0"), QStringLiteral("\"x\""),
                                           QStringLiteral("true"), QStringLiteral("words"),
                                           QStringLiteral("\"2024-05-01\"")});
                break;
            case ColumnsModel::References:
                value = chance(70) && !classes.isEmpty() ? oneOf(classes)
                                                          : oneOf(QStringList {QString(), QStringLiteral("Ghost")});
                break;
            default:
                role = Qt::CheckStateRole;
                value = chance(50) ? Qt::Checked : Qt::Unchecked;
            }
        } else {
            switch (field) {
            case RelationshipsModel::Name:
            case RelationshipsModel::Backref: {
                QStringList taken;
                for (const ColumnDef &c : editor->columnsModel()->members())
                    taken.append(c.name);
                value = name(taken);
                break;
            }
            case RelationshipsModel::Kind:
                value = oneOf(QStringList {QStringLiteral("one-to-many"), QStringLiteral("many-to-one"),
                                           QStringLiteral("many-to-many")});
                break;
            case RelationshipsModel::Target:
                value = !classes.isEmpty() && chance(90) ? oneOf(classes) : QStringLiteral("Ghost");
                break;
            default:
                value = oneOf(QStringList {QString(), QStringLiteral("all, delete-orphan"),
                                           QStringLiteral("save-update, merge, delete"), QStringLiteral("bogus")});
            }
        }
        note(QStringLiteral("edit %1 row %2 field %3 = \"%4\"")
                 .arg(columns ? QStringLiteral("column") : QStringLiteral("relationship"))
                 .arg(row)
                 .arg(field)
                 .arg(value.toString()));
        QTableView *view = columns ? editor->columnsView() : editor->relationshipsView();
        view->setCurrentIndex(index);
        if (role == Qt::EditRole && chance(30) && (model->flags(index) & Qt::ItemIsEditable)) {
            // Through the cell's own editor, as typed.
            view->edit(index);
            if (auto *line = qobject_cast<QLineEdit *>(QApplication::focusWidget())) {
                line->selectAll();
                QTest::keyClick(line, Qt::Key_Backspace);
                typeText(line, value.toString());
                QTest::keyClick(line, Qt::Key_Return);
                return;
            }
            if (auto *combo = qobject_cast<QComboBox *>(QApplication::focusWidget())) {
                if (combo->count() > 0)
                    combo->setCurrentIndex(pick(combo->count()));
                QTest::keyClick(combo, Qt::Key_Return);
                return;
            }
        }
        model->setData(index, value, role);
    }

    void memberButton()
    {
        if (!selectBox())
            return;
        ClassEditor *editor = m_w->classEditor();
        const bool columns = chance(60);
        QTableView *view = columns ? editor->columnsView() : editor->relationshipsView();
        if (view->model()->rowCount() == 0)
            return;
        view->setCurrentIndex(view->model()->index(pick(view->model()->rowCount()), 0));
        const QString which = oneOf(QStringList {QStringLiteral("Remove"), QStringLiteral("Up"),
                                                 QStringLiteral("Down")});
        QList<QToolButton *> buttons;
        for (QToolButton *b : editor->findChildren<QToolButton *>()) {
            if (b->text() == which)
                buttons.append(b);
        }
        QToolButton *button = buttons.value(columns ? 0 : 1);
        if (!button)
            return;
        note(QStringLiteral("%1 %2 row %3")
                 .arg(which, columns ? QStringLiteral("column") : QStringLiteral("relationship"))
                 .arg(view->currentIndex().row()));
        button->click();
    }

    void dragBox()
    {
        const QList<ClassItem *> boxes = m_w->diagram()->classItems();
        if (boxes.isEmpty())
            return;
        m_w->showPage(0);
        ClassItem *box = oneOf(boxes);
        auto *view = m_w->findChild<QGraphicsView *>(QStringLiteral("diagram"));
        view->ensureVisible(box);
        const QPoint start = view->mapFromScene(box->sceneBoundingRect().center());
        const QPoint delta(pick(200) - 100, pick(200) - 100);
        note(QStringLiteral("drag box %1 by %2,%3").arg(box->className()).arg(delta.x()).arg(delta.y()));
        QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
        for (int step = 1; step <= 4; ++step) {
            const QPoint at = start + delta * step / 4;
            QMouseEvent move(QEvent::MouseMove, at, view->viewport()->mapToGlobal(at), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view->viewport(), &move);
        }
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, start + delta);
    }

    /// The tab of a random mapped class in the session workspace, or empty.
    QString showRandomClass()
    {
        const QStringList names = m_w->sessionController()->classNames();
        if (names.isEmpty())
            return {};
        m_w->showPage(1);
        const QString name = oneOf(names);
        m_w->workspace()->showClass(name);
        return name;
    }

    void newObject()
    {
        m_lastClass = showRandomClass();
        if (m_lastClass.isEmpty())
            return;
        QAction *a = m_w->workspace()->newObjectAction();
        note(QStringLiteral("new object"));
        a->trigger();
    }

    void setCell()
    {
        const QString cls = showRandomClass();
        ObjectTableModel *model = cls.isEmpty() ? nullptr : m_w->workspace()->model(cls);
        if (!model || model->rowCount() == 0 || model->columnCount() <= ObjectTableModel::FirstAttribute)
            return;
        const int row = pick(model->rowCount());
        const int column = ObjectTableModel::FirstAttribute
            + pick(model->columnCount() - ObjectTableModel::FirstAttribute);
        QStringList values {QString(), QStringLiteral("None"), QStringLiteral("42"),
                            QStringLiteral("word"), QStringLiteral("2024-05-01"), QStringLiteral("true")};
        if (Instance *other = model->objectAt(pick(model->rowCount())))
            values.append(model->index(model->rowOf(other), ObjectTableModel::Label).data().toString());
        const QString value = oneOf(values);
        note(QStringLiteral("set %1 row %2 column %3 = \"%4\"").arg(cls).arg(row).arg(column).arg(value));
        model->setData(model->index(row, column), value);
    }

    void selectRows(const QString &cls)
    {
        QTableView *table = m_w->workspace()->table(cls);
        if (!table || table->model()->rowCount() == 0)
            return;
        table->clearSelection();
        const int rows = table->model()->rowCount();
        for (int n = 1 + pick(2); n > 0; --n)
            table->selectionModel()->select(table->model()->index(pick(rows), 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

    void objectOperation()
    {
        const QString cls = showRandomClass();
        if (cls.isEmpty())
            return;
        selectRows(cls);
        QAction *a = oneOf(m_w->workspace()->objectActions());
        note(QStringLiteral("object %1 on %2 selected").arg(QString(a->text()).remove(QLatin1Char('&')))
                 .arg(m_w->workspace()->selectedObjects().size()));
        a->trigger();
    }

    void sessionOperation()
    {
        m_w->showPage(1);
        QAction *a = oneOf(m_w->workspace()->sessionActions());
        if (a->text().contains(QLatin1String("Generate")))
            return generate();
        note(QStringLiteral("session %1").arg(QString(a->text()).remove(QLatin1Char('&'))));
        a->trigger();
    }

    void query()
    {
        const QString cls = showRandomClass();
        if (cls.isEmpty())
            return;
        auto *filters = m_w->workspace()->findChild<QLineEdit *>(QStringLiteral("queryFilters"));
        filters->setText(oneOf(QStringList {QString(), QStringLiteral("id=1"), QStringLiteral("name=alice"),
                                            QStringLiteral("nope=1"), QStringLiteral("id=\"x, y\"")}));
        note(QStringLiteral("query %1 where \"%2\"").arg(cls, filters->text()));
        QTest::keyClick(filters, Qt::Key_Return);
    }

    void generate()
    {
        if (showRandomClass().isEmpty())
            return;
        note(QStringLiteral("generate"));
        m_w->workspace()->generate(1 + pick(12));
    }

    void addListener()
    {
        note(QStringLiteral("add listener"));
        m_w->listenersPanel()->add(); // the dialog is answered by answer()
    }

    /// Edits (the dialog is answered by answer()) or removes a random listener.
    void changeListener(bool edit)
    {
        QTreeWidget *list = m_w->listenersPanel()->list();
        if (list->topLevelItemCount() == 0)
            return;
        list->setCurrentItem(list->topLevelItem(pick(list->topLevelItemCount())));
        note(edit ? QStringLiteral("edit listener") : QStringLiteral("remove listener"));
        edit ? m_w->listenersPanel()->edit() : m_w->listenersPanel()->removeCurrent();
    }

    /// Clicks the enabled push button of @p parent whose text is @p text.
    void clickButton(QWidget *parent, const QString &text, const QString &what)
    {
        for (QPushButton *b : parent->findChildren<QPushButton *>()) {
            if (b->text() == text && b->isEnabled()) {
                note(what + QLatin1Char(' ') + QString(text).remove(QLatin1Char('&')));
                b->click();
                return;
            }
        }
    }

    void scenario()
    {
        ScenarioPanel *panel = m_w->scenarioPanel();
        if (panel->scenarioBox()->count() > 0 && chance(30))
            panel->scenarioBox()->setCurrentIndex(pick(panel->scenarioBox()->count()));
        panel->speedBox()->setCurrentIndex(panel->speedBox()->count() - 1); // as fast as possible
        clickButton(panel, oneOf(QStringList {QStringLiteral("&Play"), QStringLiteral("Pa&use"),
                                              QStringLiteral("&Step"), QStringLiteral("&Restart")}),
                    QStringLiteral("scenario"));
    }

    void pauseControl()
    {
        QAction *a = oneOf(m_w->workspace()->stepActions());
        if (!a->isEnabled() && chance(70))
            return;
        note(QStringLiteral("pause bar %1").arg(QString(a->text()).remove(QLatin1Char('&'))));
        a->trigger();
    }

    /// What a teacher does in class, as the next few actions: a pause
    /// listener on a hook that fires in every flush, Apply, an object made
    /// and added, Flush: the engine stops inside the hook, and the monkey
    /// goes on from there (Continue, Step, anything).
    void teacherDemo()
    {
        note(QStringLiteral("(a teacher's demo follows)"));
        m_plan = {
            [this] {
                m_nextHook = oneOf(QStringList {QStringLiteral("before_flush"), QStringLiteral("after_flush"),
                                                QStringLiteral("before_insert"), QStringLiteral("init"),
                                                QStringLiteral("transient_to_pending")});
                addListener();
            },
            [this] { trigger(QStringLiteral("&Apply to Database")); },
            [this] { newObject(); },
            [this] {
                // session.add() of the object just made (the last row of its table).
                QTableView *table = m_w->workspace()->table(m_lastClass);
                if (!table || table->model()->rowCount() == 0)
                    return;
                m_w->workspace()->showClass(m_lastClass);
                table->selectRow(table->model()->rowCount() - 1);
                for (QAction *a : m_w->workspace()->objectActions()) {
                    if (a->text() == QLatin1String("&Add")) {
                        note(QStringLiteral("object Add on the new one"));
                        a->trigger();
                    }
                }
            },
            [this] { trigger(QStringLiteral("&Flush")); },
        };
    }

    void clearLog() { clickButton(m_w->eventLogView(), QStringLiteral("C&lear Log"), QStringLiteral("event log")); }

    void collection()
    {
        const QString cls = showRandomClass();
        if (cls.isEmpty())
            return;
        selectRows(cls);
        auto *names = m_w->workspace()->findChild<QComboBox *>(QStringLiteral("collectionName"));
        if (names && names->count() > 0)
            names->setCurrentIndex(pick(names->count()));
        auto *list = m_w->workspace()->findChild<QListWidget *>(QStringLiteral("collection"));
        if (list && list->count() > 0)
            list->setCurrentRow(pick(list->count()));
        clickButton(m_w->workspace(),
                    oneOf(QStringList {QStringLiteral("&Append..."), QStringLiteral("Re&move"),
                                       QStringLiteral("Load")}),
                    QStringLiteral("collection"));
    }

    void record()
    {
        QPushButton *button = m_w->scenarioPanel()->recordButton();
        note(button->isChecked() ? QStringLiteral("stop recording") : QStringLiteral("record"));
        button->click();
    }

    /// The window is asked to close (its title bar's button); the monkey
    /// then says no to every question, so it stays.
    void closeWindow()
    {
        if (!m_w->document()->isModified() && !stepper()->isPaused())
            return; // nothing to ask: it would just close
        note(QStringLiteral("close the window"));
        m_closing = true;
        m_w->close();
        m_closing = false;
        if (!m_w->isVisible())
            fail(QStringLiteral("the window closed although every question was answered Cancel"));
    }

    // ---- dialogs ----------------------------------------------------------

    void answer(QWidget *modal)
    {
        if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            const QList<QAbstractButton *> buttons = box->buttons();
            if (buttons.isEmpty())
                return;
            QAbstractButton *b = oneOf(buttons);
            if (m_closing) {
                for (QAbstractButton *c : buttons) {
                    if (box->buttonRole(c) == QMessageBox::RejectRole)
                        b = c;
                }
            }
            note(QStringLiteral("message \"%1\": %2").arg(box->windowTitle(), b->text()));
            b->click();
            return;
        }
        if (auto *files = qobject_cast<QFileDialog *>(modal)) {
            if (chance(10)) {
                note(QStringLiteral("file dialog: cancel"));
                files->reject();
                return;
            }
            QString path;
            if (files->acceptMode() == QFileDialog::AcceptOpen) {
                // Copies of the examples, what was saved, a broken file, not a project.
                QStringList choices;
                for (const QString &f : QDir(m_dir.path()).entryList({QStringLiteral("*.msproj")}))
                    choices.append(m_dir.filePath(f));
                path = oneOf(choices);
            } else {
                path = m_dir.filePath(QStringLiteral("saved%1.msproj").arg(pick(4)));
            }
            note(QStringLiteral("file dialog: %1").arg(QFileInfo(path).fileName()));
            files->selectFile(path);
            static_cast<QDialog *>(files)->accept();
            return;
        }
        if (auto *input = qobject_cast<QInputDialog *>(modal)) {
            if (input->inputMode() == QInputDialog::IntInput)
                input->setIntValue(1 + pick(12));
            else if (input->inputMode() == QInputDialog::TextInput)
                input->setTextValue(name({}));
            else if (input->comboBoxItems().size() > 0)
                input->setTextValue(oneOf(input->comboBoxItems()));
            const bool ok = chance(85);
            note(QStringLiteral("input dialog \"%1\": %2").arg(input->windowTitle(),
                                                                ok ? QStringLiteral("OK") : QStringLiteral("Cancel")));
            ok ? input->accept() : input->reject();
            return;
        }
        if (qobject_cast<QProgressDialog *>(modal))
            return; // work in progress: let it finish
        auto *dialog = qobject_cast<QDialog *>(modal);
        if (!dialog)
            return;
        if (auto *listener = qobject_cast<ListenerDialog *>(dialog)) {
            // A hook (mostly ones that fire often), a target, an action:
            // pause ones half the time.
            if (!m_nextHook.isEmpty()) {
                listener->selectHook(std::exchange(m_nextHook, QString()));
                listener->targetBox()->setCurrentIndex(0);
                listener->actionBox()->setCurrentIndex(
                    listener->actionBox()->findData(QStringLiteral("pause")));
                QDialogButtonBox *buttons = dialog->findChild<QDialogButtonBox *>();
                note(QStringLiteral("dialog \"Listener\" (%1 pause): OK").arg(listener->listener().event));
                buttons->button(QDialogButtonBox::Ok)->click();
                return;
            }
            if (chance(60))
                listener->selectHook(oneOf(QStringList {
                    QStringLiteral("before_flush"), QStringLiteral("after_flush"),
                    QStringLiteral("before_insert"), QStringLiteral("after_insert"),
                    QStringLiteral("before_update"), QStringLiteral("set"), QStringLiteral("init"),
                    QStringLiteral("before_commit"), QStringLiteral("after_begin"),
                    QStringLiteral("transient_to_pending"), QStringLiteral("before_delete")}));
            else if (listener->hookBox()->count() > 0)
                listener->hookBox()->setCurrentIndex(pick(listener->hookBox()->count()));
            for (QComboBox *combo : {listener->targetBox(), listener->actionBox()}) {
                if (combo->count() > 0)
                    combo->setCurrentIndex(pick(combo->count()));
            }
            if (chance(50)) {
                const int pause = listener->actionBox()->findText(QStringLiteral("pause"), Qt::MatchContains);
                if (pause >= 0)
                    listener->actionBox()->setCurrentIndex(pause);
            }
        }
        bool ok = false;
        if (qobject_cast<ListenerDialog *>(dialog)) {
            ok = chance(80);
        } else if (auto *path = dialog->findChild<QLineEdit *>(QStringLiteral("sqlitePath"));
                   path && chance(40)) {
            // The connection dialog: an SQLite file of the monkey's own
            // (never a server, nor a host name to look up).
            auto *driver = dialog->findChild<QComboBox *>(QStringLiteral("driver"));
            if (driver)
                driver->setCurrentIndex(0);
            for (QRadioButton *r : dialog->findChildren<QRadioButton *>()) {
                if (r->text().contains(QLatin1String("file")))
                    r->setChecked(true);
            }
            path->setText(m_dir.filePath(QStringLiteral("db%1.sqlite").arg(pick(3))));
            ok = true;
        }
        QString detail;
        if (auto *listener = qobject_cast<ListenerDialog *>(dialog)) {
            const ListenerDef l = listener->listener();
            detail = QStringLiteral(" (%1 on %2: %3)").arg(l.event, l.target, l.action);
        }
        // OK as a user presses it: only when the dialog enables it.
        QPushButton *okButton = nullptr;
        if (auto *buttons = dialog->findChild<QDialogButtonBox *>())
            okButton = buttons->button(QDialogButtonBox::Ok);
        if (okButton && !okButton->isEnabled())
            ok = false;
        note(QStringLiteral("dialog \"%1\"%2: %3").arg(dialog->windowTitle(), detail,
                                                        ok ? QStringLiteral("OK") : QStringLiteral("Cancel")));
        if (ok && okButton)
            okButton->click();
        else
            ok ? dialog->accept() : dialog->reject();
    }

    void writeFile(const QString &name, const QByteArray &data)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            qFatal("cannot write %s", qPrintable(f.fileName()));
    }

    MainWindow *m_w;
    std::mt19937 m_rng;
    int m_target;
    int m_done = 0;
    int m_depth = 0;
    QDir m_dir;
    QEventLoop m_loop;
    QElapsedTimer m_clock;
    QFile m_trail;
    QStringList m_log;
    QString m_failure;
    QByteArray m_start;
    int m_pauses = 0;
    QList<std::function<void()>> m_plan; ///< the next actions, when a sequence is under way
    QString m_nextHook; ///< the hook the next listener dialog chooses, with pause
    QString m_lastClass; ///< of the last object made
    bool m_closing = false; ///< the window is asked to close: say no to it
};

} // namespace

class TestMonkey : public QObject
{
    Q_OBJECT

    WindowTestEnvironment m_env;

private Q_SLOTS:
    void initTestCase() { WindowTestEnvironment::init(); }

    void monkey_data()
    {
        QTest::addColumn<QString>("project");
        for (const QString &p : monkeyProjects())
            QTest::newRow(p.isEmpty() ? "empty" : qPrintable(QFileInfo(p).fileName())) << p;
    }

    void monkey()
    {
        QFETCH(QString, project);
        const quint32 seed = quint32(envInt("MS_MONKEY_SEED", 20261130))
            ^ quint32(qHash(QFileInfo(project).fileName(), 0));
        const int actions = envInt("MS_MONKEY_ACTIONS", 300);
        MainWindow w(nullptr, m_env.recoveryDir());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The monkey saves: it works on copies, never on the examples themselves.
        QDir dir(m_env.path(QStringLiteral("monkey-%1").arg(seed)));
        QVERIFY(dir.mkpath(QStringLiteral(".")));
        for (const QString &p : monkeyProjects()) {
            const QString copy = dir.filePath(QFileInfo(p).fileName());
            if (!p.isEmpty() && !QFile::exists(copy))
                QVERIFY(QFile::copy(p, copy) && QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner));
        }
        if (!project.isEmpty())
            QVERIFY(w.openProject(dir.filePath(QFileInfo(project).fileName())));
        Monkey monkey(&w, seed, actions, dir.path());
        const QString failure = monkey.run();
        // As closing the window would: presentation mode changes the
        // application's font and palette, which outlive this window.
        w.setPresentationMode(false);
        if (!failure.isEmpty()) {
            const QString report = QStringLiteral("seed %1, project %2, %3 actions\n%4\n\n%5\n")
                                       .arg(seed)
                                       .arg(project.isEmpty() ? QStringLiteral("(empty)") : project)
                                       .arg(actions)
                                       .arg(failure, monkey.log().join(QLatin1Char('\n')));
            QFile out(QDir(QStringLiteral(MS_BINARY_DIR)).filePath(QStringLiteral("monkey-failure.txt")));
            if (out.open(QIODevice::WriteOnly))
                out.write(report.toUtf8());
            const QStringList tail = monkey.log().mid(std::max<qsizetype>(0, monkey.log().size() - 40));
            QFAIL(qPrintable(QStringLiteral("seed %1 (MS_MONKEY_SEED=%2 MS_MONKEY_ACTIONS=%3): %4\n"
                                            "last actions:\n%5\n(all in %6)")
                                 .arg(seed)
                                 .arg(envInt("MS_MONKEY_SEED", 20261130))
                                 .arg(actions)
                                 .arg(failure, tail.join(QLatin1Char('\n')), out.fileName())));
        }
        if (qEnvironmentVariableIsSet("MS_MONKEY_VERBOSE"))
            qInfo("%s", qPrintable(monkey.log().join(QLatin1Char('\n'))));
        QCOMPARE(monkey.done(), actions);
        qInfo("%d actions on %s, seed %u, %d pauses inside a hook", monkey.done(),
              qPrintable(project.isEmpty() ? QStringLiteral("an empty project") : QFileInfo(project).fileName()),
              seed, monkey.pauses());
        // Closing asks about unsaved changes: the window is not closed here
        // (its destructor ends the session), so nothing waits for an answer.
    }
};

int main(int argc, char **argv)
{
    // The same seed plays the same actions: no per-process hash seed.
    qputenv("QT_HASH_SEED", "0");
    // A long run by hand takes as long as it takes (QtTest's default is 5 minutes).
    if (qEnvironmentVariableIntValue("MS_MONKEY_ACTIONS") > 1000 && !qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "86400000");
    QApplication app(argc, argv);
    TestMonkey test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_monkey.moc"
