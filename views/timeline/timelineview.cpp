#include "timelineview.h"

#include "events/eventlog.h"
#include "common/eventtext.h"

#include "qcustomplot_include.h"

#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPixmap>
#include <QToolBar>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>
#include <limits>

namespace ms {

namespace {

constexpr int kBatchMs = 33; // at most ~30 appends and redraws a second

double laneY(TimelineView::Lane lane)
{
    return double(TimelineView::LaneCount - 1 - lane); // the user's actions on top
}

/// A marker drawn once into a pixmap: a million markers are blitted, not
/// stroked as paths one by one (that was 40x slower).
QCPScatterStyle markerStyle(EventType type, bool large = false)
{
    const TimelineView::Marker m = TimelineView::markerOf(type);
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
    case TimelineView::Marker::Square:
        p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
        break;
    case TimelineView::Marker::Diamond: {
        const QPointF diamond[] = {{size / 2.0, 0.5},
                                   {size - 0.5, size / 2.0},
                                   {size / 2.0, size - 0.5},
                                   {0.5, size / 2.0}};
        p.drawPolygon(diamond, 4);
        break;
    }
    case TimelineView::Marker::Triangle: {
        const QPointF triangle[] = {{size / 2.0, 0.5}, {size - 0.5, size - 1.0}, {0.5, size - 1.0}};
        p.drawPolygon(triangle, 3);
        break;
    }
    case TimelineView::Marker::Circle:
        p.drawEllipse(r);
        break;
    }
    p.end();
    return QCPScatterStyle(pixmap);
}

} // namespace

/// The flush and transaction bands: found while events are appended, drawn
/// as one item behind the markers, only the visible ones.
class TimelineBands : public QCPAbstractItem
{
public:
    struct Band
    {
        qsizetype first;
        qsizetype last = -1; ///< -1: still open
        bool flush;
        bool failed = false;
    };

    TimelineBands(QCustomPlot *plot, TimelineView *view)
        : QCPAbstractItem(plot)
        , m_view(view)
    {
    }

    double selectTest(const QPointF &, bool, QVariant *) const override { return -1; }

    void clear()
    {
        m_flushes.clear();
        m_transactions.clear();
        m_evenSteps.clear();
        m_steps = 0;
    }
    /// User actions (scenario steps) seen so far: every other one is shaded,
    /// so that the events of each step read as a group.
    qsizetype stepCount() const { return m_steps; }
    int count() const { return int(m_flushes.size() + m_transactions.size()); }

    /// Forgets the bands that ended before event @p first (dropped by the
    /// log's cap) and starts the one it cuts at @p first.
    void dropBefore(qsizetype first)
    {
        for (std::vector<Band> *bands : {&m_flushes, &m_transactions, &m_evenSteps}) {
            auto kept = std::find_if(bands->begin(), bands->end(),
                                     [first](const Band &b) { return b.last < 0 || b.last >= first; });
            bands->erase(bands->begin(), kept);
            if (!bands->empty() && bands->front().first < first)
                bands->front().first = first;
        }
    }

