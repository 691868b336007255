#include "project.h"

#include "events/eventtype.h"
#include "events/extension.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Project)
};

QString quoted(const QString &s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

enum class AttrKind { None, Column, Collection, Reference };

// What kind of attribute @p attr is on class @p classIdx, backrefs included.
AttrKind attributeKind(const Schema &schema, int classIdx, const QString &attr)
{
    if (classIdx < 0)
        return AttrKind::None;
    if (schema.classes[classIdx].columnIndex(attr) >= 0)
        return AttrKind::Column;
    const auto rels = schema.relationshipsOf(classIdx);
    for (const auto &rel : rels) {
        if (rel.name == attr)
            return rel.isCollection() ? AttrKind::Collection : AttrKind::Reference;
    }
    // A declared relationship that does not resolve is still an attribute;
    // validate() already reports why it does not resolve.
    return schema.classes[classIdx].relationshipIndex(attr) >= 0 ? AttrKind::Reference
                                                                 : AttrKind::None;
}

QStringList attributeNames(const Schema &schema, int classIdx)
{
    QStringList names;
    for (const auto &col : schema.classes[classIdx].columns)
        names << col.name;
    for (const auto &rel : schema.relationshipsOf(classIdx))
        names << rel.name;
    return names;
}

class ProjectValidator
{
public:
    explicit ProjectValidator(const Project &p) : m_project(p), m_schema(p.schema) {}

    Problems run()
    {
        m_problems = m_schema.validate();
        if (ming())
            checkMingModel();
        checkDatabase();
        checkSessions();
        for (int i = 0; i < m_project.listeners.size(); ++i)
            checkListener(i);
        QSet<QString> names;
        for (int i = 0; i < m_project.scenarios.size(); ++i) {
            const Scenario &s = m_project.scenarios[i];
            const QString path = QStringLiteral("scenarios[%1]").arg(i);
            if (s.name.trimmed().isEmpty())
                add(path + QStringLiteral(".name"), Tr::tr("a scenario needs a name"));
            else if (names.contains(s.name))
                add(path + QStringLiteral(".name"),
                    Tr::tr("scenario %1 is declared twice").arg(quoted(s.name)),
                    Tr::tr("rename one of them"));
            names.insert(s.name);
            checkScenario(i);
        }
        return m_problems;
    }

private:
    void add(const QString &path, const QString &message, const QString &hint = {})
    {
        m_problems.append(Problem{path, message, hint});
    }

    void checkDatabase()
    {
        const auto &db = m_project.database;
        if (db.driver != QLatin1String("QSQLITE") && db.driver != QLatin1String("QPSQL")) {
            add(QStringLiteral("database.driver"),
                Tr::tr("unsupported database driver %1").arg(quoted(db.driver)),
                Tr::tr("use QSQLITE (SQLite) or QPSQL (PostgreSQL)"));
        }
        if (db.name.isEmpty()) {
            add(QStringLiteral("database.name"), Tr::tr("no database name"),
                db.driver == QLatin1String("QPSQL")
                    ? Tr::tr("name the PostgreSQL database")
                    : Tr::tr("use \":memory:\" or the path of an SQLite file"));
        }
        if (db.port < 0 || db.port > 65535)
            add(QStringLiteral("database.port"), Tr::tr("port %1 is out of range").arg(db.port),
                Tr::tr("use 1 to 65535, or 0 for the driver's default"));
    }

    void checkSessions()
    {
        QSet<QString> names;
        for (int i = 0; i < m_project.sessions.size(); ++i) {
            const SessionDef &s = m_project.sessions[i];
            const QString path = QStringLiteral("sessions[%1]").arg(i);
            if (s.name.trimmed().isEmpty())
                add(path + QStringLiteral(".name"), Tr::tr("a session needs a name"),
                    Tr::tr("name it, such as \"A\" or \"B\""));
            else if (names.contains(s.name))
                add(path + QStringLiteral(".name"),
                    Tr::tr("session %1 is declared twice").arg(quoted(s.name)),
                    Tr::tr("rename one of them"));
            names.insert(s.name);
            if (!s.isolation.isEmpty() && !isolationLevels().contains(s.isolation))
                add(path + QStringLiteral(".isolation"),
                    Tr::tr("unknown isolation level %1").arg(quoted(s.isolation)),
                    Tr::tr("use one of %1").arg(isolationLevels().join(QStringLiteral(", "))));
        }
        if (m_project.sessions.size() > 250)
            add(QStringLiteral("sessions"),
                Tr::tr("%1 sessions; a project may name up to 250").arg(m_project.sessions.size()));
    }

    void checkListener(int i)
    {
        const ListenerDef &l = m_project.listeners[i];
        const QString path = QStringLiteral("listeners[%1]").arg(i);
        const auto type = eventTypeFromName(l.event);
        const QString extension = l.extra.value(QLatin1String("extension")).toString();
        if (!type) {
            add(path + QStringLiteral(".event"), Tr::tr("unknown hook %1").arg(quoted(l.event)),
                Tr::tr("run 'mapperscope-cli events' for the list of hooks"));
        } else if (!extension.isEmpty()) {
            checkExtension(path, l, *type);
        } else if (ming()) {
            add(path + QStringLiteral(".extension"),
                Tr::tr("a Ming project has no event.listen(): a listener is a method of an extension"),
                Tr::tr("name its extension (\"extension\": a class name such as \"Audit\")"));
        } else {
            checkTarget(path + QStringLiteral(".target"), eventInfo(*type), l.target);
        }
        if (l.action != QLatin1String("log") && l.action != QLatin1String("pause")
            && l.action != QLatin1String("set") && l.action != QLatin1String("raise")) {
            add(path + QStringLiteral(".action"), Tr::tr("unknown action %1").arg(quoted(l.action)),
                Tr::tr("use log, pause, set or raise"));
        }
        if (l.action == QLatin1String("set")
            && l.extra.value(QLatin1String("attr")).toString().isEmpty()) {
            add(path + QStringLiteral(".attr"), Tr::tr("a set listener names no attribute to set"),
                Tr::tr("add \"attr\": the attribute of the hook's object to assign"));
        }
    }

    bool ming() const { return m_project.session.orm == Orm::Ming; }

    // A Ming-style extension: a MapperExtension of a class, or the session's
    // SessionExtension ("session" or "*"), with the methods Ming has.
    void checkExtension(const QString &path, const ListenerDef &l, EventType type)
    {
        const bool session = l.target == QLatin1String("session") || l.target == QLatin1String("*");
        if (!session && m_schema.classIndex(l.target) < 0) {
            add(path + QStringLiteral(".target"),
                Tr::tr("an extension belongs to a class or to the session; %1 is neither")
                    .arg(quoted(l.target)),
                Tr::tr("use the name of a class (a MapperExtension) or \"session\" (a SessionExtension)"));
            return;
        }
        const QList<EventType> hooks = mingHooks(session);
        if (!hooks.contains(type)) {
            QStringList names;
            for (EventType h : hooks)
                names << eventName(h);
            add(path + QStringLiteral(".event"),
                session ? Tr::tr("a SessionExtension has no %1 method").arg(l.event)
                        : Tr::tr("a MapperExtension has no %1 method").arg(l.event),
                Tr::tr("use one of %1").arg(names.join(QStringLiteral(", "))));
            return;
        }
        if (l.action == QLatin1String("set") && eventInfo(type).target != TargetKind::Mapper)
            add(path + QStringLiteral(".action"),
                Tr::tr("%1 has no object to set an attribute of").arg(l.event),
                Tr::tr("use log, pause or raise"));
    }

    // What a Ming project cannot have: Ming maps one document per object,
    // keyed by one _id, with many-to-one and one-to-many relationships
    // over a foreign id, and one session.
    void checkMingModel()
    {
        for (int c = 0; c < m_schema.classes.size(); ++c) {
            const ClassDef &cls = m_schema.classes[c];
            const QString path = QStringLiteral("classes[%1]").arg(c);
            if (cls.primaryKeyIndexes().size() > 1)
                add(path, Tr::tr("%1 has a composite primary key; a Ming document has one _id").arg(cls.name),
                    Tr::tr("give it one primary key column"));
            for (int k = 0; k < cls.columns.size(); ++k) {
                if (cls.columns[k].versionCounter)
                    add(QStringLiteral("%1.columns[%2].versionCounter").arg(path).arg(k),
                        Tr::tr("Ming has no version counter"));
            }
            for (int r = 0; r < cls.relationships.size(); ++r) {
                const RelationshipDef &rel = cls.relationships[r];
                if (rel.kindName != QLatin1String("many-to-one") && rel.kindName != QLatin1String("one-to-many"))
                    add(QStringLiteral("%1.relationships[%2].kind").arg(path).arg(r),
                        Tr::tr("a Ming RelationProperty is many-to-one or one-to-many, not %1")
                            .arg(rel.kindName),
                        Tr::tr("use many-to-one or one-to-many"));
            }
        }
        if (m_project.sessions.size() > 1)
            add(QStringLiteral("sessions"), Tr::tr("a Ming project has one session"));
    }

    void checkTarget(const QString &path, const EventInfo &info, const QString &target)
    {
        const QString hook = QLatin1String(info.name);
        switch (info.target) {
        case TargetKind::None:
            add(path, Tr::tr("%1 is not a hook and cannot be listened to").arg(hook));
            return;
        case TargetKind::Session:
            if (target != QLatin1String("*") && target != QLatin1String("session"))
                add(path,
                    Tr::tr("%1 is a session hook; it cannot be listened to on %2")
                        .arg(hook, quoted(target)),
                    Tr::tr("use the target \"*\" (the session)"));
            return;
        case TargetKind::Mapper:
            if (target != QLatin1String("*") && m_schema.classIndex(target) < 0)
                add(path,
                    Tr::tr("%1 is a mapper hook; %2 is not a mapped class")
                        .arg(hook, quoted(target)),
                    Tr::tr("use \"*\" or the name of a class"));
            return;
        case TargetKind::Attribute:
            if (target == QLatin1String("*"))
                return;
            for (int c = 0; c < m_schema.classes.size(); ++c) {
                const QString prefix = m_schema.classes[c].name + QLatin1Char('.');
                if (target.startsWith(prefix)
                    && attributeKind(m_schema, c, target.mid(prefix.size())) != AttrKind::None)
                    return;
            }
            add(path,
                Tr::tr("%1 is an attribute hook; %2 is not a Class.attribute of this model")
                    .arg(hook, quoted(target)),
                Tr::tr("use \"*\" or a target such as \"User.name\""));
            return;
        }
    }

    // The class of the object a step names: a label from an earlier `new`,
    // or "Class#pk" for an object loaded from the database.
    int classOfRef(const QString &path, const QString &ref, const QHash<QString, int> &labels)
    {
        if (labels.contains(ref))
            return labels.value(ref);
        const int hash = ref.lastIndexOf(QLatin1Char('#'));
        if (hash > 0) {
            const int c = m_schema.classIndex(ref.left(hash));
            if (c >= 0)
                return c;
        }
        add(path,
            Tr::tr("%1 names no object: no earlier \"new\" step gave it that label")
                .arg(quoted(ref)),
            Tr::tr("use a label from a \"new\" step, or Class#id for a loaded object"));
        return -1;
    }

    int classOfStep(const QString &path, const QString &name)
    {
        const int c = m_schema.classIndex(name);
        if (c < 0)
            add(path + QStringLiteral(".class"), Tr::tr("unknown class %1").arg(quoted(name)));
        return c;
    }

    void checkColumns(const QString &path, int c, const std::optional<QVariantMap> &map)
    {
        if (c < 0 || !map)
            return;
        for (auto it = map->begin(); it != map->end(); ++it) {
            if (m_schema.classes[c].columnIndex(it.key()) < 0)
                add(path + QLatin1Char('.') + it.key(),
                    Tr::tr("%1 is not a column of %2").arg(quoted(it.key()), quoted(m_schema.classes[c].name)));
        }
    }

    void checkAttr(const QString &path, int c, const QString &attr, bool collection)
    {
        if (c < 0)
            return;
        const AttrKind kind = attributeKind(m_schema, c, attr);
        const QString cls = m_schema.classes[c].name;
        if (kind == AttrKind::None) {
            add(path,
                Tr::tr("%1 is not an attribute of %2").arg(quoted(attr), quoted(cls)),
                Tr::tr("use one of %1").arg(attributeNames(m_schema, c).join(QStringLiteral(", "))));
        } else if (collection && kind != AttrKind::Collection) {
            add(path, Tr::tr("%1.%2 is not a one-to-many collection").arg(cls, attr),
                Tr::tr("use \"set\" for columns, many-to-one and one-to-one references"));
        }
    }

    void checkScenario(int i)
    {
        QHash<QString, int> labels;
        const Scenario &s = m_project.scenarios[i];
        for (int k = 0; k < s.steps.size(); ++k) {
            const QString path = QStringLiteral("scenarios[%1].steps[%2]").arg(i).arg(k);
            checkStepSession(path, s.steps[k].session);
            if (ming())
                checkMingStep(path, s.steps[k]);
            std::visit([&](const auto &step) { check(path, step, labels); }, s.steps[k].action);
        }
    }

    // The operations Ming has: new, set, read, delete, flush, query, get,
    // bulk_delete (remove), bulk_update (update), expunge, close, refresh.
    void checkMingStep(const QString &path, const Step &step)
    {
        static const QStringList have {QStringLiteral("new"),       QStringLiteral("set"),
                                       QStringLiteral("read"),      QStringLiteral("delete"),
                                       QStringLiteral("flush"),     QStringLiteral("query"),
                                       QStringLiteral("get"),       QStringLiteral("bulk_delete"),
                                       QStringLiteral("bulk_update"), QStringLiteral("expunge"),
                                       QStringLiteral("close"),     QStringLiteral("refresh")};
        const QString op = step.op();
        if (std::holds_alternative<steps::Unplayable>(step.action))
            return;
        if (!have.contains(op)) {
            add(path + QStringLiteral(".op"),
                Tr::tr("Ming has no %1: a Ming session has no transactions, and its objects join "
                       "it when they are made")
                    .arg(quoted(op)),
                Tr::tr("use one of %1").arg(have.join(QStringLiteral(", "))));
            return;
        }
        if (step.noAutoflush)
            add(path + QStringLiteral(".noAutoflush"), Tr::tr("Ming has no no_autoflush block"));
        if (const auto *q = std::get_if<steps::Query>(&step.action)) {
            if (q->options && !q->options->isEmpty())
                add(path + QStringLiteral(".options"), Tr::tr("Ming has no loader options"));
            if (q->populateExisting.value_or(false))
                add(path + QStringLiteral(".populateExisting"), Tr::tr("Ming has no populate_existing"));
        }
        if (const auto *r = std::get_if<steps::Refresh>(&step.action); r && r->attrs)
            add(path + QStringLiteral(".attrs"),
                Tr::tr("Ming's refresh() loads the whole document again"), Tr::tr("leave out \"attrs\""));
    }

    void checkStepSession(const QString &path, const QString &session)
    {
        if (session.isEmpty())
            return;
        const auto &all = m_project.sessions;
        if (std::none_of(all.cbegin(), all.cend(), [&](const SessionDef &s) { return s.name == session; })) {
            QStringList names;
            for (const SessionDef &s : all)
                names << s.name;
            add(path + QStringLiteral(".session"),
                Tr::tr("no session %1 in this project").arg(quoted(session)),
                names.isEmpty() ? Tr::tr("name the project's sessions under \"sessions\"")
                                : Tr::tr("use one of %1").arg(names.join(QStringLiteral(", "))));
        }
    }

    void check(const QString &path, const steps::Unplayable &step, QHash<QString, int> &)
    {
        if (step.missing.isEmpty())
            add(path + QStringLiteral(".op"), Tr::tr("unknown operation %1").arg(quoted(step.op)),
                Tr::tr("use one of %1").arg(Step::opNames().join(QStringLiteral(", "))));
        for (const QString &field : step.missing)
            add(path, Tr::tr("step %1 needs %2").arg(quoted(step.op), quoted(field)));
    }

    void check(const QString &path, const steps::New &step, QHash<QString, int> &labels)
    {
        const int c = classOfStep(path, step.className);
        const QString &label = step.label;
        if (label.isEmpty())
            add(path + QStringLiteral(".as"), Tr::tr("the label is empty"));
        else if (labels.contains(label))
            add(path + QStringLiteral(".as"),
                Tr::tr("label %1 is already used by an earlier step").arg(quoted(label)),
                Tr::tr("give every new object a label of its own"));
        if (c >= 0 && step.values) {
            for (auto v = step.values->begin(); v != step.values->end(); ++v) {
                checkAttr(path + QStringLiteral(".values.") + v.key(), c, v.key(), false);
                checkValueRef(path + QStringLiteral(".values.") + v.key(), v.value(), labels);
            }
        }
        labels.insert(label, c);
    }

    // The steps that name an object: the object, then what they name of it.
    template<typename S>
    requires requires(S s) { s.ref; }
    void check(const QString &path, const S &step, QHash<QString, int> &labels)
    {
        const int c = classOfRef(path + QStringLiteral(".ref"), step.ref, labels);
        if constexpr (requires { step.attr; }) {
            constexpr bool collection
                = std::is_same_v<S, steps::Append> || std::is_same_v<S, steps::Remove>;
            checkAttr(path + QStringLiteral(".attr"), c, step.attr, collection);
        }
        if constexpr (requires { step.item; })
            classOfRef(path + QStringLiteral(".item"), step.item, labels);
        if constexpr (requires { step.value; })
            checkValueRef(path + QStringLiteral(".value"), step.value, labels);
        if constexpr (requires { step.attrs; }) {
            if (step.attrs)
                for (const QString &a : *step.attrs)
                    checkAttr(path + QStringLiteral(".attrs"), c, a, false);
        }
    }

    // A query's loader options: a relationship of the class each, and a
    // strategy SQLAlchemy has an option for.
    void checkOptions(const QString &path, int c, const QVariantMap &options)
    {
        const ClassDef &cls = m_schema.classes[c];
        const QList<ResolvedRelationship> rels = m_schema.relationshipsOf(c);
        for (auto it = options.cbegin(); it != options.cend(); ++it) {
            const auto rel = std::find_if(rels.cbegin(), rels.cend(), [&](const ResolvedRelationship &r) {
                return r.name == it.key();
            });
            const bool strategy = it.value().typeId() == QMetaType::QString
                && loadStrategyFromName(it.value().toString()).has_value();
            if (rel == rels.cend())
                add(path + QLatin1Char('.') + it.key(),
                    Tr::tr("%1 is not a relationship of %2").arg(quoted(it.key()), quoted(cls.name)),
                    Tr::tr("loader options name relationships of the queried class"));
            else if (!strategy)
                add(path + QLatin1Char('.') + it.key(),
                    Tr::tr("unknown loading strategy %1").arg(quoted(it.value().toString())),
                    Tr::tr("use one of SQLAlchemy's: %1").arg(loadStrategyNames().join(QStringLiteral(", "))));
        }
    }

    // The steps on a class: get, query and the bulk operations.
    template<typename S>
    requires requires(S s) { s.className; }
    void check(const QString &path, const S &step, QHash<QString, int> &)
    {
        const int c = classOfStep(path, step.className);
        if constexpr (requires { step.where; })
            checkColumns(path + QStringLiteral(".where"), c, step.where);
        if constexpr (std::is_same_v<S, steps::BulkUpdate>)
            checkColumns(path + QStringLiteral(".values"), c, step.values);
        if constexpr (std::is_same_v<S, steps::Query>) {
            if (c >= 0 && step.orderBy && m_schema.classes[c].columnIndex(*step.orderBy) < 0)
                add(path + QStringLiteral(".orderBy"),
                    Tr::tr("%1 is not a column of %2")
                        .arg(quoted(*step.orderBy), quoted(m_schema.classes[c].name)));
            if (c >= 0 && step.options)
                checkOptions(path + QStringLiteral(".options"), c, *step.options);
        }
    }

    // flush, commit, rollback, close: nothing to check.
    template<typename S> void check(const QString &, const S &, QHash<QString, int> &) { }

    void checkValueRef(const QString &path, const QVariant &value,
                       const QHash<QString, int> &labels)
    {
        if (value.metaType() == QMetaType::fromType<LabelRef>())
            classOfRef(path + QStringLiteral(".ref"), value.value<LabelRef>().label, labels);
    }

    const Project &m_project;
    const Schema &m_schema;
    Problems m_problems;
};

} // namespace

Problems Project::validate() const
{
    return ProjectValidator(*this).run();
}

} // namespace ms
