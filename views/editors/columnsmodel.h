#pragma once

#include "membermodel.h"

namespace ms {

/// The columns of one class: name, type, primary key, nullable, unique,
/// default (a JSON value: 0, "text", true), references (a class). Edits
/// become EditMemberCommands on the document's undo stack.
class ColumnsModel : public MemberModel<ColumnDef>
{
    Q_OBJECT
public:
    enum Field { Name, Type, PrimaryKey, Nullable, Unique, Default, References, Version, FieldCount };

    explicit ColumnsModel(ProjectDocument *doc, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    /// The text shown for a column default, and back ("" is no default).
    static QString defaultText(const QJsonValue &value);
    static QJsonValue defaultFromText(const QString &text);

protected:
    int columnOfField(const QString &field) const override;
};

} // namespace ms
