#include "timelinebands.h"

#include "timelinefeed.h"

#include "core/objectref.h"
#include "events/eventlog.h"

#include "qcustomplot_include.h"

#include <algorithm>

namespace ms {

QString TimelineBand::label(Kind kind)
{
    switch (kind) {
    case Flush:
        return QCoreApplication::translate("ms::TimelineView", "flush");
    case Transaction:
        return QCoreApplication::translate("ms::TimelineView", "transaction");
    case Savepoint:
        return QCoreApplication::translate("ms::TimelineView", "savepoint");
    case Step:
    case NPlusOne:
        break; // (an N+1 band's label names its relationship)
    }
    return {};
}

QString TimelineBand::keyHtml()
{
    return QStringLiteral("&nbsp;&nbsp;<span style='background:#c5d9ef'>&nbsp;%1&nbsp;</span> "
                          "<span style='background:#dbe9dc'>&nbsp;%2&nbsp;</span> "
                          "<span style='background:#e6d5ee'>&nbsp;%3&nbsp;</span> "
                          "<span style='background:#f3cfcf'>&nbsp;%4&nbsp;</span>")
        .arg(QCoreApplication::translate("ms::TimelineView", "flush"),
             QCoreApplication::translate("ms::TimelineView", "transaction"),
             QCoreApplication::translate("ms::TimelineView", "savepoint"),
             QCoreApplication::translate("ms::TimelineView", "failed"));
}

namespace {

/// A transaction event's flags: a flush's subtransaction, begin_nested()'s.
struct TransactionFlags
{
    bool subtransaction = false;
    bool nested = false;
};

TransactionFlags transactionFlags(const EventLog &log, const Event &e)
{
    const QVariantMap m = log.value(e.value).toMap();
    return {m.value(QStringLiteral("subtransaction")).toBool(),
            m.value(QStringLiteral("nested")).toBool()};
}

TimelineBand *openBand(std::vector<TimelineBand> &bands)
{
    return !bands.empty() && bands.back().isOpen() ? &bands.back() : nullptr;
}

} // namespace

void TimelineBandDetector::feed(const EventLog &log, qsizetype i)
{
    const Event &e = log.at(i);
    if (e.type == EventType::Statement) {
        if (e.flags & Event::LazyLoadStatement)
            feedLazyLoad(log, i);
        m_queryLoading = (e.flags & Event::QueryStatement) != 0;
        if (m_queryLoading) {
            m_query = i;
            m_queryObjects.clear();
            m_queryObjectsSorted = true;
            m_groupOf.clear();
        }
    } else if (e.type == EventType::Load && m_queryLoading && e.objectId) {
        m_queryObjectsSorted = m_queryObjectsSorted
            && (m_queryObjects.empty() || m_queryObjects.back() < e.objectId);
        m_queryObjects.push_back(e.objectId);
    }
    TimelineBand *openFlush = openBand(m_flushes);
    if (openFlush && (e.flags & Event::Failed))
        openFlush->failed = true;
    switch (e.type) {
    case EventType::Step:
        // A user action starts a group that lasts until the next one.
        if (TimelineBand *group = openBand(m_evenSteps))
            group->last = i - 1;
        if (m_steps++ % 2 == 0)
            m_evenSteps.push_back({TimelineBand::Step, i});
        break;
    case EventType::BeforeFlush:
        // (a session extension's before_flush inside SQLAlchemy's flush
        // belongs to the band its listeners' event opened)
        if (openFlush && (e.flags & Event::Extension) && !m_flushByExtension)
            break;
        if (openFlush)
            openFlush->last = i - 1;
        m_flushes.push_back({TimelineBand::Flush, i});
        m_flushByExtension = (e.flags & Event::Extension) != 0;
        break;
    case EventType::AfterFlush:
        if (openFlush && m_flushByExtension && (e.flags & Event::Extension))
            openFlush->last = i;
        break;
    case EventType::AfterFlushPostexec:
    case EventType::Error:
    case EventType::AfterSoftRollback:
        if (openFlush)
            openFlush->last = i;
        break;
    case EventType::AfterTransactionCreate: {
        const TransactionFlags t = transactionFlags(log, e);
        if (t.nested) {
            if (m_savepointDepth++ == 0)
                m_savepoints.push_back({TimelineBand::Savepoint, i});
        } else if (!t.subtransaction) {
            if (TimelineBand *open = openBand(m_transactions))
                open->last = i - 1;
            if (TimelineBand *open = openBand(m_savepoints))
                open->last = i - 1;
            m_savepointDepth = 0;
            m_transactions.push_back({TimelineBand::Transaction, i});
        }
        break;
    }
    case EventType::AfterTransactionEnd: {
        const TransactionFlags t = transactionFlags(log, e);
        if (t.nested) {
            if (m_savepointDepth > 0 && --m_savepointDepth == 0)
                if (TimelineBand *open = openBand(m_savepoints))
                    open->last = i;
        } else if (!t.subtransaction) {
            if (TimelineBand *open = openBand(m_transactions))
                open->last = i;
        }
        break;
    }
    case EventType::AfterRollback:
        if (TimelineBand *open = m_savepointDepth > 0 ? openBand(m_savepoints) : openBand(m_transactions))
            open->failed = true;
        break;
    default:
        break;
    }
}

void TimelineBandDetector::feedLazyLoad(const EventLog &log, qsizetype i)
{
    if (m_query < 0 || m_queryObjects.empty())
        return;
    const QVariantMap cause = log.value(log.at(i).value).toMap().value(QStringLiteral("cause")).toMap();
    const quint32 owner = cause.value(QStringLiteral("object")).value<ObjectRef>().id;
    const quint16 cls = quint16(cause.value(QStringLiteral("class")).toUInt());
    const quint16 attr = quint16(cause.value(QStringLiteral("attribute")).toUInt());
    if (!m_queryObjectsSorted) {
        std::sort(m_queryObjects.begin(), m_queryObjects.end());
        m_queryObjectsSorted = true;
    }
    if (!std::binary_search(m_queryObjects.begin(), m_queryObjects.end(), owner))
        return; // not one of the query's objects
    const quint32 key = quint32(cls) << 16 | attr;
    const auto found = m_groupOf.constFind(key);
    if (found != m_groupOf.cend()) {
        TimelineBand &group = m_lazyGroups[*found];
        group.last = i;
        ++group.count;
        return;
    }
    TimelineBand group {TimelineBand::NPlusOne, i, i};
    group.count = 1;
    group.query = m_query;
    group.loaded = int(m_queryObjects.size());
    group.classId = cls;
    group.attribute = attr;
    m_groupOf.insert(key, m_lazyGroups.size());
    m_lazyGroups.push_back(group);
}

const TimelineBand *TimelineBandDetector::nPlusOneAt(qsizetype index) const
{
    for (const TimelineBand &b : m_lazyGroups)
        if (b.count >= 2 && b.first <= index && index <= b.last)
            return &b;
    return nullptr;
}

QString TimelineBandDetector::nPlusOneLabel(const EventLog &log, const TimelineBand &band)
{
    return QCoreApplication::translate("TimelineView", "N+1: %1.%2 \u00d7%3")
        .arg(log.className(band.classId), log.attributeName(band.classId, band.attribute))
        .arg(band.count);
}

QString TimelineBandDetector::nPlusOneExplanation(const EventLog &log, const TimelineBand &band)
{
    const QString rel = log.className(band.classId) + QLatin1Char('.')
        + log.attributeName(band.classId, band.attribute);
    return QCoreApplication::translate(
               "TimelineView",
               "N+1 queries: the query (event #%1) loaded %2 objects, then %3 of them had %4 loaded "
               "by a statement of its own: %3 more SELECTs, one per object. Loading %4 with "
               "lazy=\"selectin\" (or selectinload()) would send one more SELECT for all of them; "
               "lazy=\"joined\" (or joinedload()) would load them with the query itself.")
        .arg(band.query + 1)
        .arg(band.loaded)
        .arg(band.count)
        .arg(rel);
}

void TimelineBandDetector::dropBefore(qsizetype first)
{
    // lazy-load groups: the ones that ended before go; their query may be gone
    m_lazyGroups.erase(std::remove_if(m_lazyGroups.begin(), m_lazyGroups.end(),
                                      [first](const TimelineBand &b) { return b.last < first; }),
                       m_lazyGroups.end());
    m_groupOf.clear();
    for (size_t g = 0; g < m_lazyGroups.size(); ++g)
        if (m_lazyGroups[g].query == m_query)
            m_groupOf.insert(quint32(m_lazyGroups[g].classId) << 16 | m_lazyGroups[g].attribute, g);
    for (std::vector<TimelineBand> *bands : {&m_flushes, &m_transactions, &m_savepoints, &m_evenSteps}) {
        auto kept = std::find_if(bands->begin(), bands->end(), [first](const TimelineBand &b) {
            return b.isOpen() || b.last >= first;
        });
        bands->erase(bands->begin(), kept);
        if (!bands->empty() && bands->front().first < first)
            bands->front().first = first;
    }
}

void TimelineBandDetector::clear()
{
    m_lazyGroups.clear();
    m_query = -1;
    m_flushByExtension = false;
    m_queryLoading = false;
    m_queryObjects.clear();
    m_queryObjectsSorted = true;
    m_groupOf.clear();
    m_flushes.clear();
    m_transactions.clear();
    m_savepoints.clear();
    m_savepointDepth = 0;
    m_evenSteps.clear();
    m_steps = 0;
}

TimelineBandDetector TimelineBandDetector::detect(const EventLog &log)
{
    TimelineBandDetector bands;
    for (qsizetype i = log.first(); i < log.size(); ++i)
        bands.feed(log, i);
    return bands;
}

namespace {

/// The bands drawn as one item behind the markers, only the visible ones.
class BandsItem : public QCPAbstractItem
{
public:
    BandsItem(QCustomPlot *plot, const TimelineFeed &feed)
        : QCPAbstractItem(plot)
        , m_feed(feed)
    {
    }

