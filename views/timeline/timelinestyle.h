#pragma once

#include "events/event.h"

#include <QColor>
#include <QFont>
#include <QPen>
#include <QString>

#include <algorithm>
#include <vector>

class QCPGraph;
class QCPLegend;
class QCPScatterStyle;
class QCustomPlot;

namespace ms {

/// How the timeline looks: which lane an event goes to and in what order
/// the lanes are stacked, the marker of each hook, and the legend under the
/// plot. The lane and marker rules are plain functions (no plot needed);
/// the rest dresses a QCustomPlot with them.
///
/// Its strings keep the translation context of the timeline widget
/// ("ms::TimelineView"), where translators find the timeline's words.
class TimelineStyle
{
public:
    /// The lanes, top to bottom.
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

    /// The lane of a category: steps on the user's lane, instrumentation
    /// with the mapper, statements on the SQL lane.
    static Lane laneOf(EventCategory category);
    static Lane laneOf(const Event &event) { return laneOf(event.category()); }
    static QString laneName(Lane lane);
    /// The lane's y coordinate: the user's actions on top, SQL at 0.
    static double laneY(Lane lane) { return double(LaneCount - 1 - lane); }
    /// Several sessions (a project's "sessions"): each lane holds a row per
    /// session, the first on top; session @p session (1 to @p sessions) of
    /// lane @p lane is at laneY() plus this (0 with one session).
    static double sessionOffset(int session, int sessions)
    {
        if (sessions <= 1 || session < 1)
            return 0.0;
        const double row = sessionRowHeight(sessions);
        return 0.45 - row * (double(session) - 0.5);
    }
    /// The height of a session's row in a lane (1 lane: 0.9 of it).
    static double sessionRowHeight(int sessions) { return 0.9 / double(std::max(1, sessions)); }
    /// The lane whose y coordinate is nearest to @p y; -1 above the top
    /// lane or below the bottom one (by more than half a lane).
    static int laneAt(double y);

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

    /// How many legend columns fit @p width pixels when the longest name is
    /// @p widestName pixels and an icon @p iconWidth (1 to 12).
    static int legendColumns(int widestName, int iconWidth, int width);

    // Drawing with QCustomPlot.

    /// @p type's marker drawn once into a pixmap (a million markers are
    /// blitted, not stroked one by one); @p large for presentations.
    static QCPScatterStyle scatterStyle(EventType type, bool large = false);
    /// The cross over a failed event, the ring of a listened one, the ring
    /// of the selected one.
    static QCPScatterStyle failedStyle();
    static QCPScatterStyle listenedStyle();
    static QCPScatterStyle selectionStyle();
    /// The lanes on the y axis of @p plot: their names as ticks, a dotted grid.
    static void setUpLanes(QCustomPlot *plot);
    /// The legend in rows under the plot, in a font a little smaller than @p font.
    static void setUpLegend(QCustomPlot *plot, const QFont &font);
    /// Names in the legend the @p graphs (in their order) that have a point
    /// in [@p lower, @p upper], in as many columns as @p width pixels allow,
    /// so that no name is cut, and in at most @p maxRows rows, so that the
    /// lanes keep their height: the names that do not fit are counted in a
    /// last "+N more" entry. Returns how many were left out.
    static int layOutLegend(QCPLegend *legend, const std::vector<QCPGraph *> &graphs, double lower,
                            double upper, int width, int maxRows);
    /// The height of a legend row in @p legend's font.
    static int legendRowHeight(const QCPLegend *legend);
    /// The fewest pixels between two lanes' lines, so that markers (and the
    /// rings of listened ones) of neighbouring lanes never overlap.
    static int minimumLaneSpacing(bool large);
};

/// The presentation look of a timeline's axes and legend (large black lane
/// names and ticks, a darker grid), and the normal look to go back to.
class TimelinePresentationLook
{
public:
    /// Remembers @p plot's look and makes it the presentation one.
    void apply(QCustomPlot *plot);
    /// Puts back the look apply() remembered.
    void restore(QCustomPlot *plot) const;

private:
    struct AxisLook
    {
        QFont tickFont;
        QFont labelFont;
        QColor tickColor;
        QPen grid;
    };
    AxisLook m_axes[2];
    QFont m_legendFont;
};

} // namespace ms
