// The timeline under volume, offscreen (not run by ctest): appends N
// recorded events (default 1,000,000; argument 1 overrides), then measures
// the time to take them into the graphs and the replot of the whole range
// and of a zoomed range. Prints one JSON object; argument 2, a PNG path,
// also saves the whole range as a picture.
#include "events/eventlog.h"
#include "timeline/qcustomplot_include.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace ms;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const qsizetype n = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1000000;

    EventLog log;
    const quint32 cls
        = log.defineClass(QStringLiteral("User"), {QStringLiteral("id"), QStringLiteral("name")});
    log.setObjectLabel(1, QStringLiteral("u1"));
    TimelineView view(&log);
    view.resize(1400, 500);
    view.show();

    // A flush's worth of hooks, repeated: session, mapper, attribute, SQL.
    const EventType cycle[] = {EventType::Step,        EventType::Init,
                               EventType::Set,         EventType::TransientToPending,
                               EventType::BeforeFlush, EventType::BeforeInsert,
                               EventType::Statement,   EventType::AfterInsert,
                               EventType::AfterFlush,  EventType::AfterFlushPostexec};
    QElapsedTimer t;
    t.start();
    for (qsizetype i = 0; i < n; ++i) {
        Event e;
        e.type = cycle[i % std::size(cycle)];
        e.classId = cls;
        e.objectId = 1;
        log.append(e);
    }
    const double recordMs = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    view.flushPending();
    const double appendMs = double(t.nsecsElapsed()) / 1e6;

    auto replot = [&] {
        QElapsedTimer r;
        r.start();
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        return double(r.nsecsElapsed()) / 1e6;
    };
    view.fitAll();
    replot(); // first paint: buffers
    double full = 0;
    for (int i = 0; i < 5; ++i)
        full += replot();
    view.plot()->xAxis->setRange(n / 2.0, n / 2.0 + 200);
    double zoomed = 0;
    for (int i = 0; i < 5; ++i)
        zoomed += replot();

    if (argc > 2) { // a picture of the whole range, to look at
        view.fitAll();
        view.exportTo(QString::fromLocal8Bit(argv[2]));
    }
    const QJsonObject out {{QStringLiteral("events"), double(n)},
                           {QStringLiteral("record_ms"), recordMs},
                           {QStringLiteral("timeline_append_ms"), appendMs},
                           {QStringLiteral("replot_all_ms"), full / 5},
                           {QStringLiteral("replot_zoomed_ms"), zoomed / 5},
                           {QStringLiteral("bands"), view.bandCount()}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
