#include "unitofwork.h"

#include "instance.h"
#include "registry.h"

#include <algorithm>

namespace ms {

void UnitOfWork::registerSave(Instance *object)
{
    if (!isRegistered(object))
        m_saves.append(object);
}

void UnitOfWork::registerDelete(Instance *object)
{
    m_saves.removeAll(object);
    if (!m_deletes.contains(object))
        m_deletes.append(object);
}

bool UnitOfWork::isRegistered(const Instance *object) const
{
    return m_saves.contains(object) || m_deletes.contains(object);
}

bool UnitOfWork::isDelete(const Instance *object) const
{
    return m_deletes.contains(object);
}

bool UnitOfWork::pkLess(const Instance *a, const Instance *b)
{
    const QVariant ka = a->identity().value_or(QVariant());
    const QVariant kb = b->identity().value_or(QVariant());
    bool okA = false, okB = false;
    const double na = ka.toDouble(&okA);
    const double nb = kb.toDouble(&okB);
    if (okA && okB && ka.typeId() != QMetaType::QString && kb.typeId() != QMetaType::QString)
        return na < nb;
    return ka.toString() < kb.toString();
}

QList<UnitOfWork::SaveBatch> UnitOfWork::saveBatches() const
{
    QList<SaveBatch> out;
    for (Mapper *mapper : m_registry.dependencyOrder()) {
        SaveBatch batch;
        batch.mapper = mapper;
        for (Instance *o : m_saves) {
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
                             return a->m_insertOrder < b->m_insertOrder;
                         });
        std::stable_sort(batch.updates.begin(), batch.updates.end(), pkLess);
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
        for (Instance *o : m_deletes) {
            if (o->mapper() == *it)
                batch.deletes.append(o);
        }
        if (batch.deletes.isEmpty())
            continue;
        std::stable_sort(batch.deletes.begin(), batch.deletes.end(), pkLess);
        out.append(batch);
    }
    return out;
}

} // namespace ms
