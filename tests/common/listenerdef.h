#pragma once

#include "project/project.h"

#include <QJsonObject>

namespace mstest {

/// A project listener, as the Listeners panel or a project file makes one.
inline ms::ListenerDef listener(const char *event, const char *target, const char *action,
                                const QJsonObject &extra = {})
{
    ms::ListenerDef l;
    l.event = QLatin1String(event);
    l.target = QLatin1String(target);
    l.action = QLatin1String(action);
    l.extra = extra;
    return l;
}

} // namespace mstest
