#pragma once

#include "membermodel.h"

namespace ms {

/// The relationships one class declares: name, kind, target, backref,
/// cascade, foreign key. Edits become EditMemberCommands on the document's undo stack.
class RelationshipsModel : public MemberModel<RelationshipDef>
{
    Q_OBJECT
public:
    enum Field { Name, Kind, Target, Backref, Cascade, ForeignKey, Loading, Secondary, FieldCount };

    explicit RelationshipsModel(ProjectDocument *doc, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

protected:
    int columnOfField(const QString &field) const override;

private:
    /// The columns that could carry relationship @p row's foreign key.
    QStringList foreignKeyChoices(int row) const;
    /// The column the relationship uses when it names none (empty: none or several).
    QString automaticForeignKey(int row) const;
    /// The association table a new many-to-many of @p r gets: this
    /// class's table, an underscore, the target's (post_tags).
    QString suggestedSecondary(const RelationshipDef &r) const;
};

} // namespace ms
