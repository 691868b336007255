#include "connection.h"

#include "events/dispatcher.h"
#include "events/eventlog.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlRecord>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Connection)
};

QAtomicInteger<quint64> s_connectionCounter;
} // namespace

QString statementSourceName(StatementSource source)
{
    switch (source) {
    case StatementSource::Flush:
        return QStringLiteral("flush");
    case StatementSource::Query:
        return QStringLiteral("query");
    case StatementSource::Load:
        return QStringLiteral("load");
    case StatementSource::Bulk:
        return QStringLiteral("bulk");
    case StatementSource::Ddl:
        return QStringLiteral("ddl");
    }
    return QString();
}

Connection::Connection(Dispatcher *dispatcher) : m_dispatcher(dispatcher) {}

Connection::~Connection()
{
    close();
}

Result<void> Connection::open(const DatabaseSettings &settings)
{
    close();
    if (!QSqlDatabase::isDriverAvailable(settings.driver)) {
        return Error{Tr::tr("the Qt SQL driver %1 is not installed (available: %2)")
                         .arg(settings.driver, QSqlDatabase::drivers().join(QLatin1String(", "))),
                     {}};
    }
    m_connectionName = QStringLiteral("mapperscope-%1").arg(++s_connectionCounter);
    m_db = QSqlDatabase::addDatabase(settings.driver, m_connectionName);
    m_db.setDatabaseName(settings.name);
    if (!settings.host.isEmpty())
        m_db.setHostName(settings.host);
    if (settings.port > 0)
        m_db.setPort(settings.port);
    if (!settings.user.isEmpty())
        m_db.setUserName(settings.user);
    if (!settings.password.isEmpty())
        m_db.setPassword(settings.password);
    m_owned = true;
    if (!m_db.open()) {
        const QString text = m_db.lastError().text();
        close();
        return Error{Tr::tr("cannot open the database: %1").arg(text), {}};
    }
    return {};
}

void Connection::attach(const QSqlDatabase &db)
{
    close();
    m_db = db;
    m_owned = false;
}

void Connection::close()
{
    m_prepared.clear();
    if (m_db.isValid() && m_inTransaction)
        m_db.rollback();
    m_inTransaction = false;
    if (m_owned) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        m_owned = false;
    } else {
        m_db = QSqlDatabase();
    }
}

Result<void> Connection::begin()
{
    if (m_inTransaction)
        return {};
    if (!m_db.isOpen())
        return Error{Tr::tr("the database is not open"), {}};
    if (!m_db.transaction())
        return Error{Tr::tr("cannot begin a transaction: %1").arg(m_db.lastError().text()), {}};
    m_inTransaction = true;
    if (m_beginHook)
        m_beginHook();
    return {};
}

Result<void> Connection::commit()
{
    if (!m_inTransaction)
        return {};
    m_inTransaction = false;
    if (!m_db.commit()) {
        const QString text = m_db.lastError().text();
        m_db.rollback();
        return Error{Tr::tr("the database refused the commit: %1").arg(text), {}};
    }
    return {};
}

Result<void> Connection::rollback()
{
    if (!m_inTransaction)
        return {};
    m_inTransaction = false;
    if (!m_db.rollback())
        return Error{Tr::tr("the database refused the rollback: %1").arg(m_db.lastError().text()), {}};
    return {};
}

void Connection::failAfter(int countdown, QString message)
{
    m_failCountdown = countdown;
    m_failMessage = std::move(message);
}

Result<Connection::Rows> Connection::execute(const QString &sql, const QVariantList &params,
                                             StatementSource source, quint32 classId)
{
    if (auto r = begin(); !r)
        return r.error();
    QElapsedTimer timer;
    timer.start();
    ++m_statements;

    Rows out;
    QString failure;
    if (m_failCountdown == 0) {
        m_failCountdown = -1;
        failure = m_failMessage.isEmpty() ? Tr::tr("injected failure") : m_failMessage;
    } else {
        if (m_failCountdown > 0)
            --m_failCountdown;
        auto it = m_prepared.find(sql);
        if (it == m_prepared.end()) {
            QSqlQuery q(m_db);
            q.setForwardOnly(true);
            if (!q.prepare(sql))
                failure = q.lastError().text();
            else
                it = m_prepared.insert(sql, q);
        }
        if (failure.isEmpty()) {
            QSqlQuery &q = it.value();
            for (int i = 0; i < params.size(); ++i)
                q.bindValue(i, params[i]);
            if (!q.exec()) {
                failure = q.lastError().text();
            } else if (q.isSelect()) {
                const int n = q.record().count();
                while (q.next()) {
                    QList<QVariant> row;
                    row.reserve(n);
                    for (int c = 0; c < n; ++c)
                        row.append(q.value(c));
                    out.rows.append(std::move(row));
                }
                q.finish();
            } else {
                out.affected = q.numRowsAffected();
                out.lastInsertId = q.lastInsertId();
                q.finish();
            }
        }
    }

    if (m_dispatcher && m_dispatcher->isActive(EventType::Statement)) {
        Event e;
        e.type = EventType::Statement;
        e.classId = classId;
        if (failure.isEmpty())
            e.flags = 0;
        else
            e.flags = Event::Failed;
        if (EventLog *log = m_dispatcher->recorder()) {
            const qint64 rows = !failure.isEmpty() ? -1
                : out.affected >= 0               ? out.affected
                                                  : qint64(out.rows.size());
            e.value = log->addStatement(sql, params, statementSourceName(source),
                                        double(timer.nsecsElapsed()) / 1e6, rows, failure);
        }
        m_dispatcher->fire(e);
    }
    if (!failure.isEmpty())
        return Error{failure, sql};
    return out;
}

} // namespace ms
