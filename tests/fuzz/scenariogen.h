// Random projects and scenarios for the differential fuzzer: a model of one
// of several shapes, and a scenario that uses every step operation on it,
// including steps that must fail. Deterministic for a seed.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <random>

namespace mstest {

class ScenarioGenerator
{
public:
    explicit ScenarioGenerator(quint32 seed) : m_rng(seed) {}

    /// A project (as its file's JSON) with one scenario named "fuzz"; @p shape
    /// is set to the model's shape, for the report.
    QJsonObject next(QString *shape = nullptr)
    {
        m_classes.clear();
        m_labels.clear();
        m_keyed.clear();
        m_exported = m_twoSessions = m_ming = false;
        QJsonArray classes;
        switch (pick(4)) {
        case 0:
            chain(2 + pick(3));
            break;
        case 1:
            tree();
            break;
        case 2:
            textKeys();
            break;
        default:
            flat();
        }
        for (const Cls &c : std::as_const(m_classes))
            classes.append(c.json);
        return project(classes, 1, shape);
    }

    /// A format version 8 project with one scenario named "fuzz", of a shape
    /// the reference script cannot express (it is played on the project's
    /// exported SQLAlchemy program): a one-to-one, two foreign keys to one
    /// class, a many-to-many, a composite key, or a chain; relationships loaded by a random strategy now and
    /// then, queries with loader options or populate_existing, the identity
    /// operations (expire_all, expunge_all, make_transient,
    /// make_transient_to_detached, merge), steps under no_autoflush, a version
    /// counter on one class in five, savepoints (begin_nested, and the
    /// innermost's commit or rollback) in about two steps in a hundred, and
    /// bulk statements without synchronization one time in three; one
    /// project in four has two sessions, A and B, B
    /// keeping its objects at a commit one time in two, and about a third
    /// of its steps in B.
    QJsonObject nextExported(QString *shape = nullptr)
    {
        m_classes.clear();
        m_labels.clear();
        m_keyed.clear();
        m_exported = true;
        m_ming = false;
        m_twoSessions = chance(25);
        switch (pick(5)) {
        case 0:
            oneToOne();
            break;
        case 1:
            twoKeys();
            break;
        case 2:
            manyToMany();
            break;
        case 3:
            compositeKey();
            break;
        default:
            chain(2 + pick(2));
        }
        QJsonArray classes;
        for (Cls &c : m_classes) {
            QJsonArray rels = c.json.value("relationships").toArray();
            for (qsizetype r = 0; r < rels.size(); ++r) {
                QJsonObject rel = rels.at(r).toObject();
                if (chance(50))
                    rel.insert("lazy", strategy());
                rels.replace(r, rel);
            }
            if (!rels.isEmpty())
                c.json.insert("relationships", rels);
            classes.append(c.json);
        }
        return project(classes, 8, shape);
    }

