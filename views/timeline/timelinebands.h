#pragma once

#include <QHash>
#include <QString>
#include <QtGlobal>

#include <vector>

class QCPAbstractItem;
class QCustomPlot;

namespace ms {

class EventLog;
class TimelineFeed;

/// A stretch of events drawn as a band behind the timeline's markers.
struct TimelineBand
{
    enum Kind {
        Flush,       ///< before_flush to after_flush_postexec
        Transaction, ///< after_transaction_create to after_transaction_end
        Savepoint,   ///< begin_nested()'s transaction, to the end of the outermost one open
        Step,        ///< a user action's events, to the next user action
        NPlusOne,    ///< the lazy loads of one relationship on a query's objects
    };
    Kind kind;
    qsizetype first;      ///< the log index of its first event
    qsizetype last = -1;  ///< of its last event; -1: still open
    bool failed = false;  ///< drawn red
    // NPlusOne only:
    int count = 0;            ///< lazy-load statements in it
    qsizetype query = -1;     ///< the log index of the query's statement
    int loaded = 0;           ///< objects the query loaded
    quint16 classId = 0;      ///< the relationship's class...
    quint16 attribute = 0;    ///< ...and 1-based attribute

    bool isOpen() const { return last < 0; }
    /// What the band says on the timeline: "flush", "transaction"; a step's
    /// group says nothing.
    QString label() const { return label(kind); }
    static QString label(Kind kind);
    /// The key of the bands' colours (flush, transaction, failed), as rich
    /// text for a label.
    static QString keyHtml();
};

/// Finds the timeline's bands in the events as they are appended, one at a
/// time (a million events cost one pass). Pure data: the painting is
/// addBandsItem()'s.
///
/// - A flush starts at before_flush and ends at after_flush_postexec, or at
///   the error or after_soft_rollback that ends a failed one; a flush with a
///   failed event inside is failed. A before_flush while a flush is open
///   (one never finished) closes that one at the event before.
/// - A transaction starts at the session's after_transaction_create and
///   ends at its after_transaction_end; the subtransactions and nested
///   (savepoint) ones inside it neither start nor end one. after_rollback
///   makes the open one failed, unless a savepoint is open.
///   A new transaction while one is open closes that one at the event before.
/// - A savepoint band starts at a nested after_transaction_create with none
///   open and ends at the after_transaction_end that closes the last open
///   one (savepoints inside savepoints are one band); an after_rollback
///   inside it (a rollback to a savepoint, a flush failed inside one) makes
///   it failed, and leaves the transaction as it is.
/// - User actions (steps): each one's events, to the event before the next
///   step, are a group; every other group (the 1st, 3rd, ...) is kept, to be
///   shaded.
///
/// Within each kind the bands are in order and never overlap.
class TimelineBandDetector
{
public:
    /// Takes event @p index of @p log, the one after the last fed.
    void feed(const EventLog &log, qsizetype index);
    /// Forgets the bands that ended before event @p first (dropped by the
    /// log's cap) and starts the one it cuts at @p first.
    void dropBefore(qsizetype first);
    void clear();

    const std::vector<TimelineBand> &flushes() const { return m_flushes; }
    const std::vector<TimelineBand> &transactions() const { return m_transactions; }
    const std::vector<TimelineBand> &savepoints() const { return m_savepoints; }
    /// The groups of every other user action (the first, the third, ...).
    const std::vector<TimelineBand> &evenSteps() const { return m_evenSteps; }
    /// User actions (steps) seen so far.
    qsizetype stepCount() const { return m_steps; }
    /// The flush, transaction and savepoint bands.
    int count() const { return int(m_flushes.size() + m_transactions.size() + m_savepoints.size()); }

    /// Every band of @p log's kept events, found in one pass.
    static TimelineBandDetector detect(const EventLog &log);

    /// N+1: after a query, each of its objects' same relationship lazy
    /// loaded by a statement of its own. One band per (query, relationship)
    /// with at least one such load; those of two or more are N+1 and drawn.
    /// Bands of different relationships may overlap.
    const std::vector<TimelineBand> &lazyLoadGroups() const { return m_lazyGroups; }
    /// The N+1 group (two or more loads) event @p index belongs to, or nullptr.
    const TimelineBand *nPlusOneAt(qsizetype index) const;
    /// The group's label and explanation, in the interface language.
    static QString nPlusOneLabel(const EventLog &log, const TimelineBand &band);
    static QString nPlusOneExplanation(const EventLog &log, const TimelineBand &band);

private:
    void feedLazyLoad(const EventLog &log, qsizetype index);

    std::vector<TimelineBand> m_lazyGroups;
    qsizetype m_query = -1;       ///< the last query statement
    bool m_queryLoading = false;  ///< its rows are being loaded (no other statement since)
    std::vector<quint32> m_queryObjects; ///< the objects it loaded, sorted when searched
    bool m_queryObjectsSorted = true;
    QHash<quint32, size_t> m_groupOf; ///< class << 16 | attribute -> m_lazyGroups index, this query's
    std::vector<TimelineBand> m_flushes;
    std::vector<TimelineBand> m_transactions;
    std::vector<TimelineBand> m_savepoints;
    int m_savepointDepth = 0; ///< nested transactions open
    std::vector<TimelineBand> m_evenSteps;
    qsizetype m_steps = 0;
    /// The open flush band began at an extension's before_flush (a Ming
    /// session, which has no after_flush_postexec): its after_flush ends it.
    bool m_flushByExtension = false;
};

/// Adds to @p plot, on a layer of its own below the markers, the item that paints @p feed's
/// bands behind the markers: only the visible ones, bands narrower than a
/// pixel merged, so the cost follows the pixels and not the bands.
QCPAbstractItem *addBandsItem(QCustomPlot *plot, const TimelineFeed &feed);

} // namespace ms
