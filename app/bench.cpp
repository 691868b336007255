#include "bench.h"

#include "benchfloor.h"

#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "orm/registry.h"
#include "orm/session.h"
#include "project/projectfile.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <sys/resource.h>

#include <algorithm>
#include <vector>

namespace ms {

namespace {

// The bench's model (performance.md), and the same table for the raw
// baselines: both are created by the same DDL code.
constexpr char kProject[] = R"({"format": "mapperscope-project", "version": 1, "classes": [
  {"name": "User", "table": "users", "columns": [
    {"name": "id", "type": "integer", "primaryKey": true},
    {"name": "name", "type": "text", "nullable": false},
    {"name": "email", "type": "text"},
    {"name": "age", "type": "integer"},
    {"name": "score", "type": "real"}]},
  {"name": "RawUser", "table": "raw_users", "columns": [
    {"name": "id", "type": "integer", "primaryKey": true},
    {"name": "name", "type": "text", "nullable": false},
    {"name": "email", "type": "text"},
    {"name": "age", "type": "integer"},
    {"name": "score", "type": "real"}]},
  {"name": "PositionalUser", "table": "raw_users_positional", "columns": [
    {"name": "id", "type": "integer", "primaryKey": true},
    {"name": "name", "type": "text", "nullable": false},
    {"name": "email", "type": "text"},
    {"name": "age", "type": "integer"},
    {"name": "score", "type": "real"}]},
  {"name": "FloorUser", "table": "floor_users", "columns": [
    {"name": "id", "type": "integer", "primaryKey": true},
    {"name": "name", "type": "text", "nullable": false},
    {"name": "email", "type": "text"},
    {"name": "age", "type": "integer"},
    {"name": "score", "type": "real"}]}]})";

// The same values for the ORM and the raw rows.
QString nameOf(int i)
{
    return QStringLiteral("user%1").arg(i);
}
QString emailOf(int i)
{
    return QStringLiteral("user%1@example.org").arg(i);
}
int ageOf(int i)
{
    return 18 + i % 60;
}
double scoreOf(int i)
{
    return i * 0.5;
}

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

qint64 peakRss()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_maxrss) * 1024; // kilobytes on Linux
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// A hook fired the way the engine fires it: test, then build and fire.
// Different hooks in turn, so that nothing is hoisted out of the loop.
constexpr EventType kCycle[] = {EventType::BeforeInsert, EventType::AfterInsert, EventType::Set,
                                EventType::Init,         EventType::Load,        EventType::Expire,
                                EventType::BeforeUpdate, EventType::AfterUpdate};

double dispatchNs(Dispatcher &d, qint64 firings)
{
    QElapsedTimer t;
    t.start();
    quint32 object = 0;
    for (qint64 i = 0; i < firings; ++i) {
        const EventType type = kCycle[i & 7];
        if (d.isActive(type)) {
            Event e;
            e.type = type;
            e.classId = 1;
            e.objectId = ++object;
            d.fire(e);
        }
    }
    return double(t.nsecsElapsed()) / double(firings);
}

/// A connection of its own on the bench file, for the raw baselines.
class RawConnection
{
public:
    explicit RawConnection(const QString &path)
        : m_name(QStringLiteral("ms-bench-raw-") + QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    /// A name quoted by the driver.
    QString field(const char *name) const
    {
        return db().driver()->escapeIdentifier(QLatin1String(name), QSqlDriver::FieldName);
    }
    QString table(const char *name) const
    {
        return db().driver()->escapeIdentifier(QLatin1String(name), QSqlDriver::TableName);
    }

private:
    QString m_name;
};

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error {Bench::tr("%1: %2").arg(what, error.text()), {}};
}

/// Runs @p sql once per row 1..@p n in one transaction, @p bind setting
/// the row's values: the raw loop a Qt programmer would write.
template<typename Bind>
Result<double> rawLoop(const QString &what, QSqlDatabase db, const QString &sql, int n, Bind bind)
{
    QElapsedTimer t;
    t.start();
    if (!db.transaction())
        return sqlError(what, db.lastError());
    {
        QSqlQuery q(db);
        if (!q.prepare(sql))
            return sqlError(what, q.lastError());
        for (int i = 1; i <= n; ++i) {
            bind(q, i);
            if (!q.exec())
                return sqlError(what, q.lastError());
        }
    }
    if (!db.commit())
        return sqlError(what, db.lastError());
    return seconds(t);
}

} // namespace