    /// A format version 10 Ming project ("orm": "ming") with one scenario
    /// named "fuzz", played on Ming itself (ming_reference.py): a chain, a
    /// tree, text keys or a flat class; one to three extensions (mapper or
    /// session) with random methods that log, and now and then raise or set
    /// the name; only the operations Ming has, a whole list assigned to a
    /// one-to-many, a value of the wrong type now and then, autoflush on one
    /// time in two.
    QJsonObject nextMing(QString *shape = nullptr)
    {
        m_classes.clear();
        m_labels.clear();
        m_keyed.clear();
        m_ming = true;
        m_exported = m_twoSessions = false;
        switch (pick(4)) {
        case 0:
            chain(2 + pick(2));
            break;
        case 1:
            tree();
            break;
        case 2:
            textKeys();
            break;
        default:
            flat();
        }
        QJsonArray classes;
        for (Cls &c : m_classes) {
            QJsonArray rels = c.json.value("relationships").toArray();
            for (qsizetype r = 0; r < rels.size(); ++r) {
                QJsonObject rel = rels.at(r).toObject();
                rel.remove("cascade"); // (Ming has none)
                rels.replace(r, rel);
            }
            if (!rels.isEmpty())
                c.json.insert("relationships", rels);
            classes.append(c.json);
        }
        QJsonObject out = project(classes, 10, shape);
        out.insert("orm", "ming");
        out.insert("session", QJsonObject {{"autoflush", chance(50)}});
        out.insert("listeners", mingListeners());
        return out;
    }

private:
    /// Ming extensions: listeners grouped by an extension name.
    QJsonArray mingListeners()
    {
        static const QStringList objectHooks {"before_insert", "after_insert", "before_update",
                                              "after_update", "before_delete", "after_delete"};
        const QStringList mapperHooks = objectHooks + QStringList {"before_remove", "after_remove"};
        const QStringList sessionHooks = mapperHooks
            + QStringList {"before_flush", "after_flush", "cursor_created", "before_cursor_next", "after_cursor_next"};
        QJsonArray out;
        const int extensions = 1 + pick(3);
        for (int e = 0; e < extensions; ++e) {
            const QString name = QStringLiteral("Ext%1").arg(e + 1);
            const bool session = chance(45);
            const QString target = session ? QStringLiteral("session") : oneOf(m_classes).name;
            const QStringList &hooks = session ? sessionHooks : mapperHooks;
            const int methods = 1 + pick(5);
            for (int k = 0; k < methods; ++k) {
                const QString hook = oneOf(hooks);
                QJsonObject l {{"event", hook}, {"target", target}, {"action", "log"}, {"extension", name}};
                const int roll = pick(100);
                if (roll < 5) {
                    l.insert("action", "raise");
                    l.insert("message", QStringLiteral("%1 refuses").arg(name));
                } else if (roll < 12 && objectHooks.contains(hook)) {
                    l.insert("action", "set");
                    l.insert("attr", "name");
                    l.insert("compute", chance(50) ? "upper" : "lower");
                    l.insert("of", "name");
                }
                out.append(l);
            }
        }
        return out;
    }

    /// A step of a Ming scenario: the operations Ming has.
    QJsonObject mingStep()
    {
        const bool any = !m_labels.isEmpty();
        const int roll = pick(100);
        if (!any || roll < 20)
            return newObject();
        const auto [label, className] = m_labels.at(pick(int(m_labels.size())));
        const Cls &c = cls(className);
        const Attr &attr = c.attrs.at(pick(int(c.attrs.size())));
        if (roll < 42) {
            QJsonValue value;
            if (attr.collection) {
                // a whole list: the children found let go, the listed ones taken
                QJsonArray items;
                const int n = pick(3);
                for (int i = 0; i < n; ++i) {
                    const QString item = labelOf(attr.target);
                    if (!item.isEmpty() && !items.contains(QJsonObject {{"ref", item}}))
                        items.append(QJsonObject {{"ref", item}});
                }
                value = items;
            } else if (attr.type.isEmpty()) {
                const QString other = labelOf(attr.target);
                value = other.isEmpty() || chance(15) ? QJsonValue(QJsonValue::Null) : QJsonObject {{"ref", other}};
            } else {
                value = columnValue(attr);
            }
            return {{"op", "set"}, {"ref", label}, {"attr", attr.name}, {"value", value}};
        }
        if (roll < 50)
            return {{"op", "read"}, {"ref", label}, {"attr", attr.name}};
        if (roll < 57)
            return {{"op", "delete"}, {"ref", label}};
        if (roll < 70)
            return {{"op", "flush"}};
        if (roll < 74)
            return {{"op", "expunge"}, {"ref", label}};
        if (roll < 77)
            return {{"op", "close"}};
        if (roll < 81)
            return {{"op", "refresh"}, {"ref", label}};
        const Cls &target = oneOf(m_classes);
        if (roll < 86)
            return {{"op", "get"}, {"class", target.name},
                    {"id", target.textKey ? QJsonValue(oneOf(QStringList {"fr", "de"})) : QJsonValue(1 + pick(4))}};
        if (roll < 94) {
            QJsonObject s {{"op", "query"}, {"class", target.name}};
            if (chance(40))
                s.insert("where", QJsonObject {{"name", oneOf(QStringList {"ada", "bob"})}});
            if (chance(30))
                s.insert("orderBy", "name");
            return s;
        }
        QJsonObject where {{"name", oneOf(QStringList {"ada", "bob", "cy"})}};
        if (roll < 97)
            return {{"op", "bulk_update"}, {"class", target.name}, {"where", where},
                    {"values", QJsonObject {{"name", oneOf(QStringList {"eve", "bob"})}}}};
        return {{"op", "bulk_delete"}, {"class", target.name}, {"where", where}};
    }

