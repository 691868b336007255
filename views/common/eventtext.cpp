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

namespace {

/// One cause (named: EventLog::namedCause()) in words.
QString causeWords(const QVariantMap &c)
{
    const QString kind = c.value(QStringLiteral("kind")).toString();
    const QString cls = c.value(QStringLiteral("class")).toString();
    const QString ref = c.value(QStringLiteral("ref")).toString();
    const QString object = ref.isEmpty() ? cls : ref;
    const QString attr = c.value(QStringLiteral("attr")).toString();
    if (kind == QLatin1String("insert"))
        return Tr::tr("the flush: INSERT of %1").arg(object);
    if (kind == QLatin1String("update"))
        return Tr::tr("the flush: UPDATE of %1").arg(object);
    if (kind == QLatin1String("delete"))
        return Tr::tr("the flush: DELETE of %1").arg(object);
    if (kind == QLatin1String("query"))
        return Tr::tr("the query of %1").arg(cls);
    if (kind == QLatin1String("get"))
        return Tr::tr("get(%1, ...): not in the identity map").arg(cls);
    if (kind == QLatin1String("lazy load"))
        return Tr::tr("the lazy load of %1.%2").arg(object, attr);
    if (kind == QLatin1String("eager load"))
        return Tr::tr("the eager load of %1.%2 for the objects just loaded").arg(cls, attr);
    if (kind == QLatin1String("association rows"))
        return Tr::tr("the flush: the association rows of %1.%2 (no mapper hooks)").arg(cls, attr);
    if (kind == QLatin1String("expired attributes"))
        return Tr::tr("reading the expired attributes of %1").arg(object);
    if (kind == QLatin1String("refresh"))
        return Tr::tr("refresh() of %1").arg(object);
    if (kind == QLatin1String("bulk update"))
        return Tr::tr("the bulk update of %1 (no mapper hooks)").arg(cls);
    if (kind == QLatin1String("bulk delete"))
        return Tr::tr("the bulk delete of %1 (no mapper hooks)").arg(cls);
    if (kind == QLatin1String("ddl"))
        return Tr::tr("Apply: making the tables");
    return kind;
}

} // namespace

QString statementCauseText(const EventLog &log, qsizetype index)
{
    const Event &e = log.at(index);
    if (e.type != EventType::Statement || !e.value)
        return QString();
    const QVariantMap statement = log.value(e.value).toMap();
    const QVariantMap cause = log.namedCause(statement.value(QStringLiteral("cause")).toMap());
    if (cause.isEmpty()) {
        if (statement.value(QStringLiteral("source")).toString() != QLatin1String("transaction"))
            return QString();
        const QString sql = statement.value(QStringLiteral("sql")).toString();
        if (sql.startsWith(QLatin1String("RELEASE")))
            return Tr::tr("the savepoint's commit");
        if (sql.startsWith(QLatin1String("ROLLBACK")))
            return Tr::tr("the savepoint's rollback");
        return Tr::tr("begin_nested(): the savepoint");
    }
    QString text = causeWords(cause);
    if (cause.contains(QStringLiteral("autoflush")))
        text = Tr::tr("%1, sent by the autoflush before %2")
                   .arg(text, causeWords(cause.value(QStringLiteral("autoflush")).toMap()));
    return text;
}

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
                 .arg(categoryTitle(e.category()))
                 .arg(double(e.nsecs()) / 1e6, 0, 'f', 3);
    if (const QString cls = log.className(e.classId); !cls.isEmpty())
        lines << Tr::tr("class: %1").arg(cls);
    const QVariant value = log.value(e.value);
    switch (e.type) {
    case EventType::Statement: {
        const QVariantMap m = value.toMap();
        lines << m.value(QStringLiteral("sql")).toString();
        if (const QString why = statementCauseText(log, index); !why.isEmpty())
            lines << Tr::tr("why: %1").arg(why);
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
    case EventType::NotFired:
        lines << Tr::tr("did not fire: %1").arg(value.toString())
              << Tr::tr("A bulk statement changed this object outside the unit of work: it skips the "
                        "mapper hooks a flush would fire. do_orm_execute and after_bulk_update or "
                        "after_bulk_delete fired instead, once for the statement.");
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

QString interfaceLanguage()
{
    //: The interface language's code: picks the lessons, the guide and the report's date in that language ("ru" for Russian).
    return QCoreApplication::translate("ms::Interface", "en");
}

} // namespace ms
