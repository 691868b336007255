#include "unitofworkview.h"

#include "common/headerfit.h"

#include "unitofworkmodel.h"

namespace ms {

UnitOfWorkView::UnitOfWorkView(UnitOfWorkModel *model, QWidget *parent)
    : QTreeView(parent)
{
    setModel(model);
    setUniformRowHeights(true);
    expandAll();
    setColumnWidth(UnitOfWorkModel::Object, fontMetrics().horizontalAdvance(QLatin1Char('m')) * 16);
    fitHeaderTexts(header());
    connect(model, &QAbstractItemModel::modelReset, this, &QTreeView::expandAll);
}

} // namespace ms
