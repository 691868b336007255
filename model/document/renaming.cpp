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

const QLatin1String kClass("class");
const QLatin1String kRef("ref");
const QLatin1String kItem("item");
const QLatin1String kValue("value");
const QLatin1String kValues("values");
const QLatin1String kWhere("where");
const QLatin1String kOrderBy("orderBy");
const QLatin1String kAttr("attr");
const QLatin1String kAttrs("attrs");
const QLatin1String kAs("as");
const QLatin1String kOp("op");
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
/// database. The classes are those of @p schema (the project before the rename).
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
        for (QJsonObject &step : scenario.steps) {
            const bool isNew = step.value(kOp).toString() == QLatin1String("new");
            const int stepClass = step.contains(kClass)
                ? schema.classIndex(step.value(kClass).toString())
                : -1;
            const int refClass = step.contains(kRef) ? classOfRef(step.value(kRef).toString()) : -1;
            visit(step, isNew, stepClass, refClass, labels);
            if (isNew)
                labels.insert(step.value(kAs).toString(), stepClass);
        }
    }
}

/// A JSON object with key @p from renamed to @p to (when it has it).
bool renameKey(QJsonObject &object, const QString &from, const QString &to)
{
    if (!object.contains(from) || object.contains(to))
        return false;
    object.insert(to, object.take(from));
    return true;
}

/// Renames key @p from of the object under @p key of @p step.
void renameKeyIn(QJsonObject &step, QLatin1String key, const QString &from, const QString &to)
{
    if (!step.value(key).isObject())
        return;
    QJsonObject inner = step.value(key).toObject();
    if (renameKey(inner, from, to))
        step.insert(key, inner);
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
                [&](QJsonObject &step, bool isNew, int stepClass, int refClass,
                    const QHash<QString, int> &) {
                    if (stepClass == cls) {
                        renameKeyIn(step, kValues, from, to);
                        if (!isNew) {
                            renameKeyIn(step, kWhere, from, to);
                            if (step.value(kOrderBy).toString() == from)
                                step.insert(kOrderBy, to);
                        }
                    }
                    if (refClass == cls) {
                        if (step.value(kAttr).toString() == from)
                            step.insert(kAttr, to);
                        if (step.value(kAttrs).isArray()) {
                            QJsonArray attrs = step.value(kAttrs).toArray();
                            for (qsizetype i = 0; i < attrs.size(); ++i) {
                                if (attrs.at(i).toString() == from)
                                    attrs.replace(i, to);
                            }
                            step.insert(kAttrs, attrs);
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
                [&](QJsonObject &step, bool, int stepClass, int, const QHash<QString, int> &labels) {
                    if (stepClass == cls)
                        step.insert(kClass, name);
                    const auto relabel = [&](QJsonValue v) -> QJsonValue {
                        const QString ref = v.toString();
                        const int hash = int(ref.lastIndexOf(QLatin1Char('#')));
                        if (!v.isString() || labels.contains(ref) || hash <= 0
                            || schema.classIndex(ref.left(hash)) != cls)
                            return v;
                        return name + ref.mid(hash);
                    };
                    const auto relabelObject = [&](QJsonValue v) -> QJsonValue {
                        if (!v.isObject() || !v.toObject().contains(kRef))
                            return v;
                        QJsonObject o = v.toObject();
                        o.insert(kRef, relabel(o.value(kRef)));
                        return o;
                    };
                    for (QLatin1String key : {kRef, kItem}) {
                        if (step.contains(key))
                            step.insert(key, relabel(step.value(key)));
                    }
                    if (step.contains(kValue))
                        step.insert(kValue, relabelObject(step.value(kValue)));
                    if (step.value(kValues).isObject()) {
                        QJsonObject values = step.value(kValues).toObject();
                        for (auto it = values.begin(); it != values.end(); ++it)
                            it.value() = relabelObject(it.value());
                        step.insert(kValues, values);
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
    if (!old.isEmpty() && before.schema.classes.at(cls).columnIndex(old) == row)
        renameAttributeReferences(before, p, cls, old, name);
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
