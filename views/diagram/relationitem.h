#pragma once

#include <QGraphicsItem>

namespace ms {

class ClassItem;

/// A relationship's arrow, from the class that declares it to its target,
/// labelled with its name, kind (1 → * or * → 1) and backref. A class
/// related to itself gets a loop on its right side. Several relationships
/// between the same two classes (author and editor) are drawn side by
/// side: @p lane of @p lanes, each with its own line and label.
class RelationItem : public QGraphicsItem
{
public:
    RelationItem(ClassItem *source, ClassItem *target, const QString &label, int lane = 0,
                 int lanes = 1);

    /// Follows the boxes after they moved (or the font changed). The label
    /// goes beside the line where it covers none of @p boxes (the scene
    /// rectangles of the class boxes): the middle, else further along the
    /// line, above or below it.
    void adjust(const QList<QRectF> &boxes = {});
    QString label() const { return m_label; }
    /// Where the label is drawn (scene coordinates).
    QRectF labelRect() const;
    ClassItem *source() const { return m_source; }
    ClassItem *target() const { return m_target; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    ClassItem *m_source;
    ClassItem *m_target;
    QString m_label;
    int m_lane;
    int m_lanes;
    QPainterPath m_path;
    QPolygonF m_head;
    QPointF m_labelPos;
    /// Computed in adjust(), after prepareGeometryChange(): the scene's index
    /// must never see the bounds change behind its back (an item it cannot
    /// find again stays in it after deletion).
    QRectF m_bounds;
};

} // namespace ms
