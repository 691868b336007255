#include "projectfile.h"

#include "core/writeall.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <climits>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ProjectFile)
};

const QLatin1String kFormat("mapperscope-project");

} // namespace

QString ProjectFile::describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return Tr::tr("null");
    case QJsonValue::Bool:
        return v.toBool() ? Tr::tr("true") : Tr::tr("false");
    case QJsonValue::Double:
        return Tr::tr("the number %1").arg(v.toDouble());
    case QJsonValue::String:
        return Tr::tr("the string \"%1\"").arg(v.toString().left(40));
    case QJsonValue::Array:
        return Tr::tr("an array");
    case QJsonValue::Object:
        return Tr::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return Tr::tr("nothing");
}

namespace {

// Walks the JSON tree, keeping the path of what it reads so that the first
// wrong value can be named. Keys a reader does not know go to `extra`.
class Reader
{
public:
    bool failed() const { return m_error.has_value(); }
    Error error() const { return *m_error; }

    void fail(const QString &path, const QString &message)
    {
        if (!m_error)
            m_error = Error{message, path};
    }

    QJsonObject object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject()) {
            fail(path, Tr::tr("expected an object, found %1").arg(ProjectFile::describe(v)));
            return {};
        }
        return v.toObject();
    }

    QJsonArray array(const QJsonObject &o, const char *key, const QString &path, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                fail(path, Tr::tr("missing \"%1\"").arg(QLatin1String(key)));
            return {};
        }
        if (!v.isArray()) {
            fail(join(path, key),
                 Tr::tr("expected an array, found %1").arg(ProjectFile::describe(v)));
            return {};
        }
        return v.toArray();
    }

    QString string(const QJsonObject &o, const char *key, const QString &path, bool required,
                   const QString &fallback = {})
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                fail(path, Tr::tr("missing \"%1\"").arg(QLatin1String(key)));
            return fallback;
        }
        if (!v.isString()) {
            fail(join(path, key),
                 Tr::tr("expected a string, found %1").arg(ProjectFile::describe(v)));
            return fallback;
        }
        return v.toString();
    }

    bool boolean(const QJsonObject &o, const char *key, const QString &path, bool fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            fail(join(path, key),
                 Tr::tr("expected true or false, found %1").arg(ProjectFile::describe(v)));
            return fallback;
        }
        return v.toBool();
    }

    int integer(const QJsonObject &o, const char *key, const QString &path, int fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        const double d = v.toDouble();
        if (!v.isDouble() || !isWholeNumber(d) || d < INT_MIN || d > INT_MAX) {
            fail(join(path, key),
                 Tr::tr("expected a whole number, found %1").arg(ProjectFile::describe(v)));
            return fallback;
        }
        return int(d);
    }

    static QJsonObject extra(const QJsonObject &o, std::initializer_list<const char *> known)
    {
        QJsonObject rest = o;
        for (const char *k : known)
            rest.remove(QLatin1String(k));
        return rest;
    }

    static QString join(const QString &path, const char *key)
    {
        return path.isEmpty() ? QLatin1String(key) : path + QLatin1Char('.') + QLatin1String(key);
    }
    static QString index(const QString &path, const char *key, qsizetype i)
    {
        return join(path, key) + QStringLiteral("[%1]").arg(i);
    }

    ColumnDef column(const QJsonValue &v, const QString &path)
    {
        ColumnDef c;
        const QJsonObject o = object(v, path);
        if (failed())
            return c;
        c.name = string(o, "name", path, true);
        c.typeName = string(o, "type", path, false, QStringLiteral("text"));
        c.primaryKey = boolean(o, "primaryKey", path, false);
        c.nullable = boolean(o, "nullable", path, !c.primaryKey);
        c.unique = boolean(o, "unique", path, false);
        c.defaultValue = o.value(QLatin1String("default"));
        c.references = string(o, "references", path, false);
        c.versionCounter = boolean(o, "versionCounter", path, false);
        c.extra = extra(o, {"name", "type", "primaryKey", "nullable", "unique", "default",
                            "references", "versionCounter"});
        return c;
    }

    RelationshipDef relationship(const QJsonValue &v, const QString &path)
    {
        RelationshipDef r;
        const QJsonObject o = object(v, path);
        if (failed())
            return r;
        r.name = string(o, "name", path, true);
        r.kindName = string(o, "kind", path, true);
        r.target = string(o, "target", path, true);
        r.backref = string(o, "backref", path, false);
        r.cascade = string(o, "cascade", path, false);
        r.foreignKey = string(o, "foreignKey", path, false); // format version 2
        r.lazy = string(o, "lazy", path, false);             // format version 3
        r.secondary = string(o, "secondary", path, false);   // format version 3
        r.extra = extra(o, {"name", "kind", "target", "backref", "cascade", "foreignKey", "lazy", "secondary"});
        return r;
    }

    ClassDef classDef(const QJsonValue &v, const QString &path)
    {
        ClassDef c;
        const QJsonObject o = object(v, path);
        if (failed())
            return c;
        c.name = string(o, "name", path, true);
        c.table = string(o, "table", path, false);
        const QJsonArray cols = array(o, "columns", path, true);
        for (qsizetype i = 0; i < cols.size() && !failed(); ++i)
            c.columns.append(column(cols[i], index(path, "columns", i)));
        const QJsonArray rels = array(o, "relationships", path, false);
        for (qsizetype i = 0; i < rels.size() && !failed(); ++i)
            c.relationships.append(relationship(rels[i], index(path, "relationships", i)));
        c.extra = extra(o, {"name", "table", "columns", "relationships"});
        return c;
    }

    DatabaseSettings database(const QJsonObject &root)
    {
        DatabaseSettings d;
        if (!root.contains(QLatin1String("database")))
            return d;
        const QString path = QStringLiteral("database");
        const QJsonObject o = object(root.value(QLatin1String("database")), path);
        if (failed())
            return d;
        d.driver = string(o, "driver", path, false, d.driver);
        d.name = string(o, "name", path, false, d.name);
        d.host = string(o, "host", path, false);
        d.port = integer(o, "port", path, 0);
        d.user = string(o, "user", path, false);
        d.password = string(o, "password", path, false);
        d.savePassword = !d.password.isEmpty(); // it was written because the user asked
        d.extra = extra(o, {"driver", "name", "host", "port", "user", "password"});
        return d;
    }

    SessionOptions session(const QJsonObject &root)
    {
        SessionOptions s;
        // format version 10: the ORM. Ming's ODMSession does not autoflush
        // unless asked (autoflush=False is its default).
        const QString orm = string(root, "orm", {}, false, QStringLiteral("sqlalchemy"));
        if (orm == QLatin1String("ming")) {
            s.orm = Orm::Ming;
            s.autoflush = false;
        } else if (orm != QLatin1String("sqlalchemy")) {
            fail(QStringLiteral("orm"),
                 Tr::tr("unknown ORM %1 (use \"sqlalchemy\" or \"ming\")").arg(ProjectFile::describe(root.value(QLatin1String("orm")))));
            return s;
        }
        if (!root.contains(QLatin1String("session")))
            return s;
        const QString path = QStringLiteral("session");
        const QJsonObject o = object(root.value(QLatin1String("session")), path);
        if (failed())
            return s;
        s.autoflush = boolean(o, "autoflush", path, s.autoflush);
        s.expireOnCommit = boolean(o, "expireOnCommit", path, true);
        s.extra = extra(o, {"autoflush", "expireOnCommit"});
        return s;
    }

    SessionDef sessionDef(const QJsonValue &v, const QString &path)
    {
        SessionDef s;
        const QJsonObject o = object(v, path);
        if (failed())
            return s;
        s.name = string(o, "name", path, true);
        if (o.contains(QLatin1String("autoflush")))
            s.autoflush = boolean(o, "autoflush", path, true);
        if (o.contains(QLatin1String("expireOnCommit")))
            s.expireOnCommit = boolean(o, "expireOnCommit", path, true);
        s.isolation = string(o, "isolation", path, false);
        s.extra = extra(o, {"name", "autoflush", "expireOnCommit", "isolation"});
        return s;
    }

    ListenerDef listener(const QJsonValue &v, const QString &path)
    {
        ListenerDef l;
        const QJsonObject o = object(v, path);
        if (failed())
            return l;
        l.event = string(o, "event", path, true);
        l.target = string(o, "target", path, false, l.target);
        l.action = string(o, "action", path, false, l.action);
        l.extra = extra(o, {"event", "target", "action"});
        return l;
    }

    Scenario scenario(const QJsonValue &v, const QString &path)
    {
        Scenario s;
        const QJsonObject o = object(v, path);
        if (failed())
            return s;
        s.name = string(o, "name", path, true);
        const QJsonArray steps = array(o, "steps", path, true);
        for (qsizetype i = 0; i < steps.size() && !failed(); ++i) {
            const QString stepPath = index(path, "steps", i);
            const QJsonObject json = object(steps[i], stepPath);
            if (failed())
                break;
            QString error;
            QString key;
            const Step step = Step::fromJson(json, &error, &key);
            if (!error.isEmpty()) {
                fail(key.isEmpty() ? stepPath : stepPath + QLatin1Char('.') + key, error);
                break;
            }
            s.steps.append(step);
        }
        s.extra = extra(o, {"name", "steps"});
        return s;
    }

    Project project(const QJsonObject &root)
    {
        Project p;
        const QJsonValue format = root.value(QLatin1String("format"));
        if (format.toString() != kFormat) {
            fail({},
                 format.isUndefined()
                     ? Tr::tr("not a Mapperscope project: the \"format\" key is missing")
                     : Tr::tr("not a Mapperscope project: \"format\" is %1, not \"%2\"")
                           .arg(ProjectFile::describe(format), kFormat));
            return p;
        }
        const QJsonValue version = root.value(QLatin1String("version"));
        if (version.isUndefined()) {
            fail(QStringLiteral("version"), Tr::tr("missing format version"));
            return p;
        }
        const double v = version.toDouble();
        if (!version.isDouble() || !isWholeNumber(v) || v < 1) {
            fail(QStringLiteral("version"),
                 Tr::tr("expected a format version number, found %1")
                     .arg(ProjectFile::describe(version)));
            return p;
        }
        if (v > ProjectFile::currentVersion) {
            fail(QStringLiteral("version"),
                 Tr::tr("this project was saved in format version %1 by a newer Mapperscope; "
                        "this version reads format versions 1 to %2. Open it with a newer Mapperscope.")
                     .arg(qint64(v))
                     .arg(ProjectFile::currentVersion));
            return p;
        }
        p.name = string(root, "name", {}, false);
        p.description = string(root, "description", {}, false); // format version 9
        p.database = database(root);
        p.session = session(root);
        const QJsonArray sessions = array(root, "sessions", {}, false); // format version 7
        for (qsizetype i = 0; i < sessions.size() && !failed(); ++i)
            p.sessions.append(sessionDef(sessions[i], index({}, "sessions", i)));
        const QJsonArray classes = array(root, "classes", {}, false);
        for (qsizetype i = 0; i < classes.size() && !failed(); ++i)
            p.schema.classes.append(classDef(classes[i], index({}, "classes", i)));
        const QJsonArray listeners = array(root, "listeners", {}, false);
        for (qsizetype i = 0; i < listeners.size() && !failed(); ++i)
            p.listeners.append(listener(listeners[i], index({}, "listeners", i)));
        const QJsonArray scenarios = array(root, "scenarios", {}, false);
        for (qsizetype i = 0; i < scenarios.size() && !failed(); ++i)
            p.scenarios.append(scenario(scenarios[i], index({}, "scenarios", i)));
        if (root.contains(QLatin1String("view")))
            p.view = object(root.value(QLatin1String("view")), QStringLiteral("view"));
        p.extra = extra(root, {"format", "version", "name", "description", "orm", "database", "session", "sessions", "classes",
                               "listeners", "scenarios", "view"});
        return p;
    }