const QList<Bench::Key> &Bench::keys()
{
    static const QList<Key> keys = {
        {"insert_s", "s", "<= 1.3 x raw_insert_s", "raw_insert_s", 1.3},
        {"load_s", "s", "<= 1.2 x raw_load_s", "raw_load_s", 1.2},
        {"update_s", "s", "<= 1.5 x raw_update_s", "raw_update_s", 1.5},
        {"delete_s", "s", "<= 1.5 x raw_delete_s", "raw_delete_s", 1.5},
        {"raw_insert_s", "s", nullptr, "floor_insert_s", 0},
        {"raw_load_s", "s", nullptr, "floor_load_s", 0},
        {"raw_update_s", "s", nullptr, nullptr, 0},
        {"raw_delete_s", "s", nullptr, nullptr, 0},
        {"raw_select_delete_s", "s", nullptr, "raw_delete_s", 0},
        {"floor_insert_s", "s", nullptr, nullptr, 0},
        {"floor_load_s", "s", nullptr, nullptr, 0},
        {"events", "", nullptr, nullptr, 0},
        {"dispatch_ns_empty", "ns", "< 5", nullptr, 0},
        {"dispatch_ns_one", "ns", "< 60", nullptr, 0},
        {"log_bytes_per_event", "B", "<= 48", nullptr, 0},
        {"peak_rss_bytes", "B", "< 200 MB", nullptr, 0},
    };
    return keys;
}

double Bench::ratio(const QJsonObject &figures, const Key &key)
{
    if (!key.baseline)
        return 0;
    const double base = figures.value(QLatin1String(key.baseline)).toDouble();
    return base > 0 ? figures.value(QLatin1String(key.name)).toDouble() / base : 0;
}

QJsonObject Bench::check(const QJsonObject &f)
{
    auto num = [&](const char *key) {
        return f.value(QLatin1String(key)).toDouble();
    };
    QJsonObject met {
        {QStringLiteral("dispatch_ns_empty"), num("dispatch_ns_empty") < 5},
        {QStringLiteral("dispatch_ns_one"), num("dispatch_ns_one") < 60},
        {QStringLiteral("log_bytes_per_event"), num("log_bytes_per_event") <= 48},
        {QStringLiteral("peak_rss_bytes"), num("peak_rss_bytes") < 200e6}, // the stricter reading of "200 MB"
    };
    for (const Key &key : keys()) {
        if (key.factor > 0)
            met.insert(QLatin1String(key.name), num(key.name) <= key.factor * num(key.baseline));
    }
    return met;
}

