#include "sqlitestatements.h"

#include <QSqlDatabase>
#include <QSqlDriver>

#include <sqlite3.h>

namespace ms {

SqliteStatements::~SqliteStatements()
{
    m_streaming = 0;
    finalizeAll();
    bury();
}

void SqliteStatements::finalizeAll()
{
    for (sqlite3_stmt *s : std::as_const(m_statements)) {
        if (m_streaming > 0) {
            m_retired.append(s);
            m_retiredHere = true;
        } else {
            sqlite3_finalize(s);
        }
    }
    m_statements.clear();
    m_lastSql.clear();
    m_last = nullptr;
}

void SqliteStatements::bury()
{
    for (sqlite3_stmt *s : std::as_const(m_retired))
        sqlite3_finalize(s);
    m_retired.clear();
    m_retiredHere = false;
    for (sqlite3 *db : std::as_const(m_letGo))
        sqlite3_close(db);
    m_letGo.clear();
}

void SqliteStatements::endStreaming()
{
    if (--m_streaming == 0)
        bury();
}

sqlite3 *SqliteStatements::sync(const QSqlDatabase &db)
{
    sqlite3 *now = nullptr;
    if (db.isOpen() && db.driverName() == QLatin1String("QSQLITE")) {
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            now = *static_cast<sqlite3 *const *>(handle.constData());
    }
    if (now != m_db) {
        // Qt closed (or reopened) the database behind the connection's
        // back while statements of ours were prepared: its sqlite3_close()
        // failed and left the old handle open, which is closed now.
        // (statements of ours on it, so Qt's sqlite3_close() was refused)
        const bool held = !m_statements.isEmpty() || m_retiredHere;
        finalizeAll();
        if (m_db && held)
            m_letGo.append(m_db);
        m_retiredHere = false;
        if (m_streaming == 0)
            bury();
        m_db = now;
    }
    return m_db;
}

void SqliteStatements::release(const QSqlDatabase &db)
{
    sync(db);
    finalizeAll();
}

sqlite3_stmt *SqliteStatements::statement(const QString &sql)
{
    // A flush's batch sends the same statement again: the same QString
    // data, so no hashing of the SQL.
    if (m_last && sql.constData() == m_lastSql.constData() && sql.size() == m_lastSql.size())
        return m_last;
    sqlite3_stmt *s = m_statements.value(sql);
    if (!s) {
        const char16_t *tail = nullptr;
        if (sqlite3_prepare16_v3(m_db, sql.constData(), int((sql.size() + 1) * sizeof(QChar)),
                                 SQLITE_PREPARE_PERSISTENT, &s,
                                 reinterpret_cast<const void **>(&tail))
                != SQLITE_OK
            || !s) {
            sqlite3_finalize(s);
            return nullptr;
        }
        if (tail && !QStringView(tail).trimmed().isEmpty()) {
            // several statements: Qt refuses them, and says so
            sqlite3_finalize(s);
            return nullptr;
        }
        m_statements.insert(sql, s);
    }
    m_lastSql = sql;
    m_last = s;
    return s;
}

bool SqliteStatements::bind(sqlite3_stmt *s, const QList<QVariant> &params)
{
    if (sqlite3_bind_parameter_count(s) != params.size())
        return false;
    for (int i = 0; i < params.size(); ++i) {
        const QVariant &v = params[i];
        const int at = i + 1;
        int rc = SQLITE_OK;
        // QSqlResultPrivate::isVariantNull() for the types bound here
        if (v.isNull()) {
            rc = sqlite3_bind_null(s, at);
            continue;
        }
        switch (v.typeId()) {
        case QMetaType::QString: {
            const auto *text = static_cast<const QString *>(v.constData());
            rc = text->isNull() ? sqlite3_bind_null(s, at)
                                : sqlite3_bind_text16(s, at, text->unicode(),
                                                      int(text->size() * sizeof(QChar)),
                                                      SQLITE_STATIC);
            break;
        }
        case QMetaType::Int:
        case QMetaType::Bool:
            rc = sqlite3_bind_int(s, at, v.toInt());
            break;
        case QMetaType::Double:
            rc = sqlite3_bind_double(s, at, v.toDouble());
            break;
        case QMetaType::UInt:
        case QMetaType::LongLong:
            rc = sqlite3_bind_int64(s, at, v.toLongLong());
            break;
        case QMetaType::QByteArray: {
            const auto *bytes = static_cast<const QByteArray *>(v.constData());
            rc = bytes->isNull() ? sqlite3_bind_null(s, at)
                                 : sqlite3_bind_blob(s, at, bytes->constData(),
                                                     int(bytes->size()), SQLITE_STATIC);
            break;
        }
        default:
            // dates, times and the rest: Qt SQL binds them
            sqlite3_clear_bindings(s);
            return false;
        }
        if (rc != SQLITE_OK) {
            sqlite3_clear_bindings(s);
            return false;
        }
    }
    return true;
}

QVariant SqliteStatements::value(sqlite3_stmt *s, int c)
{
    switch (sqlite3_column_type(s, c)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(s, c)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(s, c));
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char *>(sqlite3_column_blob(s, c)),
                                   sqlite3_column_bytes(s, c)));
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    default: {
        // the text as the database keeps it (UTF-8), converted by Qt: the
        // same string Qt's driver makes from sqlite3_column_text16(), for
        // a fraction of SQLite's own conversion
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(s, c));
        const int bytes = sqlite3_column_bytes(s, c);
        if (!text || bytes == 0) {
            // as QString(pointer, 0) in the driver: empty, and null only
            // when SQLite gave no pointer
            static const QChar none;
            return QVariant(text ? QString(&none, 0) : QString());
        }
        return QVariant(QString::fromUtf8(text, bytes));
    }
    }
}

} // namespace ms
