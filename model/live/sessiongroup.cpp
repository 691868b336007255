#include "sessiongroup.h"

#include "orm/instance.h"
#include "orm/registry.h"
#include "orm/session.h"

#include <QAtomicInteger>
#include <QCoreApplication>

#include <algorithm>

namespace ms {

namespace {
QAtomicInteger<int> s_memoryCounter;
}

SessionGroup::SessionGroup() = default;

SessionGroup::~SessionGroup()
{
    clear();
}

void SessionGroup::clear()
{
    m_tooMany = false;
    m_owned.clear();
    m_sessions.clear();
    m_defs.clear();
    m_names.clear();
}

void SessionGroup::setUp(Session *first, const Project &project, Registry *registry,
                         Dispatcher *dispatcher)
{
    clear();
    m_sessions.push_back(first);
    m_defs = project.sessions;
    for (const SessionDef &def : project.sessions)
        m_names << def.name;
    if (project.sessions.isEmpty()) {
        first->setOptions(project.session);
        return;
    }
    first->joinGroup(nullptr, 1, project.sessions.first().name);
    first->setOptions(project.sessions.first().options(project.session));
    // an object carries its session's number in a byte: open() refuses more
    m_tooMany = project.sessions.size() > kMaxSessions;
    for (int i = 1; i < std::min(int(project.sessions.size()), kMaxSessions); ++i) {
        auto s = std::make_unique<Session>(registry, dispatcher);
        s->joinGroup(first, quint8(i + 1), project.sessions[i].name);
        s->setOptions(project.sessions[i].options(project.session));
        m_sessions.push_back(s.get());
        m_owned.push_back(std::move(s));
    }
}

Connection::Sharing SessionGroup::sharing(const DatabaseSettings &database, const SessionDef &def,
                                          int sessions)
{
    Connection::Sharing s;
    s.noBusyWait = sessions > 1;
    if (database.driver != QLatin1String("QSQLITE"))
        s.isolation = def.isolation;
    return s;
}

QString SessionGroup::newMemoryName()
{
    // one name per database: two projects played side by side share nothing
    return QStringLiteral("mapperscope-%1-%2").arg(QCoreApplication::applicationPid()).arg(++s_memoryCounter);
}

Result<void> SessionGroup::open(const DatabaseSettings &database)
{
    const bool memory = database.isSqliteMemory() && m_sessions.size() > 1;
    return openFrom(0, database, memory ? newMemoryName() : QString());
}

Result<void> SessionGroup::openOthers(const DatabaseSettings &database, const QString &memoryName)
{
    return openFrom(1, database, memoryName);
}

Result<void> SessionGroup::openFrom(size_t first, const DatabaseSettings &database, const QString &memoryName)
{
    if (m_tooMany)
        return Error {QCoreApplication::translate("SessionGroup", "the project names %1 sessions; at most %2 can play")
                          .arg(m_names.size())
                          .arg(kMaxSessions),
                      QStringLiteral("sessions")};
    for (size_t i = first; i < m_sessions.size(); ++i) {
        Connection::Sharing s = sharing(database, i < size_t(m_defs.size()) ? m_defs[qsizetype(i)] : SessionDef {},
                                        int(m_sessions.size()));
        s.memoryName = memoryName;
        if (auto r = m_sessions[i]->connection().open(database, Connection::Access::ReadWrite, s); !r) {
            Error e = r.error();
            if (!m_names.isEmpty())
                e.message = QCoreApplication::translate("SessionGroup", "session %1: %2")
                                .arg(m_names.value(qsizetype(i)), e.message);
            return e;
        }
    }
    return {};
}

Session *SessionGroup::byName(const QString &name) const
{
    if (name.isEmpty())
        return m_sessions.empty() ? nullptr : m_sessions.front();
    const qsizetype i = m_names.indexOf(name);
    return i < 0 || size_t(i) >= m_sessions.size() ? nullptr : m_sessions[size_t(i)];
}

Session *SessionGroup::holderOf(const Instance *o) const
{
    // setUp() numbers the sessions 1, 2, ... in their order
    const size_t n = o->sessionNumber();
    return n == 0 || n > m_sessions.size() ? nullptr : m_sessions[n - 1];
}

} // namespace ms
