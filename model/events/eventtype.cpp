#include "eventtype.h"

#include <QCoreApplication>
#include <QLatin1String>
#include <QtGlobal>

#include <cstddef>
#include <iterator>

namespace ms {

namespace {

// One entry per EventType, in enum order (checked below). The explanations are written for a
// learner watching the timeline: when the hook fires, what comes before and after it, and what a
// listener can usefully do there. They are extracted by lupdate through QT_TRANSLATE_NOOP.
constexpr EventInfo kCatalogue[] = {
    {EventType::InstrumentClass, EventCategory::Mapper, TargetKind::Mapper, "instrument_class",
     "mapper, class_",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires once per mapped class, in declaration order, as soon as its mapper "
                       "is constructed and before the mapper has set itself up; it comes before "
                       "any other mapper hook for that class. Only the class itself is usable "
                       "here, since relationships and other mappers are not configured yet. "
                       "Listeners use it for early class-level setup, such as adding extra "
                       "instrumentation or registering the class in a lookup table."),
     false},
    {EventType::BeforeConfigured, EventCategory::Mapper, TargetKind::Mapper, "before_configured",
     "",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires once at the start of a configure step (configure_mappers(), which "
                       "usually runs implicitly the first time a mapped class is instantiated or "
                       "queried), before any pending mapper is configured. It is followed by "
                       "before_mapper_configured and mapper_configured for each pending class, "
                       "then by after_configured. It is the place for last changes that every "
                       "mapper must see, such as mapping classes that were generated late."),
     false},
    {EventType::BeforeMapperConfigured, EventCategory::Mapper, TargetKind::Mapper,
     "before_mapper_configured",
     "mapper, class_",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires for each pending mapper during the configure step, right before "
                       "that mapper resolves its relationships and other properties; for each "
                       "class it comes just before mapper_configured. A listener registered with "
                       "retval=True may return EXT_SKIP to leave this mapper unconfigured for "
                       "now (useful for abstract bases), or make last adjustments to it."),
     false},
    {EventType::MapperConfigured, EventCategory::Mapper, TargetKind::Mapper, "mapper_configured",
     "mapper, class_",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires for each mapper once its own configuration is complete, right "
                       "after its before_mapper_configured. The mapper's relationships are "
                       "resolved now, but mappers later in the same configure step may still be "
                       "unconfigured, so a listener should only inspect this one. Work that "
                       "needs the whole set of mappers belongs in after_configured."),
     false},
    {EventType::AfterConfigured, EventCategory::Mapper, TargetKind::Mapper, "after_configured",
     "",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires once at the end of a configure step, after every pending mapper "
                       "has received mapper_configured. All mappers are now fully set up, so a "
                       "listener can safely walk the complete mapper graph, for instance to "
                       "validate the model or build tables of relationships."),
     false},
    {EventType::BeforeInsert, EventCategory::Mapper, TargetKind::Mapper, "before_insert",
     "mapper, connection, target",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires during a flush for each new object of this mapper, just before its "
                       "INSERT. Within one mapper every object of the batch gets before_insert "
                       "first (in the order the objects were added), then the INSERT statements "
                       "run, then after_insert fires for each; parents are inserted before the "
                       "children that refer to them. A listener may change the object's column "
                       "attributes (say, a created_at timestamp) and they become part of the "
                       "INSERT, but it must not add or delete objects in the session or change "
                       "relationships."),
     false},
    {EventType::AfterInsert, EventCategory::Mapper, TargetKind::Mapper, "after_insert",
     "mapper, connection, target",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires during a flush after the INSERT statements of this mapper's batch "
                       "have run, once per object in the order the objects were added. Primary "
                       "keys generated by the database are now set on the object. A listener can "
                       "emit further SQL on the given connection, inside the same transaction "
                       "(an audit row, for example), but should not change the session."),
     false},
    {EventType::BeforeUpdate, EventCategory::Mapper, TargetKind::Mapper, "before_update",
     "mapper, connection, target",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires during a flush for every dirty object of this mapper, in primary "
                       "key order, before any UPDATE of the batch is emitted. It fires even when "
                       "the object has no net change to its columns (a value set back to what it "
                       "was, or only a collection changed): then no UPDATE is sent, although "
                       "after_update still fires. A listener can check "
                       "session.is_modified(target) and change column attributes, which are then "
                       "included in the UPDATE."),
     false},
    {EventType::AfterUpdate, EventCategory::Mapper, TargetKind::Mapper, "after_update",
     "mapper, connection, target",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires during a flush after the UPDATE statements of this mapper's batch "
                       "have run, once per dirty object in primary key order, including objects "
                       "for which no UPDATE was needed. A listener can emit further SQL on the "
                       "given connection, such as writing history rows, but should not change "
                       "the session."),
     false},
    {EventType::BeforeDelete, EventCategory::Mapper, TargetKind::Mapper, "before_delete",
     "mapper, connection, target",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires during a flush for each object marked with session.delete() "
                       "(directly or by cascade), in primary key order, before the DELETE "
                       "statements of the batch; children are deleted before their parents. A "
                       "listener can inspect the object a last time or emit SQL on the "
                       "connection, for example to archive the row. It never fires for bulk "
                       "DELETE statements (query.delete() or delete()), which bypass the unit of "
                       "work."),
     false},
    {EventType::AfterDelete, EventCategory::Mapper, TargetKind::Mapper, "after_delete",
     "mapper, connection, target",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires during a flush after the DELETE statements of this mapper's batch "
                       "have run, once per deleted object. The row is gone but the object keeps "
                       "its loaded state, so a listener can record what was deleted or clean up "
                       "external resources. The object only enters the deleted state later, with "
                       "persistent_to_deleted after after_flush."),
     false},
    {EventType::BeforeRemove, EventCategory::Mapper, TargetKind::Mapper, "before_remove",
     "sess, *args, **kwargs",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Ming only. Fires when Class.query.remove() is called, just before the "
                       "remove command is sent to the collection; args and kwargs are the query "
                       "spec and options given to remove(). This is a bulk delete outside the "
                       "unit of work: objects already in the session are not touched, and "
                       "before_delete and after_delete do not fire for the removed documents."),
     true},
    {EventType::AfterRemove, EventCategory::Mapper, TargetKind::Mapper, "after_remove",
     "sess, *args, **kwargs",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Ming only. Fires right after the remove command of Class.query.remove() "
                       "has returned, with the same arguments as before_remove. Since the "
                       "removal bypassed the unit of work, this is the place to expunge matching "
                       "objects still held by the session or to invalidate caches."),
     true},
    {EventType::BeforeFlush, EventCategory::Session, TargetKind::Session, "before_flush",
     "session, flush_context, instances",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires at the very start of a flush (an explicit flush(), an autoflush "
                       "before a query, or the flush done by commit), before any work is "
                       "computed. session.new, session.dirty and session.deleted show what is "
                       "about to be written, and this is the one flush hook where adding, "
                       "deleting or changing objects is safe: the changes become part of this "
                       "flush. The mapper hooks (before_insert and the others) follow, then "
                       "after_flush."),
     false},
    {EventType::AfterFlush, EventCategory::Session, TargetKind::Session, "after_flush",
     "session, flush_context",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires after all INSERT, UPDATE and DELETE statements of the flush have "
                       "been emitted, but before the session's bookkeeping is updated: "
                       "session.new, session.dirty and session.deleted still show the state "
                       "before the flush, which makes this a good place to see exactly what was "
                       "written. Then pending_to_persistent and persistent_to_deleted fire for "
                       "the affected objects, followed by after_flush_postexec."),
     false},
    {EventType::AfterFlushPostexec, EventCategory::Session, TargetKind::Session,
     "after_flush_postexec",
     "session, flush_context",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires at the end of a flush, after pending_to_persistent and "
                       "persistent_to_deleted, once the session's state is final: new objects "
                       "are persistent, deleted ones have left the identity map, and "
                       "session.new, session.dirty and session.deleted show the state after the "
                       "flush. Changes made here are not part of this flush; they wait for the "
                       "next one (commit keeps flushing until nothing is left)."),
     false},
    {EventType::AfterTransactionCreate, EventCategory::Session, TargetKind::Session,
     "after_transaction_create",
     "session, transaction",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when the session creates a SessionTransaction: the outermost one "
                       "when the session begins (in 1.4 it begins automatically on first use), "
                       "and an inner one for begin_nested() (a SAVEPOINT) or a subtransaction. "
                       "No connection is involved yet, so no SQL has been sent. Check "
                       "transaction.parent is None to react only to the outermost transaction, "
                       "for example to set up per-transaction state."),
     false},
    {EventType::AfterTransactionEnd, EventCategory::Session, TargetKind::Session,
     "after_transaction_end",
     "session, transaction",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a SessionTransaction ends by commit, rollback or close, for a "
                       "SAVEPOINT as well as for the outermost transaction. It comes after "
                       "after_commit or after_rollback of that transaction and pairs with "
                       "after_transaction_create, so it is the place to tear down "
                       "per-transaction state."),
     false},
    {EventType::AfterBegin, EventCategory::Session, TargetKind::Session, "after_begin",
     "session, transaction, connection",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when the session's transaction acquires a connection and begins a "
                       "database transaction on it, which happens lazily, when the first "
                       "statement of the transaction (a query, a lazy load or a flush) reaches "
                       "the connection. The connection is passed in, so a listener can run setup "
                       "SQL there, such as a SET statement, before the triggering statement "
                       "runs."),
     false},
    {EventType::BeforeCommit, EventCategory::Session, TargetKind::Session, "before_commit",
     "session",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when commit() starts, before the final flush that commit performs, "
                       "so changes made by a listener are still flushed with the rest. Nothing "
                       "is committed yet and the flush may still fail. The flush events, the "
                       "database COMMIT and after_commit follow."),
     false},
    {EventType::AfterCommit, EventCategory::Session, TargetKind::Session, "after_commit",
     "session",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires right after the database COMMIT succeeded and before the session "
                       "expires its objects (with expire_on_commit), so loaded values can still "
                       "be read without new SQL. The session has no active transaction: using it "
                       "for SQL here would start a new one, so listeners usually just notify "
                       "other systems, such as sending messages or clearing caches. The expire "
                       "events and after_transaction_end follow."),
     false},
    {EventType::AfterRollback, EventCategory::Session, TargetKind::Session, "after_rollback",
     "session",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires after a real ROLLBACK has been sent to the database (for the "
                       "outermost transaction or a SAVEPOINT), before the session resets its "
                       "objects: pending objects are not yet expunged and loaded ones not yet "
                       "expired. The session is inactive at this point, so it must not be used "
                       "for queries; after_soft_rollback is the hook for work that needs a "
                       "usable session."),
     false},
    {EventType::AfterSoftRollback, EventCategory::Session, TargetKind::Session,
     "after_soft_rollback",
     "session, previous_transaction",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires for every rollback, including soft ones that send no ROLLBACK to "
                       "the database, such as rolling back an inner subtransaction; it comes "
                       "last, after after_rollback, the resets of object state and "
                       "after_transaction_end. After the outermost rollback the session is "
                       "usable again (check session.is_active), so a listener can safely reload "
                       "data or record the failure."),
     false},
    {EventType::BeforeAttach, EventCategory::Session, TargetKind::Session, "before_attach",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when an object is about to join a session through add(), merge(), "
                       "a save-update cascade or delete() of a detached object, before it is "
                       "attached. after_attach follows, then transient_to_pending or "
                       "detached_to_persistent. A listener can validate the object, or raise to "
                       "refuse it."),
     false},
    {EventType::AfterAttach, EventCategory::Session, TargetKind::Session, "after_attach",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires right after an object has been attached to a session, following "
                       "before_attach and immediately followed by transient_to_pending (a new "
                       "object) or detached_to_persistent (an object with an identity). The "
                       "object belongs to the session now, so a listener can react to it "
                       "joining, for example by attaching related context."),
     false},
    {EventType::DoOrmExecute, EventCategory::Session, TargetKind::Session, "do_orm_execute",
     "orm_execute_state",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires whenever a statement runs through Session.execute(), which in 1.4 "
                       "includes every legacy Query, Session.get(), lazy loads and ORM-enabled "
                       "update() and delete(), but not the statements of a flush. It comes after "
                       "any autoflush and before the SQL is sent. A listener can add options or "
                       "criteria to the statement, or return a result of its own through "
                       "orm_execute_state.invoke_statement(), for example to serve it from a "
                       "cache."),
     false},
    {EventType::AfterBulkUpdate, EventCategory::Session, TargetKind::Session, "after_bulk_update",
     "update_context",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires after an ORM-enabled bulk UPDATE (query.update() or "
                       "session.execute(update(...))) has run. Mapper hooks such as "
                       "before_update and after_update never fire for it, so this is the ORM's "
                       "only notice of the change; update_context gives the session, the query "
                       "and the result with its rowcount. Typical use: invalidate caches that "
                       "depend on the updated rows."),
     false},
    {EventType::AfterBulkDelete, EventCategory::Session, TargetKind::Session, "after_bulk_delete",
     "delete_context",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires after an ORM-enabled bulk DELETE (query.delete() or "
                       "session.execute(delete(...))) has run. Mapper hooks such as "
                       "before_delete and after_delete never fire for it, so this is the ORM's "
                       "only notice of the change; delete_context gives the session, the query "
                       "and the result with its rowcount. Typical use: invalidate caches or "
                       "clean up data outside the database."),
     false},
    {EventType::TransientToPending, EventCategory::Session, TargetKind::Session,
     "transient_to_pending",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a new (transient) object joins the session through add() or a "
                       "save-update cascade, right after after_attach. The object is now pending "
                       "and the next flush will INSERT it. A listener can fill in defaults or "
                       "register the object in per-session bookkeeping."),
     false},
    {EventType::PendingToTransient, EventCategory::Session, TargetKind::Session,
     "pending_to_transient",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a pending object becomes transient again without ever being "
                       "flushed: it was expunged, or the transaction rolled back before a flush "
                       "wrote it. The object is no longer in the session and will not be "
                       "inserted, so a listener can undo bookkeeping done in "
                       "transient_to_pending."),
     false},
    {EventType::PendingToPersistent, EventCategory::Session, TargetKind::Session,
     "pending_to_persistent",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires once per inserted object when a flush has written a pending "
                       "object: it now has an identity key and lives in the identity map. It "
                       "comes between after_flush and after_flush_postexec. A listener can pick "
                       "up the newly assigned primary key; if the transaction later rolls back, "
                       "persistent_to_transient undoes this."),
     false},
    {EventType::PersistentToTransient, EventCategory::Session, TargetKind::Session,
     "persistent_to_transient",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires during a rollback for an object that was INSERTed earlier in the "
                       "same transaction: its row never became permanent, so the object loses "
                       "its identity key, leaves the session and is transient again. It comes "
                       "after after_rollback, and a listener can discard anything that relied on "
                       "the object's primary key."),
     false},
    {EventType::DetachedToPersistent, EventCategory::Session, TargetKind::Session,
     "detached_to_persistent",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a detached object (one with an identity but no session) is "
                       "re-attached with add() or a cascade, right after after_attach. The "
                       "object is persistent again and its changes will be flushed as UPDATEs; a "
                       "listener can re-register it in per-session bookkeeping."),
     false},
    {EventType::LoadedAsPersistent, EventCategory::Session, TargetKind::Session,
     "loaded_as_persistent",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a query loads a row whose identity was not yet in the "
                       "identity map, right after the load event for the same object; it is the "
                       "session-level counterpart of load. Eager loaders may not have finished "
                       "for the object, so a listener should not trigger further loads or "
                       "refreshes; counting or recording loaded objects is safe."),
     false},
    {EventType::PersistentToDeleted, EventCategory::Session, TargetKind::Session,
     "persistent_to_deleted",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a flush has emitted the DELETE for an object marked with "
                       "session.delete(): the object enters the deleted state. It comes between "
                       "after_flush and after_flush_postexec, after after_delete. If the "
                       "transaction rolls back the object becomes persistent again "
                       "(deleted_to_persistent); when it commits the object becomes detached "
                       "(deleted_to_detached)."),
     false},
    {EventType::DeletedToPersistent, EventCategory::Session, TargetKind::Session,
     "deleted_to_persistent",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires during a rollback for an object that was deleted by a flush in "
                       "that transaction: the DELETE is undone, so the object is persistent in "
                       "the session again. It comes after after_rollback, and a listener can "
                       "revert anything it did in persistent_to_deleted."),
     false},
    {EventType::DeletedToDetached, EventCategory::Session, TargetKind::Session,
     "deleted_to_detached",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a deleted object leaves the session for good: normally when "
                       "the transaction that deleted it commits (right after after_commit), or "
                       "when it is expunged or the session is closed. The object is now detached "
                       "and no longer tied to any row, so a listener can release whatever was "
                       "kept for it."),
     false},
    {EventType::PersistentToDetached, EventCategory::Session, TargetKind::Session,
     "persistent_to_detached",
     "session, instance",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a persistent object leaves its session without being deleted, "
                       "through expunge(), expunge_all() or close(). The object keeps the values "
                       "already loaded, but unloaded attributes can no longer be lazy loaded. A "
                       "listener can release per-object resources or note that the object must "
                       "be re-attached before further use."),
     false},
    {EventType::Init, EventCategory::Instance, TargetKind::Mapper, "init",
     "target, args, kwargs",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a mapped object is constructed, as the first step of its "
                       "__init__, before the constructor's arguments are applied; args and "
                       "kwargs can be modified in place to change what the constructor receives. "
                       "It is not called for objects loaded from the database, which get load "
                       "instead. A listener can set defaults that must exist before the "
                       "constructor runs."),
     false},
    {EventType::InitFailure, EventCategory::Instance, TargetKind::Mapper, "init_failure",
     "target, args, kwargs",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when the constructor of a mapped object raises an exception, after "
                       "init; the exception is raised again once the listeners return. The "
                       "half-built object is passed in, so a listener can log the failure or "
                       "undo side effects of its init listener."),
     false},
    {EventType::Load, EventCategory::Instance, TargetKind::Mapper, "load",
     "target, context",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when an object is created from a database row whose identity was "
                       "not yet in the identity map, once its column attributes are populated; "
                       "the object is created without calling __init__, so init does not fire. "
                       "Eager-loaded collections may still be incomplete, and a listener should "
                       "not trigger new loads. It is the place to set up non-mapped, in-memory "
                       "state that __init__ would otherwise have created."),
     false},
    {EventType::Refresh, EventCategory::Instance, TargetKind::Mapper, "refresh",
     "target, context, attrs",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a query refreshes attributes of an object that is already in "
                       "the identity map: expired attributes loaded on access, "
                       "session.refresh(), or a query with populate_existing(). attrs lists the "
                       "refreshed attribute names, or is None when all column attributes were "
                       "loaded. A listener can rebuild in-memory state derived from them, as "
                       "load does for new objects."),
     false},
    {EventType::RefreshFlush, EventCategory::Instance, TargetKind::Mapper, "refresh_flush",
     "target, flush_context, attrs",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires during a flush when values produced by column defaults or onupdate "
                       "handlers (Python callables, server defaults, triggers, values fetched "
                       "with RETURNING) have been written back onto the object; primary key "
                       "columns are not included. It follows the INSERT or, mainly, the UPDATE "
                       "that produced the values, before after_insert or after_update. A "
                       "listener can react to the values the database computed."),
     false},
    {EventType::Expire, EventCategory::Instance, TargetKind::Mapper, "expire",
     "target, attrs",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires after attributes of an object have been expired, so their next "
                       "access loads fresh values from the database: on session.expire() or "
                       "refresh(), on commit when expire_on_commit is on (right after "
                       "after_commit), and on rollback. attrs lists the expired names, or is "
                       "None when the whole object was expired. A listener can drop caches "
                       "derived from those attributes."),
     false},
    {EventType::Set, EventCategory::Attribute, TargetKind::Attribute, "set",
     "target, value, oldvalue, initiator",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a scalar attribute or a many-to-one reference is assigned, "
                       "before the value is stored. With retval=True the listener returns the "
                       "value to store, which is how validation or normalisation (lower-casing "
                       "an email address, say) is done; oldvalue may be NO_VALUE or NEVER_SET if "
                       "the old value was not loaded. Setting one side of a relationship also "
                       "fires the backref's event (set or append) on the other side, with an "
                       "initiator telling where it came from."),
     false},
    {EventType::Append, EventCategory::Attribute, TargetKind::Attribute, "append",
     "target, value, initiator",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when an item is added to a collection (append(), add(), or a "
                       "backref from the other side), once per item and before the item is "
                       "stored. With retval=True the listener returns the item to append, for "
                       "example to convert it. With a backref, the other side gets its own event "
                       "too: set for a many-to-one, append for a many-to-many."),
     false},
    {EventType::Remove, EventCategory::Attribute, TargetKind::Attribute, "remove",
     "target, value, initiator",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when an item is removed from a collection (remove(), del, pop(), "
                       "or dropped by a collection assignment), once per item. Through a "
                       "backref, removing a child from parent.children also sets child.parent to "
                       "None, which fires set on the other side. Listeners use it to keep "
                       "derived values such as counters or ordering columns up to date."),
     false},
    {EventType::BulkReplace, EventCategory::Attribute, TargetKind::Attribute, "bulk_replace",
     "target, values, initiator",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a whole collection is assigned at once (parent.children = "
                       "[...]), before the individual events of that assignment. values is the "
                       "incoming list and may be modified in place, for example to turn plain "
                       "values into objects. Afterwards append fires for each new item and "
                       "remove for each item that was dropped."),
     false},
    {EventType::InitCollection, EventCategory::Attribute, TargetKind::Attribute, "init_collection",
     "target, collection, collection_adapter",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when the ORM creates a new, empty collection object for an "
                       "attribute: the first time the attribute needs one (accessed on a new "
                       "object, or filled by a load), and when the collection is replaced by an "
                       "assignment. It comes before any item is appended to it, so a listener "
                       "can take note of the collection instance, for example to track it."),
     false},
    {EventType::DisposeCollection, EventCategory::Attribute, TargetKind::Attribute,
     "dispose_collection",
     "target, collection, collection_adapter",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a collection object is discarded because the attribute was "
                       "assigned a new collection, after the append and remove events of that "
                       "assignment. The old collection still holds its previous items, and a "
                       "listener can release whatever it attached to it in init_collection."),
     false},
    {EventType::InitScalar, EventCategory::Attribute, TargetKind::Attribute, "init_scalar",
     "target, value, dict_",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a scalar attribute that was never set is read, typically on a "
                       "new object before its flush; normally the read returns None. A listener "
                       "registered with retval=True can return a default instead and store it "
                       "into dict_ so that the same value is persisted, which makes column "
                       "defaults visible in Python before the INSERT."),
     false},
    {EventType::Modified, EventCategory::Attribute, TargetKind::Attribute, "modified",
     "target, initiator",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when flag_modified() marks an attribute as changed without a set "
                       "event, typically after a JSON or other mutable value was changed in "
                       "place. The object is dirty now, so the next flush considers it and "
                       "before_update fires for it."),
     false},
    {EventType::BeforeCompile, EventCategory::Query, TargetKind::Session, "before_compile",
     "query",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a legacy Query is about to be turned into a SELECT statement "
                       "for execution, before do_orm_execute. A listener registered with "
                       "retval=True can return a modified query, for example one that filters "
                       "out soft-deleted rows. Statements written in the 2.0 style with select() "
                       "do not pass through here; do_orm_execute covers them."),
     false},
    {EventType::BeforeCompileUpdate, EventCategory::Query, TargetKind::Session,
     "before_compile_update",
     "query, update_context",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when query.update() is called, before the bulk UPDATE statement is "
                       "built and before after_bulk_update. A listener registered with "
                       "retval=True can return a query with extra criteria, and it may add "
                       "values to update_context.values, such as an updated_at timestamp."),
     false},
    {EventType::BeforeCompileDelete, EventCategory::Query, TargetKind::Session,
     "before_compile_delete",
     "query, delete_context",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when query.delete() is called, before the bulk DELETE statement is "
                       "built and before after_bulk_delete. A listener registered with "
                       "retval=True can return a query with extra criteria, for example to "
                       "protect rows that must never be deleted in bulk."),
     false},
    {EventType::CursorCreated, EventCategory::Query, TargetKind::Session, "cursor_created",
     "cursor, action, *args, **kw",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Ming only. Fires when a query creates a cursor: find() (action 'find') "
                       "and every derived cursor made by sort(), limit(), skip(), hint() or "
                       "options(). Nothing has been fetched yet, since the cursor is lazy until "
                       "iterated. A listener can tag the cursor with the class and query spec, "
                       "to report them later with timings from the cursor_next hooks."),
     true},
    {EventType::BeforeCursorNext, EventCategory::Query, TargetKind::Session, "before_cursor_next",
     "cursor",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Ming only. Fires each time the cursor is asked for its next result "
                       "(iteration, first(), one(), all()), before the document is fetched and "
                       "turned into an object. Together with after_cursor_next it brackets every "
                       "step, which makes it the natural place to start a timer."),
     true},
    {EventType::AfterCursorNext, EventCategory::Query, TargetKind::Session, "after_cursor_next",
     "cursor",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Ming only. Fires after each step of the cursor from a finally block, so "
                       "it follows every before_cursor_next even when the step failed, including "
                       "the last call that ends the iteration and returns no object. A listener "
                       "can stop its timer here, but must not assume that a new object was "
                       "produced."),
     true},
    {EventType::ClassInstrument, EventCategory::Instrumentation, TargetKind::Mapper,
     "class_instrument",
     "cls",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when a class is instrumented while it is being mapped: the ORM "
                       "creates its class manager, which makes attribute access trackable. "
                       "Extensions use it to learn about every instrumented class as it appears."),
     false},
    {EventType::ClassUninstrument, EventCategory::Instrumentation, TargetKind::Mapper,
     "class_uninstrument",
     "cls",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when the instrumentation of a class is removed, for example by "
                       "clear_mappers() or registry.dispose(), typically in test teardown. "
                       "Afterwards the class is a plain Python class again, so listeners drop "
                       "whatever they registered for it in class_instrument."),
     false},
    {EventType::AttributeInstrument, EventCategory::Instrumentation, TargetKind::Mapper,
     "attribute_instrument",
     "cls, key, inst",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Fires when an instrumented attribute (a column, relationship or other "
                       "property) is installed on a class, once per attribute while the class is "
                       "mapped. inst is the InstrumentedAttribute, so extensions can use this "
                       "hook to attach attribute listeners (set, append and so on) to every "
                       "attribute automatically."),
     false},
    {EventType::Statement, EventCategory::Statement, TargetKind::None, "statement",
     "",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Not a hook: one SQL statement that reached the database, shown with its "
                       "bound parameters, the number of rows it affected or returned, how long "
                       "it took and what sent it (a flush, a query, a lazy load, a bulk "
                       "operation or DDL). Reading it next to the hooks around it shows which "
                       "ORM action caused which SQL, such as the INSERT between before_insert "
                       "and after_insert."),
     false},
    {EventType::Warning, EventCategory::Session, TargetKind::None, "warning",
     "",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Not a hook: something SQLAlchemy warns about, such as session.add() "
                       "called inside a mapper hook during a flush, where the result is not "
                       "reliable. It marks a spot where the code works by accident or not as "
                       "intended, so it is worth reading together with the events just before "
                       "it."),
     false},
    {EventType::Error, EventCategory::Session, TargetKind::None, "error",
     "",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Not a hook: an operation failed, for example through a constraint "
                       "violation, a lost connection or a listener that raised an exception. "
                       "When it happens during a flush, the flush is rolled back, so the events "
                       "that follow are those of the rollback (after_rollback, the resets of "
                       "object state, after_soft_rollback). Until session.rollback() is called, "
                       "the session refuses further work."),
     false},
    {EventType::Step, EventCategory::Step, TargetKind::None, "step",
     "",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Not a hook: a user action, such as a scenario step or an edit in the "
                       "session workspace (add, set, flush, commit and so on). The events that "
                       "follow it, up to the next action, are what that action caused."),
     false},
    {EventType::NotFired, EventCategory::Mapper, TargetKind::None, "not_fired",
     "",
     QT_TRANSLATE_NOOP("EventCatalogue",
                       "Not a hook: the mapper hooks that did not fire for an object in the "
                       "session that a bulk UPDATE or DELETE changed (query.update(), "
                       "query.delete(), update() or delete() executed through the session). A "
                       "flush would have fired before_update and after_update, or before_delete "
                       "and after_delete, for it; a bulk statement runs outside the unit of "
                       "work and skips them. What fires instead is do_orm_execute before it and "
                       "after_bulk_update or after_bulk_delete after it, on the session, once "
                       "for the statement. Code in mapper hooks (timestamps, audit rows, "
                       "checks) therefore does not run for these objects."),
     false},
};

