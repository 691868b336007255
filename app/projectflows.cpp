#include "projectflows.h"

#include "databaseflows.h"
#include "document/projectdocument.h"
#include "recentfiles.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace ms {

ProjectFlows::ProjectFlows(QMainWindow *window, ProjectDocument *doc, DatabaseFlows *database)
    : QObject(window)
    , m_window(window)
    , m_doc(doc)
    , m_database(database)
{
}

void ProjectFlows::newProject()
{
    if (m_database->refusedWhileBusy() || !maybeSave())
        return;
    m_doc->reset(Project());
    Q_EMIT replaced();
}

void ProjectFlows::revert()
{
    if (m_database->refusedWhileBusy() || m_doc->path().isEmpty())
        return;
    if (m_doc->isModified()) {
        const auto answer = QMessageBox::warning(
            m_window, tr("Revert to Saved"),
            tr("Discard the unsaved changes to \"%1\" and read %2 again?")
                .arg(m_doc->displayName(), QDir::toNativeSeparators(m_doc->path())),
            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Discard)
            return;
    }
    if (auto opened = m_doc->open(m_doc->path()); !opened) {
        QMessageBox::warning(m_window, tr("Cannot Revert"),
                             tr("The file could not be read; the project stays as it is.\n\n%1")
                                 .arg(opened.error().toString()));
        return;
    }
    Q_EMIT replaced();
}

void ProjectFlows::choose()
{
    // open() asks about unsaved changes once a file was chosen.
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open Project"), QFileInfo(m_doc->path()).absolutePath(),
        tr("Mapperscope projects (*.msproj);;All files (*)"));
    if (!path.isEmpty())
        open(path);
}

bool ProjectFlows::open(const QString &path)
{
    if (m_database->refusedWhileBusy() || !maybeSave())
        return false;
    if (auto opened = m_doc->open(path); !opened) {
        QMessageBox::warning(
            m_window, tr("Cannot Open Project"),
            tr("The project could not be opened.\n\n%1").arg(opened.error().toString()));
        return false;
    }
    RecentFiles::remember(m_doc->path());
    Q_EMIT replaced();
    return true;
}

bool ProjectFlows::save()
{
    // A lesson installed for every user is read-only: Save asks where to
    // keep the changed copy, as Save As does.
    // (A file nobody may write, root included, counts too.)
    const QFileInfo file(m_doc->path());
    constexpr auto anyWrite = QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;
    if (file.exists() && (!file.isWritable() || !(file.permissions() & anyWrite)))
        return saveAs();
    return saveAs(m_doc->path());
}

bool ProjectFlows::saveAs(const QString &target)
{
    QString path = target;
    if (path.isEmpty()) {
        const QFileInfo current(m_doc->path());
        const QString start = m_doc->path().isEmpty() || !QFileInfo(current.absolutePath()).isWritable()
            ? QDir::home().filePath(current.fileName().isEmpty() ? m_doc->displayName() + QStringLiteral(".msproj")
                                                                 : current.fileName())
            : m_doc->path();
        path = QFileDialog::getSaveFileName(m_window, tr("Save Project"), start,
                                            tr("Mapperscope projects (*.msproj)"));
        if (path.isEmpty())
            return false;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".msproj");
    }
    if (auto saved = m_doc->saveAs(path); !saved) {
        QMessageBox::warning(
            m_window, tr("Cannot Save Project"),
            tr("The project was not saved; it is still open with its changes.\n\n%1")
                .arg(saved.error().toString()));
        return false;
    }
    RecentFiles::remember(m_doc->path());
    m_window->statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_doc->path())),
                                       5000);
    return true;
}

bool ProjectFlows::maybeSave()
{
    if (!m_doc->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        m_window, tr("Unsaved Changes"),
        tr("The project \"%1\" has unsaved changes. Save them?").arg(m_doc->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

} // namespace ms
