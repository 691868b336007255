#include "relationshipsmodel.h"

#include "schema/schema.h"


namespace ms {

RelationshipsModel::RelationshipsModel(ProjectDocument *doc, QObject *parent)
    : MemberModel(doc, MemberKind::Relationship, parent)
{
}

int RelationshipsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FieldCount;
}

QVariant RelationshipsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const RelationshipDef &r = members().at(index.row());
    const QString problem = problemAt(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case Name:
            return r.name;
        case Kind:
            return r.kindName;
        case Target:
            return r.target;
        case Backref:
            return r.backref;
        case Cascade:
            return role == Qt::DisplayRole && r.cascade.isEmpty()
                ? tr("(default) save-update, merge")
                : r.cascade;
        case ForeignKey:
            if (role == Qt::DisplayRole && r.foreignKey.isEmpty()) {
                const QString automatic = automaticForeignKey(index.row());
                return automatic.isEmpty() ? QString() : tr("(automatic) %1").arg(automatic);
            }
            return r.foreignKey;
        case Loading:
            return role == Qt::DisplayRole && r.lazy.isEmpty() ? tr("(default) select") : r.lazy;
        case Secondary:
            return r.secondary;
        default:
            return {};
        }
    case ChoicesRole:
        switch (index.column()) {
        case Kind:
            return relationshipKindNames();
        case Target: {
            QStringList classes;
            for (const ClassDef &cls : m_doc->schema().classes)
                classes.append(cls.name);
            return classes;
        }
        case Cascade:
            return QStringList {QString(), QStringLiteral("save-update, merge"),
                                QStringLiteral("all"), QStringLiteral("all, delete-orphan"),
                                QStringLiteral("save-update, merge, delete")};
        case ForeignKey:
            return QStringList {QString()} + foreignKeyChoices(index.row());
        case Loading:
            return QStringList {QString()} + loadStrategyNames().mid(1);
        case Secondary: {
            const QString suggested = suggestedSecondary(r);
            return suggested.isEmpty() || suggested == r.secondary ? QStringList {QString(), r.secondary}
                                                                   : QStringList {QString(), r.secondary, suggested};
        }
        default:
            return {};
        }
    case FreeTextRole:
        return index.column() == Cascade || index.column() == Secondary;
    case Qt::ToolTipRole:
        if (!problem.isEmpty())
            return problem;
        if (index.column() == Cascade)
            return tr("SQLAlchemy's cascade words: %1")
                .arg(ms::Cascade::knownWords().join(QStringLiteral(", ")));
        if (index.column() == ForeignKey)
            return tr("The column that carries the foreign key (SQLAlchemy's foreign_keys=). "
                      "Needed when several columns reference the same class; empty: the only one.");
        if (index.column() == Secondary) {
            const int self = classIndex();
            const auto columns = m_doc->schema().associationColumns(self, r);
            return tr("A many-to-many's association table (SQLAlchemy's secondary=). Apply creates it "
                      "with two columns, %1 and %2, each a foreign key to one side's primary key.")
                .arg(columns.first, columns.second);
        }
        if (index.column() == Loading)
            return tr("How the relationship is loaded (SQLAlchemy's lazy=): select when first read; "
                      "joined in the parent's statement; selectin or subquery by a second SELECT for "
                      "all the parents at once; raise: reading it is an error; noload: never loaded. "
                      "A query step's options can override it.");
        return {};
    case Qt::BackgroundRole:
    case Qt::DecorationRole:
        return problemDecoration(index, role);
    default:
        return {};
    }
}

QVariant RelationshipsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Target:
        return tr("Target");
    case Backref:
        return tr("Backref");
    case Cascade:
        return tr("Cascade");
    case ForeignKey:
        return tr("Foreign key");
    case Loading:
        return tr("Loading");
    case Secondary:
        return tr("Association table");
    default:
        return {};
    }
}

Qt::ItemFlags RelationshipsModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

bool RelationshipsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || role != Qt::EditRole)
        return false;
    RelationshipDef r = members().at(index.row());
    const QString text = value.toString().trimmed();
    switch (index.column()) {
    case Name:
        r.name = text;
        break;
    case Kind:
        r.kindName = text;
        // a many-to-many needs its association table: one is suggested
        if (r.kind() == RelationshipKind::ManyToMany && r.secondary.isEmpty())
            r.secondary = suggestedSecondary(r);
        break;
    case Target:
        r.target = text;
        if (r.kind() == RelationshipKind::ManyToMany && r.secondary.isEmpty())
            r.secondary = suggestedSecondary(r);
        break;
    case Backref:
        // What the backref creates on the target may be renamed: steps and
        // listeners that name it follow (Renaming::setBackref()).
        if (text != r.backref)
            m_doc->undoStack()->push(new SetBackrefCommand(m_doc, classIndex(), index.row(), text));
        return true;
    case Cascade:
        r.cascade = text;
        break;
    case ForeignKey: {
        r.foreignKey = text;
        // a foreign key of several columns (to a composite key) is the only
        // one to its class: chosen, it is the automatic one
        RelationshipDef any = r;
        any.foreignKey.clear();
        const Schema &schema = m_doc->schema();
        for (const ForeignKeyRef &fk : schema.foreignKeyCandidates(classIndex(), any))
            if (fk.columns.size() > 1 && schema.columnName(fk) == text)
                r.foreignKey.clear();
        break;
    }
    case Loading:
        r.lazy = text == QLatin1String("select") ? QString() : text;
        break;
    case Secondary:
        r.secondary = text;
        break;
    default:
        return false;
    }
    return pushEdit(index.row(), r);
}

int RelationshipsModel::columnOfField(const QString &field) const
{
    static const QHash<QString, int> fields {{QStringLiteral("name"), Name},
                                             {QStringLiteral("kind"), Kind},
                                             {QStringLiteral("target"), Target},
                                             {QStringLiteral("backref"), Backref},
                                             {QStringLiteral("cascade"), Cascade},
                                             {QStringLiteral("foreignKey"), ForeignKey},
                                             {QStringLiteral("lazy"), Loading},
                                             {QStringLiteral("secondary"), Secondary}};
    return fields.value(field, Name);
}

QStringList RelationshipsModel::foreignKeyChoices(int row) const
{
    RelationshipDef r = members().at(row);
    r.foreignKey.clear(); // every column that could carry it
    const Schema &schema = m_doc->schema();
    QStringList names;
    for (const ForeignKeyRef &fk : schema.foreignKeyCandidates(classIndex(), r))
        names << schema.columnName(fk);
    return names;
}

QString RelationshipsModel::suggestedSecondary(const RelationshipDef &r) const
{
    const Schema &schema = m_doc->schema();
    const ClassDef *target = schema.classDef(r.target);
    if (!target || classIndex() < 0 || classIndex() >= schema.classes.size())
        return QString();
    return schema.classes.at(classIndex()).tableName() + QLatin1Char('_') + target->tableName();
}

QString RelationshipsModel::automaticForeignKey(int row) const
{
    const QStringList choices = foreignKeyChoices(row);
    return choices.size() == 1 ? choices.first() : QString();
}

} // namespace ms