    /// The project of @p classes with a scenario of 6 to 27 steps.
    QJsonObject project(const QJsonArray &classes, int version, QString *shape)
    {
        if (shape)
            *shape = m_shape;
        QJsonArray steps;
        const int count = 6 + pick(22);
        for (int i = 0; i < count; ++i) {
            QJsonObject s = m_ming ? mingStep() : step();
            if (m_exported && chance(6))
                s.insert("noAutoflush", true);
            if (m_exported && m_twoSessions && chance(35))
                s.insert("session", "B");
            steps.append(s);
        }
        QJsonObject out {
            {"format", "mapperscope-project"},
            {"version", version},
            {"name", QStringLiteral("fuzz %1").arg(m_shape)},
            {"session", QJsonObject {{"autoflush", chance(75)}, {"expireOnCommit", chance(75)}}},
            {"classes", classes},
            {"scenarios", QJsonArray {QJsonObject {{"name", "fuzz"}, {"steps", steps}}}},
        };
        if (m_exported && m_twoSessions) {
            QJsonObject b {{"name", "B"}};
            if (chance(50))
                b.insert("expireOnCommit", false);
            out.insert("sessions", QJsonArray {QJsonObject {{"name", "A"}}, b});
        }
        return out;
    }

    struct Attr
    {
        QString name;
        QString type;         ///< a column's type; empty for a relationship
        bool nullable = true;
        bool unique = false;
        QString target {};    ///< a relationship's or foreign key's class
        bool collection = false;
        bool key = false;     ///< a column of a composite primary key
    };
    struct Cls
    {
        QString name;
        bool textKey = false;
        bool compositeKey = false; ///< its key: two foreign keys (an association object)
        QList<Attr> attrs;    ///< columns (without the key), then relationships, backrefs
        QJsonObject json;
    };

    int pick(int n) { return n <= 1 ? 0 : int(m_rng() % quint32(n)); }
    bool chance(int percent) { return pick(100) < percent; }
    template<typename T> const T &oneOf(const QList<T> &list) { return list.at(pick(int(list.size()))); }

    /// A loading strategy, raise and noload less often (they fail or hide).
    QString strategy()
    {
        return oneOf(QStringList {QStringLiteral("select"), QStringLiteral("joined"), QStringLiteral("selectin"),
                                  QStringLiteral("subquery"), QStringLiteral("joined"), QStringLiteral("selectin"),
                                  QStringLiteral("subquery"), QStringLiteral("raise"), QStringLiteral("noload")});
    }

    QString cascade()
    {
        return oneOf(QStringList {QString(), QStringLiteral("all"), QStringLiteral("all, delete-orphan"),
                                  QStringLiteral("save-update"), QStringLiteral("save-update, merge, delete"),
                                  QStringLiteral("save-update, delete, delete-orphan")});
    }

    static QJsonObject column(const QString &name, const QString &type, bool pk = false)
    {
        QJsonObject c {{"name", name}, {"type", type}};
        if (pk)
            c.insert("primaryKey", true);
        return c;
    }

    /// A class with its key and a name column (NOT NULL, unique or with a
    /// default now and then).
    Cls &addClass(const QString &name, bool textKey = false)
    {
        Cls c;
        c.name = name;
        c.textKey = textKey;
        QJsonArray columns {column(textKey ? "code" : "id", textKey ? "text" : "integer", true)};
        QJsonObject label = column("name", "text");
        Attr a {.name = "name", .type = "text"};
        if (chance(30)) {
            label.insert("nullable", false);
            a.nullable = false;
        }
        // (not in a Ming project: mim, Ming's in-memory MongoDB, drops a
        // unique index's entry when an update fails on it, so that saving
        // the duplicate again succeeds; the goldens cover unique indexes)
        if (chance(20) && !m_ming) {
            label.insert("unique", true);
            a.unique = true;
        }
        if (chance(20))
            label.insert("default", "unnamed");
        columns.append(label);
        c.attrs.append(a);
        if (m_exported && chance(20)) {
            // a version counter (format version 5), NOT NULL one time in two
            QJsonObject version = column("version", "integer");
            version.insert("versionCounter", true);
            const bool notNull = chance(50);
            if (notNull)
                version.insert("nullable", false);
            columns.append(version);
            c.attrs.append(Attr {.name = "version", .type = "integer", .nullable = !notNull});
        }
        c.json = QJsonObject {{"name", name}, {"table", name.toLower() + "s"}, {"columns", columns}};
        m_classes.append(c);
        return m_classes.last();
    }

