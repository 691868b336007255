#include "databaseimport.h"

#include "orm/connection.h"
#include "orm/ddl.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace ms::DatabaseImport {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseImport)
};

struct RawColumn
{
    QString name;
    QString type;      ///< as the database declares it
    bool notNull = false;
    bool primaryKey = false;
    bool unique = false;
    QString defaultSql; ///< the DEFAULT clause's text; empty for none
};

struct RawForeignKey
{
    QString column;
    QString table;
    QString targetColumn; ///< empty: the target's primary key (its part at @p part)
    QString constraint;   ///< the key it belongs to
    int parts = 1;        ///< how many columns that key has
    int part = 0;         ///< this column's place in it
};

struct RawTable
{
    QString name;
    QList<RawColumn> columns;
    int primaryKeyColumns = 0;
    QList<RawForeignKey> foreignKeys;
    QStringList notes; ///< composite unique constraints and the like
};

Result<QList<QVariantList>> rows(QSqlDatabase &db, const QString &sql, const QVariantList &params)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return Error {q.lastError().text(), sql};
    for (int i = 0; i < params.size(); ++i)
        q.bindValue(i, params[i]);
    if (!q.exec())
        return Error {q.lastError().text(), sql};
    QList<QVariantList> out;
    const int columns = q.record().count();
    while (q.next()) {
        QVariantList row;
        for (int c = 0; c < columns; ++c)
            row << q.value(c);
        out << row;
    }
    return out;
}

/// One column of a foreign key as a catalogue lists it.
struct ForeignKeyPart
{
    QString constraint; ///< the key it belongs to (several parts: a composite key)
    QString column;
    QString table;
    QString targetColumn; ///< empty: the target's primary key
};

/// A unique constraint over @p columns: the column marked unique, or a
/// note when it is a group the model cannot say.
void addUnique(RawTable &t, const QStringList &columns)
{
    if (columns.size() != 1) {
        t.notes << Tr::tr("%1: the unique constraint over (%2) is left out (the model has "
                          "unique columns, not unique groups)")
                       .arg(t.name, columns.join(QStringLiteral(", ")));
        return;
    }
    for (RawColumn &col : t.columns)
        if (col.name == columns.first())
            col.unique = true;
}

/// The foreign keys' columns (@p parts in each key's order), each with the
/// size of its key and its place in it.
void addForeignKeys(RawTable &t, const QList<ForeignKeyPart> &parts)
{
    QHash<QString, int> count;
    for (const ForeignKeyPart &p : parts)
        ++count[p.constraint];
    QHash<QString, int> seen;
    for (const ForeignKeyPart &p : parts)
        t.foreignKeys << RawForeignKey {p.column, p.table, p.targetColumn, p.constraint, count.value(p.constraint),
                                        seen[p.constraint]++};
}

