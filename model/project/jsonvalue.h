#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QVariant>

#include <optional>

namespace ms {

/// A value as the project's files write it (docs/project-format.md): null for
/// an invalid or null QVariant, dates as ISO text, lists and maps member by
/// member, anything else as QJsonValue::fromVariant(). @p reference writes
/// an object reference (a step's LabelRef, a trace's ObjectRef) as
/// {"ref": label}; it answers std::nullopt for a value that is not one.
template<typename Reference> QJsonValue toJsonValue(const QVariant &v, const Reference &reference)
{
    if (!v.isValid() || v.isNull() || v.typeId() == QMetaType::Nullptr)
        return QJsonValue(QJsonValue::Null);
    if (const std::optional<QJsonValue> ref = reference(v))
        return *ref;
    switch (v.typeId()) {
    case QMetaType::QDate:
        return v.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return v.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::QVariantList:
    case QMetaType::QStringList: {
        QJsonArray a;
        for (const QVariant &item : v.toList())
            a.append(toJsonValue(item, reference));
        return a;
    }
    case QMetaType::QVariantMap: {
        QJsonObject o;
        const QVariantMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it)
            o.insert(it.key(), toJsonValue(it.value(), reference));
        return o;
    }
    default:
        return QJsonValue::fromVariant(v);
    }
}

} // namespace ms
