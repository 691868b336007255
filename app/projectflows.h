#pragma once

#include <QObject>

class QMainWindow;

namespace ms {

class DatabaseFlows;
class ProjectDocument;

/// The File menu's flows over the document: New, Open, Save, Save As,
/// Revert to Saved and Close, each asking about unsaved changes first and
/// refused while a session operation is under way; opened and saved files
/// go to the recent files. Dialogs and messages belong to @p window.
class ProjectFlows : public QObject
{
    Q_OBJECT
public:
    ProjectFlows(QMainWindow *window, ProjectDocument *doc, DatabaseFlows *database);

    void newProject();
    /// Asks for a project file, then open()s it.
    void choose();
    /// Opens @p path after asking about unsaved changes; on failure shows
    /// the loader's message and keeps the window as it was.
    bool open(const QString &path);
    /// Saves to the current file, or asks for one; false when not saved.
    bool save();
    /// Saves to @p path, or to a file the user chooses when it is empty.
    bool saveAs(const QString &path = QString());
    /// Discards the unsaved changes (after asking) and reads the file again.
    void revert();
    /// Asks about unsaved changes: true when they were saved or may be
    /// discarded, false when the user cancelled.
    bool maybeSave();

Q_SIGNALS:
    /// The document became another project (New, Open, Revert).
    void replaced();

private:
    QMainWindow *m_window;
    ProjectDocument *m_doc;
    DatabaseFlows *m_database;
};

} // namespace ms
