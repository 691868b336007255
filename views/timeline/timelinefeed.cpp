#include "timelinefeed.h"

#include "events/eventlog.h"

#include "qcustomplot_include.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ms {

TimelineFeed::TimelineFeed(EventLog *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kBatchMs);
    connect(&m_timer, &QTimer::timeout, this, &TimelineFeed::batchDue);
    m_generation = log->generation();
    connect(log, &EventLog::eventsAppended, this, &TimelineFeed::onAppended);
    connect(log, &EventLog::eventsDropped, this, &TimelineFeed::onAppended);
    connect(log, &EventLog::cleared, this, &TimelineFeed::onCleared);
}

EventLog *TimelineFeed::log() const
{
    return m_log;
}

double TimelineFeed::keyOf(qsizetype index) const
{
    if (m_axis == TimelineAxis::Order)
        return double(index + 1);
    // An event dropped by the cap since the last batch: at the oldest kept.
    return double(m_log->at(std::max(index, m_log->first())).nsecs()) / 1e6;
}

void TimelineFeed::onAppended()
{
    m_generation = m_log->generation();
    if (!m_timer.isActive())
        m_timer.start();
}

void TimelineFeed::onCleared()
{
    // A batch queued before the clear belongs to the old generation: drop it.
    m_timer.stop();
    m_generation = m_log ? m_log->generation() : 0;
    reset();
    Q_EMIT restarted();
}

void TimelineFeed::reset()
{
    for (auto &lane : m_lanes)
        lane.clear();
    m_failed.clear();
    m_listened.clear();
    m_bands.clear();
    m_sessionBands.clear();
    m_processed = 0;
    m_shownFirst = 0;
}

TimelineBatch TimelineFeed::take()
{
    m_timer.stop();
    TimelineBatch batch;
    if (!m_log || m_log->generation() != m_generation) {
        m_generation = m_log ? m_log->generation() : 0;
        batch.stale = true;
        return batch;
    }
    if (m_log->first() > m_shownFirst) {
        batch.dropped = true;
        batch.droppedKey = dropBefore(m_log->first());
    }
    const qsizetype end = m_log->size();
    batch.first = batch.end = m_processed;
    // several sessions: a band detector each (their transactions overlap)
    const int sessions = m_log->sessionCount();
    if (sessions > 1 && m_sessionBands.size() != size_t(sessions))
        m_sessionBands.resize(size_t(sessions));
    for (qsizetype i = m_processed; i < end; ++i) {
        const Event &e = m_log->at(i);
        const TimelineStyle::Lane lane = TimelineStyle::laneOf(e);
        const double key = keyOf(i);
        const double y = yOf(i);
        batch.hooks[size_t(e.type)].add(key, y);
        m_lanes[lane].push_back(qint32(i));
        if (e.flags & Event::Failed) {
            batch.failed.add(key, y);
            m_failed.push_back(qint32(i));
        }
        if (e.flags & Event::Listened) {
            batch.listened.add(key, y);
            m_listened.push_back(qint32(i));
        }
        m_bands.feed(*m_log, i);
        if (sessions > 1) {
            const int s = m_log->sessionAt(i);
            if (s >= 1 && s <= sessions)
                m_sessionBands[size_t(s - 1)].feed(*m_log, i);
        }
    }
    m_processed = batch.end = std::max(m_processed, end);
    return batch;
}

qsizetype TimelineFeed::nearest(TimelineStyle::Lane lane, double key, double tolerance) const
{
    const std::vector<qint32> &events = m_lanes[lane];
    auto it = std::lower_bound(events.begin(), events.end(), key,
                               [this](qint32 i, double k) { return keyOf(i) < k; });
    qsizetype best = -1;
    double bestDistance = tolerance;
    for (auto candidate : {it, it == events.begin() ? events.end() : it - 1}) {
        if (candidate == events.end())
            continue;
        const double d = std::abs(keyOf(*candidate) - key);
        if (d <= bestDistance) {
            bestDistance = d;
            best = *candidate;
        }
    }
    return best;
}

std::optional<TimelineFeed::KeyRange> TimelineFeed::fitRange() const
{
    if (m_processed <= m_shownFirst)
        return std::nullopt;
    const double first = keyOf(m_shownFirst);
    const double last = keyOf(m_processed - 1);
    const double pad = m_axis == TimelineAxis::Order ? 1.0 : std::max(0.01, (last - first) * 0.02);
    return KeyRange {first - pad, std::max(last + pad, first + pad)};
}

std::optional<TimelineFeed::KeyRange> TimelineFeed::followRange(double size) const
{
    if (m_processed <= m_shownFirst)
        return std::nullopt;
    const double first = keyOf(m_shownFirst);
    const double last = keyOf(m_processed - 1);
    const bool order = m_axis == TimelineAxis::Order;
    const double margin = order ? 2.0 : 0.02 * size;
    if (last - first + margin <= size) {
        const double start = first - (order ? 1.0 : 0.0);
        return KeyRange {start, start + size};
    }
    return KeyRange {last + margin - size, last + margin};
}

double TimelineFeed::dropBefore(qsizetype first)
{
    // The log's cap dropped events [m_shownFirst, first): their lane
    // entries, crosses, rings and bands go.
    m_shownFirst = first;
    m_processed = std::max(m_processed, first);
    const double key = m_processed > first ? keyOf(first) : std::numeric_limits<double>::max();
    auto trim = [first](std::vector<qint32> &indexes) {
        indexes.erase(indexes.begin(),
                      std::lower_bound(indexes.begin(), indexes.end(), qint32(first)));
    };
    for (auto &lane : m_lanes)
        trim(lane);
    trim(m_failed);
    trim(m_listened);
    m_bands.dropBefore(first);
    for (TimelineBandDetector &b : m_sessionBands)
        b.dropBefore(first);
    return key;
}

