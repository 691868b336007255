#include "diagramview.h"

#include <QWheelEvent>

namespace ms {

DiagramView::DiagramView(QGraphicsScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(RubberBandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setViewportUpdateMode(BoundingRectViewportUpdate);
}

void DiagramView::scaleBy(qreal factor)
{
    const qreal next = zoom() * factor;
    if (next < 0.1 || next > 8)
        return;
    scale(factor, factor);
}

void DiagramView::zoomIn()
{
    scaleBy(1.25);
}

void DiagramView::zoomOut()
{
    scaleBy(0.8);
}

void DiagramView::resetZoom()
{
    resetTransform();
}

void DiagramView::fitAll()
{
    const QRectF used = scene()->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (used.isEmpty())
        return;
    fitInView(used, Qt::KeepAspectRatio);
    if (zoom() > 1)
        resetTransform();
    centerOn(used.center());
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        scaleBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

} // namespace ms
