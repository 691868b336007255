#pragma once

#include "core/objectref.h"
#include "mapper.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>
#include <QVariant>

#include <optional>
#include <vector>

namespace ms {

/// SQLAlchemy's five object states (see events.md, "Object lifecycle").
enum class ObjectState : quint8 { Transient, Pending, Persistent, Deleted, Detached };

QString objectStateName(ObjectState state);

/// A mapped object: its label, its attribute values and what is known about
/// them (loaded, expired, modified with the committed value kept for
/// history), its relationships, its identity and its state. Instances are
/// created and owned by a Session; everything else refers to them by
/// pointer (inside the engine) or by id (events, views).
class Instance
{
public:
    Instance(quint32 id, const Mapper *mapper, QString label);

    quint32 id() const { return m_id; }
    const Mapper *mapper() const { return m_mapper; }
    /// The name scenarios and views use: the one given by newObject(), or
    /// `Class#key` for an object loaded from a row (made when asked, not
    /// kept: 100,000 loaded objects would hold 5 MB of them).
    QString label() const;
    ObjectState state() const
    {
        if (!m_key)
            return m_session ? ObjectState::Pending : ObjectState::Transient;
        if (!m_session)
            return ObjectState::Detached;
        return m_deletedFlushed ? ObjectState::Deleted : ObjectState::Persistent;
    }
    /// Marked with Session::remove() and not flushed yet.
    bool isMarkedDeleted() const { return m_markedDeleted; }
    /// SQLAlchemy's state.session_id: the session holds it (pending,
    /// persistent or deleted).
    bool isAttached() const { return m_session != 0; }
    /// The number of the session that holds it (Session::number()); 0: none.
    quint8 sessionNumber() const { return m_session; }
    /// SQLAlchemy's state.expired: expired as a whole (commit, rollback,
    /// expire() without names) and not loaded or flushed since.
    bool isWholeExpired() const { return m_wholeExpired; }
    /// The primary key of the row this object stands for, once it has one.
    const std::optional<QVariant> &identity() const { return m_key; }
    /// The identity, else the primary key attribute's value (what a foreign
    /// key or a filter takes from the object).
    /// A composite key is a list of its columns' values.
    QVariant keyValue() const
    {
        if (m_key)
            return *m_key;
        return m_mapper->isCompositeKey() ? currentKey() : m_values[m_mapper->primaryKeyIndex()];
    }
    /// The key its primary key attributes hold now (a list for a composite
    /// key); null when one of them is null or has no value.
    QVariant currentKey() const;
    /// A primary key attribute is expired and not loaded again.
    bool isKeyExpired() const;

    int columnCount() const { return int(m_mapper->columns().size()); }
    int attributeCount() const { return int(m_mapper->attributeNames().size()); }
    bool isColumn(int attr) const { return attr < columnCount(); }
    int relationshipIndex(int attr) const { return attr - columnCount(); }

    /// Whether the attribute has a value in memory (false: never set, or expired).
    bool isLoaded(int attr) const { return m_flags[size_t(attr)] & Loaded; }
    bool isExpired(int attr) const { return m_flags[size_t(attr)] & Expired; }
    /// Whether the attribute changed since it was last loaded or flushed.
    bool isModified(int attr) const { return m_flags[size_t(attr)] & Modified; }
    /// Modified while not loaded: the committed value is unknown, so the
    /// change counts whatever the value.
    bool isCommittedUnknown(int attr) const { return m_flags[size_t(attr)] & NoCommitted; }
    /// Whether any attribute changed (the object is in the session's dirty set).
    bool isDirty() const { return m_dirty; }

