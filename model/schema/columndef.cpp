#include "columndef.h"

namespace ms {

namespace {
struct TypeName
{
    ColumnType type;
    const char *name;
};
constexpr TypeName kTypeNames[] = {
    {ColumnType::Integer, "integer"}, {ColumnType::Real, "real"},
    {ColumnType::Text, "text"},       {ColumnType::Boolean, "boolean"},
    {ColumnType::Date, "date"},       {ColumnType::DateTime, "datetime"},
};
} // namespace

QString columnTypeName(ColumnType type)
{
    for (const auto &t : kTypeNames) {
        if (t.type == type)
            return QLatin1String(t.name);
    }
    return {};
}

std::optional<ColumnType> columnTypeFromName(const QString &name)
{
    for (const auto &t : kTypeNames) {
        if (name == QLatin1String(t.name))
            return t.type;
    }
    return std::nullopt;
}

QStringList columnTypeNames()
{
    QStringList names;
    for (const auto &t : kTypeNames)
        names << QLatin1String(t.name);
    return names;
}

} // namespace ms