static_assert(std::size(kCatalogue) == std::size_t(eventTypeCount),
              "kCatalogue needs exactly one entry per EventType");

constexpr bool catalogueInEnumOrder()
{
    for (int i = 0; i < eventTypeCount; ++i) {
        if (int(kCatalogue[i].type) != i)
            return false;
    }
    return true;
}

static_assert(catalogueInEnumOrder(), "kCatalogue entries must follow the EventType order");

struct CategoryName
{
    EventCategory category;
    const char *name;
};

constexpr CategoryName kCategoryNames[] = {
    {EventCategory::Session, "session"},
    {EventCategory::Mapper, "mapper"},
    {EventCategory::Instance, "instance"},
    {EventCategory::Attribute, "attribute"},
    {EventCategory::Query, "query"},
    {EventCategory::Instrumentation, "instrumentation"},
    {EventCategory::Statement, "statement"},
    {EventCategory::Step, "step"},
};

static_assert(std::size(kCategoryNames) == std::size_t(EventCategory::Step) + 1,
              "kCategoryNames needs one entry per EventCategory");

} // namespace

QString categoryName(EventCategory category)
{
    for (const CategoryName &entry : kCategoryNames) {
        if (entry.category == category)
            return QLatin1String(entry.name);
    }
    Q_ASSERT_X(false, "categoryName", "unknown EventCategory");
    return QString();
}