    /// The in-memory value of column @p attr (invalid when not loaded).
    QVariant value(int attr) const { return m_values[attr]; }
    /// The value the column had when last loaded or flushed (for history).
    QVariant committedValue(int attr) const
    {
        return isModified(attr) ? committed(attr) : m_values[attr];
    }
    // ---- a foreign key: its columns, matched in order to the key they
    // reference (several for a composite key)
    /// Whether every column of @p cols is loaded.
    bool isLoaded(const QList<int> &cols) const
    {
        for (int c : cols)
            if (!isLoaded(c))
                return false;
        return true;
    }
    /// Whether a column of @p cols is expired and not loaded again.
    bool isExpiredUnloaded(const QList<int> &cols) const
    {
        for (int c : cols)
            if (isExpired(c) && !isLoaded(c))
                return true;
        return false;
    }
    /// Whether a column of @p cols changed.
    bool isModified(const QList<int> &cols) const
    {
        for (int c : cols)
            if (isModified(c))
                return true;
        return false;
    }
    /// The value of the foreign key in @p cols: its column's, or a list of
    /// its columns' (as a composite key's identity is); null when every
    /// column is (SQLAlchemy's None: a list with a null in it is a key no
    /// row has).
    QVariant foreignKey(const QList<int> &cols) const
    {
        if (cols.size() == 1)
            return m_values[cols.first()];
        QVariantList key;
        bool null = true;
        for (int c : cols) {
            key << m_values[c];
            null = null && m_values[c].isNull();
        }
        return null ? QVariant() : QVariant(key);
    }
    /// The foreign key as it was loaded (a column set while not loaded: null).
    QVariant committedForeignKey(const QList<int> &cols) const
    {
        QVariantList key;
        bool null = true;
        for (int c : cols) {
            const QVariant v = isModified(c) && isCommittedUnknown(c) ? QVariant() : committedValue(c);
            key << v;
            null = null && v.isNull();
        }
        return null ? QVariant() : cols.size() == 1 ? key.first() : QVariant(key);
    }
    /// Many-to-one: the related object (nullptr: none, or not loaded).
    Instance *reference(int rel) const { return m_rels[size_t(rel)].ref; }
    /// One-to-many: the objects in the collection, as far as loaded.
    const QList<Instance *> &collection(int rel) const { return m_rels[size_t(rel)].items; }
    /// A many-to-one's or a one-to-one's object (nullptr: none, or not loaded).
    Instance *scalar(int rel) const
    {
        return mapper()->relationships()[rel].kind == RelationshipKind::ManyToOne ? reference(rel)
                                                                                  : collection(rel).value(0);
    }
    /// Many-to-one: the related object when last loaded or flushed.
    Instance *committedReference(int rel) const { return m_rels[size_t(rel)].committedRef; }
    /// One-to-many: the collection when last loaded or flushed.
    const QList<Instance *> &committedCollection(int rel) const { return m_rels[size_t(rel)].committedItems; }

    // ---- transitions (SQLAlchemy's InstanceState) -------------------------
    /// _commit_all(): every attribute's current value becomes the committed one.
    void commitAll();
    /// _expire(): every attribute unloaded, the parents forgotten.
    void expireAll();
    /// _expire_attributes(): @p attrs unloaded; their names, in that order.
    QStringList expireAttributes(const QList<int> &attrs);
    /// _modified_event(): the first change of @p attr keeps its committed
    /// value (unknown for a column never loaded).
    void noteModified(int attr);
    /// A value from the database for column @p attr: loaded, not expired.
    void loadColumn(int attr, const QVariant &value)
    {
        m_values[attr] = value;
        setFlag(attr, Loaded, true);
        setFlag(attr, Expired, false);
    }
    /// Attribute @p attr is no longer expired (a relationship a row
    /// refreshed: it loads when read); whether it was.
    bool unexpire(int attr)
    {
        if (!isExpired(attr))
            return false;
        setFlag(attr, Expired, false);
        return true;
    }
    /// state._reset(): attribute @p attr has no value and is not expired
    /// (a relationship loads when read), its per-object loader gone.
    void unload(int attr)
    {
        setFlag(attr, Loaded, false);
        setFlag(attr, Expired, false);
        if (!isColumn(attr))
            m_rels[size_t(relationshipIndex(attr))] = Relation{};
    }
    /// _commit(): a load of some attributes ends state.expired.
    void loaded() { m_wholeExpired = false; }
    /// _postfetch(): a value the flush put in after its statement ran (the
    /// key the database generated, a column default).
    void postfetch(int attr, const QVariant &value)
    {
        m_values[attr] = value;
        setFlag(attr, Loaded, true);
    }
    /// Session number @p session takes the object (0: it lets it go):
    /// state.session_id.
    void setSession(quint8 session) { m_session = session; }

