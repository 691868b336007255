#pragma once
// What the engine's session tests share: the projects they map, a fixture
// that opens a session on the test database, and a recording extension.
#include "events/extension.h"
#include "orm/session.h"
#include "live/listeneractions.h"
#include "project/projectfile.h"
#include "live/stepper.h"
#include "live/scenariorunner.h"
#include "listenerdef.h"
#include "testdb.h"

#include <QtTest>

namespace mstest::session {

using namespace ms;

inline const char *const kProject = R"({
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
inline const char *const kHostileProject = R"({
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
inline const char *const kNotesProject = R"({
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

} // namespace mstest::session
