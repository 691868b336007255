#include "cascade.h"

#include "instance.h"

#include <QSet>

#include <functional>

namespace ms {

namespace {
bool carries(const Cascade &c, CascadeKind kind)
{
    switch (kind) {
    case CascadeKind::SaveUpdate: return c.saveUpdate;
    case CascadeKind::Delete: return c.deleteCascade;
    case CascadeKind::Expunge: return c.expunge;
    case CascadeKind::RefreshExpire: return c.refreshExpire;
    case CascadeKind::Merge: return c.merge;
    }
    return false;
}
} // namespace

QList<Instance *> cascadeIterator(CascadeContext &context, Instance *root, CascadeKind kind, bool load)
{
    if (root->mapper()->relationships().isEmpty())
        return {}; // nothing to walk: no set, no walker made per object
    QList<Instance *> out;
    QSet<const Instance *> visited;
    std::function<void(Instance *)> walk = [&](Instance *o) {
        const auto &rels = o->mapper()->relationships();
        for (int r = 0; r < rels.size(); ++r) {
            const Cascade &c = o->mapper()->cascade(r);
            if (!carries(c, kind))
                continue;
            const int attr = o->columnCount() + r;
            // save-update takes what the attribute holds and held
            // (get_all_pending()); the others its value now.
            const bool history = kind == CascadeKind::SaveUpdate && o->isModified(attr);
            QList<Instance *> related;
            if (rels[r].kind == RelationshipKind::ManyToOne) {
                Instance *ref = nullptr;
                if (o->isLoaded(attr))
                    ref = o->reference(r);
                else if (load)
                    ref = context.loadReference(o, r);
                if (ref)
                    related.append(ref);
                Instance *before = o->committedReference(r);
                if (history && before && before != ref)
                    related.append(before);
            } else if (o->isLoaded(attr)) {
                const QList<Instance *> &items = o->collection(r);
                related = items;
                if (history) {
                    // added members first, then the unchanged, then the removed
                    const QList<Instance *> &before = o->committedCollection(r);
                    QList<Instance *> added, kept;
                    for (Instance *i : items)
                        (before.contains(i) ? kept : added).append(i);
                    related = added + kept;
                    for (Instance *i : before)
                        if (!items.contains(i))
                            related.append(i);
                }
            } else if (load && o->identity()) {
                // Not loaded: only the delete cascade loads it; the objects
                // appended meanwhile are not cascaded.
                related = context.loadCollection(o, r);
            }
            // RelationshipProperty.cascade_iterator() marks all it yields as
            // visited before the walk goes down into the first of them.
            QList<Instance *> queue;
            for (Instance *child : std::as_const(related)) {
                if (visited.contains(child))
                    continue;
                if (kind == CascadeKind::SaveUpdate && context.holds(child))
                    continue; // halt_on: already in the session
                // skip_pending: refresh-expire passes over (and does not walk
                // through) an object with no row unless delete-orphan is on
                if (kind == CascadeKind::RefreshExpire && !c.deleteOrphan && !child->identity())
                    continue;
                visited.insert(child);
                queue.append(child);
            }
            for (Instance *child : std::as_const(queue)) {
                out.append(child);
                walk(child);
            }
        }
    };
    walk(root);
    return out;
}

} // namespace ms
