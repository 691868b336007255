#include "registry.h"

#include "ddl.h"
#include "events/dispatcher.h"
#include "events/eventlog.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace ms {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Registry)
};
} // namespace

Registry::Registry(Dispatcher *dispatcher) : m_dispatcher(dispatcher) {}

Registry::~Registry() = default;

void Registry::fire(EventType type, quint32 classId, quint32 attribute)
{
    if (!m_dispatcher || m_documentTables || !m_dispatcher->isActive(type))
        return;
    Event e;
    e.type = type;
    e.flags = Event::ConfigurePhase;
    e.classId = classId;
    e.attribute = attribute;
    m_dispatcher->fire(e);
}

Result<void> Registry::map(const Schema &schema)
{
    if (isMapped())
        return Error{Tr::tr("this registry has mapped its classes already; mapping again needs a "
                            "new session"),
                     {}};
    const Problems problems = schema.validate();
    if (!problems.isEmpty()) {
        QStringList lines;
        for (const Problem &p : problems)
            lines << p.toString();
        return Error{Tr::tr("the model cannot be mapped:\n%1").arg(lines.join(QLatin1Char('\n'))),
                     {}};
    }
    m_schema = schema;
    m_order = schema.dependencyOrder();
    EventLog *log = m_dispatcher ? m_dispatcher->recorder() : nullptr;
    for (int c = 0; c < schema.classes.size(); ++c) {
        const quint32 id = quint32(c + 1);
        m_mappers.push_back(std::make_unique<Mapper>(id, schema.classes[c], schema.relationshipsOf(c)));
        if (log) {
            const quint32 logged = log->defineClass(schema.classes[c].name,
                                                    m_mappers.back()->attributeNames());
            Q_ASSERT(logged == id);
            Q_UNUSED(logged);
        }
    }

    // Instrumentation: SQLAlchemy's mapper fires instrument_class before it
    // registers the class with the instrumentation manager.
    for (const auto &m : m_mappers) {
        fire(EventType::InstrumentClass, m->classId());
        fire(EventType::ClassInstrument, m->classId());
    }

    // Configuration. Attributes are instrumented as their mapper configures:
    // relationships first (a backref they create lands on the target class
    // just before the relationship itself), then columns.
    fire(EventType::BeforeConfigured);
    for (const auto &m : m_mappers) {
        fire(EventType::BeforeMapperConfigured, m->classId());
        for (const ResolvedRelationship &rel : m->relationships()) {
            if (!rel.declared)
                continue;
            const Mapper *target = m_mappers[size_t(rel.targetIndex)].get();
            if (!rel.backref.isEmpty() && !target->classDef().hasAttribute(rel.backref))
                fire(EventType::AttributeInstrument, target->classId(),
                     target->attributeIndex(rel.backref));
            fire(EventType::AttributeInstrument, m->classId(), m->attributeIndex(rel.name));
        }
        for (const ColumnDef &col : m->columns())
            fire(EventType::AttributeInstrument, m->classId(), m->attributeIndex(col.name));
        fire(EventType::MapperConfigured, m->classId());
    }
    fire(EventType::AfterConfigured);
    return {};
}

Mapper *Registry::mapper(const QString &className) const
{
    for (const auto &m : m_mappers) {
        if (m->className() == className)
            return m.get();
    }
    return nullptr;
}

Mapper *Registry::mapper(quint32 classId) const
{
    return classId == 0 || classId > m_mappers.size() ? nullptr : m_mappers[classId - 1].get();
}

QList<Mapper *> Registry::dependencyOrder() const
{
    QList<Mapper *> result;
    for (int c : m_order)
        result << m_mappers[size_t(c)].get();
    return result;
}

Result<QStringList> Registry::createStatementsFor(const Schema &schema, const QString &driverName,
                                                  bool documents)
{
    if (!QSqlDatabase::isDriverAvailable(driverName))
        return Error{Tr::tr("the Qt SQL driver %1 is not installed (available: %2)")
                         .arg(driverName, QSqlDatabase::drivers().join(QStringLiteral(", "))),
                     {}};
    Registry registry;
    registry.setOrm(documents ? Orm::Ming : Orm::SqlAlchemy);
    if (auto mapped = registry.map(schema); !mapped)
        return mapped.error();
    // The driver renders the SQL; no connection is opened.
    const QString connection = QUuid::createUuid().toString();
    Result<QStringList> statements = QStringList();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driverName, connection);
        statements = registry.createStatements(db.driver());
    }
    QSqlDatabase::removeDatabase(connection);
    return statements;
}

Result<QStringList> Registry::createStatements(const QSqlDriver *driver) const
{
    if (!driver)
        return Error{Tr::tr("no database driver"), {}};
    QStringList statements;
    for (int c : m_order) {
        auto sql = Ddl::createTable(driver, m_schema, c, m_documentTables);
        if (!sql)
            return sql.error();
        statements << *sql;
    }
    for (const AssociationTable &t : m_schema.associationTables()) {
        auto sql = Ddl::createAssociationTable(driver, m_schema, t);
        if (!sql)
            return sql.error();
        statements << *sql;
    }
    return statements;
}

Result<void> Registry::createTables(QSqlDatabase &db) const
{
    const auto statements = createStatements(db.driver());
    if (!statements)
        return statements.error();
    // SQLite and PostgreSQL both run DDL inside a transaction, so a failing
    // CREATE leaves no half-made schema behind.
    if (!db.transaction())
        return Error{Tr::tr("cannot begin a transaction: %1").arg(db.lastError().text()), {}};
    QSqlQuery query(db);
    for (const QString &sql : *statements) {
        if (!query.exec(sql)) {
            const QString reason = query.lastError().text();
            db.rollback();
            return Error{reason, sql};
        }
    }
    if (!db.commit()) {
        const QString reason = db.lastError().text();
        db.rollback();
        return Error{Tr::tr("cannot commit the new tables: %1").arg(reason), {}};
    }
    return {};
}

} // namespace ms