    void addForeignKey(Cls &child, const Cls &parent, const QString &column, bool nullable)
    {
        QJsonObject fk = QJsonObject {{"name", column},
                                      {"type", parent.textKey ? "text" : "integer"},
                                      {"references", parent.name}};
        if (!nullable)
            fk.insert("nullable", false);
        QJsonArray columns = child.json.value("columns").toArray();
        columns.append(fk);
        child.json.insert("columns", columns);
        child.attrs.append(Attr {column, parent.textKey ? "text" : "integer", nullable, false, parent.name});
    }

    /// A one-to-many from @p parent to @p child, with its backref (declared
    /// on the parent) or the many-to-one declared on the child instead.
    /// @p foreignKey: the child's column it uses, named (foreign_keys=).
    void relate(Cls &parent, Cls &child, const QString &collection, const QString &scalar,
                const QString &foreignKey = QString())
    {
        const bool backref = chance(80);
        if (chance(75)) {
            QJsonObject rel {{"name", collection}, {"kind", "one-to-many"}, {"target", child.name}};
            if (!foreignKey.isEmpty())
                rel.insert("foreignKey", foreignKey);
            if (backref)
                rel.insert("backref", scalar);
            const QString c = cascade();
            if (!c.isEmpty())
                rel.insert("cascade", c);
            appendRelationship(parent, rel);
            parent.attrs.append(Attr {collection, {}, true, false, child.name, true});
            if (backref)
                child.attrs.append(Attr {scalar, {}, true, false, parent.name, false});
        } else {
            QJsonObject rel {{"name", scalar}, {"kind", "many-to-one"}, {"target", parent.name}};
            if (!foreignKey.isEmpty())
                rel.insert("foreignKey", foreignKey);
            if (backref)
                rel.insert("backref", collection);
            appendRelationship(child, rel);
            child.attrs.append(Attr {scalar, {}, true, false, parent.name, false});
            if (backref)
                parent.attrs.append(Attr {collection, {}, true, false, child.name, true});
        }
    }

    static void appendRelationship(Cls &c, const QJsonObject &rel)
    {
        QJsonArray rels = c.json.value("relationships").toArray();
        rels.append(rel);
        c.json.insert("relationships", rels);
    }

    void chain(int length)
    {
        m_shape = QStringLiteral("chain of %1").arg(length);
        static const char *names[] = {"Author", "Book", "Chapter", "Page"};
        for (int i = 0; i < length; ++i)
            addClass(QLatin1String(names[i]));
        for (int i = 1; i < length; ++i) {
            Cls &parent = m_classes[i - 1];
            Cls &child = m_classes[i];
            const QString fk = parent.name.toLower() + "_id";
            addForeignKey(child, parent, fk, !chance(25));
            relate(m_classes[i - 1], m_classes[i], child.name.toLower() + "s", parent.name.toLower());
        }
    }

    void tree()
    {
        m_shape = QStringLiteral("self-referential tree");
        addClass("Node");
        addForeignKey(m_classes[0], m_classes[0], "parent_id", true);
        Cls &node = m_classes[0];
        QJsonObject rel {{"name", "children"}, {"kind", "one-to-many"}, {"target", "Node"}};
        const bool backref = chance(70);
        if (backref)
            rel.insert("backref", "parent");
        rel.insert("cascade", oneOf(QStringList {QStringLiteral("all"), QStringLiteral("all, delete-orphan"),
                                                 QStringLiteral("save-update, merge")}));
        appendRelationship(node, rel);
        node.attrs.append(Attr {"children", {}, true, false, "Node", true});
        if (backref)
            node.attrs.append(Attr {"parent", {}, true, false, "Node", false});
    }

    void oneToOne()
    {
        m_shape = QStringLiteral("one-to-one");
        addClass("User");
        addClass("Profile");
        addForeignKey(m_classes[1], m_classes[0], "user_id", !chance(25));
        QJsonObject rel {{"name", "profile"}, {"kind", "one-to-one"}, {"target", "Profile"}};
        const bool backref = chance(80);
        if (backref)
            rel.insert("backref", "user");
        const QString c = cascade();
        if (!c.isEmpty())
            rel.insert("cascade", c);
        appendRelationship(m_classes[0], rel);
        m_classes[0].attrs.append(Attr {"profile", {}, true, false, "Profile", false});
        if (backref)
            m_classes[1].attrs.append(Attr {"user", {}, true, false, "User", false});
    }

