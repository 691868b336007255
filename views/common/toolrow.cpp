#include "toolrow.h"

#include <QBoxLayout>
#include <QEvent>
#include <QToolBar>

namespace ms {

ToolRow::ToolRow(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QBoxLayout(QBoxLayout::LeftToRight, this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_layout->addStretch(1);
}

void ToolRow::addToolBar(QToolBar *bar)
{
    m_layout->insertWidget(int(m_bars.size()), bar);
    m_bars << bar;
    arrange();
}

bool ToolRow::isStacked() const
{
    return m_layout->direction() == QBoxLayout::TopToBottom;
}

void ToolRow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange();
}

bool ToolRow::event(QEvent *event)
{
    // A font or a translation changed the toolbars' widths.
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::FontChange)
        arrange();
    return QWidget::event(event);
}

void ToolRow::arrange()
{
    int needed = 0;
    for (const QToolBar *bar : std::as_const(m_bars))
        if (!bar->isHidden())
            needed += bar->sizeHint().width();
    const auto direction = needed <= width() ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_layout->direction() != direction)
        m_layout->setDirection(direction);
}

} // namespace ms
