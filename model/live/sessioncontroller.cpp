#include "sessioncontroller.h"

#include "events/eventlog.h"
#include "orm/instance.h"
#include "orm/mapper.h"
#include "orm/registry.h"
#include "scenariorunner.h"
#include "sessiongroup.h"
#include "schema/columnvalue.h"
#include "stepper.h"
#include "workbench.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SessionController)
};

const QString kNone = QStringLiteral("None");

/// Splits `a=1, b='x, y'` at commas and semicolons outside quotes.
QStringList splitFilters(const QString &text)
{
    QStringList parts;
    QString current;
    QChar quote;
    for (const QChar c : text) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            current += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            current += c;
        } else if (c == QLatin1Char(',') || c == QLatin1Char(';')) {
            parts << current;
            current.clear();
        } else {
            current += c;
        }
    }
    parts << current;
    return parts;
}

QString unquoted(QString s)
{
    s = s.trimmed();
    if (s.size() >= 2 && (s.front() == QLatin1Char('\'') || s.front() == QLatin1Char('"'))
        && s.back() == s.front())
        return s.mid(1, s.size() - 2);
    return s;
}

const char *const kFirstNames[]
    = {"alice", "bob",     "carol", "dave",  "erin",   "frank", "grace", "heidi",  "ivan",
       "judy",  "mallory", "oscar", "peggy", "rupert", "sybil", "trent", "victor", "wendy"};
const char *const kWords[] = {"orm",     "session", "flush",   "mapper",   "identity", "commit",
                              "cascade", "query",   "backref", "rollback", "unit",     "work"};

template<size_t N> QString pick(const char *const (&list)[N], QRandomGenerator &rng)
{
    return QString::fromLatin1(list[rng.bounded(int(N))]);
}

/// A random value that looks like what a column of that name holds; @p n
/// makes it unique where the column must be.
QVariant plausible(const ColumnDef &column, qint64 n, QRandomGenerator &rng)
{
    const QString name = column.name.toLower();
    const QString suffix = column.unique || column.primaryKey ? QString::number(n) : QString();
    switch (column.type().value_or(ColumnType::Text)) {
    case ColumnType::Integer:
        if (column.unique || column.primaryKey)
            return QVariant(qlonglong(n));
        if (name.contains(QLatin1String("age")))
            return QVariant(qlonglong(rng.bounded(18, 80)));
        return QVariant(qlonglong(rng.bounded(1, 1000)));
    case ColumnType::Real:
        return QVariant(double(rng.bounded(100000)) / 100.0);
    case ColumnType::Boolean:
        return QVariant(bool(rng.bounded(2)));
    case ColumnType::Date:
        return QVariant(QDate(2020, 1, 1).addDays(rng.bounded(2500)));
    case ColumnType::DateTime:
        return QVariant(QDateTime(QDate(2020, 1, 1), QTime(8, 0))
                            .addSecs(qint64(rng.bounded(2500 * 24)) * 3600));
    case ColumnType::Text:
        break;
    }
    if (name.contains(QLatin1String("mail")))
        return pick(kFirstNames, rng) + suffix + QStringLiteral("@example.org");
    if (name.contains(QLatin1String("name")) || name.contains(QLatin1String("author")))
        return pick(kFirstNames, rng) + suffix;
    if (name.contains(QLatin1String("title")) || name.contains(QLatin1String("subject")))
        return QStringLiteral("On the %1 %2 %3")
            .arg(pick(kWords, rng), pick(kWords, rng), suffix)
            .trimmed();
    if (name.contains(QLatin1String("body")) || name.contains(QLatin1String("text"))
        || name.contains(QLatin1String("content")) || name.contains(QLatin1String("description")))
        return QStringLiteral("The %1 meets the %2 before the %3. %4")
            .arg(pick(kWords, rng), pick(kWords, rng), pick(kWords, rng), suffix)
            .trimmed();
    return pick(kWords, rng) + (suffix.isEmpty() ? QString::number(rng.bounded(1000)) : suffix);
}

bool isIntegerKey(const ColumnDef &c)
{
    return c.primaryKey && c.type() == ColumnType::Integer;
}

