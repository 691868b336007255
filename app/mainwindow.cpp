#include "mainwindow.h"

#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "diagram/diagramscene.h"
#include "diagram/diagramview.h"
#include "editors/classeditor.h"
#include "editors/connectiondialog.h"
#include "events/eventlog.h"
#include "events/eventlogmodel.h"
#include "inspect/eventfiltermodel.h"
#include "inspect/eventlogview.h"
#include "inspect/inspectorview.h"
#include "inspect/sqllogmodel.h"
#include "inspect/unitofworkmodel.h"
#include "document/recovery.h"
#include "live/sessioncontroller.h"
#include "live/stepper.h"
#include "live/workbench.h"
#include "session/sessionworkspace.h"
#include "teaching/listenerspanel.h"
#include "teaching/report.h"
#include "teaching/scenariopanel.h"
#include "project/tracewriter.h"
#include "timeline/qcustomplot_include.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QUndoView>

#include <limits>

namespace ms {

namespace {

const QString recentKey = QStringLiteral("files/recent");
const QString logCapacityKey = QStringLiteral("log/capacity");
constexpr int maxRecent = 8;

QString freshClassName(const Schema &schema)
{
    for (int n = 1;; ++n) {
        const QString name = QStringLiteral("Class%1").arg(n);
        if (schema.classIndex(name) < 0)
            return name;
    }
}

} // namespace

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
    , m_sqlView(new QTableView(this))
    , m_uowModel(new UnitOfWorkModel(m_controller, this))
    , m_uowView(new QTreeView(this))
    , m_listeners(new ListenersPanel(m_doc, this))
    , m_scenarios(new ScenarioPanel(m_doc, m_controller, this))
    , m_pages(new QTabWidget(this))
    , m_problems(new QListWidget(this))
    , m_history(new QUndoView(m_doc->undoStack(), this))
    , m_statusDatabase(new QLabel(this))
    , m_statusSession(new QLabel(this))
    , m_statusEvents(new QLabel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    // The designer and the session workspace share the centre; the
    // timeline and the inspecting views are docks around them.
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_view, tr("Design"));
    m_pages->addTab(m_workspace, tr("Session"));
    setCentralWidget(m_pages);
    m_view->setObjectName(QStringLiteral("diagram"));
    m_problems->setObjectName(QStringLiteral("problems"));
    m_workspace->setObjectName(QStringLiteral("workspace"));
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_sqlView->setObjectName(QStringLiteral("sqlLog"));
    m_sqlView->setModel(m_sqlModel);
    m_sqlView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sqlView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sqlView->verticalHeader()->hide();
    m_sqlView->horizontalHeader()->setStretchLastSection(true);
    {
        const int em = m_sqlView->fontMetrics().horizontalAdvance(QLatin1Char('m'));
        const int widths[] = {5, 6, 40, 16, 5};
        for (int c = 0; c < int(std::size(widths)); ++c)
            m_sqlView->setColumnWidth(c, widths[c] * em);
    }
    m_uowView->setObjectName(QStringLiteral("unitOfWork"));
    m_uowView->setModel(m_uowModel);
    m_uowView->setUniformRowHeights(true);
    m_uowView->expandAll();
    m_uowView->setColumnWidth(UnitOfWorkModel::Object,
                              m_uowView->fontMetrics().horizontalAdvance(QLatin1Char('m')) * 16);
    connect(m_uowModel, &QAbstractItemModel::modelReset, m_uowView, &QTreeView::expandAll);
    m_history->setEmptyLabel(tr("<original project>"));
    createDocks();
    createActions();

    statusBar()->addWidget(m_statusDatabase, 1);
    statusBar()->addWidget(m_statusSession, 1);
    m_statusEvents->setObjectName(QStringLiteral("statusEvents"));
    m_statusDatabase->setObjectName(QStringLiteral("statusDatabase"));
    statusBar()->addPermanentWidget(m_statusEvents);

