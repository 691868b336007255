#include "scenariorunner.h"

#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "orm/registry.h"
#include "orm/session.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioRunner)
};

} // namespace

Filters ScenarioRunner::filters(const QJsonObject &where) const
{
    Filters out;
    for (auto it = where.begin(); it != where.end(); ++it) {
        auto v = value(it.value());
        out.append({it.key(), v ? *v : QVariant()});
    }
    return out;
}

void ScenarioRunner::mark(const QJsonObject &step, int index)
{
    Dispatcher *d = m_session.dispatcher();
    if (!d || !d->isActive(EventType::Step))
        return;
    QVariantMap m{{QStringLiteral("op"), step.value(QLatin1String("op")).toString()},
                  {QStringLiteral("step"), index}};
    const QJsonValue ref = step.contains(QLatin1String("ref")) ? step.value(QLatin1String("ref"))
                                                                : step.value(QLatin1String("as"));
    m.insert(QStringLiteral("ref"), ref.isString() ? ref.toVariant() : QVariant());
    const QJsonValue attr = step.value(QLatin1String("attr"));
    m.insert(QStringLiteral("attr"), attr.isString() ? attr.toVariant() : QVariant());
    markAction(m);
}

void ScenarioRunner::markAction(const QVariantMap &detail)
{
    Dispatcher *d = m_session.dispatcher();
    if (!d || !d->isActive(EventType::Step))
        return;
    Event e;
    e.type = EventType::Step;
    if (EventLog *log = d->recorder())
        e.value = log->addValue(detail);
    d->fire(e);
}

void ScenarioRunner::markError(int index, const Error &error)
{
    Dispatcher *d = m_session.dispatcher();
    if (!d || !d->isActive(EventType::Step))
        return;
    Event e;
    e.type = EventType::Step;
    e.flags = Event::Failed;
    if (EventLog *log = d->recorder()) {
        e.value = log->addValue(QVariantMap{
            {QStringLiteral("op"), QStringLiteral("error")},
            {QStringLiteral("step"), index},
            {QStringLiteral("error"), error.kind.isEmpty() ? QStringLiteral("Error") : error.kind},
            {QStringLiteral("message"), error.toString()}});
    }
    d->fire(e);
}

Result<QVariant> ScenarioRunner::value(const QJsonValue &json) const
{
    if (json.isObject() && json.toObject().contains(QLatin1String("ref"))) {
        const QString label = json.toObject().value(QLatin1String("ref")).toString();
        Instance *o = m_session.objectByLabel(label);
        if (!o)
            return Error{Tr::tr("no object is labelled %1").arg(label), {}, QStringLiteral("KeyError")};
        return QVariant::fromValue(ObjectRef{o->id()});
    }
    if (json.isArray()) {
        QVariantList out;
        for (const QJsonValue &item : json.toArray()) {
            auto v = value(item);
            if (!v)
                return v.error();
            out << *v;
        }
        return QVariant(out);
    }
    return json.toVariant();
}

Result<void> ScenarioRunner::perform(const QJsonObject &step)
{
    const QString op = step.value(QLatin1String("op")).toString();
    auto object = [&](const char *field) -> Result<Instance *> {
        const QString label = step.value(QLatin1String(field)).toString();
        Instance *o = m_session.objectByLabel(label);
        if (!o)
            return Error{Tr::tr("no object is labelled %1").arg(label), {}, QStringLiteral("KeyError")};
        return o;
    };
    auto names = [&](const char *field) {
        QStringList out;
        for (const QJsonValue &v : step.value(QLatin1String(field)).toArray())
            out << v.toString();
        return out;
    };
    const QString attr = step.value(QLatin1String("attr")).toString();

    if (op == QLatin1String("new")) {
        QVariantMap values;
        const QJsonObject given = step.value(QLatin1String("values")).toObject();
        for (auto it = given.begin(); it != given.end(); ++it) {
            auto v = value(it.value());
            if (!v)
                return v.error();
            values.insert(it.key(), *v);
        }
        auto o = m_session.newObject(step.value(QLatin1String("class")).toString(),
                                     step.value(QLatin1String("as")).toString(), values);
        if (!o)
            return o.error();
        return {};
    }
    if (op == QLatin1String("flush"))
        return m_session.flush();
    if (op == QLatin1String("commit"))
        return m_session.commit();
    if (op == QLatin1String("rollback"))
        return m_session.rollback();
    if (op == QLatin1String("close"))
        return m_session.close();
    if (op == QLatin1String("get")) {
        auto o = m_session.get(step.value(QLatin1String("class")).toString(),
                               step.value(QLatin1String("id")).toVariant());
        if (!o)
            return o.error();
        return {};
    }
    if (op == QLatin1String("query")) {
        auto rows = m_session.query(step.value(QLatin1String("class")).toString(),
                                    filters(step.value(QLatin1String("where")).toObject()),
                                    step.value(QLatin1String("orderBy")).toString());
        if (!rows)
            return rows.error();
        return {};
    }
    if (op == QLatin1String("bulk_update")) {
        auto n = m_session.bulkUpdate(step.value(QLatin1String("class")).toString(),
                                      filters(step.value(QLatin1String("where")).toObject()),
                                      step.value(QLatin1String("values")).toObject().toVariantMap());
        if (!n)
            return n.error();
        return {};
    }
    if (op == QLatin1String("bulk_delete")) {
        auto n = m_session.bulkDelete(step.value(QLatin1String("class")).toString(),
                                      filters(step.value(QLatin1String("where")).toObject()));
        if (!n)
            return n.error();
        return {};
    }

    auto target = object("ref");
    if (!target)
        return target.error();
    Instance *o = *target;
    if (op == QLatin1String("add"))
        return m_session.add(o);
    if (op == QLatin1String("delete"))
        return m_session.remove(o);
    if (op == QLatin1String("expunge"))
        return m_session.expunge(o);
    if (op == QLatin1String("expire"))
        return m_session.expire(o, names("attrs"));
    if (op == QLatin1String("refresh"))
        return m_session.refresh(o, names("attrs"));
    if (op == QLatin1String("set")) {
        auto v = value(step.value(QLatin1String("value")));
        if (!v)
            return v.error();
        return m_session.set(o, attr, *v);
    }
    if (op == QLatin1String("read")) {
        auto v = m_session.read(o, attr);
        if (!v)
            return v.error();
        return {};
    }
    if (op == QLatin1String("append") || op == QLatin1String("remove")) {
        auto item = object("item");
        if (!item)
            return item.error();
        return op == QLatin1String("append") ? m_session.append(o, attr, *item)
                                             : m_session.remove(o, attr, *item);
    }
    return Error{Tr::tr("unknown step operation \"%1\"").arg(op), {}, QStringLiteral("ValueError")};
}

