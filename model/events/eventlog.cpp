#include "eventlog.h"

#include "orm/instance.h"

#include <QDate>
#include <QDateTime>
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
    // Object labels stay, like class names: the session's objects live on
    // and their next events must still name them.
    m_values.clear();
    m_notified = 0;
    ++m_generation;
    m_clock.restart();
    Q_EMIT cleared();
}

void EventLog::restart()
{
    clear();
    m_objectLabels.clear();
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

QString EventLog::displayValue(const QVariant &v) const
{
    if (!v.isValid() || v.isNull() || v.typeId() == QMetaType::Nullptr)
        return QStringLiteral("None");
    if (v.metaType() == QMetaType::fromType<ObjectRef>()) {
        const QString label = objectLabel(v.value<ObjectRef>().id);
        return label.isEmpty() ? QStringLiteral("<object %1>").arg(v.value<ObjectRef>().id) : label;
    }
    switch (v.typeId()) {
    case QMetaType::QString: {
        QString s = v.toString();
        s.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
        return QLatin1Char('\'') + s + QLatin1Char('\'');
    }
    case QMetaType::Bool:
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QMetaType::QDate:
        return v.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return v.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::QVariantList:
    case QMetaType::QStringList: {
        QStringList items;
        for (const QVariant &item : v.toList())
            items << displayValue(item);
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    case QMetaType::QVariantMap: {
        QStringList items;
        const QVariantMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it)
            items << it.key() + QLatin1String(": ") + displayValue(it.value());
        return QLatin1Char('{') + items.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    default:
        return v.toString();
    }
}

qsizetype EventLog::memoryBytes() const
{
    return qsizetype(m_events.capacity() * sizeof(Event))
        + m_values.capacity() * qsizetype(sizeof(QVariant))
        + m_objectLabels.capacity() * qsizetype(sizeof(QString));
}

} // namespace ms
