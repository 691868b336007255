#include "sqllogmodel.h"

#include "common/eventtext.h"

#include "events/eventlog.h"

#include <QColor>
#include <QVariantMap>

#include <algorithm>

namespace ms {

SqlLogModel::SqlLogModel(EventLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    connect(log, &EventLog::eventsAppended, this, &SqlLogModel::onAppended);
    connect(log, &EventLog::cleared, this, &SqlLogModel::onCleared);
    connect(log, &EventLog::eventsDropped, this, &SqlLogModel::onDropped);
    m_scanned = log->first();
    if (log->size() > 0)
        onAppended(log->first(), log->size() - 1);
}

qsizetype SqlLogModel::eventAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)] : -1;
}

int SqlLogModel::rowOf(qsizetype index) const
{
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), qint32(index));
    return it != m_rows.end() && *it == index ? int(it - m_rows.begin()) : -1;
}

void SqlLogModel::onAppended(qsizetype, qsizetype last)
{
    if (!m_log)
        return;
    std::vector<qint32> added;
    for (qsizetype i = std::max(m_scanned, m_log->first()); i <= last && i < m_log->size(); ++i)
        if (m_log->at(i).type == EventType::Statement)
            added.push_back(qint32(i));
    m_scanned = std::max(m_scanned, last + 1);
    if (added.empty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
    m_rows.insert(m_rows.end(), added.begin(), added.end());
    endInsertRows();
}

void SqlLogModel::onDropped(qsizetype first)
{
    // The statements the log's cap dropped leave the top of the table.
    const auto end = std::lower_bound(m_rows.begin(), m_rows.end(), qint32(first));
    if (end == m_rows.begin())
        return;
    beginRemoveRows({}, 0, int(end - m_rows.begin()) - 1);
    m_rows.erase(m_rows.begin(), end);
    endRemoveRows();
}

void SqlLogModel::onCleared()
{
    beginResetModel();
    m_rows.clear();
    m_scanned = 0;
    endResetModel();
}

int SqlLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SqlLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SqlLogModel::data(const QModelIndex &index, int role) const
{
    const qsizetype i = eventAt(index.row());
    if (!m_log || !m_log->contains(i))
        return {};
    if (role == EventIndexRole)
        return qlonglong(i);
    const QVariantMap m = m_log->value(m_log->at(i).value).toMap();
    const bool failed = m.contains(QStringLiteral("error"));
    if (role == Qt::ForegroundRole && failed)
        return QColor(0xc6, 0x28, 0x28);
    if (role == Qt::ToolTipRole) {
        if (index.column() == Why)
            return statementCauseText(*m_log, i);
        return failed ? m.value(QStringLiteral("error")).toString()
                      : m.value(QStringLiteral("sql")).toString();
    }
    if (role == Qt::TextAlignmentRole
        && (index.column() == Seq || index.column() == Rows || index.column() == Duration))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Seq:
        return qlonglong(i + 1);
    case Source:
        return m.value(QStringLiteral("source"));
    case Why:
        return statementCauseText(*m_log, i);
    case Sql:
        return m.value(QStringLiteral("sql"));
    case Parameters:
        return m_log->displayValue(m.value(QStringLiteral("params")));
    case Rows:
        return failed ? tr("error") : m.value(QStringLiteral("rows")).toString();
    case Duration:
        return QString::number(m.value(QStringLiteral("ms")).toDouble(), 'f', 3);
    default:
        return {};
    }
}

QVariant SqlLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Seq:
        return tr("#");
    case Source:
        return tr("Origin");
    case Why:
        return tr("Why");
    case Sql:
        return tr("Statement");
    case Parameters:
        return tr("Parameters");
    case Rows:
        return tr("Rows");
    case Duration:
        return tr("ms");
    default:
        return {};
    }
}

} // namespace ms
