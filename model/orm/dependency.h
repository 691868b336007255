#pragma once

#include <QList>

namespace ms {

class Instance;
class Mapper;

/// Whether @p m has a relationship to itself (a cycle in SQLAlchemy's
/// mapper-level dependency graph, which then sorts per object).
bool isSelfReferential(const Mapper *m);

/// The objects of a class related to itself in the order SQLAlchemy
/// flushes them (DependencyProcessor.per_state_flush_actions, then
/// topological.sort_as_subsets): per object, a parent's save before its
/// children's, a child's delete before its parent's, as waves saved
/// together. Objects caught in a cycle (a node that is its own parent; A
/// parent of B parent of A) go to @p cyclic. For saves, @p deletedParents
/// are the objects of the class the flush deletes: the step that processes
/// a deleted parent's collection (nulling its children's foreign key)
/// comes before the save of each child it holds.
QList<QList<Instance *>> selfReferentialWaves(const QList<Instance *> &objects, bool deleting,
                                              QList<Instance *> *cyclic,
                                              const QList<Instance *> &deletedParents = {});

} // namespace ms