/// What a cell of @p column takes, for the message when it was not that.
QString expectedValue(const ColumnDef &column)
{
    QString what;
    switch (column.type().value_or(ColumnType::Text)) {
    case ColumnType::Integer: what = Tr::tr("type a whole number, such as 42"); break;
    case ColumnType::Real: what = Tr::tr("type a number, such as 3.5"); break;
    case ColumnType::Boolean: what = Tr::tr("type True or False"); break;
    case ColumnType::Date: what = Tr::tr("type a date as 2024-12-31"); break;
    case ColumnType::DateTime: what = Tr::tr("type a date and time as 2024-12-31 23:59:00"); break;
    case ColumnType::Text: what = Tr::tr("type any text"); break;
    }
    return Tr::tr("%1, or None for NULL").arg(what);
}

} // namespace

SessionController::SessionController(Workbench *bench, QObject *parent)
    : QObject(parent)
    , m_bench(bench)
{
    // Views let go of the old session's objects before it is destroyed,
    // also when no new session follows (a failed apply, a new connection).
    connect(bench, &Workbench::sessionAboutToClose, this, [this] {
        disconnect(m_sessionConnection);
        for (const auto &c : std::as_const(m_otherConnections))
            disconnect(c);
        m_otherConnections.clear();
        m_session = nullptr;
        Q_EMIT sessionReplaced();
    });
    connect(bench, &Workbench::applied, this, &SessionController::attach);
    attach();
}

Session *SessionController::session() const
{
    return m_session;
}

QStringList SessionController::sessionNames() const
{
    const SessionGroup *group = m_session ? m_bench->sessions() : nullptr;
    return group ? group->names() : QStringList();
}

void SessionController::setCurrentSession(const QString &name)
{
    const QStringList names = sessionNames();
    // the first is the default a step leaves unnamed
    const QString current = names.contains(name) && name != names.value(0) ? name : QString();
    if (current == m_current)
        return;
    m_current = current;
    Q_EMIT currentSessionChanged();
}

QString SessionController::currentSession() const
{
    return m_current.isEmpty() ? sessionNames().value(0) : m_current;
}

Session *SessionController::chosenSession() const
{
    const SessionGroup *group = m_session ? m_bench->sessions() : nullptr;
    Session *chosen = group && !m_current.isEmpty() ? group->byName(m_current) : nullptr;
    return chosen ? chosen : m_session.data();
}

void SessionController::attach()
{
    disconnect(m_sessionConnection);
    for (const auto &c : std::as_const(m_otherConnections))
        disconnect(c);
    m_otherConnections.clear();
    m_session = m_bench->session();
    m_steps = 0;
    m_deletedLabels.clear();
    m_current.clear();
    if (m_session) {
        m_sessionConnection
            = connect(m_session, &Session::changed, this, &SessionController::scheduleChanged);
        // the project's other sessions change the objects the views show too
        if (const SessionGroup *group = m_bench->sessions())
            for (int i = 1; i < group->count(); ++i)
                m_otherConnections << connect(group->at(i), &Session::changed, this,
                                              &SessionController::scheduleChanged);
        // A flush of 100,000 objects takes a second or more: the window
        // repaints and the views take the events so far every 30 ms. Input
        // waits until the operation is over, so nothing can change the
        // session in the middle of it.
        m_session->setHeartbeat([this] {
            if (m_inHeartbeat)
                return;
            m_inHeartbeat = true;
            QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
            m_inHeartbeat = false;
        });
    }
    Q_EMIT sessionReplaced();
}

void SessionController::scheduleChanged()
{
    if (m_changeQueued)
        return;
    m_changeQueued = true;
    QMetaObject::invokeMethod(this, &SessionController::emitChanged, Qt::QueuedConnection);
}

void SessionController::emitChanged()
{
    m_changeQueued = false;
    Q_EMIT objectsChanged();
}

const Mapper *SessionController::mapper(const QString &className) const
{
    Registry *r = m_session ? m_session->registry() : nullptr;
    return r ? r->mapper(className) : nullptr;
}

