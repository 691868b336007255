#include "schema.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QSet>

#include <cmath>
#include <functional>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Schema)
};

QString classPath(int c)
{
    return QStringLiteral("classes[%1]").arg(c);
}
QString columnPath(int c, int k)
{
    return QStringLiteral("classes[%1].columns[%2]").arg(c).arg(k);
}
QString relPath(int c, int r)
{
    return QStringLiteral("classes[%1].relationships[%2]").arg(c).arg(r);
}
QString quoted(const QString &s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

// Whether a JSON default fits a column type; dates are ISO 8601 strings.
bool defaultFits(ColumnType type, const QJsonValue &v)
{
    if (v.isNull())
        return true;
    switch (type) {
    case ColumnType::Integer:
        return v.isDouble() && isWholeNumber(v.toDouble());
    case ColumnType::Real:
        return v.isDouble();
    case ColumnType::Text:
        return v.isString();
    case ColumnType::Boolean:
        return v.isBool();
    case ColumnType::Date:
        return v.isString() && QDate::fromString(v.toString(), Qt::ISODate).isValid();
    case ColumnType::DateTime:
        return v.isString() && QDateTime::fromString(v.toString(), Qt::ISODate).isValid();
    }
    return false;
}

QString jsonText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return quoted(v.toString());
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(v.toDouble());
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

class Validator
{
public:
    explicit Validator(const Schema &s) : m_schema(s) {}

    Problems run()
    {
        QHash<QString, int> classNames;
        QHash<QString, int> &tableNames = m_tableNames;
        for (int c = 0; c < m_schema.classes.size(); ++c) {
            const ClassDef &cls = m_schema.classes[c];
            if (cls.name.trimmed().isEmpty()) {
                add(classPath(c) + QStringLiteral(".name"), Tr::tr("a class needs a name"),
                    Tr::tr("type a name such as User"));
            } else if (classNames.contains(cls.name)) {
                add(classPath(c) + QStringLiteral(".name"),
                    Tr::tr("class %1 is declared twice (first at %2)")
                        .arg(quoted(cls.name), classPath(classNames.value(cls.name))),
                    Tr::tr("rename one of them"));
            } else {
                classNames.insert(cls.name, c);
            }
            if (!cls.table.isEmpty() && cls.table.trimmed().isEmpty()) {
                add(classPath(c) + QStringLiteral(".table"), Tr::tr("the table name is blank"),
                    Tr::tr("type a table name, or leave it out to use %1")
                        .arg(quoted(cls.name.toLower())));
            }
            if (const QString why = sqlIdentifierProblem(cls.tableName()); !why.isEmpty()
                && !cls.tableName().trimmed().isEmpty()) {
                add(classPath(c) + (cls.table.isEmpty() ? QStringLiteral(".name") : QStringLiteral(".table")),
                    Tr::tr("table name %1: %2").arg(quoted(cls.tableName()), why),
                    Tr::tr("choose another table name"));
            }
            const QString table = cls.tableName().toLower();
            if (!table.trimmed().isEmpty()) {
                if (tableNames.contains(table)) {
                    add(classPath(c) + QStringLiteral(".table"),
                        Tr::tr("table %1 is already used by class %2")
                            .arg(quoted(cls.tableName()),
                                 quoted(m_schema.classes[tableNames.value(table)].name)),
                        Tr::tr("give each class a table of its own"));
                } else {
                    tableNames.insert(table, c);
                }
            }
            checkColumns(c);
        }
        for (int c = 0; c < m_schema.classes.size(); ++c)
            checkRelationships(c);
        checkBackrefClashes();
        QStringList cycle;
        if (m_schema.dependencyOrder(&cycle).isEmpty() && !cycle.isEmpty()) {
            add(QStringLiteral("classes"),
                Tr::tr("foreign keys form a cycle: %1").arg(cycle.join(QStringLiteral(" -> "))),
                Tr::tr("remove one of the references; Mapperscope orders inserts by foreign "
                       "keys and cannot order a cycle"));
        }
        return m_problems;
    }

private:
    void add(const QString &path, const QString &message, const QString &hint = {})
    {
        m_problems.append(Problem{path, message, hint});
    }

    void checkColumns(int c)
    {
        const ClassDef &cls = m_schema.classes[c];
        if (cls.columns.isEmpty()) {
            add(classPath(c) + QStringLiteral(".columns"),
                Tr::tr("class %1 has no columns").arg(quoted(cls.name)),
                Tr::tr("add an integer primary key column such as id"));
            return;
        }
        int firstPk = -1;
        QHash<QString, int> names;
        for (int k = 0; k < cls.columns.size(); ++k) {
            const ColumnDef &col = cls.columns[k];
            const QString path = columnPath(c, k);
            if (col.name.trimmed().isEmpty()) {
                add(path + QStringLiteral(".name"), Tr::tr("a column needs a name"));
            } else if (names.contains(col.name.toLower())) {
                add(path + QStringLiteral(".name"),
                    Tr::tr("column %1 is declared twice in class %2")
                        .arg(quoted(col.name), quoted(cls.name)),
                    Tr::tr("column names are compared without case; rename one of them"));
            } else {
                names.insert(col.name.toLower(), k);
            }
            if (const QString why = sqlIdentifierProblem(col.name); !why.isEmpty()) {
                add(path + QStringLiteral(".name"),
                    Tr::tr("column name %1: %2").arg(quoted(col.name), why),
                    Tr::tr("choose another column name"));
            }
            const auto type = col.type();
            if (!type) {
                add(path + QStringLiteral(".type"),
                    Tr::tr("unknown type %1").arg(quoted(col.typeName)),
                    Tr::tr("use one of %1").arg(columnTypeNames().join(QStringLiteral(", "))));
            }
            if (col.primaryKey) {
                // several such columns make a composite primary key
                if (firstPk < 0)
                    firstPk = k;
                if (col.nullable) {
                    add(path + QStringLiteral(".nullable"),
                        Tr::tr("a primary key cannot be nullable"),
                        Tr::tr("remove \"nullable\": true"));
                }
            }
            if (type && col.hasDefault() && !defaultFits(*type, col.defaultValue)) {
                add(path + QStringLiteral(".default"),
                    Tr::tr("default %1 is not a valid %2 value")
                        .arg(jsonText(col.defaultValue), col.typeName),
                    *type == ColumnType::Date || *type == ColumnType::DateTime
                        ? Tr::tr("write dates as ISO 8601 strings, such as \"2024-05-01\"")
                        : Tr::tr("give a default of the column's type, or none"));
            }
            if (col.isForeignKey())
                checkReference(c, k);
            if (col.versionCounter)
                checkVersionCounter(c, k);
        }
        if (firstPk < 0) {
            add(classPath(c) + QStringLiteral(".columns"),
                Tr::tr("class %1 has no primary key").arg(quoted(cls.name)),
                Tr::tr("mark one column with \"primaryKey\": true"));
        }
    }

    /// SQLAlchemy's version_id_col with its default generator, (v or 0) + 1:
    /// one integer column of the class's own, which the flush alone writes.
    void checkVersionCounter(int c, int k)
    {
        const ClassDef &cls = m_schema.classes[c];
        const ColumnDef &col = cls.columns[k];
        const QString path = columnPath(c, k) + QStringLiteral(".versionCounter");
        if (cls.versionColumnIndex() != k) {
            add(path,
                Tr::tr("class %1 already counts versions in column %2")
                    .arg(quoted(cls.name), quoted(cls.columns[cls.versionColumnIndex()].name)),
                Tr::tr("a class has one version counter: unmark one of them"));
            return;
        }
        if (col.type() && *col.type() != ColumnType::Integer) {
            add(path,
                Tr::tr("version counter %1 is a %2 column: the flush counts 1, 2, 3...")
                    .arg(quoted(col.name), col.typeName),
                Tr::tr("make the column an integer, or unmark it as the version counter"));
        }
        if (col.primaryKey || col.isForeignKey()) {
            add(path,
                Tr::tr("version counter %1 is part of a key: the flush changes it at every UPDATE")
                    .arg(quoted(col.name)),
                Tr::tr("count versions in a column of its own, such as version"));
        }
        if (col.hasDefault()) {
            add(columnPath(c, k) + QStringLiteral(".default"),
                Tr::tr("version counter %1 has a default: the flush writes 1 at the INSERT whatever it is")
                    .arg(quoted(col.name)),
                Tr::tr("remove the default"));
        }
    }

    void checkReference(int c, int k)
    {
        const ColumnDef &col = m_schema.classes[c].columns[k];
        const QString path = columnPath(c, k) + QStringLiteral(".references");
        const ClassDef *target = m_schema.classDef(col.references);
        if (!target) {
            add(path, Tr::tr("unknown class %1").arg(quoted(col.references)),
                Tr::tr("name one of the classes: %1").arg(classList()));
            return;
        }
        const ColumnDef *pk = target->primaryKey();
        if (target->hasCompositeKey()) {
            // one foreign key of a column for each key column, matched in
            // column order (ForeignKeyConstraint([a, b], [x, y]))
            const QList<int> keyColumns = target->primaryKeyIndexes();
            QStringList keys;
            for (int i : keyColumns)
                keys << target->columns[i].name;
            const ClassDef &cls = m_schema.classes[c];
            QList<int> mine;
            for (int i = 0; i < cls.columns.size(); ++i)
                if (cls.columns[i].references == col.references)
                    mine << i;
            if (&cls == target) {
                if (mine.first() == k)
                    add(path,
                        Tr::tr("%1 has a composite primary key (%2): a foreign key of several columns to its own "
                               "class is not supported yet")
                            .arg(quoted(target->name), keys.join(QStringLiteral(", "))),
                        Tr::tr("reference another class"));
                return;
            }
            if (mine.size() != keyColumns.size()) {
                if (mine.first() == k)
                    add(path,
                        Tr::tr("%1 has a composite primary key (%2): a foreign key to it takes one column for each, "
                               "but %3 references it with (%4)")
                            .arg(quoted(target->name), keys.join(QStringLiteral(", ")), quoted(cls.name),
                                 [&] {
                                     QStringList names;
                                     for (int i : mine)
                                         names << cls.columns[i].name;
                                     return names.join(QStringLiteral(", "));
                                 }()),
                        Tr::tr("give %1 exactly %2 columns with \"references\": %3, in the order of its key")
                            .arg(quoted(cls.name)).arg(keyColumns.size()).arg(quoted(target->name)));
                return;
            }
            pk = &target->columns[keyColumns[mine.indexOf(k)]];
            // a column named as another key column: the order says
            // otherwise than the names (a column moved in either class)
            const int named = target->columnIndex(col.name);
            if (named >= 0 && keyColumns.contains(named) && &target->columns[named] != pk) {
                add(path,
                    Tr::tr("column %1 is matched to %2.%3, the key column in its place, though %2 has a key "
                           "column %1: the columns that reference a composite key are matched to it in order")
                        .arg(quoted(col.name), target->name, pk->name),
                    Tr::tr("put the columns of %1 that reference %2 in the order of its key (%3)")
                        .arg(quoted(cls.name), quoted(target->name), keys.join(QStringLiteral(", "))));
                return;
            }
        }
        if (pk && pk->type() && col.type() && pk->type() != col.type() && target->hasCompositeKey()) {
            add(path,
                Tr::tr("column %1 is %2 but the key column %3.%4 it references is %5")
                    .arg(quoted(col.name), col.typeName, target->name, pk->name, pk->typeName),
                Tr::tr("give the foreign key the type of the key it references"));
        } else if (pk && pk->type() && col.type() && pk->type() != col.type()) {
            add(path,
                Tr::tr("column %1 is %2 but the primary key of %3 is %4")
                    .arg(quoted(col.name), col.typeName, quoted(target->name), pk->typeName),
                Tr::tr("give the foreign key the type of the key it references"));
        }
    }

    void checkRelationships(int c)
    {
        const ClassDef &cls = m_schema.classes[c];
        for (int r = 0; r < cls.relationships.size(); ++r) {
            const RelationshipDef &rel = cls.relationships[r];
            const QString path = relPath(c, r);
            if (rel.name.trimmed().isEmpty()) {
                add(path + QStringLiteral(".name"), Tr::tr("a relationship needs a name"));
            } else if (cls.columnIndex(rel.name) >= 0 || cls.relationshipIndex(rel.name) < r) {
                add(path + QStringLiteral(".name"),
                    Tr::tr("%1 is already an attribute of class %2")
                        .arg(quoted(rel.name), quoted(cls.name)),
                    Tr::tr("rename the relationship"));
            }
            const auto kind = rel.kind();
            if (!kind) {
                add(path + QStringLiteral(".kind"),
                    Tr::tr("unknown relationship kind %1").arg(quoted(rel.kindName)),
                    Tr::tr("use one-to-many, many-to-one, one-to-one or many-to-many"));
            }
            QStringList unknown;
            const Cascade cascade = Cascade::parse(rel.cascade, &unknown);
            for (const QString &w : std::as_const(unknown)) {
                add(path + QStringLiteral(".cascade"),
                    Tr::tr("unknown cascade word %1").arg(quoted(w)),
                    Tr::tr("use SQLAlchemy's words: %1")
                        .arg(Cascade::knownWords().join(QStringLiteral(", "))));
            }
            if (kind == RelationshipKind::ManyToOne && cascade.deleteOrphan) {
                add(path + QStringLiteral(".cascade"),
                    Tr::tr("delete-orphan cannot be used on a many-to-one relationship"),
                    Tr::tr("put delete-orphan on the one-to-many side (%1)")
                        .arg(rel.backref.isEmpty() ? rel.target + QStringLiteral(".…")
                                                   : rel.target + QLatin1Char('.') + rel.backref));
            }
            if (!rel.loadStrategy()) {
                add(path + QStringLiteral(".lazy"),
                    Tr::tr("unknown loading strategy %1").arg(quoted(rel.lazy)),
                    Tr::tr("use one of SQLAlchemy's: %1").arg(loadStrategyNames().join(QStringLiteral(", "))));
            }
            const ClassDef *target = m_schema.classDef(rel.target);
            if (!target) {
                add(path + QStringLiteral(".target"),
                    Tr::tr("unknown target class %1").arg(quoted(rel.target)),
                    Tr::tr("name one of the classes: %1").arg(classList()));
                continue;
            }
            if (!kind)
                continue;
            if (*kind == RelationshipKind::ManyToMany) {
                checkManyToMany(c, r, *target, cascade);
                if (!rel.backref.isEmpty())
                    checkBackref(c, r, *target, *kind);
                continue;
            }
            if (!rel.secondary.isEmpty()) {
                add(path + QStringLiteral(".secondary"),
                    Tr::tr("only a many-to-many relationship has an association table"),
                    Tr::tr("make %1 a many-to-many, or leave secondary empty").arg(quoted(rel.name)));
            }
            const auto candidates = m_schema.foreignKeyCandidates(c, rel);
            const ClassDef &holder = *kind == RelationshipKind::OneToMany ? *target : cls;
            const QString referenced = *kind == RelationshipKind::OneToMany ? cls.name : target->name;
            if (!rel.foreignKey.isEmpty() && candidates.isEmpty()) {
                // foreign_keys= names a column that cannot carry this relationship
                const int col = holder.columnIndex(rel.foreignKey);
                if (col < 0) {
                    add(path + QStringLiteral(".foreignKey"),
                        Tr::tr("foreign key %1 is not a column of %2")
                            .arg(quoted(rel.foreignKey), quoted(holder.name)),
                        Tr::tr("name a column of %1 that references %2")
                            .arg(quoted(holder.name), quoted(referenced)));
                } else {
                    add(path + QStringLiteral(".foreignKey"),
                        Tr::tr("column %1 of %2 does not reference %3")
                            .arg(quoted(rel.foreignKey), quoted(holder.name), quoted(referenced)),
                        Tr::tr("give %1 \"references\": %2, or name another column")
                            .arg(quoted(rel.foreignKey), quoted(referenced)));
                }
            } else if (candidates.isEmpty()) {
                add(path,
                    Tr::tr("%1 %2 needs a column in %3 that references %4")
                        .arg(rel.kindName, quoted(rel.name), quoted(holder.name),
                             quoted(referenced)),
                    Tr::tr("add a column such as %1_id to %2 with \"references\": %3")
                        .arg(referenced.toLower(), quoted(holder.name), quoted(referenced)));
            } else if (candidates.size() > 1) {
                QStringList names;
                for (const auto &fk : candidates)
                    names << quoted(m_schema.columnName(fk));
                add(path + QStringLiteral(".foreignKey"),
                    Tr::tr("%1 %2 could use any of the columns %3 of %4")
                        .arg(rel.kindName, quoted(rel.name), names.join(QStringLiteral(", ")),
                             quoted(holder.name)),
                    Tr::tr("name the one it uses as its foreign key (\"foreignKey\": %1)")
                        .arg(names.first()));
            }
            if (!rel.backref.isEmpty())
                checkBackref(c, r, *target, *kind);
        }
    }

    // A backref names the inverse attribute on the target: either a
    // relationship the target declares that really is the inverse, or a new
    // attribute the Registry creates.
    void checkBackref(int c, int r, const ClassDef &target, RelationshipKind kind)
    {
        const ClassDef &cls = m_schema.classes[c];
        const RelationshipDef &rel = cls.relationships[r];
        const QString path = relPath(c, r) + QStringLiteral(".backref");
        if (target.columnIndex(rel.backref) >= 0) {
            add(path,
                Tr::tr("backref %1 clashes with column %1 of %2")
                    .arg(quoted(rel.backref), quoted(target.name)),
                Tr::tr("choose another backref name"));
            return;
        }
        const RelationshipDef *other = target.relationship(rel.backref);
        if (!other) {
            m_createdBackrefs[target.name + QLatin1Char('.') + rel.backref].append(path);
            return;
        }
        const auto otherKind = other->kind();
        const bool manyToMany = kind == RelationshipKind::ManyToMany;
        const bool inverse = other->target == cls.name && otherKind
            && (manyToMany ? *otherKind == kind : *otherKind != kind && *otherKind != RelationshipKind::ManyToMany)
            && (other->backref.isEmpty() || other->backref == rel.name);
        if (inverse && manyToMany) {
            if (other->secondary.toLower() != rel.secondary.toLower()) {
                add(path,
                    Tr::tr("%1.%2 is the inverse of %3 but uses the association table %4, not %5")
                        .arg(target.name, rel.backref, quoted(rel.name), quoted(other->secondary),
                             quoted(rel.secondary)),
                    Tr::tr("give both relationships the same \"secondary\", or choose another backref name"));
            }
            return;
        }
        if (inverse) {
            // back_populates pairs two relationships over one foreign key
            const auto mine = m_schema.foreignKey(c, rel);
            const auto theirs = m_schema.foreignKey(m_schema.classIndex(target.name), *other);
            if (mine && theirs && *mine != *theirs) {
                add(path,
                    Tr::tr("%1.%2 is the inverse of %3 but uses the foreign key %4, not %5")
                        .arg(target.name, rel.backref, quoted(rel.name),
                             quoted(m_schema.columnName(*theirs)), quoted(m_schema.columnName(*mine))),
                    Tr::tr("give both relationships the same \"foreignKey\", or choose another "
                           "backref name"));
            }
            return;
        }
        add(path,
            Tr::tr("backref %1 clashes with relationship %1 of %2, which is not the inverse "
                   "of %3")
                .arg(quoted(rel.backref), quoted(target.name), quoted(rel.name)),
            Tr::tr("choose another backref name, or make %1.%2 a %3 to %4 with backref %5")
                .arg(target.name, rel.backref,
                     kind == RelationshipKind::OneToMany    ? QStringLiteral("many-to-one")
                         : kind == RelationshipKind::ManyToOne ? QStringLiteral("one-to-many")
                                                               : QStringLiteral("many-to-many"),
                     quoted(cls.name), quoted(rel.name)));
    }

    void checkBackrefClashes()
    {
        for (auto it = m_createdBackrefs.cbegin(); it != m_createdBackrefs.cend(); ++it) {
            if (it->size() < 2)
                continue;
            for (int i = 1; i < it->size(); ++i) {
                add(it->at(i),
                    Tr::tr("backref %1 is also created by %2").arg(quoted(it.key()), it->first()),
                    Tr::tr("choose another backref name"));
            }
        }
    }

    QString classList() const
    {
        QStringList names;
        for (const auto &cls : m_schema.classes)
            names << cls.name;
        return names.isEmpty() ? Tr::tr("(none yet)") : names.join(QStringLiteral(", "));
    }

    // A many-to-many: an association table of its own (the inverse
    // declared on the target names the same one), two classes with
    // primary keys, no foreign key of its own, no delete-orphan.
    void checkManyToMany(int c, int r, const ClassDef &target, const Cascade &cascade)
    {
        const ClassDef &cls = m_schema.classes[c];
        const RelationshipDef &rel = cls.relationships[r];
        const QString path = relPath(c, r);
        if (target.name == cls.name) {
            add(path + QStringLiteral(".target"),
                Tr::tr("a many-to-many relationship of a class to itself is not supported yet"),
                Tr::tr("map the link as a class of its own with two many-to-one relationships to %1")
                    .arg(quoted(cls.name)));
            return;
        }
        if (const auto columns = m_schema.associationColumns(c, rel); columns.first == columns.second) {
            add(path + QStringLiteral(".target"),
                Tr::tr("the association table's two columns would both be named %1").arg(quoted(columns.first)),
                Tr::tr("rename one of the classes"));
            return;
        }
        for (const ClassDef *side : {&cls, &target}) {
            if (!side->primaryKey())
                add(path, Tr::tr("many-to-many %1 needs a primary key on %2").arg(quoted(rel.name), quoted(side->name)),
                    Tr::tr("give %1 a primary key column").arg(quoted(side->name)));
            else if (side->hasCompositeKey())
                add(path,
                    Tr::tr("many-to-many %1: %2 has a composite primary key, which an association table cannot "
                           "reference yet")
                        .arg(quoted(rel.name), quoted(side->name)),
                    Tr::tr("map the link as a class of its own with a many-to-one to each side"));
        }
        if (!rel.foreignKey.isEmpty()) {
            add(path + QStringLiteral(".foreignKey"),
                Tr::tr("a many-to-many relationship has no foreign key of its own: its association table holds both"),
                Tr::tr("leave foreignKey empty"));
        }
        if (cascade.deleteOrphan) {
            add(path + QStringLiteral(".cascade"),
                Tr::tr("delete-orphan cascade is not supported on a many-to-many relationship"),
                Tr::tr("remove delete-orphan (SQLAlchemy refuses it without single_parent=True)"));
        }
        const QString suggestion = cls.tableName() + QLatin1Char('_') + target.tableName();
        if (rel.secondary.trimmed().isEmpty()) {
            add(path + QStringLiteral(".secondary"),
                Tr::tr("many-to-many %1 needs an association table (\"secondary\")").arg(quoted(rel.name)),
                Tr::tr("name the table that links %1 and %2, such as %3")
                    .arg(quoted(cls.name), quoted(target.name), quoted(suggestion)));
            return;
        }
        if (const QString why = sqlIdentifierProblem(rel.secondary); !why.isEmpty()) {
            add(path + QStringLiteral(".secondary"), Tr::tr("table name %1: %2").arg(quoted(rel.secondary), why),
                Tr::tr("choose another table name"));
            return;
        }
        const QString table = rel.secondary.toLower();
        if (m_tableNames.contains(table)) {
            add(path + QStringLiteral(".secondary"),
                Tr::tr("table %1 is already used by class %2")
                    .arg(quoted(rel.secondary), quoted(m_schema.classes[m_tableNames.value(table)].name)),
                Tr::tr("name an association table of its own, such as %1").arg(quoted(suggestion)));
            return;
        }
        // the same table for the inverse (back_populates): the pair of classes decides
        const QPair<QString, QString> pair = cls.name < target.name ? qMakePair(cls.name, target.name)
                                                                     : qMakePair(target.name, cls.name);
        const auto seen = m_associations.constFind(table);
        if (seen != m_associations.constEnd() && (seen->pair != pair || seen->holder == c)) {
            add(path + QStringLiteral(".secondary"),
                Tr::tr("association table %1 is already used by %2").arg(quoted(rel.secondary), seen->path),
                Tr::tr("give each many-to-many its own association table, such as %1").arg(quoted(suggestion)));
            return;
        }
        if (seen == m_associations.constEnd())
            m_associations.insert(table, {pair, c, path});
    }

    const Schema &m_schema;
    Problems m_problems;
    QHash<QString, QStringList> m_createdBackrefs;
    QHash<QString, int> m_tableNames;
    struct Association
    {
        QPair<QString, QString> pair;
        int holder;
        QString path;
    };
    QHash<QString, Association> m_associations;
};

} // namespace

