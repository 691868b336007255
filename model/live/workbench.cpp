#include "workbench.h"

#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "orm/connection.h"
#include "orm/ddl.h"
#include "orm/registry.h"
#include "orm/session.h"
#include "project/databaseimport.h"
#include "listeneractions.h"
#include "sessiongroup.h"
#include "stepper.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Workbench)
};

bool isSqlite(const DatabaseSettings &s)
{
    return s.driver == QLatin1String("QSQLITE");
}

} // namespace

Workbench::Workbench(QObject *parent)
    : QObject(parent)
    , m_log(new EventLog(this))
    , m_dispatcher(std::make_unique<Dispatcher>())
    , m_stepper(new Stepper(m_dispatcher.get(), this))
{
    m_group = std::make_unique<SessionGroup>();
    m_dispatcher->setRecorder(m_log);
}

Result<void> Workbench::setListeners(const QList<ListenerDef> &listeners)
{
    m_listeners = listeners;
    if (!m_session)
        return {};
    if (!m_actions)
        m_actions = std::make_unique<ListenerActions>(m_dispatcher.get(), m_log, m_registry.get(),
                                                      m_session.get(), m_stepper);
    return m_actions->install(m_listeners);
}

int Workbench::liveListeners() const
{
    return m_actions ? m_actions->count() : 0;
}

Workbench::~Workbench()
{
    closeSession();
    delete m_stepper; // before the dispatcher it observes
}

bool Workbench::isConnected() const
{
    return m_connection && m_connection->isOpen();
}

void Workbench::closeSession()
{
    if (!m_session)
        return;
    Q_EMIT sessionAboutToClose();
    m_actions.reset();
    // The sessions end with the project: their closing events (each object
    // detached) are not recorded, or they would open the next project's log.
    EventLog *recorder = m_dispatcher ? m_dispatcher->recorder() : nullptr;
    if (m_dispatcher)
        m_dispatcher->setRecorder(nullptr);
    for (int i = m_group->count() - 1; i >= 1; --i)
        (void)m_group->at(i)->close();
    (void)m_session->close();
    if (m_dispatcher)
        m_dispatcher->setRecorder(recorder);
    m_group->clear();
    m_session.reset();
    m_registry.reset();
}

Result<void> Workbench::refusedWhileBusy() const
{
    // The operation under way is still on the stack, inside the session and
    // its mappers: they must outlive it. (Paused inside a hook, or running
    // with its heartbeat letting timers fire.)
    if (m_stepper->isPaused())
        return Error {Tr::tr("the engine is paused inside a hook: Continue, Step or Run to End "
                             "first"),
                      {},
                      QStringLiteral("InvalidRequestError")};
    if (isBusy())
        return Error {Tr::tr("the session is in the middle of an operation: wait until it is "
                             "over"),
                      {},
                      QStringLiteral("InvalidRequestError")};
    return {};
}

bool Workbench::isBusy() const
{
    return m_operations > 0 || m_stepper->isPaused() || (m_session && m_session->isBusy());
}

std::shared_ptr<void> Workbench::operation()
{
    ++m_operations;
    return std::shared_ptr<void>(nullptr, [this](void *) { --m_operations; });
}

Result<void> Workbench::connectTo(const DatabaseSettings &settings)
{
    if (auto refused = refusedWhileBusy(); !refused)
        return refused;
    closeSession();
    m_createdTables.clear();
    m_connection = std::make_unique<Connection>();
    m_lost = false;
    // an in-memory database other sessions' connections can open too
    Connection::Sharing sharing;
    m_memoryName.clear();
    if (settings.isSqliteMemory())
        sharing.memoryName = m_memoryName = SessionGroup::newMemoryName();
    auto opened = m_connection->open(settings, Connection::Access::ReadWrite, sharing);
    if (!opened)
        m_connection.reset();
    else
        m_settings = settings;
    Q_EMIT connectionChanged();
    return opened;
}

bool Workbench::checkConnection()
{
    const bool lost = m_connection && !m_connection->isAlive();
    if (lost != m_lost) {
        m_lost = lost;
        Q_EMIT connectionChanged();
    }
    return !lost;
}

Result<void> Workbench::reconnect()
{
    if (auto refused = refusedWhileBusy(); !refused)
        return refused;
    if (!m_connection)
        return Error {Tr::tr("not connected: choose a database first (Session > Database "
                             "Connection)"),
                      {}};
    if (m_settings.isSqliteMemory()
        || (m_settings.driver == QLatin1String("QSQLITE") && m_settings.name.isEmpty()))
        return Error {Tr::tr("an in-memory SQLite database is gone with its connection: apply "
                             "the model again (F5) for a new one"),
                      {}};
    // The session uses this connection's database (attach()): it lets go
    // of the old one first, and takes the new one when it opened.
    if (m_session)
        for (int i = 0; i < m_group->count(); ++i)
            m_group->at(i)->connection().close();
    if (auto opened = m_connection->open(m_settings); !opened)
        return Error {Tr::tr("cannot reconnect: %1").arg(opened.error().message), {}};
    m_lost = false;
    if (m_session) {
        m_session->connection().attach(m_connection->database());
        if (auto others = m_group->openOthers(m_settings, m_memoryName); !others)
            return Error {Tr::tr("cannot reconnect: %1").arg(others.error().message), {}};
        // their transactions died with the old connections
        for (int i = 0; i < m_group->count(); ++i)
            (void)m_group->at(i)->rollback();
    }
    Q_EMIT connectionChanged();
    return {};
}

