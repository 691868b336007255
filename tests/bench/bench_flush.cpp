// The window while a big flush is recorded and shown (performance.md), on
// the offscreen platform (not run by ctest): the whole main window on the
// bench's User model in a SQLite file; N users (default 100,000; argument 1)
// are generated and added through the session workspace's controller, then
// flushed as the Flush action does. A 1 ms timer measures the event loop
// throughout: the longest gap between its ticks is the longest the window
// froze. Prints one JSON object; argument 2, a PNG path, saves the window.
#include "events/eventlog.h"
#include "mainwindow.h"
#include "live/sessioncontroller.h"
#include "live/workbench.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace ms;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int n = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("bench.msproj"));
    {
        QFile f(project);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(project));
        const QJsonObject root {
            {QStringLiteral("format"), QStringLiteral("mapperscope-project")},
            {QStringLiteral("version"), 1},
            {QStringLiteral("database"),
             QJsonObject {{QStringLiteral("driver"), QStringLiteral("QSQLITE")},
                          {QStringLiteral("name"), dir.filePath(QStringLiteral("bench.sqlite"))}}},
            {QStringLiteral("classes"),
             QJsonDocument::fromJson(R"([{"name": "User", "table": "users", "columns": [
                {"name": "id", "type": "integer", "primaryKey": true},
                {"name": "name", "type": "text", "nullable": false},
                {"name": "email", "type": "text"},
                {"name": "age", "type": "integer"},
                {"name": "score", "type": "real"}]}])")
                 .array()}};
        f.write(QJsonDocument(root).toJson());
    }

    MainWindow w(nullptr, dir.filePath(QStringLiteral("recovery")));
    w.resize(1440, 900);
    w.show();
    if (!w.openProject(project) || !w.applyToDatabase())
        qFatal("cannot open and apply the bench project");
    SessionController *c = w.sessionController();
    EventLog *log = w.eventLog();

    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, worst = 0, worstAt = 0;
    QTimer tick;
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (now - last > worst) {
            worst = now - last;
            worstAt = now;
        }
        last = now;
    });

    auto settle = [&] {
        // until every view has taken the log's last event
        QElapsedTimer t;
        t.start();
        while (w.timeline()->shownCount() < log->size() && t.elapsed() < 600000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QCoreApplication::processEvents();
    };

    // generate: the workspace's own progress path
    qint64 start = clock.nsecsElapsed();
    auto made = c->generate(QStringLiteral("User"), n, [](int) {
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        return true;
    });
    if (!made)
        qFatal("generate failed: %s", qPrintable(made.error().toString()));
    settle();
    const double generateS = double(clock.nsecsElapsed() - start) / 1e9;

    // flush, with the event loop watched
    const qsizetype before = log->size();
    last = clock.nsecsElapsed();
    worst = 0;
    tick.start();
    start = clock.nsecsElapsed();
    qint64 flushed = 0;
    QTimer::singleShot(0, [&] {
        if (!c->run(steps::Flush {}))
            qFatal("flush failed");
        flushed = clock.nsecsElapsed();
    });
    while (flushed == 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    settle();
    const qint64 shown = clock.nsecsElapsed();
    tick.stop();

    const QJsonObject out {
        {QStringLiteral("objects"), n},
        {QStringLiteral("generate_s"), generateS},
        {QStringLiteral("flush_events"), double(log->size() - before)},
        {QStringLiteral("flush_s"), double(flushed - start) / 1e9},
        {QStringLiteral("flush_to_last_event_shown_s"), double(shown - start) / 1e9},
        {QStringLiteral("longest_stall_ms"), double(worst) / 1e6},
        {QStringLiteral("longest_stall_at_s"), double(worstAt - start) / 1e9},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    if (argc > 2)
        w.grab().save(QString::fromLocal8Bit(argv[2]));
    return 0;
}
