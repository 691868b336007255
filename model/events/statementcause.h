#pragma once

#include <QString>
#include <QtGlobal>

namespace ms {

/// Why a statement was sent: what the session was doing (the flush writing
/// an object's row, a query, a lazy load of one object's attribute, ...)
/// and, for a flush's statements, what triggered that flush when it was an
/// autoflush. Recorded with each statement event.
struct StatementCause
{
    enum class Kind : quint8 {
        None,
        Insert,      ///< the flush: the object's INSERT
        Update,      ///< the flush: the object's UPDATE
        Delete,      ///< the flush: the object's DELETE
        Query,       ///< an explicit query (Session.query(...).all())
        Get,         ///< Session.get() past the identity map
        LazyLoad,    ///< a relationship read on an object (lazy="select")
        Expired,     ///< expired attributes of an object read back
        Refresh,     ///< Session.refresh() of an object
        BulkUpdate,  ///< query.update(): outside the unit of work
        BulkDelete,  ///< query.delete(): outside the unit of work
        Ddl,         ///< the tables made by Apply
        EagerLoad,   ///< a relationship of the objects just loaded (lazy="selectin"/"subquery")
        Link,        ///< the flush: a many-to-many's association rows (class, attribute: the relationship)
        Last = Link, ///< (the stored form reads kinds up to this one: keep it the last)
    };
    Kind kind = Kind::None;
    quint32 objectId = 0;  ///< the object it is about; 0: none
    quint16 classId = 0;   ///< that object's class, or the class queried
    quint16 attribute = 0; ///< 1-based attribute of that class (a lazy or eager load)

    bool isFlush() const
    {
        return kind == Kind::Insert || kind == Kind::Update || kind == Kind::Delete || kind == Kind::Link;
    }
    bool operator==(const StatementCause &) const = default;

    /// The name the trace writes: "insert", "lazy load", "expired attributes", ...
    static QString kindName(Kind kind);
};

inline QString StatementCause::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QString();
    case Kind::Insert: return QStringLiteral("insert");
    case Kind::Update: return QStringLiteral("update");
    case Kind::Delete: return QStringLiteral("delete");
    case Kind::Query: return QStringLiteral("query");
    case Kind::Get: return QStringLiteral("get");
    case Kind::LazyLoad: return QStringLiteral("lazy load");
    case Kind::Expired: return QStringLiteral("expired attributes");
    case Kind::Refresh: return QStringLiteral("refresh");
    case Kind::BulkUpdate: return QStringLiteral("bulk update");
    case Kind::BulkDelete: return QStringLiteral("bulk delete");
    case Kind::Ddl: return QStringLiteral("ddl");
    case Kind::EagerLoad: return QStringLiteral("eager load");
    case Kind::Link: return QStringLiteral("association rows");
    }
    return QString();
}

} // namespace ms