Result<void> ScenarioRunner::runStep(const QJsonObject &step, int index)
{
    mark(step, index);
    const Result<void> r = perform(step);
    if (!r)
        markError(index, r.error());
    return r;
}

Result<void> ScenarioRunner::run(const Scenario &scenario)
{
    for (int i = 0; i < scenario.steps.size(); ++i) {
        const QJsonObject &step = scenario.steps[i];
        const bool expectError = step.value(QLatin1String("expectError")).toBool();
        const Result<void> r = runStep(step, i);
        if (!r && !expectError) {
            Error e = r.error();
            e.where = Tr::tr("step %1 (%2)").arg(i).arg(step.value(QLatin1String("op")).toString())
                + (e.where.isEmpty() ? QString() : QStringLiteral(", ") + e.where);
            return e;
        }
        if (r && expectError)
            return Error{Tr::tr("step %1 (%2) was expected to fail and did not")
                             .arg(i)
                             .arg(step.value(QLatin1String("op")).toString()),
                         {}, QStringLiteral("UnexpectedSuccess")};
    }
    return {};
}

} // namespace ms

#include <QUrl>

namespace ms {

Playground::Playground() : registry(&dispatcher)
{
    dispatcher.setRecorder(&log);
}

Playground::~Playground()
{
    session.reset();
}

Result<void> Playground::open(const Project &project, const DatabaseSettings &database)
{
    if (auto r = registry.map(project.schema); !r)
        return r;
    session = std::make_unique<Session>(&registry, &dispatcher);
    session->setOptions(project.session);
    if (auto r = session->connection().open(database); !r)
        return r;
    return registry.createTables(session->connection().database());
}

Result<DatabaseSettings> databaseFromUrl(const QString &url)
{
    DatabaseSettings s;
    if (url.isEmpty() || url == QLatin1String("sqlite::memory:") || url == QLatin1String("sqlite://")) {
        s.driver = QStringLiteral("QSQLITE");
        s.name = QStringLiteral(":memory:");
        return s;
    }
    if (url.startsWith(QLatin1String("sqlite:"))) {
        s.driver = QStringLiteral("QSQLITE");
        s.name = url.mid(7);
        if (s.name.startsWith(QLatin1String("//")))
            s.name = s.name.mid(2);
        if (s.name.isEmpty())
            return Error{Tr::tr("the SQLite URL names no file: %1").arg(url), {}};
        return s;
    }
    if (url.startsWith(QLatin1String("postgresql://")) || url.startsWith(QLatin1String("postgres://"))) {
        const QUrl u(url, QUrl::StrictMode);
        if (!u.isValid() || u.host().isEmpty())
            return Error{Tr::tr("not a valid PostgreSQL URL: %1").arg(u.errorString()), {}};
        s.driver = QStringLiteral("QPSQL");
        s.host = u.host();
        s.port = u.port(0);
        s.user = u.userName();
        s.password = u.password();
        s.name = u.path().mid(1);
        if (s.name.isEmpty())
            return Error{Tr::tr("the PostgreSQL URL names no database: %1").arg(url), {}};
        return s;
    }
    return Error{Tr::tr("unknown database URL \"%1\"; use sqlite::memory:, sqlite:PATH or "
                        "postgresql://user:password@host:port/database")
                     .arg(url),
                 {}};
}

} // namespace ms
