#include "instance.h"

#include "identitymap.h"

namespace ms {

QString objectStateName(ObjectState state)
{
    switch (state) {
    case ObjectState::Transient:
        return QStringLiteral("transient");
    case ObjectState::Pending:
        return QStringLiteral("pending");
    case ObjectState::Persistent:
        return QStringLiteral("persistent");
    case ObjectState::Deleted:
        return QStringLiteral("deleted");
    case ObjectState::Detached:
        return QStringLiteral("detached");
    }
    return QString();
}

Instance::Instance(quint32 id, const Mapper *mapper, QString label)
    : m_id(id), m_mapper(mapper), m_label(std::move(label))
{
    const int cols = int(mapper->columns().size());
    m_values = QList<QVariant>(cols); // exactly cols: resize() would over-allocate
    m_flags.resize(mapper->attributeNames().size());
    std::fill(m_flags.begin(), m_flags.end(), quint8(0));
    m_rels.resize(size_t(mapper->relationships().size()));
}

QVariant Instance::currentKey() const
{
    if (!m_mapper->isCompositeKey()) {
        const int pk = m_mapper->primaryKeyIndex();
        return isLoaded(pk) ? m_values[pk] : QVariant();
    }
    QVariantList key;
    for (int c : m_mapper->keyColumns()) {
        if (!isLoaded(c) || m_values[c].isNull())
            return QVariant();
        key << m_values[c];
    }
    return key;
}

bool Instance::isKeyExpired() const
{
    for (int c : m_mapper->keyColumns()) {
        if (isExpired(c) && !isLoaded(c))
            return true;
    }
    return false;
}

QString Instance::label() const
{
    if (!m_label.isNull() || !m_key)
        return m_label;
    return m_mapper->className() + QLatin1Char('#') + keyString(*m_key);
}

void Instance::commitAll()
{
    for (int a = 0; a < attributeCount(); ++a)
        setFlag(a, Modified, false);
    for (auto &rel : m_rels) {
        rel.committedRef = rel.ref;
        rel.committedItems = rel.items;
        rel.touched = false;
    }
    // Nothing is modified now: the committed values are not needed (and
    // clear() would keep a shared list's capacity).
    m_committed = decltype(m_committed)(); // not = {}: that allocates through the initializer list
    m_dirty = false;
    // _commit_all_states(): state.expired goes too, even where an expired
    // attribute stays unloaded
    m_wholeExpired = false;
}

void Instance::expireAll()
{
    for (int a = 0; a < attributeCount(); ++a) {
        setFlag(a, Loaded, false);
        setFlag(a, Modified, false);
        setFlag(a, Expired, true);
        if (isColumn(a))
            m_values[a] = QVariant();
    }
    m_committed = decltype(m_committed)(); // not = {}: that allocates through the initializer list
    for (auto &rel : m_rels)
        rel = Relation{};
    // InstanceState._expire() forgets the parents too (hasparent() is
    // optimistic again for an object with an identity)
    for (auto &p : m_parents)
        p = Parent{};
    m_dirty = false;
    m_wholeExpired = true;
}

QStringList Instance::expireAttributes(const QList<int> &attrs)
{
    QStringList names;
    for (int a : attrs) {
        setFlag(a, Loaded, false);
        setFlag(a, Modified, false);
        setFlag(a, Expired, true);
        if (isColumn(a)) {
            // its committed value is not read once it is not modified
            m_values[a] = QVariant();
        } else {
            m_rels[size_t(relationshipIndex(a))] = Relation{};
        }
        names << m_mapper->attributeNames()[a];
    }
    return names;
}

void Instance::noteModified(int attr)
{
    if (isModified(attr))
        return;
    setFlag(attr, Modified, true);
    if (isColumn(attr)) {
        // Nothing to keep for a column never loaded (a new object's, an
        // expired one): its committed value is unknown.
        const QVariant &current = m_values.at(attr);
        if (isLoaded(attr) || current.isValid())
            setCommitted(attr, current);
        else
            clearCommitted(attr);
    } else {
        auto &rel = m_rels[size_t(relationshipIndex(attr))];
        rel.committedRef = rel.ref;
        rel.committedItems = rel.items;
    }
    setFlag(attr, NoCommitted, !isLoaded(attr));
}

} // namespace ms