    /// Post.tags, a many-to-many through post_tags, with its backref
    /// Tag.posts now and then (no delete-orphan: SQLAlchemy refuses it there).
    void manyToMany()
    {
        m_shape = QStringLiteral("many-to-many");
        addClass("Post");
        addClass("Tag", chance(25));
        QJsonObject rel {{"name", "tags"}, {"kind", "many-to-many"}, {"target", "Tag"}, {"secondary", "post_tags"}};
        const bool backref = chance(80);
        if (backref)
            rel.insert("backref", "posts");
        const QString c = oneOf(QStringList {QString(), QStringLiteral("all"), QStringLiteral("save-update"),
                                             QStringLiteral("save-update, merge, delete")});
        if (!c.isEmpty())
            rel.insert("cascade", c);
        appendRelationship(m_classes[0], rel);
        m_classes[0].attrs.append(Attr {"tags", {}, true, false, "Tag", true});
        if (backref)
            m_classes[1].attrs.append(Attr {"posts", {}, true, false, "Post", true});
    }

    /// Enrollment, keyed by its two foreign keys (student_id, course_id), an
    /// association object between Student and Course; now and then Grade,
    /// whose foreign key of two columns references it.
    void compositeKey()
    {
        m_shape = QStringLiteral("composite key");
        addClass("Student");
        addClass("Course");
        Cls e;
        e.name = "Enrollment";
        e.compositeKey = true;
        QJsonArray columns;
        for (const char *parent : {"Student", "Course"}) {
            const QString name = QString::fromLatin1(parent).toLower() + "_id";
            QJsonObject c = column(name, "integer", true);
            c.insert("references", QLatin1String(parent));
            columns.append(c);
            e.attrs.append(Attr {name, "integer", false, false, QLatin1String(parent), false, true});
        }
        columns.append(column("name", "text"));
        e.attrs.append(Attr {.name = "name", .type = "text"});
        e.json = QJsonObject {{"name", e.name}, {"table", "enrollments"}, {"columns", columns}};
        m_classes.append(e);
        relate(m_classes[0], m_classes[2], "enrollments", "student");
        relate(m_classes[1], m_classes[2], "enrollments", "course");
        if (chance(60)) {
            // Grade: a foreign key of two columns to Enrollment's key
            m_shape = QStringLiteral("composite key, and a foreign key to it");
            addClass("Grade");
            for (const char *column : {"student_id", "course_id"})
                addForeignKey(m_classes[3], m_classes[2], QLatin1String(column), !chance(25));
            relate(m_classes[2], m_classes[3], "grades", "enrollment");
        }
    }

    void twoKeys()
    {
        m_shape = QStringLiteral("two foreign keys to one class");
        addClass("User");
        addClass("Post");
        addForeignKey(m_classes[1], m_classes[0], "author_id", !chance(25));
        addForeignKey(m_classes[1], m_classes[0], "editor_id", true);
        relate(m_classes[0], m_classes[1], "posts", "author", "author_id");
        relate(m_classes[0], m_classes[1], "edited", "editor", "editor_id");
    }

    void textKeys()
    {
        m_shape = QStringLiteral("text keys");
        addClass("Country", true);
        addClass("City");
        addForeignKey(m_classes[1], m_classes[0], "country_code", !chance(30));
        relate(m_classes[0], m_classes[1], "cities", "country");
    }

    void flat()
    {
        m_shape = QStringLiteral("one class with defaults and constraints");
        Cls &item = addClass("Item");
        QJsonArray columns = item.json.value("columns").toArray();
        columns.append(QJsonObject {{"name", "qty"}, {"type", "integer"}, {"default", 0}});
        columns.append(QJsonObject {{"name", "price"}, {"type", "real"}});
        columns.append(QJsonObject {{"name", "active"}, {"type", "boolean"}, {"default", true}});
        QJsonObject sku {{"name", "sku"}, {"type", "text"}, {"nullable", false}};
        if (!m_ming)
            sku.insert("unique", true);
        columns.append(sku);
        item.json.insert("columns", columns);
        item.attrs.append(Attr {.name = "qty", .type = "integer"});
        item.attrs.append(Attr {.name = "price", .type = "real"});
        item.attrs.append(Attr {.name = "active", .type = "boolean"});
        item.attrs.append(Attr {.name = "sku", .type = "text", .nullable = false, .unique = !m_ming});
    }

