#include "relationitem.h"

#include "classitem.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>
#include <QtMath>

#include <algorithm>

namespace ms {

RelationItem::RelationItem(ClassItem *source, ClassItem *target, const QString &label, int lane,
                           int lanes)
    : m_source(source)
    , m_target(target)
    , m_label(label)
    , m_lane(lane)
    , m_lanes(qMax(1, lanes))
{
    setZValue(-1);
    setToolTip(label);
    adjust();
}

QRectF RelationItem::labelRect() const
{
    const QFontMetricsF fm(QApplication::font());
    QRectF box = fm.boundingRect(QRectF(), Qt::AlignCenter, m_label).adjusted(-4, -2, 4, 2);
    box.moveCenter(m_labelPos);
    return box;
}

void RelationItem::adjust(const QList<QRectF> &boxes)
{
    prepareGeometryChange();
    m_path = QPainterPath();
    QPointF tip;
    QPointF from;
    const QFontMetricsF metrics(QApplication::font());
    if (m_source == m_target) {
        // each further loop wider, its label further out
        const QRectF r = m_source->sceneBoundingRect();
        const qreal reach = 60 + 70 * m_lane;
        const QPointF a(r.right() - 2, r.top() + r.height() * 0.3);
        tip = QPointF(r.right() - 2, r.top() + r.height() * 0.6);
        m_path.moveTo(a);
        m_path.cubicTo(a + QPointF(reach, -10 - 12 * m_lane), tip + QPointF(reach, 10 + 12 * m_lane), tip);
        from = tip + QPointF(40, 0);
        m_labelPos = QPointF(r.right() + reach - 10, r.top() + r.height() * 0.45);
    } else {
        QPointF s = m_source->edgePoint(m_target->sceneBoundingRect().center());
        tip = m_target->edgePoint(m_source->sceneBoundingRect().center());
        // side by side: each lane moved along the line's normal by about
        // its label's height
        if (m_lanes > 1) {
            const QLineF line(s, tip);
            const QLineF normal = line.normalVector().unitVector();
            const qreal lines = m_label.count(QLatin1Char('\n')) + 1;
            const qreal spacing = metrics.lineSpacing() * lines + 10;
            const qreal offset = (m_lane - (m_lanes - 1) / 2.0) * spacing;
            const QPointF shift = (normal.p2() - normal.p1()) * offset;
            s += shift;
            tip += shift;
        }
        m_path.moveTo(s);
        m_path.lineTo(tip);
        from = s;
        // Beside the line rather than on it, so the arrow stays visible;
        // above its middle unless a class box is there: then the first
        // place further along the line, above or below, that is clear.
        const QFontMetricsF fm(QApplication::font());
        const qreal lines = m_label.count(QLatin1Char('\n')) + 1;
        const QPointF above(0, fm.lineSpacing() * lines / 2 + 4);
        const QSizeF size = fm.boundingRect(QRectF(), Qt::AlignCenter, m_label)
                                .adjusted(-4, -2, 4, 2)
                                .size();
        auto clear = [&](const QPointF &centre) {
            QRectF r(QPointF(), size);
            r.moveCenter(centre);
            return std::none_of(boxes.cbegin(), boxes.cend(),
                                [&](const QRectF &b) { return b.intersects(r); });
        };
        m_labelPos = (s + tip) / 2 - above;
        if (!clear(m_labelPos)) {
            for (const qreal t : {0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85}) {
                const QPointF on = s + (tip - s) * t;
                if (clear(on - above)) {
                    m_labelPos = on - above;
                    break;
                }
                if (clear(on + above)) {
                    m_labelPos = on + above;
                    break;
                }
            }
        }
    }
    const QLineF back(tip, from);
    const qreal angle = qDegreesToRadians(back.angle());
    const qreal size = 10;
    auto at = [&](qreal a) {
        return tip + QPointF(std::cos(a) * size, -std::sin(a) * size);
    };
    m_head = QPolygonF({tip, at(angle + M_PI / 7), at(angle - M_PI / 7)});
    m_bounds = m_path.boundingRect().united(m_head.boundingRect()).united(labelRect()).adjusted(-4, -4, 4, 4);
}

QRectF RelationItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath RelationItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    return stroker.createStroke(m_path);
}

void RelationItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = QApplication::palette();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor line(0x3b, 0x6e, 0xa8);
    painter->setPen(QPen(line, 1.4));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    painter->setBrush(line);
    painter->drawPolygon(m_head);

    const QRectF box = labelRect();
    QColor back = pal.color(QPalette::Base);
    back.setAlpha(230);
    painter->setPen(Qt::NoPen);
    painter->setBrush(back);
    painter->drawRoundedRect(box, 3, 3);
    painter->setPen(line.darker(130));
    painter->drawText(box, Qt::AlignCenter, m_label);
}

} // namespace ms
