#include "databaseflows.h"

#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "editors/connectiondialog.h"
#include "events/eventlog.h"
#include "importdialog.h"
#include "live/sessioncontroller.h"
#include "live/stepper.h"
#include "live/workbench.h"

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>

namespace ms {

DatabaseFlows::DatabaseFlows(QMainWindow *window, ProjectDocument *doc, Workbench *bench,
                             SessionController *controller)
    : QObject(window)
    , m_window(window)
    , m_doc(doc)
    , m_bench(bench)
    , m_controller(controller)
{
}

void DatabaseFlows::startOver()
{
    // Another project: the events, the session and the mapping of the old
    // one go with it.
    m_bench->log()->clear();
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
}

bool DatabaseFlows::refusedWhileBusy()
{
    if (!m_bench->isBusy())
        return false;
    m_window->statusBar()->showMessage(
        m_bench->stepper()->isPaused()
            ? tr("The engine is paused inside a hook: Continue, Step or Run to End first.")
            : tr("The session is in the middle of an operation: wait until it is over."),
        8000);
    return true;
}

bool DatabaseFlows::openConnection(const DatabaseSettings &settings)
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto connected = m_bench->connectTo(settings);
    QApplication::restoreOverrideCursor();
    if (!connected)
        QMessageBox::warning(
            m_window, tr("Cannot Connect"),
            tr("The database could not be opened.\n\n%1").arg(connected.error().toString()));
    return bool(connected);
}

bool DatabaseFlows::apply()
{
    if (refusedWhileBusy())
        return false;
    const Project &p = m_doc->project();
    if (const Problems problems = p.schema.validate(); !problems.isEmpty()) {
        QMessageBox::warning(m_window, tr("Cannot Apply"),
                             tr("The model has %1 problem(s); fix them first (see Problems).\n\n%2")
                                 .arg(problems.size())
                                 .arg(problems.first().toString()));
        if (auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("ProblemsDock"))) {
            dock->show();
            dock->raise();
        }
        return false;
    }
    if ((!m_bench->isConnected() || m_bench->database() != p.database)
        && !openConnection(p.database))
        return false;
    const auto tables = m_bench->tablesToReplace(p.schema);
    if (!tables) {
        QMessageBox::warning(m_window, tr("Cannot Apply"), tables.error().toString());
        return false;
    }
    QStringList holding;
    for (const Workbench::Table &t : *tables) {
        if (t.rows > 0)
            holding.append(tr("%1 (%2 rows)").arg(t.name).arg(t.rows));
    }
    if (!holding.isEmpty()) {
        const auto answer = QMessageBox::warning(
            m_window, tr("Drop Tables?"),
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
            m_window, tr("Cannot Apply"),
            tr("The tables could not be created.\n\n%1").arg(applied.error().toString()));
        return false;
    }
    m_window->statusBar()->showMessage(
        tr("Mapped %1 classes and created their tables.").arg(p.schema.classes.size()), 5000);
    return true;
}

void DatabaseFlows::editConnection()
{
    if (refusedWhileBusy())
        return;
    ConnectionDialog dialog(m_doc->project().database, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const DatabaseSettings settings = dialog.settings();
    if (settings == m_doc->project().database)
        return;
    m_doc->undoStack()->push(new SetDatabaseCommand(m_doc, settings));
    openConnection(settings);
}

void DatabaseFlows::importDatabase()
{
    if (refusedWhileBusy())
        return;
    DatabaseSettings start;
    start.name.clear(); // a file to choose, not :memory:
    ConnectionDialog connection(start, m_window);
    connection.setWindowTitle(tr("Import Database: Which Database?"));
    connection.requireExistingDatabase();
    if (connection.exec() != QDialog::Accepted)
        return;
    const DatabaseSettings settings = connection.settings();
    if (settings.driver == QLatin1String("QSQLITE")
        && (settings.name.isEmpty() || settings.name == QLatin1String(":memory:"))) {
        QMessageBox::information(m_window, tr("Import Database"),
                                 tr("Choose an SQLite file, or a PostgreSQL database: an in-memory "
                                    "database has no tables to import."));
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto imported = DatabaseImport::read(settings);
    QApplication::restoreOverrideCursor();
    if (!imported) {
        QMessageBox::warning(m_window, tr("Cannot Import"),
                             tr("The database could not be read; the project is unchanged.\n\n%1")
                                 .arg(imported.error().toString()));
        return;
    }
    ImportDialog dialog(*imported, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_doc->undoStack()->push(new ImportCommand(m_doc, dialog.project()));
    openConnection(settings);
    m_window->statusBar()->showMessage(tr("Imported %1 tables from %2 (Edit > Undo takes it back)")
                                           .arg(dialog.project().schema.classes.size())
                                           .arg(settings.name),
                                       8000);
}

bool DatabaseFlows::useExistingTables()
{
    if (refusedWhileBusy())
        return false;
    const Project &p = m_doc->project();
    if ((!m_bench->isConnected() || m_bench->database() != p.database)
        && !openConnection(p.database))
        return false;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto started = m_bench->useExistingTables(p);
    QApplication::restoreOverrideCursor();
    if (!started) {
        QMessageBox box(QMessageBox::Warning, tr("Cannot Use the Existing Tables"),
                        tr("The session was not started; nothing was changed. Change the model, or "
                           "Apply it to replace the tables."),
                        QMessageBox::Ok, m_window);
        box.setDetailedText(started.error().toString());
        box.setInformativeText(started.error().message.section(QLatin1Char('\n'), 0, 3));
        box.exec();
        return false;
    }
    m_window->statusBar()->showMessage(
        tr("A session on the existing tables: nothing was dropped or created"), 8000);
    return true;
}

bool DatabaseFlows::closeWhenPaused()
{
    Stepper *stepper = m_bench->stepper();
    if (!stepper->isPaused())
        return false;
    // Inside a hook: the operation must end first. Run it to the end
    // without stopping, roll the session back, then close.
    const auto answer = QMessageBox::question(
        m_window, tr("Paused Inside a Hook"),
        tr("The engine is paused inside a hook, in the middle of an operation. Finish it "
           "without stopping, roll the session back and close?"),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return true;
    QObject::connect(
        stepper, &Stepper::resumed, this,
        [this] {
            // Queued: after the operation that was paused has returned.
            QTimer::singleShot(0, this, [this] {
                if (m_bench->session())
                    (void)m_controller->run(steps::Rollback {});
                m_window->close();
            });
        },
        Qt::SingleShotConnection);
    stepper->runToEnd();
    return true;
}

} // namespace ms