    connect(m_doc, &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &ProjectDocument::pathChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &ProjectDocument::projectReset, this, &MainWindow::updateTitle);
    connect(m_doc, &ProjectDocument::problemsChanged, this, &MainWindow::showProblems);
    connect(m_doc, &ProjectDocument::schemaChanged, this, &MainWindow::updateActions);
    connect(m_doc, &ProjectDocument::modifiedChanged, this, &MainWindow::updateActions);
    connect(m_doc, &ProjectDocument::pathChanged, this, &MainWindow::updateActions);
    connect(m_doc, &ProjectDocument::databaseChanged, this, &MainWindow::updateStatus);
    connect(m_bench, &Workbench::connectionChanged, this, &MainWindow::updateStatus);
    connect(m_bench, &Workbench::applied, this, &MainWindow::updateStatus);
    connect(m_bench->log(), &EventLog::eventsAppended, this, &MainWindow::updateStatus);
    connect(m_bench->log(), &EventLog::cleared, this, &MainWindow::updateStatus);
    // The project's listeners are live on the session; a pause shows its event everywhere.
    connect(m_doc, &ProjectDocument::listenersChanged, this, [this] {
        if (auto r = m_bench->setListeners(m_doc->project().listeners); !r)
            statusBar()->showMessage(tr("Listener %1 is not live: %2")
                                         .arg(r.error().where, r.error().message),
                                     10000);
    });
    // A pause or a played step shows the session page: the pause bar (Continue,
    // Step, Run to End) and the objects are there, not on the designer.
    connect(m_bench->stepper(), &Stepper::paused, this, [this](qsizetype index) {
        showPage(1);
        selectEvent(index);
    });
    connect(m_scenarios, &ScenarioPanel::stepStarted, this, [this] { showPage(1); });
    connect(m_scene, &DiagramScene::classSelected, this, [this](int index) {
        m_editor->setClassIndex(index);
        updateActions();
    });
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int cls = item->data(Qt::UserRole).toInt();
        if (cls >= 0)
            m_scene->selectClass(cls);
    });
    // One selected event everywhere: the timeline, the log, the SQL log and the inspector.
    connect(m_timeline, &TimelineView::eventClicked, this, &MainWindow::selectEvent);
    connect(m_logView, &EventLogView::eventSelected, this, &MainWindow::selectEvent);
    connect(m_logView, &EventLogView::clearRequested, m_bench->log(), &EventLog::clear);
    connect(m_sqlView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    selectEvent(m_sqlModel->eventAt(current.row()));
            });
    connect(m_controller, &SessionController::sessionReplaced, this, &MainWindow::updateStatus);
    connect(m_controller, &SessionController::objectsChanged, this, &MainWindow::updateStatus);
    connect(m_recovery, &Recovery::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    connect(m_recovery, &Recovery::autosaved, this, [this] {
        statusBar()->showMessage(tr("Unsaved changes autosaved for recovery"), 3000);
    });

    QSettings settings;
    m_bench->log()->setCapacity(
        settings.value(logCapacityKey, EventLog::kDefaultCapacity).toLongLong());
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateTitle();
    showProblems();
    updateStatus();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Close the session while every view is still whole: closing it emits
    // signals that this window and its views answer.
    m_bench->disconnect();
}

const Project &MainWindow::project() const
{
    return m_doc->project();
}

EventLog *MainWindow::eventLog() const
{
    return m_bench->log();
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
    QDockWidget *editor
        = dock(tr("Class"), QStringLiteral("ClassDock"), m_editor, Qt::RightDockWidgetArea);
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
    tabifyDockWidget(editor, history);
    editor->raise();
    splitDockWidget(editor, inspector, Qt::Vertical);
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
    resizeDocks({timeline}, {fontMetrics().height() * 28}, Qt::Vertical);
}