    // ---- the attribute layer's storage (SQLAlchemy's state.dict and
    // committed_state): what attributes, loading, cascade and the flush
    // read and write; everything else goes through the methods above.
    struct Relation
    {
        Instance *ref = nullptr;          ///< many-to-one
        QList<Instance *> items;          ///< one-to-many
        Instance *committedRef = nullptr; ///< many-to-one before the change
        QList<Instance *> committedItems; ///< one-to-many before the change
        /// one-to-many changed while not loaded: applied when it is loaded
        QList<Instance *> pendingAdds;
        QList<Instance *> pendingRemoves;
        /// changed while not loaded, even when the changes cancel out
        /// (SQLAlchemy keeps the attribute in committed_state until a flush)
        bool touched = false;
        /// a one-to-one set while not loaded, whose old object the flush
        /// loaded (deferred history): its committed_state still says
        /// PASSIVE_NO_RESULT, so the per-object sort does not see that object
        bool deferredHistory = false;
        /// The loader a query's option gave this object's attribute when
        /// the object was already in the session (lazyload(), raiseload():
        /// a per-instance callable), a LoadStrategy; -1: none. Expiring the
        /// attribute takes it away.
        qint8 loader = -1;
        /// A loaded collection's history: the items not in the committed
        /// list (@p added, duplicates kept) and the committed ones no
        /// longer in it (@p removed).
        void changes(QList<Instance *> *added, QList<Instance *> *removed) const
        {
            for (Instance *c : items)
                if (!committedItems.contains(c))
                    added->append(c);
            for (Instance *c : committedItems)
                if (!items.contains(c))
                    removed->append(c);
        }
    };
    Relation &relation(int rel) { return m_rels[size_t(rel)]; }
    const Relation &relation(int rel) const { return m_rels[size_t(rel)]; }
    /// A flush wrote the collections' queued changes (they are in the rows now).
    void clearPendingCollections()
    {
        for (auto &rel : m_rels) {
            rel.pendingAdds.clear();
            rel.pendingRemoves.clear();
        }
    }
    /// A value set in memory (its event fired, its history noted).
    void setValue(int attr, const QVariant &value)
    {
        m_values[attr] = value;
        markLoaded(attr);
    }
    /// The attribute holds its value now: loaded, not expired.
    void markLoaded(int attr)
    {
        setFlag(attr, Loaded, true);
        setFlag(attr, Expired, false);
    }
    void setModifiedFlag(int attr, bool on) { setFlag(attr, Modified, on); }
    void setCommittedUnknown(int attr, bool on) { setFlag(attr, NoCommitted, on); }
    /// A collection read on an object with no identity: an empty one was
    /// made (init_collection) but not stored, as SQLAlchemy 1.4's
    /// _empty_collections; once the object has a row, a read loads it.
    bool isEmptyMade(int attr) const { return m_flags[size_t(attr)] & EmptyMade; }
    void setEmptyMade(int attr, bool on) { setFlag(attr, EmptyMade, on); }
    void setDirty(bool dirty) { m_dirty = dirty; }

    /// AttributeImpl.hasparent() per delete-orphan rule of the class (the
    /// session's table of the collections that can hold this object).
    struct Parent
    {
        const Instance *last = nullptr; ///< the parent that set the flag
        qint8 has = -1;                 ///< -1 unknown, 0 no, 1 yes
    };
    Parent &parentFlag(int rule) { return m_parents[size_t(rule)]; }
    const Parent &parentFlag(int rule) const { return m_parents[size_t(rule)]; }
    void resizeParents(int rules) { m_parents.resize(size_t(rules)); }