QStringList SessionController::classNames() const
{
    QStringList out;
    if (Registry *r = m_session ? m_session->registry() : nullptr)
        for (const auto &m : r->mappers())
            out << m->className();
    return out;
}

void SessionController::report(const Error &error, const QString &op)
{
    // Was it the database going away? Asked once per failure, so that the
    // message can say so and offer to reconnect.
    m_bench->checkConnection();
    Q_EMIT failed(error, op);
}

QString SessionController::hintFor(const Error &error) const
{
    if (error.kind != QLatin1String("IntegrityError") || !m_session)
        return {};
    // The child's table and column, when the database names them: SQLite's
    // "NOT NULL constraint failed: post.author_id", PostgreSQL's "null
    // value in column "author_id" of relation "post"" (a foreign key
    // violation names neither on SQLite).
    static const QRegularExpression sqliteNotNull(
        QStringLiteral(R"(NOT NULL constraint failed: (\w+)\.(\w+))"));
    static const QRegularExpression pgNotNull(
        QStringLiteral(R"re(null value in column "(\w+)"(?: of relation "(\w+)")?)re"));
    static const QRegularExpression foreignKey(QStringLiteral("foreign key constraint"),
                                               QRegularExpression::CaseInsensitiveOption);
    QString table, column;
    if (const auto m = sqliteNotNull.match(error.message); m.hasMatch()) {
        table = m.captured(1);
        column = m.captured(2);
    } else if (const auto p = pgNotNull.match(error.message); p.hasMatch()) {
        column = p.captured(1);
        table = p.captured(2);
    } else if (!foreignKey.match(error.message).hasMatch()) {
        return {};
    }
    const Registry *registry = m_session->registry();
    // the objects being deleted: marked, or deleted by a step since the last
    // flush that went through (the failed one has put them back)
    QList<const Instance *> deleted;
    for (const QString &label : m_deletedLabels)
        if (const Instance *o = m_session->objectByLabel(label))
            deleted << o;
    for (int id = 1; id <= m_session->objectCount(); ++id)
        if (const Instance *o = m_session->object(quint32(id)); o && o->isMarkedDeleted()
            && !deleted.contains(o))
            deleted << o;
    for (const Instance *parent : std::as_const(deleted)) {
        const QString parentClass = parent->mapper()->className();
        // a class with a column that references the deleted object's class
        // (the one the database named, when it named one)
        for (const auto &child : registry->mappers()) {
            if (!table.isEmpty() && child->tableName().compare(table, Qt::CaseInsensitive) != 0)
                continue;
            for (const ColumnDef &c : child->columns()) {
                if (c.references != parentClass
                    || (!column.isEmpty() && c.name.compare(column, Qt::CaseInsensitive) != 0))
                    continue;
                // the parent's relationship to those children, if it has one
                QString relationship;
                for (const ResolvedRelationship &r : parent->mapper()->relationships())
                    if (r.isCollection() && r.targetIndex >= 0
                        && registry->mappers()[size_t(r.targetIndex)].get() == child.get())
                        relationship = parentClass + QLatin1Char('.') + r.name;
                const QString give = relationship.isEmpty()
                    ? Tr::tr("give the relationship a delete cascade")
                    : Tr::tr("give %1 a delete cascade").arg(relationship);
                return Tr::tr("Children of %1 still point to it (%2.%3): %4 "
                              "(cascade=\"all, delete-orphan\") or delete them first.")
                    .arg(parent->label(), child->className(), c.name, give);
            }
        }
    }
    return {};
}

void SessionController::startRecording()
{
    m_recording = true;
    m_recorded.clear();
    Q_EMIT recordingChanged();
}

Scenario SessionController::stopRecording(const QString &name)
{
    Scenario s;
    s.name = name;
    s.steps = m_recorded;
    m_recording = false;
    m_recorded.clear();
    Q_EMIT recordingChanged();
    return s;
}

void SessionController::refresh()
{
    scheduleChanged();
}

bool SessionController::connectionLost() const
{
    return m_bench->connectionLost();
}