void MainWindow::createActions()
{
    auto icon = [this](QStyle::StandardPixmap p) {
        return style()->standardIcon(p);
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction
        = file->addAction(icon(QStyle::SP_FileIcon), tr("&New"), this, &MainWindow::newProject);
    newAction->setShortcut(QKeySequence::New);
    QAction *open = file->addAction(icon(QStyle::SP_DialogOpenButton), tr("&Open..."), this,
                                    &MainWindow::chooseProject);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();
    file->addSeparator();
    QAction *saveAction
        = file->addAction(icon(QStyle::SP_DialogSaveButton), tr("&Save"), this, [this] { save(); });
    saveAction->setShortcut(QKeySequence::Save);
    QAction *saveAsAction = file->addAction(tr("Save &As..."), this, [this] { saveAs(); });
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QAction *exportAction = file->addAction(tr("&Export..."), this, &MainWindow::chooseExport);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setToolTip(tr("The event trace (JSON Lines, CSV), an HTML report to hand out, or "
                                "the timeline (PNG, PDF)"));
    m_revert = file->addAction(tr("Re&vert to Saved"), this, &MainWindow::revertProject);
    m_revert->setToolTip(tr("Discard the unsaved changes and read the file again"));
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close"), this, &MainWindow::closeProject);
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
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *addClassAction = edit->addAction(tr("Add &Class"), this, &MainWindow::addClass);
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
    m_removeClass = edit->addAction(icon(QStyle::SP_TrashIcon), tr("Re&move Class"), this,
                                    &MainWindow::removeClass);
    m_removeClass->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Delete));

    QMenu *session = menuBar()->addMenu(tr("&Session"));
    QAction *connection
        = session->addAction(icon(QStyle::SP_DriveNetIcon), tr("Database &Connection..."), this,
                             &MainWindow::editConnection);
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
    session->addSeparator();
    session->addAction(m_workspace->newObjectAction());
    for (QAction *a : m_workspace->objectActions())
        session->addAction(a);
    session->addSeparator();
    for (QAction *a : m_workspace->sessionActions())
        session->addAction(a);
    session->addSeparator();
    session->addAction(tr("Event &Log Limit..."), this, &MainWindow::editLogCapacity);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *design = m_viewMenu->addAction(tr("&Design"), this, [this] { showPage(0); });
    design->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *sessionPage = m_viewMenu->addAction(tr("Se&ssion Workspace"), this, [this] { showPage(1); });
    sessionPage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    QAction *zoomIn = m_viewMenu->addAction(tr("Zoom &In"), m_view, &DiagramView::zoomIn);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction *zoomOut = m_viewMenu->addAction(tr("Zoom &Out"), m_view, &DiagramView::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *actual = m_viewMenu->addAction(tr("&Actual Size"), m_view, &DiagramView::resetZoom);
    actual->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction *fit = m_viewMenu->addAction(tr("&Fit Diagram"), m_view, &DiagramView::fitAll);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_9));
    m_viewMenu->addAction(tr("Automatic &Layout"), m_scene, &DiagramScene::layoutAll);
    m_viewMenu->addSeparator();
    m_presentation = m_viewMenu->addAction(tr("&Presentation Mode"), this,
                                           &MainWindow::setPresentationMode);
    m_presentation->setCheckable(true);
    m_presentation->setShortcut(QKeySequence(Qt::Key_F11));
    m_presentation->setToolTip(tr("Large fonts, high contrast, only the session and the timeline, "
                                  "a slower scenario speed (F11)"));
    m_viewMenu->addSeparator();
    fillLanguageMenu(m_viewMenu->addMenu(tr("&Language")));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
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
    m_viewMenu->insertAction(m_viewMenu->actions().value(findChildren<QDockWidget *>().size() + 3),
                             toolbar->toggleViewAction());
}

