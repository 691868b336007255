#pragma once

#include "project/project.h"

#include <QMainWindow>

#include <memory>

class QListWidget;
class QLabel;

namespace ms {

class Dispatcher;
class EventLog;
class EventLogModel;
class EventLogView;
class Registry;

/// Composes the docks, menus and actions and wires them to the engine.
/// It holds no editing logic, builds no SQL and parses no files.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens @p path; on failure shows the loader's message and keeps the
    /// window as it was. Returns whether the project was opened.
    bool openProject(const QString &path);
    const Project &project() const { return m_project; }
    EventLog *eventLog() const { return m_log; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void chooseProject();
    void showProblems(const Problems &problems);
    void updateStatus();
    void about();

    Project m_project;
    QString m_path;
    EventLog *m_log;
    std::unique_ptr<Dispatcher> m_dispatcher;
    std::unique_ptr<Registry> m_registry;
    EventLogModel *m_model;
    EventLogView *m_logView;
    QListWidget *m_problems;
    QLabel *m_statusProject;
    QLabel *m_statusEvents;
};

} // namespace ms
