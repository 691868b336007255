#include "renaming.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Renaming)
};

const QLatin1String kAttr("attr");
const QLatin1String kOf("of");

/// Every attribute name of class @p cls: its columns, its relationships and
/// the attributes other classes' backrefs create on it.
QStringList attributeNames(const Schema &schema, int cls)
{
    QStringList names;
    const ClassDef &c = schema.classes.at(cls);
    for (const ColumnDef &col : c.columns)
        names.append(col.name);
    for (const RelationshipDef &rel : c.relationships)
        names.append(rel.name);
    for (const ResolvedRelationship &rel : schema.relationshipsOf(cls)) {
        if (!rel.declared)
            names.append(rel.name);
    }
    return names;
}

/// The class a listener's target names: "User" or "User.name" (the first
/// class whose name is followed by one of its attributes, as the validator
/// reads it; class names may hold dots), or -1 for "*", the session or none.
int classOfTarget(const Schema &schema, const QString &target, QString *attr = nullptr)
{
    const int whole = schema.classIndex(target);
    if (whole >= 0)
        return whole;
    int loose = -1;
    for (int c = 0; c < schema.classes.size(); ++c) {
        const QString &name = schema.classes.at(c).name;
        if (name.isEmpty() || !target.startsWith(name + QLatin1Char('.'))
            || schema.classIndex(name) != c)
            continue;
        const QString rest = target.mid(name.size() + 1);
        if (attributeNames(schema, c).contains(rest)) {
            if (attr)
                *attr = rest;
            return c;
        }
        if (loose < 0) {
            loose = c;
            if (attr)
                *attr = rest;
        }
    }
    return loose;
}

/// Walks every step of every scenario knowing the class of the object (or
/// the class) each one concerns, as the validator resolves them: a label
/// from an earlier `new` step, or `Class#pk` for an object loaded from the
/// database. The classes are those of @p schema (the project before the
/// rename). @p visit gets the step's typed operation (a step this version
/// cannot play is left as it was read).
template<typename Visit> void forEachStep(const Schema &schema, QList<Scenario> &scenarios,
                                          Visit visit)
{
    for (Scenario &scenario : scenarios) {
        QHash<QString, int> labels;
        const auto classOfRef = [&](const QString &ref) {
            if (const auto it = labels.constFind(ref); it != labels.cend())
                return it.value();
            const int hash = int(ref.lastIndexOf(QLatin1Char('#')));
            return hash > 0 ? schema.classIndex(ref.left(hash)) : -1;
        };
        for (Step &step : scenario.steps) {
            std::visit(
                [&](auto &s) {
                    using S = std::decay_t<decltype(s)>;
                    if constexpr (!std::is_same_v<S, steps::Unplayable>) {
                        int stepClass = -1;
                        int refClass = -1;
                        if constexpr (requires { s.className; })
                            stepClass = schema.classIndex(s.className);
                        if constexpr (requires { s.ref; })
                            refClass = classOfRef(s.ref);
                        visit(s, stepClass, refClass, std::as_const(labels));
                        if constexpr (std::is_same_v<S, steps::New>)
                            labels.insert(s.label, stepClass);
                    }
                },
                step.action);
        }
    }
}

/// A map with key @p from renamed to @p to (when it has it).
template<typename Map> bool renameKey(Map &map, const QString &from, const QString &to)
{
    if (!map.contains(from) || map.contains(to))
        return false;
    map.insert(to, map.take(from));
    return true;
}

/// Renames key @p from of @p map, when there is a map.
void renameKeyIn(std::optional<QVariantMap> &map, const QString &from, const QString &to)
{
    if (map)
        renameKey(*map, from, to);
}