    // ---- identity and membership, as the session changes them --------------
    void setKey(const QVariant &key) { m_key = key; }
    /// Back to no identity (transient or pending again).
    void clearKey() { m_key.reset(); }
    /// Whether the object has a name of its own (not made from its key).
    bool hasOwnLabel() const { return !m_label.isNull(); }
    /// Keeps today's label as the object's own: it outlives the key.
    void keepLabel() { m_label = label(); }
    /// A merge()'s copy made without a key is `Class#?` until its key is
    /// known, then `Class#key` for good (settleLabel()), as SQLAlchemy's
    /// trace names such an object.
    bool isProvisional() const { return m_provisional; }
    void makeProvisional(const QString &label)
    {
        m_label = label;
        m_provisional = true;
    }
    /// Its label from now on (null: `Class#key`).
    void settleLabel(const QString &label)
    {
        m_label = label;
        m_provisional = false;
    }
    void setMarkedDeleted(bool marked) { m_markedDeleted = marked; }
    /// SQLAlchemy's state._deleted: its DELETE was flushed.
    bool isDeletedFlushed() const { return m_deletedFlushed; }
    void setDeletedFlushed(bool flushed) { m_deletedFlushed = flushed; }
    /// Removed from a delete-orphan parent while outside the session.
    bool isOrphanedOutside() const { return m_orphanedOutside; }
    void setOrphanedOutside(bool orphaned) { m_orphanedOutside = orphaned; }
    /// SQLAlchemy's state.insert_order: the order of the INSERTs.
    qint64 insertOrder() const { return m_insertOrder; }
    void setInsertOrder(qint64 order) { m_insertOrder = order; }

private:
    enum Flag : quint8 {
        Loaded = 1,
        Expired = 2,
        Modified = 4,
        NoCommitted = 8, ///< modified while not loaded: the old value is unknown
        /// A collection read on an object with no identity: an empty one
        /// was made (init_collection) but not stored, as SQLAlchemy 1.4's
        /// _empty_collections; once the object has a row, a read loads it.
        EmptyMade = 16,
    };


    void setFlag(int attr, Flag f, bool on)
    {
        quint8 &v = m_flags[size_t(attr)];
        v = on ? quint8(v | f) : quint8(v & ~f);
    }

    // Members ordered so that the flags share the id's word: a session of
    // 100,000 loaded objects is 4 MB smaller than in declaration order.
    quint32 m_id;
    quint8 m_session = 0;            ///< SQLAlchemy's state.session_id: the session's number, 0: none
    bool m_markedDeleted = false;    ///< in the session's deleted set
    bool m_dirty = false;
    bool m_deletedFlushed = false;   ///< SQLAlchemy's state._deleted
    bool m_orphanedOutside = false;  ///< removed from a parent while outside the session
    bool m_wholeExpired = false;     ///< expired as a whole (commit, rollback, expire())
    bool m_provisional = false;      ///< labelled `Class#?` until its key is known
    const Mapper *m_mapper;
    QString m_label; ///< null: `Class#key`, made by label()
    std::optional<QVariant> m_key;
    /// The committed value kept for a modified column (invalid: none kept).
    QVariant committed(int attr) const
    {
        for (const auto &[a, v] : m_committed)
            if (a == attr)
                return v;
        return QVariant();
    }
    /// Keeps @p value as the committed value of column @p attr.
    void setCommitted(int attr, const QVariant &value)
    {
        for (auto &entry : m_committed) {
            if (entry.first == attr) {
                entry.second = value;
                return;
            }
        }
        m_committed.append({attr, value});
    }
    void clearCommitted(int attr)
    {
        if (!m_committed.isEmpty())
            m_committed.removeIf([attr](const auto &entry) { return entry.first == attr; });
    }

    QList<QVariant> m_values;
    /// The committed values of the modified columns only (most changes
    /// touch one column of many); empty while none is modified.
    QList<QPair<int, QVariant>> m_committed;
    QVarLengthArray<quint8, 16> m_flags;
    std::vector<Relation> m_rels;
    std::vector<Parent> m_parents;
    qint64 m_insertOrder = 0;
};

} // namespace ms
