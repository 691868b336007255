// session.py's merge() and _merge(), with ColumnProperty.merge() and
// RelationshipProperty.merge(): the copy of an object's state in a session.

#include "session.h"

#include "events/dispatcher.h"
#include "events/eventlog.h"
#include "failure.h"
#include "registry.h"

#include <QHash>
#include <QSet>

namespace ms {

using namespace sa;

namespace {
/// A relationship of a class, as one number.
qint64 relationshipId(const Mapper *m, int rel)
{
    return (qint64(m->classId()) << 32) | qint64(rel);
}
} // namespace

Instance *Session::mergeOne(Instance *source, bool load, MergeState &merged)
{
    if (Instance *done = merged.copies.value(source))
        return done;
    const Mapper *m = source->mapper();
    bool newInstance = false;
    QVariant key;
    bool keyIsPersistent = true;
    if (!source->identity()) {
        if (m_members.isPending(source))
            m_events.warn(EngineText::tr("Instance %1 is already pending in this Session yet is being "
                                         "merged again; this is probably not what you want to do")
                              .arg(source->label()));
        if (!load)
            fail(kInvalid, EngineText::tr("merge() with load=False option does not support objects "
                                          "transient (i.e. unpersisted) objects. flush() all changes on "
                                          "mapped instances before merging with load=False (%1)")
                               .arg(source->label()));
        // _identity_key_from_state(): the key attributes' values; one not
        // set, or None, makes a key no row has
        key = source->currentKey();
        keyIsPersistent = !key.isNull();
    } else {
        key = *source->identity();
    }
    const QPair<quint32, QString> keyName {m->classId(), keyIsPersistent ? keyString(key) : QString()};

    Instance *copy = keyIsPersistent ? m_identity.lookup(m, key) : nullptr;
    if (!copy) {
        if (keyIsPersistent && merged.byKey.contains(keyName)) {
            copy = merged.byKey.value(keyName);
        } else if (!load) {
            if (source->isDirty())
                fail(kInvalid, EngineText::tr("merge() with load=False option does not support objects "
                                              "marked as 'dirty'. flush() all changes on mapped instances "
                                              "before merging with load=False (%1)")
                                   .arg(source->label()));
            // a new object with the key, persistent at once (_update_impl)
            copy = createLoaded(m, key);
            m_members.saveOrUpdate(copy, false);
            newInstance = true;
        } else if (keyIsPersistent) {
            copy = m_query.get(m, key); // a SELECT; nullptr when there is no such row
        }
    }
    if (!copy) {
        // a new pending object, `Class#?` until its key is known
        copy = create(m, QString());
        const QString label = m->className() + QStringLiteral("#?");
        copy->makeProvisional(label);
        if (EventLog *log = m_dispatcher ? m_dispatcher->recorder() : nullptr)
            log->setObjectLabel(copy->id(), label);
        newInstance = true;
        m_members.saveOrUpdate(copy, true);
    }
    merged.copies.insert(source, copy);
    if (keyIsPersistent)
        merged.byKey.insert(keyName, copy);

    if (source != copy) {
        const int version = m->versionColumn();
        if (version >= 0 && source->isLoaded(version) && copy->isLoaded(version)
            && source->value(version) != copy->value(version))
            fail(kStale, EngineText::tr("Version id '%1' on merged state %2 does not match existing version "
                                        "'%3'. Leave the version attribute unset when merging to update "
                                        "the most recent version.")
                             .arg(source->value(version).toString(), copy->label(),
                                  copy->value(version).toString()));
        // mapper.iterate_properties: the relationships (a backref's too: the
        // program declares both sides), then the columns (declarative maps a
        // column whose key is its attribute's after the explicit properties)
        for (int r = 0; r < m->relationships().size(); ++r)
            mergeRelationship(source, copy, r, load, merged);
        for (int a = 0; a < source->columnCount(); ++a) {
            if (source->isLoaded(a)) {
                if (load)
                    m_attributes.setColumn(copy, a, source->value(a));
                else
                    copy->setValue(a, source->value(a)); // the dict, without an event
            } else if (copy->identity() && !copy->isLoaded(a)) {
                // _expire_attributes(no_loader=True): one expire event a column
                m_events.fireExpired(copy, copy->expireAttributes({a}));
            }
        }
    }
    if (!load)
        copy->commitAll(); // "remove any history"
    if (newInstance)
        m_events.fire(EventType::Load, copy);
    return copy;
}

void Session::mergeRelationship(Instance *source, Instance *copy, int rel, bool load, MergeState &merged)
{
    const Mapper *m = source->mapper();
    const ResolvedRelationship &r = m->relationships()[rel];
    const Mapper *target = m_attributes.targetOf(r);
    // not back along the reverse of a relationship this merge came along
    if (const int back = m_attributes.backrefRelation(m, rel);
        load && back >= 0 && merged.walked.contains({source, relationshipId(target, back)}))
        return;
    if (!m->cascade(rel).merge)
        return;
    const int a = source->columnCount() + rel;
    if (!source->isLoaded(a)) // not in the source's dict
        return;
    const qint64 walkedAlong = relationshipId(m, rel);
    if (r.isCollection()) {
        // a full merge loads the copy's collection first: the items
        // already in it are then found in the identity map
        if (load)
            m_attributes.currentCollection(copy, rel);
        const QList<Instance *> items = source->collection(rel);
        QList<Instance *> copies;
        for (Instance *item : items) {
            merged.walked.insert({item, walkedAlong});
            if (Instance *c = mergeOne(item, load, merged))
                copies << c;
        }
        if (load) {
            m_attributes.collectionReplace(copy, rel, copies);
        } else {
            // init_state_collection() and append_without_event()
            copy->relation(rel).items = copies;
            copy->markLoaded(a);
        }
        return;
    }
    Instance *current = source->scalar(rel);
    Instance *c = nullptr;
    if (current) {
        merged.walked.insert({current, walkedAlong});
        c = mergeOne(current, load, merged);
    }
    if (load) {
        if (r.kind == RelationshipKind::ManyToOne)
            m_attributes.setReference(copy, rel, c, nullptr);
        else
            m_attributes.setOneToOne(copy, rel, c, nullptr);
        return;
    }
    // dest_dict[key] = obj
    Instance::Relation &relation = copy->relation(rel);
    if (r.kind == RelationshipKind::ManyToOne)
        relation.ref = c;
    else
        relation.items = c ? QList<Instance *>{c} : QList<Instance *>{};
    copy->markLoaded(a);
}

void Session::settleLabel(Instance *o)
{
    const QVariant key = o->identity() ? *o->identity() : o->currentKey();
    if (key.isNull())
        return;
    const QString label = o->mapper()->className() + QLatin1Char('#') + keyString(key);
    m_objects->settleLabel(o, label);
    if (EventLog *log = m_dispatcher ? m_dispatcher->recorder() : nullptr)
        log->relabelObject(o->id(), label);
}

} // namespace ms
