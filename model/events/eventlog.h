#pragma once

#include "event.h"
#include "pages.h"
#include "valuestore.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QVariant>

#include <cstdlib>
#include <memory>
#include <vector>

namespace ms {

/// The append-only record of every event fired, with the names it needs to
/// tell them (classes, attributes, object labels) and the values they carried.
/// Appends are cheap; observers hear of them in batches: eventsAppended() is
/// emitted once per turn of the event loop for everything appended since.
class EventLog : public QObject
{
    Q_OBJECT
public:
    explicit EventLog(QObject *parent = nullptr);

    /// The default cap (setCapacity()): five million events.
    static constexpr qsizetype kDefaultCapacity = 5'000'000;

    /// Every event appended since the last clear(), dropped ones included:
    /// indexes run from first() to size() - 1 and never shift.
    qsizetype size() const { return m_size; }
    /// The oldest event kept; the ones before it were dropped by the cap.
    qsizetype first() const { return m_first; }
    /// How many events are kept: size() - first().
    qsizetype count() const { return m_size - m_first; }
    bool contains(qsizetype i) const { return i >= m_first && i < m_size; }
    /// An event kept in the log (first() <= i < size()).
    const Event &at(qsizetype i) const
    {
        if (Q_UNLIKELY(i < m_first))
            return s_dropped; // a view not yet told of a drop reads a blank event
        return reinterpret_cast<const Event *>(
            m_chunks[size_t(i) >> kChunkBits].data())[size_t(i) & (kChunkSize - 1)];
    }
    /// Adds @p flags to a kept event (a listener's highlight); views that
    /// showed it already see it at their next refresh.
    void addFlags(qsizetype i, quint8 flags)
    {
        if (contains(i))
            reinterpret_cast<Event *>(
                m_chunks[size_t(i) >> kChunkBits].data())[size_t(i) & (kChunkSize - 1)].flags |= flags;
    }
    /// Keeps at most @p events (at least 1): past it the oldest are dropped,
    /// with their values, so the log's memory stays bounded however long a
    /// session runs. Lowering it below count() drops at once.
    void setCapacity(qsizetype events);
    qsizetype capacity() const { return m_capacity; }
    /// Increases on every clear(); a queued batch from before a clear is stale.
    quint64 generation() const { return m_generation; }

    /// Records @p event, stamping its time; returns its index (its trace `seq` - 1).
    qsizetype append(Event event);
    /// Stops the clock the events' times are read from, until
    /// releaseClock(): the time the engine stands paused inside a hook does
    /// not count, so the timeline, the Event Log's ms and the report show
    /// the operation's own time. Holds nest; the outermost counts.
    void holdClock();
    void releaseClock();
    bool isClockHeld() const { return m_holds > 0; }
    /// Forgets the events and their values; class names and object labels
    /// stay (the session's objects live on).
    void clear();
    /// Clears the log and forgets the classes and objects it was told of: a
    /// new mapping (Registry::map) and a new session number them from 1 again.
    void restart();

    /// Names of classes and their attributes, by the ids events carry.
    quint32 defineClass(const QString &name, const QStringList &attributes);
    QString className(quint32 classId) const;
    QString attributeName(quint32 classId, quint32 attribute) const;
    void setObjectLabel(quint32 objectId, const QString &label);
    /// The object's label changes from the next event on (a merge()'s copy
    /// is `Class#?` until its key is known): the events so far keep the
    /// old one in objectLabelAt().
    void relabelObject(quint32 objectId, const QString &label);