    // ---- steps ----------------------------------------------------------

    const Cls &cls(const QString &name) const
    {
        for (const Cls &c : m_classes) {
            if (c.name == name)
                return c;
        }
        return m_classes.first();
    }

    QJsonValue columnValue(const Attr &a)
    {
        if (m_ming && chance(4)) // a value Ming's schema refuses
            return a.type == "text" ? QJsonValue(3) : QJsonValue(QStringLiteral("x"));
        if (a.nullable && chance(8))
            return QJsonValue::Null;
        if (!a.nullable && chance(4))
            return QJsonValue::Null; // fails at the flush
        if (!a.target.isEmpty()) // a foreign key typed in: a key that may exist
            return a.type == "text" ? QJsonValue(oneOf(QStringList {"fr", "de", "zz"})) : QJsonValue(1 + pick(3));
        if (a.type == "integer")
            return pick(5);
        if (a.type == "real")
            return pick(100) / 4.0;
        if (a.type == "boolean")
            return chance(50);
        // a small pool, so that unique columns collide now and then
        return oneOf(QStringList {"ada", "bob", "cy", "dee"});
    }

    /// A label of class @p className made by an earlier step, or empty.
    QString labelOf(const QString &className)
    {
        QStringList of;
        for (const auto &l : std::as_const(m_labels)) {
            if (l.second == className)
                of.append(l.first);
        }
        return of.isEmpty() ? QString() : oneOf(of);
    }

    QJsonObject step()
    {
        const bool any = !m_labels.isEmpty();
        const int roll = pick(100);
        if (!any || roll < 18)
            return newObject();
        const auto [label, className] = m_labels.at(pick(int(m_labels.size())));
        const Cls &c = cls(className);
        const Attr &attr = c.attrs.at(pick(int(c.attrs.size())));
        if (roll < 30)
            return {{"op", "add"}, {"ref", label}};
        if (roll < 45) {
            if (attr.collection) {
                const QString item = labelOf(attr.target);
                if (item.isEmpty())
                    return {{"op", "read"}, {"ref", label}, {"attr", attr.name}};
                return {{"op", chance(65) ? "append" : "remove"}, {"ref", label}, {"attr", attr.name}, {"item", item}};
            }
            QJsonValue value;
            if (attr.type.isEmpty()) {
                const QString other = labelOf(attr.target);
                value = other.isEmpty() || chance(15) ? QJsonValue(QJsonValue::Null) : QJsonObject {{"ref", other}};
            } else {
                value = columnValue(attr);
            }
            return {{"op", "set"}, {"ref", label}, {"attr", attr.name}, {"value", value}};
        }
        if (roll < 50)
            return {{"op", "read"}, {"ref", label}, {"attr", attr.name}};
        if (roll < 57)
            return {{"op", "delete"}, {"ref", label}};
        if (roll < 66)
            return {{"op", "flush"}};
        if (roll < 72) {
            if (m_exported && chance(40)) {
                const int which = pick(4);
                return {{"op", which < 2 ? "begin_nested" : which < 3 ? "commit_nested" : "rollback_nested"}};
            }
            return {{"op", "commit"}};
        }
        if (roll < 75)
            return {{"op", "rollback"}};
        if (roll < 80) {
            QJsonObject s {{"op", chance(60) ? "expire" : "refresh"}, {"ref", label}};
            if (chance(40))
                s.insert("attrs", QJsonArray {attr.name});
            return s;
        }
        if (roll < 83) {
            if (m_exported) {
                const int which = pick(10);
                if (which < 3)
                    return {{"op", "make_transient"}, {"ref", label}};
                // (only on an object made with its key: one whose key the
                // database gives has none until then, where SQLAlchemy makes
                // a key of None and Mapperscope refuses)
                if (which < 5 && m_keyed.contains(label))
                    return {{"op", "make_transient_to_detached"}, {"ref", label}};
                if (which < 6)
                    return {{"op", "expunge_all"}};
                if (which < 8) {
                    // session.merge(), without load one time in four
                    QJsonObject s {{"op", "merge"}, {"ref", label}};
                    if (chance(25))
                        s.insert("load", false);
                    return s;
                }
            }
            return {{"op", "expunge"}, {"ref", label}};
        }
        if (roll < 85)
            return {{"op", m_exported && chance(40) ? "expire_all" : "close"}};
        if (roll < 89) {
            const Cls &target = oneOf(m_classes);
            if (target.compositeKey)
                return {{"op", "get"}, {"class", target.name}, {"id", QJsonArray {1 + pick(3), 1 + pick(3)}}};
            return {{"op", "get"}, {"class", target.name},
                    {"id", target.textKey ? QJsonValue(oneOf(QStringList {"fr", "de"})) : QJsonValue(1 + pick(3))}};
        }
        const Cls &target = oneOf(m_classes);
        if (roll < 95) {
            QJsonObject s {{"op", "query"}, {"class", target.name}};
            if (m_exported && chance(50)) {
                // a loader option on one of its relationships
                QStringList rels;
                for (const Attr &a : target.attrs)
                    if (a.type.isEmpty())
                        rels << a.name;
                if (!rels.isEmpty())
                    s.insert("options", QJsonObject {{oneOf(rels), strategy()}});
            }
            if (chance(40))
                s.insert("where", QJsonObject {{"name", oneOf(QStringList {"ada", "bob"})}});
            if (chance(30))
                s.insert("orderBy", "name");
            if (m_exported && chance(20))
                s.insert("populateExisting", true);
            return s;
        }
        QJsonObject where {{"name", oneOf(QStringList {"ada", "bob", "cy"})}};
        if (roll < 98) {
            QJsonObject values {{"name", oneOf(QStringList {"eve", "bob"})}};
            // another writer moves a version counter on: an object outside
            // the session or expired keeps the old one, and its flush is stale
            for (const Attr &a : target.attrs)
                if (a.name == QLatin1String("version") && chance(50))
                    values.insert("version", 5 + pick(3));
            QJsonObject s {{"op", "bulk_update"}, {"class", target.name}, {"where", where}, {"values", values}};
            if (m_exported && chance(30))
                s.insert("synchronize", false); // the session left stale
            return s;
        }
        QJsonObject s {{"op", "bulk_delete"}, {"class", target.name}, {"where", where}};
        if (m_exported && chance(30))
            s.insert("synchronize", false);
        return s;
    }