void Workbench::disconnect()
{
    closeSession();
    m_createdTables.clear();
    m_connection.reset();
    m_lost = false;
    Q_EMIT connectionChanged();
}

Result<void> Workbench::test(const DatabaseSettings &settings)
{
    Connection probe;
    return probe.open(settings);
}

QStringList Workbench::existingTables(const Schema &schema) const
{
    QSqlDatabase &db = m_connection->database();
    const bool foldCase = isSqlite(m_settings); // SQLite's names are case-insensitive
    auto key = [foldCase](const QString &name) {
        return foldCase ? name.toLower() : name;
    };
    QHash<QString, QString> existing;
    for (const QString &t : db.tables())
        existing.insert(key(t), t);

    QStringList wanted = m_createdTables;
    for (const ClassDef &c : schema.classes)
        wanted.append(c.tableName());
    for (const AssociationTable &t : schema.associationTables())
        wanted.append(t.name);
    QStringList result;
    QSet<QString> seen;
    for (const QString &name : std::as_const(wanted)) {
        const QString k = key(name);
        if (!existing.contains(k) || seen.contains(k))
            continue;
        seen.insert(k);
        result.append(existing.value(k));
    }
    return result;
}

Result<QList<Workbench::Table>> Workbench::tablesToReplace(const Schema &schema) const
{
    if (!isConnected())
        return Error {Tr::tr("not connected to a database"), {}};
    QSqlDatabase &db = m_connection->database();
    QList<Table> result;
    for (const QString &name : existingTables(schema)) {
        const auto quoted = Ddl::quote(db.driver(), name, QSqlDriver::TableName);
        if (!quoted)
            return quoted.error();
        QSqlQuery count(db);
        const QString sql = QStringLiteral("SELECT COUNT(*) FROM ") + *quoted;
        if (!count.exec(sql) || !count.next())
            return Error {count.lastError().text(), sql};
        result.append(Table {name, count.value(0).toLongLong()});
    }
    return result;
}

Result<void> Workbench::readyForSession(const Project &project) const
{
    if (auto refused = refusedWhileBusy(); !refused)
        return refused;
    if (const Problems problems = project.schema.validate(); !problems.isEmpty()) {
        return Error {Tr::tr("The model has %1 problem(s) and cannot be applied; the first: %2")
                          .arg(problems.size())
                          .arg(problems.first().toString()),
                      {}};
    }
    if (!isConnected())
        return Error {Tr::tr("not connected to a database"), {}};
    return {};
}

Result<void> Workbench::apply(const Project &project)
{
    if (auto ready = readyForSession(project); !ready)
        return ready;
    // No row counts here: the caller asked (tablesToReplace) before applying.
    const QStringList drops = existingTables(project.schema);

    if (auto mapped = mapAfresh(project); !mapped)
        return mapped;
    QSqlDatabase &db = m_connection->database();
    const auto creates = m_registry->createStatements(db.driver());
    if (!creates) {
        m_registry.reset();
        return creates.error();
    }

    // Referencing tables were created after the ones they reference, so
    // dropping in reverse creation order keeps foreign keys satisfied.
    QStringList statements;
    const bool postgres = Ddl::isPostgres(db.driver());
    for (auto it = drops.rbegin(); it != drops.rend(); ++it) {
        const auto quoted = Ddl::quote(db.driver(), *it, QSqlDriver::TableName);
        if (!quoted)
            return quoted.error();
        statements.append(QStringLiteral("DROP TABLE ") + *quoted
                          + (postgres ? QStringLiteral(" CASCADE") : QString()));
    }
    statements.append(*creates);
    auto fail = [&](const QString &reason, const QString &sql) -> Result<void> {
        db.rollback();
        m_registry.reset();
        return Error {reason, sql};
    };
    if (!db.transaction())
        return fail(Tr::tr("cannot begin a transaction: %1").arg(db.lastError().text()), {});
    QSqlQuery query(db);
    for (const QString &sql : std::as_const(statements)) {
        // each on the timeline and in the SQL log, as a statement of source "ddl"
        QElapsedTimer timer;
        timer.start();
        const bool ok = query.exec(sql);
        recordStatement(m_dispatcher.get(), sql, {}, StatementSource::Ddl, 0,
                        double(timer.nsecsElapsed()) / 1e6, ok ? 0 : -1,
                        ok ? QString() : query.lastError().text(),
                        StatementCause {StatementCause::Kind::Ddl});
        if (!ok)
            return fail(query.lastError().text(), sql);
    }
    if (!db.commit())
        return fail(Tr::tr("cannot commit the new tables: %1").arg(db.lastError().text()), {});

    m_createdTables.clear();
    for (Mapper *m : m_registry->dependencyOrder())
        m_createdTables.append(m->tableName());
    for (const AssociationTable &t : project.schema.associationTables())
        m_createdTables.append(t.name);
    return startSession(project);
}