bool isWholeNumber(double v)
{
    // 2^63 is exactly representable; anything at or beyond it is out of range.
    return v >= -9223372036854775808.0 && v < 9223372036854775808.0 && v == std::trunc(v);
}

QString sqlIdentifierProblem(const QString &name)
{
    if (name.startsWith(QLatin1Char('"')) || name.endsWith(QLatin1Char('"')))
        return Tr::tr("a name that begins or ends with a double quote cannot be quoted in SQL");
    if (name.contains(QLatin1Char('.')))
        return Tr::tr("a dot in a name is read as a schema separator by the SQL drivers");
    if (name.contains(QLatin1Char('[')) && name.contains(QLatin1Char(']')))
        return Tr::tr("a name with both [ and ] is taken as already quoted by the SQLite driver");
    if (name.contains(QChar(0)))
        return Tr::tr("a name cannot contain a NUL character");
    return {};
}

int Schema::classIndex(const QString &name) const
{
    // An empty name names no class: an empty `references` is no foreign key,
    // even while a class has lost its name.
    if (name.isEmpty())
        return -1;
    for (int i = 0; i < classes.size(); ++i) {
        if (classes[i].name == name)
            return i;
    }
    return -1;
}

const ClassDef *Schema::classDef(const QString &name) const
{
    const int i = classIndex(name);
    return i < 0 ? nullptr : &classes[i];
}

