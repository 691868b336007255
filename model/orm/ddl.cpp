#include "ddl.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>
#include <QSqlField>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Ddl)
};

// A DEFAULT clause's literal. Numbers and booleans are written by us; text
// goes through the driver's formatValue(), which escapes quotes.
QString literal(const QSqlDriver *driver, ColumnType type, const QJsonValue &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    switch (type) {
    case ColumnType::Integer:
        // validate() refuses other defaults; never cast an out-of-range double.
        if (isWholeNumber(v.toDouble()))
            return QString::number(qint64(v.toDouble()));
        [[fallthrough]];
    case ColumnType::Real:
        return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    case ColumnType::Boolean:
        if (Ddl::isPostgres(driver))
            return v.toBool() ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
        return v.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case ColumnType::Text:
    case ColumnType::Date:
    case ColumnType::DateTime:
        break;
    }
    QSqlField field(QString(), QMetaType(QMetaType::QString));
    field.setValue(v.toString());
    return driver->formatValue(field);
}
} // namespace

bool Ddl::isPostgres(const QSqlDriver *driver)
{
    return driver && driver->dbmsType() == QSqlDriver::PostgreSQL;
}

Result<QString> Ddl::quote(const QSqlDriver *driver, const QString &name,
                           QSqlDriver::IdentifierType type)
{
    if (name.isEmpty())
        return Error{Tr::tr("an SQL name cannot be empty"), {}};
    if (const QString why = sqlIdentifierProblem(name); !why.isEmpty())
        return Error{why, QLatin1Char('"') + name + QLatin1Char('"')};
    const QString quoted = driver->escapeIdentifier(name, type);
    // The drivers' rule is the SQL standard's: wrap in double quotes and
    // double the ones inside. Anything else would paste the name raw.
    QString expected = name;
    expected.replace(QLatin1Char('"'), QLatin1String("\"\""));
    expected = QLatin1Char('"') + expected + QLatin1Char('"');
    if (quoted != expected)
        return Error{Tr::tr("the SQL driver does not quote this name safely"),
                     QLatin1Char('"') + name + QLatin1Char('"')};
    return quoted;
}

QString Ddl::sqlType(const QSqlDriver *driver, ColumnType type, bool generatedKey)
{
    const bool pg = isPostgres(driver);
    switch (type) {
    case ColumnType::Integer:
        return pg && generatedKey ? QStringLiteral("SERIAL") : QStringLiteral("INTEGER");
    case ColumnType::Real:
        return pg ? QStringLiteral("DOUBLE PRECISION") : QStringLiteral("REAL");
    case ColumnType::Text:
        return QStringLiteral("TEXT");
    case ColumnType::Boolean:
        return QStringLiteral("BOOLEAN");
    case ColumnType::Date:
        return QStringLiteral("DATE");
    case ColumnType::DateTime:
        return pg ? QStringLiteral("TIMESTAMP") : QStringLiteral("DATETIME");
    }
    return {};
}