    double selectTest(const QPointF &, bool, QVariant *) const override { return -1; }

protected:
    void draw(QCPPainter *painter) override
    {
        if (m_feed.processed() == 0)
            return;
        QFont f = painter->font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        painter->setFont(f);
        const int lineHeight = painter->fontMetrics().height();
        const QRect area = clipRect();
        const TimelineBandDetector &bands = m_feed.bands();
        drawAll(painter, bands.evenSteps(), QColor(0, 0, 0, 16), QColor(0, 0, 0, 16), area.top(),
                area.bottom());
        if (m_feed.sessionCount() > 1) {
            drawSessions(painter, area, lineHeight);
            drawNPlusOne(painter, bands.lazyLoadGroups(), area.top(), area.bottom(), lineHeight);
            return;
        }
        drawAll(painter, bands.transactions(), QColor(46, 125, 50, 28), QColor(198, 40, 40, 28),
                area.top(), area.bottom());
        // Savepoints under the transactions' labels, flushes under theirs.
        drawAll(painter, bands.savepoints(), QColor(123, 31, 162, 28), QColor(198, 40, 40, 40),
                area.top() + lineHeight + 2, area.bottom());
        const int flushTop = bands.savepoints().empty() ? area.top() + lineHeight + 2
                                                        : area.top() + 2 * (lineHeight + 2);
        drawAll(painter, bands.flushes(), QColor(21, 101, 192, 45), QColor(198, 40, 40, 60), flushTop,
                area.bottom());
        drawNPlusOne(painter, bands.lazyLoadGroups(), area.top(), area.bottom(), lineHeight);
    }

private:
    /// Several sessions: each session's transactions, savepoints and
    /// flushes in its own row of every lane (their transactions overlap in
    /// time), labelled in the top lane, and the session's name at the left
    /// of each of its rows.
    void drawSessions(QCPPainter *painter, const QRect &area, int lineHeight) const
    {
        QCPAxis *y = parentPlot()->yAxis;
        const int sessions = m_feed.sessionCount();
        const double half = TimelineStyle::sessionRowHeight(sessions) / 2;
        const QStringList names = m_feed.log() ? m_feed.log()->sessionNames() : QStringList();
        for (int s = 1; s <= sessions; ++s) {
            const TimelineBandDetector &bands = m_feed.sessionBands(s);
            for (int lane = 0; lane < TimelineStyle::LaneCount; ++lane) {
                const double centre = TimelineStyle::laneY(TimelineStyle::Lane(lane))
                    + TimelineStyle::sessionOffset(s, sessions);
                const int top = std::max(area.top(), int(std::lround(y->coordToPixel(centre + half))));
                const int bottom = std::min(area.bottom(), int(std::lround(y->coordToPixel(centre - half))));
                if (bottom <= top)
                    continue;
                const bool labels = lane == TimelineStyle::UserLane && bottom - top > lineHeight;
                drawAll(painter, bands.transactions(), QColor(46, 125, 50, 28), QColor(198, 40, 40, 28), top,
                        bottom, labels);
                drawAll(painter, bands.savepoints(), QColor(123, 31, 162, 28), QColor(198, 40, 40, 40), top,
                        bottom, false);
                drawAll(painter, bands.flushes(), QColor(21, 101, 192, 45), QColor(198, 40, 40, 60), top,
                        bottom, false);
                // the row's session, at the left of the plot
                if (bottom - top >= painter->fontMetrics().height() / 2) {
                    painter->setPen(QColor(90, 90, 90));
                    painter->drawText(QRectF(area.left() + 2, top, 60, bottom - top),
                                      Qt::AlignLeft | Qt::AlignVCenter, names.value(s - 1));
                }
            }
        }
    }

