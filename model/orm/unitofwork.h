#pragma once

#include "orderedset.h"

#include <QList>

namespace ms {

class Instance;
class Mapper;
class Registry;

/// The flush plan: which objects are written, by which statements, in
/// which order (events.md, "Mapper: persistence").
///
/// - Across mappers, by foreign keys: every mapper's INSERTs and UPDATEs
///   with parents before children, then the DELETEs with children before
///   parents.
/// - Within a mapper: the objects to insert in the order they were added,
///   then the objects to update by primary key; deletes by primary key.
/// - Across mappers, SQLAlchemy's layered order (see actions()): parents'
///   saves before children's, children's deletes before parents', mappers
///   with no dependency between them by class name.
class UnitOfWork
{
public:
    struct SaveBatch
    {
        const Mapper *mapper = nullptr;
        QList<Instance *> inserts; ///< in insert order
        QList<Instance *> updates; ///< by primary key
    };
    struct DeleteBatch
    {
        const Mapper *mapper = nullptr;
        QList<Instance *> deletes; ///< by primary key
    };

    UnitOfWork(const Registry &registry) : m_registry(registry) {}

    /// Registers an object for the flush; a delete wins over a save.
    void registerSave(Instance *object);
    void registerDelete(Instance *object);
    /// A delete registered for @p object becomes a save.
    void cancelDelete(Instance *object);
    bool isRegistered(const Instance *object) const;
    bool isDelete(const Instance *object) const;
    bool hasWork() const { return !m_saves.isEmpty() || !m_deletes.isEmpty(); }
    const QList<Instance *> &saves() const { return m_saves.list(); }
    const QList<Instance *> &deletes() const { return m_deletes.list(); }

    QList<SaveBatch> saveBatches() const;
    QList<DeleteBatch> deleteBatches() const;

    /// One step of the flush: a mapper's saves or its deletes.
    struct Action
    {
        const Mapper *mapper = nullptr;
        bool isDelete = false;
        /// >= 0: a many-to-many's association rows (ManyToManyDP's
        /// ProcessAll): the link rows of @p mapper's objects along this
        /// relationship, deleted ones' (isDelete) or saved ones'
        int rel = -1;
        /// >= 0: a one-to-many's ProcessAll of deleted parents
        /// (OneToManyDP.process_deletes()): the children of @p mapper's
        /// deleted objects along this relationship lose their foreign key
        int clears = -1;
    };
    /// The order SQLAlchemy's UOWTransaction.execute() runs them in: its
    /// actions (SaveUpdateAll, ProcessAll per relationship, DeleteAll) in
    /// layers of the dependency graph (topological.sort_as_subsets), each
    /// layer in sort-key order (action type, then class name).
    QList<Action> actions() const;

    /// Orders objects by primary key as SQLAlchemy sorts identities: numbers
    /// by value, anything else by its text.
    static void sortByPrimaryKey(QList<Instance *> &objects);

private:
    const Registry &m_registry;
    OrderedSet<Instance *> m_saves;
    OrderedSet<Instance *> m_deletes;
};

} // namespace ms