Result<void> SessionController::reconnect()
{
    auto r = m_bench->reconnect();
    if (!r)
        report(r.error(), QStringLiteral("reconnect"));
    scheduleChanged();
    return r;
}

Result<void> SessionController::run(const Step &step)
{
    const QString op = step.op();
    if (auto refused = m_bench->refusedWhileBusy(); !refused) {
        report(refused.error(), op);
        return refused.error();
    }
    if (!m_session) {
        Error e {Tr::tr("no session: apply the model to a database first (Session > Apply to "
                        "Database)"),
                 {},
                 QStringLiteral("InvalidRequestError")};
        report(e, op);
        return e;
    }
    ScenarioRunner runner(*m_session, m_bench->sessions());
    // the user's action runs in the session chosen in the window
    Step own = step;
    if (own.session.isEmpty())
        own.session = m_current;
    m_bench->stepper()->operationFinished(); // a Run to End of an earlier action is over
    const Result<void> r = runner.runStep(own, m_steps++);
    m_bench->stepper()->operationFinished();
    // The objects deleted since the last flush that went through, for
    // hintFor(): a failed flush puts them back in the session as persistent.
    if (const auto *d = std::get_if<steps::Delete>(&own.action); d && r)
        m_deletedLabels << d->ref;
    else if (r && (std::holds_alternative<steps::Flush>(own.action)
                   || std::holds_alternative<steps::Commit>(own.action)
                   || std::holds_alternative<steps::Rollback>(own.action)
                   || std::holds_alternative<steps::Close>(own.action)))
        m_deletedLabels.clear();
    if (m_recording) {
        Step recorded = own;
        if (!r)
            recorded.expectError = true;
        m_recorded << recorded;
        Q_EMIT recordingChanged();
    }
    scheduleChanged();
    if (!r)
        report(r.error(), op);
    else
        Q_EMIT succeeded(op);
    return r;
}

Result<void> SessionController::runOnEach(const QList<Instance *> &objects,
                                          const std::function<Step(const QString &)> &makeStep)
{
    for (Instance *o : objects) {
        if (auto r = run(makeStep(o->label())); !r)
            return r;
    }
    return {};
}

QString SessionController::freshLabel(const QString &className) const
{
    const QString stem = className.isEmpty() ? QStringLiteral("object") : className.toLower();
    for (qint64 n = 1;; ++n) {
        const QString label = stem + QString::number(n);
        if (!m_session || !m_session->objectByLabel(label))
            return label;
    }
}

Result<Instance *> SessionController::create(const QString &className)
{
    const QString label = freshLabel(className);
    if (auto r = run(steps::New {className, label, std::nullopt}); !r)
        return r.error();
    return m_session->objectByLabel(label);
}

Result<void> SessionController::assign(Instance *object, const QString &attr, const QString &text)
{
    steps::Set step {object->label(), attr, {}};
    const QString op = Step(step).op();
    const Mapper *m = object->mapper();
    const int a = int(m->attributeIndex(attr)) - 1;
    if (a < 0) {
        Error e {Tr::tr("%1 has no attribute %2").arg(m->className(), attr),
                 {},
                 QStringLiteral("AttributeError")};
        report(e, op);
        return e;
    }
    if (a < int(m->columns().size())) {
        const ColumnDef &column = m->columns()[a];
        const QString trimmed = text.trimmed();
        const bool isText = column.type() == ColumnType::Text;
        if (trimmed != kNone && (isText || !trimmed.isEmpty())) {
            auto v = columnValue(column, isText ? text : trimmed);
            if (!v) {
                // said once, with what the column takes (the conversion's
                // own message would repeat the first half)
                Error e {Tr::tr("\"%1\" is not a valid %2 value for %3.%4: %5.")
                             .arg(text, column.typeName, m->className(), attr,
                                  expectedValue(column)),
                         {},
                         QStringLiteral("ValueError")};
                report(e, op);
                return e;
            }
            step.value = *v;
        }
    } else {
        const QString label = text.trimmed();
        if (!label.isEmpty() && label != kNone)
            step.value = QVariant::fromValue(LabelRef {label});
    }
    return run(step);
}