    void feed(const EventLog &log, qsizetype i)
    {
        const Event &e = log.at(i);
        Band *openFlush
            = !m_flushes.empty() && m_flushes.back().last < 0 ? &m_flushes.back() : nullptr;
        if (openFlush && (e.flags & Event::Failed))
            openFlush->failed = true;
        switch (e.type) {
        case EventType::Step:
            // A user action starts a group that lasts until the next one.
            if (!m_evenSteps.empty() && m_evenSteps.back().last < 0)
                m_evenSteps.back().last = i - 1;
            if (m_steps++ % 2 == 0)
                m_evenSteps.push_back({i, -1, false});
            break;
        case EventType::BeforeFlush:
            if (openFlush)
                openFlush->last = i - 1;
            m_flushes.push_back({i, -1, true});
            break;
        case EventType::AfterFlushPostexec:
        case EventType::Error:
        case EventType::AfterSoftRollback:
            if (openFlush)
                openFlush->last = i;
            break;
        case EventType::AfterTransactionCreate:
            if (!isSubtransaction(log, e)) {
                if (!m_transactions.empty() && m_transactions.back().last < 0)
                    m_transactions.back().last = i - 1;
                m_transactions.push_back({i, -1, false});
            }
            break;
        case EventType::AfterTransactionEnd:
            if (!isSubtransaction(log, e) && !m_transactions.empty()
                && m_transactions.back().last < 0)
                m_transactions.back().last = i;
            break;
        case EventType::AfterRollback:
            if (!m_transactions.empty() && m_transactions.back().last < 0)
                m_transactions.back().failed = true;
            break;
        default:
            break;
        }
    }

protected:
    void draw(QCPPainter *painter) override
    {
        const qsizetype shown = m_view->shownCount();
        if (shown == 0)
            return;
        QCPAxis *x = parentPlot()->xAxis;
        const QRect area = clipRect();
        const QCPRange range = x->range();
        // Half the spacing between two events, so that a band covers its
        // first and last markers.
        const double pad = m_view->axis() == TimelineView::Axis::Order ? 0.45 : 0.0;
        auto drawAll = [&](const std::vector<Band> &bands, const QColor &fill, const QColor &failed,
                           int top, int bottom, const QString &label) {
            // Bands are sorted and do not overlap: start at the first that
            // ends in view.
            auto it = std::lower_bound(
                bands.begin(), bands.end(), range.lower, [&](const Band &b, double key) {
                    const qsizetype last = b.last < 0 ? shown - 1 : b.last;
                    return m_view->keyOf(std::min(last, shown - 1)) + pad < key;
                });
            // Bands narrower than a pixel merge into the rectangle being
            // drawn, and the bands it covers are skipped by a binary search:
            // the cost follows the pixels, not the number of bands.
            const int labelWidth = painter->fontMetrics().horizontalAdvance(label) + 6;
            bool pending = false;
            bool pendingFailed = false;
            double px0 = 0, px1 = 0;
            auto flushRect = [&] {
                if (!pending)
                    return;
                const QRectF r(QPointF(px0, top), QPointF(px1, bottom));
                painter->fillRect(r, pendingFailed ? failed : fill);
                if (r.width() > labelWidth) {
                    QColor text = pendingFailed ? failed : fill;
                    text.setAlpha(255);
                    painter->setPen(text.darker(170));
                    painter->drawText(r.adjusted(3, 1, -2, 0), Qt::AlignLeft | Qt::AlignTop, label);
                }
                pending = false;
            };
            while (it != bands.end() && it->first < shown) {
                const double k0 = m_view->keyOf(it->first) - pad;
                if (k0 > range.upper)
                    break;
                const qsizetype last = it->last < 0 ? shown - 1 : std::min(it->last, shown - 1);
                const double x0 = x->coordToPixel(k0);
                const double x1 = std::max(x->coordToPixel(m_view->keyOf(last) + pad), x0 + 2);
                if (pending && x0 <= px1 + 1) {
                    px1 = std::max(px1, x1);
                    pendingFailed = pendingFailed || it->failed;
                } else {
                    flushRect();
                    pending = true;
                    pendingFailed = it->failed;
                    px0 = x0;
                    px1 = x1;
                }
                if (x1 - x0 <= 3) {
                    // Skip to the first band that starts past the next pixel.
                    const double next = x->pixelToCoord(px1 + 1);
                    auto skip = std::lower_bound(
                        it + 1, bands.end(), next, [&](const Band &b, double key) {
                            return b.first < shown && m_view->keyOf(b.first) - pad < key;
                        });
                    if (skip != it + 1) {
                        const qsizetype before = std::min(
                            (skip - 1)->last < 0 ? shown - 1 : (skip - 1)->last, shown - 1);
                        px1 = std::max(px1, x->coordToPixel(m_view->keyOf(before) + pad));
                        it = skip;
                        continue;
                    }
                }
                ++it;
            }
            flushRect();
        };
        QFont f = painter->font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        painter->setFont(f);
        const int lineHeight = painter->fontMetrics().height();
        drawAll(m_evenSteps, QColor(0, 0, 0, 16), QColor(0, 0, 0, 16), area.top(), area.bottom(),
                QString());
        drawAll(m_transactions, QColor(46, 125, 50, 28), QColor(198, 40, 40, 28), area.top(),
                area.bottom(), QCoreApplication::translate("TimelineView", "transaction"));
        drawAll(m_flushes, QColor(21, 101, 192, 45), QColor(198, 40, 40, 60),
                area.top() + lineHeight + 2, area.bottom(),
                QCoreApplication::translate("TimelineView", "flush"));
    }

private:
    static bool isSubtransaction(const EventLog &log, const Event &e)
    {
        const QVariantMap m = log.value(e.value).toMap();
        return m.value(QStringLiteral("subtransaction")).toBool()
            || m.value(QStringLiteral("nested")).toBool();
    }

