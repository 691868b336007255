#include "identitymap.h"

#include "instance.h"
#include "mapper.h"
#include "schema/schema.h"

#include <algorithm>

namespace ms {

IdentityKey identityKey(const QVariant &pk)
{
    if (pk.typeId() == QMetaType::LongLong || pk.typeId() == QMetaType::Int)
        return IdentityKey{pk.toLongLong(), QString()};
    if (pk.typeId() == QMetaType::QVariantList)
        return IdentityKey{0, keyString(pk)}; // a composite key: its text, never null
    if (pk.typeId() == QMetaType::Double) {
        const double d = pk.toDouble();
        if (isWholeNumber(d))
            return IdentityKey{qint64(d), QString()};
    }
    QString text = pk.toString();
    if (text.isNull())
        text = QLatin1String(""); // a text key, even when empty
    return IdentityKey{0, text};
}

QString keyString(const QVariant &pk)
{
    if (pk.typeId() == QMetaType::QVariantList) {
        // `1,2`: each value as a one-column key's, a comma or backslash in
        // one escaped, so that two keys have the same text only when equal
        QStringList parts;
        for (const QVariant &v : pk.toList()) {
            QString part = keyString(v);
            part.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char(','), QLatin1String("\\,"));
            parts << part;
        }
        return parts.join(QLatin1Char(','));
    }
    const IdentityKey k = identityKey(pk);
    return k.text.isNull() ? QString::number(k.number) : k.text;
}

void IdentityMap::reset(size_t mapperCount)
{
    m_maps.assign(mapperCount, {});
    m_modified.clear();
}

void IdentityMap::add(Instance *o)
{
    auto &map = m_maps[o->mapper()->classId() - 1];
    const IdentityKey k = identityKey(*o->identity());
    auto it = map.find(k);
    if (it == map.end())
        it = map.insert(k, Entry{o, ++m_seq});
    else if (it->object != o)
        *it = Entry{o, ++m_seq};
    // (a member re-added keeps its place in the set with its new entry's order)
    if (o->isDirty() || m_modified.contains(o))
        m_modified.insert(o, it->seq);
}

void IdentityMap::remove(Instance *o)
{
    if (!o->identity())
        return;
    auto &map = m_maps[o->mapper()->classId() - 1];
    auto it = map.find(identityKey(*o->identity()));
    if (it != map.end() && it->object == o)
        map.erase(it);
    m_modified.remove(o);
}

void IdentityMap::clear()
{
    for (auto &map : m_maps)
        map.clear();
    m_modified.clear();
}

Instance *IdentityMap::lookup(const Mapper *mapper, const QVariant &pk) const
{
    return lookup(mapper->classId(), identityKey(pk));
}

Instance *IdentityMap::lookup(quint32 classId, const IdentityKey &key) const
{
    const auto &map = m_maps[classId - 1];
    auto it = map.constFind(key);
    return it == map.cend() ? nullptr : it->object;
}

bool IdentityMap::holds(const Instance *o) const
{
    return o->identity() && lookup(o->mapper(), *o->identity()) == o;
}

QList<Instance *> IdentityMap::all() const
{
    QList<Entry> entries;
    entries.reserve(count());
    for (const auto &map : m_maps)
        for (const Entry &e : map)
            entries.append(e);
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return a.seq < b.seq; });
    QList<Instance *> out;
    out.reserve(entries.size());
    for (const Entry &e : std::as_const(entries))
        out.append(e.object);
    return out;
}

qsizetype IdentityMap::count() const
{
    qsizetype n = 0;
    for (const auto &map : m_maps)
        n += map.size();
    return n;
}

void IdentityMap::noteModified(Instance *o)
{
    if (m_modified.contains(o) || !o->identity())
        return;
    const auto &map = m_maps[o->mapper()->classId() - 1];
    const auto it = map.constFind(identityKey(*o->identity()));
    if (it != map.cend() && it->object == o)
        m_modified.insert(o, it->seq);
}

bool IdentityMap::isDirty(const Instance *o) const
{
    // m_modified may still hold an object that left the map or was marked
    // deleted; the dirty set is the map's changed ones.
    return o->isDirty() && !o->isMarkedDeleted() && holds(o);
}

qsizetype IdentityMap::dirtyCount() const
{
    qsizetype n = 0;
    for (auto it = m_modified.cbegin(); it != m_modified.cend(); ++it)
        n += isDirty(it.key()) ? 1 : 0;
    return n;
}

QList<Instance *> IdentityMap::dirty() const
{
    // The changed objects are in m_modified: sorting those is cheaper than
    // walking the whole map.
    QList<QPair<qint64, Instance *>> found;
    for (auto it = m_modified.cbegin(); it != m_modified.cend(); ++it) {
        if (isDirty(it.key()))
            found.append({it.value(), it.key()});
    }
    std::sort(found.begin(), found.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<Instance *> out;
    out.reserve(found.size());
    for (const auto &[seq, o] : std::as_const(found))
        out.append(o);
    return out;
}

} // namespace ms
