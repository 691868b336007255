#pragma once

#include <QTableView>

namespace ms {

class SqlLogModel;

/// The SQL log: a table over SqlLogModel, one statement a row, with
/// columns sized for the statement and its parameters.
class SqlLogView : public QTableView
{
    Q_OBJECT
public:
    explicit SqlLogView(SqlLogModel *model, QWidget *parent = nullptr);

    /// Selects the row of the statement recorded as event @p index (the
    /// log's index), or none when it is not a statement; does not emit
    /// eventSelected().
    void selectEvent(qsizetype index);

Q_SIGNALS:
    /// The user selected the statement recorded as event @p index.
    void eventSelected(qsizetype index);

private:
    SqlLogModel *m_model;
    bool m_selecting = false;
};

} // namespace ms
