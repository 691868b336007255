#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace ms {

/// An object as an attribute value: events and values carry the object's
/// id, never a pointer, so the event log outlives the objects it tells of.
struct ObjectRef
{
    quint32 id = 0;
    bool operator==(const ObjectRef &) const = default;
};

} // namespace ms

Q_DECLARE_METATYPE(ms::ObjectRef)
