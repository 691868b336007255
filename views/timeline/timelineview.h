#pragma once

#include "events/event.h"
#include "timelinefeed.h"
#include "timelinestyle.h"

#include <QWidget>

#include <memory>

class QAction;
class QImage;
class QComboBox;
class QCPGraph;
class QCPItemText;
class QCustomPlot;
class QToolBar;

namespace ms {

class EventLog;

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
///
/// The widget: the plot, its toolbar, selection, clicks and tooltips, the
/// view's range. The lanes, markers and legend are TimelineStyle's, the
/// batches and graphs TimelineFeed's and TimelineGraphs', the bands
/// TimelineBandDetector's (timelinestyle.h, timelinefeed.h, timelinebands.h).
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    using Lane = TimelineStyle::Lane;
    using enum TimelineStyle::Lane; // TimelineView::UserLane ... TimelineView::LaneCount
    using Axis = TimelineAxis;
    using Marker = TimelineStyle::Marker;

    explicit TimelineView(EventLog *log, QWidget *parent = nullptr);
    ~TimelineView() override;

    static Lane laneOf(const Event &event) { return TimelineStyle::laneOf(event); }
    static QString laneName(Lane lane) { return TimelineStyle::laneName(lane); }
    /// How a hook's markers look (TimelineStyle::markerOf()).
    static Marker markerOf(EventType type) { return TimelineStyle::markerOf(type); }

    QCustomPlot *plot() const { return m_plot; }
    QWidget *plotWidget() const;
    /// Events marked failed so far.
    qsizetype failedCount() const { return m_feed->failedCount(); }
    /// Events a log listener heard, drawn with a ring.
    qsizetype listenedCount() const { return m_feed->listenedCount(); }
    /// The log index after the last event drawn (the log's size once the
    /// batch is shown).
    /// The N+1 explanation of event @p index when it is one of a group's
    /// lazy loads (see TimelineBandDetector); empty otherwise.
    QString nPlusOneNote(qsizetype index) const;
    qsizetype shownCount() const { return m_feed->processed(); }
    /// The oldest event drawn: the ones before it were dropped by the log's cap.
    qsizetype firstShown() const { return m_feed->shownFirst(); }
    /// The marker saying that events were dropped (hidden when none were).
    QCPItemText *droppedMarker() const;
    /// Markers on @p lane.
    qsizetype laneCount(Lane lane) const { return qsizetype(m_feed->lane(lane).size()); }
    /// The flush and transaction bands found so far.
    int bandCount() const { return m_feed->bands().count(); }
    /// User actions (steps) seen: every other one's events are shaded as a group.
    qsizetype stepCount() const { return m_feed->bands().stepCount(); }

    Axis axis() const { return m_feed->axis(); }
    void setAxis(Axis axis);
    /// Presentation mode: larger markers with an outline, large black lane
    /// names, a darker grid.
    void setPresentation(bool on);
    bool isPresentation() const { return m_presentation; }
    bool followsLive() const;
    void setFollowLive(bool on);
    /// The x position of event @p index on the current axis.
    double keyOf(qsizetype index) const { return m_feed->keyOf(index); }
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
    /// With @p everything, every event is in the picture; the window's own
    /// view is left as it was.
    QImage toImage(int width, int height, bool everything = false);
    /// The fewest pixels the plot needs so that its lanes keep their minimum
    /// spacing and the bands' labels their room (the legend gets the rest).
    int lanesMinimumHeight() const;
    /// Pixels between two neighbouring lanes now, and the fewest allowed.
    int laneSpacing() const;
    int minimumLaneSpacing() const;

Q_SIGNALS:
    /// The user clicked the marker of event @p index.
    void eventClicked(qsizetype index);
    /// The user asked what the hook of a marker is (its context menu).
    void hookHelpRequested(ms::EventType type);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void appendPending();
    void rebuild();
    void updateFollow();
    /// Lays the legend out for a plot @p width x @p height pixels (0: the
    /// widget's), in the rows the lanes leave, and the lanes' range.
    void updateLegend(int width = 0, int height = 0);
    /// The y range: room above the top lane for the bands' labels in an
    /// axis rect about @p axisHeight pixels tall.
    void updateLaneRange(int axisHeight);
    /// Pixels above the top lane for the bands' labels.
    int bandLabelRoom() const;
    /// The axis rect's margins above and below the lanes, in pixels.
    int axisMargins() const;
    void showTooltip(const QPointF &pos, const QPoint &global);
    void chooseExport();

    QCustomPlot *m_plot;
    TimelineFeed *m_feed; ///< made after the plot, so deleted after its bands item
    std::unique_ptr<TimelineGraphs> m_graphs;
    QToolBar *m_toolBar;
    QAction *m_follow;
    QAction *m_legendShown;
    QComboBox *m_axisChoice;
    QCPGraph *m_selection;
    bool m_presentation = false;
    TimelinePresentationLook m_look; ///< the normal look, kept while presenting
    bool m_legendDirty = false;
    qsizetype m_selected = -1;
    QPointF m_pressPos;
};

} // namespace ms
