#pragma once

#include <QAbstractTableModel>
#include <QPointer>

namespace ms {

class EventLog;

/// A table over an EventLog: one row per event (seq, time, category, hook,
/// class, object, attribute, value, old value). Rows are inserted in the log's batches,
/// never by a reset per event.
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

private:
    void onAppended(qsizetype first, qsizetype last);
    void onCleared();

    QPointer<EventLog> m_log;
    qsizetype m_rows = 0;
};

} // namespace ms
