#pragma once

#include <QList>
#include <QSet>

namespace ms {

/// A list without duplicates that keeps insertion order, with membership
/// and removal in constant time: the session's new and deleted sets and
/// its transaction's records, which a flush of 100,000 objects walks and
/// changes one object at a time (performance.md). Removal is lazy: the
/// list drops removed items the next time it is read.
template<typename T> class OrderedSet
{
public:
    OrderedSet() = default;

    bool contains(const T &item) const { return m_members.contains(item); }
    qsizetype size() const { return m_members.size(); }
    bool isEmpty() const { return m_members.isEmpty(); }

    /// Appends @p item unless it is there; false when it was.
    bool append(const T &item)
    {
        // A removed item still in the list must go before it comes back
        // at the end, or the list would hold it twice.
        if (m_stale > 0) {
            if (m_members.contains(item))
                return false;
            compact();
        }
        // one lookup: the set grows only when the item is new
        const qsizetype before = m_members.size();
        m_members.insert(item);
        if (m_members.size() == before)
            return false;
        m_items.append(item);
        return true;
    }
    /// Removes @p item; false when it was not there.
    bool remove(const T &item)
    {
        if (!m_members.remove(item))
            return false;
        if (m_members.isEmpty()) {
            m_items.clear();
            m_stale = 0;
        } else {
            ++m_stale;
        }
        return true;
    }
    void clear()
    {
        m_items.clear();
        m_members.clear();
        m_stale = 0;
    }

    /// The items in insertion order.
    const QList<T> &list() const
    {
        if (m_stale > 0)
            compact();
        return m_items;
    }
    /// The items in insertion order, as a copy made without compacting:
    /// safe to call while the engine walks the list (a heartbeat's views).
    QList<T> copy() const
    {
        if (m_stale == 0)
            return m_items;
        QList<T> out;
        out.reserve(size());
        for (const T &item : m_items)
            if (m_members.contains(item))
                out.append(item);
        return out;
    }

private:
    void compact() const
    {
        m_items.removeIf([this](const T &item) { return !m_members.contains(item); });
        m_stale = 0;
    }

    mutable QList<T> m_items;
    QSet<T> m_members;
    mutable qsizetype m_stale = 0;
};

} // namespace ms