Problems Schema::validate() const
{
    return Validator(*this).run();
}

QList<QList<int>> Schema::foreignKeyColumns(int holder, int referenced) const
{
    QList<QList<int>> result;
    if (holder < 0 || holder >= classes.size() || referenced < 0 || referenced >= classes.size()
        || classes[referenced].name.isEmpty())
        return result;
    const ClassDef &h = classes[holder];
    QList<int> columns;
    for (int k = 0; k < h.columns.size(); ++k)
        if (h.columns[k].references == classes[referenced].name)
            columns << k;
    const qsizetype keySize = classes[referenced].primaryKeyIndexes().size();
    if (keySize > 1) {
        // ForeignKeyConstraint([a, b], [x, y]): one key of all of them
        if (columns.size() == keySize)
            result << columns;
        return result;
    }
    for (int k : std::as_const(columns))
        result << QList<int>{k};
    return result;
}

QList<ForeignKeyRef> Schema::foreignKeyCandidates(int classIdx, const RelationshipDef &rel) const
{
    QList<ForeignKeyRef> result;
    const int targetIdx = classIndex(rel.target);
    const auto kind = rel.kind();
    if (classIdx < 0 || classIdx >= classes.size() || targetIdx < 0 || !kind
        || *kind == RelationshipKind::ManyToMany) // its keys are in the association table
        return result;
    const bool oneToMany = *kind == RelationshipKind::OneToMany;
    const int holder = oneToMany ? targetIdx : classIdx;
    const ClassDef &h = classes[holder];
    for (const QList<int> &columns : foreignKeyColumns(holder, oneToMany ? classIdx : targetIdx)) {
        // foreign_keys= chooses one of them (any column of a key of several)
        bool named = rel.foreignKey.isEmpty();
        for (int k : columns)
            named = named || h.columns[k].name == rel.foreignKey;
        if (named)
            result.append(ForeignKeyRef{holder, columns});
    }
    return result;
}