Result<QList<RawTable>> readSqlite(QSqlDatabase &db)
{
    auto names = rows(db,
                      QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                     "LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"),
                      {});
    if (!names)
        return names.error();
    QList<RawTable> tables;
    for (const QVariantList &n : std::as_const(*names)) {
        RawTable t;
        t.name = n.value(0).toString();
        auto cols = rows(db, QStringLiteral("SELECT name, type, \"notnull\", dflt_value, pk FROM "
                                            "pragma_table_info(?) ORDER BY cid"),
                         {t.name});
        if (!cols)
            return cols.error();
        for (const QVariantList &c : std::as_const(*cols)) {
            RawColumn col;
            col.name = c.value(0).toString();
            col.type = c.value(1).toString();
            col.notNull = c.value(2).toInt() != 0;
            col.defaultSql = c.value(3).isNull() ? QString() : c.value(3).toString();
            col.primaryKey = c.value(4).toInt() > 0;
            t.primaryKeyColumns += col.primaryKey ? 1 : 0;
            t.columns << col;
        }
        auto indexes = rows(db, QStringLiteral("SELECT name, \"unique\", origin FROM pragma_index_list(?)"),
                            {t.name});
        if (!indexes)
            return indexes.error();
        for (const QVariantList &i : std::as_const(*indexes)) {
            if (i.value(1).toInt() == 0 || i.value(2).toString() == QLatin1String("pk"))
                continue;
            auto cols = rows(db, QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"),
                             {i.value(0)});
            if (!cols)
                return cols.error();
            QStringList names;
            for (const QVariantList &c : std::as_const(*cols))
                names << c.value(0).toString();
            addUnique(t, names);
        }
        auto fks = rows(db, QStringLiteral("SELECT id, seq, \"table\", \"from\", \"to\" FROM "
                                           "pragma_foreign_key_list(?) ORDER BY id, seq"),
                        {t.name});
        if (!fks)
            return fks.error();
        QList<ForeignKeyPart> parts;
        for (const QVariantList &f : std::as_const(*fks))
            parts << ForeignKeyPart {f.value(0).toString(), f.value(3).toString(), f.value(2).toString(),
                                     f.value(4).isNull() ? QString() : f.value(4).toString()};
        addForeignKeys(t, parts);
        tables << t;
    }
    return tables;
}

Result<QList<RawTable>> readPostgres(QSqlDatabase &db)
{
    auto names = rows(db,
                      QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                                     "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                                     "ORDER BY table_name"),
                      {});
    if (!names)
        return names.error();
    QList<RawTable> tables;
    for (const QVariantList &n : std::as_const(*names)) {
        RawTable t;
        t.name = n.value(0).toString();
        auto cols = rows(db,
                         QStringLiteral("SELECT column_name, data_type, is_nullable, column_default "
                                        "FROM information_schema.columns WHERE table_schema = "
                                        "current_schema() AND table_name = ? ORDER BY ordinal_position"),
                         {t.name});
        if (!cols)
            return cols.error();
        for (const QVariantList &c : std::as_const(*cols)) {
            RawColumn col;
            col.name = c.value(0).toString();
            col.type = c.value(1).toString();
            col.notNull = c.value(2).toString() == QLatin1String("NO");
            col.defaultSql = c.value(3).isNull() ? QString() : c.value(3).toString();
            t.columns << col;
        }
        auto keys = rows(db,
                         QStringLiteral(
                             "SELECT tc.constraint_type, tc.constraint_name, kcu.column_name FROM "
                             "information_schema.table_constraints tc JOIN "
                             "information_schema.key_column_usage kcu ON tc.constraint_name = "
                             "kcu.constraint_name AND tc.table_schema = kcu.table_schema AND "
                             "tc.table_name = kcu.table_name WHERE tc.table_schema = current_schema() "
                             "AND tc.table_name = ? AND tc.constraint_type IN ('PRIMARY KEY', "
                             "'UNIQUE') ORDER BY tc.constraint_name, kcu.ordinal_position"),
                         {t.name});
        if (!keys)
            return keys.error();
        QHash<QString, QStringList> byConstraint;
        QHash<QString, QString> kind;
        QStringList order;
        for (const QVariantList &k : std::as_const(*keys)) {
            const QString name = k.value(1).toString();
            if (!byConstraint.contains(name))
                order << name;
            byConstraint[name] << k.value(2).toString();
            kind[name] = k.value(0).toString();
        }
        for (const QString &name : std::as_const(order)) {
            const QStringList columns = byConstraint.value(name);
            if (kind.value(name) != QLatin1String("PRIMARY KEY")) {
                addUnique(t, columns);
                continue;
            }
            t.primaryKeyColumns = int(columns.size());
            for (RawColumn &col : t.columns)
                if (columns.contains(col.name))
                    col.primaryKey = true;
        }
        auto fks = rows(db,
                        QStringLiteral(
                            // pg_constraint pairs each column with the one it references
                            // (information_schema would give every pair of a key of several)
                            "SELECT c.conname, a.attname, ft.relname, fa.attname FROM pg_constraint c "
                            "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = "
                            "t.relnamespace JOIN pg_class ft ON ft.oid = c.confrelid CROSS JOIN LATERAL "
                            "unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, fcol, ord) JOIN "
                            "pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col JOIN "
                            "pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.fcol WHERE "
                            "c.contype = 'f' AND n.nspname = current_schema() AND t.relname = ? "
                            "ORDER BY c.conname, k.ord"),
                        {t.name});
        if (!fks)
            return fks.error();
        QList<ForeignKeyPart> parts;
        for (const QVariantList &f : std::as_const(*fks))
            parts << ForeignKeyPart {f.value(0).toString(), f.value(1).toString(), f.value(2).toString(),
                                     f.value(3).toString()};
        addForeignKeys(t, parts);
        tables << t;
    }
    return tables;
}

