// The engine's API: listener options, Ming extensions, listeners that throw,
// failing flushes and what the session looks like afterwards.
#include "events/extension.h"
#include "orm/session.h"
#include "project/listeneractions.h"
#include "project/projectfile.h"
#include "project/stepper.h"
#include "project/scenariorunner.h"
#include "listenerdef.h"
#include "testdb.h"

#include <QSqlDriver>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {

const char *kProject = R"({
  "format": "mapperscope-project", "version": 1, "name": "t",
  "classes": [
    {"name": "Author", "table": "authors", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "name", "type": "text", "nullable": false, "unique": true}],
     "relationships": [{"name": "books", "kind": "one-to-many", "target": "Book",
                        "backref": "author", "cascade": "all, delete-orphan"}]},
    {"name": "Book", "table": "books", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "title", "type": "text", "nullable": false},
        {"name": "pages", "type": "integer", "default": 100},
        {"name": "author_id", "type": "integer", "references": "Author"}]}
  ]
})";

// Names that try to break out of their quotes, or are not identifiers at
// all: quotes, semicolons, comments, spaces, Unicode, reserved words, a
// leading digit. Table and column names go to SQL; class and relationship
// names stay in the engine.
const char *kHostileProject = R"({
  "format": "mapperscope-project", "version": 1, "name": "hostile",
  "classes": [
    {"name": "Order \u0022x\u0022; --", "table": "select", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "group", "type": "text", "nullable": false, "unique": true},
        {"name": "1st \u0022col\u0022; DROP TABLE x; --", "type": "integer", "default": 0},
        {"name": "naïve Ünïcødé значение", "type": "text"},
        {"name": "it\u0027s", "type": "real"}],
     "relationships": [{"name": "line items; --", "kind": "one-to-many", "target": "Line Item",
                        "backref": "order\u0027s", "cascade": "all, delete-orphan"}]},
    {"name": "Line Item", "table": "where", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "from", "type": "text"},
        {"name": "order id", "type": "integer", "references": "Order \u0022x\u0022; --"}]}
  ]
})";

struct Fixture
{
    Playground play;
    Session *s = nullptr;
    DatabaseSettings settings;
    explicit Fixture(const char *json = kProject, const DatabaseSettings *given = nullptr)
    {
        auto project = ProjectFile::parse(QByteArray(json));
        if (!project)
            qFatal("%s", qPrintable(project.error().toString()));
        DatabaseSettings database;
        if (given)
            database = *given;
        else if (!mstest::freshDatabase(&database))
            qFatal("no database for the test");
        settings = database;
        auto opened = play.open(*project, database);
        if (!opened)
            qFatal("%s", qPrintable(opened.error().toString()));
        s = play.session.get();
    }
    Instance *author(const QString &label, const QString &name)
    {
        return *s->newObject(QStringLiteral("Author"), label, {{QStringLiteral("name"), name}});
    }
    Instance *book(const QString &label, const QString &title)
    {
        return *s->newObject(QStringLiteral("Book"), label, {{QStringLiteral("title"), title}});
    }
    quint32 cls(const char *name) { return play.registry.mapper(QLatin1String(name))->classId(); }
    quint32 attr(const char *c, const char *a)
    {
        return play.registry.mapper(QLatin1String(c))->attributeIndex(QLatin1String(a));
    }
    /// The hooks fired since @p from, by name.
    QStringList hooks(qsizetype from = 0, bool withStatements = false) const
    {
        QStringList out;
        for (qsizetype i = from; i < play.log.size(); ++i) {
            const Event &e = play.log.at(i);
            if (e.type == EventType::Statement && !withStatements)
                continue;
            out << eventName(e.type);
        }
        return out;
    }
    qsizetype count(EventType type) const
    {
        qsizetype n = 0;
        for (qsizetype i = 0; i < play.log.size(); ++i)
            n += play.log.at(i).type == type;
        return n;
    }
};

// Notes with a slug and a time of the last change, for the listeners' actions.
const char *kNotesProject = R"({
  "format": "mapperscope-project", "version": 1, "name": "notes",
  "classes": [
    {"name": "Note", "table": "notes", "columns": [
        {"name": "id", "type": "integer", "primaryKey": true},
        {"name": "title", "type": "text", "nullable": false},
        {"name": "slug", "type": "text"},
        {"name": "number", "type": "integer"},
        {"name": "updated_at", "type": "datetime"}]}
  ]
})";

struct Thrower : std::runtime_error
{
    Thrower() : std::runtime_error("refused by the listener") {}
};

class Recorder : public SessionExtension
{
public:
    Recorder(QString name, QStringList *calls, bool throwBeforeInsert = false)
        : SessionExtension(name), m_calls(calls), m_throw(throwBeforeInsert)
    {
    }
    void beforeInsert(Instance &o) override
    {
        *m_calls << name() + QStringLiteral(".before_insert ") + o.label();
        if (m_throw)
            throw Thrower();
    }
    void afterInsert(Instance &o) override { *m_calls << name() + QStringLiteral(".after_insert ") + o.label(); }
    void beforeFlush(Instance *) override { *m_calls << name() + QStringLiteral(".before_flush"); }
    void afterFlush(Instance *) override { *m_calls << name() + QStringLiteral(".after_flush"); }
    void beforeRemove(const QString &c) override { *m_calls << name() + QStringLiteral(".before_remove ") + c; }
    void afterRemove(const QString &c) override { *m_calls << name() + QStringLiteral(".after_remove ") + c; }

private:
    QStringList *m_calls;
    bool m_throw;
};

} // namespace

class TestSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (mstest::onPostgres() && qEnvironmentVariableIsEmpty("MS_TEST_PGURL"))
            QSKIP(mstest::kNoServer);
    }

    void statesThroughALifecycle()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QCOMPARE(a->state(), ObjectState::Transient);
        QVERIFY(f.s->add(a).ok());
        QCOMPARE(a->state(), ObjectState::Pending);
        QVERIFY(f.s->flush().ok());
        QCOMPARE(a->state(), ObjectState::Persistent);
        QCOMPARE(a->identity()->toLongLong(), 1);
        QVERIFY(f.s->remove(a).ok());
        QVERIFY(a->isMarkedDeleted());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(a->state(), ObjectState::Deleted);
        QVERIFY(f.s->commit().ok());
        QCOMPARE(a->state(), ObjectState::Detached);
    }

    void loadedObjectsAreFoundByClassAndKey()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->expunge(a).ok());
        // a new object named like the row that is then loaded: the label
        // names the object that was given it last
        Instance *early = f.author(QStringLiteral("Author#1"), QStringLiteral("Early"));
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Author#1")), early);
        auto rows = f.s->query(QStringLiteral("Author"), {}, QStringLiteral("id"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        Instance *loaded = rows->first();
        QVERIFY(loaded != a);
        QCOMPARE(loaded->label(), QStringLiteral("Author#1"));
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Author#1")), loaded);
        QCOMPARE(f.play.log.objectLabel(loaded->id()), QStringLiteral("Author#1"));
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Author#2")), nullptr);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Nobody#1")), nullptr);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("#1")), nullptr);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("a")), a);
        // deleted and committed: out of the identity map, still found
        QVERIFY(f.s->remove(loaded).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(loaded->state(), ObjectState::Detached);
        QCOMPARE(f.s->objectByLabel(QStringLiteral("Author#1")), loaded);
    }

    void identityMapAnswersGetWithoutSql()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->flush().ok());
        const qint64 before = f.s->connection().statementCount();
        auto got = f.s->get(QStringLiteral("Author"), 1);
        QVERIFY(got.ok());
        QCOMPARE(*got, a);
        QCOMPARE(f.s->connection().statementCount(), before);
        auto missing = f.s->get(QStringLiteral("Author"), 99);
        QVERIFY(missing.ok());
        QCOMPARE(*missing, nullptr);
        QCOMPARE(f.s->connection().statementCount(), before + 1);
    }

    void backrefKeepsBothSidesInSync()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        Instance *b = f.book(QStringLiteral("b"), QStringLiteral("Dune"));
        QVERIFY(f.s->set(b, QStringLiteral("author"), QVariant::fromValue(ObjectRef{a->id()})).ok());
        QCOMPARE(a->collection(0), QList<Instance *>{b});
        QVERIFY(f.s->remove(a, QStringLiteral("books"), b).ok());
        QCOMPARE(b->reference(0), nullptr);
        // and the events on both sides: the backref's first
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->append(a, QStringLiteral("books"), b).ok());
        QCOMPARE(f.hooks(from), (QStringList{"set", "append"}));
    }

    void foreignKeysAndDefaultsAreWrittenByTheFlush()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        Instance *b = f.book(QStringLiteral("b"), QStringLiteral("Dune"));
        QVERIFY(f.s->append(a, QStringLiteral("books"), b).ok());
        QVERIFY(f.s->add(a).ok());
        QCOMPARE(b->state(), ObjectState::Pending); // cascaded along save-update
        QVERIFY(f.s->commit().ok());
        auto rows = f.s->query(QStringLiteral("Book"), {{QStringLiteral("author_id"), 1}});
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
        QCOMPARE(*f.s->read(b, QStringLiteral("pages")), QVariant(qlonglong(100)));
        QCOMPARE(*f.s->read(b, QStringLiteral("author_id")), QVariant(qlonglong(1)));
    }

    void noNetChangeStillFiresUpdateHooksButSendsNoUpdate()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->flush().ok());
        QVERIFY(f.s->set(a, QStringLiteral("name"), QStringLiteral("Ann")).ok());
        const qint64 before = f.s->connection().statementCount();
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->flush().ok());
        QVERIFY(f.hooks(from).contains(QStringLiteral("before_update")));
        QVERIFY(f.hooks(from).contains(QStringLiteral("after_update")));
        QCOMPARE(f.s->connection().statementCount(), before);
    }

    void retvalListenerReplacesTheValue()
    {
        Fixture f;
        auto h = f.play.dispatcher.listenValue(
            ListenTarget::attributeOf(f.cls("Author"), f.attr("Author", "name")), EventType::Set,
            [](const Event &, const QVariant &v) { return QVariant(v.toString().toUpper()); });
        QVERIFY(h.ok());
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("ann"));
        QCOMPARE(a->value(1).toString(), QStringLiteral("ANN"));
        // refused where no value can be replaced
        QVERIFY(!f.play.dispatcher.listenValue(ListenTarget::mapper(), EventType::BeforeInsert,
                                               [](const Event &, const QVariant &v) { return v; }).ok());
    }

    void insertOnceAndStopOptions()
    {
        Fixture f;
        QStringList order;
        auto add = [&](const char *name, ListenOptions o) {
            return f.play.dispatcher.listen(ListenTarget::mapper(), EventType::BeforeInsert,
                                            [&order, name](const Event &) { order << QLatin1String(name); }, o);
        };
        QVERIFY(add("first", {}).ok());
        QVERIFY(add("inserted", {.insert = true}).ok());
        QVERIFY(add("once", {.once = true}).ok());
        auto stop = f.play.dispatcher.listenStop(ListenTarget::mapper(), EventType::BeforeInsert,
                                                 [&order](const Event &) { order << QStringLiteral("stop"); return true; });
        QVERIFY(stop.ok());
        QVERIFY(add("never", {}).ok());
        QVERIFY(f.s->add(f.author(QStringLiteral("a"), QStringLiteral("Ann"))).ok());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(order, (QStringList{"inserted", "first", "once", "stop"}));
        order.clear();
        QVERIFY(f.s->add(f.author(QStringLiteral("b"), QStringLiteral("Bob"))).ok());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(order, (QStringList{"inserted", "first", "stop"}));
        // stop exists for mapper hooks only
        QVERIFY(!f.play.dispatcher.listenStop(ListenTarget::session(), EventType::BeforeFlush,
                                              [](const Event &) { return true; }).ok());
    }

    void wrongTargetIsRefused()
    {
        Fixture f;
        auto r = f.play.dispatcher.listen(ListenTarget::session(), EventType::BeforeInsert, [](const Event &) {});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("before_insert")));
        QVERIFY(!f.play.dispatcher.listen(ListenTarget::mapper(), EventType::Set, [](const Event &) {}).ok());
    }

    void extensionsChainAndWrap()
    {
        Fixture f;
        QStringList calls;
        QVERIFY(f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("s1"), &calls)).ok());
        QVERIFY(f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("s2"), &calls)).ok());
        QVERIFY(f.s->registerExtension(QStringLiteral("Author"),
                                       std::make_shared<Recorder>(QStringLiteral("m1"), &calls)).ok());
        QVERIFY(!f.s->registerExtension(QStringLiteral("Nope"),
                                        std::make_shared<Recorder>(QStringLiteral("m2"), &calls)).ok());
        QVERIFY(f.s->add(f.author(QStringLiteral("a"), QStringLiteral("Ann"))).ok());
        QVERIFY(f.s->flush().ok());
        QCOMPARE(calls, (QStringList{"s1.before_flush", "s2.before_flush", "s1.before_insert a",
                                     "s2.before_insert a", "m1.before_insert a", "m1.after_insert a",
                                     "s1.after_insert a", "s2.after_insert a", "s1.after_flush",
                                     "s2.after_flush"}));
        // each extension call is on the timeline, marked with its name
        // (the flush hooks of session extensions too)
        int marked = 0;
        for (qsizetype i = 0; i < f.play.log.size(); ++i)
            if (f.play.log.at(i).flags & Event::Extension)
                ++marked;
        QCOMPARE(marked, int(calls.size()));
        // Ming: registering after first use is refused
        auto late = f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("late"), &calls));
        QVERIFY(!late.ok());
        QVERIFY(late.error().message.contains(QStringLiteral("first used")));
        calls.clear();
        QVERIFY(f.s->bulkDelete(QStringLiteral("Author"), {}).ok());
        QCOMPARE(calls, (QStringList{"s1.before_remove Author", "s2.before_remove Author",
                                     "m1.before_remove Author", "m1.after_remove Author",
                                     "s1.after_remove Author", "s2.after_remove Author"}));
    }

    void extensionExceptionStopsTheChainAndTheFlush()
    {
        Fixture f;
        QStringList calls;
        QVERIFY(f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("bad"), &calls, true)).ok());
        QVERIFY(f.s->registerExtension(std::make_shared<Recorder>(QStringLiteral("next"), &calls)).ok());
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a).ok());
        auto r = f.s->flush();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().toString().contains(QStringLiteral("before_insert")), qPrintable(r.error().toString()));
        QCOMPARE(calls, (QStringList{"bad.before_flush", "next.before_flush", "bad.before_insert a"}));
        QCOMPARE(f.count(EventType::AfterInsert), 0);
        QCOMPARE(a->state(), ObjectState::Transient); // SQLAlchemy: the rollback expunges pending objects
        QVERIFY(f.s->needsRollback());
        QVERIFY(f.s->rollback().ok());
        QVERIFY(!f.s->needsRollback());
    }

    void listenerThrowingInEachCategory_data()
    {
        QTest::addColumn<int>("hook");
        QTest::newRow("session before_flush") << int(EventType::BeforeFlush);
        QTest::newRow("session after_begin") << int(EventType::AfterBegin);
        QTest::newRow("mapper before_insert") << int(EventType::BeforeInsert);
        QTest::newRow("mapper after_insert") << int(EventType::AfterInsert);
        QTest::newRow("session after_flush") << int(EventType::AfterFlush);
        QTest::newRow("instance refresh_flush") << int(EventType::RefreshFlush);
        QTest::newRow("attribute set (flush)") << int(EventType::Set);
        QTest::newRow("session pending_to_persistent") << int(EventType::PendingToPersistent);
    }

    void listenerThrowingInEachCategory()
    {
        QFETCH(int, hook);
        const auto type = EventType(hook);
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        Instance *b = f.book(QStringLiteral("b"), QStringLiteral("Dune"));
        QVERIFY(f.s->append(a, QStringLiteral("books"), b).ok());
        QVERIFY(f.s->add(a).ok());
        const TargetKind kind = eventInfo(type).target;
        ListenTarget target = kind == TargetKind::Session ? ListenTarget::session()
            : kind == TargetKind::Mapper                 ? ListenTarget::mapper()
                                                         : ListenTarget::attributeOf(0, 0);
        auto h = f.play.dispatcher.listen(target, type, [](const Event &) { throw Thrower(); });
        QVERIFY(h.ok());
        auto r = f.s->flush();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().where.contains(eventName(type)), qPrintable(r.error().toString()));
        QVERIFY(r.error().message.contains(QStringLiteral("refused by the listener")));
        // consistent afterwards: nothing half-flushed; after rollback a clean retry works
        QVERIFY(f.s->rollback().ok());
        QVERIFY(f.play.dispatcher.remove(*h));
        QVERIFY(f.s->add(a).ok());
        QVERIFY2(f.s->commit().ok(), "the session must go on working");
        QCOMPARE(a->state(), ObjectState::Persistent);
        QCOMPARE(b->state(), ObjectState::Persistent);
        auto rows = f.s->query(QStringLiteral("Book"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 1);
    }

    void listenerThrowingOnAssignmentLeavesTheValue()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        QVERIFY(f.play.dispatcher.listen(ListenTarget::attributeOf(0, 0), EventType::Set,
                                         [](const Event &) { throw Thrower(); }).ok());
        auto r = f.s->set(a, QStringLiteral("name"), QStringLiteral("Bob"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, QStringLiteral("ListenerError"));
        QCOMPARE(a->value(1).toString(), QStringLiteral("Ann"));
    }

    void constraintViolationRollsBackAndNamesTheStatement()
    {
        Fixture f;
        QVERIFY(f.s->add(f.author(QStringLiteral("a"), QStringLiteral("Ann"))).ok());
        QVERIFY(f.s->commit().ok());
        Instance *dup = f.author(QStringLiteral("dup"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(dup).ok());
        auto r = f.s->flush();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, QStringLiteral("IntegrityError"));
        QVERIFY2(r.error().where.startsWith(QStringLiteral("INSERT INTO")), qPrintable(r.error().where));
        QCOMPARE(dup->state(), ObjectState::Transient);
        QVERIFY(dup->value(0).isNull()); // no key left behind by the failed flush
        QCOMPARE(f.count(EventType::AfterRollback), 1);
        // until rollback() the session refuses to flush
        QVERIFY(f.s->add(dup).ok());
        QCOMPARE(f.s->flush().error().kind, QStringLiteral("PendingRollbackError"));
        QVERIFY(f.s->rollback().ok());
        QVERIFY(f.s->set(dup, QStringLiteral("name"), QStringLiteral("Dan")).ok());
        QVERIFY(f.s->add(dup).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(dup->state(), ObjectState::Persistent);
    }

    void faultInjectedAtEveryStatementOfAFlush()
    {
        // statement k of a three-statement flush fails, for every k
        for (int k = 0; k < 3; ++k) {
            Fixture f;
            Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
            QVERIFY(f.s->add(a).ok());
            QVERIFY(f.s->commit().ok());
            QVERIFY(f.s->set(a, QStringLiteral("name"), QStringLiteral("Anna")).ok());
            Instance *b = f.book(QStringLiteral("b"), QStringLiteral("Dune"));
            Instance *c = f.book(QStringLiteral("c"), QStringLiteral("Emma"));
            QVERIFY(f.s->add(b).ok());
            QVERIFY(f.s->add(c).ok());
            // the expired author is loaded first (one SELECT), then UPDATE, INSERT, INSERT
            f.s->connection().failAfter(k + 1, QStringLiteral("disk I/O error"));
            auto r = f.s->flush();
            QVERIFY2(!r.ok(), qPrintable(QString::number(k)));
            QCOMPARE(r.error().kind, QStringLiteral("OperationalError"));
            QCOMPARE(b->state(), ObjectState::Transient);
            QCOMPARE(c->state(), ObjectState::Transient);
            QCOMPARE(a->state(), ObjectState::Persistent);
            QVERIFY(!a->isLoaded(1)); // expired by the rollback
            QVERIFY(f.s->rollback().ok());
            QCOMPARE(f.s->read(a, QStringLiteral("name"))->toString(), QStringLiteral("Ann"));
            QVERIFY(f.s->add(b).ok());
            QVERIFY(f.s->add(c).ok());
            QVERIFY(f.s->commit().ok());
            QCOMPARE(f.s->query(QStringLiteral("Book"))->size(), 2);
        }
    }

    // Real and simulated faults at every statement of a flush that updates,
    // inserts and deletes: whichever statement fails, the session ends as it
    // does when the first one fails (nothing of the partial flush shows),
    // the database holds what was committed, an error event names the
    // statement, and the session goes on working.
    void faultAtEveryStatementOfAFlush_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("kind");
        QTest::newRow("constraint violation") << "constraint" << "IntegrityError";
        QTest::newRow("constraint raised by the database") << "trigger" << "IntegrityError";
        QTest::newRow("connection closed") << "closed" << "OperationalError";
        if (!mstest::onPostgres()) {
            QTest::newRow("read-only database") << "read-only" << "OperationalError";
            QTest::newRow("database locked") << "busy" << "OperationalError";
        }
    }

    void faultAtEveryStatementOfAFlush()
    {
        QFETCH(QString, fault);
        QFETCH(QString, kind);
        QTemporaryDir dir;
        auto prepare = [&](Fixture &f) {
            Instance *a1 = f.author(QStringLiteral("a1"), QStringLiteral("Ann"));
            Instance *b1 = f.book(QStringLiteral("b1"), QStringLiteral("Dune"));
            Instance *b2 = f.book(QStringLiteral("b2"), QStringLiteral("Emma"));
            QVERIFY(f.s->append(a1, QStringLiteral("books"), b1).ok());
            QVERIFY(f.s->append(a1, QStringLiteral("books"), b2).ok());
            QVERIFY(f.s->add(a1).ok());
            QVERIFY(f.s->commit().ok());
            QVERIFY(f.s->set(a1, QStringLiteral("name"), QStringLiteral("Anna")).ok());
            Instance *a2 = f.author(QStringLiteral("a2"), QStringLiteral("Bob"));
            Instance *b3 = f.book(QStringLiteral("b3"), QStringLiteral("Odyssey"));
            QVERIFY(f.s->append(a2, QStringLiteral("books"), b3).ok());
            QVERIFY(f.s->add(a2).ok());
            QVERIFY(f.s->remove(b2).ok());
            QVERIFY(f.s->set(b1, QStringLiteral("pages"), 5).ok());
        };
        auto settingsFor = [&](int run) {
            DatabaseSettings db;
            if (mstest::onPostgres()) {
                if (!mstest::postgresDatabase(&db))
                    qFatal("no database");
            } else {
                db.name = dir.filePath(QStringLiteral("run%1.sqlite").arg(run)); // a file: reopened after a close
            }
            return db;
        };
        // What the flush wrote on the objects stays, as in SQLAlchemy: once
        // Bob's INSERT has run, the object made transient again keeps its
        // generated key, and the Odyssey the synced foreign key; once the
        // Odyssey's has run, it keeps its key and its default page count.
        // The rest of the state is the same wherever the flush failed; those
        // values are masked and checked on their own.
        auto masked = [](const Instance *o, int a) {
            return (o->label() == QLatin1String("a2") && a == 0)
                || (o->label() == QLatin1String("b3") && (a == 0 || a == 2 || a == 3));
        };
        auto describe = [&masked](Fixture &f) {
            QStringList out;
            auto label = [](const Instance *o) { return o ? o->label() : QStringLiteral("-"); };
            for (const Instance *o : f.s->objects()) {
                QString line = QStringLiteral("%1 %2 del=%3 dirty=%4 key=%5:")
                                   .arg(o->label(), objectStateName(o->state()))
                                   .arg(o->isMarkedDeleted())
                                   .arg(o->isDirty())
                                   .arg(o->identity() ? o->identity()->toString() : QStringLiteral("none"));
                for (int a = 0; a < o->attributeCount(); ++a) {
                    if (masked(o, a)) {
                        line += QStringLiteral(" [masked]");
                        continue;
                    }
                    line += QStringLiteral(" [%1%2%3 ").arg(o->isLoaded(a)).arg(o->isExpired(a)).arg(o->isModified(a));
                    if (o->isColumn(a)) {
                        line += o->value(a).toString() + QLatin1Char('/') + o->committedValue(a).toString();
                    } else {
                        const int r = o->relationshipIndex(a);
                        line += label(o->reference(r));
                        for (const Instance *c : o->collection(r))
                            line += QLatin1Char(',') + label(c);
                    }
                    line += QLatin1Char(']');
                }
                out << line;
            }
            for (const auto &[name, set] : {std::pair{"identity", f.s->identityMap()}, std::pair{"new", f.s->newObjects()},
                                            std::pair{"dirty", f.s->dirtyObjects()},
                                            std::pair{"deleted", f.s->deletedObjects()}}) {
                QStringList labels;
                for (const Instance *o : set)
                    labels << o->label();
                out << QString::fromLatin1(name) + QLatin1String(": ") + labels.join(QLatin1Char(' '));
            }
            return out;
        };
        auto rowsIn = [](Fixture &f) {
            QStringList out;
            QSqlQuery q(f.s->connection().database());
            for (const char *sql : {"SELECT id, name FROM authors ORDER BY id",
                                    "SELECT id, title, pages, author_id FROM books ORDER BY id"}) {
                if (!q.exec(QString::fromLatin1(sql)))
                    return QStringList{q.lastError().text()};
                while (q.next())
                    out << QStringLiteral("%1|%2|%3|%4").arg(q.value(0).toString(), q.value(1).toString(),
                                                             q.value(2).toString(), q.value(3).toString());
            }
            return out;
        };

        // a dry run counts the flush's statements
        QStringList statements;
        {
            const DatabaseSettings db = settingsFor(0);
            Fixture f(kProject, &db);
            prepare(f);
            f.s->connection().setFaultHook([&](const QString &sql) {
                statements << sql;
                return QString();
            });
            QVERIFY(f.s->flush().ok());
        }
        QVERIFY2(statements.size() >= 6, qPrintable(statements.join(QLatin1Char('\n'))));

        QStringList reference;
        int tried = 0;
        for (int k = 0; k < statements.size(); ++k) {
            const bool write = !statements[k].startsWith(QLatin1String("SELECT"));
            if ((fault == QLatin1String("read-only") || fault == QLatin1String("trigger")) && !write)
                continue; // a read works on a read-only database, and fires no trigger
            const DatabaseSettings db = settingsFor(k + 1);
            Fixture f(kProject, &db);
            if (fault == QLatin1String("trigger")) {
                // Triggers on every write to the two tables that make the
                // database itself refuse the statement, with its own
                // constraint error, once armed (inside the flush's
                // transaction, so the rollback disarms them).
                QSqlQuery q(f.s->connection().database());
                QStringList ddl {QStringLiteral("CREATE TABLE ms_fault (armed integer)"),
                                 QStringLiteral("INSERT INTO ms_fault VALUES (0)")};
                if (mstest::onPostgres()) {
                    ddl << QStringLiteral(
                        "CREATE FUNCTION ms_fault() RETURNS trigger AS $$ BEGIN "
                        "IF (SELECT armed FROM ms_fault) = 1 THEN RAISE EXCEPTION "
                        "'fault injected by the test' USING ERRCODE = 'check_violation'; END IF; "
                        "RETURN COALESCE(NEW, OLD); END $$ LANGUAGE plpgsql");
                    for (const char *table : {"authors", "books"})
                        ddl << QStringLiteral("CREATE TRIGGER ms_fault BEFORE INSERT OR UPDATE OR DELETE ON %1 "
                                              "FOR EACH ROW EXECUTE FUNCTION ms_fault()")
                                   .arg(QLatin1String(table));
                } else {
                    for (const char *table : {"authors", "books"})
                        for (const char *op : {"INSERT", "UPDATE", "DELETE"})
                            ddl << QStringLiteral("CREATE TRIGGER ms_fault_%1_%2 BEFORE %2 ON %1 "
                                                  "WHEN (SELECT armed FROM ms_fault) = 1 BEGIN "
                                                  "SELECT RAISE(ABORT, 'fault injected by the test'); END")
                                       .arg(QLatin1String(table), QLatin1String(op));
                }
                for (const QString &sql : ddl)
                    QVERIFY2(q.exec(sql), qPrintable(sql + QLatin1String(": ") + q.lastError().text()));
            }
            prepare(f);
            const QStringList committedRows = rowsIn(f);
            int seen = 0;
            f.s->connection().setFaultHook([&](const QString &) -> QString {
                if (seen++ != k)
                    return QString();
                if (fault == QLatin1String("constraint"))
                    return mstest::onPostgres() ? QStringLiteral("ERROR:  duplicate key value violates unique constraint")
                                                : QStringLiteral("UNIQUE constraint failed: authors.name");
                if (fault == QLatin1String("busy"))
                    return QStringLiteral("database is locked Unable to fetch row");
                QSqlDatabase handle = f.s->connection().database();
                if (fault == QLatin1String("trigger")) {
                    QSqlQuery arm(handle);
                    if (!arm.exec(QStringLiteral("UPDATE ms_fault SET armed = 1")))
                        qFatal("cannot arm the fault: %s", qPrintable(arm.lastError().text()));
                    return QString(); // the statement runs and the database refuses it
                }
                if (fault == QLatin1String("closed"))
                    handle.close(); // the statement fails for real
                else
                    QSqlQuery(handle).exec(QStringLiteral("PRAGMA query_only = ON"));
                return QString();
            });
            const qsizetype from = f.play.log.size();
            auto r = f.s->flush();
            const QString where = QStringLiteral("fault at statement %1 of %2: %3").arg(k + 1).arg(statements.size()).arg(statements[k]);
            QVERIFY2(!r.ok(), qPrintable(where));
            QVERIFY2(r.error().kind == kind, qPrintable(where + QLatin1String(": ") + r.error().toString()));
            // the failed statement's event names it
            bool named = false;
            for (qsizetype i = from; i < f.play.log.size(); ++i) {
                const Event &e = f.play.log.at(i);
                if (e.type == EventType::Statement && (e.flags & Event::Failed))
                    named = f.play.log.value(e.value).toMap().value(QStringLiteral("sql")).toString() == statements[k];
            }
            QVERIFY2(named, qPrintable(where));
            QCOMPARE(f.count(EventType::AfterRollback), 1);
            const QStringList state = describe(f);
            if (reference.isEmpty())
                reference = state;
            QVERIFY2(state == reference, qPrintable(where + QLatin1String("\n") + state.join(QLatin1Char('\n'))
                                                    + QLatin1String("\n---\n") + reference.join(QLatin1Char('\n'))));
            {
                const Instance *a2 = f.s->objectByLabel(QStringLiteral("a2"));
                const Instance *b3 = f.s->objectByLabel(QStringLiteral("b3"));
                auto indexOf = [&](const char *prefix) {
                    for (qsizetype i = 0; i < statements.size(); ++i)
                        if (statements[i].startsWith(QLatin1String(prefix)))
                            return i;
                    return qsizetype(-1);
                };
                const qsizetype bobInsert = indexOf("INSERT INTO \"authors\"");
                const qsizetype odysseyInsert = indexOf("INSERT INTO \"books\"");
                QVERIFY(bobInsert >= 0 && odysseyInsert > bobInsert);
                const QVariant id = a2->value(0);
                if (k <= bobInsert) {
                    QVERIFY2(id.isNull(), qPrintable(where + QLatin1String(": ") + id.toString()));
                    QVERIFY2(b3->value(3).isNull(), qPrintable(where));
                } else {
                    QVERIFY2(!id.isNull() && a2->isLoaded(0), qPrintable(where));
                    QCOMPARE(b3->value(3), id);
                }
                if (k <= odysseyInsert) {
                    QVERIFY2(b3->value(0).isNull() && b3->value(2).isNull(), qPrintable(where));
                } else {
                    QVERIFY2(!b3->value(0).isNull(), qPrintable(where));
                    QCOMPARE(b3->value(2).toInt(), 100);
                }
                QVERIFY(!a2->identity() && !b3->identity());
            }
            // the session goes on: the database as committed, a correct flush works
            f.s->connection().setFaultHook({});
            if (fault == QLatin1String("closed"))
                QVERIFY(f.s->connection().open(f.settings).ok());
            if (fault == QLatin1String("read-only"))
                QVERIFY(QSqlQuery(f.s->connection().database()).exec(QStringLiteral("PRAGMA query_only = OFF")));
            QVERIFY(f.s->rollback().ok());
            QCOMPARE(rowsIn(f), committedRows);
            QVERIFY(f.s->add(f.s->objectByLabel(QStringLiteral("a2"))).ok());
            auto again = f.s->commit();
            QVERIFY2(again.ok(), qPrintable(where + QLatin1String(": ") + again.error().toString()));
            QCOMPARE(rowsIn(f).size(), committedRows.size() + 2); // Bob and the Odyssey
            ++tried;
        }
        QVERIFY(tried >= 4);
        qInfo("%s: %d fault positions tried and passed", qPrintable(fault), tried);
    }

    // A real lock held by another connection: SQLite's "database is locked"
    // (another writer's transaction) and PostgreSQL's lock timeout (another
    // session holding the table). The flush fails as any failed flush does,
    // and once the other connection lets go the session goes on.
    void lockedByAnotherConnection()
    {
        QTemporaryDir dir;
        DatabaseSettings db;
        if (mstest::onPostgres()) {
            MS_FRESH_DATABASE(db);
        } else {
            db.name = dir.filePath(QStringLiteral("locked.sqlite"));
        }
        Fixture f(kProject, &db);
        Instance *a1 = f.author(QStringLiteral("a1"), QStringLiteral("Ann"));
        QVERIFY(f.s->add(a1).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->set(a1, QStringLiteral("name"), QStringLiteral("Anna")).ok());
        Instance *a2 = f.author(QStringLiteral("a2"), QStringLiteral("Bob"));
        QVERIFY(f.s->add(a2).ok());

        const QString other = QStringLiteral("blocker");
        {
            QSqlDatabase blocker = QSqlDatabase::addDatabase(db.driver, other);
            blocker.setDatabaseName(db.name);
            blocker.setHostName(db.host);
            if (db.port)
                blocker.setPort(db.port);
            blocker.setUserName(db.user);
            QVERIFY2(blocker.open(), qPrintable(blocker.lastError().text()));
            QSqlQuery b(blocker);
            QSqlQuery ours(f.s->connection().database());
            if (mstest::onPostgres()) {
                QVERIFY(ours.exec(QStringLiteral("SET lock_timeout = '200ms'")));
                QVERIFY(b.exec(QStringLiteral("BEGIN")));
                QVERIFY2(b.exec(QStringLiteral("LOCK TABLE authors IN ACCESS EXCLUSIVE MODE")), qPrintable(b.lastError().text()));
            } else {
                QVERIFY(ours.exec(QStringLiteral("PRAGMA busy_timeout = 100")));
                QVERIFY2(b.exec(QStringLiteral("BEGIN IMMEDIATE")), qPrintable(b.lastError().text()));
            }

            auto r = f.s->flush();
            QVERIFY(!r.ok());
            QCOMPARE(r.error().kind, QStringLiteral("OperationalError"));
            const QString lockText = mstest::onPostgres() ? QStringLiteral("lock timeout") : QStringLiteral("database is locked");
            QVERIFY2(r.error().message.contains(lockText), qPrintable(r.error().toString()));
            // as after any failed flush (SQLAlchemy rolls its transaction
            // back): Ann persistent and expired, Bob expunged, transient again
            QCOMPARE(a1->state(), ObjectState::Persistent);
            QVERIFY(a1->isExpired(1));
            QCOMPARE(a2->state(), ObjectState::Transient);
            QVERIFY(f.s->newObjects().isEmpty());
            QVERIFY(f.s->needsRollback());

            QVERIFY(b.exec(QStringLiteral("ROLLBACK")));
            // nothing of the flush reached the database
            QVERIFY(b.exec(QStringLiteral("SELECT name FROM authors")));
            QStringList names;
            while (b.next())
                names << b.value(0).toString();
            QCOMPARE(names, QStringList {QStringLiteral("Ann")});
            b.finish();
            blocker.close();
        }
        QSqlDatabase::removeDatabase(other);
        // the lock gone, the session goes on
        QVERIFY(f.s->rollback().ok());
        QVERIFY(f.s->set(a1, QStringLiteral("name"), QStringLiteral("Anna")).ok());
        QVERIFY(f.s->add(a2).ok());
        auto again = f.s->commit();
        QVERIFY2(again.ok(), qPrintable(again.error().toString()));
        auto rows = f.s->query(QStringLiteral("Author"));
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
    }

    // The project's listeners with their actions (listeners panel):
    // set (a slug from the title, the classic updated_at, a counter), log
    // (the event highlighted), raise (the flush rolls back with the message).
    void listenerActions()
    {
        Fixture f(kNotesProject);
        ListenerActions actions(&f.play.dispatcher, &f.play.log, &f.play.registry, f.s);
        QVERIFY(actions.install(
            {mstest::listener("before_insert", "Note", "set",
                         {{"attr", "slug"}, {"compute", "lower"}, {"of", "title"}}),
             mstest::listener("before_insert", "Note", "set", {{"attr", "number"}, {"compute", "counter"}}),
             mstest::listener("before_update", "*", "set", {{"attr", "updated_at"}, {"compute", "now"}}),
             mstest::listener("after_insert", "Note", "log")}));
        QCOMPARE(actions.count(), 4);
        Instance *n1 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n1"),
                                       {{QStringLiteral("title"), QStringLiteral("Hello World")}});
        Instance *n2 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n2"),
                                       {{QStringLiteral("title"), QStringLiteral("Second")}});
        QVERIFY(f.s->add(n1).ok());
        QVERIFY(f.s->add(n2).ok());
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->commit().ok());
        // each before_insert is followed by the two sets it made, then the INSERTs carry them
        const QStringList hooks = f.hooks(from, true);
        const int firstInsert = int(hooks.indexOf(QStringLiteral("before_insert")));
        QCOMPARE(hooks.mid(firstInsert, 6),
                 (QStringList {"before_insert", "set", "set", "before_insert", "set", "set"}));
        QVERIFY(hooks.indexOf(QStringLiteral("statement"), firstInsert) > firstInsert + 5);
        QSqlQuery q(f.s->connection().database());
        QVERIFY(q.exec(QStringLiteral("SELECT title, slug, number, updated_at FROM notes ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QStringLiteral("hello world"));
        QCOMPARE(q.value(2).toInt(), 1);
        QVERIFY(q.value(3).isNull());
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), QStringLiteral("second"));
        QCOMPARE(q.value(2).toInt(), 2);
        q.finish();
        // log: the after_insert events are highlighted, nothing else
        qsizetype listened = 0;
        for (qsizetype i = from; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.flags & Event::Listened) {
                QCOMPARE(e.type, EventType::AfterInsert);
                ++listened;
            }
        }
        QCOMPARE(listened, 2);
        // updated_at: written in before_update, sent with the UPDATE
        QVERIFY(f.s->set(n1, QStringLiteral("title"), QStringLiteral("Changed")).ok());
        const qsizetype update = f.play.log.size();
        QVERIFY(f.s->commit().ok());
        const QStringList updateHooks = f.hooks(update, true);
        const int before = int(updateHooks.indexOf(QStringLiteral("before_update")));
        QVERIFY(before >= 0);
        QCOMPARE(updateHooks.value(before + 1), QStringLiteral("set"));
        QVERIFY(q.exec(QStringLiteral("SELECT updated_at FROM notes WHERE title = 'Changed'")));
        QVERIFY(q.next());
        QVERIFY(!q.value(0).isNull());
        q.finish();

        // raise: the flush rolls back, with the message and the hook's name
        QVERIFY(actions.install({mstest::listener("before_insert", "Note", "raise",
                                             {{"message", "no new notes during the exam"}})}));
        Instance *n3 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n3"),
                                       {{QStringLiteral("title"), QStringLiteral("Third")}});
        QVERIFY(f.s->add(n3).ok());
        auto r = f.s->flush();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message, QStringLiteral("no new notes during the exam"));
        QVERIFY(r.error().where.contains(QLatin1String("before_insert")));
        QVERIFY(f.s->rollback().ok());
        QCOMPARE(n3->state(), ObjectState::Transient);
        actions.clear();
        QVERIFY(f.s->add(n3).ok());
        QVERIFY(f.s->commit().ok());

        // A set listener that fires itself (its target takes the attribute
        // it sets) fails the assignment instead of recursing without end.
        for (const ListenerDef &loop :
             {mstest::listener("set", "Note.title", "set", {{"attr", "title"}, {"value", "x"}}),
              mstest::listener("set", "*", "set", {{"attr", "slug"}, {"compute", "lower"}, {"of", "title"}})}) {
            QVERIFY(actions.install({loop}));
            auto looped = f.s->set(n3, QStringLiteral("title"), QStringLiteral("Loop"));
            QVERIFY(!looped.ok());
            QVERIFY2(looped.error().message.contains(QLatin1String("again")),
                     qPrintable(looped.error().message));
            QCOMPARE(looped.error().kind, QStringLiteral("ListenerError"));
            QVERIFY(f.s->rollback().ok());
        }
        actions.clear();

        // what the model cannot take is refused, naming the listener
        for (const ListenerDef &bad : {mstest::listener("before_insert", "Nope", "log"),
                                       mstest::listener("before_flush", "*", "set", {{"attr", "slug"}}),
                                       mstest::listener("before_insert", "Note", "set", {{"attr", "nope"}}),
                                       mstest::listener("before_insert", "Note", "shout"),
                                       mstest::listener("no_such_hook", "*", "log")}) {
            auto refused = actions.install({mstest::listener("after_insert", "Note", "log"), bad});
            QVERIFY2(!refused.ok(), qPrintable(bad.event + QLatin1Char(' ') + bad.action));
            QCOMPARE(refused.error().where, QStringLiteral("listeners[1]"));
        }
    }

    // Listeners grouped as Ming-style extensions: a mapper extension of Note
    // and a session extension, their methods chained in the project's
    // order and shown with their names; changed after the session was used,
    // they take effect at the next Apply and the old ones go quiet.
    void listenersAsMingExtensions()
    {
        Fixture f(kNotesProject);
        ListenerActions actions(&f.play.dispatcher, &f.play.log, &f.play.registry, f.s);
        QVERIFY(actions.install(
            {mstest::listener("before_insert", "Note", "set",
                              {{"attr", "slug"}, {"compute", "lower"}, {"of", "title"}, {"extension", "Slugs"}}),
             mstest::listener("after_insert", "*", "log", {{"extension", "Audit"}}),
             mstest::listener("before_flush", "*", "log", {{"extension", "Audit"}}),
             mstest::listener("before_insert", "Note", "set",
                              {{"attr", "number"}, {"value", 7}, {"extension", "Slugs"}})}));
        QCOMPARE(actions.count(), 2); // two extensions
        Instance *n1 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n1"),
                                       {{QStringLiteral("title"), QStringLiteral("Hello World")}});
        QVERIFY(f.s->add(n1).ok());
        const qsizetype from = f.play.log.size();
        QVERIFY(f.s->flush().ok());
        // each extension's hook is on the timeline with its name; Slugs' two
        // methods ran in order (two sets) after the session extension's before_insert
        QStringList extensionEvents;
        qsizetype listened = 0;
        for (qsizetype i = from; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.flags & Event::Extension)
                extensionEvents << eventName(e.type) + QLatin1Char(' ') + f.play.log.value(e.value).toString();
            if (e.flags & Event::Listened) {
                QVERIFY(e.flags & Event::Extension);
                ++listened;
            }
        }
        QCOMPARE(extensionEvents, (QStringList {"before_flush Audit", "before_insert Audit",
                                                "before_insert Slugs", "after_insert Slugs",
                                                "after_insert Audit", "after_flush Audit"}));
        QCOMPARE(listened, 2); // Audit's before_flush and after_insert methods
        QCOMPARE(n1->value(2).toString(), QStringLiteral("hello world"));
        QCOMPARE(n1->value(3).toInt(), 7);
        QVERIFY(f.s->commit().ok());
        // what Ming cannot take: a hook without a method, one name on two owners
        QVERIFY(!actions.install({mstest::listener("init", "Note", "log", {{"extension", "X"}})}));
        auto twoOwners = actions.install({mstest::listener("before_insert", "Note", "log", {{"extension", "X"}}),
                                          mstest::listener("after_insert", "*", "log", {{"extension", "X"}})});
        QVERIFY(!twoOwners.ok());
        QCOMPARE(twoOwners.error().where, QStringLiteral("listeners[1]"));
        // the session was used: new extensions wait for the next Apply; the old ones are quiet
        auto later = actions.install({mstest::listener("before_insert", "Note", "log", {{"extension", "Late"}})});
        QVERIFY(!later.ok());
        QVERIFY2(later.error().message.contains(QLatin1String("next Apply")), qPrintable(later.error().message));
        Instance *n2 = *f.s->newObject(QStringLiteral("Note"), QStringLiteral("n2"),
                                       {{QStringLiteral("title"), QStringLiteral("Quiet")}});
        QVERIFY(f.s->add(n2).ok());
        QVERIFY(f.s->flush().ok());
        QVERIFY(n2->value(2).isNull());
        QVERIFY(n2->value(3).isNull());
    }

    // A pause listener on before_insert: the flush stops inside the hook
    // with the object still pending; Step stops at the very next event; Run
    // to End finishes, and the trace is the one without the pause.
    void pauseInsideAHook()
    {
        auto play = [](bool pause, QStringList *stops, QStringList *states, QStringList *trace) {
            Fixture f(kNotesProject);
            Stepper stepper(&f.play.dispatcher);
            ListenerActions actions(&f.play.dispatcher, &f.play.log, &f.play.registry, f.s, &stepper);
            if (pause)
                (void)actions.install({mstest::listener("before_insert", "Note", "pause")});
            QObject::connect(&stepper, &Stepper::paused, &stepper, [&](qsizetype index) {
                const Event &e = f.play.log.at(index);
                *stops << eventName(e.type) + QLatin1Char(' ') + f.play.log.objectLabel(e.objectId);
                if (Instance *o = f.s->object(e.objectId))
                    *states << objectStateName(o->state());
                // first stop: step once; second: run to the end
                QTimer::singleShot(0, &stepper, [&stepper, stops] {
                    stops->size() == 1 ? stepper.step() : stepper.runToEnd();
                });
            });
            for (const char *label : {"n1", "n2"})
                QVERIFY(f.s->add(*f.s->newObject(QStringLiteral("Note"), QLatin1String(label),
                                                 {{QStringLiteral("title"), QLatin1String(label)}})).ok());
            QVERIFY(f.s->flush().ok());
            stepper.operationFinished();
            QVERIFY(!stepper.isPaused());
            *trace = f.hooks(0, true);
        };
        QStringList stops, states, paused;
        play(true, &stops, &states, &paused);
        QCOMPARE(stops, (QStringList {"before_insert n1", "before_insert n2"}));
        QCOMPARE(states, (QStringList {"pending", "pending"}));
        QStringList none, noStates, plain;
        play(false, &none, &noStates, &plain);
        QVERIFY(none.isEmpty());
        QCOMPARE(paused, plain);
    }

    void bulkStatementsSynchroniseTheSession()
    {
        Fixture f;
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("Ann"));
        Instance *b = f.author(QStringLiteral("b"), QStringLiteral("Bob"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->add(b).ok());
        QVERIFY(f.s->flush().ok());
        auto n = f.s->bulkUpdate(QStringLiteral("Author"), {{QStringLiteral("name"), QStringLiteral("Ann")}},
                                 {{QStringLiteral("name"), QStringLiteral("Anna")}});
        QVERIFY(n.ok());
        QCOMPARE(*n, 1);
        QCOMPARE(a->value(1).toString(), QStringLiteral("Anna"));
        QCOMPARE(f.count(EventType::BeforeUpdate), 0); // no mapper hooks for bulk statements
        auto d = f.s->bulkDelete(QStringLiteral("Author"), {{QStringLiteral("name"), QStringLiteral("Bob")}});
        QVERIFY(d.ok());
        QCOMPARE(*d, 1);
        QCOMPARE(b->state(), ObjectState::Deleted);
        QCOMPARE(f.count(EventType::AfterBulkDelete), 1);
    }

    void statementEventsSayWhatSentThem()
    {
        Fixture f;
        QVERIFY(f.s->add(f.author(QStringLiteral("a"), QStringLiteral("Ann"))).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->query(QStringLiteral("Author")).ok());
        QStringList sources;
        for (qsizetype i = 0; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.type == EventType::Statement)
                sources << f.play.log.value(e.value).toMap().value(QStringLiteral("source")).toString();
        }
        QCOMPARE(sources, (QStringList{"flush", "query"}));
    }

    void queryInsideALoadListenerWhileRowsAreStreamed()
    {
        // Rows are handed to the session as they are read: a listener of
        // `load` that runs the very same query meanwhile gets a query of
        // its own, and both see every row; the statement's row count is
        // filled in after its rows.
        Fixture f;
        for (const char *name : {"Ann", "Bob", "Cy"})
            QVERIFY(f.s->add(f.author(QString::fromLatin1(name), QString::fromLatin1(name))).ok());
        QVERIFY(f.s->commit().ok());
        QVERIFY(f.s->close().ok());
        QList<int> inner;
        bool nested = false;
        auto h = f.play.dispatcher.listen(ListenTarget::mapper(), EventType::Load, [&](const Event &) {
            if (nested)
                return;
            nested = true;
            auto again = f.s->query(QStringLiteral("Author"));
            inner << (again ? int(again->size()) : -1);
            nested = false;
        });
        QVERIFY(h.ok());
        const qsizetype from = f.play.log.size();
        auto all = f.s->query(QStringLiteral("Author"));
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        QCOMPARE(inner, (QList<int>{3}));
        QList<qlonglong> rows;
        for (qsizetype i = from; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.type == EventType::Statement)
                rows << f.play.log.value(e.value).toMap().value(QStringLiteral("rows")).toLongLong();
        }
        QCOMPARE(rows, (QList<qlonglong>{3, 3}));
        // a load hook that fails stops the query; the connection goes on working
        f.play.dispatcher.remove(*h);
        QVERIFY(f.s->close().ok());
        auto thrower = f.play.dispatcher.listen(ListenTarget::mapper(), EventType::Load,
                                                [](const Event &) { throw std::runtime_error("no"); });
        QVERIFY(!f.s->query(QStringLiteral("Author")).ok());
        f.play.dispatcher.remove(*thrower);
        QVERIFY(f.s->close().ok());
        auto after = f.s->query(QStringLiteral("Author"));
        QVERIFY(after.ok());
        QCOMPARE(after->size(), 3);
    }

    void hostileNamesEndToEnd()
    {
        Fixture f(kHostileProject);
        const QString order = QStringLiteral("Order \u0022x\u0022; --"), item = QStringLiteral("Line Item");
        const QString group = QStringLiteral("group"), first = QStringLiteral("1st \u0022col\u0022; DROP TABLE x; --"),
                      uni = QStringLiteral("naïve Ünïcødé значение"), its = QStringLiteral("it\u0027s"),
                      from = QStringLiteral("from"), rel = QStringLiteral("line items; --");
        auto o = f.s->newObject(order, QStringLiteral("o"),
                                {{group, QStringLiteral("a'; DROP TABLE \u0022select\u0022; --")},
                                 {first, 7}, {uni, QStringLiteral("ünï")}, {its, 1.5}});
        QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().toString()));
        auto l1 = f.s->newObject(item, QStringLiteral("l1"), {{from, QStringLiteral("x")}});
        auto l2 = f.s->newObject(item, QStringLiteral("l2"), {{from, QStringLiteral("y")}});
        QVERIFY(l1.ok() && l2.ok());
        QVERIFY(f.s->append(*o, rel, *l1).ok());
        QVERIFY(f.s->append(*o, rel, *l2).ok());
        QVERIFY(f.s->add(*o).ok());
        auto flushed = f.s->commit(); // INSERT
        QVERIFY2(flushed.ok(), qPrintable(flushed.ok() ? QString() : flushed.error().toString()));
        QVERIFY(f.s->set(*o, first, 8).ok());
        QVERIFY(f.s->set(*o, uni, QStringLiteral("ещё")).ok());
        QVERIFY(f.s->commit().ok()); // UPDATE
        QVERIFY(f.s->close().ok());
        auto found = f.s->query(order, {{uni, QStringLiteral("ещё")}}); // SELECT ... WHERE
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().toString()));
        QCOMPARE(found->size(), 1);
        Instance *loaded = found->first();
        QCOMPARE(f.s->read(loaded, first)->toInt(), 8);
        QCOMPARE(f.s->read(loaded, group)->toString(), QStringLiteral("a'; DROP TABLE \u0022select\u0022; --"));
        QCOMPARE(f.s->read(loaded, rel)->toList().size(), 2); // lazy load through the foreign key
        QVERIFY(f.s->remove(loaded).ok());
        QVERIFY(f.s->commit().ok()); // DELETE, cascading to the items
        QCOMPARE(f.s->query(order)->size(), 0);
        QCOMPARE(f.s->query(item)->size(), 0);

        // No table or column name ever reached SQL unquoted.
        const QSqlDriver *driver = f.s->connection().database().driver();
        QStringList kinds;
        int statements = 0;
        for (qsizetype i = 0; i < f.play.log.size(); ++i) {
            const Event &e = f.play.log.at(i);
            if (e.type != EventType::Statement)
                continue;
            ++statements;
            QString sql = f.play.log.value(e.value).toMap().value(QStringLiteral("sql")).toString();
            kinds << sql.section(QLatin1Char(' '), 0, 0);
            for (const QString &name : {first, uni, its, QStringLiteral("order id"), group, from,
                                        QStringLiteral("select"), QStringLiteral("where")}) {
                const bool table = name == QLatin1String("select") || name == QLatin1String("where");
                sql.replace(driver->escapeIdentifier(name, table ? QSqlDriver::TableName : QSqlDriver::FieldName),
                            QStringLiteral("<name>"));
            }
            for (const QString &raw : {first, uni, its, QStringLiteral("order id")})
                QVERIFY2(!sql.contains(raw), qPrintable(sql));
            QVERIFY2(!sql.contains(QLatin1String("DROP")), qPrintable(sql));
        }
        QVERIFY(statements >= 8);
        for (const char *kind : {"INSERT", "UPDATE", "SELECT", "DELETE"})
            QVERIFY2(kinds.contains(QLatin1String(kind)), kind);
    }

    void unsafeNamesAreRefusedNotPasted()
    {
        Fixture f;
        auto r = f.s->query(QStringLiteral("Author"), {{QStringLiteral("name\" OR 1=1 --"), 1}});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("no column")));
        // values are bound: a quote in a value is just text
        Instance *a = f.author(QStringLiteral("a"), QStringLiteral("O'Brien\"; DROP TABLE authors; --"));
        QVERIFY(f.s->add(a).ok());
        QVERIFY(f.s->commit().ok());
        QCOMPARE(f.s->query(QStringLiteral("Author"))->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