    /// The N+1 groups (two or more lazy loads): an orange band over their
    /// statements, labelled at the bottom with the relationship and count.
    /// Few (each needs a query), so drawn one by one.
    void drawNPlusOne(QCPPainter *painter, const std::vector<TimelineBand> &groups, int top, int bottom,
                      int lineHeight) const
    {
        const qsizetype shown = m_feed.processed();
        const EventLog *log = m_feed.log();
        if (!log)
            return;
        QCPAxis *x = parentPlot()->xAxis;
        const QCPRange range = x->range();
        const double pad = m_feed.axis() == TimelineAxis::Order ? 0.45 : 0.0;
        const QColor fill(239, 108, 0, 45);
        QColor text(239, 108, 0);
        for (const TimelineBand &g : groups) {
            if (g.count < 2 || g.first >= shown)
                continue;
            const double k0 = m_feed.keyOf(g.first) - pad;
            const double k1 = m_feed.keyOf(std::min(g.last, shown - 1)) + pad;
            if (k1 < range.lower || k0 > range.upper)
                continue;
            const double x0 = x->coordToPixel(k0);
            const double x1 = std::max(x->coordToPixel(k1), x0 + 3);
            const QRectF r(QPointF(x0, top), QPointF(x1, bottom));
            painter->fillRect(r, fill);
            painter->setPen(QPen(text, 1.2));
            painter->drawLine(QPointF(x0, top), QPointF(x0, bottom));
            const QString label = QStringLiteral("\u26a0 ") + TimelineBandDetector::nPlusOneLabel(*log, g);
            painter->setPen(text.darker(130));
            painter->drawText(QRectF(x0 + 3, bottom - lineHeight - 2, 400, lineHeight),
                              Qt::AlignLeft | Qt::AlignVCenter, label);
        }
    }