/// The model's type for a declared type; empty when it has none.
QString typeFor(const QString &declared, bool postgres)
{
    const QString t = declared.trimmed().toLower();
    if (postgres) {
        if (t == QLatin1String("integer") || t == QLatin1String("bigint") || t == QLatin1String("smallint"))
            return QStringLiteral("integer");
        if (t == QLatin1String("double precision") || t == QLatin1String("real"))
            return QStringLiteral("real");
        if (t == QLatin1String("text") || t == QLatin1String("character varying")
            || t == QLatin1String("character"))
            return QStringLiteral("text");
        if (t == QLatin1String("boolean"))
            return QStringLiteral("boolean");
        if (t == QLatin1String("date"))
            return QStringLiteral("date");
        if (t == QLatin1String("timestamp without time zone"))
            return QStringLiteral("datetime");
        return QString();
    }
    // SQLite's declared types, by its affinity rules where they agree with a type of ours
    if (t.contains(QLatin1String("int")))
        return QStringLiteral("integer");
    if (t.contains(QLatin1String("char")) || t.contains(QLatin1String("clob")) || t.contains(QLatin1String("text")))
        return QStringLiteral("text");
    if (t.contains(QLatin1String("real")) || t.contains(QLatin1String("floa")) || t.contains(QLatin1String("doub")))
        return QStringLiteral("real");
    if (t.startsWith(QLatin1String("bool")))
        return QStringLiteral("boolean");
    if (t == QLatin1String("datetime") || t.startsWith(QLatin1String("timestamp")))
        return QStringLiteral("datetime");
    if (t == QLatin1String("date"))
        return QStringLiteral("date");
    return QString();
}

