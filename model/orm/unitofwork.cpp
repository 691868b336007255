#include "unitofwork.h"

#include "instance.h"
#include "registry.h"

#include <QSet>

#include <algorithm>
#include <numeric>
#include <vector>

namespace ms {

void UnitOfWork::registerSave(Instance *object)
{
    if (!m_deletes.contains(object))
        m_saves.append(object);
}

void UnitOfWork::registerDelete(Instance *object)
{
    m_saves.remove(object);
    m_deletes.append(object);
}

void UnitOfWork::cancelDelete(Instance *object)
{
    if (m_deletes.remove(object))
        m_saves.append(object);
}

bool UnitOfWork::isRegistered(const Instance *object) const
{
    Instance *o = const_cast<Instance *>(object); // a key, never written through
    return m_saves.contains(o) || m_deletes.contains(o);
}

bool UnitOfWork::isDelete(const Instance *object) const
{
    return m_deletes.contains(const_cast<Instance *>(object));
}

void UnitOfWork::sortByPrimaryKey(QList<Instance *> &objects)
{
    // Numbers by value when every key is a number, otherwise by text. The
    // keys are worked out once, not per comparison: an update of 100,000
    // objects sorts them.
    struct Keyed
    {
        double number;
        QString text;
        Instance *object;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(size_t(objects.size()));
    bool numeric = true;
    for (Instance *o : std::as_const(objects)) {
        const QVariant &k = o->identity() ? *o->identity() : QVariant();
        bool ok = false;
        const double n = k.typeId() == QMetaType::QString ? 0.0 : k.toDouble(&ok);
        numeric = numeric && ok;
        keyed.push_back(Keyed{n, QString(), o});
    }
    if (!numeric) {
        for (Keyed &k : keyed)
            k.text = k.object->identity() ? k.object->identity()->toString() : QString();
    }
    std::stable_sort(keyed.begin(), keyed.end(), [numeric](const Keyed &a, const Keyed &b) {
        return numeric ? a.number < b.number : a.text < b.text;
    });
    for (qsizetype i = 0; i < objects.size(); ++i)
        objects[i] = keyed[size_t(i)].object;
}

QList<UnitOfWork::SaveBatch> UnitOfWork::saveBatches() const
{
    QList<SaveBatch> out;
    for (Mapper *mapper : m_registry.dependencyOrder()) {
        SaveBatch batch;
        batch.mapper = mapper;
        for (Instance *o : m_saves.list()) {
            if (o->mapper() != mapper)
                continue;
            if (o->identity())
                batch.updates.append(o);
            else
                batch.inserts.append(o);
        }
        if (batch.inserts.isEmpty() && batch.updates.isEmpty())
            continue;
        std::stable_sort(batch.inserts.begin(), batch.inserts.end(),
                         [](const Instance *a, const Instance *b) {
                             return a->insertOrder() < b->insertOrder();
                         });
        sortByPrimaryKey(batch.updates);
        out.append(batch);
    }
    return out;
}

QList<UnitOfWork::DeleteBatch> UnitOfWork::deleteBatches() const
{
    QList<DeleteBatch> out;
    const QList<Mapper *> order = m_registry.dependencyOrder();
    for (auto it = order.crbegin(); it != order.crend(); ++it) {
        DeleteBatch batch;
        batch.mapper = *it;
        for (Instance *o : m_deletes.list()) {
            if (o->mapper() == *it)
                batch.deletes.append(o);
        }
        if (batch.deletes.isEmpty())
            continue;
        sortByPrimaryKey(batch.deletes);
        out.append(batch);
    }
    return out;
}

namespace {
struct Node
{
    int kind = 0; // 0 DeleteAll, 1 ProcessAll, 2 SaveUpdateAll (their sort-key order)
    QString key;  // class name, or Class_attr for ProcessAll
    bool isDelete = false;
    const Mapper *mapper = nullptr;
    int rel = -1; // a many-to-many's ProcessAll: its statements are actions too
    int clears = -1; // a one-to-many's ProcessAll of deletes: its clears are an action too
    bool operator<(const Node &o) const
    {
        if (kind != o.kind)
            return kind < o.kind;
        if (key != o.key)
            return key < o.key;
        return isDelete < o.isDelete;
    }
};
} // namespace

QList<UnitOfWork::Action> UnitOfWork::actions() const
{
    QList<Node> nodes;
    QList<QPair<int, int>> edges; // (before, after)
    auto node = [&](int kind, const Mapper *m, const QString &key, bool isDelete, int rel = -1) {
        for (int i = 0; i < nodes.size(); ++i)
            if (nodes[i].kind == kind && nodes[i].key == key && nodes[i].isDelete == isDelete)
                return i;
        nodes.append(Node{kind, key, isDelete, m, rel});
        return int(nodes.size() - 1);
    };
    auto saveNode = [&](const Mapper *m) { return node(2, m, m->className(), false); };
    auto deleteNode = [&](const Mapper *m) { return node(0, m, m->className(), false); };

    QList<const Mapper *> withStates;
    const QList<Instance *> all = m_saves.list() + m_deletes.list();
    for (const Instance *o : all)
        if (!withStates.contains(o->mapper()))
            withStates.append(o->mapper());
    for (const Mapper *m : withStates)
        edges.append({saveNode(m), deleteNode(m)});

    for (const Mapper *m : withStates) {
        const auto &rels = m->relationships();
        for (int r = 0; r < rels.size(); ++r) {
            const Mapper *t = m_registry.mappers()[size_t(rels[r].targetIndex)].get();
            if (t == m)
                continue; // a self-referential cycle: ordered per object by the session
            // DependencyProcessor.prop_has_changes(): a non-empty history on one
            // of the mapper's objects (a loaded many-to-one, None included; a
            // collection holding or having held something), or the target in
            // the flush too.
            bool active = false;
            for (const Instance *o : all) {
                if (o->mapper() != m)
                    continue;
                const int attr = o->columnCount() + r;
                const auto &slot = o->relation(r);
                // a scalar's history is not empty once it holds a value, None
                // included (set to None, or loaded as None: "unchanged [None]")
                if (rels[r].kind == RelationshipKind::ManyToOne)
                    active = active || o->isLoaded(attr) || (o->isModified(attr) && slot.committedRef);
                else if (!rels[r].uselist) // a one-to-one: a scalar too
                    active = active || o->isLoaded(attr) || (o->isModified(attr) && !slot.committedItems.isEmpty());
                else // (a many-to-many not loaded has no history; a one-to-many's queue counts)
                    active = active || (o->isLoaded(attr) && (!slot.items.isEmpty() || (o->isModified(attr) && !slot.committedItems.isEmpty())))
                        || (!rels[r].isManyToMany() && (!slot.pendingAdds.isEmpty() || !slot.pendingRemoves.isEmpty()));
            }
            if (!active && (t == m || !withStates.contains(t)))
                continue;
            const QString key = m->className() + QLatin1Char('_') + rels[r].name;
            const int m2m = rels[r].isManyToMany() ? r : -1;
            const int afterSave = node(1, m, key, false, m2m);
            const int beforeDelete = node(1, m, key, true, m2m);
            if (rels[r].kind == RelationshipKind::OneToMany)
                nodes[beforeDelete].clears = r;
            const int parentSaves = saveNode(m), childSaves = saveNode(t);
            const int parentDeletes = deleteNode(m), childDeletes = deleteNode(t);
            if (rels[r].isManyToMany()) {
                // ManyToManyDP.per_property_dependencies(): the link rows
                // after both sides' saves, the deleted ones' before anything
                edges += {{parentSaves, afterSave}, {childSaves, afterSave}, {afterSave, childDeletes},
                          {beforeDelete, parentSaves}, {beforeDelete, parentDeletes},
                          {beforeDelete, childDeletes}, {beforeDelete, childSaves}};
            } else if (rels[r].kind == RelationshipKind::OneToMany) {
                edges += {{parentSaves, afterSave}, {afterSave, childSaves}, {afterSave, childDeletes},
                          {childDeletes, parentDeletes}, {beforeDelete, childSaves},
                          {beforeDelete, childDeletes}};
            } else {
                edges += {{childSaves, afterSave}, {afterSave, parentSaves}, {parentSaves, childDeletes},
                          {parentDeletes, childDeletes}};
            }
        }
    }
    // a self-referential relationship is a cycle: its own mapper's edges are
    // handled per object by the session, not here
    QList<QPair<int, int>> acyclic;
    for (const auto &e : edges)
        if (e.first != e.second)
            acyclic.append(e);

    QList<int> todo(nodes.size());
    std::iota(todo.begin(), todo.end(), 0);
    std::stable_sort(todo.begin(), todo.end(), [&](int a, int b) { return nodes[a] < nodes[b]; });
    QList<Action> out;
    QSet<int> remaining(todo.cbegin(), todo.cend());
    while (!remaining.isEmpty()) {
        QList<int> layer;
        for (int n : todo) {
            bool ready = true;
            for (const auto &e : acyclic)
                if (e.second == n && remaining.contains(e.first) && e.first != n)
                    ready = false;
            if (ready)
                layer.append(n);
        }
        if (layer.isEmpty()) {
            // a cycle across mappers (the schema refuses those): fall back to the rest in order
            layer = todo;
        }
        for (int n : layer) {
            remaining.remove(n);
            if (nodes[n].kind != 1)
                out.append(Action{nodes[n].mapper, nodes[n].kind == 0});
            else if (nodes[n].rel >= 0)
                out.append(Action{nodes[n].mapper, nodes[n].isDelete, nodes[n].rel});
            else if (nodes[n].clears >= 0)
                out.append(Action{nodes[n].mapper, true, -1, nodes[n].clears});
        }
        todo.removeIf([&](int n) { return !remaining.contains(n); });
    }
    return out;
}

} // namespace ms
