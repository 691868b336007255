#include "scenariorunner.h"

#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "orm/registry.h"
#include "orm/session.h"

#include <QCoreApplication>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioRunner)
};

} // namespace

Filters ScenarioRunner::filters(const std::optional<QVariantMap> &where) const
{
    Filters out;
    if (!where)
        return out;
    for (auto it = where->begin(); it != where->end(); ++it) {
        auto v = value(it.value());
        out.append({it.key(), v ? *v : QVariant()});
    }
    return out;
}

void ScenarioRunner::mark(const Step &step, int index)
{
    Dispatcher *d = m_step->dispatcher();
    if (!d || !d->isActive(EventType::Step))
        return;
    const QString ref = step.ref();
    const QString attr = step.attr();
    markAction({{QStringLiteral("op"), step.op()},
                {QStringLiteral("step"), index},
                {QStringLiteral("ref"), ref.isEmpty() ? QVariant() : QVariant(ref)},
                {QStringLiteral("attr"), attr.isEmpty() ? QVariant() : QVariant(attr)}});
}

void ScenarioRunner::markAction(const QVariantMap &detail)
{
    Dispatcher *d = m_step->dispatcher();
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
    Dispatcher *d = m_step->dispatcher();
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

Result<Instance *> ScenarioRunner::object(const QString &label) const
{
    Instance *o = m_step->objectByLabel(label);
    if (!o)
        return Error {
            Tr::tr("no object is labelled %1").arg(label), {}, QStringLiteral("KeyError")};
    return o;
}

Result<QVariant> ScenarioRunner::value(const QVariant &stepValue) const
{
    if (stepValue.metaType() == QMetaType::fromType<LabelRef>()) {
        auto o = object(stepValue.value<LabelRef>().label);
        if (!o)
            return o.error();
        return QVariant::fromValue(ObjectRef {(*o)->id()});
    }
    if (stepValue.typeId() == QMetaType::QVariantList) {
        QVariantList out;
        for (const QVariant &item : stepValue.toList()) {
            auto v = value(item);
            if (!v)
                return v.error();
            out << *v;
        }
        return QVariant(out);
    }
    // None is one value for the engine, however the step came to hold it
    // (JSON's null, a cell left empty).
    if (!stepValue.isValid() || stepValue.isNull())
        return QVariant::fromValue(nullptr);
    return stepValue;
}

Result<void> ScenarioRunner::perform(const Step &step)
{
    return std::visit([this](const auto &s) { return perform(s); }, step.action);
}

Result<void> ScenarioRunner::perform(const steps::New &step)
{
    QVariantMap values;
    if (step.values) {
        for (auto it = step.values->begin(); it != step.values->end(); ++it) {
            auto v = value(it.value());
            if (!v)
                return v.error();
            values.insert(it.key(), *v);
        }
    }
    auto o = m_step->newObject(step.className, step.label, values);
    if (!o)
        return o.error();
    return {};
}

Result<void> ScenarioRunner::perform(const steps::Add &step)
{
    auto o = object(step.ref);
    return o ? m_step->add(*o) : Result<void>(o.error());
}

Result<void> ScenarioRunner::perform(const steps::Set &step)
{
    auto o = object(step.ref);
    if (!o)
        return o.error();
    auto v = value(step.value);
    if (!v)
        return v.error();
    return holder(*o)->set(*o, step.attr, *v);
}

Result<void> ScenarioRunner::perform(const steps::Read &step)
{
    auto o = object(step.ref);
    if (!o)
        return o.error();
    auto v = holder(*o)->read(*o, step.attr);
    if (!v)
        return v.error();
    return {};
}

Result<std::pair<Instance *, Instance *>> ScenarioRunner::objectAndItem(const QString &label,
                                                                       const QString &item) const
{
    auto o = object(label);
    if (!o)
        return o.error();
    auto i = object(item);
    if (!i)
        return i.error();
    return std::pair{*o, *i};
}

Result<void> ScenarioRunner::perform(const steps::Append &step)
{
    auto both = objectAndItem(step.ref, step.item);
    return both ? holder(both->first)->append(both->first, step.attr, both->second) : Result<void>(both.error());
}

Result<void> ScenarioRunner::perform(const steps::Remove &step)
{
    auto both = objectAndItem(step.ref, step.item);
    return both ? holder(both->first)->remove(both->first, step.attr, both->second) : Result<void>(both.error());
}

Result<void> ScenarioRunner::perform(const steps::Delete &step)
{
    auto o = object(step.ref);
    return o ? m_step->remove(*o) : Result<void>(o.error());
}

Result<void> ScenarioRunner::perform(const steps::Flush &)
{
    return m_step->flush();
}

Result<void> ScenarioRunner::perform(const steps::Commit &)
{
    return m_step->commit();
}

Result<void> ScenarioRunner::perform(const steps::Rollback &)
{
    return m_step->rollback();
}

Result<void> ScenarioRunner::perform(const steps::Close &)
{
    return m_step->close();
}

Result<void> ScenarioRunner::perform(const steps::Expire &step)
{
    auto o = object(step.ref);
    return o ? m_step->expire(*o, step.attrs.value_or(QStringList())) : Result<void>(o.error());
}

Result<void> ScenarioRunner::perform(const steps::Refresh &step)
{
    auto o = object(step.ref);
    return o ? m_step->refresh(*o, step.attrs.value_or(QStringList())) : Result<void>(o.error());
}

Result<void> ScenarioRunner::perform(const steps::Expunge &step)
{
    auto o = object(step.ref);
    return o ? m_step->expunge(*o) : Result<void>(o.error());
}

Result<void> ScenarioRunner::perform(const steps::Get &step)
{
    auto o = m_step->get(step.className, step.id);
    if (!o)
        return o.error();
    return {};
}

Result<void> ScenarioRunner::perform(const steps::Query &step)
{
    QHash<QString, QString> options;
    if (step.options) {
        for (auto it = step.options->cbegin(); it != step.options->cend(); ++it)
            options.insert(it.key(), it.value().toString());
    }
    auto rows = m_step->query(step.className, filters(step.where), step.orderBy.value_or(QString()),
                                options, step.populateExisting.value_or(false));
    if (!rows)
        return rows.error();
    return {};
}

Result<void> ScenarioRunner::perform(const steps::BulkUpdate &step)
{
    auto n = m_step->bulkUpdate(step.className, filters(step.where), step.values,
                                  step.synchronize.value_or(true));
    if (!n)
        return n.error();
    return {};
}

Result<void> ScenarioRunner::perform(const steps::BulkDelete &step)
{
    auto n = m_step->bulkDelete(step.className, filters(step.where), step.synchronize.value_or(true));
    if (!n)
        return n.error();
    return {};
}

Result<void> ScenarioRunner::perform(const steps::ExpireAll &)
{
    return m_step->expireAll();
}

Result<void> ScenarioRunner::perform(const steps::ExpungeAll &)
{
    return m_step->expungeAll();
}

Result<void> ScenarioRunner::perform(const steps::BeginNested &)
{
    return m_step->beginNested();
}

Result<void> ScenarioRunner::perform(const steps::CommitNested &)
{
    return m_step->commitNested();
}

Result<void> ScenarioRunner::perform(const steps::RollbackNested &)
{
    return m_step->rollbackNested();
}

Result<void> ScenarioRunner::perform(const steps::Merge &step)
{
    auto o = object(step.ref);
    if (!o)
        return o.error();
    auto copy = m_step->merge(*o, step.load.value_or(true));
    if (!copy)
        return copy.error();
    return {};
}

Result<void> ScenarioRunner::perform(const steps::MakeTransient &step)
{
    auto o = object(step.ref);
    return o ? holder(*o)->makeTransient(*o) : Result<void>(o.error());
}

Result<void> ScenarioRunner::perform(const steps::MakeTransientToDetached &step)
{
    auto o = object(step.ref);
    return o ? m_step->makeTransientToDetached(*o) : Result<void>(o.error());
}

Result<void> ScenarioRunner::perform(const steps::Unplayable &step)
{
    if (!step.missing.isEmpty())
        return Error {Tr::tr("step \"%1\" needs \"%2\"").arg(step.op, step.missing.first()),
                      {},
                      QStringLiteral("ValueError")};
    return Error {
        Tr::tr("unknown step operation \"%1\"").arg(step.op), {}, QStringLiteral("ValueError")};
}

Session *ScenarioRunner::holder(const Instance *o) const
{
    // an object's attributes load and cascade in the session that holds
    // it, whichever session the step names (SQLAlchemy's state.session)
    Session *s = m_group ? m_group->holderOf(o) : nullptr;
    return s ? s : m_step;
}

Result<void> ScenarioRunner::runStep(const Step &step, int index)
{
    Session *session = m_group ? m_group->byName(step.session) : &m_first;
    if (!session) {
        mark(step, index);
        const Error e {Tr::tr("no session %1 in this project (the sessions: %2)")
                           .arg(step.session, m_group->names().join(QStringLiteral(", "))),
                       {},
                       QStringLiteral("KeyError")};
        markError(index, e);
        return e;
    }
    m_step = session ? session : &m_first;
    if (Dispatcher *d = m_step->dispatcher())
        if (EventLog *log = d->recorder())
            log->setSession(m_step->number());
    mark(step, index);
    // `with session.no_autoflush:` around the step, the setting given back after
    std::optional<bool> autoflush;
    if (step.noAutoflush) {
        autoflush = m_step->options().autoflush;
        m_step->setAutoflush(false);
    }
    const Result<void> r = perform(step);
    if (autoflush)
        m_step->setAutoflush(*autoflush);
    if (!r)
        markError(index, r.error());
    return r;
}

Result<void> ScenarioRunner::run(const Scenario &scenario)
{
    for (int i = 0; i < scenario.steps.size(); ++i) {
        const Step &step = scenario.steps[i];
        const bool expectError = step.expectError;
        const Result<void> r = runStep(step, i);
        if (!r && !expectError) {
            Error e = r.error();
            e.where = Tr::tr("step %1 (%2)").arg(i).arg(step.op())
                + (e.where.isEmpty() ? QString() : QStringLiteral(", ") + e.where);
            return e;
        }
        if (r && expectError)
            return Error {
                Tr::tr("step %1 (%2) was expected to fail and did not").arg(i).arg(step.op()),
                {},
                QStringLiteral("UnexpectedSuccess")};
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
    sessions.clear();
    session.reset();
}

Result<void> Playground::open(const Project &project, const DatabaseSettings &database)
{
    registry.setOrm(project.session.orm);
    if (auto r = registry.map(project.schema); !r)
        return r;
    session = std::make_unique<Session>(&registry, &dispatcher);
    sessions.setUp(session.get(), project, &registry, &dispatcher);
    log.setSessionNames(sessions.names());
    if (auto r = sessions.open(database); !r)
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
