#include "report.h"

#include "common/eventtext.h"
#include "core/writeall.h"
#include "events/eventlog.h"
#include "events/eventtype.h"

#include <QBuffer>
#include <QDateTime>
#include <QLocale>
#include <QSaveFile>

#include <set>

namespace ms {

namespace {
QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}
} // namespace

QByteArray Report::html(const EventLog &log, const QImage &timeline, const QString &title)
{
    QByteArray png;
    {
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        timeline.save(&buffer, "PNG");
    }
    QString out;
    out += QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>\n")
               .arg(esc(title));
    out += QStringLiteral(
        "<style>body{font-family:sans-serif;margin:2em;color:#222}"
        "table{border-collapse:collapse;font-size:13px}"
        "th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
        "th{background:#eef}tr.failed td{color:#c62828}tr.listened td{background:#ffe082}"
        "dt{font-weight:bold;font-family:monospace;margin-top:.6em}img{max-width:100%;border:1px solid #ccc}"
        "</style></head><body>\n");
    // The date in the interface's language, whatever the system's locale.
    const QLocale locale(interfaceLanguage());
    out += QStringLiteral("<h1>%1</h1>\n<p>%2</p>\n")
               .arg(esc(title),
                    esc(tr("Mapperscope, %1: %2 events.")
                            .arg(locale.toString(QDateTime::currentDateTime(), QLocale::LongFormat),
                                 locale.toString(log.count()))));
    if (log.first() > 0)
        out += QStringLiteral("<p>%1</p>\n")
                   .arg(esc(tr("The first %1 events were dropped by the event log's limit.")
                                .arg(QLocale().toString(log.first()))));
    out += QStringLiteral("<h2>%1</h2>\n<img alt=\"%1\" src=\"data:image/png;base64,%2\">\n")
               .arg(esc(tr("Timeline")), QString::fromLatin1(png.toBase64()));

    // The hooks that fired, in catalogue order, with what each is for.
    std::set<int> fired;
    for (qsizetype i = log.first(); i < log.size(); ++i)
        fired.insert(int(log.at(i).type));
    out += QStringLiteral("<h2>%1</h2>\n<dl>\n").arg(esc(tr("The hooks in this run")));
    for (const EventInfo &info : eventCatalogue()) {
        if (!fired.count(int(info.type)) || info.category == EventCategory::Step)
            continue;
        out += QStringLiteral("<dt>%1(%2)</dt><dd>%3</dd>\n")
                   .arg(esc(QString::fromLatin1(info.name)), esc(QString::fromLatin1(info.arguments)),
                        esc(eventExplanation(info.type)));
    }
    out += QStringLiteral("</dl>\n");

    out += QStringLiteral("<h2>%1</h2>\n<table>\n<tr>").arg(esc(tr("Events")));
    for (const QString &h : {tr("#"), tr("ms"), tr("Category"), tr("Hook"), tr("Class"),
                             tr("Object"), tr("Attribute"), tr("Value"), tr("Old value")})
        out += QStringLiteral("<th>%1</th>").arg(esc(h));
    out += QStringLiteral("</tr>\n");
    const qsizetype end = std::min(log.size(), log.first() + kMaxRows);
    for (qsizetype i = log.first(); i < end; ++i) {
        const Event &e = log.at(i);
        const QVariant v = log.value(e.value);
        QString value;
        if (e.type == EventType::Statement)
            value = v.toMap().value(QStringLiteral("sql")).toString();
        else if (e.type == EventType::Error || e.type == EventType::Warning)
            value = v.toString();
        else if (e.value)
            value = log.displayValue(v);
        const QString cls = (e.flags & Event::Failed) ? QStringLiteral(" class=\"failed\"")
            : (e.flags & Event::Listened)             ? QStringLiteral(" class=\"listened\"")
                                                      : QString();
        out += QStringLiteral("<tr%1><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td>"
                              "<td>%7</td><td>%8</td><td>%9</td>")
                   .arg(cls)
                   .arg(i + 1)
                   .arg(QString::number(double(e.nsecs()) / 1e6, 'f', 3),
                        esc(categoryTitle(e.category())), esc(eventName(e.type)),
                        esc(log.className(e.classId)), esc(log.objectLabel(e.objectId)),
                        esc(log.attributeName(e.classId, e.attribute)), esc(value));
        out += QStringLiteral("<td>%1</td></tr>\n")
                   .arg(e.hasOld() ? esc(log.displayValue(log.oldValue(e))) : QString());
    }
    out += QStringLiteral("</table>\n");
    if (end < log.size())
        out += QStringLiteral("<p>%1</p>\n")
                   .arg(esc(tr("%1 more events are left out of this table.")
                                .arg(QLocale().toString(log.size() - end))));
    out += QStringLiteral("</body></html>\n");
    return out.toUtf8();
}

Result<void> Report::write(const QString &path, const EventLog &log, const QImage &timeline,
                           const QString &title)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return Error {tr("cannot write: %1").arg(file.errorString()), path};
    if (!writeAll(&file, html(log, timeline, title)) || !file.commit())
        return Error {tr("cannot write: %1").arg(file.errorString()), path};
    return {};
}

} // namespace ms
