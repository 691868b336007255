#include "recoveryprompt.h"

#include "document/projectdocument.h"
#include "document/recovery.h"
#include "live/workbench.h"
#include "projectflows.h"

#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace ms {

RecoveryPrompt::RecoveryPrompt(QMainWindow *window, Recovery *recovery, ProjectDocument *doc,
                               Workbench *bench, ProjectFlows *files)
    : QObject(window)
    , m_window(window)
    , m_recovery(recovery)
    , m_doc(doc)
    , m_bench(bench)
    , m_files(files)
{
    connect(recovery, &Recovery::failed, this,
            [this](const QString &message) { m_window->statusBar()->showMessage(message, 10000); });
    connect(recovery, &Recovery::autosaved, this, [this] {
        m_window->statusBar()->showMessage(tr("Unsaved changes autosaved for recovery"), 3000);
    });
}

void RecoveryPrompt::offer()
{
    const QList<Recovery::Entry> entries
        = Recovery::orphans(QFileInfo(m_recovery->file()).absolutePath());
    if (entries.isEmpty())
        return;
    const Recovery::Entry &entry = entries.first();
    auto loaded = Recovery::load(entry);
    if (!loaded) {
        QMessageBox::warning(
            m_window, tr("Recovery"),
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
        QMessageBox::NoButton, m_window);
    box.setObjectName(QStringLiteral("recoveryPrompt"));
    box.setInformativeText(tr("Restore them, or discard the recovery file?"));
    QPushButton *restore = box.addButton(tr("&Restore"), QMessageBox::AcceptRole);
    box.addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore) {
        if (m_doc->isModified() && !m_files->maybeSave())
            return;
        m_doc->reset(*loaded, entry.originalPath);
        m_doc->setModifiedOutsideUndo(true);
        m_bench->disconnect();
        m_window->statusBar()->showMessage(
            tr("Restored the autosaved changes; save them to keep them."), 10000);
    }
    Recovery::remove(entry);
}

} // namespace ms
