#pragma once

#include <QObject>

class QMainWindow;

namespace ms {

struct DatabaseSettings;
class ProjectDocument;
class SessionController;
class Workbench;

/// The window's database flows, each asking the user where it must: open
/// the session of a project just opened, apply the model (asking before it
/// drops tables that hold rows), and change the connection (Session >
/// Database Connection), and close while paused inside a hook. Messages go
/// to @p window's status bar.
class DatabaseFlows : public QObject
{
    Q_OBJECT
public:
    DatabaseFlows(QMainWindow *window, ProjectDocument *doc, Workbench *bench,
                  SessionController *controller);

    /// After the document became another project (New, Open, Revert): a
    /// fresh event log, and the session of the new project (mapped at once
    /// on an in-memory database) or none.
    void startOver();
    /// Maps the model and creates its tables, asking first when that drops
    /// tables holding rows. Returns whether it was applied.
    bool apply();
    /// The connection dialog; a changed connection is an undoable edit of
    /// the project, and is opened at once.
    void editConnection();
    /// File > Import Database: a database to read (the connection dialog),
    /// the tables it has and the classes they become (ImportDialog), then
    /// the model and the connection replaced as one undo step. A database
    /// that cannot be read leaves the project as it was, with a message.
    void importDatabase();
    /// Session > Use Existing Tables: a session on the tables the database
    /// has, after comparing them with the model; the differences, if any,
    /// are shown and nothing changes. Returns whether the session started.
    bool useExistingTables();
    /// True, with a message, while a session operation is under way (paused
    /// inside a hook, or running: a long flush turns the event loop).
    bool refusedWhileBusy();
    /// Closing @p window while the engine is paused inside a hook: asks to
    /// finish the operation without stopping, then rolls the session back
    /// and closes the window again. False when not paused (close now).
    bool closeWhenPaused();

private:
    /// Opens @p settings' database; on failure tells why and returns false.
    bool openConnection(const DatabaseSettings &settings);

    QMainWindow *m_window;
    ProjectDocument *m_doc;
    Workbench *m_bench;
    SessionController *m_controller;
};

} // namespace ms
