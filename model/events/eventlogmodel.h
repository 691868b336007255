#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace ms {

class EventLog;

/// A table over an EventLog: one row per event kept (seq, time, category,
/// hook, class, object, attribute, value, old value). Rows are inserted in
/// the log's batches, never by a reset per event; events dropped by the log's
/// cap are removed from the top, and row r is then event first() + r.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Seq, Time, Category, Hook, Class, Object, Attribute, Value, Old, ColumnCount };
    enum Role { EventTypeRole = Qt::UserRole + 1, CategoryRole };

    explicit EventLogModel(EventLog *log, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The log index of @p row; -1 when there is no such row.
    qsizetype eventAt(int row) const;
    /// The row of the log's event @p index; -1 when it is not shown (dropped, or not yet inserted).
    int rowOf(qsizetype index) const;
    /// The log index of row 0: the events before it were dropped by the cap.
    qsizetype firstShown() const { return m_base; }

Q_SIGNALS:
    /// Rows were removed because the log dropped its oldest events: now
    /// @p dropped events in all are gone, under a cap of @p capacity.
    void dropped(qsizetype dropped, qsizetype capacity);

private:
    void onAppended(qsizetype first, qsizetype last);
    void onDropped(qsizetype first);
    void onCleared();

    QPointer<EventLog> m_log;
    qsizetype m_base = 0; ///< the log index of row 0
    qsizetype m_rows = 0;
};

} // namespace ms
