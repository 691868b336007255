#pragma once

#include <QGraphicsView>

namespace ms {

/// Shows the DiagramScene: Ctrl+wheel zooms around the mouse, a drag on
/// empty space selects with a rubber band.
class DiagramView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DiagramView(QGraphicsScene *scene, QWidget *parent = nullptr);

    qreal zoom() const { return transform().m11(); }
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Fits every box into the view (never enlarging past 100 %).
    void fitAll();

protected:
    void wheelEvent(QWheelEvent *event) override;

private:
    void scaleBy(qreal factor);
};

} // namespace ms
