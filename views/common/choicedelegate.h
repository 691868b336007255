#pragma once

#include <QStyledItemDelegate>

namespace ms {

/// The item role under which a cell offers a list of choices (a QStringList)
/// for ChoiceDelegate's combo box.
constexpr int ChoicesRole = Qt::UserRole + 1;
/// Whether the cell's combo box accepts text of the user's own (a bool).
constexpr int FreeTextRole = Qt::UserRole + 2;
/// What the combo box shows for each of ChoicesRole's values (a QStringList
/// as long; absent: the values themselves): "User#1 alice" for `User#1`.
constexpr int ChoiceTextsRole = Qt::UserRole + 3;

/// Edits a cell that offers choices (ChoicesRole) with a combo box, editable
/// when the cell also accepts free text (FreeTextRole); other cells get the
/// default editor.
class ChoiceDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
};

} // namespace ms
