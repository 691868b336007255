#pragma once

#include "events/event.h"
#include "timelinebands.h"
#include "timelinestyle.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVector>

#include <array>
#include <optional>
#include <vector>

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;

namespace ms {

class EventLog;

/// The timeline's x axis: the event order (evenly spaced, so that bursts
/// stay readable) or the elapsed time.
enum class TimelineAxis { Order, Time };

/// Points to add to one graph: x (the event's key) and y (its lane).
struct TimelinePoints
{
    QVector<double> keys;
    QVector<double> values;

    void add(double key, double value)
    {
        keys.append(key);
        values.append(value);
    }
    qsizetype size() const { return keys.size(); }
    bool isEmpty() const { return keys.isEmpty(); }
};

/// What one batch changes on the timeline: the points of the events
/// [first, end), by hook, with the crosses of the failed ones and the rings
/// of the listened ones; before them, the points the log's cap dropped.
struct TimelineBatch
{
    /// Taken after the log was cleared and before the feed heard of it:
    /// nothing to draw, the feed starts over.
    bool stale = false;
    /// The cap dropped events: the points with keys before droppedKey go.
    bool dropped = false;
    double droppedKey = 0;
    qsizetype first = 0;
    qsizetype end = 0;
    std::array<TimelinePoints, eventTypeCount> hooks;
    TimelinePoints failed;
    TimelinePoints listened;

    bool isEmpty() const { return first >= end; }
};

/// The timeline's feed: hears the event log's batched appends, clears and
/// drops, waits at most kBatchMs before saying a batch is due (never one
/// redraw per event), and turns the events appended since into points, one
/// list per hook. Keeps what the view looks events up by: the events of each
/// lane, the failed and listened ones, the bands. Needs no plot; the
/// QCustomPlot side is TimelineGraphs.
class TimelineFeed : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBatchMs = 33; // at most ~30 appends and redraws a second

    explicit TimelineFeed(EventLog *log, QObject *parent = nullptr);

    EventLog *log() const;
    TimelineAxis axis() const { return m_axis; }
    /// Puts the events on @p axis: their keys change, so reset() and take
    /// them again.
    void setAxis(TimelineAxis axis) { m_axis = axis; }
    /// The x position of event @p index on the axis.
    double keyOf(qsizetype index) const;

    /// The log index after the last event taken.
    qsizetype processed() const { return m_processed; }
    /// The oldest event shown: the ones before it were dropped by the log's cap.
    qsizetype shownFirst() const { return m_shownFirst; }
    /// The log indexes of the events shown on @p lane, in order.
    const std::vector<qint32> &lane(TimelineStyle::Lane lane) const { return m_lanes[lane]; }
    /// The event on @p lane nearest to @p key, at most @p tolerance away
    /// (the earlier one of two as near); -1 when none.
    qsizetype nearest(TimelineStyle::Lane lane, double key, double tolerance) const;
    qsizetype failedCount() const { return qsizetype(m_failed.size()); }
    qsizetype listenedCount() const { return qsizetype(m_listened.size()); }
    const TimelineBandDetector &bands() const { return m_bands; }
    /// A project's several sessions: how many (0 or 1: one lane row), and
    /// the flush, transaction and savepoint bands of each (from 1).
    int sessionCount() const { return int(m_sessionBands.size()); }
    const TimelineBandDetector &sessionBands(int session) const { return m_sessionBands[size_t(session - 1)]; }
    /// Event @p index's y: its lane, and its session's row in it.
    double yOf(qsizetype index) const;
    /// A batch is waiting for its timer.
    bool isPending() const { return m_timer.isActive(); }

    struct KeyRange
    {
        double lower;
        double upper;
    };
    /// The x range that shows every event shown, with a margin; none
    /// before the first event.
    std::optional<KeyRange> fitRange() const;
    /// The x range @p size wide that follows the newest event: from the
    /// first event while they all fit, then ending just past the newest.
    std::optional<KeyRange> followRange(double size) const;

    /// Takes the events appended since the last call (or the reset), now:
    /// the batch's timer stops.
    TimelineBatch take();
    /// Forgets every event taken: the next take() starts at the log's first.
    void reset();

Q_SIGNALS:
    /// kBatchMs after the first of a run of appends: take() them.
    void batchDue();
    /// The log was cleared: the feed has reset, and what was drawn goes.
    void restarted();

private:
    void onAppended();
    void onCleared();
    /// Forgets the events before @p first; the key before which points go.
    double dropBefore(qsizetype first);

    QPointer<EventLog> m_log;
    TimelineAxis m_axis = TimelineAxis::Order;
    QTimer m_timer;
    quint64 m_generation = 0;
    qsizetype m_processed = 0;
    qsizetype m_shownFirst = 0;
    std::array<std::vector<qint32>, TimelineStyle::LaneCount> m_lanes;
    std::vector<qint32> m_failed;
    std::vector<qint32> m_listened;
    TimelineBandDetector m_bands;
    /// Per session, when the log names several (empty: one).
    std::vector<TimelineBandDetector> m_sessionBands;
};

/// The feed's side of the plot: one graph per hook (made when its first
/// event comes, named after the hook, marked by TimelineStyle), the crosses
/// of failed events and the rings of listened ones, and the line where the
/// timeline starts once the log's cap has dropped events.
class TimelineGraphs
{
public:
    explicit TimelineGraphs(QCustomPlot *plot);

    /// Adds @p batch's points (and removes the dropped ones).
    void add(const TimelineBatch &batch);
    void removeBefore(double key);
    /// Removes the hooks' graphs and the crosses and rings.
    void clear();

    /// @p type's graph; nullptr before its first event.
    QCPGraph *graph(EventType type) const { return m_graphs[size_t(type)]; }
    QCPGraph *failed() const { return m_failed; }
    QCPGraph *listened() const { return m_listened; }
    /// Shows where @p feed's events start when the log's cap dropped older
    /// ones (hidden when none were dropped).
    void showDropped(const TimelineFeed &feed);
    /// The dropped events' label.
    QCPItemText *droppedText() const { return m_droppedText; }
    /// Keeps @p graph above the hooks' markers (the selection ring).
    void keepOnTop(QCPGraph *graph) { m_onTop.push_back(graph); }
    /// Large markers (presentation mode).
    void setLarge(bool large);
    /// The graphs the legend may name: the hooks in the catalogue's order,
    /// then the crosses and the rings.
    std::vector<QCPGraph *> legendCandidates() const;
    /// Where a hook's markers in view lie closer than 3 pixels, draws every
    /// n-th (QCustomPlot's scatter skip) on top of its adaptive sampling.
    void updateSampling();

private:
    QCPGraph *graphFor(EventType type);

    QCustomPlot *m_plot;
    QCPGraph *m_listened;
    QCPGraph *m_failed;
    QCPItemStraightLine *m_droppedLine;
    QCPItemText *m_droppedText;
    std::vector<QCPGraph *> m_onTop;
    std::array<QCPGraph *, eventTypeCount> m_graphs {};
    bool m_large = false;
};

} // namespace ms
