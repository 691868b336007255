#include "eventlog.h"

#include "core/objectref.h"

#include <QDate>
#include <QDateTime>
#include <QMetaObject>

#include <algorithm>
#include <new>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define MS_HAVE_TSC 1
#endif

namespace ms {

namespace {
quint64 ticks()
{
#ifdef MS_HAVE_TSC
    return __rdtsc();
#else
    return 0;
#endif
}
} // namespace

const Event EventLog::s_dropped {};

EventLog::EventLog(QObject *parent) : QObject(parent)
{
    m_clock.start();
#ifdef MS_HAVE_TSC
    // Reading the time-stamp counter costs a third of a clock_gettime(), and
    // every event is stamped. Its rate is measured against the clock over
    // 50 microseconds now, then over ever longer spans (calibrate()).
    const quint64 t0 = ticks();
    qint64 n1 = 0;
    do {
        n1 = m_clock.nsecsElapsed();
    } while (n1 < 50000);
    const quint64 t1 = ticks();
    if (t1 > t0) {
        m_nsPerTick = double(n1) / double(t1 - t0);
        m_calTick = t0;
        m_calNs = 0;
        m_tick0 = t1;
        m_ns0 = n1;
    }
#endif
}

qint64 EventLog::rawNow() const
{
    if (m_nsPerTick > 0.0)
        return m_ns0 + qint64(double(qint64(ticks() - m_tick0)) * m_nsPerTick);
    return m_clock.nsecsElapsed();
}

qint64 EventLog::now()
{
    qint64 ns = rawNow() - m_heldNs;
    if (ns < m_last)
        ns = m_last;
    m_last = ns;
    return ns;
}

void EventLog::calibrate()
{
    if (m_nsPerTick <= 0.0)
        return;
    // The rate over everything since the start, and the time set back on
    // the clock; never before a time already given.
    const quint64 tick = ticks();
    const qint64 clock = m_clock.nsecsElapsed();
    const qint64 sinceStart = clock + m_calNs;
    if (tick > m_calTick + 1000000 && sinceStart > 0)
        m_nsPerTick = double(sinceStart) / double(tick - m_calTick);
    m_tick0 = tick;
    m_ns0 = std::max(clock, m_last + m_heldNs); // (m_last does not count held time)
}

void EventLog::holdClock()
{
    if (m_holds++ == 0)
        m_heldSince = rawNow();
}

void EventLog::releaseClock()
{
    if (m_holds == 0 || --m_holds > 0)
        return;
    m_heldNs += std::max<qint64>(0, rawNow() - m_heldSince);
}

qsizetype EventLog::append(Event event)
{
    event.setNsecs(now());
    const size_t chunk = size_t(m_size) >> kChunkBits;
    if (chunk == m_chunks.size()) {
        m_chunks.emplace_back(size_t(kChunkSize) * sizeof(Event));
        // This event's value, if any, was added just before it and every
        // later event's after it: the chunk's values start at this mark.
        m_chunkMarks.push_back(m_values.mark());
    }
    new (reinterpret_cast<Event *>(m_chunks[chunk].data()) + (size_t(m_size) & (kChunkSize - 1)))
        Event(event);
    ++m_size;
    if (Q_UNLIKELY(m_size - m_first > m_capacity))
        drop();
    if ((m_size & 0x3fff) == 0)
        calibrate();
    if (!m_notifyQueued) {
        // One notification per turn of the event loop, however many events
        // a flush appends: views redraw per batch, never per event.
        m_notifyQueued = true;
        QMetaObject::invokeMethod(this, &EventLog::emitPending, Qt::QueuedConnection);
    }
    return size() - 1;
}

void EventLog::drop()
{
    m_first = m_size - m_capacity;
    // Whole chunks behind the first kept event are freed, with the values
    // before the oldest remaining chunk's mark.
    const size_t live = size_t(m_first) >> kChunkBits;
    bool freed = false;
    for (size_t c = live; c-- > 0 && m_chunks[c].data();) {
        m_chunks[c] = Pages();
        freed = true;
    }
    if (freed)
        m_values.dropBefore(m_chunkMarks[live]);
    if (!m_notifyQueued) {
        m_notifyQueued = true;
        QMetaObject::invokeMethod(this, &EventLog::emitPending, Qt::QueuedConnection);
    }
}

void EventLog::setCapacity(qsizetype events)
{
    m_capacity = std::max<qsizetype>(1, events);
    if (m_size - m_first > m_capacity)
        drop();
}

void EventLog::emitPending()
{
    m_notifyQueued = false;
    calibrate();
    if (m_droppedNotified < m_first) {
        m_droppedNotified = m_first;
        Q_EMIT eventsDropped(m_first);
    }
    if (m_notified < size()) {
        const qsizetype first = m_notified;
        m_notified = size();
        Q_EMIT eventsAppended(first, size() - 1);
    }
}

void EventLog::clear()
{
    m_chunks.clear();
    m_chunkMarks.clear();
    m_size = 0;
    m_first = 0;
    m_droppedNotified = 0;
    // Object labels stay, like class names: the session's objects live on
    // and their next events must still name them.
    m_values.clear();
    m_earlierLabels.clear(); // (the events that showed them are gone)
    // the session of the events to come stays
    if (!m_sessionRuns.empty())
        m_sessionRuns = {{0, m_sessionRuns.back().second}};
    m_notified = 0;
    ++m_generation;
    // The clock starts again from 0; the calibration span goes on.
    m_calNs += m_clock.nsecsElapsed();
    m_clock.restart();
    m_tick0 = ticks();
    m_ns0 = 0;
    m_last = 0;
    m_heldNs = 0;
    m_heldSince = 0; // a hold under way goes on from the new start
    Q_EMIT cleared();
}

void EventLog::restart()
{
    clear();
    m_labelAt = {};
    m_labelText = QByteArray();
    m_classNames.clear();
    m_attributeNames.clear();
    m_sessionNames.clear();
    m_sessionRuns.clear();
}

void EventLog::setSessionNames(const QStringList &names)
{
    m_sessionNames = names;
    m_sessionRuns.clear();
    if (!names.isEmpty())
        setSession(1);
}

void EventLog::setSession(quint8 number)
{
    if (m_sessionNames.isEmpty())
        return;
    if (!m_sessionRuns.empty() && m_sessionRuns.back().second == number)
        return;
    if (!m_sessionRuns.empty() && m_sessionRuns.back().first == m_size)
        m_sessionRuns.back().second = number;
    else
        m_sessionRuns.emplace_back(m_size, number);
}

quint8 EventLog::sessionAt(qsizetype i) const
{
    if (m_sessionRuns.empty())
        return 0;
    auto it = std::upper_bound(m_sessionRuns.cbegin(), m_sessionRuns.cend(), i,
                               [](qsizetype index, const auto &run) { return index < run.first; });
    return it == m_sessionRuns.cbegin() ? m_sessionRuns.front().second : std::prev(it)->second;
}

QString EventLog::sessionNameAt(qsizetype i) const
{
    const quint8 n = sessionAt(i);
    return n == 0 || n > m_sessionNames.size() ? QString() : m_sessionNames[n - 1];
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
    if (m_labelAt.size() < objectId)
        m_labelAt.resize(objectId);
    m_labelAt[objectId - 1] = quint32(m_labelText.size()) + 1;
    // Labels are nearly always ASCII (u42, User#7): copied as they are,
    // without a QByteArray of their own.
    const bool ascii = std::all_of(label.cbegin(), label.cend(),
                                   [](QChar c) { return c.unicode() < 0x80; });
    const QByteArray utf8 = ascii ? QByteArray() : label.toUtf8();
    const quint32 length = quint32(ascii ? label.size() : utf8.size());
    for (int i = 0; i < 4; ++i)
        m_labelText.append(char(quint8(length >> (8 * i))));
    if (!ascii) {
        m_labelText.append(utf8);
        return;
    }
    const qsizetype at = m_labelText.size();
    m_labelText.resize(at + label.size());
    char *out = m_labelText.data() + at;
    for (const QChar c : label)
        *out++ = char(c.unicode());
}

void EventLog::relabelObject(quint32 objectId, const QString &label)
{
    m_earlierLabels.push_back({objectId, m_size, objectLabel(objectId)});
    setObjectLabel(objectId, label);
}

QString EventLog::objectLabelAt(quint32 objectId, qsizetype index) const
{
    for (const EarlierLabel &earlier : m_earlierLabels)
        if (earlier.objectId == objectId && index < earlier.until)
            return earlier.label;
    return objectLabel(objectId);
}

QString EventLog::objectLabel(quint32 objectId) const
{
    if (objectId == 0 || objectId > m_labelAt.size() || m_labelAt[objectId - 1] == 0)
        return QString();
    const qsizetype at = qsizetype(m_labelAt[objectId - 1] - 1);
    quint32 length = 0;
    for (int i = 0; i < 4; ++i)
        length |= quint32(quint8(m_labelText.at(at + i))) << (8 * i);
    return QString::fromUtf8(m_labelText.constData() + at + 4, qsizetype(length));
}

QVariantMap EventLog::namedCause(const QVariantMap &cause) const
{
    QVariantMap out;
    if (cause.isEmpty())
        return out;
    out.insert(QStringLiteral("kind"), cause.value(QStringLiteral("kind")));
    const quint32 classId = cause.value(QStringLiteral("class")).toUInt();
    if (classId)
        out.insert(QStringLiteral("class"), className(classId));
    if (cause.contains(QStringLiteral("object")))
        out.insert(QStringLiteral("ref"),
                   objectLabel(cause.value(QStringLiteral("object")).value<ObjectRef>().id));
    if (const quint32 attr = cause.value(QStringLiteral("attribute")).toUInt())
        out.insert(QStringLiteral("attr"), attributeName(classId, attr));
    if (cause.contains(QStringLiteral("autoflush")))
        out.insert(QStringLiteral("autoflush"), namedCause(cause.value(QStringLiteral("autoflush")).toMap()));
    return out;
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
    const qsizetype labels = qsizetype(m_labelAt.capacity() * sizeof(quint32)) + m_labelText.capacity();
    const auto live = std::count_if(m_chunks.begin(), m_chunks.end(),
                                    [](const Pages &p) { return p.data() != nullptr; });
    return qsizetype(live) * kChunkSize * qsizetype(sizeof(Event))
        + qsizetype(m_chunks.capacity() * sizeof(Pages)
                    + m_chunkMarks.capacity() * sizeof(ValueStore::Mark))
        + m_values.memoryBytes() + labels;
}

} // namespace ms
