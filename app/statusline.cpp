#include "statusline.h"

#include "document/projectdocument.h"
#include "events/eventlog.h"
#include "live/sessioncontroller.h"
#include "live/workbench.h"

#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QStatusBar>

#include <limits>

namespace ms {

namespace {

const QString logCapacityKey = QStringLiteral("log/capacity");

} // namespace

StatusLine::StatusLine(QStatusBar *bar, ProjectDocument *doc, Workbench *bench,
                       SessionController *controller)
    : QObject(bar)
    , m_doc(doc)
    , m_bench(bench)
    , m_database(new QLabel(bar))
    , m_session(new QLabel(bar))
    , m_events(new QLabel(bar))
{
    m_database->setObjectName(QStringLiteral("statusDatabase"));
    m_events->setObjectName(QStringLiteral("statusEvents"));
    bar->addWidget(m_database, 1);
    bar->addWidget(m_session, 1);
    bar->addPermanentWidget(m_events);
    bench->log()->setCapacity(
        QSettings().value(logCapacityKey, EventLog::kDefaultCapacity).toLongLong());
    connect(doc, &ProjectDocument::databaseChanged, this, &StatusLine::update);
    connect(doc, &ProjectDocument::projectReset, this, &StatusLine::update);
    connect(bench, &Workbench::connectionChanged, this, &StatusLine::update);
    connect(bench, &Workbench::applied, this, &StatusLine::update);
    connect(bench->log(), &EventLog::eventsAppended, this, &StatusLine::update);
    connect(bench->log(), &EventLog::eventsDropped, this, &StatusLine::update);
    connect(bench->log(), &EventLog::cleared, this, &StatusLine::update);
    connect(controller, &SessionController::sessionReplaced, this, &StatusLine::update);
    connect(controller, &SessionController::objectsChanged, this, &StatusLine::update);
    update();
}

void StatusLine::update()
{
    const DatabaseSettings &db = m_doc->project().database;
    const QString where = db.driver == QLatin1String("QPSQL")
        ? tr("PostgreSQL %1@%2/%3")
              .arg(db.user, db.host.isEmpty() ? QStringLiteral("localhost") : db.host, db.name)
        : tr("SQLite %1").arg(db.name);
    m_database->setText(m_bench->connectionLost() ? tr("Database: %1 (connection lost)").arg(where)
                                                  : tr("Database: %1").arg(where));
    m_session->setText(tr("Session: %1").arg(m_bench->stateText()));
    const EventLog *log = m_bench->log();
    m_events->setText(log->first() > 0 ? tr("events: %1 (%2 older dropped)")
                                             .arg(QLocale().toString(log->count()),
                                                  QLocale().toString(log->first()))
                                       : tr("events: %1").arg(QLocale().toString(log->count())));
}

void StatusLine::editLogLimit(QWidget *parent)
{
    bool ok = false;
    EventLog *log = m_bench->log();
    const int events = QInputDialog::getInt(
        parent, tr("Event Log Limit"),
        tr("Keep at most this many events; past it the oldest are dropped\n"
           "(about 30 bytes each; the default is %1):")
            .arg(QLocale().toString(EventLog::kDefaultCapacity)),
        int(std::min<qsizetype>(log->capacity(), std::numeric_limits<int>::max())), 1000,
        std::numeric_limits<int>::max(), 100000, &ok);
    if (!ok)
        return;
    log->setCapacity(events);
    QSettings().setValue(logCapacityKey, qlonglong(events));
    update();
}

} // namespace ms
