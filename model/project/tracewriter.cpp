#include "tracewriter.h"

#include "events/eventlog.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(TraceWriter)
};

QJsonValue nameOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
} // namespace

QByteArray TraceWriter::line(const EventLog &log, qsizetype index)
{
    const Event &e = log.at(index);
    QJsonObject o;
    o.insert(QLatin1String("seq"), index + 1);
    o.insert(QLatin1String("phase"), (e.flags & Event::ConfigurePhase) ? QStringLiteral("configure")
                                                                       : QStringLiteral("scenario"));
    o.insert(QLatin1String("category"), categoryName(e.category()));
    o.insert(QLatin1String("event"), eventName(e.type));
    o.insert(QLatin1String("class"), nameOrNull(log.className(e.classId)));
    o.insert(QLatin1String("ref"), nameOrNull(log.objectLabel(e.objectId)));
    o.insert(QLatin1String("attr"), nameOrNull(log.attributeName(e.classId, e.attribute)));
    if (e.value)
        o.insert(QLatin1String("value"), QJsonValue::fromVariant(log.value(e.value)));
    if (e.old)
        o.insert(QLatin1String("old"), QJsonValue::fromVariant(log.value(e.old)));
    o.insert(QLatin1String("ms"), double(e.nsecs / 1000) / 1000.0);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

Result<void> TraceWriter::write(const EventLog &log, QIODevice *device)
{
    for (qsizetype i = 0; i < log.size(); ++i) {
        const QByteArray text = line(log, i);
        if (device->write(text) != text.size())
            return Error{Tr::tr("cannot write the trace: %1").arg(device->errorString()), {}};
    }
    return {};
}

} // namespace ms