Result<QJsonObject> Bench::run(const Options &options,
                               const std::function<void(const QString &)> &progress)
{
    const int n = options.objects;
    if (n < 1)
        return Error {tr("--objects must be at least 1"), {}};
    auto step = [&](const QString &what) {
        if (progress)
            progress(what);
    };

    QTemporaryDir tmp;
    QString path = options.database;
    if (path.isEmpty()) {
        if (!tmp.isValid())
            return Error {tr("cannot make a temporary directory: %1").arg(tmp.errorString()), {}};
        path = tmp.filePath(QStringLiteral("bench.sqlite"));
    } else if (QFileInfo::exists(path)) {
        return Error {tr("%1 already exists; the bench creates its own file and removes it "
                         "afterwards, so give a path that does not exist")
                          .arg(path),
                      {}};
    }
    struct Remove
    {
        QString path;
        ~Remove()
        {
            for (const char *suffix : {"", "-journal", "-wal", "-shm"})
                QFile::remove(path + QLatin1String(suffix));
        }
    } removeAtEnd {path};

    QJsonObject out;
    out.insert(QStringLiteral("objects"), n);

    // ---- dispatch, before the workloads so that its log is gone by then.
    step(tr("dispatch"));
    {
        // enough firings to time (at 100,000 objects: 50 million and 2 million)
        const qint64 empty = std::clamp<qint64>(qint64(n) * 500, 1'000'000, 50'000'000);
        const qint64 one = std::clamp<qint64>(qint64(n) * 20, 100'000, 2'000'000);
        Dispatcher quiet;
        std::vector<double> runs;
        for (int r = 0; r < 5; ++r)
            runs.push_back(dispatchNs(quiet, empty));
        out.insert(QStringLiteral("dispatch_ns_empty"), median(runs));

        Dispatcher d;
        EventLog log;
        d.setRecorder(&log);
        log.defineClass(QStringLiteral("User"), {QStringLiteral("id")});
        qint64 calls = 0;
        for (EventType type : kCycle) {
            const ListenTarget target = eventInfo(type).target == TargetKind::Attribute
                ? ListenTarget::attributeOf(0, 0)
                : ListenTarget::mapper(0);
            (void)d.listen(target, type, [&calls](const Event &) { ++calls; });
        }
        runs.clear();
        for (int r = 0; r < 5; ++r) {
            log.clear();
            runs.push_back(dispatchNs(d, one));
        }
        if (calls != 5 * one)
            return Error {tr("dispatch: %1 listener calls for %2 firings").arg(calls).arg(5 * one),
                          {}};
        out.insert(QStringLiteral("dispatch_ns_one"), median(runs));
    }

    // ---- the ORM, recorded, with a listener on every hook of four categories.
    auto project = ProjectFile::parse(QByteArray(kProject));
    if (!project)
        return project.error();
    Dispatcher dispatcher;
    EventLog log;
    log.setCapacity(options.logLimit);
    dispatcher.setRecorder(&log);
    qint64 listenerCalls = 0;
    for (const EventInfo &info : eventCatalogue()) {
        switch (info.category) {
        case EventCategory::Session:
        case EventCategory::Mapper:
        case EventCategory::Instance:
        case EventCategory::Attribute:
            break;
        default:
            continue;
        }
        ListenTarget target = ListenTarget::session();
        if (info.target == TargetKind::Mapper)
            target = ListenTarget::mapper(0);
        else if (info.target == TargetKind::Attribute)
            target = ListenTarget::attributeOf(0, 0);
        else if (info.target != TargetKind::Session)
            continue;
        auto listened = dispatcher.listen(target, info.type,
                                          [&listenerCalls](const Event &) { ++listenerCalls; });
        if (!listened)
            return listened.error();
    }
    Registry registry(&dispatcher);
    if (auto mapped = registry.map(project->schema); !mapped)
        return mapped.error();
    DatabaseSettings settings;
    settings.driver = QStringLiteral("QSQLITE");
    settings.name = path;

    auto newSession = [&]() -> Result<std::unique_ptr<Session>> {
        auto s = std::make_unique<Session>(&registry, &dispatcher);
        if (auto opened = s->connection().open(settings); !opened)
            return opened.error();
        return s;
    };
    auto session = newSession();
    if (!session)
        return session.error();
    if (auto created = registry.createTables((*session)->connection().database()); !created)
        return created.error();

    const QString nameKey = QStringLiteral("name"), emailKey = QStringLiteral("email"),
                  ageKey = QStringLiteral("age"), scoreKey = QStringLiteral("score"),
                  userClass = QStringLiteral("User");
    QElapsedTimer t;

    // ---- raw insert: one prepared statement, one transaction. Qt 6.4
    // binds named placeholders faster than positional ones on SQLite; both
    // are timed, each into a table of its own, and the faster is the
    // baseline (raw_insert_named_s, raw_insert_positional_s).
    step(tr("raw insert"));
    {
        RawConnection raw(path);
        QSqlDatabase db = raw.db();
        if (!db.isOpen())
            return sqlError(tr("cannot open %1").arg(path), db.lastError());
        const auto insertInto = [&](const char *table, const QString &values) {
            return QStringLiteral("INSERT INTO %1 (%2, %3, %4, %5) VALUES (%6)")
                .arg(raw.table(table), raw.field("name"), raw.field("email"), raw.field("age"),
                     raw.field("score"), values);
        };
        const QString pName = QStringLiteral(":name"), pEmail = QStringLiteral(":email"),
                      pAge = QStringLiteral(":age"), pScore = QStringLiteral(":score");
        auto named = rawLoop(tr("raw insert"), db,
                             insertInto("raw_users", QStringLiteral(":name, :email, :age, :score")),
                             n, [&](QSqlQuery &q, int i) {
                                 q.bindValue(pName, nameOf(i));
                                 q.bindValue(pEmail, emailOf(i));
                                 q.bindValue(pAge, ageOf(i));
                                 q.bindValue(pScore, scoreOf(i));
                             });
        if (!named)
            return named.error();
        auto positional = rawLoop(tr("raw insert"), db,
                                  insertInto("raw_users_positional", QStringLiteral("?, ?, ?, ?")),
                                  n, [&](QSqlQuery &q, int i) {
                                      q.bindValue(0, nameOf(i));
                                      q.bindValue(1, emailOf(i));
                                      q.bindValue(2, ageOf(i));
                                      q.bindValue(3, scoreOf(i));
                                  });
        if (!positional)
            return positional.error();
        out.insert(QStringLiteral("raw_insert_named_s"), *named);
        out.insert(QStringLiteral("raw_insert_positional_s"), *positional);
        out.insert(QStringLiteral("raw_insert_s"), std::min(*named, *positional));

        step(tr("floor insert"));
        auto floor = benchfloor::insertRows(path, insertInto("floor_users", QStringLiteral("?, ?, ?, ?")), n);
        if (!floor)
            return floor.error();
        out.insert(QStringLiteral("floor_insert_s"), *floor);
    }

    // ---- insert: create, add, flush, commit.
    step(tr("insert"));
    {
        Session &s = **session;
        t.start();
        for (int i = 1; i <= n; ++i) {
            auto o = s.newObject(userClass, QStringLiteral("u%1").arg(i),
                                 QVariantMap {{nameKey, nameOf(i)},
                                              {emailKey, emailOf(i)},
                                              {ageKey, ageOf(i)},
                                              {scoreKey, scoreOf(i)}});
            if (!o)
                return o.error();
            if (auto added = s.add(*o); !added)
                return added.error();
        }
        if (auto flushed = s.flush(); !flushed)
            return flushed.error();
        if (auto committed = s.commit(); !committed)
            return committed.error();
        out.insert(QStringLiteral("insert_s"), seconds(t));
        session->reset();
    }

    // ---- load: a fresh session queries all N ordered by id.
    step(tr("load"));
    session = newSession();
    if (!session)
        return session.error();
    Session &s = **session;
    QList<Instance *> loaded;
    {
        t.start();
        auto rows = s.query(userClass, {}, QStringLiteral("id"));
        if (!rows)
            return rows.error();
        out.insert(QStringLiteral("load_s"), seconds(t));
        loaded = std::move(*rows);
        if (loaded.size() != n)
            return Error {tr("load: %1 objects instead of %2").arg(loaded.size()).arg(n), {}};
    }

    // ---- raw load: the same SELECT through a forward-only query.
    step(tr("raw load"));
    {
        RawConnection raw(path);
        QSqlDatabase db = raw.db();
        if (!db.isOpen())
            return sqlError(tr("cannot open %1").arg(path), db.lastError());
        const QString sql = QStringLiteral("SELECT %1, %2, %3, %4, %5 FROM %6 ORDER BY %1")
                                .arg(raw.field("id"), raw.field("name"), raw.field("email"),
                                     raw.field("age"), raw.field("score"), raw.table("users"));
        {
            t.start();
            QSqlQuery select(db);
            select.setForwardOnly(true);
            if (!select.exec(sql))
                return sqlError(tr("raw load"), select.lastError());
            std::vector<QVariantList> rows;
            while (select.next()) {
                QVariantList row;
                row.reserve(5);
                for (int c = 0; c < 5; ++c)
                    row.append(select.value(c));
                rows.push_back(std::move(row));
            }
            out.insert(QStringLiteral("raw_load_s"), seconds(t));
            if (qsizetype(rows.size()) != n)
                return Error {tr("raw load: %1 rows instead of %2").arg(rows.size()).arg(n), {}};
        }

        // ---- floor load: the same SELECT through the sqlite3 C API.
        step(tr("floor load"));
        auto floor = benchfloor::loadRows(path, sql, n);
        if (!floor)
            return floor.error();
        out.insert(QStringLiteral("floor_load_s"), *floor);
    }

    // ---- update: change score on all N, commit.
    step(tr("update"));
    {
        t.start();
        for (int i = 0; i < n; ++i) {
            if (auto set = s.set(loaded[i], scoreKey, scoreOf(i + 1) + 1.0); !set)
                return set.error();
        }
        if (auto committed = s.commit(); !committed)
            return committed.error();
        out.insert(QStringLiteral("update_s"), seconds(t));
    }

    // ---- raw update: the same change row by row, by primary key.
    step(tr("raw update"));
    {
        RawConnection raw(path);
        const QString pScore = QStringLiteral(":score"), pId = QStringLiteral(":id");
        auto updated = rawLoop(tr("raw update"), raw.db(),
                               QStringLiteral("UPDATE %1 SET %2 = :score WHERE %3 = :id")
                                   .arg(raw.table("raw_users"), raw.field("score"), raw.field("id")),
                               n, [&](QSqlQuery &q, int i) {
                                   q.bindValue(pScore, scoreOf(i) + 1.0);
                                   q.bindValue(pId, i);
                               });
        if (!updated)
            return updated.error();
        out.insert(QStringLiteral("raw_update_s"), *updated);
    }

    // ---- delete: delete all N, commit.
    step(tr("delete"));
    {
        t.start();
        for (Instance *o : std::as_const(loaded)) {
            if (auto removed = s.remove(o); !removed)
                return removed.error();
        }
        if (auto committed = s.commit(); !committed)
            return committed.error();
        out.insert(QStringLiteral("delete_s"), seconds(t));
        QSqlQuery count(s.connection().database());
        if (!count.exec(QStringLiteral("SELECT COUNT(*) FROM users")) || !count.next())
            return sqlError(tr("delete"), count.lastError());
        if (count.value(0).toInt() != 0)
            return Error {tr("delete: %1 rows left").arg(count.value(0).toInt()), {}};
    }

    // ---- raw delete: row by row, by primary key.
    step(tr("raw delete"));
    {
        RawConnection raw(path);
        const QString pId = QStringLiteral(":id");
        auto deleted = rawLoop(tr("raw delete"), raw.db(),
                               QStringLiteral("DELETE FROM %1 WHERE %2 = :id")
                                   .arg(raw.table("raw_users"), raw.field("id")),
                               n, [&](QSqlQuery &q, int i) { q.bindValue(pId, i); });
        if (!deleted)
            return deleted.error();
        out.insert(QStringLiteral("raw_delete_s"), *deleted);

        // ---- raw select+delete: the statements the ORM sends for the
        // expired objects the update's commit left (SQLAlchemy's too):
        // each row SELECTed by key, its values read, then DELETEd.
        step(tr("raw select+delete"));
        QSqlDatabase db = raw.db();
        t.start();
        if (!db.transaction())
            return sqlError(tr("raw select+delete"), db.lastError());
        {
            QSqlQuery select(db), remove(db);
            select.setForwardOnly(true);
            const QString table = raw.table("raw_users_positional");
            if (!select.prepare(QStringLiteral("SELECT %1, %2, %3, %4, %5 FROM %6 WHERE %1 = :id")
                                    .arg(raw.field("id"), raw.field("name"), raw.field("email"),
                                         raw.field("age"), raw.field("score"), table))
                || !remove.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = :id").arg(table, raw.field("id"))))
                return sqlError(tr("raw select+delete"), select.lastError().isValid() ? select.lastError()
                                                                                     : remove.lastError());
            QVariantList row(5);
            for (int i = 1; i <= n; ++i) {
                select.bindValue(pId, i);
                if (!select.exec() || !select.next())
                    return sqlError(tr("raw select+delete"), select.lastError());
                for (int c = 0; c < 5; ++c)
                    row[c] = select.value(c);
                select.finish();
                remove.bindValue(pId, i);
                if (!remove.exec())
                    return sqlError(tr("raw select+delete"), remove.lastError());
            }
        }
        if (!db.commit())
            return sqlError(tr("raw select+delete"), db.lastError());
        out.insert(QStringLiteral("raw_select_delete_s"), seconds(t));
    }

    out.insert(QStringLiteral("events"), log.size());
    out.insert(QStringLiteral("events_kept"), log.count());
    out.insert(QStringLiteral("listener_calls"), listenerCalls);
    out.insert(QStringLiteral("log_bytes_per_event"),
               double(log.memoryBytes()) / double(std::max<qsizetype>(1, log.count())));
    out.insert(QStringLiteral("peak_rss_bytes"), peakRss());
    const QJsonObject met = check(out);
    out.insert(QStringLiteral("targets_met"),
               std::all_of(met.begin(), met.end(), [](const QJsonValue &v) { return v.toBool(); }));
    session->reset();
    return out;
}

} // namespace ms
