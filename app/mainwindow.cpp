#include "mainwindow.h"

#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "events/eventlogmodel.h"
#include "inspect/eventlogview.h"
#include "orm/registry.h"
#include "project/projectfile.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace ms {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_log(new EventLog(this))
    , m_dispatcher(std::make_unique<Dispatcher>())
    , m_model(new EventLogModel(m_log, this))
    , m_logView(new EventLogView(m_model, this))
    , m_problems(new QListWidget(this))
    , m_statusProject(new QLabel(this))
    , m_statusEvents(new QLabel(this))
{
    m_dispatcher->setRecorder(m_log);
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Mapperscope"));
    setCentralWidget(m_logView);

    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("ProblemsDock"));
    problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);
    resizeDocks({problemsDock}, {fontMetrics().height() * 6}, Qt::Vertical);

    statusBar()->addWidget(m_statusProject, 1);
    statusBar()->addPermanentWidget(m_statusEvents);
    connect(m_log, &EventLog::eventsAppended, this, &MainWindow::updateStatus);
    createActions();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open..."), this, &MainWindow::chooseProject);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Mapperscope"), this, &MainWindow::about);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("MainToolBar"));
    toolbar->addAction(open);
}

void MainWindow::chooseProject()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open project"), QFileInfo(m_path).absolutePath(),
        tr("Mapperscope projects (*.msproj);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

bool MainWindow::openProject(const QString &path)
{
    auto loaded = ProjectFile::read(path);
    if (!loaded) {
        QMessageBox::warning(this, tr("Cannot open project"),
                             tr("The project could not be opened.\n\n%1")
                                 .arg(loaded.error().toString()));
        return false;
    }
    m_project = std::move(*loaded);
    m_path = path;
    m_log->clear();
    // A fresh dispatcher and registry per project: mapping is done once.
    m_dispatcher = std::make_unique<Dispatcher>();
    m_dispatcher->setRecorder(m_log);
    m_registry = std::make_unique<Registry>(m_dispatcher.get());
    const Problems problems = m_project.validate();
    showProblems(problems);
    if (problems.isEmpty()) {
        if (auto mapped = m_registry->map(m_project.schema); !mapped)
            showProblems({Problem{{}, mapped.error().toString(), {}}});
    }
    setWindowTitle(tr("%1 - Mapperscope")
                       .arg(m_project.name.isEmpty() ? QFileInfo(path).fileName() : m_project.name));
    updateStatus();
    return true;
}

void MainWindow::showProblems(const Problems &problems)
{
    m_problems->clear();
    for (const Problem &p : problems)
        m_problems->addItem(p.toString());
    if (problems.isEmpty())
        m_problems->addItem(tr("No problems: the model can be mapped."));
}

void MainWindow::updateStatus()
{
    if (m_path.isEmpty()) {
        m_statusProject->setText(tr("No project open"));
    } else {
        m_statusProject->setText(tr("%1 | %2 %3 | classes: %4")
                                     .arg(QFileInfo(m_path).fileName(), m_project.database.driver,
                                          m_project.database.name,
                                          QString::number(m_project.schema.classes.size())));
    }
    m_statusEvents->setText(tr("events: %1").arg(m_log->size()));
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
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

} // namespace ms