    // ---- several sessions (a project's "sessions") ----------------------
    /// The names of the project's sessions, by number from 1; empty: one
    /// session, not named (the events say none).
    void setSessionNames(const QStringList &names);
    QStringList sessionNames() const { return m_sessionNames; }
    int sessionCount() const { return int(m_sessionNames.size()); }
    /// The events appended from now on belong to session @p number (the
    /// session the step runs in). Kept as runs, not in the record.
    void setSession(quint8 number);
    /// The session number of event @p i (0 when no session is named).
    quint8 sessionAt(qsizetype i) const;
    /// Its name ("" when no session is named).
    QString sessionNameAt(qsizetype i) const;
    /// The object's label now.
    QString objectLabel(quint32 objectId) const;
    /// The object's label when event @p index was recorded.
    QString objectLabelAt(quint32 objectId, qsizetype index) const;
    /// A statement's "cause" (see ValueStore::addStatement) with names for
    /// ids: {kind, class, ref, attr} and "autoflush" of the same shape,
    /// the keys a cause does not have left out.
    QVariantMap namedCause(const QVariantMap &cause) const;
    /// Keeps @p value for an event; the index to put in Event::value or old.
    quint32 addValue(const QVariant &value) { return m_values.add(value); }
    /// A statement's detail (see ValueStore::addStatement), kept compact.
    quint32 addStatement(const QString &sql, const QVariantList &params, const QString &source,
                         double ms, qint64 rows, const QString &error,
                         const StatementCause &cause = {}, const StatementCause &trigger = {})
    {
        return m_values.addStatement(sql, params, source, ms, rows, error, cause, trigger);
    }
    /// A value and the old value it replaced, kept together for one event
    /// (which then carries Event::HasOld).
    quint32 addValuePair(const QVariant &value, const QVariant &old)
    {
        return m_values.addPair(value, old);
    }
    /// Fills in the time and row count of a statement recorded before its rows were read.
    void finishStatement(quint32 index, double ms, qint64 rows)
    {
        m_values.finishStatement(index, ms, rows);
    }
    QVariant value(quint32 index) const { return m_values.value(index); }
    /// The old value of an event with Event::HasOld; invalid otherwise.
    QVariant oldValue(const Event &event) const
    {
        return event.hasOld() ? m_values.second(event.value) : QVariant();
    }
    /// A value as a learner reads it, in Python's repr style: None, 'text',
    /// 42, True, an object as its label (u1), [a, b], {key: value}.
    QString displayValue(const QVariant &value) const;

    /// The memory the log holds (events, values, names), for the bench.
    qsizetype memoryBytes() const;

Q_SIGNALS:
    /// Events [first, last] were appended since the last emission. Some of
    /// them may have been dropped already: start from EventLog::first().
    void eventsAppended(qsizetype first, qsizetype last);
    /// The cap dropped events: the oldest kept is now @p first. Emitted
    /// (batched, like eventsAppended) before the appends that caused it.
    void eventsDropped(qsizetype first);
    void cleared();

private:
    void emitPending();
    void drop();
    qint64 now();
    /// The clock's time, paused spans included.
    qint64 rawNow() const;
    void calibrate();

    // Events live in chunks that never move: appending never copies the
    // log, and a million events cost no reallocation pause.
    static constexpr int kChunkBits = 15;
    static constexpr qsizetype kChunkSize = qsizetype(1) << kChunkBits;
    std::vector<Pages> m_chunks;           ///< dropped ones are empty
    std::vector<ValueStore::Mark> m_chunkMarks; ///< the values at each chunk's start
    qsizetype m_size = 0;
    qsizetype m_first = 0;
    qsizetype m_capacity = kDefaultCapacity;
    qsizetype m_droppedNotified = 0;
    static const Event s_dropped;
    QList<QString> m_classNames;
    QList<QStringList> m_attributeNames;
    // Object labels as UTF-8, each after its 4-byte length: m_labelAt[id - 1]
    // is 1 + its offset in m_labelText (0: none). A label given again for an
    // id appends; the old text stays until restart(). About 18 bytes a label
    // where a QString slot and its data took 70.
    std::vector<quint32> m_labelAt;
    QStringList m_sessionNames;
    /// (index of the first event, session number), in order: runs of events
    /// of one session (a step's events belong to one).
    std::vector<std::pair<qsizetype, quint8>> m_sessionRuns;
    QByteArray m_labelText;
    /// Labels objects had before relabelObject(): the events before
    /// @c until showed @c label. Empty unless a project merges.
    struct EarlierLabel
    {
        quint32 objectId;
        qsizetype until;
        QString label;
    };
    std::vector<EarlierLabel> m_earlierLabels;
    ValueStore m_values;

    // The time of an event: the CPU's time-stamp counter scaled to the
    // monotonic clock, recalibrated every batch (see now()).
    QElapsedTimer m_clock;
    quint64 m_tick0 = 0;       ///< counter at the last calibration
    qint64 m_ns0 = 0;          ///< log time at the last calibration
    quint64 m_calTick = 0;     ///< counter when the log was made
    qint64 m_calNs = 0;        ///< clock time spent before the last clear()
    double m_nsPerTick = 0.0;  ///< 0: no counter, read the clock every time
    qint64 m_last = 0;         ///< the last time given: times never go back
    qint64 m_heldNs = 0;       ///< time spent held (holdClock()), not counted
    qint64 m_heldSince = 0;    ///< rawNow() when the outermost hold began
    int m_holds = 0;
    qsizetype m_notified = 0;
    bool m_notifyQueued = false;
    quint64 m_generation = 0;
};

} // namespace ms