Result<void> SessionController::changeCollection(Instance *object, const QString &attr,
                                                 Instance *item, bool append)
{
    if (append)
        return run(steps::Append {object->label(), attr, item->label()});
    return run(steps::Remove {object->label(), attr, item->label()});
}

Result<QVariantMap> SessionController::parseFilters(const QString &className, const QString &filters,
                                                    QVariantMap *options) const
{
    const Mapper *m = mapper(className);
    if (!m)
        return Error {Tr::tr("%1 is not a mapped class").arg(className),
                      {},
                      QStringLiteral("InvalidRequestError")};
    QVariantMap where;
    for (const QString &part : splitFilters(filters)) {
        if (part.trimmed().isEmpty())
            continue;
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const qsizetype colon = part.indexOf(QLatin1Char(':'));
        if (eq < 0 && colon > 0 && options) {
            // a loader option: relationship:strategy (posts:selectin)
            const QString rel = part.left(colon).trimmed();
            const QString strategy = part.mid(colon + 1).trimmed();
            const int a = int(m->attributeIndex(rel)) - 1;
            if (a < int(m->columns().size()))
                return Error {Tr::tr("%1 has no relationship %2 to load").arg(className, rel),
                              {},
                              QStringLiteral("ArgumentError")};
            if (!loadStrategyFromName(strategy))
                return Error {Tr::tr("unknown loading strategy %1: use %2")
                                  .arg(strategy, loadStrategyNames().join(QStringLiteral(", "))),
                              {},
                              QStringLiteral("ArgumentError")};
            options->insert(rel, strategy);
            continue;
        }
        if (eq < 0)
            return Error {
                Tr::tr("\"%1\" is not a filter: write attribute=value").arg(part.trimmed()),
                {},
                QStringLiteral("ValueError")};
        const QString attr = part.left(eq).trimmed();
        const int a = int(m->attributeIndex(attr)) - 1;
        if (a < 0 || a >= int(m->columns().size()))
            return Error {Tr::tr("%1 has no column attribute %2 (filters compare columns)")
                              .arg(className, attr),
                          {},
                          QStringLiteral("AttributeError")};
        const QString raw = part.mid(eq + 1).trimmed();
        QVariant typed;
        if (raw != kNone) {
            auto v = columnValue(m->columns()[a], unquoted(raw));
            if (!v)
                return Error {Tr::tr("\"%1\" is not a valid %2 value for %3: %4.")
                                  .arg(raw, m->columns()[a].typeName, attr,
                                       expectedValue(m->columns()[a])),
                              {},
                              QStringLiteral("ValueError")};
            typed = *v;
        }
        where.insert(attr, typed);
    }
    return where;
}

