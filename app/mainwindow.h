#pragma once

#include <QMainWindow>

class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QUndoView;

namespace ms {

class ClassEditor;
class DiagramScene;
class DiagramView;
class EventLog;
class EventLogModel;
class EventLogView;
class ProjectDocument;
class Recovery;
class Workbench;
struct Project;

/// Composes the docks, menus and actions and wires them to the document
/// (ProjectDocument: the project and its undo stack), the workbench
/// (connection, mapping, session, event log) and the recovery autosave.
/// It holds no editing logic, builds no SQL and parses no files.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// @p recoveryDirectory: where autosaves go (tests pass their own).
    explicit MainWindow(QWidget *parent = nullptr, const QString &recoveryDirectory = QString());
    ~MainWindow() override;

    /// Opens @p path after asking about unsaved changes; on failure shows
    /// the loader's message and keeps the window as it was.
    bool openProject(const QString &path);
    /// Saves to the current file, or asks for one; false when not saved.
    bool save();
    bool saveAs(const QString &path = QString());
    /// Offers the recovery files of windows that did not close cleanly:
    /// restore the newest into this window, or discard it.
    void offerRecovery();
    /// Maps the model and creates its tables, asking first when that drops
    /// tables holding rows. Returns whether it was applied.
    bool applyToDatabase();

    const Project &project() const;
    ProjectDocument *document() const { return m_doc; }
    Workbench *workbench() const { return m_bench; }
    EventLog *eventLog() const;
    Recovery *recovery() const { return m_recovery; }
    DiagramScene *diagram() const { return m_scene; }
    ClassEditor *classEditor() const { return m_editor; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createActions();
    void newProject();
    void closeProject();
    void chooseProject();
    bool maybeSave();
    void addClass();
    void removeClass();
    void editConnection();
    void rememberRecent(const QString &path);
    void fillRecentMenu();
    void fillLanguageMenu(QMenu *menu);
    void showProblems();
    void updateTitle();
    void updateStatus();
    void updateActions();
    void about();

    ProjectDocument *m_doc;
    Workbench *m_bench;
    Recovery *m_recovery;
    EventLogModel *m_model;
    EventLogView *m_logView;
    DiagramScene *m_scene;
    DiagramView *m_view;
    ClassEditor *m_editor;
    QListWidget *m_problems;
    QUndoView *m_history;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLabel *m_statusDatabase;
    QLabel *m_statusSession;
    QLabel *m_statusEvents;
    QAction *m_removeClass = nullptr;
    QAction *m_addColumn = nullptr;
    QAction *m_addRelationship = nullptr;
};

} // namespace ms
