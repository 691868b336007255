#pragma once

#include "databaseflows.h"
#include "document/projectdocument.h"
#include "exporter.h"
#include "inspect/sqllogview.h"
#include "live/workbench.h"
#include "presentationmode.h"
#include "projectflows.h"
#include "recoveryprompt.h"

#include <QMainWindow>
#include <QTabWidget>

class QAction;
class QMenu;
class QUndoView;

namespace ms {

class ClassEditor;
class DescriptionBar;
class DiagramScene;
class DiagramView;
class EventLog;
class EventLogModel;
class EventLogView;
class EventSelection;
class InspectorView;
class ListenersPanel;
class ProblemsList;
class Recovery;
class ScenarioPanel;
class SessionController;
class SessionWorkspace;
class SqlLogModel;
class StatusLine;
class TimelineView;
class UnitOfWorkModel;
class UnitOfWorkView;

/// Composes the docks, menus and actions and wires them to the document
/// (ProjectDocument: the project and its undo stack), the workbench
/// (connection, mapping, session, event log) and the recovery autosave.
/// The flows live in their own classes: the File menu's in ProjectFlows,
/// the database's in DatabaseFlows, recovery in RecoveryPrompt, exports in
/// Exporter, presentation mode in PresentationMode, the recent files in
/// RecentFiles. One EventSelection holds the selected event; the event log,
/// the timeline, the SQL log and the inspector follow it.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// @p recoveryDirectory: where autosaves go (tests pass their own).
    explicit MainWindow(QWidget *parent = nullptr, const QString &recoveryDirectory = QString());
    ~MainWindow() override;

    /// Opens @p path after asking about unsaved changes; on failure shows
    /// the loader's message and keeps the window as it was.
    bool openProject(const QString &path) { return m_files->open(path); }
    /// Saves to the current file, or asks for one; false when not saved.
    bool save() { return m_files->save(); }
    bool saveAs(const QString &path = QString()) { return m_files->saveAs(path); }
    /// Offers the recovery files of windows that did not close cleanly:
    /// restore the newest into this window, or discard it.
    void offerRecovery() { m_recoveryPrompt->offer(); }
    /// Maps the model and creates its tables, asking first when that drops
    /// tables holding rows. Returns whether it was applied.
    bool applyToDatabase() { return m_database->apply(); }
    /// Exports by the file's suffix (Exporter::exportTo()).
    Result<void> exportTo(const QString &path) { return m_exporter->exportTo(path); }
    /// Presentation mode (View menu, F11; PresentationMode).
    void setPresentationMode(bool on) { m_presentation->setOn(on); }
    bool isPresenting() const { return m_presentation->isOn(); }
    /// Shows the designer (0) or the session workspace (1).
    void showPage(int page) { m_pages->setCurrentIndex(page); }
    /// 0: the designer, 1: the session workspace.
    int currentPage() const { return m_pages->currentIndex(); }

    const Project &project() const { return m_doc->project(); }
    ProjectDocument *document() const { return m_doc; }
    Workbench *workbench() const { return m_bench; }
    EventLog *eventLog() const { return m_bench->log(); }
    Recovery *recovery() const { return m_recovery; }
    /// The selected event, which the log, the timeline, the SQL log and the
    /// inspector follow.
    EventSelection *selection() const { return m_selection; }
    DiagramScene *diagram() const { return m_scene; }
    ClassEditor *classEditor() const { return m_editor; }
    SessionController *sessionController() const { return m_controller; }
    SessionWorkspace *workspace() const { return m_workspace; }
    TimelineView *timeline() const { return m_timeline; }
    EventLogView *eventLogView() const { return m_logView; }
    InspectorView *inspector() const { return m_inspector; }
    SqlLogModel *sqlLog() const { return m_sqlModel; }
    SqlLogView *sqlLogView() const { return m_sqlView; }
    UnitOfWorkModel *unitOfWork() const { return m_uowModel; }
    ListenersPanel *listenersPanel() const { return m_listeners; }
    ScenarioPanel *scenarioPanel() const { return m_scenarios; }
    ProjectFlows *files() const { return m_files; }
    DatabaseFlows *database() const { return m_database; }
    PresentationMode *presentation() const { return m_presentation; }
    /// The open project's description, above the pages.
    DescriptionBar *descriptionBar() const { return m_descriptionBar; }
    /// File > Open Lesson: lists the bundled lessons and examples and opens the chosen one.
    void chooseLesson();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createActions();
    void followSelection();
    void startOver();
    /// Shows the dock named @p dockName and brings its tab to the front.
    void bringForward(const char *dockName);
    void updateTitle();
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
    SqlLogView *m_sqlView;
    /// After the views over the log: they hear of a clear before it.
    EventSelection *m_selection;
    UnitOfWorkModel *m_uowModel;
    UnitOfWorkView *m_uowView;
    ListenersPanel *m_listeners;
    ScenarioPanel *m_scenarios;
    QTabWidget *m_pages;
    DescriptionBar *m_descriptionBar;
    ProblemsList *m_problems;
    QUndoView *m_history;
    StatusLine *m_status;
    DatabaseFlows *m_database;
    ProjectFlows *m_files;
    RecoveryPrompt *m_recoveryPrompt;
    Exporter *m_exporter;
    PresentationMode *m_presentation;
    QAction *m_removeClass = nullptr;
    QAction *m_revert = nullptr;
    QAction *m_addColumn = nullptr;
    QAction *m_addRelationship = nullptr;
};

} // namespace ms
