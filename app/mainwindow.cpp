#include "mainwindow.h"

#include "common/eventselection.h"
#include "databaseflows.h"
#include "diagram/diagramscene.h"
#include "diagram/diagramview.h"
#include "document/projectdocument.h"
#include "document/recovery.h"
#include "document/schemacommands.h"
#include "editors/classeditor.h"
#include "editors/problemslist.h"
#include "events/eventlog.h"
#include "events/eventlogmodel.h"
#include "comparedialog.h"
#include "runsdialog.h"
#include "exporter.h"
#include "guide.h"
#include "inspect/eventlogview.h"
#include "inspect/inspectorview.h"
#include "inspect/sqllogmodel.h"
#include "inspect/sqllogview.h"
#include "inspect/unitofworkmodel.h"
#include "inspect/unitofworkview.h"
#include "language.h"
#include "lessons.h"
#include "live/sessioncontroller.h"
#include "live/stepper.h"
#include "live/workbench.h"
#include "orm/registry.h"
#include "newclass.h"
#include "presentationmode.h"
#include "projectflows.h"
#include "recentfiles.h"
#include "recoveryprompt.h"
#include "session/sessionworkspace.h"
#include "statusline.h"
#include "teaching/listenerspanel.h"
#include "teaching/scenariopanel.h"
#include "timeline/timelineview.h"

#include <algorithm>

#include <QActionGroup>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace ms {

MainWindow::MainWindow(QWidget *parent, const QString &recoveryDirectory)
    : QMainWindow(parent)
    , m_doc(new ProjectDocument(this))
    , m_bench(new Workbench(this))
    , m_recovery(new Recovery(
          m_doc, recoveryDirectory.isEmpty() ? Recovery::defaultDirectory() : recoveryDirectory,
          this))
    , m_model(new EventLogModel(m_bench->log(), this))
    , m_logView(new EventLogView(m_model, this))
    , m_scene(new DiagramScene(m_doc, this))
    , m_view(new DiagramView(m_scene, this))
    , m_editor(new ClassEditor(m_doc, this))
    , m_controller(new SessionController(m_bench, this))
    , m_workspace(new SessionWorkspace(m_controller, this))
    , m_timeline(new TimelineView(m_bench->log(), this))
    , m_inspector(new InspectorView(m_bench->log(), this))
    , m_sqlModel(new SqlLogModel(m_bench->log(), this))
    , m_sqlView(new SqlLogView(m_sqlModel, this))
    , m_selection(new EventSelection(m_bench->log(), this))
    , m_uowModel(new UnitOfWorkModel(m_controller, this))
    , m_uowView(new UnitOfWorkView(m_uowModel, this))
    , m_listeners(new ListenersPanel(m_doc, this))
    , m_scenarios(new ScenarioPanel(m_doc, m_controller, this))
    , m_pages(new QTabWidget(this))
    , m_descriptionBar(new DescriptionBar(this))
    , m_problems(new ProblemsList(m_doc, this))
    , m_history(new QUndoView(m_doc->undoStack(), this))
    , m_status(new StatusLine(statusBar(), m_doc, m_bench, m_controller))
    , m_database(new DatabaseFlows(this, m_doc, m_bench, m_controller))
    , m_files(new ProjectFlows(this, m_doc, m_database))
    , m_recoveryPrompt(new RecoveryPrompt(this, m_recovery, m_doc, m_bench, m_files))
    , m_exporter(new Exporter(this, m_bench->log(), m_timeline, m_doc))
    , m_presentation(new PresentationMode(this, m_pages, m_timeline, m_scenarios->speedBox()))
{
    setObjectName(QStringLiteral("MainWindow"));
    // The designer and the session workspace share the centre; the
    // timeline and the inspecting views are docks around them.
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_view, tr("Design"));
    m_pages->addTab(m_workspace, tr("Session"));
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    centreLayout->addWidget(m_descriptionBar);
    centreLayout->addWidget(m_pages, 1);
    setCentralWidget(centre);
    m_view->setObjectName(QStringLiteral("diagram"));
    m_workspace->setObjectName(QStringLiteral("workspace"));
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_sqlView->setObjectName(QStringLiteral("sqlLog"));
    m_uowView->setObjectName(QStringLiteral("unitOfWork"));
    m_history->setEmptyLabel(tr("<original project>"));
    createDocks();
    createActions();
    followSelection();

    connect(m_doc, &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &ProjectDocument::pathChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &ProjectDocument::projectReset, this, &MainWindow::updateTitle);
    connect(m_doc, &ProjectDocument::schemaChanged, this, &MainWindow::updateActions);
    connect(m_doc, &ProjectDocument::modifiedChanged, this, &MainWindow::updateActions);
    connect(m_doc, &ProjectDocument::pathChanged, this, &MainWindow::updateActions);
    connect(m_files, &ProjectFlows::replaced, this, &MainWindow::startOver);
    // The project's listeners are live on the session; a pause shows its event everywhere.
    connect(m_doc, &ProjectDocument::listenersChanged, this, [this] {
        // Another project's session (a project just opened, not yet
        // applied) is not told: Apply installs the listeners on the new one.
        const Registry *mapped = m_bench->registry();
        const auto &classes = m_doc->project().schema.classes;
        if (!mapped || mapped->mappers().size() != size_t(classes.size())
            || std::any_of(classes.cbegin(), classes.cend(),
                           [mapped](const ClassDef &c) { return !mapped->mapper(c.name); }))
            return;
        if (auto r = m_bench->setListeners(m_doc->project().listeners); !r)
            statusBar()->showMessage(
                tr("Listener %1 is not live: %2").arg(r.error().where, r.error().message), 10000);
    });
    // A pause or a played step shows the session page: the pause bar (Continue,
    // Step, Run to End) and the objects are there, not on the designer.
    connect(m_bench->stepper(), &Stepper::paused, this, [this](qsizetype index) {
        showPage(1);
        m_selection->setCurrent(index);
    });
    connect(m_scenarios, &ScenarioPanel::stepStarted, this, [this] { showPage(1); });
    connect(m_scene, &DiagramScene::classSelected, this, [this](int index) {
        m_editor->setClassIndex(index);
        updateActions();
    });
    // A problem's place, its dock brought forward: the class's row in the
    // Class dock, the listener, the scenario's step.
    connect(m_problems, &ProblemsList::classActivated, this, [this](int index) {
        showPage(0);
        m_scene->selectClass(index);
        bringForward("ClassDock");
    });
    connect(m_problems, &ProblemsList::memberActivated, m_editor, &ClassEditor::selectMember);
    connect(m_problems, &ProblemsList::listenerActivated, this, [this](int index) {
        bringForward("ListenersDock");
        m_listeners->selectListener(index);
    });
    connect(m_problems, &ProblemsList::stepActivated, this, [this](int scenario, int step) {
        bringForward("ScenariosDock");
        m_scenarios->showStep(scenario, step);
    });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Close the session while every view is still whole: closing it emits
    // signals that this window and its views answer.
    m_bench->disconnect();
}