void MainWindow::fillLanguageMenu(QMenu *menu)
{
    auto *group = new QActionGroup(menu);
    const QString current = QSettings().value(QStringLiteral("ui/language")).toString();
    const QList<QPair<QString, QString>> languages {
        {QString(), tr("System Default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("ru"), QStringLiteral("Русский")}};
    for (const auto &[code, name] : languages) {
        QAction *a = menu->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = code] {
            QSettings().setValue(QStringLiteral("ui/language"), code);
            QMessageBox::information(this, tr("Language"),
                                     tr("The language changes at the next start of Mapperscope."));
        });
    }
}

void MainWindow::newProject()
{
    if (refusedWhileBusy() || !maybeSave())
        return;
    m_doc->reset(Project());
    startOver();
}

void MainWindow::revertProject()
{
    if (refusedWhileBusy() || m_doc->path().isEmpty())
        return;
    if (m_doc->isModified()) {
        const auto answer = QMessageBox::warning(
            this, tr("Revert to Saved"),
            tr("Discard the unsaved changes to \"%1\" and read %2 again?")
                .arg(m_doc->displayName(), QDir::toNativeSeparators(m_doc->path())),
            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Discard)
            return;
    }
    if (auto opened = m_doc->open(m_doc->path()); !opened) {
        QMessageBox::warning(this, tr("Cannot Revert"),
                             tr("The file could not be read; the project stays as it is.\n\n%1")
                                 .arg(opened.error().toString()));
        return;
    }
    startOver();
}

void MainWindow::startOver()
{
    // Another project: the events, the session and the mapping of the old
    // one go with it.
    m_bench->log()->clear();
    m_view->resetZoom();
    QTimer::singleShot(0, m_view, &DiagramView::fitAll); // once the view has its size
    // An in-memory SQLite database holds nothing to lose: map the model and
    // create its tables at once, so the configuration events are there to see.
    const DatabaseSettings &db = m_doc->project().database;
    if (db.driver == QLatin1String("QSQLITE") && db.name == QLatin1String(":memory:")
        && !m_doc->schema().classes.isEmpty() && m_doc->schema().validate().isEmpty()) {
        if (auto connected = m_bench->connectTo(db); connected)
            (void)m_bench->apply(m_doc->project());
    } else {
        m_bench->disconnect();
    }
    updateStatus();
}

void MainWindow::closeProject()
{
    newProject();
}

void MainWindow::chooseProject()
{
    // openProject() asks about unsaved changes once a file was chosen.
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Project"), QFileInfo(m_doc->path()).absolutePath(),
        tr("Mapperscope projects (*.msproj);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

bool MainWindow::openProject(const QString &path)
{
    if (refusedWhileBusy() || !maybeSave())
        return false;
    if (auto opened = m_doc->open(path); !opened) {
        QMessageBox::warning(
            this, tr("Cannot Open Project"),
            tr("The project could not be opened.\n\n%1").arg(opened.error().toString()));
        return false;
    }
    rememberRecent(m_doc->path());
    startOver();
    return true;
}

bool MainWindow::save()
{
    if (m_doc->path().isEmpty())
        return saveAs();
    return saveAs(m_doc->path());
}

bool MainWindow::saveAs(const QString &target)
{
    QString path = target;
    if (path.isEmpty()) {
        const QString start = m_doc->path().isEmpty()
            ? QDir::home().filePath(m_doc->displayName() + QStringLiteral(".msproj"))
            : m_doc->path();
        path = QFileDialog::getSaveFileName(this, tr("Save Project"), start,
                                            tr("Mapperscope projects (*.msproj)"));
        if (path.isEmpty())
            return false;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".msproj");
    }
    if (auto saved = m_doc->saveAs(path); !saved) {
        QMessageBox::warning(
            this, tr("Cannot Save Project"),
            tr("The project was not saved; it is still open with its changes.\n\n%1")
                .arg(saved.error().toString()));
        return false;
    }
    rememberRecent(m_doc->path());
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_doc->path())), 5000);
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_doc->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved Changes"),
        tr("The project \"%1\" has unsaved changes. Save them?").arg(m_doc->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::offerRecovery()
{
    const QList<Recovery::Entry> entries
        = Recovery::orphans(QFileInfo(m_recovery->file()).absolutePath());
    if (entries.isEmpty())
        return;
    const Recovery::Entry &entry = entries.first();
    auto loaded = Recovery::load(entry);
    if (!loaded) {
        QMessageBox::warning(
            this, tr("Recovery"),
            tr("A recovery file was found but cannot be read; it is removed.\n\n%1")
                .arg(loaded.error().toString()));
        Recovery::remove(entry);
        return;
    }
    const QString name = !loaded->name.isEmpty() ? loaded->name
        : !entry.originalPath.isEmpty()          ? QFileInfo(entry.originalPath).fileName()
                                                 : tr("Untitled");
    QMessageBox box(
        QMessageBox::Question, tr("Recover Unsaved Changes"),
        tr("Mapperscope did not close properly. Unsaved changes to \"%1\" were "
           "autosaved at %2.")
            .arg(name, QLocale().toString(entry.saved.toLocalTime(), QLocale::ShortFormat)),
        QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("recoveryPrompt"));
    box.setInformativeText(tr("Restore them, or discard the recovery file?"));
    QPushButton *restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore) {
        if (m_doc->isModified() && !maybeSave())
            return;
        m_doc->reset(*loaded, entry.originalPath);
        m_doc->setModifiedOutsideUndo(true);
        m_bench->disconnect();
        statusBar()->showMessage(tr("Restored the autosaved changes; save them to keep them."),
                                 10000);
    }
    Recovery::remove(entry);
}