Result<void> Workbench::mapAfresh(const Project &project)
{
    closeSession();
    // Mapping is done once per registry: a fresh dispatcher and registry per
    // apply, and the log starts over with the new mapping's classes.
    m_log->restart();
    auto dispatcher = std::make_unique<Dispatcher>();
    m_stepper->setDispatcher(dispatcher.get());
    m_dispatcher = std::move(dispatcher);
    m_dispatcher->setRecorder(m_log);
    m_registry = std::make_unique<Registry>(m_dispatcher.get());
    m_registry->setOrm(project.session.orm);
    if (auto mapped = m_registry->map(project.schema); !mapped) {
        m_registry.reset();
        return mapped;
    }
    return {};
}

Result<void> Workbench::startSession(const Project &project)
{
    QSqlDatabase &db = m_connection->database();
    m_session = std::make_unique<Session>(m_registry.get(), m_dispatcher.get());
    m_session->connection().attach(db);
    // the project's sessions (the options of each), the others on
    // connections of their own
    m_group->setUp(m_session.get(), project, m_registry.get(), m_dispatcher.get());
    m_log->setSessionNames(m_group->names());
    if (auto others = m_group->openOthers(m_settings, m_memoryName); !others) {
        closeSession();
        return others;
    }
    // The project's listeners, on the new session; a listener the model
    // cannot take does not undo the apply: the error says which.
    m_listeners = project.listeners;
    const Result<void> listening = setListeners(m_listeners);
    Q_EMIT applied();
    if (!listening)
        return Error {Tr::tr("The model was applied, but listener %1 cannot be installed: %2")
                          .arg(listening.error().where, listening.error().message),
                      {}};
    return {};
}

Result<void> Workbench::useExistingTables(const Project &project)
{
    if (auto ready = readyForSession(project); !ready)
        return ready;
    auto tables = DatabaseImport::read(m_connection->database(), m_settings);
    if (!tables)
        return tables.error();
    const QStringList differences = DatabaseImport::differences(project.schema, tables->project.schema);
    if (!differences.isEmpty())
        return Error {Tr::tr("The tables do not fit the model (%1):\n%2")
                          .arg(differences.size())
                          .arg(differences.join(QLatin1Char('\n'))),
                      {}};
    if (auto mapped = mapAfresh(project); !mapped)
        return mapped;
    m_createdTables.clear(); // not ours: Apply asks before it drops them
    return startSession(project);
}

QString Workbench::stateText() const
{
    if (m_lost)
        return Tr::tr("the connection to the database is lost: reconnect (Session > Reconnect)");
    if (!isConnected())
        return Tr::tr("not connected");
    if (!m_session)
        return Tr::tr("connected, model not applied");
    // each session's sets and transaction; several: each under its name,
    // shorter, so that two fit a 1280-pixel status bar in Russian too
    const bool several = !m_group->names().isEmpty();
    const auto sessionText = [several](const Session *s) {
        QString text = several ? Tr::tr("%1: identity %2, new %3, dirty %4, deleted %5")
                                     .arg(s->name())
                                     .arg(s->identityCount())
                                     .arg(s->newObjects().size())
                                     .arg(s->dirtyCount())
                                     .arg(s->deletedObjects().size())
                               : Tr::tr("identity map: %1, new: %2, dirty: %3, deleted: %4")
                                     .arg(s->identityCount())
                                     .arg(s->newObjects().size())
                                     .arg(s->dirtyCount())
                                     .arg(s->deletedObjects().size());
        const int savepoints = s->savepointDepth();
        if (s->needsRollback() && savepoints > 0)
            text += Tr::tr(" (a flush failed: roll back to the savepoint)");
        else if (s->needsRollback())
            text += Tr::tr(" (a flush failed: roll back)");
        else if (savepoints > 0)
            text += Tr::tr(" (in a transaction, savepoints: %1)").arg(savepoints);
        else if (s->inTransaction())
            text += Tr::tr(" (in a transaction)");
        return text;
    };
    QString text = Tr::tr("classes mapped: %1; ").arg(m_registry->mappers().size());
    if (!several)
        return text + sessionText(m_session.get());
    QStringList parts;
    for (int i = 0; i < m_group->count(); ++i)
        parts << sessionText(m_group->at(i));
    return text + parts.join(QStringLiteral("; "));
}

} // namespace ms