void MainWindow::followSelection()
{
    // One selected event everywhere: each view that can pick an event sets
    // the selection, and every view shows it.
    m_selection->follow(m_logView, &EventLogView::eventSelected, &EventLogView::selectEvent);
    m_selection->follow(m_timeline, &TimelineView::eventClicked, &TimelineView::setSelectedEvent);
    m_selection->follow(m_sqlView, &SqlLogView::eventSelected, &SqlLogView::selectEvent);
    m_selection->follow(m_inspector, &InspectorView::inspect);
    m_inspector->setNoteSource([this](qsizetype index) { return m_timeline->nPlusOneNote(index); });
    connect(m_logView, &EventLogView::clearRequested, m_bench->log(), &EventLog::clear);
}

void MainWindow::createDocks()
{
    auto dock = [this](const QString &title, const QString &name, QWidget *widget,
                       Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(area, d);
        return d;
    };
    // The class's form scrolls in a short dock rather than holding the
    // window taller than a 1280x800 screen.
    // (and asks for most of the right column: docks share their area by
    // their size hints)
    struct ClassScroll : QScrollArea
    {
        using QScrollArea::QScrollArea;
        QSize sizeHint() const override { return {fontMetrics().averageCharWidth() * 60, fontMetrics().height() * 30}; }
    };
    auto *editorScroll = new ClassScroll(this);
    editorScroll->setObjectName(QStringLiteral("classScroll"));
    editorScroll->setWidget(m_editor);
    editorScroll->setWidgetResizable(true);
    editorScroll->setFrameShape(QFrame::NoFrame);
    QDockWidget *editor
        = dock(tr("Class"), QStringLiteral("ClassDock"), editorScroll, Qt::RightDockWidgetArea);
    QDockWidget *history = dock(tr("Undo History"), QStringLiteral("HistoryDock"), m_history,
                                Qt::RightDockWidgetArea);
    QDockWidget *problems = dock(tr("Problems"), QStringLiteral("ProblemsDock"), m_problems,
                                 Qt::BottomDockWidgetArea);
    QDockWidget *log = dock(tr("Event Log"), QStringLiteral("EventLogDock"), m_logView,
                            Qt::BottomDockWidgetArea);
    QDockWidget *sql
        = dock(tr("SQL Log"), QStringLiteral("SqlLogDock"), m_sqlView, Qt::BottomDockWidgetArea);
    QDockWidget *inspector = dock(tr("Inspector"), QStringLiteral("InspectorDock"), m_inspector,
                                  Qt::RightDockWidgetArea);
    QDockWidget *uow = dock(tr("Unit of Work"), QStringLiteral("UnitOfWorkDock"), m_uowView,
                            Qt::RightDockWidgetArea);
    QDockWidget *timeline = dock(tr("Timeline"), QStringLiteral("TimelineDock"), m_timeline,
                                 Qt::BottomDockWidgetArea);
    QDockWidget *listeners = dock(tr("Listeners"), QStringLiteral("ListenersDock"), m_listeners,
                                  Qt::RightDockWidgetArea);
    QDockWidget *scenarios = dock(tr("Scenarios"), QStringLiteral("ScenariosDock"), m_scenarios,
                                  Qt::RightDockWidgetArea);
    // At 1280x800, in English and Russian, every tab's title whole: the
    // right column in two groups (split before tabifying: a split of a
    // tabbed dock joins its tabs), the undo history shown on demand
    // (View > Undo History, tabbed with the class).
    splitDockWidget(editor, inspector, Qt::Vertical);
    tabifyDockWidget(editor, history);
    history->hide();
    editor->raise();
    tabifyDockWidget(inspector, uow);
    tabifyDockWidget(uow, listeners);
    tabifyDockWidget(listeners, scenarios);
    inspector->raise();
    splitDockWidget(timeline, problems, Qt::Horizontal);
    tabifyDockWidget(problems, log);
    tabifyDockWidget(log, sql);
    log->raise();
    resizeDocks({editor}, {460}, Qt::Horizontal);
    resizeDocks({timeline, problems}, {700, 560}, Qt::Horizontal);
    resizeDocks({timeline}, {fontMetrics().height() * 24}, Qt::Vertical);
    resizeDocks({editor, inspector}, {fontMetrics().height() * 20, fontMetrics().height() * 10}, Qt::Vertical);
}

