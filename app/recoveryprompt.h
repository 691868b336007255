#pragma once

#include <QObject>

class QMainWindow;

namespace ms {

class ProjectDocument;
class ProjectFlows;
class Recovery;
class Workbench;

/// The window's side of crash recovery: the prompt that offers what a
/// window that did not close cleanly autosaved (restore it into this
/// window, or discard it), and the status messages of this window's own
/// autosaves.
class RecoveryPrompt : public QObject
{
    Q_OBJECT
public:
    RecoveryPrompt(QMainWindow *window, Recovery *recovery, ProjectDocument *doc, Workbench *bench,
                   ProjectFlows *files);

    /// Offers the newest recovery file left in this window's recovery
    /// folder; does nothing when there is none.
    void offer();

private:
    QMainWindow *m_window;
    Recovery *m_recovery;
    ProjectDocument *m_doc;
    Workbench *m_bench;
    ProjectFlows *m_files;
};

} // namespace ms
