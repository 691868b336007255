#include "tracewriter.h"

#include "jsonvalue.h"

#include "core/writeall.h"

#include "events/eventlog.h"
#include "orm/instance.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QDate>
#include <QDateTime>
#include <QJsonArray>
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

QJsonValue TraceWriter::jsonValue(const EventLog &log, const QVariant &v, qsizetype index)
{
    return toJsonValue(v, [&log, index](const QVariant &value) -> std::optional<QJsonValue> {
        if (value.metaType() != QMetaType::fromType<ObjectRef>())
            return std::nullopt;
        const quint32 id = value.value<ObjectRef>().id;
        return QJsonObject{{QStringLiteral("ref"),
                            nameOrNull(index < 0 ? log.objectLabel(id) : log.objectLabelAt(id, index))}};
    });
}

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
    o.insert(QLatin1String("ref"), nameOrNull(log.objectLabelAt(e.objectId, index)));
    o.insert(QLatin1String("attr"), nameOrNull(log.attributeName(e.classId, e.attribute)));
    // a project of several sessions: the session the step ran in
    if (!(e.flags & Event::ConfigurePhase) && log.sessionCount() > 0)
        o.insert(QLatin1String("session"), log.sessionNameAt(index));
    const QVariant value = log.value(e.value);
    switch (e.type) {
    case EventType::Step: {
        // the runner's marker: {op, step, ref, attr[, error]}
        const QVariantMap m = value.toMap();
        o.insert(QLatin1String("event"), m.value(QStringLiteral("op")).toString());
        o.insert(QLatin1String("step"), m.value(QStringLiteral("step")).toInt());
        o.insert(QLatin1String("ref"), jsonValue(log, m.value(QStringLiteral("ref")), index));
        o.insert(QLatin1String("attr"), jsonValue(log, m.value(QStringLiteral("attr")), index));
        if (m.contains(QStringLiteral("error"))) {
            o.insert(QLatin1String("error"), m.value(QStringLiteral("error")).toString());
            o.insert(QLatin1String("message"), m.value(QStringLiteral("message")).toString());
        }
        break;
    }
    case EventType::Expire:
    case EventType::Refresh:
    case EventType::RefreshFlush:
        o.insert(QLatin1String("attrs"), jsonValue(log, value, index));
        break;
    case EventType::Statement:
    case EventType::AfterTransactionCreate:
    case EventType::AfterTransactionEnd: {
        const QVariantMap m = value.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            if (it.key() == QLatin1String("cause")) // ids become names and labels
                o.insert(it.key(), QJsonObject::fromVariantMap(log.namedCause(it.value().toMap())));
            else if (it.key() == QLatin1String("ms")) // the statement's own time; "ms" is the event's
                o.insert(QLatin1String("duration"), double(qRound64(it.value().toDouble() * 1000)) / 1000.0);
            else
                o.insert(it.key(), jsonValue(log, it.value(), index));
        }
        break;
    }
    case EventType::Warning:
    case EventType::Error:
        o.insert(QLatin1String("message"), value.toString());
        break;
    case EventType::NotFired:
        o.insert(QLatin1String("hooks"), value.toString());
        break;
    default:
        if (e.flags & Event::Extension) {
            o.insert(QLatin1String("extension"), value.toString());
            break;
        }
        if (e.value)
            o.insert(QLatin1String("value"), jsonValue(log, value, index));
        if (e.hasOld())
            o.insert(QLatin1String("old"), jsonValue(log, log.oldValue(e), index));
        break;
    }
    if (e.flags & Event::Failed)
        o.insert(QLatin1String("failed"), true);
    o.insert(QLatin1String("ms"), double(e.nsecs() / 1000) / 1000.0);
    // The keys in the order of docs/project-format.md (seq, phase, category, event, ...),
    // the details after them: QJsonObject alone would sort them.
    static const char *const leading[] = {"seq", "phase", "category", "event", "step",
                                          "session", "class", "ref", "attr"};
    QByteArray out = "{";
    auto put = [&](const QString &key, const QJsonValue &v) {
        if (out.size() > 1)
            out += ',';
        const QByteArray pair = QJsonDocument(QJsonObject{{key, v}}).toJson(QJsonDocument::Compact);
        out += pair.mid(1, pair.size() - 2);
    };
    for (const char *key : leading) {
        const QString k = QLatin1String(key);
        if (o.contains(k)) {
            put(k, o.value(k));
            o.remove(k);
        }
    }
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        put(it.key(), it.value());
    out += "}\n";
    return out;
}

namespace {
QByteArray csvField(const QJsonValue &v)
{
    QByteArray text;
    if (v.isString())
        text = v.toString().toUtf8();
    else if (v.isBool())
        text = v.toBool() ? "true" : "false";
    else if (v.isDouble())
        text = QByteArray::number(v.toDouble(), 'g', 15);
    else if (v.isArray())
        text = QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    else if (v.isObject())
        text = QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (text.contains(',') || text.contains('"') || text.contains('\n') || text.contains('\r'))
        text = '"' + text.replace('"', "\"\"") + '"';
    return text;
}
} // namespace

Result<void> TraceWriter::writeCsv(const EventLog &log, QIODevice *device)
{
    static const char *const columns[] = {"seq", "ms", "phase", "category", "event", "class",
                                          "ref", "attr", "value", "old", "failed"};
    QByteArray block = "seq,ms,phase,category,event,class,ref,attr,value,old,failed,detail\r\n";
    for (qsizetype i = log.first(); i < log.size(); ++i) {
        // The columns from the event's trace line, the rest as detail.
        QJsonObject o = QJsonDocument::fromJson(line(log, i)).object();
        for (const char *column : columns) {
            block += csvField(o.take(QLatin1String(column)));
            block += ',';
        }
        block += o.isEmpty() ? QByteArray() : csvField(o);
        block += "\r\n";
        if (block.size() >= (1 << 20) || i + 1 == log.size()) {
            if (!writeAll(device, block))
                return Error{Tr::tr("cannot write the trace: %1").arg(device->errorString()), {}};
            block.clear();
        }
    }
    if (!block.isEmpty() && !writeAll(device, block))
        return Error{Tr::tr("cannot write the trace: %1").arg(device->errorString()), {}};
    return {};
}

Result<void> TraceWriter::write(const EventLog &log, QIODevice *device)
{
    // Events the log's cap dropped are not there to write: the trace starts
    // at the oldest kept, its seq telling how many came before.
    // Written in blocks of about a megabyte with writeAll(), so that an
    // unbuffered file (a QSaveFile) sees a full disk (see writeAll()).
    QByteArray block;
    for (qsizetype i = log.first(); i < log.size(); ++i) {
        block += line(log, i);
        if (block.size() >= (1 << 20) || i + 1 == log.size()) {
            if (!writeAll(device, block))
                return Error{Tr::tr("cannot write the trace: %1").arg(device->errorString()), {}};
            block.clear();
        }
    }
    return {};
}

} // namespace ms
