#pragma once

#include <QObject>

class QLabel;
class QStatusBar;
class QWidget;

namespace ms {

class ProjectDocument;
class SessionController;
class Workbench;

/// The status bar's lasting part: the database (and whether its connection
/// was lost), the session's state, and how many events the log holds (and
/// how many its limit dropped), kept up to date. Session > Event Log Limit
/// is here too: the limit is what the event count is measured against.
class StatusLine : public QObject
{
    Q_OBJECT
public:
    StatusLine(QStatusBar *bar, ProjectDocument *doc, Workbench *bench,
               SessionController *controller);

    void update();
    /// Asks for the event log's limit, applies it and remembers it
    /// (QSettings `log/capacity`, read back when the window starts).
    void editLogLimit(QWidget *parent);

private:
    ProjectDocument *m_doc;
    Workbench *m_bench;
    QLabel *m_database;
    QLabel *m_session;
    QLabel *m_events;
};

} // namespace ms
