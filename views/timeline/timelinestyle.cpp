#include "timelinestyle.h"

#include "qcustomplot_include.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace ms {

TimelineStyle::Lane TimelineStyle::laneOf(EventCategory category)
{
    switch (category) {
    case EventCategory::Step:
        return UserLane;
    case EventCategory::Session:
        return SessionLane;
    case EventCategory::Mapper:
    case EventCategory::Instrumentation:
        return MapperLane;
    case EventCategory::Instance:
        return InstanceLane;
    case EventCategory::Attribute:
        return AttributeLane;
    case EventCategory::Query:
        return QueryLane;
    case EventCategory::Statement:
        return SqlLane;
    }
    return SessionLane;
}

QString TimelineStyle::laneName(Lane lane)
{
    switch (lane) {
    case UserLane:
        return QCoreApplication::translate("ms::TimelineView", "User actions");
    case SessionLane:
        return QCoreApplication::translate("ms::TimelineView", "Session");
    case MapperLane:
        return QCoreApplication::translate("ms::TimelineView", "Mapper");
    case InstanceLane:
        return QCoreApplication::translate("ms::TimelineView", "Instance");
    case AttributeLane:
        return QCoreApplication::translate("ms::TimelineView", "Attribute");
    case QueryLane:
        return QCoreApplication::translate("ms::TimelineView", "Query");
    case SqlLane:
        return QCoreApplication::translate("ms::TimelineView", "SQL");
    case LaneCount:
        break;
    }
    return {};
}

int TimelineStyle::laneAt(double y)
{
    const long lane = LaneCount - 1 - std::lround(y);
    return lane >= 0 && lane < LaneCount ? int(lane) : -1;
}

TimelineStyle::Marker TimelineStyle::markerOf(EventType type)
{
    // Ten colours that stay apart on white and on a projector (matplotlib's
    // tab10). A hook's shape says its group, its colour its place in the
    // group, so no two hooks of one lane look alike (tested): before_insert
    // is never mistaken for attribute_instrument on the Mapper lane.
    static constexpr QRgb palette[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                       0x8c564b, 0xe377c2, 0x17becf, 0xbcbd22, 0x7f7f7f};
    using T = EventType;
    switch (type) {
    case T::Statement:
        return {QColor(0x37, 0x47, 0x4f), Marker::Square};
    case T::Step:
        return {QColor(0x21, 0x21, 0x21), Marker::Diamond};
    case T::Warning:
        return {QColor(0xef, 0x6c, 0x00), Marker::Diamond};
    case T::Error:
        return {QColor(0xc6, 0x28, 0x28), Marker::Diamond};
    case T::NotFired: // faint: what did not happen
        return {QColor(0xc8, 0xc8, 0xc8), Marker::Circle};
    default:
        break;
    }
    const int t = int(type);
    auto in = [t](T first, T last) {
        return t >= int(first) && t <= int(last);
    };
    // The hook's place in its group, plus @p offset when two groups share a shape on one lane.
    auto pick = [t](T first, int offset, Marker::Shape shape) {
        const int i = t - int(first) + offset;
        return Marker {QColor::fromRgb(palette[i % int(std::size(palette))]), shape};
    };
    // Mapper lane: the writes of a flush round; configuration, then instrumentation, square.
    if (in(T::BeforeInsert, T::AfterRemove))
        return pick(T::BeforeInsert, 0, Marker::Circle);
    if (in(T::InstrumentClass, T::AfterConfigured))
        return pick(T::InstrumentClass, 0, Marker::Square);
    if (in(T::ClassInstrument, T::AttributeInstrument))
        return pick(T::ClassInstrument, 5, Marker::Square); // after the 5 configuration hooks
    // Session lane: flush, then attachment and execution, round; transactions square;
    // lifecycle triangles.
    if (in(T::BeforeFlush, T::AfterFlushPostexec))
        return pick(T::BeforeFlush, 0, Marker::Circle);
    if (in(T::BeforeAttach, T::AfterBulkDelete))
        return pick(T::BeforeAttach, 3, Marker::Circle); // after the 3 flush hooks
    if (in(T::AfterTransactionCreate, T::AfterSoftRollback))
        return pick(T::AfterTransactionCreate, 0, Marker::Square);
    if (in(T::TransientToPending, T::PersistentToDetached))
        return pick(T::TransientToPending, 0, Marker::Triangle);
    // Instance, attribute and query lanes: one group each.
    if (in(T::Init, T::Expire))
        return pick(T::Init, 0, Marker::Circle);
    if (in(T::Set, T::Modified))
        return pick(T::Set, 0, Marker::Circle);
    return pick(T::BeforeCompile, 0, Marker::Circle);
}

