#include "eventlog.h"

#include <QMetaObject>

namespace ms {

EventLog::EventLog(QObject *parent) : QObject(parent)
{
    m_clock.start();
}

qsizetype EventLog::append(Event event)
{
    event.nsecs = m_clock.nsecsElapsed();
    m_events.push_back(event);
    if (!m_notifyQueued) {
        // One notification per turn of the event loop, however many events
        // a flush appends: views redraw per batch, never per event.
        m_notifyQueued = true;
        QMetaObject::invokeMethod(this, &EventLog::emitPending, Qt::QueuedConnection);
    }
    return size() - 1;
}

void EventLog::emitPending()
{
    m_notifyQueued = false;
    if (m_notified < size()) {
        const qsizetype first = m_notified;
        m_notified = size();
        Q_EMIT eventsAppended(first, size() - 1);
    }
}

void EventLog::clear()
{
    m_events.clear();
    m_events.shrink_to_fit();
    m_objectLabels.clear();
    m_values.clear();
    m_notified = 0;
    ++m_generation;
    m_clock.restart();
    Q_EMIT cleared();
}

void EventLog::restart()
{
    clear();
    m_classNames.clear();
    m_attributeNames.clear();
}

quint32 EventLog::defineClass(const QString &name, const QStringList &attributes)
{
    m_classNames.append(name);
    m_attributeNames.append(attributes);
    return quint32(m_classNames.size());
}

QString EventLog::className(quint32 classId) const
{
    return classId == 0 || classId > quint32(m_classNames.size()) ? QString()
                                                                   : m_classNames[classId - 1];
}

QString EventLog::attributeName(quint32 classId, quint32 attribute) const
{
    if (classId == 0 || classId > quint32(m_attributeNames.size()))
        return {};
    const QStringList &names = m_attributeNames[classId - 1];
    return attribute == 0 || attribute > quint32(names.size()) ? QString() : names[attribute - 1];
}

void EventLog::setObjectLabel(quint32 objectId, const QString &label)
{
    if (objectId == 0)
        return;
    if (m_objectLabels.size() < qsizetype(objectId))
        m_objectLabels.resize(objectId);
    m_objectLabels[objectId - 1] = label;
}

QString EventLog::objectLabel(quint32 objectId) const
{
    return objectId == 0 || objectId > quint32(m_objectLabels.size()) ? QString()
                                                                       : m_objectLabels[objectId - 1];
}

quint32 EventLog::addValue(const QVariant &value)
{
    m_values.append(value);
    return quint32(m_values.size());
}

QVariant EventLog::value(quint32 index) const
{
    return index == 0 || index > quint32(m_values.size()) ? QVariant() : m_values[index - 1];
}

qsizetype EventLog::memoryBytes() const
{
    return qsizetype(m_events.capacity() * sizeof(Event))
        + m_values.capacity() * qsizetype(sizeof(QVariant))
        + m_objectLabels.capacity() * qsizetype(sizeof(QString));
}

} // namespace ms
