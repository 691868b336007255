#include "objecttablemodel.h"

#include "common/choicedelegate.h"
#include "events/eventlog.h"
#include "orm/identitymap.h"
#include "orm/instance.h"
#include "orm/mapper.h"
#include "orm/registry.h"
#include "live/sessioncontroller.h"
#include "common/statestyle.h"

#include <QDate>
#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace ms {

namespace {

/// A column value as the table shows and edits it (no quotes: a table
/// cell, unlike the event log, holds one value of a known type).
QString cellText(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QStringLiteral("None");
    switch (v.typeId()) {
    case QMetaType::Bool:
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QMetaType::QDate:
        return v.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return v.toDateTime().toString(Qt::ISODate);
    default:
        return v.toString();
    }
}

} // namespace

ObjectTableModel::ObjectTableModel(SessionController *controller, const Mapper *mapper,
                                   QObject *parent)
    : QAbstractTableModel(parent)
    , m_controller(controller)
    , m_mapper(mapper)
{
    refresh();
}

Instance *ObjectTableModel::objectAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)] : nullptr;
}

int ObjectTableModel::rowOf(const Instance *object) const
{
    return m_rowOf.value(object, -1);
}

void ObjectTableModel::refresh()
{
    Session *session = m_controller ? m_controller->session() : nullptr;
    if (!session)
        return;
    std::vector<Instance *> added;
    const int count = session->objectCount();
    for (int id = m_scanned + 1; id <= count; ++id) {
        Instance *o = session->object(quint32(id));
        if (o && o->mapper() == m_mapper)
            added.push_back(o);
    }
    m_scanned = count;
    const int old = int(m_rows.size());
    if (old > 0)
        Q_EMIT dataChanged(index(0, 0), index(old - 1, columnCount() - 1));
    if (!added.empty()) {
        beginInsertRows({}, old, old + int(added.size()) - 1);
        for (Instance *o : added) {
            m_rowOf.insert(o, int(m_rows.size()));
            m_rows.push_back(o);
        }
        endInsertRows();
    }
}

int ObjectTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ObjectTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstAttribute + int(m_mapper->attributeNames().size());
}

QVariant ObjectTableModel::data(const QModelIndex &index, int role) const
{
    const Instance *o = objectAt(index.row());
    if (!o || !index.isValid())
        return {};
    const bool marked = markedForDeletion(o);
    switch (index.column()) {
    case Label:
        if (role == Qt::DisplayRole)
            return o->label();
        if (role == Qt::DecorationRole)
            return stateIcon(o->state(), marked);
        if (role == Qt::ToolTipRole && o->identity())
            return tr("identity key: %1").arg(cellText(*o->identity()));
        return {};
    case State:
        if (role == Qt::DisplayRole) {
            // several sessions: which one holds it
            const QStringList sessions = m_controller ? m_controller->sessionNames() : QStringList();
            if (sessions.size() > 1 && o->isAttached())
                return tr("%1 in %2").arg(stateText(o->state(), marked), sessions.value(o->sessionNumber() - 1));
            return stateText(o->state(), marked);
        }
        if (role == Qt::DecorationRole)
            return stateIcon(o->state(), marked);
        if (role == Qt::BackgroundRole)
            return stateBackground(o->state(), marked);
        return {};
    default:
        return attributeData(o, index.column() - FirstAttribute, role);
    }
}