int TimelineStyle::legendColumns(int widestName, int iconWidth, int width)
{
    const int cell = widestName + iconWidth + 18;
    return std::clamp(width / std::max(cell, 1), 1, 12);
}

QCPScatterStyle TimelineStyle::scatterStyle(EventType type, bool large)
{
    const Marker m = markerOf(type);
    const QColor &c = m.color;
    const qreal dpr = qApp ? qApp->devicePixelRatio() : 1.0;
    const int size = large ? 15 : 9;
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    // Large (presentation) markers get a black outline: they stay apart
    // from each other and from the bands on a projector.
    p.setPen(large ? QPen(Qt::black, 1.5) : QPen(c.darker(130), 1));
    p.setBrush(c);
    const QRectF r(0.5, 0.5, size - 1, size - 1);
    switch (m.shape) {
    case Marker::Square:
        p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
        break;
    case Marker::Diamond: {
        const QPointF diamond[] = {{size / 2.0, 0.5},
                                   {size - 0.5, size / 2.0},
                                   {size / 2.0, size - 0.5},
                                   {0.5, size / 2.0}};
        p.drawPolygon(diamond, 4);
        break;
    }
    case Marker::Triangle: {
        const QPointF triangle[] = {{size / 2.0, 0.5}, {size - 0.5, size - 1.0}, {0.5, size - 1.0}};
        p.drawPolygon(triangle, 3);
        break;
    }
    case Marker::Circle:
        p.drawEllipse(r);
        break;
    }
    p.end();
    return QCPScatterStyle(pixmap);
}

QCPScatterStyle TimelineStyle::failedStyle()
{
    return QCPScatterStyle(QCPScatterStyle::ssCross, QPen(QColor(0xc6, 0x28, 0x28), 2.5),
                           Qt::NoBrush, 13);
}

QCPScatterStyle TimelineStyle::listenedStyle()
{
    // A gold ring behind the marker.
    return QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0xe0, 0xa8, 0x00), 3),
                           Qt::NoBrush, 17);
}

QCPScatterStyle TimelineStyle::selectionStyle()
{
    return QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::NoBrush, 16);
}

void TimelineStyle::setUpLanes(QCustomPlot *plot)
{
    plot->yAxis->setRange(-0.6, double(LaneCount) - 0.4);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int lane = 0; lane < LaneCount; ++lane)
        ticker->addTick(laneY(Lane(lane)), laneName(Lane(lane)));
    plot->yAxis->setTicker(ticker);
    plot->yAxis->grid()->setPen(QPen(QColor(220, 220, 220), 1, Qt::DotLine));
}

void TimelineStyle::setUpLegend(QCustomPlot *plot, const QFont &font)
{
    // One entry per hook seen, in rows under the plot.
    QCPLegend *legend = plot->legend;
    legend->setVisible(true);
    plot->axisRect()->insetLayout()->take(legend);
    plot->plotLayout()->addElement(1, 0, legend);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(7);
    legend->setBorderPen(Qt::NoPen);
    QFont legendFont = font;
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    legend->setFont(legendFont);
    legend->setIconSize(12, 14); // tall enough for the underscores of hook names
    legend->setRowSpacing(1);
    // An empty legend's largest size is its margins, and the column it
    // shares with the lanes would take that as its width: its width is
    // unbounded, its height what its rows need.
    legend->setMaximumSize(1 << 20, QWIDGETSIZE_MAX);
}