bool MainWindow::refusedWhileBusy()
{
    if (!m_bench->isBusy())
        return false;
    statusBar()->showMessage(
        m_bench->stepper()->isPaused()
            ? tr("The engine is paused inside a hook: Continue, Step or Run to End first.")
            : tr("The session is in the middle of an operation: wait until it is over."),
        8000);
    return true;
}

bool MainWindow::applyToDatabase()
{
    if (refusedWhileBusy())
        return false;
    const Project &p = m_doc->project();
    if (const Problems problems = p.schema.validate(); !problems.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Apply"),
                             tr("The model has %1 problem(s); fix them first (see Problems).\n\n%2")
                                 .arg(problems.size())
                                 .arg(problems.first().toString()));
        if (auto *dock = findChild<QDockWidget *>(QStringLiteral("ProblemsDock"))) {
            dock->show();
            dock->raise();
        }
        return false;
    }
    if (!m_bench->isConnected() || m_bench->database() != p.database) {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        auto connected = m_bench->connectTo(p.database);
        QApplication::restoreOverrideCursor();
        if (!connected) {
            QMessageBox::warning(
                this, tr("Cannot Connect"),
                tr("The database could not be opened.\n\n%1").arg(connected.error().toString()));
            return false;
        }
    }
    const auto tables = m_bench->tablesToReplace(p.schema);
    if (!tables) {
        QMessageBox::warning(this, tr("Cannot Apply"), tables.error().toString());
        return false;
    }
    QStringList holding;
    for (const Workbench::Table &t : *tables) {
        if (t.rows > 0)
            holding.append(tr("%1 (%2 rows)").arg(t.name).arg(t.rows));
    }
    if (!holding.isEmpty()) {
        const auto answer = QMessageBox::warning(
            this, tr("Drop Tables?"),
            tr("Applying the model drops and recreates these tables, and the rows they hold are "
               "lost:\n\n%1\n\nApply anyway?")
                .arg(holding.join(QLatin1Char('\n'))),
            QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Apply)
            return false;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto applied = m_bench->apply(p);
    QApplication::restoreOverrideCursor();
    if (!applied) {
        QMessageBox::warning(
            this, tr("Cannot Apply"),
            tr("The tables could not be created.\n\n%1").arg(applied.error().toString()));
        return false;
    }
    statusBar()->showMessage(
        tr("Mapped %1 classes and created their tables.").arg(p.schema.classes.size()), 5000);
    return true;
}

void MainWindow::addClass()
{
    ClassDef cls;
    cls.name = freshClassName(m_doc->schema());
    ColumnDef id;
    id.name = QStringLiteral("id");
    id.typeName = QStringLiteral("integer");
    id.primaryKey = true;
    id.nullable = false;
    cls.columns.append(id);
    m_doc->undoStack()->push(new AddClassCommand(m_doc, cls, m_scene->freeSpot()));
    const int index = int(m_doc->schema().classes.size()) - 1;
    m_scene->selectClass(index);
    m_editor->nameEdit()->setFocus();
    m_editor->nameEdit()->selectAll();
}

void MainWindow::removeClass()
{
    const int index = m_editor->classIndex();
    if (index >= 0)
        m_doc->undoStack()->push(new RemoveClassCommand(m_doc, index));
}

void MainWindow::editConnection()
{
    if (refusedWhileBusy())
        return;
    ConnectionDialog dialog(m_doc->project().database, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const DatabaseSettings settings = dialog.settings();
    if (settings == m_doc->project().database)
        return;
    m_doc->undoStack()->push(new SetDatabaseCommand(m_doc, settings));
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto connected = m_bench->connectTo(settings);
    QApplication::restoreOverrideCursor();
    if (!connected)
        QMessageBox::warning(
            this, tr("Cannot Connect"),
            tr("The database could not be opened.\n\n%1").arg(connected.error().toString()));
}

void MainWindow::rememberRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(recentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > maxRecent)
        recent.removeLast();
    settings.setValue(recentKey, recent);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(recentKey).toStringList();
    int n = 0;
    for (const QString &path : recent) {
        QAction *a = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(++n).arg(QDir::toNativeSeparators(path)), this,
            [this, path] { openProject(path); });
        a->setEnabled(QFileInfo::exists(path));
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear List"), this, [] { QSettings().remove(recentKey); });
}

