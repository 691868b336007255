#pragma once

#include "core/result.h"

#include <QObject>

class QMainWindow;

namespace ms {

class EventLog;
class ProjectDocument;
class TimelineView;

/// File > Export: the event trace, a report to hand out, or the timeline,
/// chosen by the file's suffix.
class Exporter : public QObject
{
    Q_OBJECT
public:
    Exporter(QMainWindow *window, EventLog *log, TimelineView *timeline, ProjectDocument *doc);

    /// Exports by the file's suffix: .jsonl and .csv the event trace, .html
    /// a report to hand out (timeline picture, hooks explained, events),
    /// .png and .pdf the timeline.
    Result<void> exportTo(const QString &path);
    /// Asks for a file (and with it the kind), exports, and tells how it went.
    /// Asks where and what to export, the kind ending in @p suffix chosen first.
    void choose(const QString &suffix = QStringLiteral("html"));

private:
    QMainWindow *m_window;
    EventLog *m_log;
    TimelineView *m_timeline;
    ProjectDocument *m_doc;
};

} // namespace ms