private:
    std::optional<Error> m_error;
};

// "line L, column C" of a byte offset, columns counted in characters.
QString position(const QByteArray &data, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, data.size());
    const qsizetype lineStart = data.lastIndexOf('\n', offset - 1) + 1;
    const qsizetype line = data.left(lineStart).count('\n') + 1;
    const qsizetype column = QString::fromUtf8(data.mid(lineStart, offset - lineStart)).size() + 1;
    return Tr::tr("line %1, column %2").arg(line).arg(column);
}

QJsonObject toJson(const ColumnDef &c)
{
    QJsonObject o = c.extra;
    o.insert(QLatin1String("name"), c.name);
    o.insert(QLatin1String("type"), c.typeName);
    if (c.primaryKey)
        o.insert(QLatin1String("primaryKey"), true);
    if (c.nullable != !c.primaryKey)
        o.insert(QLatin1String("nullable"), c.nullable);
    if (c.unique)
        o.insert(QLatin1String("unique"), true);
    if (c.hasDefault())
        o.insert(QLatin1String("default"), c.defaultValue);
    if (!c.references.isEmpty())
        o.insert(QLatin1String("references"), c.references);
    if (c.versionCounter)
        o.insert(QLatin1String("versionCounter"), true);
    return o;
}

QJsonObject toJson(const RelationshipDef &r)
{
    QJsonObject o = r.extra;
    o.insert(QLatin1String("name"), r.name);
    o.insert(QLatin1String("kind"), r.kindName);
    o.insert(QLatin1String("target"), r.target);
    if (!r.backref.isEmpty())
        o.insert(QLatin1String("backref"), r.backref);
    if (!r.cascade.isEmpty())
        o.insert(QLatin1String("cascade"), r.cascade);
    if (!r.foreignKey.isEmpty())
        o.insert(QLatin1String("foreignKey"), r.foreignKey);
    if (!r.lazy.isEmpty())
        o.insert(QLatin1String("lazy"), r.lazy);
    if (!r.secondary.isEmpty())
        o.insert(QLatin1String("secondary"), r.secondary);
    return o;
}