/// A DEFAULT clause as a JSON value; Undefined when it is an expression
/// (then *expression is set).
QJsonValue defaultFor(QString sql, const QString &type, bool postgres, bool *expression)
{
    *expression = false;
    sql = sql.trimmed();
    if (sql.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    if (postgres) {
        // 'text'::text, 42, false, nextval('t_id_seq'::regclass)
        static const QRegularExpression cast(QStringLiteral("^(.*)::[a-z ]+$"));
        if (const auto m = cast.match(sql); m.hasMatch())
            sql = m.captured(1);
    }
    while (sql.startsWith(QLatin1Char('(')) && sql.endsWith(QLatin1Char(')')))
        sql = sql.mid(1, sql.size() - 2).trimmed();
    if (sql.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0)
        return QJsonValue(QJsonValue::Null);
    if (sql.size() >= 2 && sql.startsWith(QLatin1Char('\'')) && sql.endsWith(QLatin1Char('\''))) {
        QString text = sql.mid(1, sql.size() - 2);
        text.replace(QLatin1String("''"), QLatin1String("'"));
        if (type == QLatin1String("integer") || type == QLatin1String("real")) {
            bool ok = false;
            const double d = text.toDouble(&ok);
            if (ok)
                return type == QLatin1String("integer") ? QJsonValue(qint64(d)) : QJsonValue(d);
        }
        return text;
    }
    if (type == QLatin1String("boolean")) {
        const QString b = sql.toLower();
        if (b == QLatin1String("true") || b == QLatin1String("1"))
            return true;
        if (b == QLatin1String("false") || b == QLatin1String("0"))
            return false;
    }
    bool ok = false;
    if (type == QLatin1String("integer")) {
        const qint64 v = sql.toLongLong(&ok);
        if (ok)
            return QJsonValue(v);
    }
    if (type == QLatin1String("real")) {
        const double v = sql.toDouble(&ok);
        if (ok)
            return v;
    }
    *expression = true;
    return QJsonValue(QJsonValue::Undefined);
}

QString singular(const QString &word)
{
    const QString w = word.toLower();
    if (w.endsWith(QLatin1String("ies")) && w.size() > 3)
        return word.left(word.size() - 3) + QLatin1Char('y');
    for (const char *ending : {"sses", "shes", "ches", "xes", "zes"})
        if (w.endsWith(QLatin1String(ending)))
            return word.left(word.size() - 2);
    if (w.endsWith(QLatin1Char('s')) && !w.endsWith(QLatin1String("ss")) && !w.endsWith(QLatin1String("us"))
        && w.size() > 1)
        return word.left(word.size() - 1);
    return word;
}

QString unique(const QString &name, const QSet<QString> &taken)
{
    QString out = name;
    for (int n = 2; taken.contains(out); ++n)
        out = name + QString::number(n);
    return out;
}

} // namespace

QString classNameFor(const QString &table)
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QStringList words = table.split(separators, Qt::SkipEmptyParts);
    if (words.isEmpty())
        return QStringLiteral("Table");
    words.last() = singular(words.last());
    QString name;
    for (const QString &w : std::as_const(words))
        name += w.left(1).toUpper() + w.mid(1);
    if (name.at(0).isDigit())
        name.prepend(QStringLiteral("Table"));
    return name;
}

