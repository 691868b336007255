#pragma once

#include "noticebar.h"

class QAction;

namespace ms {

class EventLog;

/// Shown while the engine is paused inside a hook (a pause listener): which
/// event it stopped in, and a button for each stepping action (Continue,
/// Step, Run to End).
class PauseBar : public NoticeBar
{
    Q_OBJECT
public:
    explicit PauseBar(const QList<QAction *> &stepActions, QWidget *parent = nullptr);

    /// Shows the bar for a pause inside the event at @p index of @p log.
    void showPausedAt(const EventLog &log, qsizetype index);
};

} // namespace ms