Result<void> SessionController::query(const QString &className, const QString &filters)
{
    steps::Query step {className, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    QVariantMap options;
    // a lone populate_existing: Query.populate_existing()
    QStringList parts;
    for (const QString &part : splitFilters(filters)) {
        if (part.trimmed() == QLatin1String("populate_existing"))
            step.populateExisting = true;
        else
            parts << part;
    }
    auto where = parseFilters(className, parts.join(QLatin1Char(',')), &options);
    if (!where) {
        report(where.error(), Step(step).op());
        return where.error();
    }
    if (!where->isEmpty())
        step.where = *where;
    if (!options.isEmpty())
        step.options = options;
    return run(step);
}

Result<int> SessionController::generate(const QString &className, int count,
                                        const std::function<bool(int)> &progress)
{
    const QString op = QStringLiteral("generate");
    auto failWith = [&](const Error &e) -> Result<int> {
        report(e, op);
        return e;
    };
    if (auto refused = m_bench->refusedWhileBusy(); !refused)
        return failWith(refused.error());
    // Its progress turns the event loop between objects: nothing may
    // replace the session, nor run another action, until it is over.
    const auto busy = m_bench->operation();
    m_bench->stepper()->operationFinished();
    if (!m_session)
        return failWith({Tr::tr("no session: apply the model to a database first"),
                         {},
                         QStringLiteral("InvalidRequestError")});
    const Mapper *m = mapper(className);
    if (!m)
        return failWith({Tr::tr("%1 is not a mapped class").arg(className),
                         {},
                         QStringLiteral("InvalidRequestError")});

    // Parents for each many-to-one: the objects of the target class the
    // session holds (pending or persistent, not marked for deletion).
    struct Parent
    {
        QString name;
        QList<Instance *> candidates;
        bool required = false;
    };
    QList<Parent> parents;
    const Registry *registry = m_session->registry();
    for (const ResolvedRelationship &rel : m->relationships()) {
        if (rel.kind != RelationshipKind::ManyToOne)
            continue;
        Parent p {rel.name, {}, false};
        if (rel.foreignKey.classIndex == int(m->classId()) - 1)
            for (int fk : rel.foreignKey.columns)
                p.required = p.required || !m->columns()[fk].nullable;
        const Mapper *target = registry->mappers()[size_t(rel.targetIndex)].get();
        for (int id = 1; id <= m_session->objectCount(); ++id) {
            Instance *o = m_session->object(quint32(id));
            if (o->mapper() == target && !o->isMarkedDeleted()
                && (o->state() == ObjectState::Pending || o->state() == ObjectState::Persistent))
                p.candidates << o;
        }
        if (p.required && p.candidates.isEmpty())
            return failWith({Tr::tr("%1.%2 cannot be empty (its foreign key is NOT NULL), and the "
                                    "session holds no %3 to point it at: create or load one first")
                                 .arg(className, rel.name, target->className()),
                             {},
                             QStringLiteral("InvalidRequestError")});
        parents << p;
    }

    // several sessions: the objects go into the one chosen in the window
    Session *target = chosenSession();
    if (EventLog *log = m_bench->log())
        log->setSession(target->number());
    ScenarioRunner runner(*target, m_bench->sessions());
    runner.markAction({{QStringLiteral("op"), op},
                       {QStringLiteral("class"), className},
                       {QStringLiteral("count"), count}});
    QRandomGenerator rng(quint32(count) * 7919u + quint32(m_session->objectCount()));
    const QString stem = className.toLower();
    qint64 n = 1;
    int made = 0;
    for (; made < count; ++made) {
        if (progress && made % 500 == 0 && !progress(made))
            break;
        QString label;
        do {
            label = stem + QString::number(n++);
        } while (m_session->objectByLabel(label));
        QVariantMap values;
        QVariantMap stepValues; // the same, parents by their labels
        for (const ColumnDef &c : m->columns()) {
            // (the database generates a one-column integer key; a composite
            // key's columns are given, the foreign keys by the parents below)
            if ((isIntegerKey(c) && !m->isCompositeKey()) || c.isForeignKey())
                continue;
            values.insert(c.name, plausible(c, n - 1, rng));
        }
        stepValues = values;
        for (const Parent &p : parents) {
            if (p.candidates.isEmpty() || (!p.required && rng.bounded(4) == 0))
                continue;
            const Instance *parent = p.candidates[rng.bounded(int(p.candidates.size()))];
            values.insert(p.name, QVariant::fromValue(ObjectRef {parent->id()}));
            stepValues.insert(p.name, QVariant::fromValue(LabelRef {parent->label()}));
        }
        auto o = m_session->newObject(className, label, values);
        if (!o)
            return failWith(o.error());
        if (auto added = target->add(*o); !added)
            return failWith(added.error());
        if (m_recording) {
            // Played back as the steps that make the same object.
            Step made(steps::New {className, label, stepValues});
            Step add(steps::Add {label});
            made.session = add.session = m_current;
            m_recorded << made << add;
        }
    }
    if (progress)
        progress(made);
    if (m_recording)
        Q_EMIT recordingChanged();
    scheduleChanged();
    Q_EMIT succeeded(op);
    return made;
}

void SessionController::setAutoflush(bool on)
{
    if (Session *s = chosenSession())
        s->setAutoflush(on);
}

void SessionController::setExpireOnCommit(bool on)
{
    if (Session *s = chosenSession())
        s->setExpireOnCommit(on);
}

} // namespace ms
