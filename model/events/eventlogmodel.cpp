#include "eventlogmodel.h"

#include "eventlog.h"

#include <QColor>

namespace ms {

EventLogModel::EventLogModel(EventLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    m_rows = log->size();
    connect(log, &EventLog::eventsAppended, this, &EventLogModel::onAppended);
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
    if (!m_log || !index.isValid() || index.row() >= m_rows)
        return {};
    const Event &e = m_log->at(index.row());
    if (role == EventTypeRole)
        return int(e.type);
    if (role == CategoryRole)
        return int(e.category());
    if (role == Qt::ForegroundRole && (e.flags & Event::Failed))
        return QColor(0xc6, 0x28, 0x28);
    if (role == Qt::ToolTipRole && index.column() == Hook)
        return eventExplanation(e.type);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Seq:
        return qlonglong(index.row() + 1);
    case Time:
        return QString::number(double(e.nsecs()) / 1e6, 'f', 3);
    case Category:
        return categoryName(e.category());
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

void EventLogModel::onAppended(qsizetype first, qsizetype last)
{
    Q_UNUSED(first);
    if (!m_log || last < m_rows)
        return;
    beginInsertRows({}, int(m_rows), int(last));
    m_rows = last + 1;
    endInsertRows();
}

void EventLogModel::onCleared()
{
    beginResetModel();
    m_rows = 0;
    endResetModel();
}

} // namespace ms
