#include "choicedelegate.h"


#include <QComboBox>

namespace ms {

QWidget *ChoiceDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    const QVariant choices = index.data(ChoicesRole);
    if (!choices.isValid())
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *combo = new QComboBox(parent);
    const QStringList values = choices.toStringList();
    const QStringList texts = index.data(ChoiceTextsRole).toStringList();
    for (int i = 0; i < values.size(); ++i)
        combo->addItem(texts.size() == values.size() ? texts[i] : values[i], values[i]);
    combo->setEditable(index.data(FreeTextRole).toBool());
    return combo;
}

void ChoiceDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QString current = index.data(Qt::EditRole).toString();
        const int at = combo->findData(current);
        if (at >= 0)
            combo->setCurrentIndex(at);
        else if (combo->isEditable())
            combo->setEditText(current);
        else {
            combo->addItem(current, current); // a value the list does not know yet stays selectable
            combo->setCurrentIndex(combo->count() - 1);
        }
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void ChoiceDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                  const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        // the value of the item chosen; text typed into an editable one
        const int at = combo->currentIndex();
        const bool typed = combo->isEditable() && (at < 0 || combo->currentText() != combo->itemText(at));
        model->setData(index, typed ? combo->currentText() : combo->itemData(at).toString(),
                       Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace ms