    TimelineView *m_view;
    std::vector<Band> m_flushes;
    std::vector<Band> m_transactions;
    std::vector<Band> m_evenSteps;
    qsizetype m_steps = 0;
};

TimelineView::TimelineView(EventLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_plot(new QCustomPlot(this))
    , m_toolBar(new QToolBar(this))
    , m_axisChoice(new QComboBox(this))
{
    m_plot->setObjectName(QStringLiteral("timelinePlot"));
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->yAxis->setRange(-0.6, double(LaneCount) - 0.4);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int lane = 0; lane < LaneCount; ++lane)
        ticker->addTick(laneY(Lane(lane)), laneName(Lane(lane)));
    m_plot->yAxis->setTicker(ticker);
    m_plot->yAxis->grid()->setPen(QPen(QColor(220, 220, 220), 1, Qt::DotLine));
    m_plot->xAxis->setLabel(tr("event order"));
    m_plot->xAxis->setRange(0, 50);

    // Bands behind the markers.
    m_plot->addLayer(QStringLiteral("bands"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limBelow);
    m_bands = new TimelineBands(m_plot, this);
    m_bands->setLayer(QStringLiteral("bands"));

    // Events a log listener heard: a gold ring behind the marker.
    m_listened = m_plot->addGraph();
    m_listened->setName(tr("listened"));
    m_listened->setLineStyle(QCPGraph::lsNone);
    m_listened->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(QColor(0xe0, 0xa8, 0x00), 3), Qt::NoBrush, 17));
    m_failed = m_plot->addGraph();
    m_failed->setName(tr("failed"));
    m_failed->setLineStyle(QCPGraph::lsNone);
    m_failed->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCross, QPen(QColor(0xc6, 0x28, 0x28), 2.5), Qt::NoBrush, 13));
    m_selection = m_plot->addGraph();
    m_selection->setLineStyle(QCPGraph::lsNone);
    m_selection->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::NoBrush, 16));
    m_selection->removeFromLegend();

    // Where the timeline starts once the log's cap has dropped events.
    m_droppedLine = new QCPItemStraightLine(m_plot);
    m_droppedLine->setPen(QPen(QColor(0x99, 0x6b, 0x00), 1.5, Qt::DashLine));
    m_droppedLine->setSelectable(false);
    m_droppedLine->setVisible(false);
    m_droppedText = new QCPItemText(m_plot);
    m_droppedText->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_droppedText->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_droppedText->setPadding(QMargins(4, 2, 4, 2));
    m_droppedText->setBrush(QColor(0xff, 0xf3, 0xcd));
    m_droppedText->setColor(QColor(0x66, 0x4d, 0x03));
    m_droppedText->setClipToAxisRect(false);
    m_droppedText->setSelectable(false);
    m_droppedText->setVisible(false);

    // The legend: one entry per hook seen, in rows under the plot.
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(7);
    m_plot->legend->setBorderPen(Qt::NoPen);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_plot->legend->setFont(legendFont);
    m_plot->legend->setIconSize(12, 14); // tall enough for the underscores of hook names
    m_plot->legend->setRowSpacing(1);

    m_toolBar->setObjectName(QStringLiteral("timelineToolBar"));
    m_toolBar->setIconSize(QSize(16, 16));
    QAction *fit = m_toolBar->addAction(tr("&Fit All"), this, &TimelineView::fitAll);
    fit->setToolTip(tr("Show every event (Home)"));
    fit->setShortcut(QKeySequence(Qt::Key_Home));
    fit->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(fit);
    m_follow = m_toolBar->addAction(tr("Follow &Live"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Scroll with new events; zooming or panning stops it (End)"));
    m_follow->setShortcut(QKeySequence(Qt::Key_End));
    m_follow->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_follow);
    connect(m_follow, &QAction::toggled, this, [this](bool on) {
        if (on)
            updateFollow();
    });
    m_toolBar->addSeparator();
    m_toolBar->addWidget(new QLabel(tr("X axis: "), this));
    m_axisChoice->addItem(tr("Event order"));
    m_axisChoice->addItem(tr("Elapsed time"));
    m_axisChoice->setToolTip(tr("Evenly spaced events, or their real times"));
    connect(m_axisChoice, &QComboBox::currentIndexChanged, this,
            [this](int i) { setAxis(i == 0 ? Axis::Order : Axis::Time); });
    m_toolBar->addWidget(m_axisChoice);
    m_toolBar->addSeparator();
    QAction *exportAction
        = m_toolBar->addAction(tr("&Export..."), this, &TimelineView::chooseExport);
    exportAction->setToolTip(tr("Save the visible timeline as PNG or PDF"));
    auto *bandsKey = new QLabel(
        QStringLiteral("&nbsp;&nbsp;<span style='background:#c5d9ef'>&nbsp;%1&nbsp;</span> "
                       "<span style='background:#dbe9dc'>&nbsp;%2&nbsp;</span> "
                       "<span style='background:#f3cfcf'>&nbsp;%3&nbsp;</span>")
            .arg(tr("flush"), tr("transaction"), tr("failed")),
        this);
    m_toolBar->addWidget(bandsKey);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_plot, 1);

    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this] { m_legendDirty = true; });
    connect(m_plot, &QCustomPlot::beforeReplot, this, [this] {
        if (m_legendDirty)
            updateLegend();
        updateSampling();
    });
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);

    m_batch.setSingleShot(true);
    m_batch.setInterval(kBatchMs);
    connect(&m_batch, &QTimer::timeout, this, &TimelineView::appendPending);
    m_generation = log->generation();
    connect(log, &EventLog::eventsAppended, this, &TimelineView::onAppended);
    connect(log, &EventLog::cleared, this, &TimelineView::onCleared);
    connect(log, &EventLog::eventsDropped, this, [this] { onAppended(0, 0); });
    if (log->size() > 0)
        appendPending();
}