void MainWindow::showProblems()
{
    m_problems->clear();
    const Problems &problems = m_doc->problems();
    for (const Problem &p : problems) {
        auto *item = new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxWarning),
                                         p.toString(), m_problems);
        item->setData(Qt::UserRole, ProblemLocation::of(p.path).classIndex);
    }
    if (problems.isEmpty()) {
        auto *item = new QListWidgetItem(
            tr("No problems: the model can be applied to the database."), m_problems);
        item->setData(Qt::UserRole, -1);
    }
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] - Mapperscope").arg(m_doc->displayName()));
    setWindowModified(m_doc->isModified());
}

void MainWindow::updateStatus()
{
    const DatabaseSettings &db = m_doc->project().database;
    const QString where = db.driver == QLatin1String("QPSQL")
        ? tr("PostgreSQL %1@%2/%3")
              .arg(db.user, db.host.isEmpty() ? QStringLiteral("localhost") : db.host, db.name)
        : tr("SQLite %1").arg(db.name);
    m_statusDatabase->setText(m_bench->connectionLost()
                                  ? tr("Database: %1 (connection lost)").arg(where)
                                  : tr("Database: %1").arg(where));
    m_statusSession->setText(tr("Session: %1").arg(m_bench->stateText()));
    const EventLog *log = m_bench->log();
    m_statusEvents->setText(log->first() > 0
                                ? tr("events: %1 (%2 older dropped)")
                                      .arg(QLocale().toString(log->count()),
                                           QLocale().toString(log->first()))
                                : tr("events: %1").arg(QLocale().toString(log->count())));
}

void MainWindow::editLogCapacity()
{
    bool ok = false;
    const qsizetype current = m_bench->log()->capacity();
    const int events = QInputDialog::getInt(
        this, tr("Event Log Limit"),
        tr("Keep at most this many events; past it the oldest are dropped\n"
           "(about 30 bytes each; the default is %1):")
            .arg(QLocale().toString(EventLog::kDefaultCapacity)),
        int(std::min<qsizetype>(current, std::numeric_limits<int>::max())), 1000,
        std::numeric_limits<int>::max(), 100000, &ok);
    if (!ok)
        return;
    m_bench->log()->setCapacity(events);
    QSettings().setValue(logCapacityKey, qlonglong(events));
    updateStatus();
}

void MainWindow::updateActions()
{
    m_revert->setEnabled(!m_doc->path().isEmpty() && m_doc->isModified());
    const bool selected = m_editor->classIndex() >= 0;
    m_removeClass->setEnabled(selected);
    m_addColumn->setEnabled(selected);
    m_addRelationship->setEnabled(selected);
}

void MainWindow::showPage(int page)
{
    m_pages->setCurrentIndex(page);
}

int MainWindow::currentPage() const
{
    return m_pages->currentIndex();
}