/// Every listener, scenario step and listener action that names attribute
/// @p from of class @p cls (of @p before, the project before the rename)
/// names @p to in @p p.
void renameAttributeReferences(const Project &before, Project &p, int cls, const QString &from,
                               const QString &to)
{
    const Schema &schema = before.schema;
    for (ListenerDef &l : p.listeners) {
        QString attr;
        const int target = classOfTarget(schema, l.target, &attr);
        if (target != cls)
            continue;
        if (attr == from)
            l.target = schema.classes.at(cls).name + QLatin1Char('.') + to;
        // A set action assigns an attribute of the hook's object, computed
        // from another ("of").
        for (QLatin1String key : {kAttr, kOf}) {
            if (l.extra.value(key).toString() == from)
                l.extra.insert(key, to);
        }
    }
    forEachStep(schema, p.scenarios,
                [&](auto &step, int stepClass, int refClass, const QHash<QString, int> &) {
                    using S = std::decay_t<decltype(step)>;
                    if (stepClass == cls) {
                        if constexpr (std::is_same_v<S, steps::New>)
                            renameKeyIn(step.values, from, to);
                        if constexpr (std::is_same_v<S, steps::BulkUpdate>)
                            renameKey(step.values, from, to);
                        if constexpr (requires { step.where; })
                            renameKeyIn(step.where, from, to);
                        if constexpr (std::is_same_v<S, steps::Query>) {
                            if (step.orderBy == from)
                                step.orderBy = to;
                            renameKeyIn(step.options, from, to);
                        }
                    }
                    if (refClass == cls) {
                        if constexpr (requires { step.attr; }) {
                            if (step.attr == from)
                                step.attr = to;
                        }
                        if constexpr (requires { step.attrs; }) {
                            if (step.attrs) {
                                for (QString &a : *step.attrs) {
                                    if (a == from)
                                        a = to;
                                }
                            }
                        }
                    }
                });
}

} // namespace

QString Renaming::classNameProblem(const Schema &schema, int cls, const QString &name)
{
    if (name.trimmed().isEmpty())
        return Tr::tr("a class needs a name");
    for (int c = 0; c < schema.classes.size(); ++c) {
        if (c != cls && schema.classes.at(c).name == name)
            return Tr::tr("there is already a class named \"%1\"").arg(name);
    }
    return {};
}

QString Renaming::attributeNameProblem(const Schema &schema, int cls, const QString &current,
                                       const QString &name)
{
    if (name.trimmed().isEmpty())
        return Tr::tr("an attribute needs a name");
    if (name != current && attributeNames(schema, cls).contains(name))
        return Tr::tr("%1 already has an attribute named \"%2\"")
            .arg(schema.classes.at(cls).name, name);
    return {};
}

Project Renaming::renameClass(Project p, int cls, const QString &name)
{
    const Project before = p;
    const Schema &schema = before.schema;
    const QString old = schema.classes.at(cls).name;
    p.schema.classes[cls].name = name;
    // Only a name that points at this class is carried along: an empty one
    // names no class, and a duplicate (a file loaded with problems) points
    // at the first class of that name.
    if (old.isEmpty() || schema.classIndex(old) != cls)
        return p;
    for (ClassDef &c : p.schema.classes) {
        for (RelationshipDef &r : c.relationships) {
            if (r.target == old)
                r.target = name;
        }
        for (ColumnDef &col : c.columns) {
            if (col.references == old)
                col.references = name;
        }
    }
    for (ListenerDef &l : p.listeners) {
        if (l.target == old) {
            l.target = name;
        } else {
            QString attr;
            if (classOfTarget(schema, l.target, &attr) == cls)
                l.target = name + QLatin1Char('.') + attr;
        }
    }
    // A loaded object's label is "Class#pk"; one made by a `new` step is the
    // user's own word and stays.
    forEachStep(schema, p.scenarios,
                [&](auto &step, int stepClass, int, const QHash<QString, int> &labels) {
                    using S = std::decay_t<decltype(step)>;
                    if constexpr (requires { step.className; }) {
                        if (stepClass == cls)
                            step.className = name;
                    }
                    const auto relabel = [&](QString &ref) {
                        const int hash = int(ref.lastIndexOf(QLatin1Char('#')));
                        if (!labels.contains(ref) && hash > 0
                            && schema.classIndex(ref.left(hash)) == cls)
                            ref = name + ref.mid(hash);
                    };
                    const auto relabelValue = [&](QVariant &v) {
                        if (v.metaType() != QMetaType::fromType<LabelRef>())
                            return;
                        LabelRef r = v.value<LabelRef>();
                        relabel(r.label);
                        v = QVariant::fromValue(r);
                    };
                    if constexpr (requires { step.ref; })
                        relabel(step.ref);
                    if constexpr (requires { step.item; })
                        relabel(step.item);
                    if constexpr (std::is_same_v<S, steps::Set>)
                        relabelValue(step.value);
                    if constexpr (std::is_same_v<S, steps::New>) {
                        if (step.values)
                            for (QVariant &v : *step.values)
                                relabelValue(v);
                    }
                });
    QJsonObject diagram = p.view.value(QLatin1String("diagram")).toObject();
    QJsonObject positions = diagram.value(QLatin1String("positions")).toObject();
    if (renameKey(positions, old, name)) {
        diagram.insert(QLatin1String("positions"), positions);
        p.view.insert(QLatin1String("diagram"), diagram);
    }
    return p;
}

