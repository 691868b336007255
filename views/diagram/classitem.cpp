#include "classitem.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace ms {

namespace {

constexpr qreal padding = 8;

QFont titleFont()
{
    QFont f = QApplication::font();
    f.setBold(true);
    return f;
}

} // namespace

ClassItem::ClassItem(quint32 id, const ClassDef &cls, QGraphicsItem *parent)
    : QGraphicsObject(parent)
    , m_id(id)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true); // a column's marks explained in its tooltip
    setCursor(Qt::OpenHandCursor);
    setClass(cls);
}

void ClassItem::setClass(const ClassDef &cls)
{
    prepareGeometryChange();
    m_class = cls;
    relayout();
    update();
}

void ClassItem::setProblems(const QStringList &problems)
{
    m_problems = problems;
    setToolTip(problems.isEmpty() ? QString() : problems.join(QLatin1Char('\n')));
    update();
}

QString ClassItem::marksOf(int column) const
{
    return column >= 0 && column < m_lines.size() ? m_lines[column].marks : QString();
}

QString ClassItem::toolTipAt(const QPointF &pos) const
{
    // over a column with marks: what they mean; elsewhere the problems
    const QFontMetricsF title(titleFont());
    const QFontMetricsF body(QApplication::font());
    const qreal top = title.height() + body.height() + padding * 2;
    const int line = pos.y() >= top ? int((pos.y() - top) / body.lineSpacing()) : -1;
    if (line >= 0 && line < m_lines.size() && !m_lines[line].tip.isEmpty())
        return m_lines[line].tip;
    return m_problems.join(QLatin1Char('\n'));
}

void ClassItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    setToolTip(toolTipAt(event->pos()));
    QGraphicsObject::hoverMoveEvent(event);
}

void ClassItem::relayout()
{
    m_lines.clear();
    for (const ColumnDef &c : m_class.columns) {
        QStringList marks;
        QStringList tips;
        if (c.primaryKey) {
            marks.append(tr("PK"));
            tips << tr("PK: the primary key");
        }
        if (c.isForeignKey()) {
            marks.append(tr("FK"));
            tips << tr("FK: a foreign key to %1's primary key").arg(c.references);
        }
        if (c.unique && !c.primaryKey) {
            marks.append(tr("U"));
            tips << tr("U: unique, no two rows hold the same %1 (an INSERT or UPDATE that "
                       "repeats one fails with an IntegrityError)")
                        .arg(c.name);
        }
        QString text = c.name + QStringLiteral(" : ") + c.typeName;
        if (c.isForeignKey())
            text += QStringLiteral(" \u2192 ") + c.references;
        QStringList notes;
        if (!c.nullable && !c.primaryKey)
            notes << tr("not null");
        if (c.versionCounter)
            notes << tr("version counter");
        if (!notes.isEmpty())
            text += QStringLiteral("  (") + notes.join(QStringLiteral(", ")) + QLatin1Char(')');
        m_lines.append({marks.join(QLatin1Char(' ')), text, tips.join(QLatin1Char('\n'))});
    }
    const QFontMetricsF title(titleFont());
    const QFontMetricsF body(QApplication::font());
    m_marksWidth = 0;
    for (const Line &l : std::as_const(m_lines))
        m_marksWidth = std::max(m_marksWidth, title.horizontalAdvance(l.marks));
    if (m_marksWidth > 0)
        m_marksWidth += padding;
    qreal width = title.horizontalAdvance(m_class.name) + body.height();
    width = std::max(width, body.horizontalAdvance(tr("table %1").arg(m_class.tableName())));
    for (const Line &l : std::as_const(m_lines))
        width = std::max(width, m_marksWidth + body.horizontalAdvance(l.text));
    const qreal height = title.height() + body.height() + padding * 3
        + body.lineSpacing() * std::max<qsizetype>(1, m_lines.size());
    m_size = QSizeF(std::max<qreal>(width + 2 * padding, 140), height);
}

QRectF ClassItem::boundingRect() const
{
    return QRectF(QPointF(-2, -2), m_size + QSizeF(4, 4));
}

void ClassItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QPalette pal = QApplication::palette();
    const QRectF box(QPointF(0, 0), m_size);
    const QFontMetricsF title(titleFont());
    const QFontMetricsF body(QApplication::font());
    const qreal headerHeight = title.height() + body.height() + padding * 1.5;

    painter->setRenderHint(QPainter::Antialiasing);
    QColor frame = hasProblems() ? QColor(0xc6, 0x28, 0x28) : pal.color(QPalette::Mid);
    if (option->state & QStyle::State_Selected)
        frame = pal.color(QPalette::Highlight);
    painter->setPen(QPen(frame, (option->state & QStyle::State_Selected) || hasProblems() ? 2 : 1));
    painter->setBrush(pal.color(QPalette::Base));
    painter->drawRoundedRect(box, 4, 4);

    QRectF header(box.topLeft(), QSizeF(box.width(), headerHeight));
    painter->setPen(Qt::NoPen);
    painter->setBrush(hasProblems() ? QColor(0xfd, 0xec, 0xea) : QColor(0xe3, 0xed, 0xf7));
    QPainterPath path;
    path.addRoundedRect(header.adjusted(1, 1, -1, 0), 3, 3);
    painter->drawPath(path);

    painter->setPen(pal.color(QPalette::Text));
    painter->setFont(titleFont());
    painter->drawText(QRectF(padding, padding / 2, box.width() - 2 * padding, title.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      (hasProblems() ? QStringLiteral("\u26a0 ") : QString()) + m_class.name);
    painter->setFont(QApplication::font());
    painter->setPen(pal.color(QPalette::PlaceholderText));
    painter->drawText(
        QRectF(padding, padding / 2 + title.height(), box.width() - 2 * padding, body.height()),
        Qt::AlignLeft | Qt::AlignVCenter, tr("table %1").arg(m_class.tableName()));
    painter->setPen(QPen(pal.color(QPalette::Mid), 1));
    painter->drawLine(QPointF(0, headerHeight), QPointF(box.width(), headerHeight));

    painter->setPen(pal.color(QPalette::Text));
    qreal y = headerHeight + padding / 2;
    if (m_lines.isEmpty()) {
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(QPointF(padding, y + body.ascent()), tr("(no columns)"));
    }
    for (const Line &line : std::as_const(m_lines)) {
        if (!line.marks.isEmpty()) {
            painter->setFont(titleFont());
            painter->setPen(QColor(0x8a, 0x5a, 0x00));
            painter->drawText(QPointF(padding, y + body.ascent()), line.marks);
            painter->setFont(QApplication::font());
            painter->setPen(pal.color(QPalette::Text));
        }
        painter->drawText(QPointF(padding + m_marksWidth, y + body.ascent()), line.text);
        y += body.lineSpacing();
    }
}

QPointF ClassItem::edgePoint(const QPointF &outside) const
{
    const QRectF r = sceneBoundingRect().adjusted(2, 2, -2, -2);
    const QPointF c = r.center();
    const QPointF d = outside - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return c;
    const qreal sx = qFuzzyIsNull(d.x()) ? 1e9 : (r.width() / 2) / std::abs(d.x());
    const qreal sy = qFuzzyIsNull(d.y()) ? 1e9 : (r.height() / 2) / std::abs(d.y());
    return c + d * std::min({sx, sy, 1.0});
}

QVariant ClassItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged)
        Q_EMIT moved();
    return QGraphicsObject::itemChange(change, value);
}

} // namespace ms
