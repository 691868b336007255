#include "columnsmodel.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ms {

ColumnsModel::ColumnsModel(ProjectDocument *doc, QObject *parent)
    : MemberModel(doc, MemberKind::Column, parent)
{
}

int ColumnsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FieldCount;
}

QString ColumnsModel::defaultText(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    // A one-element array serialises a bare value as JSON: [42] -> "[42]".
    const QByteArray json = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QJsonValue ColumnsModel::defaultFromText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    QJsonParseError error;
    const QJsonDocument doc
        = QJsonDocument::fromJson(QByteArray("[") + trimmed.toUtf8() + QByteArray("]"), &error);
    if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
        return doc.array().at(0);
    return QJsonValue(text); // words typed without quotes are a text default
}

QVariant ColumnsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ColumnDef &c = members().at(index.row());
    const QString problem = problemAt(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case Name:
            return c.name;
        case Type:
            return c.typeName;
        case Default:
            return defaultText(c.defaultValue);
        case References:
            return c.references;
        default:
            return {};
        }
    case Qt::CheckStateRole:
        switch (index.column()) {
        case PrimaryKey:
            return c.primaryKey ? Qt::Checked : Qt::Unchecked;
        case Nullable:
            return c.nullable ? Qt::Checked : Qt::Unchecked;
        case Unique:
            return c.unique ? Qt::Checked : Qt::Unchecked;
        case Version:
            return c.versionCounter ? Qt::Checked : Qt::Unchecked;
        default:
            return {};
        }
    case ChoicesRole:
        if (index.column() == Type)
            return columnTypeNames();
        if (index.column() == References) {
            QStringList classes {QString()};
            for (const ClassDef &cls : m_doc->schema().classes)
                classes.append(cls.name);
            return classes;
        }
        return {};
    case Qt::ToolTipRole:
        if (!problem.isEmpty())
            return problem;
        if (index.column() == Default)
            return tr("A JSON value: 0, 2.5, true, \"text\"; empty for none");
        if (index.column() == Version)
            return tr("The class's version counter (SQLAlchemy's version_id_col): the flush writes 1 at the "
                      "INSERT, adds one at each UPDATE, and checks the value it read in the UPDATE's and the "
                      "DELETE's WHERE; a row another session changed fails with StaleDataError");
        return {};
    case Qt::BackgroundRole:
    case Qt::DecorationRole:
        return problemDecoration(index, role);
    default:
        return {};
    }
}

QVariant ColumnsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case Name:
        return tr("Name");
    case Type:
        return tr("Type");
    case PrimaryKey:
        return tr("Primary key");
    case Nullable:
        return tr("Nullable");
    case Unique:
        return tr("Unique");
    case Default:
        return tr("Default");
    case References:
        return tr("References");
    case Version:
        return tr("Version");
    default:
        return {};
    }
}

Qt::ItemFlags ColumnsModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    switch (index.column()) {
    case PrimaryKey:
    case Nullable:
    case Unique:
    case Version:
        return f | Qt::ItemIsUserCheckable;
    default:
        return f | Qt::ItemIsEditable;
    }
}

bool ColumnsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    ColumnDef c = members().at(index.row());
    const bool checked = value.toInt() == Qt::Checked;
    if (role == Qt::CheckStateRole) {
        switch (index.column()) {
        case PrimaryKey:
            c.primaryKey = checked;
            if (checked)
                c.nullable = false; // a primary key is NOT NULL, as in SQLAlchemy
            break;
        case Nullable:
            c.nullable = checked;
            break;
        case Unique:
            c.unique = checked;
            break;
        case Version:
            c.versionCounter = checked;
            break;
        default:
            return false;
        }
    } else if (role == Qt::EditRole) {
        const QString text = value.toString();
        switch (index.column()) {
        case Name:
            c.name = text.trimmed();
            break;
        case Type:
            c.typeName = text.trimmed();
            break;
        case Default:
            c.defaultValue = defaultFromText(text);
            break;
        case References:
            c.references = text.trimmed();
            break;
        default:
            return false;
        }
    } else {
        return false;
    }
    return pushEdit(index.row(), c);
}

int ColumnsModel::columnOfField(const QString &field) const
{
    static const QHash<QString, int> fields {{QStringLiteral("name"), Name},
                                             {QStringLiteral("type"), Type},
                                             {QStringLiteral("primaryKey"), PrimaryKey},
                                             {QStringLiteral("nullable"), Nullable},
                                             {QStringLiteral("unique"), Unique},
                                             {QStringLiteral("default"), Default},
                                             {QStringLiteral("references"), References},
                                             {QStringLiteral("versionCounter"), Version}};
    return fields.value(field, Name);
}

} // namespace ms