Result<Imported> read(QSqlDatabase &db, const DatabaseSettings &settings)
{
    if (!db.isOpen())
        return Error {Tr::tr("the database is not open"), {}};
    const bool postgres = Ddl::isPostgres(db.driver());
    auto raw = postgres ? readPostgres(db) : readSqlite(db);
    if (!raw)
        return Error {Tr::tr("cannot read the tables: %1").arg(raw.error().message), raw.error().where};
    Imported out;
    out.project.database = settings;
    out.project.name = settings.name.section(QLatin1Char('/'), -1);

    // the tables that can be classes: primary key columns (several: a
    // composite key) of known types
    QHash<QString, QString> classOf; // table -> class
    QHash<QString, QString> pkOf;    // table -> its primary key column (one-column keys)
    QSet<QString> composite;         // tables whose primary key has several columns
    QHash<QString, QStringList> keyOf; // table -> its primary key columns, in column order
    QSet<QString> classNames;
    QList<const RawTable *> associations; // two columns, both keys, both foreign keys
    for (const RawTable &t : std::as_const(*raw)) {
        const RawColumn *pk = nullptr;
        const RawColumn *untyped = nullptr;
        for (const RawColumn &c : t.columns) {
            if (c.primaryKey && !pk)
                pk = &c;
            if (c.primaryKey && !untyped && typeFor(c.type, postgres).isEmpty())
                untyped = &c;
        }
        if (t.primaryKeyColumns == 2 && t.columns.size() == 2 && t.foreignKeys.size() == 2
            && t.foreignKeys[0].parts == 1 && t.foreignKeys[1].parts == 1) {
            associations << &t; // a many-to-many's association table, maybe: decided below
            continue;
        }
        if (t.primaryKeyColumns < 1 || !pk) {
            out.skipped << Tr::tr("%1: left out: it has no primary key").arg(t.name);
            continue;
        }
        if (untyped) {
            out.skipped << Tr::tr("%1: left out: its primary key %2 is of type %3, which the model "
                                  "does not have")
                               .arg(t.name, untyped->name, untyped->type);
            continue;
        }
        const QString name = unique(classNameFor(t.name), classNames);
        classNames << name;
        classOf.insert(t.name, name);
        for (const RawColumn &c : t.columns)
            if (c.primaryKey)
                keyOf[t.name] << c.name;
        if (t.primaryKeyColumns > 1)
            composite << t.name;
        else
            pkOf.insert(t.name, pk->name);
    }

    for (const RawTable &t : std::as_const(*raw)) {
        if (!classOf.contains(t.name))
            continue;
        ClassDef c;
        c.name = classOf.value(t.name);
        c.table = t.name;
        QSet<QString> attributes;
        QHash<QString, const RawForeignKey *> fkOf;
        // in the order of their columns (SQLite lists foreign keys last
        // declared first), so that the relationships come in that order
        QList<RawForeignKey> foreignKeys = t.foreignKeys;
        auto position = [&t](const QString &column) {
            for (int i = 0; i < t.columns.size(); ++i)
                if (t.columns[i].name == column)
                    return i;
            return int(t.columns.size());
        };
        std::stable_sort(foreignKeys.begin(), foreignKeys.end(),
                         [&](const RawForeignKey &a, const RawForeignKey &b) {
                             return position(a.column) < position(b.column);
                         });
        // a foreign key of several columns: the model matches a class's
        // columns that reference a composite key to its key columns in
        // column order, so the key's columns must come in that order here
        QHash<QString, QList<const RawForeignKey *>> keyParts;
        QStringList keyOrder;
        for (const RawForeignKey &fk : std::as_const(foreignKeys)) {
            if (fk.parts < 2)
                continue;
            if (!keyParts.contains(fk.constraint))
                keyOrder << fk.constraint;
            keyParts[fk.constraint] << &fk; // (in column order)
        }
        QHash<QString, QString> keyWhy; // constraint -> why it is left out (empty: kept)
        QSet<QString> compositeTargets; // one key to each (the model has no way to tell two apart)
        for (const QString &constraint : std::as_const(keyOrder)) {
            const auto &group = keyParts.value(constraint);
            const QString target = group.first()->table;
            const QStringList keys = keyOf.value(target);
            bool inOrder = keys.size() == group.size();
            for (qsizetype i = 0; inOrder && i < group.size(); ++i) {
                const QString referenced = group[i]->targetColumn.isEmpty() ? keys.value(group[i]->part)
                                                                            : group[i]->targetColumn;
                inOrder = referenced == keys.value(i);
            }
            QString why;
            if (!classOf.contains(target))
                why = Tr::tr("%1 is not imported").arg(target);
            else if (!inOrder)
                why = Tr::tr("its columns do not reference the primary key of %1 in the order of their columns")
                          .arg(target);
            else if (compositeTargets.contains(target))
                why = Tr::tr("a second foreign key of several columns to %1 (the model takes one)").arg(target);
            else
                compositeTargets << target;
            keyWhy.insert(constraint, why);
            if (!why.isEmpty())
                out.skipped << Tr::tr("%1: the foreign key of several columns to %2 is left out, the columns "
                                      "kept: %3")
                                   .arg(t.name, target, why);
        }
        for (const RawForeignKey &fk : std::as_const(foreignKeys)) {
            const QString target = fk.table;
            QString why;
            if (fk.parts > 1) {
                if (keyWhy.value(fk.constraint).isEmpty())
                    fkOf.insert(fk.column, &fk);
                continue;
            }
            if (!classOf.contains(target)) {
                why = Tr::tr("%1 is not imported").arg(target);
            } else if (composite.contains(target)) {
                why = Tr::tr("%1 has a composite primary key, which a foreign key of one column cannot reference")
                          .arg(target);
            } else if (!fk.targetColumn.isEmpty() && fk.targetColumn != pkOf.value(target)) {
                why = Tr::tr("it references %1.%2, not the primary key").arg(target, fk.targetColumn);
            }
            if (!why.isEmpty()) {
                out.skipped << Tr::tr("%1.%2: the foreign key is left out, the column kept: %3")
                                   .arg(t.name, fk.column, why);
                continue;
            }
            fkOf.insert(fk.column, &fk);
        }
        for (const RawColumn &rc : t.columns) {
            const QString type = typeFor(rc.type, postgres);
            if (type.isEmpty()) {
                out.skipped << Tr::tr("%1.%2: left out: type %3 is not one the model has")
                                   .arg(t.name, rc.name, rc.type.isEmpty() ? Tr::tr("(none)") : rc.type);
                continue;
            }
            ColumnDef col;
            col.name = rc.name;
            col.typeName = type;
            col.primaryKey = rc.primaryKey;
            col.nullable = !rc.notNull && !rc.primaryKey;
            col.unique = rc.unique && !rc.primaryKey;
            // a generated key's sequence is the database's business
            const bool serial = postgres && rc.primaryKey && rc.defaultSql.startsWith(QLatin1String("nextval("));
            if (!serial) {
                bool expression = false;
                col.defaultValue = defaultFor(rc.defaultSql, type, postgres, &expression);
                if (expression)
                    out.skipped << Tr::tr("%1.%2: its default %3 is an expression: left out")
                                       .arg(t.name, rc.name, rc.defaultSql);
            }
            if (const RawForeignKey *fk = fkOf.value(rc.name))
                col.references = classOf.value(fk->table);
            attributes << col.name;
            c.columns << col;
        }
        for (const QString &note : t.notes)
            out.skipped << note;
        out.tables << Table {t.name, c.name, int(c.columns.size())};
        out.project.schema.classes << c;
    }

    // each foreign key a many-to-one with a one-to-many backref on its target
    for (ClassDef &c : out.project.schema.classes) {
        QSet<QString> taken;
        for (const ColumnDef &col : std::as_const(c.columns))
            taken << col.name;
        for (const RelationshipDef &r : std::as_const(c.relationships))
            taken << r.name;
        QSet<QString> compositeDone;
        QHash<QString, int> toClass; // how many columns reference each class
        for (const ColumnDef &col : std::as_const(c.columns))
            if (!col.references.isEmpty())
                ++toClass[col.references];
        for (const ColumnDef &col : std::as_const(c.columns)) {
            if (col.references.isEmpty())
                continue;
            const ClassDef *target = out.project.schema.classDef(col.references);
            const bool compositeKey = target && target->hasCompositeKey();
            if (compositeKey && compositeDone.contains(col.references))
                continue;
            QString name = col.name;
            static const QRegularExpression idSuffix(QStringLiteral("_?id$"), QRegularExpression::CaseInsensitiveOption);
            name.remove(idSuffix);
            if (name.isEmpty() || taken.contains(name) || compositeKey) // (named after the class it references)
                name = col.references.toLower();
            name = unique(name, taken);
            taken << name;
            RelationshipDef r;
            r.name = name;
            r.kindName = QStringLiteral("many-to-one");
            r.target = col.references;
            r.backref = c.table;
            if (compositeKey) {
                // the columns that reference a composite key are one foreign
                // key: one relationship, at its first column
                compositeDone << col.references;
            } else if (toClass.value(col.references) > 1) {
                // several to one class (author_id, editor_id): each names its
                // column, and its backref says which (author_books, editor_books)
                r.foreignKey = col.name;
                r.backref = name + QLatin1Char('_') + c.table;
            }
            c.relationships << r;
        }
    }
    // an association table of two imported classes, its columns named as
    // Mapperscope names them (post_id, tag_id): a many-to-many on the class
    // of its first column, named after the other's table, its backref after
    // this one's
    for (const RawTable *t : std::as_const(associations)) {
        Schema &schema = out.project.schema;
        const RawForeignKey *fks[2] = {nullptr, nullptr};
        for (const RawForeignKey &fk : t->foreignKeys)
            for (int i = 0; i < 2; ++i)
                if (fk.column == t->columns[i].name)
                    fks[i] = &fk;
        QString why;
        if (!fks[0] || !fks[1] || !t->columns[0].primaryKey || !t->columns[1].primaryKey)
            why = Tr::tr("its two foreign keys are not its two primary key columns");
        for (int i = 0; why.isEmpty() && i < 2; ++i) {
            if (!classOf.contains(fks[i]->table))
                why = Tr::tr("%1 is not imported").arg(fks[i]->table);
            else if (composite.contains(fks[i]->table))
                why = Tr::tr("%1 has a composite primary key").arg(fks[i]->table);
            else if (!fks[i]->targetColumn.isEmpty() && fks[i]->targetColumn != pkOf.value(fks[i]->table))
                why = Tr::tr("it references %1.%2, not the primary key").arg(fks[i]->table, fks[i]->targetColumn);
        }
        if (why.isEmpty() && fks[0]->table == fks[1]->table)
            why = Tr::tr("it links %1 to itself (a many-to-many of a class to itself comes later)").arg(fks[0]->table);
        const int left = why.isEmpty() ? schema.classIndex(classOf.value(fks[0]->table)) : -1;
        const int right = why.isEmpty() ? schema.classIndex(classOf.value(fks[1]->table)) : -1;
        RelationshipDef r;
        if (why.isEmpty()) {
            QSet<QString> taken;
            for (const ColumnDef &col : std::as_const(schema.classes[left].columns))
                taken << col.name;
            for (const RelationshipDef &other : std::as_const(schema.classes[left].relationships))
                taken << other.name;
            r.name = unique(fks[1]->table, taken);
            r.kindName = QStringLiteral("many-to-many");
            r.target = schema.classes[right].name;
            r.secondary = t->name;
            r.backref = fks[0]->table;
            const auto columns = schema.associationColumns(left, r);
            if (columns.first != t->columns[0].name || columns.second != t->columns[1].name)
                why = Tr::tr("its columns are not named %1 and %2, as Mapperscope names an association table's")
                          .arg(columns.first, columns.second);
        }
        if (!why.isEmpty()) {
            out.skipped << Tr::tr("%1: left out: %2").arg(t->name, why);
            continue;
        }
        schema.classes[left].relationships << r;
    }

    // backref names must not clash on their targets
    for (ClassDef &c : out.project.schema.classes) {
        for (RelationshipDef &r : c.relationships) {
            ClassDef *target = nullptr;
            for (ClassDef &t : out.project.schema.classes)
                if (t.name == r.target)
                    target = &t;
            QSet<QString> taken;
            for (const ColumnDef &col : target->columns)
                taken << col.name;
            for (const RelationshipDef &tr : target->relationships)
                taken << tr.name;
            for (const ClassDef &other : std::as_const(out.project.schema.classes))
                for (const RelationshipDef &o : other.relationships)
                    if (&o != &r && o.target == r.target && !o.backref.isEmpty())
                        taken << o.backref;
            if (taken.contains(r.backref))
                r.backref = unique(r.backref, taken);
        }
    }
    return out;
}

