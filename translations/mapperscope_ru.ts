<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Cli</name>
    <message>
        <source>List the problems of a project file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the CREATE TABLE statements of a project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the hooks Mapperscope fires (the event catalogue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapperscope&apos;s headless runner: check, map and play projects without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validate, ddl or events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the problems of a project file. Exit status: 0 no problems, 1 problems, 2 the file cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the project file (.msproj)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: mapperscope-cli validate PROJECT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>problems found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no problems (classes: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the CREATE TABLE statements of a project, in the order the tables must be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Qt SQL driver: QSQLITE (default) or QPSQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: mapperscope-cli ddl PROJECT [--driver QSQLITE|QPSQL]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: unsupported driver &quot;%1&quot;; use QSQLITE or QPSQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: the Qt SQL driver %1 is not installed (available: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every hook Mapperscope fires, by category.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>also print what each hook is for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  [Ming]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ddl</name>
    <message>
        <source>an SQL name cannot be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SQL driver does not quote this name safely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table of class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown type &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>references %1, which has no primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot quote the names of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dispatcher</name>
    <message>
        <source>the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a mapper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a hook; it cannot be listened to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a hook of %2; it cannot be listened to on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no callable given for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventCatalogue</name>
    <message>
        <source>Fires once per mapped class, in declaration order, as soon as its mapper is constructed and before the mapper has set itself up; it comes before any other mapper hook for that class. Only the class itself is usable here, since relationships and other mappers are not configured yet. Listeners use it for early class-level setup, such as adding extra instrumentation or registering the class in a lookup table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires once at the start of a configure step (configure_mappers(), which usually runs implicitly the first time a mapped class is instantiated or queried), before any pending mapper is configured. It is followed by before_mapper_configured and mapper_configured for each pending class, then by after_configured. It is the place for last changes that every mapper must see, such as mapping classes that were generated late.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires for each pending mapper during the configure step, right before that mapper resolves its relationships and other properties; for each class it comes just before mapper_configured. A listener registered with retval=True may return EXT_SKIP to leave this mapper unconfigured for now (useful for abstract bases), or make last adjustments to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires for each mapper once its own configuration is complete, right after its before_mapper_configured. The mapper&apos;s relationships are resolved now, but mappers later in the same configure step may still be unconfigured, so a listener should only inspect this one. Work that needs the whole set of mappers belongs in after_configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires once at the end of a configure step, after every pending mapper has received mapper_configured. All mappers are now fully set up, so a listener can safely walk the complete mapper graph, for instance to validate the model or build tables of relationships.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires during a flush for each new object of this mapper, just before its INSERT. Within one mapper every object of the batch gets before_insert first (in the order the objects were added), then the INSERT statements run, then after_insert fires for each; parents are inserted before the children that refer to them. A listener may change the object&apos;s column attributes (say, a created_at timestamp) and they become part of the INSERT, but it must not add or delete objects in the session or change relationships.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires during a flush after the INSERT statements of this mapper&apos;s batch have run, once per object in the order the objects were added. Primary keys generated by the database are now set on the object. A listener can emit further SQL on the given connection, inside the same transaction (an audit row, for example), but should not change the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires during a flush for every dirty object of this mapper, in primary key order, before any UPDATE of the batch is emitted. It fires even when the object has no net change to its columns (a value set back to what it was, or only a collection changed): then no UPDATE is sent, although after_update still fires. A listener can check session.is_modified(target) and change column attributes, which are then included in the UPDATE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires during a flush after the UPDATE statements of this mapper&apos;s batch have run, once per dirty object in primary key order, including objects for which no UPDATE was needed. A listener can emit further SQL on the given connection, such as writing history rows, but should not change the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires during a flush for each object marked with session.delete() (directly or by cascade), in primary key order, before the DELETE statements of the batch; children are deleted before their parents. A listener can inspect the object a last time or emit SQL on the connection, for example to archive the row. It never fires for bulk DELETE statements (query.delete() or delete()), which bypass the unit of work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires during a flush after the DELETE statements of this mapper&apos;s batch have run, once per deleted object. The row is gone but the object keeps its loaded state, so a listener can record what was deleted or clean up external resources. The object only enters the deleted state later, with persistent_to_deleted after after_flush.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ming only. Fires when Class.query.remove() is called, just before the remove command is sent to the collection; args and kwargs are the query spec and options given to remove(). This is a bulk delete outside the unit of work: objects already in the session are not touched, and before_delete and after_delete do not fire for the removed documents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ming only. Fires right after the remove command of Class.query.remove() has returned, with the same arguments as before_remove. Since the removal bypassed the unit of work, this is the place to expunge matching objects still held by the session or to invalidate caches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires at the very start of a flush (an explicit flush(), an autoflush before a query, or the flush done by commit), before any work is computed. session.new, session.dirty and session.deleted show what is about to be written, and this is the one flush hook where adding, deleting or changing objects is safe: the changes become part of this flush. The mapper hooks (before_insert and the others) follow, then after_flush.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires after all INSERT, UPDATE and DELETE statements of the flush have been emitted, but before the session&apos;s bookkeeping is updated: session.new, session.dirty and session.deleted still show the state before the flush, which makes this a good place to see exactly what was written. Then pending_to_persistent and persistent_to_deleted fire for the affected objects, followed by after_flush_postexec.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires at the end of a flush, after pending_to_persistent and persistent_to_deleted, once the session&apos;s state is final: new objects are persistent, deleted ones have left the identity map, and session.new, session.dirty and session.deleted show the state after the flush. Changes made here are not part of this flush; they wait for the next one (commit keeps flushing until nothing is left).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when the session creates a SessionTransaction: the outermost one when the session begins (in 1.4 it begins automatically on first use), and an inner one for begin_nested() (a SAVEPOINT) or a subtransaction. No connection is involved yet, so no SQL has been sent. Check transaction.parent is None to react only to the outermost transaction, for example to set up per-transaction state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a SessionTransaction ends by commit, rollback or close, for a SAVEPOINT as well as for the outermost transaction. It comes after after_commit or after_rollback of that transaction and pairs with after_transaction_create, so it is the place to tear down per-transaction state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when the session&apos;s transaction acquires a connection and begins a database transaction on it, which happens lazily, when the first statement of the transaction (a query, a lazy load or a flush) reaches the connection. The connection is passed in, so a listener can run setup SQL there, such as a SET statement, before the triggering statement runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when commit() starts, before the final flush that commit performs, so changes made by a listener are still flushed with the rest. Nothing is committed yet and the flush may still fail. The flush events, the database COMMIT and after_commit follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires right after the database COMMIT succeeded and before the session expires its objects (with expire_on_commit), so loaded values can still be read without new SQL. The session has no active transaction: using it for SQL here would start a new one, so listeners usually just notify other systems, such as sending messages or clearing caches. The expire events and after_transaction_end follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires after a real ROLLBACK has been sent to the database (for the outermost transaction or a SAVEPOINT), before the session resets its objects: pending objects are not yet expunged and loaded ones not yet expired. The session is inactive at this point, so it must not be used for queries; after_soft_rollback is the hook for work that needs a usable session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires for every rollback, including soft ones that send no ROLLBACK to the database, such as rolling back an inner subtransaction; it comes last, after after_rollback, the resets of object state and after_transaction_end. After the outermost rollback the session is usable again (check session.is_active), so a listener can safely reload data or record the failure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when an object is about to join a session through add(), merge(), a save-update cascade or delete() of a detached object, before it is attached. after_attach follows, then transient_to_pending or detached_to_persistent. A listener can validate the object, or raise to refuse it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires right after an object has been attached to a session, following before_attach and immediately followed by transient_to_pending (a new object) or detached_to_persistent (an object with an identity). The object belongs to the session now, so a listener can react to it joining, for example by attaching related context.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires whenever a statement runs through Session.execute(), which in 1.4 includes every legacy Query, Session.get(), lazy loads and ORM-enabled update() and delete(), but not the statements of a flush. It comes after any autoflush and before the SQL is sent. A listener can add options or criteria to the statement, or return a result of its own through orm_execute_state.invoke_statement(), for example to serve it from a cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires after an ORM-enabled bulk UPDATE (query.update() or session.execute(update(...))) has run. Mapper hooks such as before_update and after_update never fire for it, so this is the ORM&apos;s only notice of the change; update_context gives the session, the query and the result with its rowcount. Typical use: invalidate caches that depend on the updated rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires after an ORM-enabled bulk DELETE (query.delete() or session.execute(delete(...))) has run. Mapper hooks such as before_delete and after_delete never fire for it, so this is the ORM&apos;s only notice of the change; delete_context gives the session, the query and the result with its rowcount. Typical use: invalidate caches or clean up data outside the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a new (transient) object joins the session through add() or a save-update cascade, right after after_attach. The object is now pending and the next flush will INSERT it. A listener can fill in defaults or register the object in per-session bookkeeping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a pending object becomes transient again without ever being flushed: it was expunged, or the transaction rolled back before a flush wrote it. The object is no longer in the session and will not be inserted, so a listener can undo bookkeeping done in transient_to_pending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires once per inserted object when a flush has written a pending object: it now has an identity key and lives in the identity map. It comes between after_flush and after_flush_postexec. A listener can pick up the newly assigned primary key; if the transaction later rolls back, persistent_to_transient undoes this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires during a rollback for an object that was INSERTed earlier in the same transaction: its row never became permanent, so the object loses its identity key, leaves the session and is transient again. It comes after after_rollback, and a listener can discard anything that relied on the object&apos;s primary key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a detached object (one with an identity but no session) is re-attached with add() or a cascade, right after after_attach. The object is persistent again and its changes will be flushed as UPDATEs; a listener can re-register it in per-session bookkeeping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a query loads a row whose identity was not yet in the identity map, right after the load event for the same object; it is the session-level counterpart of load. Eager loaders may not have finished for the object, so a listener should not trigger further loads or refreshes; counting or recording loaded objects is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a flush has emitted the DELETE for an object marked with session.delete(): the object enters the deleted state. It comes between after_flush and after_flush_postexec, after after_delete. If the transaction rolls back the object becomes persistent again (deleted_to_persistent); when it commits the object becomes detached (deleted_to_detached).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires during a rollback for an object that was deleted by a flush in that transaction: the DELETE is undone, so the object is persistent in the session again. It comes after after_rollback, and a listener can revert anything it did in persistent_to_deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a deleted object leaves the session for good: normally when the transaction that deleted it commits (right after after_commit), or when it is expunged or the session is closed. The object is now detached and no longer tied to any row, so a listener can release whatever was kept for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a persistent object leaves its session without being deleted, through expunge(), expunge_all() or close(). The object keeps the values already loaded, but unloaded attributes can no longer be lazy loaded. A listener can release per-object resources or note that the object must be re-attached before further use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a mapped object is constructed, as the first step of its __init__, before the constructor&apos;s arguments are applied; args and kwargs can be modified in place to change what the constructor receives. It is not called for objects loaded from the database, which get load instead. A listener can set defaults that must exist before the constructor runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when the constructor of a mapped object raises an exception, after init; the exception is raised again once the listeners return. The half-built object is passed in, so a listener can log the failure or undo side effects of its init listener.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when an object is created from a database row whose identity was not yet in the identity map, once its column attributes are populated; the object is created without calling __init__, so init does not fire. Eager-loaded collections may still be incomplete, and a listener should not trigger new loads. It is the place to set up non-mapped, in-memory state that __init__ would otherwise have created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a query refreshes attributes of an object that is already in the identity map: expired attributes loaded on access, session.refresh(), or a query with populate_existing(). attrs lists the refreshed attribute names, or is None when all column attributes were loaded. A listener can rebuild in-memory state derived from them, as load does for new objects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires during a flush when values produced by column defaults or onupdate handlers (Python callables, server defaults, triggers, values fetched with RETURNING) have been written back onto the object; primary key columns are not included. It follows the INSERT or, mainly, the UPDATE that produced the values, before after_insert or after_update. A listener can react to the values the database computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires after attributes of an object have been expired, so their next access loads fresh values from the database: on session.expire() or refresh(), on commit when expire_on_commit is on (right after after_commit), and on rollback. attrs lists the expired names, or is None when the whole object was expired. A listener can drop caches derived from those attributes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a scalar attribute or a many-to-one reference is assigned, before the value is stored. With retval=True the listener returns the value to store, which is how validation or normalisation (lower-casing an email address, say) is done; oldvalue may be NO_VALUE or NEVER_SET if the old value was not loaded. Setting one side of a relationship also fires the backref&apos;s event (set or append) on the other side, with an initiator telling where it came from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when an item is added to a collection (append(), add(), or a backref from the other side), once per item and before the item is stored. With retval=True the listener returns the item to append, for example to convert it. With a backref, the other side gets its own event too: set for a many-to-one, append for a many-to-many.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when an item is removed from a collection (remove(), del, pop(), or dropped by a collection assignment), once per item. Through a backref, removing a child from parent.children also sets child.parent to None, which fires set on the other side. Listeners use it to keep derived values such as counters or ordering columns up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a whole collection is assigned at once (parent.children = [...]), before the individual events of that assignment. values is the incoming list and may be modified in place, for example to turn plain values into objects. Afterwards append fires for each new item and remove for each item that was dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when the ORM creates a new, empty collection object for an attribute: the first time the attribute needs one (accessed on a new object, or filled by a load), and when the collection is replaced by an assignment. It comes before any item is appended to it, so a listener can take note of the collection instance, for example to track it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a collection object is discarded because the attribute was assigned a new collection, after the append and remove events of that assignment. The old collection still holds its previous items, and a listener can release whatever it attached to it in init_collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a scalar attribute that was never set is read, typically on a new object before its flush; normally the read returns None. A listener registered with retval=True can return a default instead and store it into dict_ so that the same value is persisted, which makes column defaults visible in Python before the INSERT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when flag_modified() marks an attribute as changed without a set event, typically after a JSON or other mutable value was changed in place. The object is dirty now, so the next flush considers it and before_update fires for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a legacy Query is about to be turned into a SELECT statement for execution, before do_orm_execute. A listener registered with retval=True can return a modified query, for example one that filters out soft-deleted rows. Statements written in the 2.0 style with select() do not pass through here; do_orm_execute covers them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when query.update() is called, before the bulk UPDATE statement is built and before after_bulk_update. A listener registered with retval=True can return a query with extra criteria, and it may add values to update_context.values, such as an updated_at timestamp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when query.delete() is called, before the bulk DELETE statement is built and before after_bulk_delete. A listener registered with retval=True can return a query with extra criteria, for example to protect rows that must never be deleted in bulk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ming only. Fires when a query creates a cursor: find() (action &apos;find&apos;) and every derived cursor made by sort(), limit(), skip(), hint() or options(). Nothing has been fetched yet, since the cursor is lazy until iterated. A listener can tag the cursor with the class and query spec, to report them later with timings from the cursor_next hooks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ming only. Fires each time the cursor is asked for its next result (iteration, first(), one(), all()), before the document is fetched and turned into an object. Together with after_cursor_next it brackets every step, which makes it the natural place to start a timer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ming only. Fires after each step of the cursor from a finally block, so it follows every before_cursor_next even when the step failed, including the last call that ends the iteration and returns no object. A listener can stop its timer here, but must not assume that a new object was produced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when a class is instrumented while it is being mapped: the ORM creates its class manager, which makes attribute access trackable. Extensions use it to learn about every instrumented class as it appears.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when the instrumentation of a class is removed, for example by clear_mappers() or registry.dispose(), typically in test teardown. Afterwards the class is a plain Python class again, so listeners drop whatever they registered for it in class_instrument.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fires when an instrumented attribute (a column, relationship or other property) is installed on a class, once per attribute while the class is mapped. inst is the InstrumentedAttribute, so extensions can use this hook to attach attribute listeners (set, append and so on) to every attribute automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a hook: one SQL statement that reached the database, shown with its bound parameters, the number of rows it affected or returned, how long it took and what sent it (a flush, a query, a lazy load, a bulk operation or DDL). Reading it next to the hooks around it shows which ORM action caused which SQL, such as the INSERT between before_insert and after_insert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a hook: something SQLAlchemy warns about, such as session.add() called inside a mapper hook during a flush, where the result is not reliable. It marks a spot where the code works by accident or not as intended, so it is worth reading together with the events just before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a hook: an operation failed, for example through a constraint violation, a lost connection or a listener that raised an exception. When it happens during a flush, the flush is rolled back, so the events that follow are those of the rollback (after_rollback, the resets of object state, after_soft_rollback). Until session.rollback() is called, the session refuses further work.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Project</name>
    <message>
        <source>a scenario needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scenario %1 is declared twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rename one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported database driver %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use QSQLITE (SQLite) or QPSQL (PostgreSQL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no database name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name the PostgreSQL database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use &quot;:memory:&quot; or the path of an SQLite file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port %1 is out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use 1 to 65535, or 0 for the driver&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown hook %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run &apos;mapperscope-cli events&apos; for the list of hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown action %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use log or pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a hook and cannot be listened to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a session hook; it cannot be listened to on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use the target &quot;*&quot; (the session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a mapper hook; %2 is not a mapped class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use &quot;*&quot; or the name of a class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an attribute hook; %2 is not a Class.attribute of this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use &quot;*&quot; or a target such as &quot;User.name&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names no object: no earlier &quot;new&quot; step gave it that label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use a label from a &quot;new&quot; step, or Class#id for a loaded object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object of column names and values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a column of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an attribute of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use one of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.%2 is not a one-to-many collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use &quot;set&quot; for columns and many-to-one references</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown operation %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1 needs %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the label is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label %1 is already used by an earlier step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give every new object a label of its own</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectFile</name>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the string &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an array, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a string, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected true or false, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a whole number, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Mapperscope project: the &quot;format&quot; key is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Mapperscope project: &quot;format&quot; is %1, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing format version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a format version number, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this project was saved in format version %1 by a newer Mapperscope; this version reads format version %2. Open it with a newer Mapperscope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Mapperscope project: the file holds a JSON array, not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a folder, not a project file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is %1 MB; project files are at most %2 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot save: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Registry</name>
    <message>
        <source>this registry has mapped its classes already; mapping again needs a new session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model cannot be mapped:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no database driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot begin a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot commit the new tables: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>a class needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a name such as User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1 is declared twice (first at %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rename one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table name is blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a table name, or leave it out to use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table name %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose another table name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table %1 is already used by class %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give each class a table of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>foreign keys form a cycle: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove one of the references; Mapperscope orders inserts by foreign keys and cannot order a cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1 has no columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add an integer primary key column such as id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a column needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1 is declared twice in class %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column names are compared without case; rename one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column name %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose another column name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use one of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1 has a second primary key column %2 (the first is %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mark exactly one column as the primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a primary key cannot be nullable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove &quot;nullable&quot;: true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default %1 is not a valid %2 value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write dates as ISO 8601 strings, such as &quot;2024-05-01&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give a default of the column&apos;s type, or none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1 has no primary key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mark one column with &quot;primaryKey&quot;: true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name one of the classes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column %1 is %2 but the primary key of %3 is %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give the foreign key the type of the key it references</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a relationship needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already an attribute of class %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rename the relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown relationship kind %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use one-to-many or many-to-one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown cascade word %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use SQLAlchemy&apos;s words: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete-orphan cannot be used on a many-to-one relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put delete-orphan on the one-to-many side (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown target class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 needs a column in %3 that references %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add a column such as %1_id to %2 with &quot;references&quot;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 could use any of the columns %3 of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep one column that references %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backref %1 clashes with column %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose another backref name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backref %1 clashes with relationship %1 of %2, which is not the inverse of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose another backref name, or make %1.%2 a %3 to %4 with backref %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backref %1 is also created by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name that begins or ends with a double quote cannot be quoted in SQL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a dot in a name is read as a schema separator by the SQL drivers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name with both [ and ] is taken as already quoted by the SQLite driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name cannot contain a NUL character</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TraceWriter</name>
    <message>
        <source>cannot write the trace: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See how an ORM works, one event at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface language: en or ru.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A project file to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ms::EventLogModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ms::EventLogView</name>
    <message>
        <source>Filter events (hook, class, object, attribute)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ms::MainWindow</name>
    <message>
        <source>Mapperscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Mapperscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapperscope projects (*.msproj);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project could not be opened.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - Mapperscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems: the model can be mapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 | %2 %3 | classes: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Mapperscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Mapperscope %1&lt;/h3&gt;&lt;p&gt;See how an ORM works: every session, mapper, instance, attribute and SQL event, as SQLAlchemy fires it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