QJsonObject toJson(const ClassDef &c)
{
    QJsonObject o = c.extra;
    o.insert(QLatin1String("name"), c.name);
    if (!c.table.isEmpty())
        o.insert(QLatin1String("table"), c.table);
    QJsonArray cols;
    for (const auto &col : c.columns)
        cols.append(toJson(col));
    o.insert(QLatin1String("columns"), cols);
    if (!c.relationships.isEmpty()) {
        QJsonArray rels;
        for (const auto &r : c.relationships)
            rels.append(toJson(r));
        o.insert(QLatin1String("relationships"), rels);
    }
    return o;
}

} // namespace

Result<Project> ProjectFile::parse(const QByteArray &input)
{
    QByteArray data = input;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    if (data.trimmed().isEmpty())
        return Error{Tr::tr("the file is empty"), {}};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{Tr::tr("not valid JSON: %1").arg(parseError.errorString()),
                     position(data, parseError.offset)};
    }
    if (!doc.isObject())
        return Error{Tr::tr("not a Mapperscope project: the file holds a JSON array, not an object"),
                     {}};
    Reader reader;
    Project project = reader.project(doc.object());
    if (reader.failed())
        return reader.error();
    return project;
}

Result<Project> ProjectFile::read(const QString &path)
{
    QFile file(path);
    const QFileInfo info(path);
    if (info.isDir())
        return Error{Tr::tr("is a folder, not a project file"), path};
    if (!file.open(QIODevice::ReadOnly))
        return Error{Tr::tr("cannot open: %1").arg(file.errorString()), path};
    if (file.size() > maximumSize)
        return Error{Tr::tr("the file is %1 MB; project files are at most %2 MB")
                         .arg(file.size() / (1024 * 1024))
                         .arg(maximumSize / (1024 * 1024)),
                     path};
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error{Tr::tr("cannot read: %1").arg(file.errorString()), path};
    auto result = parse(data);
    if (!result.ok()) {
        const Error &e = result.error();
        return Error{e.message, e.where.isEmpty() ? path : path + QStringLiteral(": ") + e.where};
    }
    return result;
}

