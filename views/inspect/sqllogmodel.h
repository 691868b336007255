#pragma once

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

namespace ms {

class EventLog;

/// The statements of an EventLog, one row each: its event number, what
/// sent it (flush, query, load of expired attributes, bulk, DDL), why (the
/// object, query or lazy load, and the autoflush's trigger), the SQL,
/// the bound parameters, rows and duration; failed ones in red with the
/// database's error. Rows arrive with the log's batches.
class SqlLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Seq, Source, Why, Sql, Parameters, Rows, Duration, ColumnCount };
    enum Role { EventIndexRole = Qt::UserRole + 1 };

    explicit SqlLogModel(EventLog *log, QObject *parent = nullptr);

    /// The log index of the statement in @p row.
    qsizetype eventAt(int row) const;
    /// The row of the statement recorded as event @p index; -1 when none.
    int rowOf(qsizetype index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void onAppended(qsizetype first, qsizetype last);
    void onDropped(qsizetype first);
    void onCleared();

    QPointer<EventLog> m_log;
    std::vector<qint32> m_rows; ///< log indexes of statement events
    qsizetype m_scanned = 0;
};

} // namespace ms
