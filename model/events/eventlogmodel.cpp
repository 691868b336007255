#include "eventlogmodel.h"

#include "eventlog.h"

#include <QColor>
#include <QVariantMap>

#include <algorithm>

namespace ms {

EventLogModel::EventLogModel(EventLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    m_base = log->first();
    m_rows = log->count();
    connect(log, &EventLog::eventsAppended, this, &EventLogModel::onAppended);
    connect(log, &EventLog::eventsDropped, this, &EventLogModel::onDropped);
    connect(log, &EventLog::cleared, this, &EventLogModel::onCleared);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows);
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    const qsizetype i = index.isValid() ? eventAt(index.row()) : -1;
    if (!m_log || i < 0 || !m_log->contains(i))
        return {}; // dropped since the last batch: the rows go with the next one
    const Event &e = m_log->at(i);
    if (role == EventTypeRole)
        return int(e.type);
    if (role == CategoryRole)
        return int(e.category());
    if (role == Qt::ForegroundRole && (e.flags & Event::Failed))
        return QColor(0xc6, 0x28, 0x28);
    if (role == Qt::BackgroundRole && (e.flags & Event::Listened))
        return QColor(0xff, 0xe0, 0x82); // a log listener heard it
    if (role == Qt::ToolTipRole && index.column() == Hook)
        return eventExplanation(e.type);
    if (role != Qt::DisplayRole)
        return {};
    if (e.type == EventType::Step) {
        // A user action reads as the trace writes it: the op as the event,
        // with the object and attribute it names.
        const QVariantMap step = m_log->value(e.value).toMap();
        switch (index.column()) {
        case Hook:
            return step.value(QStringLiteral("op"), eventName(e.type));
        case Object:
            return step.value(QStringLiteral("ref")).toString();
        case Attribute:
            return step.value(QStringLiteral("attr")).toString();
        case Value:
            return step.value(QStringLiteral("message")).toString();
        default:
            break;
        }
    }
    switch (index.column()) {
    case Seq:
        return qlonglong(i + 1);
    case Time:
        return QString::number(double(e.nsecs()) / 1e6, 'f', 3);
    case Category:
        return categoryTitle(e.category());
    case Hook:
        return eventName(e.type);
    case Class:
        return m_log->className(e.classId);
    case Object:
        return m_log->objectLabel(e.objectId);
    case Attribute:
        return m_log->attributeName(e.classId, e.attribute);
    case Value: {
        if (!e.value)
            return QString();
        const QVariant v = m_log->value(e.value);
        if (e.type == EventType::Statement)
            return v.toMap().value(QStringLiteral("sql"));
        if (e.type == EventType::Error || e.type == EventType::Warning)
            return v.toString();
        return m_log->displayValue(v);
    }
    case Old:
        return e.hasOld() ? m_log->displayValue(m_log->oldValue(e)) : QString();
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Seq:
        return tr("#");
    case Time:
        return tr("ms");
    case Category:
        return tr("Category");
    case Hook:
        return tr("Hook");
    case Class:
        return tr("Class");
    case Object:
        return tr("Object");
    case Attribute:
        return tr("Attribute");
    case Value:
        return tr("Value");
    case Old:
        return tr("Old value");
    default:
        return {};
    }
}

qsizetype EventLogModel::eventAt(int row) const
{
    return row >= 0 && row < m_rows ? m_base + row : -1;
}

int EventLogModel::rowOf(qsizetype index) const
{
    return index >= m_base && index < m_base + m_rows ? int(index - m_base) : -1;
}

void EventLogModel::onAppended(qsizetype first, qsizetype last)
{
    Q_UNUSED(first);
    if (!m_log || last < m_base + m_rows)
        return;
    if (m_rows == 0)
        m_base = std::max(m_base, m_log->first());
    const qsizetype from = m_base + m_rows;
    beginInsertRows({}, int(m_rows), int(m_rows + last - from));
    m_rows += last - from + 1;
    endInsertRows();
}

void EventLogModel::onDropped(qsizetype first)
{
    if (!m_log || first <= m_base)
        return;
    const qsizetype gone = std::min(first - m_base, m_rows);
    if (gone > 0) {
        beginRemoveRows({}, 0, int(gone - 1));
        m_rows -= gone;
        m_base = first;
        endRemoveRows();
    } else {
        m_base = first;
    }
    Q_EMIT dropped(first, m_log->capacity());
}

void EventLogModel::onCleared()
{
    beginResetModel();
    m_base = 0;
    m_rows = 0;
    endResetModel();
}

} // namespace ms