TimelineView::~TimelineView() = default;

TimelineView::Lane TimelineView::laneOf(const Event &event)
{
    switch (event.category()) {
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

QString TimelineView::laneName(Lane lane)
{
    switch (lane) {
    case UserLane:
        return tr("User actions");
    case SessionLane:
        return tr("Session");
    case MapperLane:
        return tr("Mapper");
    case InstanceLane:
        return tr("Instance");
    case AttributeLane:
        return tr("Attribute");
    case QueryLane:
        return tr("Query");
    case SqlLane:
        return tr("SQL");
    case LaneCount:
        break;
    }
    return {};
}

TimelineView::Marker TimelineView::markerOf(EventType type)
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

QWidget *TimelineView::plotWidget() const
{
    return m_plot;
}

QPointF TimelineView::pixelOf(qsizetype index) const
{
    return {m_plot->xAxis->coordToPixel(keyOf(index)),
            m_plot->yAxis->coordToPixel(laneY(laneOf(m_log->at(index))))};
}

qsizetype TimelineView::listenedCount() const
{
    return m_listened->data()->size();
}

qsizetype TimelineView::stepCount() const
{
    return m_bands->stepCount();
}

int TimelineView::bandCount() const
{
    return m_bands->count();
}

double TimelineView::keyOf(qsizetype index) const
{
    if (m_axis == Axis::Order)
        return double(index + 1);
    // An event dropped by the cap since the last batch: at the oldest kept.
    return double(m_log->at(std::max(index, m_log->first())).nsecs()) / 1e6;
}

QCPGraph *TimelineView::graphFor(EventType type)
{
    QCPGraph *&g = m_graphs[size_t(type)];
    if (!g) {
        g = m_plot->addGraph();
        g->setName(eventName(type));
        g->setLineStyle(QCPGraph::lsNone);
        g->setAdaptiveSampling(true);
        g->setScatterStyle(markerStyle(type, m_presentation));
        // Keep the selection ring and the failure crosses on top.
        m_listened->setLayer(m_plot->layer(QStringLiteral("main")));
        m_failed->setLayer(m_plot->layer(QStringLiteral("main")));
        m_selection->setLayer(m_plot->layer(QStringLiteral("main")));
    }
    return g;
}

void TimelineView::setPresentation(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    for (int t = 0; t < eventTypeCount; ++t)
        if (QCPGraph *g = m_graphs[size_t(t)])
            g->setScatterStyle(markerStyle(EventType(t), on));
    // Lane names and ticks large and black, the grid darker; back as they were.
    QCPAxis *axes[] = {m_plot->xAxis, m_plot->yAxis};
    if (on) {
        m_normalLegendFont = m_plot->legend->font();
        QFont labels = m_plot->xAxis->tickLabelFont();
        labels.setPointSizeF(labels.pointSizeF() * 1.3);
        labels.setBold(true);
        for (int i = 0; i < 2; ++i) {
            m_normalAxes[i] = {axes[i]->tickLabelFont(), axes[i]->labelFont(),
                               axes[i]->tickLabelColor(), axes[i]->grid()->pen()};
            axes[i]->setTickLabelFont(labels);
            axes[i]->setLabelFont(labels);
            axes[i]->setTickLabelColor(Qt::black);
            axes[i]->grid()->setPen(QPen(QColor(0x80, 0x80, 0x80), 1, Qt::SolidLine));
        }
        m_plot->legend->setFont(labels);
    } else {
        for (int i = 0; i < 2; ++i) {
            axes[i]->setTickLabelFont(m_normalAxes[i].tickFont);
            axes[i]->setLabelFont(m_normalAxes[i].labelFont);
            axes[i]->setTickLabelColor(m_normalAxes[i].tickColor);
            axes[i]->grid()->setPen(m_normalAxes[i].grid);
        }
        m_plot->legend->setFont(m_normalLegendFont);
    }
    m_legendDirty = true;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::updateSampling()
{
    // Markers are 9 pixels wide: where a hook's events lie closer than
    // 3 pixels apart, draw every n-th (QCustomPlot's scatter skip) on top
    // of its adaptive sampling. Zoomed in, every event is drawn.
    const QCPRange range = m_plot->xAxis->range();
    const double pixels = std::max(1, m_plot->axisRect()->width());
    for (QCPGraph *g : m_graphs) {
        if (!g)
            continue;
        const auto begin = g->data()->findBegin(range.lower, false);
        const auto end = g->data()->findEnd(range.upper, false);
        const double perMarker = double(end - begin) / (pixels / 3.0);
        g->setScatterSkip(perMarker > 1.0 ? int(perMarker) : 0);
    }
}

void TimelineView::updateLegend(int width)
{
    // The legend names the hooks in view (in the catalogue's order), in as
    // many columns as the longest name allows, so that no name is cut and
    // the lanes keep their height.
    m_legendDirty = false;
    QCPLegend *legend = m_plot->legend;
    const QCPRange range = m_plot->xAxis->range();
    legend->clearItems();
    const QFontMetrics fm(legend->font());
    int widest = 0;
    auto add = [&](QCPGraph *g) {
        g->addToLegend();
        widest = std::max(widest, fm.horizontalAdvance(g->name()));
    };
    for (QCPGraph *g : m_graphs) {
        if (!g)
            continue;
        auto it = g->data()->findBegin(range.lower, false);
        if (it != g->data()->constEnd() && it->key <= range.upper)
            add(g);
    }
    auto failed = m_failed->data()->findBegin(range.lower, false);
    if (failed != m_failed->data()->constEnd() && failed->key <= range.upper)
        add(m_failed);
    auto listened = m_listened->data()->findBegin(range.lower, false);
    if (listened != m_listened->data()->constEnd() && listened->key <= range.upper)
        add(m_listened);
    const int cell = widest + legend->iconSize().width() + 18;
    const int columns = std::clamp((width > 0 ? width : m_plot->width()) / std::max(cell, 1), 1, 12);
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

void TimelineView::onAppended(qsizetype, qsizetype)
{
    m_generation = m_log->generation();
    if (!m_batch.isActive())
        m_batch.start();
}

void TimelineView::onCleared()
{
    // A batch queued before the clear belongs to the old generation: drop it.
    m_batch.stop();
    m_generation = m_log ? m_log->generation() : 0;
    rebuild();
}

void TimelineView::rebuild()
{
    for (QCPGraph *&g : m_graphs) {
        if (g)
            m_plot->removeGraph(g);
        g = nullptr;
    }
    m_failed->data()->clear();
    m_listened->data()->clear();
    m_selection->data()->clear();
    m_selected = -1;
    for (auto &lane : m_lanes)
        lane.clear();
    m_bands->clear();
    m_processed = 0;
    m_shownFirst = 0;
    m_failedCount = 0;
    updateDroppedMarker();
    if (m_log && m_log->size() > 0)
        appendPending();
    else
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::appendPending()
{
    if (!m_log || m_log->generation() != m_generation) {
        m_generation = m_log ? m_log->generation() : 0;
        return;
    }
    if (m_log->first() > m_shownFirst)
        dropBefore(m_log->first());
    const qsizetype end = m_log->size();
    if (m_processed >= end) {
        updateDroppedMarker();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    std::array<QVector<double>, eventTypeCount> keys;
    std::array<QVector<double>, eventTypeCount> values;
    QVector<double> failedKeys, failedValues, listenedKeys, listenedValues;
    for (qsizetype i = m_processed; i < end; ++i) {
        const Event &e = m_log->at(i);
        const Lane lane = laneOf(e);
        const double key = keyOf(i);
        const double y = laneY(lane);
        keys[size_t(e.type)].append(key);
        values[size_t(e.type)].append(y);
        m_lanes[lane].push_back(qint32(i));
        if (e.flags & Event::Failed) {
            failedKeys.append(key);
            failedValues.append(y);
        }
        if (e.flags & Event::Listened) {
            listenedKeys.append(key);
            listenedValues.append(y);
        }
        m_bands->feed(*m_log, i);
    }
    m_processed = end;
    for (int t = 0; t < eventTypeCount; ++t)
        if (!keys[size_t(t)].isEmpty())
            graphFor(EventType(t))->addData(keys[size_t(t)], values[size_t(t)], true);
    if (!failedKeys.isEmpty())
        m_failed->addData(failedKeys, failedValues, true);
    if (!listenedKeys.isEmpty())
        m_listened->addData(listenedKeys, listenedValues, true);
    m_failedCount += failedKeys.size();
    m_legendDirty = true;
    updateDroppedMarker();
    updateFollow();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::dropBefore(qsizetype first)
{
    // The log's cap dropped events [m_shownFirst, first): their markers,
    // lane entries, bands and selection go; a marker shows where the
    // timeline now starts.
    m_shownFirst = first;
    m_processed = std::max(m_processed, first);
    const double key = m_processed > first ? keyOf(first) : std::numeric_limits<double>::max();
    for (QCPGraph *g : m_graphs)
        if (g)
            g->data()->removeBefore(key);
    m_failedCount -= m_failed->data()->size();
    m_failed->data()->removeBefore(key);
    m_listened->data()->removeBefore(key);
    m_failedCount += m_failed->data()->size();
    for (auto &lane : m_lanes)
        lane.erase(lane.begin(), std::lower_bound(lane.begin(), lane.end(), qint32(first)));
    m_bands->dropBefore(first);
    if (m_selected >= 0 && m_selected < first) {
        m_selected = -1;
        m_selection->data()->clear();
    }
    m_legendDirty = true;
}

void TimelineView::updateDroppedMarker()
{
    const qsizetype dropped = m_log ? m_log->first() : 0;
    const bool show = dropped > 0 && m_processed > dropped;
    m_droppedLine->setVisible(show);
    m_droppedText->setVisible(show);
    if (!show)
        return;
    const double key = keyOf(dropped);
    m_droppedLine->point1->setCoords(key, 0);
    m_droppedLine->point2->setCoords(key, 1);
    m_droppedText->position->setCoords(key, 0.01);
    m_droppedText->setText(tr("◀ %1 older events dropped (limit %2)")
                               .arg(QLocale().toString(dropped),
                                    QLocale().toString(m_log->capacity())));
}

void TimelineView::flushPending()
{
    m_batch.stop();
    appendPending();
}

bool TimelineView::followsLive() const
{
    return m_follow->isChecked();
}

void TimelineView::setFollowLive(bool on)
{
    m_follow->setChecked(on);
}

void TimelineView::updateFollow()
{
    if (!m_follow->isChecked() || m_processed == 0)
        return;
    if (m_processed <= m_shownFirst)
        return;
    const double last = keyOf(m_processed - 1);
    const double first = keyOf(m_shownFirst);
    const QCPRange range = m_plot->xAxis->range();
    const double margin = m_axis == Axis::Order ? 2.0 : 0.02 * range.size();
    if (last - first + margin <= range.size())
        m_plot->xAxis->setRange(first - (m_axis == Axis::Order ? 1.0 : 0.0),
                                first + range.size() - (m_axis == Axis::Order ? 1.0 : 0.0));
    else
        m_plot->xAxis->setRange(last + margin - range.size(), last + margin);
}

void TimelineView::fitAll()
{
    flushPending();
    if (m_processed <= m_shownFirst)
        return;
    const double first = keyOf(m_shownFirst);
    const double last = keyOf(m_processed - 1);
    const double pad = m_axis == Axis::Order ? 1.0 : std::max(0.01, (last - first) * 0.02);
    m_plot->xAxis->setRange(first - pad, std::max(last + pad, first + pad));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::setAxis(Axis axis)
{
    if (axis == m_axis)
        return;
    m_axis = axis;
    {
        const QSignalBlocker block(m_axisChoice);
        m_axisChoice->setCurrentIndex(axis == Axis::Order ? 0 : 1);
    }
    m_plot->xAxis->setLabel(axis == Axis::Order ? tr("event order") : tr("elapsed time (ms)"));
    const qsizetype selected = m_selected;
    rebuild();
    fitAll();
    if (selected >= 0)
        setSelectedEvent(selected);
}

void TimelineView::setSelectedEvent(qsizetype index)
{
    m_selection->data()->clear();
    m_selected = -1;
    if (!m_log || !m_log->contains(index)) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    if (index >= m_processed)
        flushPending();
    m_selected = index;
    const double key = keyOf(index);
    m_selection->addData(key, laneY(laneOf(m_log->at(index))));
    const QCPRange range = m_plot->xAxis->range();
    if (!range.contains(key)) {
        m_follow->setChecked(false);
        m_plot->xAxis->setRange(key - range.size() / 2, key + range.size() / 2);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

qsizetype TimelineView::eventAt(const QPointF &pos) const
{
    if (!m_log || m_processed == 0 || !m_plot->axisRect()->rect().contains(pos.toPoint()))
        return -1;
    const double y = m_plot->yAxis->pixelToCoord(pos.y());
    const int laneIndex = LaneCount - 1 - int(std::lround(y));
    if (laneIndex < 0 || laneIndex >= LaneCount
        || std::abs(m_plot->yAxis->coordToPixel(std::round(y)) - pos.y()) > 10)
        return -1;
    const std::vector<qint32> &lane = m_lanes[size_t(laneIndex)];
    const double key = m_plot->xAxis->pixelToCoord(pos.x());
    auto it = std::lower_bound(lane.begin(), lane.end(), key,
                               [this](qint32 i, double k) { return keyOf(i) < k; });
    qsizetype best = -1;
    double bestDistance = 8.0; // pixels
    for (auto candidate : {it, it == lane.begin() ? lane.end() : it - 1}) {
        if (candidate == lane.end())
            continue;
        const double d = std::abs(m_plot->xAxis->coordToPixel(keyOf(*candidate)) - pos.x());
        if (d <= bestDistance) {
            bestDistance = d;
            best = *candidate;
        }
    }
    return best;
}

void TimelineView::showTooltip(const QPointF &pos, const QPoint &global)
{
    const qsizetype i = eventAt(pos);
    if (i < 0) {
        QToolTip::hideText();
        return;
    }
    QString text = eventSummary(*m_log, i);
    const QString explanation = eventExplanation(m_log->at(i).type);
    if (!explanation.isEmpty())
        text += QStringLiteral("\n\n") + explanation;
    QToolTip::showText(global, text, m_plot);
}

bool TimelineView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot) {
        switch (event->type()) {
        case QEvent::MouseButtonPress:
            m_pressPos = static_cast<QMouseEvent *>(event)->position();
            break;
        case QEvent::MouseMove: {
            auto *me = static_cast<QMouseEvent *>(event);
            if (me->buttons() & Qt::LeftButton) {
                if ((me->position() - m_pressPos).manhattanLength() > 3)
                    m_follow->setChecked(false); // the user pans
            }
            break;
        }
        case QEvent::MouseButtonRelease: {
            auto *me = static_cast<QMouseEvent *>(event);
            if (me->button() == Qt::LeftButton
                && (me->position() - m_pressPos).manhattanLength() <= 3) {
                const qsizetype i = eventAt(me->position());
                if (i >= 0) {
                    setSelectedEvent(i);
                    Q_EMIT eventClicked(i);
                }
            }
            break;
        }
        case QEvent::Resize:
            m_legendDirty = true;
            break;
        case QEvent::Wheel:
            m_follow->setChecked(false); // the user zooms
            break;
        case QEvent::ToolTip: {
            auto *he = static_cast<QHelpEvent *>(event);
            showTooltip(he->pos(), he->globalPos());
            return true;
        }
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool TimelineView::exportTo(const QString &path, QString *error)
{
    flushPending();
    m_plot->replot();
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("pdf"))
        ok = m_plot->savePdf(path);
    else
        ok = m_plot->savePng(path);
    if (!ok && error)
        *error = tr("Cannot write %1: check that the folder exists and is writable.").arg(path);
    return ok;
}

QImage TimelineView::toImage(int width, int height)
{
    flushPending();
    updateLegend(width);
    const QImage image = m_plot->toPixmap(width, height).toImage();
    // Laid out for the widget again at its next replot.
    m_legendDirty = true;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return image;
}

void TimelineView::chooseExport()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export Timeline"), QStringLiteral("timeline.png"),
                                       tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export Timeline"), error);
}

} // namespace ms