QByteArray ProjectFile::serialize(const Project &p)
{
    QJsonObject root = p.extra;
    root.insert(QLatin1String("format"), kFormat);
    root.insert(QLatin1String("version"), currentVersion);
    root.insert(QLatin1String("name"), p.name);
    if (!p.description.isEmpty())
        root.insert(QLatin1String("description"), p.description);
    if (p.session.orm != Orm::SqlAlchemy)
        root.insert(QLatin1String("orm"), ormName(p.session.orm));

    QJsonObject db = p.database.extra;
    db.insert(QLatin1String("driver"), p.database.driver);
    db.insert(QLatin1String("name"), p.database.name);
    if (!p.database.host.isEmpty())
        db.insert(QLatin1String("host"), p.database.host);
    if (p.database.port != 0)
        db.insert(QLatin1String("port"), p.database.port);
    if (!p.database.user.isEmpty())
        db.insert(QLatin1String("user"), p.database.user);
    if (p.database.savePassword && !p.database.password.isEmpty())
        db.insert(QLatin1String("password"), p.database.password);
    root.insert(QLatin1String("database"), db);

    QJsonObject session = p.session.extra;
    session.insert(QLatin1String("autoflush"), p.session.autoflush);
    session.insert(QLatin1String("expireOnCommit"), p.session.expireOnCommit);
    root.insert(QLatin1String("session"), session);

    if (!p.sessions.isEmpty()) {
        QJsonArray sessions;
        for (const SessionDef &s : p.sessions) {
            QJsonObject o = s.extra;
            o.insert(QLatin1String("name"), s.name);
            if (s.autoflush)
                o.insert(QLatin1String("autoflush"), *s.autoflush);
            if (s.expireOnCommit)
                o.insert(QLatin1String("expireOnCommit"), *s.expireOnCommit);
            if (!s.isolation.isEmpty())
                o.insert(QLatin1String("isolation"), s.isolation);
            sessions.append(o);
        }
        root.insert(QLatin1String("sessions"), sessions);
    }

    QJsonArray classes;
    for (const auto &c : p.schema.classes)
        classes.append(toJson(c));
    root.insert(QLatin1String("classes"), classes);

    QJsonArray listeners;
    for (const auto &l : p.listeners) {
        QJsonObject o = l.extra;
        o.insert(QLatin1String("event"), l.event);
        o.insert(QLatin1String("target"), l.target);
        o.insert(QLatin1String("action"), l.action);
        listeners.append(o);
    }
    root.insert(QLatin1String("listeners"), listeners);

    QJsonArray scenarios;
    for (const auto &s : p.scenarios) {
        QJsonObject o = s.extra;
        o.insert(QLatin1String("name"), s.name);
        QJsonArray steps;
        for (const Step &step : s.steps)
            steps.append(step.toJson());
        o.insert(QLatin1String("steps"), steps);
        scenarios.append(o);
    }
    root.insert(QLatin1String("scenarios"), scenarios);
    root.insert(QLatin1String("view"), p.view);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<void> ProjectFile::write(const Project &project, const QString &path)
{
    QSaveFile file(path);
    // Unbuffered: a disk that fills up mid-file must fail the save, not
    // commit a truncated file (see writeAll()).
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return Error{Tr::tr("cannot write: %1").arg(file.errorString()), path};
    const QByteArray data = serialize(project);
    if (!writeAll(&file, data)) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return Error{Tr::tr("cannot write: %1").arg(reason), path};
    }
    if (!file.commit())
        return Error{Tr::tr("cannot save: %1").arg(file.errorString()), path};
    return {};
}

} // namespace ms