void MainWindow::createActions()
{
    auto icon = [this](QStyle::StandardPixmap p) {
        return style()->standardIcon(p);
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(icon(QStyle::SP_FileIcon), tr("&New"), m_files,
                                         &ProjectFlows::newProject);
    newAction->setShortcut(QKeySequence::New);
    QAction *open = file->addAction(icon(QStyle::SP_DialogOpenButton), tr("&Open..."), m_files,
                                    &ProjectFlows::choose);
    open->setShortcut(QKeySequence::Open);
    QAction *lesson = file->addAction(tr("Open &Lesson..."), this, &MainWindow::chooseLesson);
    lesson->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    lesson->setToolTip(tr("The bundled lessons and examples: the object lifecycle, the flush and its "
                          "hooks, cascades, expiry, bulk statements, extensions"));
    auto *recent = new RecentFiles(file->addMenu(tr("Open &Recent")), this);
    connect(recent, &RecentFiles::openRequested, this, &MainWindow::openProject);
    file->addSeparator();
    QAction *saveAction
        = file->addAction(icon(QStyle::SP_DialogSaveButton), tr("&Save"), this, [this] { save(); });
    saveAction->setShortcut(QKeySequence::Save);
    QAction *saveAsAction = file->addAction(tr("Save &As..."), this, [this] { saveAs(); });
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QAction *importDb = file->addAction(tr("&Import Database..."), m_database,
                                        &DatabaseFlows::importDatabase);
    importDb->setToolTip(tr("Read the tables of an SQLite file or a PostgreSQL database into the "
                            "model: columns, keys, constraints and foreign keys"));
    QAction *exportAction = file->addAction(tr("&Export..."), m_exporter, [this] { m_exporter->choose(); });
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setToolTip(tr("The event trace (JSON Lines, CSV), an HTML report to hand out, "
                                "the timeline (PNG, PDF), the project as a SQLAlchemy program or "
                                "its tables as SQL"));
    QAction *exportSqlAlchemy = file->addAction(tr("Export to S&QLAlchemy..."), m_exporter,
                                                [this] { m_exporter->choose(QStringLiteral("py")); });
    exportSqlAlchemy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportSqlAlchemy->setToolTip(tr("The model, the listeners and the scenarios as one Python "
                                    "module for SQLAlchemy 1.4 and 2.0 that plays a scenario and "
                                    "prints its events"));
    m_revert = file->addAction(tr("Re&vert to Saved"), m_files, &ProjectFlows::revert);
    m_revert->setToolTip(tr("Discard the unsaved changes and read the file again"));
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close"), m_files, &ProjectFlows::newProject);
    close->setShortcut(QKeySequence::Close);
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(icon(QStyle::SP_ArrowBack));
    QAction *redo = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setIcon(icon(QStyle::SP_ArrowForward));
    // The menus say what would be undone ("Undo Rename Class User to
    // Person"); the toolbar's buttons keep their short words, or the
    // toolbar would grow with the command's name and fold Apply into its
    // overflow.
    undo->setIconText(tr("Undo"));
    redo->setIconText(tr("Redo"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *addClassAction = edit->addAction(tr("Add &Class"), this, [this] {
        NewClass::add(m_doc, m_scene, m_editor);
        bringForward("ClassDock"); // the new class's name and columns, to fill in
    });
    addClassAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    addClassAction->setIcon(icon(QStyle::SP_FileDialogNewFolder));
    m_addColumn = edit->addAction(tr("Add Co&lumn"), m_editor, &ClassEditor::addColumn);
    m_addColumn->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_addRelationship
        = edit->addAction(tr("Add R&elationship"), m_editor, &ClassEditor::addRelationship);
    m_addRelationship->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction *rename = edit->addAction(tr("Re&name Class"), this, [this] {
        m_editor->nameEdit()->setFocus();
        m_editor->nameEdit()->selectAll();
    });
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    m_removeClass = edit->addAction(icon(QStyle::SP_TrashIcon), tr("Re&move Class"), this, [this] {
        if (m_editor->classIndex() >= 0)
            m_doc->undoStack()->push(new RemoveClassCommand(m_doc, m_editor->classIndex()));
    });
    m_removeClass->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Delete));

    QMenu *session = menuBar()->addMenu(tr("&Session"));
    QAction *connection
        = session->addAction(icon(QStyle::SP_DriveNetIcon), tr("Database &Connection..."),
                             m_database, &DatabaseFlows::editConnection);
    connection->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    session->addAction(m_workspace->reconnectAction());
    session->addSeparator();
    for (QAction *a : m_workspace->stepActions())
        session->addAction(a);
    QAction *apply
        = session->addAction(icon(QStyle::SP_DialogApplyButton), tr("&Apply to Database"), this,
                             [this] { applyToDatabase(); });
    apply->setShortcut(QKeySequence(Qt::Key_F5));
    apply->setToolTip(tr("Map the classes and create their tables (F5)"));
    // The ORM is the project's (saved as "orm"): the next Apply makes the
    // session SQLAlchemy's or Ming's.
    QMenu *orm = session->addMenu(tr("&ORM"));
    auto *ormGroup = new QActionGroup(this);
    for (const auto &[kind, text, tip] :
         {std::tuple {Orm::SqlAlchemy, tr("&SQLAlchemy 1.4"),
                      tr("A SQLAlchemy Session: a unit of work sorted by dependencies, transactions, "
                         "SQLAlchemy's events")},
          std::tuple {Orm::Ming, tr("&Ming 0.13"),
                      tr("A Ming ODMSession: one object at a time in the order objects entered it, no "
                         "transactions, only the extensions' hooks")}}) {
        QAction *a = orm->addAction(text);
        a->setCheckable(true);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        a->setObjectName(kind == Orm::Ming ? QStringLiteral("ormMing") : QStringLiteral("ormSqlAlchemy"));
        ormGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, kind = kind] {
            if (m_doc->project().session.orm != kind) {
                m_doc->undoStack()->push(new SetOrmCommand(m_doc, kind));
                statusBar()->showMessage(tr("The ORM takes effect at the next Apply (F5)"), 5000);
            }
        });
    }
    auto showOrm = [this, orm] {
        for (QAction *a : orm->actions())
            a->setChecked((a->objectName() == QLatin1String("ormMing")) == (m_doc->project().session.orm == Orm::Ming));
    };
    connect(orm, &QMenu::aboutToShow, this, showOrm);
    QAction *existing = session->addAction(tr("Use &Existing Tables"), m_database,
                                           &DatabaseFlows::useExistingTables);
    existing->setToolTip(tr("Start a session on the tables the database already has, after "
                            "checking that they fit the model; nothing is dropped or created"));
    session->addSeparator();
    session->addAction(m_workspace->newObjectAction());
    for (QAction *a : m_workspace->objectActions())
        session->addAction(a);
    session->addSeparator();
    for (QAction *a : m_workspace->sessionActions())
        session->addAction(a);
    session->addSeparator();
    QAction *compare = session->addAction(tr("Compare with SQLAlchem&y..."), this, [this] {
        CompareDialog dialog(m_doc, this);
        dialog.compare();
        dialog.exec();
    });
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    compare->setToolTip(tr("Play a scenario on the engine and on SQLAlchemy 1.4 and show the "
                           "two traces side by side"));
    QAction *runs = session->addAction(tr("Compare T&wo Runs..."), this, [this] {
        RunsDialog dialog(m_doc, this, eventLog());
        dialog.exec();
    });
    runs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    runs->setToolTip(tr("Play two scenarios, or one under two settings, and show the two traces side "
                        "by side, step by step"));
    session->addAction(tr("Event &Log Limit..."), this, [this] { m_status->editLogLimit(this); });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *design = view->addAction(tr("&Design"), this, [this] { showPage(0); });
    design->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *sessionPage = view->addAction(tr("Se&ssion Workspace"), this, [this] { showPage(1); });
    sessionPage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    QAction *zoomIn = view->addAction(tr("Zoom &In"), m_view, &DiagramView::zoomIn);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction *zoomOut = view->addAction(tr("Zoom &Out"), m_view, &DiagramView::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *actual = view->addAction(tr("&Actual Size"), m_view, &DiagramView::resetZoom);
    actual->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction *fit = view->addAction(tr("&Fit Diagram"), m_view, &DiagramView::fitAll);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_9));
    view->addAction(tr("Automatic &Layout"), m_scene, &DiagramScene::layoutAll);
    view->addSeparator();
    view->addAction(m_presentation->action());
    view->addSeparator();
    view->addMenu(new LanguageMenu(tr("&Language"), this));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(icon(QStyle::SP_DialogHelpButton), tr("&Guide"), this,
                                     [this] { GuideWindow::of(this)->showGuide(); });
    guide->setShortcut(QKeySequence(Qt::Key_F1));
    guide->setToolTip(tr("Getting started, the keyboard shortcuts, what each panel shows and "
                         "every hook (F1)"));
    // "What Is This Hook?" on a marker or a row: the guide at that hook.
    auto showHook = [this](EventType type) { GuideWindow::of(this)->showHook(type); };
    connect(m_timeline, &TimelineView::hookHelpRequested, this, showHook);
    connect(m_logView, &EventLogView::hookHelpRequested, this, showHook);
    connect(m_listeners, &ListenersPanel::hookHelpRequested, this, showHook);
    help->addAction(tr("About This &Project"), this, [this] {
        const Project &p = m_doc->project();
        if (p.description.trimmed().isEmpty())
            statusBar()->showMessage(tr("This project has no description."), 5000);
        else
            m_descriptionBar->showDescription(p.name, p.description);
    });
    help->addSeparator();
    help->addAction(tr("&About Mapperscope"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("MainToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(newAction);
    toolbar->addAction(open);
    toolbar->addAction(saveAction);
    toolbar->addSeparator();
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    toolbar->addSeparator();
    toolbar->addAction(addClassAction);
    toolbar->addSeparator();
    toolbar->addAction(connection);
    toolbar->addAction(apply);
    view->insertAction(view->actions().value(findChildren<QDockWidget *>().size() + 3),
                       toolbar->toggleViewAction());
}

void MainWindow::bringForward(const char *dockName)
{
    if (auto *dock = findChild<QDockWidget *>(QLatin1String(dockName))) {
        dock->show();
        dock->raise();
    }
}

void MainWindow::chooseLesson()
{
    LessonsDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && !dialog.chosenPath().isEmpty())
        openProject(dialog.chosenPath());
}

void MainWindow::startOver()
{
    m_descriptionBar->showDescription(m_doc->project().name, m_doc->project().description);
    m_view->resetZoom();
    QTimer::singleShot(0, m_view, &DiagramView::fitAll); // once the view has its size
    m_database->startOver();
    m_status->update();
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] - Mapperscope").arg(m_doc->displayName()));
    setWindowModified(m_doc->isModified());
}

void MainWindow::updateActions()
{
    m_revert->setEnabled(!m_doc->path().isEmpty() && m_doc->isModified());
    const bool selected = m_editor->classIndex() >= 0;
    m_removeClass->setEnabled(selected);
    m_addColumn->setEnabled(selected);
    m_addRelationship->setEnabled(selected);
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Mapperscope"),
                       tr("<h3>Mapperscope %1</h3><p>See how an ORM works: every session, mapper, "
                          "instance, attribute and SQL event, as SQLAlchemy fires it.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_database->closeWhenPaused()) { // closes once the paused operation is over
        event->ignore();
        return;
    }
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    setPresentationMode(false); // the layout to remember is the normal one
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_recovery->discard();
    event->accept();
}

} // namespace ms
