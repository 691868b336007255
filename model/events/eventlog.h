#pragma once

#include "event.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QVariant>

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

    qsizetype size() const { return qsizetype(m_events.size()); }
    const Event &at(qsizetype i) const { return m_events[size_t(i)]; }
    /// Increases on every clear(); a queued batch from before a clear is stale.
    quint64 generation() const { return m_generation; }

    /// Records @p event, stamping its time; returns its index (its trace `seq` - 1).
    qsizetype append(Event event);
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
    QString objectLabel(quint32 objectId) const;
    quint32 addValue(const QVariant &value);
    QVariant value(quint32 index) const;
    /// A value as a learner reads it, in Python's repr style: None, 'text',
    /// 42, True, an object as its label (u1), [a, b], {key: value}.
    QString displayValue(const QVariant &value) const;

    /// Approximate memory held by the log, for the bench.
    qsizetype memoryBytes() const;

Q_SIGNALS:
    /// Events [first, last] were appended since the last emission.
    void eventsAppended(qsizetype first, qsizetype last);
    void cleared();

private:
    void emitPending();

    std::vector<Event> m_events;
    QList<QString> m_classNames;
    QList<QStringList> m_attributeNames;
    QList<QString> m_objectLabels;
    QList<QVariant> m_values;
    QElapsedTimer m_clock;
    qsizetype m_notified = 0;
    bool m_notifyQueued = false;
    quint64 m_generation = 0;
};

} // namespace ms