namespace {

/// The legend's last entry when not every hook in view has room: how many
/// were left out. (Hovering a marker names its hook.)
class MoreLegendItem : public QCPAbstractLegendItem
{
public:
    MoreLegendItem(QCPLegend *parent, const QString &text) : QCPAbstractLegendItem(parent), m_text(text) {}

protected:
    void draw(QCPPainter *painter) override
    {
        painter->setFont(mFont);
        painter->setPen(QPen(QColor(90, 90, 90)));
        painter->drawText(mRect, Qt::AlignLeft | Qt::AlignVCenter, m_text);
    }
    QSize minimumOuterSizeHint() const override
    {
        const QFontMetrics fm(mFont);
        return {fm.horizontalAdvance(m_text) + mMargins.left() + mMargins.right(),
                fm.height() + mMargins.top() + mMargins.bottom()};
    }

private:
    QString m_text;
};

} // namespace

int TimelineStyle::legendRowHeight(const QCPLegend *legend)
{
    // (a legend item's margins: 2 pixels above and below)
    const QFontMetrics fm(legend->font());
    return std::max(fm.height(), legend->iconSize().height()) + 4 + legend->rowSpacing();
}

int TimelineStyle::minimumLaneSpacing(bool large)
{
    // The ring of a listened event is 17 pixels across; a large marker 15.
    return large ? 22 : 19;
}

int TimelineStyle::layOutLegend(QCPLegend *legend, const std::vector<QCPGraph *> &graphs,
                                double lower, double upper, int width, int maxRows)
{
    legend->clearItems();
    const QFontMetrics fm(legend->font());
    std::vector<QCPGraph *> inView;
    int widest = 0;
    for (QCPGraph *g : graphs) {
        auto it = g->data()->findBegin(lower, false);
        if (it == g->data()->constEnd() || it->key > upper)
            continue;
        inView.push_back(g);
        widest = std::max(widest, fm.horizontalAdvance(g->name()));
    }
    const int columns = legendColumns(widest, legend->iconSize().width(), width);
    const int room = std::max(0, maxRows) * columns;
    int shown = int(inView.size());
    if (shown > room)
        shown = std::max(0, room - 1); // the last cell says how many more
    for (int i = 0; i < shown; ++i)
        inView[size_t(i)]->addToLegend();
    const int left = int(inView.size()) - shown;
    if (left > 0 && room > 0)
        legend->addItem(new MoreLegendItem(
            legend, QCoreApplication::translate("ms::TimelineView", "+%n more (hover a marker)", nullptr, left)));
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    return left;
}

void TimelinePresentationLook::apply(QCustomPlot *plot)
{
    QCPAxis *axes[] = {plot->xAxis, plot->yAxis};
    m_legendFont = plot->legend->font();
    QFont labels = plot->xAxis->tickLabelFont();
    labels.setPointSizeF(labels.pointSizeF() * 1.3);
    labels.setBold(true);
    for (int i = 0; i < 2; ++i) {
        m_axes[i] = {axes[i]->tickLabelFont(), axes[i]->labelFont(), axes[i]->tickLabelColor(),
                     axes[i]->grid()->pen()};
        axes[i]->setTickLabelFont(labels);
        axes[i]->setLabelFont(labels);
        axes[i]->setTickLabelColor(Qt::black);
        axes[i]->grid()->setPen(QPen(QColor(0x80, 0x80, 0x80), 1, Qt::SolidLine));
    }
    plot->legend->setFont(labels);
}

void TimelinePresentationLook::restore(QCustomPlot *plot) const
{
    QCPAxis *axes[] = {plot->xAxis, plot->yAxis};
    for (int i = 0; i < 2; ++i) {
        axes[i]->setTickLabelFont(m_axes[i].tickFont);
        axes[i]->setLabelFont(m_axes[i].labelFont);
        axes[i]->setTickLabelColor(m_axes[i].tickColor);
        axes[i]->grid()->setPen(m_axes[i].grid);
    }
    plot->legend->setFont(m_legendFont);
}

} // namespace ms