Result<Imported> read(const DatabaseSettings &settings)
{
    Connection connection;
    if (auto opened = connection.open(settings, Connection::Access::ReadOnly); !opened)
        return Error {opened.error().message, settings.name};
    return read(connection.database(), settings);
}

QStringList differences(const Schema &model, const Schema &database)
{
    QStringList out;
    auto byTable = [&database](const QString &table) -> const ClassDef * {
        for (const ClassDef &c : database.classes)
            if (c.tableName() == table)
                return &c;
        return nullptr;
    };
    for (const ClassDef &c : model.classes) {
        const QString table = c.tableName();
        const ClassDef *d = byTable(table);
        if (!d) {
            out << Tr::tr("table %1 (class %2) is missing").arg(table, c.name);
            continue;
        }
        for (const ColumnDef &col : c.columns) {
            const ColumnDef *dc = d->column(col.name);
            const QString where = table + QLatin1Char('.') + col.name;
            if (!dc) {
                out << Tr::tr("%1: the column is missing").arg(where);
                continue;
            }
            if (dc->typeName != col.typeName)
                out << Tr::tr("%1: %2 in the database, %3 in the model").arg(where, dc->typeName, col.typeName);
            if (dc->primaryKey != col.primaryKey)
                out << (col.primaryKey ? Tr::tr("%1: the model's primary key is not the table's").arg(where)
                                       : Tr::tr("%1: the table's primary key is not the model's").arg(where));
            else if (!col.primaryKey && dc->nullable != col.nullable)
                out << (dc->nullable ? Tr::tr("%1: NOT NULL in the model, not in the database").arg(where)
                                     : Tr::tr("%1: NOT NULL in the database, not in the model").arg(where));
            if (!col.primaryKey && dc->unique != col.unique)
                out << (dc->unique ? Tr::tr("%1: UNIQUE in the database, not in the model").arg(where)
                                   : Tr::tr("%1: UNIQUE in the model, not in the database").arg(where));
            if (col.isForeignKey()) {
                const ClassDef *target = model.classDef(col.references);
                const ClassDef *dTarget = dc->references.isEmpty() ? nullptr : database.classDef(dc->references);
                if (!dTarget)
                    out << Tr::tr("%1: the foreign key to %2 is missing").arg(where, target ? target->tableName() : col.references);
                else if (target && dTarget->tableName() != target->tableName())
                    out << Tr::tr("%1: the foreign key goes to %2, not %3").arg(where, dTarget->tableName(), target->tableName());
            }
        }
        for (const ColumnDef &dc : d->columns) {
            if (c.column(dc.name) || dc.nullable || dc.hasDefault())
                continue;
            out << Tr::tr("%1.%2: NOT NULL without a default, and not in the model: an INSERT would fail")
                       .arg(table, dc.name);
        }
    }
    return out;
}