Project Renaming::renameColumn(Project p, int cls, int row, const QString &name)
{
    const Project before = p;
    const QString old = before.schema.classes.at(cls).columns.at(row).name;
    p.schema.classes[cls].columns[row].name = name;
    if (old.isEmpty() || before.schema.classes.at(cls).columnIndex(old) != row)
        return p;
    renameAttributeReferences(before, p, cls, old, name);
    // A relationship that names this column as its foreign key keeps naming
    // it: a many-to-one of this class, or a one-to-many whose target it is.
    const Schema &schema = before.schema;
    for (int c = 0; c < p.schema.classes.size(); ++c) {
        for (RelationshipDef &r : p.schema.classes[c].relationships) {
            const bool oneToMany = r.kind() == RelationshipKind::OneToMany;
            const int holder = oneToMany ? schema.classIndex(r.target) : c;
            if (holder == cls && r.foreignKey == old)
                r.foreignKey = name;
        }
    }
    return p;
}

Project Renaming::renameRelationship(Project p, int cls, int row, const QString &name)
{
    const Project before = p;
    const Schema &schema = before.schema;
    const ClassDef &owner = schema.classes.at(cls);
    const QString old = owner.relationships.at(row).name;
    p.schema.classes[cls].relationships[row].name = name;
    if (old.isEmpty() || owner.relationshipIndex(old) != row || owner.columnIndex(old) >= 0)
        return p;
    renameAttributeReferences(before, p, cls, old, name);
    // A relationship of the target whose backref is this one's name pairs
    // with it (back_populates); it keeps pairing with it.
    const int target = schema.classIndex(owner.relationships.at(row).target);
    if (target >= 0) {
        for (RelationshipDef &r : p.schema.classes[target].relationships) {
            if (r.backref == old && schema.classIndex(r.target) == cls)
                r.backref = name;
        }
    }
    return p;
}

Project Renaming::setBackref(Project p, int cls, int row, const QString &name)
{
    const Project before = p;
    const Schema &schema = before.schema;
    const RelationshipDef &rel = schema.classes.at(cls).relationships.at(row);
    const QString old = rel.backref;
    p.schema.classes[cls].relationships[row].backref = name;
    const int target = schema.classIndex(rel.target);
    if (old.isEmpty() || name.isEmpty() || target < 0)
        return p;
    const ClassDef &t = schema.classes.at(target);
    // The old name was an attribute this backref created on the target (not
    // one the target declares), and the new one names nothing there yet.
    bool created = false;
    for (const ResolvedRelationship &r : schema.relationshipsOf(target)) {
        if (!r.declared && r.name == old && r.targetIndex == cls && r.backref == rel.name)
            created = true;
    }
    if (created && !t.hasAttribute(old) && !attributeNames(schema, target).contains(name))
        renameAttributeReferences(before, p, target, old, name);
    return p;
}

} // namespace ms