QVariant ObjectTableModel::attributeData(const Instance *o, int attr, int role) const
{
    const bool column = o->isColumn(attr);
    const bool expired = o->isExpired(attr);
    // An object without identity has nothing to load: unset means None (or
    // an empty collection), as reading it in Python would give.
    const bool loaded = o->isLoaded(attr) || (!o->identity() && !expired);
    const bool modified = o->isModified(attr);
    const ResolvedRelationship *rel
        = column ? nullptr : &m_mapper->relationships()[o->relationshipIndex(attr)];

    auto shown = [&]() -> QString {
        if (column)
            return cellText(o->value(attr));
        if (!rel->isCollection()) {
            const Instance *ref = o->scalar(o->relationshipIndex(attr)); // a many-to-one, or a one-to-one
            return ref ? ref->label() : QStringLiteral("None");
        }
        QStringList labels;
        for (const Instance *i : o->collection(o->relationshipIndex(attr)))
            labels << i->label();
        return QLatin1Char('[') + labels.join(QLatin1String(", ")) + QLatin1Char(']');
    };

    switch (role) {
    case Qt::DisplayRole:
        if (expired)
            return tr("(expired)");
        if (!loaded)
            return tr("(not loaded)");
        return shown();
    case Qt::EditRole:
        if (!loaded)
            return QString();
        if (column && o->value(attr).isNull())
            return QString();
        return shown();
    case Qt::FontRole:
        if (modified || expired || !loaded) {
            QFont f;
            f.setBold(modified);
            f.setItalic(expired || !loaded);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        if (expired || !loaded)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::BackgroundRole:
        if (modified)
            return QColor(255, 236, 179); // a pending change, until the flush
        return {};
    case Qt::ToolTipRole: {
        if (expired)
            return tr("Expired: the next read loads it from the database.");
        if (!loaded)
            return tr("Not loaded: the next read loads it from the database.");
        if (modified && column)
            return tr("Changed, not flushed: %1 -> %2")
                .arg(cellText(o->committedValue(attr)), cellText(o->value(attr)));
        if (modified)
            return tr("Changed, not flushed");
        return {};
    }
    case ChoicesRole: {
        if (column) {
            if (m_mapper->columns()[attr].type() == ColumnType::Boolean)
                return QStringList {QStringLiteral("True"), QStringLiteral("False"),
                                    QStringLiteral("None")};
            return {};
        }
        if (rel->isCollection() || !m_controller || !m_controller->session())
            return {};
        return manyToOneChoices(rel->targetIndex, false);
    }
    case ChoiceTextsRole:
        if (column || rel->isCollection() || !m_controller || !m_controller->session())
            return {};
        return manyToOneChoices(rel->targetIndex, true);
    default:
        return {};
    }
}

QStringList ObjectTableModel::manyToOneChoices(int targetIndex, bool texts) const
{
    QStringList out {QStringLiteral("None")};
    Session *session = m_controller->session();
    const Mapper *target = session->registry()->mappers()[size_t(targetIndex)].get();
    // The column that tells objects apart: a unique one, else the first
    // text column, besides the key.
    int shown = -1;
    const QList<ColumnDef> &columns = target->columns();
    for (int c = 0; c < columns.size() && shown < 0; ++c)
        if (columns[c].unique && !target->isKeyColumn(c))
            shown = c;
    for (int c = 0; c < columns.size() && shown < 0; ++c)
        if (columns[c].typeName == QLatin1String("text") && !target->isKeyColumn(c))
            shown = c;
    for (int id = 1; id <= session->objectCount(); ++id) {
        const Instance *candidate = session->object(quint32(id));
        if (candidate->mapper() != target)
            continue;
        if (!texts) {
            out << candidate->label();
            continue;
        }
        // "User#1 alice"; an object with a label of its own and a key:
        // "user1 (User#1) alice"
        QString text = candidate->label();
        if (candidate->identity()) {
            const QString keyed = target->className() + QLatin1Char('#') + keyString(*candidate->identity());
            if (keyed != text)
                text += QStringLiteral(" (%1)").arg(keyed);
        }
        if (shown >= 0 && candidate->isLoaded(shown) && !candidate->value(shown).isNull())
            text += QLatin1Char(' ') + cellText(candidate->value(shown));
        out << text;
    }
    return out;
}

bool ObjectTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    Instance *o = objectAt(index.row());
    if (!o || role != Qt::EditRole || index.column() < FirstAttribute || !m_controller)
        return false;
    const int attr = index.column() - FirstAttribute;
    if (data(index, Qt::EditRole).toString() == value.toString() && o->isLoaded(attr))
        return false; // the editor closed without a change: no event
    return bool(m_controller->assign(o, m_mapper->attributeNames()[attr], value.toString()));
}

Qt::ItemFlags ObjectTableModel::flags(const QModelIndex &index) const
{
    const Instance *o = objectAt(index.row());
    if (!o)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() < FirstAttribute)
        return f;
    const int attr = index.column() - FirstAttribute;
    if (o->isColumn(attr)) {
        // The engine does not follow a changed primary key of a row.
        if (!(m_mapper->columns()[attr].primaryKey && o->identity()))
            f |= Qt::ItemIsEditable;
    } else if (!m_mapper->relationships()[o->relationshipIndex(attr)].isCollection()) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

QVariant ObjectTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == Label)
        return role == Qt::DisplayRole ? tr("Object") : QVariant();
    if (section == State)
        return role == Qt::DisplayRole ? tr("State") : QVariant();
    const int attr = section - FirstAttribute;
    if (attr < 0 || attr >= int(m_mapper->attributeNames().size()))
        return {};
    if (role == Qt::DisplayRole)
        return m_mapper->attributeNames()[attr];
    if (role == Qt::ToolTipRole) {
        if (attr < int(m_mapper->columns().size())) {
            const ColumnDef &c = m_mapper->columns()[attr];
            return tr("column %1 %2").arg(c.name, c.typeName);
        }
        const ResolvedRelationship &rel
            = m_mapper->relationships()[attr - int(m_mapper->columns().size())];
        if (rel.kind == RelationshipKind::ManyToOne)
            return tr("many-to-one: pick an object");
        if (rel.isManyToMany())
            return tr("many-to-many (through %1): change it in the side list").arg(rel.secondary);
        return rel.uselist ? tr("one-to-many: change it in the side list")
                           : tr("one-to-one: pick an object");
    }
    return {};
}

} // namespace ms
