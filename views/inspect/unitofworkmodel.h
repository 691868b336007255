#pragma once

#include <QAbstractItemModel>
#include <QPointer>

#include <array>

namespace ms {

class Instance;
class SessionController;

/// What the session holds, as SQLAlchemy names it: the identity map and the
/// new, dirty and deleted sets, each a group of objects with their state
/// and pending changes (attribute: old -> new). It follows the session
/// through the controller's coalesced objectsChanged(): each group changes
/// by inserting and removing the rows that differ, never by a reset (except
/// when a new session replaces the old). With several sessions it shows the
/// one chosen in the workspace (SessionController::chosenSession()), named
/// in the header.
class UnitOfWorkModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Group { IdentityMap, New, Dirty, Deleted, GroupCount };
    enum Column { Object, State, Changes, ColumnCount };

    explicit UnitOfWorkModel(SessionController *controller, QObject *parent = nullptr);

    const QList<Instance *> &objects(Group group) const { return m_groups[group]; }
    /// "attr: old -> new; ..." for the object's modified attributes.
    QString pendingChanges(const Instance *o) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void refresh();
    void reset();
    void update(Group group, QList<Instance *> now);

    QPointer<SessionController> m_controller;
    std::array<QList<Instance *>, GroupCount> m_groups;
};

} // namespace ms
