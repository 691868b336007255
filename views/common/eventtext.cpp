#include "eventtext.h"

#include "events/eventlog.h"

#include <QCoreApplication>
#include <QStringList>
#include <QVariantMap>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(EventInspector)
};

} // namespace

QString eventTitle(const EventLog &log, qsizetype index)
{
    const Event &e = log.at(index);
    QString title = QStringLiteral("#%1 %2").arg(index + 1).arg(eventName(e.type));
    if (e.type == EventType::Step && e.value) {
        const QVariantMap m = log.value(e.value).toMap();
        title += QLatin1Char(' ') + m.value(QStringLiteral("op")).toString();
    }
    const QString cls = log.className(e.classId);
    const QString object = log.objectLabel(e.objectId);
    const QString attr = log.attributeName(e.classId, e.attribute);
    if (!object.isEmpty())
        title += QLatin1Char(' ') + object;
    else if (!cls.isEmpty())
        title += QLatin1Char(' ') + cls;
    if (!attr.isEmpty())
        title += QLatin1Char('.') + attr;
    if (e.flags & Event::Failed)
        title += QLatin1Char(' ') + Tr::tr("(failed)");
    return title;
}

QString eventSummary(const EventLog &log, qsizetype index)
{
    const Event &e = log.at(index);
    QStringList lines;
    lines << eventTitle(log, index);
    lines << Tr::tr("category: %1, %2 ms")
                 .arg(categoryName(e.category()))
                 .arg(double(e.nsecs()) / 1e6, 0, 'f', 3);
    if (const QString cls = log.className(e.classId); !cls.isEmpty())
        lines << Tr::tr("class: %1").arg(cls);
    const QVariant value = log.value(e.value);
    switch (e.type) {
    case EventType::Statement: {
        const QVariantMap m = value.toMap();
        lines << m.value(QStringLiteral("sql")).toString();
        lines << Tr::tr("parameters: %1").arg(log.displayValue(m.value(QStringLiteral("params"))));
        if (m.contains(QStringLiteral("error")))
            lines << Tr::tr("error: %1").arg(m.value(QStringLiteral("error")).toString());
        else
            lines << Tr::tr("rows: %1, %2 ms, from %3")
                         .arg(m.value(QStringLiteral("rows")).toString())
                         .arg(m.value(QStringLiteral("ms")).toDouble(), 0, 'f', 3)
                         .arg(m.value(QStringLiteral("source")).toString());
        break;
    }
    case EventType::Error:
    case EventType::Warning:
        lines << value.toString();
        break;
    default:
        if (e.value)
            lines << Tr::tr("value: %1").arg(log.displayValue(value));
        if (e.hasOld())
            lines << Tr::tr("old value: %1").arg(log.displayValue(log.oldValue(e)));
        break;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace ms
