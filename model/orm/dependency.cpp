#include "dependency.h"

#include "instance.h"

#include <QHash>

#include <numeric>

namespace ms {

bool isSelfReferential(const Mapper *m)
{
    for (const ResolvedRelationship &r : m->relationships())
        if (r.targetIndex + 1 == int(m->classId()))
            return true;
    return false;
}

QList<QList<Instance *>> selfReferentialWaves(const QList<Instance *> &objects, bool deleting,
                                              QList<Instance *> *cyclic,
                                              const QList<Instance *> &deletedParents)
{
    // A relationship of a class to itself is a cycle in SQLAlchemy's
    // mapper-level dependency graph: the unit of work then sorts actions per
    // object (DependencyProcessor.per_state_flush_actions): an object's
    // save or delete, and for each of its self-referential relationships
    // that holds something (get_all_pending(): a set or loaded many-to-one,
    // None included, and its previous value; a loaded collection's members,
    // current and removed) a "process" step between the parent's action and
    // the child's. It runs the sort subset by subset (sort_as_subsets), the
    // objects of a subset saved together: so an object whose many-to-one was
    // set waits one subset for its process step. What precedes a cycle is
    // flushed; the cycle raises CircularDependencyError.
    const int n = int(objects.size());
    QHash<const Instance *, int> index;
    for (int k = 0; k < n; ++k)
        index.insert(objects[k], k);
    QList<QList<int>> next(n);
    QList<int> incoming(n, 0);
    auto node = [&] {
        next.append(QList<int>());
        incoming.append(0);
        return int(next.size()) - 1;
    };
    auto edge = [&](int from, int to) {
        if (from < 0 || to < 0 || next[from].contains(to))
            return;
        next[from].append(to);
        ++incoming[to];
    };
    auto of = [&](const Instance *o) { return index.value(o, -1); };
    for (int k = 0; k < n; ++k) {
        Instance *o = objects[k];
        const auto &rels = o->mapper()->relationships();
        for (int r = 0; r < rels.size(); ++r) {
            if (rels[r].targetIndex + 1 != int(o->mapper()->classId()))
                continue;
            const int attr = o->columnCount() + r;
            if (!o->isLoaded(attr))
                continue; // nothing pending there, for the unit of work
            QList<Instance *> held;
            bool none = false;
            if (rels[r].kind == RelationshipKind::ManyToOne) {
                Instance *ref = o->reference(r);
                Instance *before = o->committedReference(r);
                if (ref)
                    held << ref;
                else
                    none = true;
                if (o->isModified(attr) && before && before != ref)
                    held << before;
            } else if (!rels[r].uselist) {
                // a one-to-one: a scalar's get_all_pending(), its object (or
                // None) and the previous one, unless only the flush's
                // deferred history load knows that
                Instance *current = o->collection(r).value(0);
                if (current)
                    held << current;
                else
                    none = true;
                if (o->isModified(attr) && !o->relation(r).deferredHistory) {
                    for (Instance *c : o->committedCollection(r))
                        if (c != current)
                            held << c;
                }
            } else {
                held = o->collection(r);
                if (o->isModified(attr)) {
                    for (Instance *c : o->committedCollection(r))
                        if (!held.contains(c))
                            held << c;
                }
            }
            if (held.isEmpty() && !none)
                continue;
            const int process = node();
            if (rels[r].kind == RelationshipKind::OneToMany) {
                if (!deleting)
                    edge(k, process);
                for (const Instance *c : std::as_const(held)) {
                    edge(process, of(c));
                    if (deleting)
                        edge(of(c), k);
                    else
                        edge(k, of(c));
                }
            } else {
                for (const Instance *p : std::as_const(held)) {
                    if (deleting)
                        edge(k, of(p));
                    else
                        edge(of(p), process);
                }
                if (!deleting)
                    edge(process, k);
            }
        }
    }
    // OneToManyDP.per_state_dependencies() of a deleted parent whose
    // children stay: (before_delete, child_action), so each child held by
    // its collection (current and removed members) is saved a subset later
    for (const Instance *d : deletedParents) {
        const auto &rels = d->mapper()->relationships();
        for (int r = 0; r < rels.size(); ++r) {
            if (rels[r].kind != RelationshipKind::OneToMany
                || rels[r].targetIndex + 1 != int(d->mapper()->classId())
                || !d->isLoaded(d->columnCount() + r))
                continue;
            QList<Instance *> held = d->collection(r);
            if (d->isModified(d->columnCount() + r) && !d->relation(r).deferredHistory) {
                for (Instance *c : d->committedCollection(r))
                    if (!held.contains(c))
                        held << c;
            }
            int process = -1;
            for (const Instance *c : std::as_const(held)) {
                if (of(c) < 0)
                    continue;
                if (process < 0)
                    process = node();
                edge(process, of(c));
            }
        }
    }
    QList<QList<Instance *>> waves;
    QList<int> left(next.size());
    std::iota(left.begin(), left.end(), 0);
    while (!left.isEmpty()) {
        QList<int> subset;
        for (int v : std::as_const(left)) {
            if (incoming[v] == 0)
                subset.append(v);
        }
        if (subset.isEmpty())
            break;
        QList<Instance *> wave;
        for (int v : std::as_const(subset)) {
            left.removeOne(v);
            for (int to : std::as_const(next[v]))
                --incoming[to];
            if (v < n)
                wave.append(objects[v]);
        }
        if (!wave.isEmpty())
            waves.append(wave);
    }
    if (cyclic) {
        cyclic->clear();
        for (int v : std::as_const(left)) {
            if (v < n)
                cyclic->append(objects[v]);
        }
        if (cyclic->isEmpty() && !left.isEmpty())
            *cyclic = objects; // a cycle of process steps alone: name them all
    }
    return waves;
}

} // namespace ms
