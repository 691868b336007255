#pragma once

#include "events/event.h"

#include <QColor>
#include <QFont>
#include <QPen>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <array>
#include <vector>

class QAction;
class QImage;
class QComboBox;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QToolBar;

namespace ms {

class EventLog;
class TimelineBands;

/// The live timeline (QCustomPlot): one lane per kind of event (user
/// actions, session, mapper, instance, attribute, query, SQL), a marker per
/// event coloured by hook with a legend, flushes and transactions as bands
/// behind the markers, failed events crossed out in red.
///
/// Built for volume: the log's batches are appended to the graphs at most
/// 30 times a second (never one redraw per event), QCustomPlot's adaptive
/// sampling thins dense stretches, and the bands are one item that draws
/// only what is visible. The x axis is the event order (evenly spaced, so
/// bursts stay readable) or the elapsed time.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    enum Lane {
        UserLane,
        SessionLane,
        MapperLane,
        InstanceLane,
        AttributeLane,
        QueryLane,
        SqlLane,
        LaneCount
    };
    enum class Axis { Order, Time };

    explicit TimelineView(EventLog *log, QWidget *parent = nullptr);
    ~TimelineView() override;

    static Lane laneOf(const Event &event);
    static QString laneName(Lane lane);

    /// How a hook's markers look: the shape tells its group (persistence and
    /// flush round, configuration and transactions square, object lifecycle
    /// triangles, steps, warnings and errors diamonds), the colour the hook
    /// within its group, so that every hook of a lane looks different.
    struct Marker
    {
        enum Shape { Circle, Square, Triangle, Diamond };
        QColor color;
        Shape shape;
    };
    static Marker markerOf(EventType type);

    QCustomPlot *plot() const { return m_plot; }
    QWidget *plotWidget() const;
    /// Events marked failed so far.
    qsizetype failedCount() const { return m_failedCount; }
    /// Events a log listener heard, drawn with a ring.
    qsizetype listenedCount() const;
    /// The log index after the last event drawn (the log's size once the
    /// batch is shown).
    qsizetype shownCount() const { return m_processed; }
    /// The oldest event drawn: the ones before it were dropped by the log's cap.
    qsizetype firstShown() const { return m_shownFirst; }
    /// The marker saying that events were dropped (hidden when none were).
    QCPItemText *droppedMarker() const { return m_droppedText; }
    /// Markers on @p lane.
    qsizetype laneCount(Lane lane) const { return qsizetype(m_lanes[lane].size()); }
    /// The flush and transaction bands found so far.
    int bandCount() const;
    /// User actions (steps) seen: every other one's events are shaded as a group.
    qsizetype stepCount() const;

    Axis axis() const { return m_axis; }
    void setAxis(Axis axis);
    /// Presentation mode: larger markers with an outline, large black lane
    /// names, a darker grid.
    void setPresentation(bool on);
    bool isPresentation() const { return m_presentation; }
    bool followsLive() const;
    void setFollowLive(bool on);
    /// The x position of event @p index on the current axis.
    double keyOf(qsizetype index) const;
    /// The event drawn nearest to @p pos (widget pixels of the plot) within
    /// a few pixels; -1 when none.
    qsizetype eventAt(const QPointF &pos) const;
    /// Where event @p index's marker is drawn (plot pixels).
    QPointF pixelOf(qsizetype index) const;

    /// Shows @p index as selected (a ring around its marker), scrolling to
    /// it when it is out of view; -1 clears. Does not emit eventClicked().
    void setSelectedEvent(qsizetype index);
    qsizetype selectedEvent() const { return m_selected; }

    /// Appends every event recorded so far now, instead of at the next
    /// batch (tests, exports).
    void flushPending();
    void fitAll();
    /// Writes the visible timeline to @p path (.png or .pdf).
    bool exportTo(const QString &path, QString *error = nullptr);
    /// The visible timeline drawn at @p width x @p height pixels, its legend
    /// laid out for that width (the report's picture).
    QImage toImage(int width, int height);

Q_SIGNALS:
    /// The user clicked the marker of event @p index.
    void eventClicked(qsizetype index);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onAppended(qsizetype first, qsizetype last);
    void onCleared();
    void appendPending();
    void dropBefore(qsizetype first);
    void updateDroppedMarker();
    void rebuild();
    QCPGraph *graphFor(EventType type);
    void updateFollow();
    /// Lays the legend out for a plot @p width pixels wide (0: the widget's).
    void updateLegend(int width = 0);
    void updateSampling();
    void showTooltip(const QPointF &pos, const QPoint &global);
    void chooseExport();

    QPointer<EventLog> m_log;
    QCustomPlot *m_plot;
    QToolBar *m_toolBar;
    QAction *m_follow;
    QComboBox *m_axisChoice;
    TimelineBands *m_bands;
    QCPGraph *m_failed;
    QCPGraph *m_listened;
    QCPGraph *m_selection;
    QCPItemStraightLine *m_droppedLine;
    QCPItemText *m_droppedText;
    std::array<QCPGraph *, eventTypeCount> m_graphs {};
    std::array<std::vector<qint32>, LaneCount> m_lanes;
    QTimer m_batch;
    qsizetype m_processed = 0;
    qsizetype m_shownFirst = 0;
    bool m_presentation = false;
    struct AxisLook
    {
        QFont tickFont;
        QFont labelFont;
        QColor tickColor;
        QPen grid;
    };
    AxisLook m_normalAxes[2];
    QFont m_normalLegendFont;
    qsizetype m_failedCount = 0;
    bool m_legendDirty = false;
    quint64 m_generation = 0;
    qsizetype m_selected = -1;
    Axis m_axis = Axis::Order;
    QPointF m_pressPos;
};

} // namespace ms
