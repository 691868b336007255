#include "timelineview.h"

#include "events/eventlog.h"
#include "common/eventtext.h"
#include "common/toolrow.h"

#include "qcustomplot_include.h"

#include <QComboBox>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QSettings>
#include <QToolBar>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ms {

TimelineView::TimelineView(EventLog *log, QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_feed(new TimelineFeed(log, this))
    , m_toolBar(new QToolBar(this))
    , m_axisChoice(new QComboBox(this))
{
    m_plot->setObjectName(QStringLiteral("timelinePlot"));
    // An explicit minimum: the legend, laid out for the current width,
    // must not hold the window wider (its hint would); the height is the
    // lanes' (updateLegend()).
    m_plot->setMinimumWidth(240);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    TimelineStyle::setUpLanes(m_plot);
    m_plot->xAxis->setLabel(tr("event order"));
    m_plot->xAxis->setRange(0, 50);

    addBandsItem(m_plot, *m_feed); // behind the markers

    // The hooks' graphs, the rings of listened events and the crosses of
    // failed ones; the selection's ring above them all.
    m_graphs = std::make_unique<TimelineGraphs>(m_plot);
    m_selection = m_plot->addGraph();
    m_selection->setLineStyle(QCPGraph::lsNone);
    m_selection->setScatterStyle(TimelineStyle::selectionStyle());
    m_selection->removeFromLegend();
    m_graphs->keepOnTop(m_selection);
    TimelineStyle::setUpLegend(m_plot, font());

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
    m_legendShown = m_toolBar->addAction(tr("&Legend"));
    m_legendShown->setObjectName(QStringLiteral("timelineLegend"));
    m_legendShown->setCheckable(true);
    m_legendShown->setChecked(QSettings().value(QStringLiteral("timeline/legend"), true).toBool());
    m_legendShown->setToolTip(tr("Show the hooks' colours and shapes under the lanes, in the room "
                                 "the lanes leave"));
    connect(m_legendShown, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("timeline/legend"), on);
        m_legendDirty = true;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    m_toolBar->addSeparator();
    QAction *exportAction
        = m_toolBar->addAction(tr("&Export..."), this, &TimelineView::chooseExport);
    exportAction->setToolTip(tr("Save the visible timeline as PNG or PDF"));
    // The bands' colours beside the controls, or under them where the dock
    // is narrow (a Russian window at 1280 pixels).
    auto *key = new QToolBar(this);
    key->setObjectName(QStringLiteral("timelineKey"));
    key->addWidget(new QLabel(TimelineBand::keyHtml(), this));
    auto *tools = new ToolRow(this);
    tools->addToolBar(m_toolBar);
    tools->addToolBar(key);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(tools);
    layout->addWidget(m_plot, 1);

    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this] { m_legendDirty = true; });
    // The lanes' room follows the margins the replot laid out (a larger
    // font, a savepoint's label row); not during the replot: a resize
    // inside one is not drawn.
    connect(m_plot, &QCustomPlot::afterReplot, this, [this] {
        if (m_plot->minimumHeight() != lanesMinimumHeight())
            QTimer::singleShot(0, this, [this] { m_plot->setMinimumHeight(lanesMinimumHeight()); });
    });
    connect(m_plot, &QCustomPlot::beforeReplot, this, [this] {
        if (m_legendDirty)
            updateLegend();
        m_graphs->updateSampling();
    });
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);

    connect(m_feed, &TimelineFeed::batchDue, this, &TimelineView::appendPending);
    connect(m_feed, &TimelineFeed::restarted, this, &TimelineView::rebuild);
    if (log->size() > 0)
        appendPending();
}

TimelineView::~TimelineView() = default;

QWidget *TimelineView::plotWidget() const
{
    return m_plot;
}

QCPItemText *TimelineView::droppedMarker() const
{
    return m_graphs->droppedText();
}

QPointF TimelineView::pixelOf(qsizetype index) const
{
    const double y = m_feed->yOf(index);
    return {m_plot->xAxis->coordToPixel(keyOf(index)), m_plot->yAxis->coordToPixel(y)};
}

