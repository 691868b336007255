#include "columnvalue.h"

#include "schema.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ColumnValue)
};
} // namespace

Result<QVariant> columnValue(const ColumnDef &column, const QVariant &value)
{
    return columnValue(column, column.type(), value);
}

Result<QVariant> columnValue(const ColumnDef &column, std::optional<ColumnType> type,
                             const QVariant &value)
{
    if (!value.isValid() || value.isNull() || value.typeId() == QMetaType::Nullptr)
        return QVariant();
    // What the database and the engine hand over is mostly of the right type already.
    if (type == ColumnType::Integer && value.typeId() == QMetaType::LongLong)
        return value;
    if (type == ColumnType::Text && value.typeId() == QMetaType::QString)
        return value;
    if (type == ColumnType::Real && value.typeId() == QMetaType::Double)
        return value;
    if (!type)
        return value;
    bool ok = true;
    switch (*type) {
    case ColumnType::Integer: {
        if (value.typeId() == QMetaType::Double) {
            const double d = value.toDouble();
            if (!isWholeNumber(d))
                ok = false;
            else
                return QVariant(qlonglong(d));
        } else if (value.typeId() == QMetaType::Bool) {
            return QVariant(qlonglong(value.toBool() ? 1 : 0));
        }
        const qlonglong v = value.toLongLong(&ok);
        if (ok)
            return QVariant(v);
        break;
    }
    case ColumnType::Real: {
        const double v = value.toDouble(&ok);
        if (ok)
            return QVariant(v);
        break;
    }
    case ColumnType::Text:
        if (value.typeId() == QMetaType::QString)
            return value;
        if (value.canConvert<QString>())
            return QVariant(value.toString());
        ok = false;
        break;
    case ColumnType::Boolean:
        if (value.typeId() == QMetaType::Bool)
            return value;
        if (value.typeId() == QMetaType::QString) {
            const QString s = value.toString().toLower();
            if (s == QLatin1String("true") || s == QLatin1String("1"))
                return QVariant(true);
            if (s == QLatin1String("false") || s == QLatin1String("0"))
                return QVariant(false);
            ok = false;
            break;
        }
        return QVariant(value.toLongLong(&ok) != 0);
    case ColumnType::Date: {
        if (value.typeId() == QMetaType::QDate)
            return value;
        const QDate d = QDate::fromString(value.toString().left(10), Qt::ISODate);
        if (d.isValid())
            return QVariant(d);
        ok = false;
        break;
    }
    case ColumnType::DateTime: {
        if (value.typeId() == QMetaType::QDateTime)
            return value;
        QString text = value.toString();
        text.replace(QLatin1Char(' '), QLatin1Char('T'));
        const QDateTime d = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (d.isValid())
            return QVariant(d);
        ok = false;
        break;
    }
    }
    return Error{Tr::tr("%1 is not a valid %2 value").arg(value.toString(), column.typeName),
                 column.name, QStringLiteral("StatementError")};
}

} // namespace ms