QString Schema::columnName(const ForeignKeyRef &fk) const
{
    QStringList names;
    for (int k : fk.columns)
        names << classes.at(fk.classIndex).columns.at(k).name;
    return names.join(QLatin1String(", "));
}

std::optional<ForeignKeyRef> Schema::foreignKey(int classIdx, const RelationshipDef &rel) const
{
    const auto candidates = foreignKeyCandidates(classIdx, rel);
    if (candidates.size() != 1)
        return std::nullopt;
    return candidates.first();
}

QPair<QString, QString> Schema::associationColumns(int classIdx, const RelationshipDef &rel) const
{
    auto column = [this](int c) {
        const ColumnDef *pk = c >= 0 && c < classes.size() ? classes[c].primaryKey() : nullptr;
        return c < 0 || c >= classes.size() ? QString()
                                            : classes[c].name.toLower() + QLatin1Char('_')
                + (pk ? pk->name : QStringLiteral("id"));
    };
    return {column(classIdx), column(classIndex(rel.target))};
}

QList<AssociationTable> Schema::associationTables() const
{
    // a table the validator accepts: a many-to-many between two different
    // classes with primary keys, whose table no class and no other pair uses
    QList<AssociationTable> out;
    QSet<QString> taken;
    for (const ClassDef &cls : classes)
        taken.insert(cls.tableName().toLower());
    for (int c = 0; c < classes.size(); ++c) {
        for (const RelationshipDef &rel : classes[c].relationships) {
            const int target = classIndex(rel.target);
            if (rel.kind() != RelationshipKind::ManyToMany || target < 0 || target == c
                || rel.secondary.trimmed().isEmpty() || !sqlIdentifierProblem(rel.secondary).isEmpty()
                || !classes[c].primaryKey() || !classes[target].primaryKey()
                || classes[c].hasCompositeKey() || classes[target].hasCompositeKey()
                || taken.contains(rel.secondary.toLower()))
                continue;
            bool known = false;
            for (const AssociationTable &t : std::as_const(out)) {
                if (t.name.toLower() == rel.secondary.toLower())
                    known = true;
            }
            if (known)
                continue;
            const auto [left, right] = associationColumns(c, rel);
            out.append(AssociationTable{rel.secondary, c, target, left, right});
        }
    }
    return out;
}

