#include "unitofworkmodel.h"

#include "events/eventlog.h"
#include "orm/instance.h"
#include "live/sessioncontroller.h"
#include "live/workbench.h"
#include "common/statestyle.h"

#include <QFont>

namespace ms {

UnitOfWorkModel::UnitOfWorkModel(SessionController *controller, QObject *parent)
    : QAbstractItemModel(parent)
    , m_controller(controller)
{
    connect(controller, &SessionController::sessionReplaced, this, &UnitOfWorkModel::reset);
    connect(controller, &SessionController::objectsChanged, this, &UnitOfWorkModel::refresh);
    // several sessions: the one chosen in the workspace, named in the header
    connect(controller, &SessionController::currentSessionChanged, this, [this] {
        refresh();
        Q_EMIT headerDataChanged(Qt::Horizontal, Object, Object);
    });
    reset();
}

void UnitOfWorkModel::reset()
{
    beginResetModel();
    for (auto &g : m_groups)
        g.clear();
    if (Session *s = m_controller ? m_controller->chosenSession() : nullptr) {
        m_groups[IdentityMap] = s->identityMap();
        m_groups[New] = s->newObjects();
        m_groups[Dirty] = s->dirtyObjects();
        m_groups[Deleted] = s->deletedObjects();
    }
    endResetModel();
}

void UnitOfWorkModel::refresh()
{
    Session *s = m_controller ? m_controller->chosenSession() : nullptr;
    update(IdentityMap, s ? s->identityMap() : QList<Instance *>());
    update(New, s ? s->newObjects() : QList<Instance *>());
    update(Dirty, s ? s->dirtyObjects() : QList<Instance *>());
    update(Deleted, s ? s->deletedObjects() : QList<Instance *>());
}

void UnitOfWorkModel::update(Group group, QList<Instance *> now)
{
    QList<Instance *> &was = m_groups[group];
    const QModelIndex parent = index(group, 0);
    // The rows that differ lie between a common head and a common tail:
    // remove the old middle, insert the new one; the rest only repaints.
    qsizetype head = 0;
    while (head < was.size() && head < now.size() && was[head] == now[head])
        ++head;
    qsizetype tail = 0;
    while (tail < was.size() - head && tail < now.size() - head
           && was[was.size() - 1 - tail] == now[now.size() - 1 - tail])
        ++tail;
    const qsizetype removed = was.size() - head - tail;
    const qsizetype added = now.size() - head - tail;
    if (removed > 0) {
        beginRemoveRows(parent, int(head), int(head + removed - 1));
        was.remove(head, removed);
        endRemoveRows();
    }
    if (added > 0) {
        beginInsertRows(parent, int(head), int(head + added - 1));
        was.insert(head, added, nullptr);
        for (qsizetype i = head; i < head + added; ++i)
            was[i] = now[i];
        endInsertRows();
    }
    // (Not was == now: Qt 6.4 hands memcmp a null pointer for empty lists.)
    Q_ASSERT(was.size() == now.size());
    if (!was.isEmpty())
        Q_EMIT dataChanged(index(0, 0, parent),
                           index(int(was.size()) - 1, ColumnCount - 1, parent));
    Q_EMIT dataChanged(parent, index(group, ColumnCount - 1)); // the count in the group's row
}

QString UnitOfWorkModel::pendingChanges(const Instance *o) const
{
    QStringList changes;
    const EventLog *log = m_controller ? m_controller->workbench()->log() : nullptr;
    if (!log)
        return {};
    auto shortValue = [log](const QVariant &v) {
        return log->displayValue(v);
    };
    const QStringList &names = o->mapper()->attributeNames();
    for (int a = 0; a < o->attributeCount(); ++a) {
        if (!o->isModified(a))
            continue;
        if (o->isColumn(a)) {
            changes << QStringLiteral("%1: %2 -> %3")
                           .arg(names[a], shortValue(o->committedValue(a)),
                                shortValue(o->value(a)));
        } else {
            const int r = o->relationshipIndex(a);
            if (!o->mapper()->relationships()[r].isCollection()) {
                const Instance *ref = o->scalar(r); // a many-to-one, or a one-to-one
                changes << QStringLiteral("%1: -> %2")
                               .arg(names[a], ref ? ref->label() : QStringLiteral("None"));
            } else {
                QStringList labels;
                for (const Instance *i : o->collection(r))
                    labels << i->label();
                changes << QStringLiteral("%1: -> [%2]")
                               .arg(names[a], labels.join(QLatin1String(", ")));
            }
        }
    }
    return changes.join(QLatin1String("; "));
}

QModelIndex UnitOfWorkModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < GroupCount ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.column() != 0)
        return {};
    const int group = parent.row();
    return row < m_groups[group].size() ? createIndex(row, column, quintptr(group + 1))
                                        : QModelIndex();
}

QModelIndex UnitOfWorkModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int UnitOfWorkModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return GroupCount;
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_groups[parent.row()].size());
}

int UnitOfWorkModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant UnitOfWorkModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0) {
        const Group g = Group(index.row());
        if (role == Qt::FontRole) {
            QFont f;
            f.setBold(true);
            return f;
        }
        if (role == Qt::ToolTipRole) {
            switch (g) {
            case IdentityMap:
                return tr("session.identity_map: the persistent objects, by primary key");
            case New:
                return tr("session.new: pending objects, inserted at the next flush");
            case Dirty:
                return tr("session.dirty: persistent objects with changed attributes");
            case Deleted:
                return tr("session.deleted: objects marked for deletion at the next flush");
            default:
                return {};
            }
        }
        if (role != Qt::DisplayRole || index.column() != Object)
            return {};
        const QString names[] = {tr("Identity map"), tr("New"), tr("Dirty"), tr("Deleted")};
        return tr("%1 (%2)").arg(names[g]).arg(m_groups[g].size());
    }
    const Instance *o = m_groups[index.internalId() - 1].value(index.row());
    if (!o)
        return {};
    const bool marked = markedForDeletion(o);
    switch (index.column()) {
    case Object:
        if (role == Qt::DisplayRole)
            return o->label();
        if (role == Qt::DecorationRole)
            return stateIcon(o->state(), marked);
        return {};
    case State:
        if (role == Qt::DisplayRole)
            return stateText(o->state(), marked);
        return {};
    case Changes:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return pendingChanges(o);
        return {};
    default:
        return {};
    }
}

QVariant UnitOfWorkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Object:
        if (m_controller && m_controller->sessionNames().size() > 1)
            return tr("Object in session %1").arg(m_controller->currentSession());
        return tr("Object");
    case State:
        return tr("State");
    case Changes:
        return tr("Pending changes");
    default:
        return {};
    }
}

} // namespace ms
