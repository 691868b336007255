#pragma once

#include "core/result.h"

#include <QFont>
#include <QMainWindow>
#include <QPalette>

class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QTabWidget;
class QTableView;
class QTreeView;
class QUndoView;

namespace ms {

class ClassEditor;
class DiagramScene;
class DiagramView;
class EventLog;
class EventLogModel;
class EventLogView;
class InspectorView;
class ListenersPanel;
class ScenarioPanel;
class SessionController;
class SessionWorkspace;
class SqlLogModel;
class TimelineView;
class UnitOfWorkModel;
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
    SessionController *sessionController() const { return m_controller; }
    SessionWorkspace *workspace() const { return m_workspace; }
    TimelineView *timeline() const { return m_timeline; }
    EventLogView *eventLogView() const { return m_logView; }
    InspectorView *inspector() const { return m_inspector; }
    SqlLogModel *sqlLog() const { return m_sqlModel; }
    QTableView *sqlLogView() const { return m_sqlView; }
    UnitOfWorkModel *unitOfWork() const { return m_uowModel; }
    ListenersPanel *listenersPanel() const { return m_listeners; }
    ScenarioPanel *scenarioPanel() const { return m_scenarios; }
    /// Shows event @p index (the log's index) in the timeline, the event
    /// log, the SQL log and the inspector.
    void selectEvent(qsizetype index);
    /// Exports by the file's suffix: .jsonl and .csv the event trace, .html
    /// a report to hand out (timeline picture, hooks explained, events),
    /// .png and .pdf the timeline.
    Result<void> exportTo(const QString &path);
    /// Presentation mode (View menu, F11): fonts half as large again, high
    /// contrast, only the session workspace and the timeline, a slower
    /// scenario speed; off puts everything back.
    void setPresentationMode(bool on);
    bool isPresenting() const { return m_presenting; }
    /// Shows the designer (0) or the session workspace (1).
    void showPage(int page);
    /// 0: the designer, 1: the session workspace.
    int currentPage() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createActions();
    void newProject();
    void revertProject();
    /// After the document became another project (New, Open, Revert): a
    /// fresh event log, and the session of the new project (mapped at once
    /// on an in-memory database) or none.
    void startOver();
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
    void editLogCapacity();
    void chooseExport();
    /// True, with a message, while a session operation is under way (paused
    /// inside a hook, or running: a long flush turns the event loop).
    bool refusedWhileBusy();
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
    SessionController *m_controller;
    SessionWorkspace *m_workspace;
    TimelineView *m_timeline;
    InspectorView *m_inspector;
    SqlLogModel *m_sqlModel;
    QTableView *m_sqlView;
    UnitOfWorkModel *m_uowModel;
    QTreeView *m_uowView;
    ListenersPanel *m_listeners;
    ScenarioPanel *m_scenarios;
    QTabWidget *m_pages;
    bool m_selecting = false;
    QListWidget *m_problems;
    QUndoView *m_history;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLabel *m_statusDatabase;
    QLabel *m_statusSession;
    QLabel *m_statusEvents;
    QAction *m_removeClass = nullptr;
    QAction *m_revert = nullptr;
    QAction *m_presentation = nullptr;
    bool m_presenting = false;
    QByteArray m_beforePresentation;
    QFont m_normalFont;
    QPalette m_normalPalette;
    int m_normalPage = 0;
    int m_normalSpeed = 1;
    QAction *m_addColumn = nullptr;
    QAction *m_addRelationship = nullptr;
};

} // namespace ms