Result<QString> Ddl::createTable(const QSqlDriver *driver, const Schema &schema, int classIdx,
                                 bool documents)
{
    const ClassDef &cls = schema.classes[classIdx];
    const auto table = quote(driver, cls.tableName(), QSqlDriver::TableName);
    if (!table)
        return Error{table.error().message, Tr::tr("table of class %1").arg(cls.name)};
    QStringList lines;
    QStringList constraints;
    QStringList keys; // PRIMARY KEY (a, b) for a composite key, first among the constraints
    const bool composite = cls.hasCompositeKey();
    for (const ColumnDef &col : cls.columns) {
        const auto name = quote(driver, col.name, QSqlDriver::FieldName);
        if (!name)
            return Error{name.error().message, cls.name + QLatin1Char('.') + col.name};
        const auto type = col.type();
        if (!type)
            return Error{Tr::tr("unknown type \"%1\"").arg(col.typeName), cls.name + QLatin1Char('.') + col.name};
        // (SQLAlchemy's autoincrement="auto": a one-column integer key only)
        const bool generatedKey = col.primaryKey && !composite && *type == ColumnType::Integer;
        QString line = *name + QLatin1Char(' ') + sqlType(driver, *type, generatedKey);
        // (a collection of documents checks nothing but its unique indexes:
        // Ming validates values itself, and a bulk update does not)
        if (!col.nullable && (!documents || col.primaryKey))
            line += QStringLiteral(" NOT NULL");
        if (col.hasDefault())
            line += QStringLiteral(" DEFAULT ") + literal(driver, *type, col.defaultValue);
        lines << line;
        if (col.primaryKey)
            keys << *name;
        if (col.unique)
            constraints << QStringLiteral("UNIQUE (%1)").arg(*name);
    }
    if (!keys.isEmpty())
        constraints.prepend(QStringLiteral("PRIMARY KEY (%1)").arg(keys.join(QStringLiteral(", "))));
    // FOREIGN KEY (a) REFERENCES t (id); to a composite key, one of the
    // columns that reference it together: FOREIGN KEY (a, b) REFERENCES t (x, y)
    QSet<QString> done;
    for (const ColumnDef &col : cls.columns) {
        if (!col.isForeignKey() || documents) // MongoDB has no foreign keys
            continue;
        const int targetIdx = schema.classIndex(col.references);
        const ClassDef *target = targetIdx < 0 ? nullptr : &schema.classes[targetIdx];
        if (!target || !target->primaryKey())
            return Error{Tr::tr("references %1, which has no primary key").arg(col.references),
                         cls.name + QLatin1Char('.') + col.name};
        const auto targetTable = quote(driver, target->tableName(), QSqlDriver::TableName);
        if (!targetTable)
            return Error{Tr::tr("cannot quote the names of %1").arg(target->name), cls.name};
        QList<int> columns{cls.columnIndex(col.name)};
        if (target->hasCompositeKey()) {
            if (done.contains(target->name))
                continue;
            done.insert(target->name);
            const auto keys = schema.foreignKeyColumns(classIdx, targetIdx);
            if (keys.isEmpty())
                return Error{Tr::tr("references %1, whose primary key has %2 columns").arg(col.references)
                                 .arg(target->primaryKeyIndexes().size()),
                             cls.name + QLatin1Char('.') + col.name};
            columns = keys.first();
        }
        const QList<int> keyColumns = target->primaryKeyIndexes();
        QStringList local, remote;
        for (qsizetype i = 0; i < columns.size(); ++i) {
            const auto name = quote(driver, cls.columns[columns[i]].name, QSqlDriver::FieldName);
            const auto key = quote(driver, target->columns[keyColumns[i]].name, QSqlDriver::FieldName);
            if (!name || !key)
                return Error{Tr::tr("cannot quote the names of %1").arg(target->name), cls.name};
            local << *name;
            remote << *key;
        }
        constraints << QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                           .arg(local.join(QStringLiteral(", ")), *targetTable, remote.join(QStringLiteral(", ")));
    }
    lines << constraints;
    return QStringLiteral("CREATE TABLE %1 (\n    %2\n)")
        .arg(*table, lines.join(QStringLiteral(",\n    ")));
}

Result<QString> Ddl::createAssociationTable(const QSqlDriver *driver, const Schema &schema,
                                            const AssociationTable &t)
{
    const auto table = quote(driver, t.name, QSqlDriver::TableName);
    if (!table)
        return Error{table.error().message, Tr::tr("association table %1").arg(t.name)};
    QStringList lines, keys, constraints;
    const QList<QPair<int, QString>> sides{{t.leftClass, t.leftColumn}, {t.rightClass, t.rightColumn}};
    for (const auto &[classIdx, column] : sides) {
        const ClassDef &cls = schema.classes.at(classIdx);
        const ColumnDef *pk = cls.primaryKey();
        const auto name = quote(driver, column, QSqlDriver::FieldName);
        const auto targetTable = quote(driver, cls.tableName(), QSqlDriver::TableName);
        if (!pk || !name || !targetTable)
            return Error{Tr::tr("cannot quote the names of %1").arg(cls.name), t.name};
        const auto targetKey = quote(driver, pk->name, QSqlDriver::FieldName);
        const auto type = pk->type();
        if (!targetKey || !type)
            return Error{Tr::tr("cannot quote the names of %1").arg(cls.name), t.name};
        lines << *name + QLatin1Char(' ') + sqlType(driver, *type, false) + QStringLiteral(" NOT NULL");
        keys << *name;
        constraints << QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)").arg(*name, *targetTable, *targetKey);
    }
    lines << QStringLiteral("PRIMARY KEY (%1)").arg(keys.join(QStringLiteral(", "))) << constraints;
    return QStringLiteral("CREATE TABLE %1 (\n    %2\n)").arg(*table, lines.join(QStringLiteral(",\n    ")));
}

} // namespace ms