QString categoryTitle(EventCategory category)
{
    switch (category) {
    case EventCategory::Session: return QCoreApplication::translate("ms::EventCategory", "session");
    case EventCategory::Mapper: return QCoreApplication::translate("ms::EventCategory", "mapper");
    case EventCategory::Instance: return QCoreApplication::translate("ms::EventCategory", "instance");
    case EventCategory::Attribute: return QCoreApplication::translate("ms::EventCategory", "attribute");
    case EventCategory::Query: return QCoreApplication::translate("ms::EventCategory", "query");
    case EventCategory::Instrumentation:
        return QCoreApplication::translate("ms::EventCategory", "instrumentation");
    case EventCategory::Statement: return QCoreApplication::translate("ms::EventCategory", "statement");
    case EventCategory::Step: return QCoreApplication::translate("ms::EventCategory", "step");
    }
    return categoryName(category);
}

std::optional<EventCategory> categoryFromName(const QString &name)
{
    for (const CategoryName &entry : kCategoryNames) {
        if (name == QLatin1String(entry.name))
            return entry.category;
    }
    return std::nullopt;
}

const EventInfo &eventInfo(EventType type)
{
    const int index = int(type);
    Q_ASSERT(index >= 0 && index < eventTypeCount);
    const EventInfo &info = kCatalogue[index];
    Q_ASSERT(info.type == type);
    return info;
}

std::span<const EventInfo> eventCatalogue()
{
    return std::span<const EventInfo>(kCatalogue);
}

std::optional<EventType> eventTypeFromName(const QString &name)
{
    for (const EventInfo &info : kCatalogue) {
        if (name == QLatin1String(info.name))
            return info.type;
    }
    return std::nullopt;
}

QString eventName(EventType type)
{
    return QLatin1String(eventInfo(type).name);
}

QString eventExplanation(EventType type)
{
    return QCoreApplication::translate("EventCatalogue", eventInfo(type).explanation);
}

} // namespace ms
