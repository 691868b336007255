#include "pausebar.h"

#include "events/eventlog.h"
#include "events/eventtype.h"

#include <QAction>
#include <QLabel>
#include <QToolButton>

namespace ms {

PauseBar::PauseBar(const QList<QAction *> &stepActions, QWidget *parent)
    : NoticeBar(QStringLiteral("pauseBar"), QColor(0xff, 0xf3, 0xcd), QColor(0x66, 0x4d, 0x03),
                QStyle::SP_MediaPause, parent)
{
    for (QAction *a : stepActions) {
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        addButton(b);
    }
    hide();
}

void PauseBar::showPausedAt(const EventLog &log, qsizetype index)
{
    QString where;
    if (log.contains(index)) {
        const Event &e = log.at(index);
        where = QStringLiteral("<b>%1</b>").arg(eventName(e.type).toHtmlEscaped());
        const QString object = log.objectLabel(e.objectId);
        if (!object.isEmpty())
            where += QStringLiteral(" (%1)").arg(object.toHtmlEscaped());
    }
    label()->setText(
        tr("Paused inside %1: every view shows the session at this moment, in the middle of the "
           "operation. Continue to the next pause, Step to the next event, or Run to End.")
            .arg(where));
    show();
}

} // namespace ms
