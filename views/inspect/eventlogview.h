#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace ms {

class EventLogModel;

/// The event log: a table over EventLogModel with a free-text filter.
class EventLogView : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogView(EventLogModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

private:
    QLineEdit *m_filter;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
};

} // namespace ms