QList<ResolvedRelationship> Schema::relationshipsOf(int classIdx) const
{
    QList<ResolvedRelationship> result;
    if (classIdx < 0 || classIdx >= classes.size())
        return result;
    const ClassDef &cls = classes[classIdx];
    // a many-to-many is resolved when it is valid: its association table
    // is one of associationTables()
    const QList<AssociationTable> tables = associationTables();
    auto association = [&](const QString &secondary, int a, int b) -> const AssociationTable * {
        for (const AssociationTable &t : tables)
            if (t.name.compare(secondary, Qt::CaseInsensitive) == 0
                && ((t.leftClass == a && t.rightClass == b) || (t.leftClass == b && t.rightClass == a)))
                return &t;
        return nullptr;
    };
    auto resolved = [](const QString &name, RelationshipKind kind, int target, const QString &backref,
                       const QString &cascade, bool declared, const ForeignKeyRef &fk, LoadStrategy lazy,
                       bool uselist) {
        ResolvedRelationship r;
        r.name = name;
        r.kind = kind;
        r.targetIndex = target;
        r.backref = backref;
        r.cascade = cascade;
        r.declared = declared;
        r.foreignKey = fk;
        r.lazy = lazy;
        r.uselist = uselist;
        return r;
    };
    // a many-to-many's columns in the association table, seen from @p self
    auto link = [](ResolvedRelationship &r, const AssociationTable &t, int self) {
        const bool left = t.leftClass == self;
        r.secondary = t.name;
        r.localColumn = left ? t.leftColumn : t.rightColumn;
        r.remoteColumn = left ? t.rightColumn : t.leftColumn;
        r.localFirst = left;
    };
    for (const RelationshipDef &rel : cls.relationships) {
        const auto kind = rel.kind();
        const int target = classIndex(rel.target);
        const LoadStrategy lazy = rel.loadStrategy().value_or(LoadStrategy::Select);
        if (kind == RelationshipKind::ManyToMany) {
            if (const AssociationTable *t = association(rel.secondary, classIdx, target)) {
                ResolvedRelationship r = resolved(rel.name, *kind, target, rel.backref, rel.cascade, true, {}, lazy, true);
                link(r, *t, classIdx);
                result.append(r);
            }
            continue;
        }
        const auto fk = foreignKey(classIdx, rel);
        if (!kind || target < 0 || !fk)
            continue;
        result.append(resolved(rel.name, *kind, target, rel.backref, rel.cascade, true, *fk, lazy, rel.uselist()));
    }
    for (int other = 0; other < classes.size(); ++other) {
        for (const RelationshipDef &rel : classes[other].relationships) {
            if (rel.backref.isEmpty() || classIndex(rel.target) != classIdx
                || cls.hasAttribute(rel.backref))
                continue;
            const auto kind = rel.kind();
            if (kind == RelationshipKind::ManyToMany) {
                if (const AssociationTable *t = association(rel.secondary, other, classIdx)) {
                    ResolvedRelationship r = resolved(rel.backref, *kind, other, rel.name, {}, false, {},
                                                      LoadStrategy::Select, true);
                    link(r, *t, classIdx);
                    result.append(r);
                }
                continue;
            }
            const auto fk = foreignKey(other, rel);
            if (!kind || !fk)
                continue;
            const auto inverse = *kind == RelationshipKind::OneToMany ? RelationshipKind::ManyToOne
                                                                       : RelationshipKind::OneToMany;
            result.append(resolved(rel.backref, inverse, other, rel.name, {}, false, *fk, LoadStrategy::Select, true));
        }
    }
    return result;
}

QList<int> Schema::dependencyOrder(QStringList *cycle) const
{
    // Depth-first topological sort in declaration order, so that the order
    // stays the one the user drew wherever the foreign keys allow.
    enum Mark { None, Visiting, Done };
    QList<Mark> marks(classes.size(), None);
    QList<int> order;
    QList<int> stack;
    bool failed = false;

    std::function<void(int)> visit = [&](int c) {
        if (failed || marks[c] == Done)
            return;
        if (marks[c] == Visiting) {
            failed = true;
            if (cycle) {
                cycle->clear();
                for (int i = stack.indexOf(c); i < stack.size(); ++i)
                    cycle->append(classes[stack[i]].name);
                cycle->append(classes[c].name);
            }
            return;
        }
        marks[c] = Visiting;
        stack.append(c);
        for (const ColumnDef &col : classes[c].columns) {
            const int t = classIndex(col.references);
            if (t >= 0 && t != c)
                visit(t);
        }
        stack.removeLast();
        marks[c] = Done;
        order.append(c);
    };
    for (int c = 0; c < classes.size() && !failed; ++c)
        visit(c);
    if (failed)
        return {};
    return order;
}

} // namespace ms
