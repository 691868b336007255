#pragma once

#include <QTreeView>

namespace ms {

class UnitOfWorkModel;

/// The unit of work: a tree over UnitOfWorkModel (new, dirty, deleted, the
/// identity map), every branch open.
class UnitOfWorkView : public QTreeView
{
    Q_OBJECT
public:
    explicit UnitOfWorkView(UnitOfWorkModel *model, QWidget *parent = nullptr);
};

} // namespace ms