    QJsonObject newObject()
    {
        const Cls &c = oneOf(m_classes);
        const QString label = c.name.left(1).toLower() + QString::number(++m_made);
        QJsonObject values;
        if (c.textKey)
            values.insert("code", oneOf(QStringList {"fr", "de", "it"}));
        else if ((m_exported || m_ming) && !c.compositeKey && chance(15))
            values.insert("id", 4 + pick(3)); // (above the keys the first INSERTs take)
        for (const Attr &a : c.attrs) {
            if (!chance(55))
                continue;
            if (a.collection)
                continue; // collections are appended to, one by one
            if (a.type.isEmpty()) {
                const QString other = labelOf(a.target);
                if (!other.isEmpty())
                    values.insert(a.name, QJsonObject {{"ref", other}});
            } else if (a.target.isEmpty() || chance(a.key ? 60 : 20)) {
                values.insert(a.name, columnValue(a));
            }
        }
        m_labels.append({label, c.name});
        bool keyed = values.contains("code") || values.contains("id");
        if (c.compositeKey) {
            keyed = true;
            for (const Attr &a : c.attrs)
                keyed = keyed && (!a.key || values.contains(a.name));
        }
        if (keyed)
            m_keyed.insert(label);
        QJsonObject s {{"op", "new"}, {"class", c.name}, {"as", label}};
        if (!values.isEmpty())
            s.insert("values", values);
        return s;
    }

    std::mt19937 m_rng;
    QList<Cls> m_classes;
    QList<QPair<QString, QString>> m_labels; ///< label, class
    QSet<QString> m_keyed; ///< labels of objects made with every key value
    QString m_shape;
    int m_made = 0;
    bool m_exported = false; ///< queries may carry loader options
    bool m_twoSessions = false; ///< an exported project of two sessions
    bool m_ming = false; ///< a Ming project: Ming's operations only
};

} // namespace mstest
