#include "sqllogview.h"

#include "sqllogmodel.h"

#include <QHeaderView>

namespace ms {

SqlLogView::SqlLogView(SqlLogModel *model, QWidget *parent)
    : QTableView(parent)
    , m_model(model)
{
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    // #, origin, why, statement, parameters, rows (ms takes the rest)
    const int widths[] = {5, 6, 22, 34, 14, 5};
    static_assert(std::size(widths) == SqlLogModel::ColumnCount - 1);
    for (int c = 0; c < int(std::size(widths)); ++c)
        setColumnWidth(c, widths[c] * em);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!m_selecting && current.isValid())
                    Q_EMIT eventSelected(m_model->eventAt(current.row()));
            });
}

void SqlLogView::selectEvent(qsizetype index)
{
    const int row = m_model->rowOf(index);
    m_selecting = true;
    if (row >= 0) {
        selectRow(row);
        scrollTo(m_model->index(row, 0));
    } else {
        clearSelection();
    }
    m_selecting = false;
}

} // namespace ms
