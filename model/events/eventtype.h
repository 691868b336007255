#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <span>

namespace ms {

/// The lanes of the timeline and the `category` of a trace line.
enum class EventCategory : quint8 {
    Session,
    Mapper,
    Instance,
    Attribute,
    Query,
    Instrumentation,
    Statement,
    Step,
};

QString categoryName(EventCategory category);
/// The category as the interface names it (translated); categoryName() is
/// the name files and listeners use.
QString categoryTitle(EventCategory category);
std::optional<EventCategory> categoryFromName(const QString &name);

/// What a listener for a hook is registered on (see events.md, "Listening").
enum class TargetKind : quint8 {
    Session,   ///< the session ("*" or "session" in a project file)
    Mapper,    ///< a mapped class, or "*" for every mapper
    Attribute, ///< "Class.attribute"
    None,      ///< not listenable (statements, step markers, errors)
};

/// Every hook Mapperscope fires. The names are SQLAlchemy's (or Ming's, for
/// the hooks only Ming has); the order here is the catalogue's order.
enum class EventType : quint8 {
    // Mapper: configuration
    InstrumentClass,
    BeforeConfigured,
    BeforeMapperConfigured,
    MapperConfigured,
    AfterConfigured,
    // Mapper: persistence
    BeforeInsert,
    AfterInsert,
    BeforeUpdate,
    AfterUpdate,
    BeforeDelete,
    AfterDelete,
    // Ming: bulk delete
    BeforeRemove,
    AfterRemove,
    // Session: flush
    BeforeFlush,
    AfterFlush,
    AfterFlushPostexec,
    // Session: transactions
    AfterTransactionCreate,
    AfterTransactionEnd,
    AfterBegin,
    BeforeCommit,
    AfterCommit,
    AfterRollback,
    AfterSoftRollback,
    // Session: attachment and execution
    BeforeAttach,
    AfterAttach,
    DoOrmExecute,
    AfterBulkUpdate,
    AfterBulkDelete,
    // Session: object lifecycle
    TransientToPending,
    PendingToTransient,
    PendingToPersistent,
    PersistentToTransient,
    DetachedToPersistent,
    LoadedAsPersistent,
    PersistentToDeleted,
    DeletedToPersistent,
    DeletedToDetached,
    PersistentToDetached,
    // Instance
    Init,
    InitFailure,
    Load,
    Refresh,
    RefreshFlush,
    Expire,
    // Attribute
    Set,
    Append,
    Remove,
    BulkReplace,
    InitCollection,
    DisposeCollection,
    InitScalar,
    Modified,
    // Query
    BeforeCompile,
    BeforeCompileUpdate,
    BeforeCompileDelete,
    CursorCreated,
    BeforeCursorNext,
    AfterCursorNext,
    // Instrumentation
    ClassInstrument,
    ClassUninstrument,
    AttributeInstrument,
    // Not hooks: shown on their own lanes
    Statement, ///< an SQL statement reached the database
    Warning,   ///< what SQLAlchemy warns about (a session change inside a mapper hook)
    Error,     ///< an operation failed
    Step,      ///< a user action or scenario step (the lane of user actions)
    NotFired,  ///< the mapper hooks a bulk statement skipped for an object it changed
    Count
};

/// One entry of the catalogue: what the inspector and `mapperscope-cli events` show.
struct EventInfo
{
    EventType type;
    EventCategory category;
    TargetKind target;
    const char *name;        ///< the hook's name as SQLAlchemy (or Ming) spells it
    const char *arguments;   ///< the hook's signature, e.g. "mapper, connection, target"
    const char *explanation; ///< one paragraph for learners (English source, translatable)
    bool mingOnly;           ///< a Ming hook with no SQLAlchemy counterpart
};

constexpr int eventTypeCount = int(EventType::Count);

const EventInfo &eventInfo(EventType type);
std::span<const EventInfo> eventCatalogue();
std::optional<EventType> eventTypeFromName(const QString &name);
QString eventName(EventType type);
/// The explanation in the user's language (through the "EventCatalogue" context).
QString eventExplanation(EventType type);

} // namespace ms