void TimelineView::setPresentation(bool on)
{
    if (on == m_presentation)
        return;
    m_presentation = on;
    m_graphs->setLarge(on);
    // Lane names and ticks large and black, the grid darker; back as they were.
    if (on)
        m_look.apply(m_plot);
    else
        m_look.restore(m_plot);
    m_legendDirty = true;
    m_plot->setMinimumHeight(lanesMinimumHeight());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int TimelineView::bandLabelRoom() const
{
    // Several sessions label their bands inside their rows.
    if (m_feed->sessionCount() > 1)
        return 0;
    const int line = QFontMetrics(m_plot->font()).height() + 2;
    const int rows = m_feed->bands().savepoints().empty() ? 2 : 3;
    return rows * line + TimelineStyle::minimumLaneSpacing(m_presentation) / 2;
}

int TimelineView::lanesMinimumHeight() const
{
    // The lanes at their minimum spacing, the room of the band labels above
    // the top lane, the axis' numbers and label below, a little margin above.
    const double units = double(TimelineStyle::LaneCount) + 0.2;
    return int(std::ceil(units * TimelineStyle::minimumLaneSpacing(m_presentation))) + bandLabelRoom()
        + axisMargins();
}

int TimelineView::axisMargins() const
{
    // What the x axis' numbers and label take below the lanes and the
    // margin above them: as laid out at the last replot, and never less
    // than the fonts need (before the first one, or in a larger font).
    const QMargins laidOut = m_plot->axisRect()->margins();
    const QFontMetrics ticks(m_plot->xAxis->tickLabelFont());
    const QFontMetrics label(m_plot->xAxis->labelFont());
    return std::max(laidOut.top() + laidOut.bottom(), ticks.height() + label.height() + 28);
}

int TimelineView::laneSpacing() const
{
    return int(std::lround(std::abs(m_plot->yAxis->coordToPixel(0) - m_plot->yAxis->coordToPixel(1))));
}

int TimelineView::minimumLaneSpacing() const
{
    return TimelineStyle::minimumLaneSpacing(m_presentation);
}

void TimelineView::updateLegend(int width, int height)
{
    m_legendDirty = false;
    const QCPRange range = m_plot->xAxis->range();
    if (width <= 0)
        width = m_plot->width();
    if (height <= 0)
        height = m_plot->height();
    // The legend gets what the lanes leave, never their room.
    const int lanes = lanesMinimumHeight();
    const int rows = m_legendShown->isChecked()
        ? (height - lanes) / std::max(1, TimelineStyle::legendRowHeight(m_plot->legend))
        : 0;
    TimelineStyle::layOutLegend(m_plot->legend, m_graphs->legendCandidates(), range.lower,
                                range.upper, width, rows);
    m_plot->legend->setVisible(m_plot->legend->itemCount() > 0);
    updateLaneRange(height - (m_plot->legend->visible() ? m_plot->legend->minimumOuterSizeHint().height() : 0));
}

void TimelineView::updateLaneRange(int axisHeight)
{
    // Room above the top lane for the bands' labels ("transaction",
    // "flush"), so that no marker of the top lane covers them: the top lane
    // is at LaneCount - 1, the range starts 0.6 below the bottom one.
    const double below = double(TimelineStyle::LaneCount) - 1 + 0.6;
    const int rect = axisHeight - axisMargins();
    const int room = bandLabelRoom();
    double above = 0.6;
    if (room > 0 && rect > room)
        above = std::max(above, below * room / double(rect - room));
    const double upper = double(TimelineStyle::LaneCount) - 1 + above;
    if (!qFuzzyCompare(m_plot->yAxis->range().upper, upper))
        m_plot->yAxis->setRange(-0.6, upper);
}

void TimelineView::rebuild()
{
    m_graphs->clear();
    m_selection->data()->clear();
    m_selected = -1;
    m_legendDirty = true; // its "+N more" entry counted the old events
    m_feed->reset();
    m_graphs->showDropped(*m_feed);
    if (m_feed->log() && m_feed->log()->size() > 0)
        appendPending();
    else
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::appendPending()
{
    const TimelineBatch batch = m_feed->take();
    if (batch.stale)
        return;
    m_graphs->add(batch);
    if (batch.dropped) {
        // The selection goes with the dropped events.
        if (m_selected >= 0 && m_selected < m_feed->shownFirst()) {
            m_selected = -1;
            m_selection->data()->clear();
        }
        m_legendDirty = true;
    }
    if (!batch.isEmpty())
        m_legendDirty = true;
    m_graphs->showDropped(*m_feed);
    if (!batch.isEmpty())
        updateFollow();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::flushPending()
{
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
    if (!m_follow->isChecked())
        return;
    if (const auto range = m_feed->followRange(m_plot->xAxis->range().size()))
        m_plot->xAxis->setRange(range->lower, range->upper);
}

void TimelineView::fitAll()
{
    flushPending();
    const auto range = m_feed->fitRange();
    if (!range)
        return;
    m_plot->xAxis->setRange(range->lower, range->upper);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::setAxis(Axis axis)
{
    if (axis == m_feed->axis())
        return;
    m_feed->setAxis(axis);
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
    if (!m_feed->log() || !m_feed->log()->contains(index)) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    if (index >= shownCount())
        flushPending();
    m_selected = index;
    const double key = keyOf(index);
    m_selection->addData(key, m_feed->yOf(index));
    const QCPRange range = m_plot->xAxis->range();
    if (!range.contains(key)) {
        m_follow->setChecked(false);
        m_plot->xAxis->setRange(key - range.size() / 2, key + range.size() / 2);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

qsizetype TimelineView::eventAt(const QPointF &pos) const
{
    if (!m_feed->log() || shownCount() == 0 || !m_plot->axisRect()->rect().contains(pos.toPoint()))
        return -1;
    const double y = m_plot->yAxis->pixelToCoord(pos.y());
    const int laneIndex = TimelineStyle::laneAt(y);
    // near the lane's line, or (several sessions) anywhere in its rows
    const bool rows = m_feed->sessionCount() > 1 && std::abs(y - std::round(y)) <= 0.45;
    if (laneIndex < 0 || (!rows && std::abs(m_plot->yAxis->coordToPixel(std::round(y)) - pos.y()) > 10))
        return -1;
    // Within 8 pixels.
    const double key = m_plot->xAxis->pixelToCoord(pos.x());
    const double tolerance = std::abs(m_plot->xAxis->pixelToCoord(pos.x() + 8) - key);
    return m_feed->nearest(Lane(laneIndex), key, tolerance);
}

QString TimelineView::nPlusOneNote(qsizetype index) const
{
    const TimelineBand *group = m_feed->bands().nPlusOneAt(index);
    return group ? TimelineBandDetector::nPlusOneExplanation(*m_feed->log(), *group) : QString();
}

void TimelineView::showTooltip(const QPointF &pos, const QPoint &global)
{
    const qsizetype i = eventAt(pos);
    if (i < 0) {
        QToolTip::hideText();
        return;
    }
    QString text = eventSummary(*m_feed->log(), i);
    const QString explanation = eventExplanation(m_feed->log()->at(i).type);
    if (!explanation.isEmpty())
        text += QStringLiteral("\n\n") + explanation;
    if (const TimelineBand *group = m_feed->bands().nPlusOneAt(i))
        text += QStringLiteral("\n\n\u26a0 ") + TimelineBandDetector::nPlusOneExplanation(*m_feed->log(), *group);
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
        case QEvent::ContextMenu: {
            auto *ce = static_cast<QContextMenuEvent *>(event);
            const qsizetype i = eventAt(ce->pos());
            if (i < 0)
                break;
            setSelectedEvent(i);
            Q_EMIT eventClicked(i);
            QMenu menu(this);
            QAction *what = menu.addAction(tr("What Is This &Hook?"));
            what->setEnabled(!eventExplanation(m_feed->log()->at(i).type).isEmpty());
            if (menu.exec(ce->globalPos()) == what)
                Q_EMIT hookHelpRequested(m_feed->log()->at(i).type);
            return true;
        }
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

QImage TimelineView::toImage(int width, int height, bool everything)
{
    flushPending();
    // The picture may show every event; the window keeps its own view.
    const QCPRange shown = m_plot->xAxis->range();
    const QCPRange lanes = m_plot->yAxis->range();
    if (everything) {
        if (const auto range = m_feed->fitRange())
            m_plot->xAxis->setRange(range->lower, range->upper);
    }
    updateLegend(width, height);
    const QImage image = m_plot->toPixmap(width, height).toImage();
    m_plot->xAxis->setRange(shown);
    m_plot->yAxis->setRange(lanes);
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