Result<Project> renamed(const Imported &imported, const QHash<QString, QString> &names)
{
    QHash<QString, QString> oldToNew; // class -> class
    QSet<QString> seen;
    for (const Table &t : imported.tables) {
        const QString name = names.value(t.table, t.className).trimmed();
        if (name.isEmpty())
            return Error {Tr::tr("table %1 needs a class name").arg(t.table), t.table};
        if (seen.contains(name))
            return Error {Tr::tr("two tables would become class %1").arg(name), t.table};
        seen << name;
        oldToNew.insert(t.className, name);
    }
    Project p = imported.project;
    for (ClassDef &c : p.schema.classes) {
        c.name = oldToNew.value(c.name, c.name);
        for (ColumnDef &col : c.columns)
            if (!col.references.isEmpty())
                col.references = oldToNew.value(col.references, col.references);
        for (RelationshipDef &r : c.relationships)
            r.target = oldToNew.value(r.target, r.target);
    }
    // an association table's columns are named after its classes (post_id):
    // a class renamed otherwise would no longer match the table read
    const QList<AssociationTable> before = imported.project.schema.associationTables();
    const QList<AssociationTable> after = p.schema.associationTables();
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (i < after.size() && after[i].leftColumn == before[i].leftColumn
            && after[i].rightColumn == before[i].rightColumn)
            continue;
        return Error {Tr::tr("the columns %1 and %2 of association table %3 are named after the classes %4 and %5: "
                             "keep those names (a change of case only is fine)")
                          .arg(before[i].leftColumn, before[i].rightColumn, before[i].name,
                               imported.project.schema.classes[before[i].leftClass].name,
                               imported.project.schema.classes[before[i].rightClass].name),
                      before[i].name};
    }
    return p;
}

} // namespace ms::DatabaseImport