double TimelineFeed::yOf(qsizetype index) const
{
    const Event &e = m_log->at(index);
    const int sessions = m_log->sessionCount();
    const double y = TimelineStyle::laneY(TimelineStyle::laneOf(e));
    if (sessions <= 1 || (e.flags & Event::ConfigurePhase))
        return y;
    return y + TimelineStyle::sessionOffset(m_log->sessionAt(index), sessions);
}

TimelineGraphs::TimelineGraphs(QCustomPlot *plot)
    : m_plot(plot)
{
    m_listened = plot->addGraph();
    m_listened->setName(QCoreApplication::translate("ms::TimelineView", "listened"));
    m_listened->setLineStyle(QCPGraph::lsNone);
    m_listened->setScatterStyle(TimelineStyle::listenedStyle());
    m_failed = plot->addGraph();
    m_failed->setName(QCoreApplication::translate("ms::TimelineView", "failed"));
    m_failed->setLineStyle(QCPGraph::lsNone);
    m_failed->setScatterStyle(TimelineStyle::failedStyle());
    m_onTop = {m_listened, m_failed};

    m_droppedLine = new QCPItemStraightLine(plot);
    m_droppedLine->setPen(QPen(QColor(0x99, 0x6b, 0x00), 1.5, Qt::DashLine));
    m_droppedLine->setSelectable(false);
    m_droppedLine->setVisible(false);
    m_droppedText = new QCPItemText(plot);
    m_droppedText->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_droppedText->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_droppedText->setPadding(QMargins(4, 2, 4, 2));
    m_droppedText->setBrush(QColor(0xff, 0xf3, 0xcd));
    m_droppedText->setColor(QColor(0x66, 0x4d, 0x03));
    m_droppedText->setClipToAxisRect(false);
    m_droppedText->setSelectable(false);
    m_droppedText->setVisible(false);
}

void TimelineGraphs::showDropped(const TimelineFeed &feed)
{
    const EventLog *log = feed.log();
    const qsizetype dropped = log ? log->first() : 0;
    const bool show = dropped > 0 && feed.processed() > dropped;
    m_droppedLine->setVisible(show);
    m_droppedText->setVisible(show);
    if (!show)
        return;
    const double key = feed.keyOf(dropped);
    m_droppedLine->point1->setCoords(key, 0);
    m_droppedLine->point2->setCoords(key, 1);
    m_droppedText->position->setCoords(key, 0.01);
    m_droppedText->setText(QCoreApplication::translate("ms::TimelineView",
                                                       "◀ %1 older events dropped (limit %2)")
                               .arg(QLocale().toString(dropped),
                                    QLocale().toString(log->capacity())));
}

void TimelineGraphs::add(const TimelineBatch &batch)
{
    if (batch.dropped)
        removeBefore(batch.droppedKey);
    for (int t = 0; t < eventTypeCount; ++t) {
        const TimelinePoints &points = batch.hooks[size_t(t)];
        if (!points.isEmpty())
            graphFor(EventType(t))->addData(points.keys, points.values, true);
    }
    if (!batch.failed.isEmpty())
        m_failed->addData(batch.failed.keys, batch.failed.values, true);
    if (!batch.listened.isEmpty())
        m_listened->addData(batch.listened.keys, batch.listened.values, true);
}

void TimelineGraphs::removeBefore(double key)
{
    for (QCPGraph *g : m_graphs)
        if (g)
            g->data()->removeBefore(key);
    m_failed->data()->removeBefore(key);
    m_listened->data()->removeBefore(key);
}

void TimelineGraphs::clear()
{
    for (QCPGraph *&g : m_graphs) {
        if (g)
            m_plot->removeGraph(g);
        g = nullptr;
    }
    m_failed->data()->clear();
    m_listened->data()->clear();
}

QCPGraph *TimelineGraphs::graphFor(EventType type)
{
    QCPGraph *&g = m_graphs[size_t(type)];
    if (!g) {
        g = m_plot->addGraph();
        g->setName(eventName(type));
        g->setLineStyle(QCPGraph::lsNone);
        g->setAdaptiveSampling(true);
        g->setScatterStyle(TimelineStyle::scatterStyle(type, m_large));
        // Keep the rings and the crosses on top.
        for (QCPGraph *top : m_onTop)
            top->setLayer(m_plot->layer(QStringLiteral("main")));
    }
    return g;
}

void TimelineGraphs::setLarge(bool large)
{
    m_large = large;
    for (int t = 0; t < eventTypeCount; ++t)
        if (QCPGraph *g = m_graphs[size_t(t)])
            g->setScatterStyle(TimelineStyle::scatterStyle(EventType(t), large));
}

std::vector<QCPGraph *> TimelineGraphs::legendCandidates() const
{
    std::vector<QCPGraph *> graphs;
    for (QCPGraph *g : m_graphs)
        if (g)
            graphs.push_back(g);
    graphs.push_back(m_failed);
    graphs.push_back(m_listened);
    return graphs;
}

void TimelineGraphs::updateSampling()
{
    // Markers are 9 pixels wide: where a hook's events lie closer than
    // 3 pixels apart, draw every n-th; zoomed in, every event is drawn.
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

} // namespace ms