    /// Paints @p bands (one kind, sorted, not overlapping) between @p top and @p bottom.
    void drawAll(QCPPainter *painter, const std::vector<TimelineBand> &bands, const QColor &fill,
                 const QColor &failed, int top, int bottom, bool labelled = true) const
    {
        if (bands.empty())
            return;
        const qsizetype shown = m_feed.processed();
        QCPAxis *x = parentPlot()->xAxis;
        const QCPRange range = x->range();
        // Half the spacing between two events, so that a band covers its
        // first and last markers.
        const double pad = m_feed.axis() == TimelineAxis::Order ? 0.45 : 0.0;
        auto keyOf = [this](qsizetype i) { return m_feed.keyOf(i); };
        auto lastShown = [shown](const TimelineBand &b) {
            return b.isOpen() ? shown - 1 : std::min(b.last, shown - 1);
        };
        // Start at the first band that ends in view.
        auto it = std::lower_bound(bands.begin(), bands.end(), range.lower,
                                   [&](const TimelineBand &b, double key) {
                                       return keyOf(lastShown(b)) + pad < key;
                                   });
        // Bands narrower than a pixel merge into the rectangle being drawn,
        // and the bands it covers are skipped by a binary search: the cost
        // follows the pixels, not the number of bands.
        const QString label = bands.front().label();
        const int labelWidth = painter->fontMetrics().horizontalAdvance(label) + 6;
        bool pending = false;
        bool pendingFailed = false;
        double px0 = 0, px1 = 0;
        auto flushRect = [&] {
            if (!pending)
                return;
            const QRectF r(QPointF(px0, top), QPointF(px1, bottom));
            painter->fillRect(r, pendingFailed ? failed : fill);
            if (labelled && r.width() > labelWidth) {
                QColor text = pendingFailed ? failed : fill;
                text.setAlpha(255);
                painter->setPen(text.darker(170));
                painter->drawText(r.adjusted(3, 1, -2, 0), Qt::AlignLeft | Qt::AlignTop, label);
            }
            pending = false;
        };
        while (it != bands.end() && it->first < shown) {
            const double k0 = keyOf(it->first) - pad;
            if (k0 > range.upper)
                break;
            const double x0 = x->coordToPixel(k0);
            const double x1 = std::max(x->coordToPixel(keyOf(lastShown(*it)) + pad), x0 + 2);
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
                auto skip = std::lower_bound(it + 1, bands.end(), next,
                                             [&](const TimelineBand &b, double key) {
                                                 return b.first < shown && keyOf(b.first) - pad < key;
                                             });
                if (skip != it + 1) {
                    px1 = std::max(px1, x->coordToPixel(keyOf(lastShown(*(skip - 1))) + pad));
                    it = skip;
                    continue;
                }
            }
            ++it;
        }
        flushRect();
    }

    const TimelineFeed &m_feed;
};

} // namespace

QCPAbstractItem *addBandsItem(QCustomPlot *plot, const TimelineFeed &feed)
{
    plot->addLayer(QStringLiteral("bands"), plot->layer(QStringLiteral("main")),
                   QCustomPlot::limBelow);
    auto *item = new BandsItem(plot, feed);
    item->setLayer(QStringLiteral("bands"));
    return item;
}

} // namespace ms