void MainWindow::selectEvent(qsizetype index)
{
    if (m_selecting)
        return;
    m_selecting = true; // the views below report the selection back
    m_timeline->setSelectedEvent(index);
    m_logView->selectEvent(index);
    const int sqlRow = m_sqlModel->rowOf(index);
    if (sqlRow >= 0) {
        m_sqlView->selectRow(sqlRow);
        m_sqlView->scrollTo(m_sqlModel->index(sqlRow, 0));
    } else {
        m_sqlView->clearSelection();
    }
    m_inspector->inspect(index);
    m_selecting = false;
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Mapperscope"),
                       tr("<h3>Mapperscope %1</h3><p>See how an ORM works: every session, mapper, "
                          "instance, attribute and SQL event, as SQLAlchemy fires it.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    {
        const QSignalBlocker block(m_presentation);
        m_presentation->setChecked(on);
    }
    if (on) {
        // Everything to put back afterwards.
        m_beforePresentation = saveState();
        m_normalFont = QApplication::font();
        m_normalPalette = QApplication::palette();
        m_normalPage = m_pages->currentIndex();
        m_normalSpeed = m_scenarios->speedBox()->currentIndex();
        QFont large = m_normalFont;
        large.setPointSizeF(large.pointSizeF() * 1.5);
        QApplication::setFont(large);
        // High contrast: black on white, a dark blue selection.
        QPalette contrast;
        for (auto role : {QPalette::Window, QPalette::Base, QPalette::Button})
            contrast.setColor(role, Qt::white);
        contrast.setColor(QPalette::AlternateBase, QColor(0xee, 0xee, 0xee));
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            contrast.setColor(role, Qt::black);
        contrast.setColor(QPalette::Highlight, QColor(0x00, 0x33, 0x99));
        contrast.setColor(QPalette::HighlightedText, Qt::white);
        // Disabled still reads as disabled (a paused session's actions).
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            contrast.setColor(QPalette::Disabled, role, QColor(0x99, 0x99, 0x99));
        QApplication::setPalette(contrast);
        for (QDockWidget *dock : findChildren<QDockWidget *>())
            dock->setVisible(dock->objectName() == QLatin1String("TimelineDock"));
        showPage(1);
        m_timeline->setPresentation(true);
        m_scenarios->speedBox()->setCurrentIndex(0); // one step in two seconds
    } else {
        QApplication::setFont(m_normalFont);
        QApplication::setPalette(m_normalPalette);
        restoreState(m_beforePresentation);
        m_timeline->setPresentation(false);
        showPage(m_normalPage);
        m_scenarios->speedBox()->setCurrentIndex(m_normalSpeed);
    }
}

Result<void> MainWindow::exportTo(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const EventLog &log = *m_bench->log();
    if (suffix == QLatin1String("png") || suffix == QLatin1String("pdf")) {
        QString error;
        if (!m_timeline->exportTo(path, &error))
            return Error {error, path};
        return {};
    }
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm")) {
        m_timeline->flushPending();
        m_timeline->fitAll();
        const QImage picture = m_timeline->toImage(1400, 500);
        return Report::write(path, log, picture, m_doc->displayName());
    }
    if (suffix != QLatin1String("jsonl") && suffix != QLatin1String("csv"))
        return Error {tr("unknown kind of export \".%1\": use .jsonl, .csv, .html, .png or .pdf")
                          .arg(suffix),
                      path};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return Error {file.errorString(), path};
    const Result<void> written = suffix == QLatin1String("csv") ? TraceWriter::writeCsv(log, &file)
                                                                : TraceWriter::write(log, &file);
    if (!written)
        return Error {written.error().message, path};
    if (!file.commit())
        return Error {file.errorString(), path};
    return {};
}

void MainWindow::chooseExport()
{
    QString filter;
    const QString start = QDir::home().filePath(m_doc->displayName() + QStringLiteral(".html"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export"), start,
        tr("Report to hand out, HTML (*.html);;Event trace, JSON Lines (*.jsonl);;Event trace, CSV "
           "(*.csv);;Timeline, PNG (*.png);;Timeline, PDF (*.pdf)"),
        &filter);
    if (path.isEmpty())
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Result<void> r = exportTo(path);
    QApplication::restoreOverrideCursor();
    if (!r)
        QMessageBox::warning(this, tr("Cannot Export"), r.error().toString());
    else
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    Stepper *stepper = m_bench->stepper();
    if (stepper->isPaused()) {
        // Inside a hook: the operation must end first. Run it to the end
        // without stopping, roll the session back, then close.
        const auto answer = QMessageBox::question(
            this, tr("Paused Inside a Hook"),
            tr("The engine is paused inside a hook, in the middle of an operation. Finish it "
               "without stopping, roll the session back and close?"),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        event->ignore();
        if (answer != QMessageBox::Yes)
            return;
        connect(stepper, &Stepper::resumed, this, [this] {
            // Queued: after the operation that was paused has returned.
            QTimer::singleShot(0, this, [this] {
                if (m_bench->session())
                    (void)m_controller->run(steps::Rollback {});
                close();
            });
        }, Qt::SingleShotConnection);
        stepper->runToEnd();
        return;
    }
    if (!maybeSave()) {
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
