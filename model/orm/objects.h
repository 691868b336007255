#pragma once

#include "core/stringhash.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

#include <memory>
#include <unordered_map>
#include <vector>

namespace ms {

class IdentityMap;
class Instance;
class Mapper;
class Registry;
class Session;

/// The objects a session made, which live as long as it does: by id
/// (1..count(), in the order they were made) and by label. A label is the
/// name newObject() was given, or `Class#key` for an object loaded from a
/// row (found through the identity map, not kept here).
class Objects
{
public:
    explicit Objects(const Registry &registry);
    ~Objects();

    /// A new object named @p label, with room for @p parentRules hasparent
    /// flags; with @p loadedKey, one loaded from a row, whose label is made
    /// from its class and key.
    Instance *create(const Mapper *mapper, const QString &label, const QVariant &loadedKey,
                     int parentRules);
    Instance *byId(quint32 id) const
    {
        return id == 0 || id > m_objects.size() ? nullptr : m_objects[id - 1].get();
    }
    /// The object last given @p label; a loaded object's `Class#key` is
    /// looked for in @p identity first (the asking session's: several
    /// sessions may each hold an object of that key).
    Instance *byLabel(const QString &label, const IdentityMap &identity) const;
    /// Several sessions share one store (a project's "sessions"): the
    /// objects move between them. The session of number @p number (nullptr:
    /// none), for the cascades an object's attributes make in the session
    /// that holds it.
    void setSession(quint8 number, Session *session);
    Session *session(quint8 number) const { return m_sessions.value(number); }
    /// Its name, quoted, for messages (its number when it has none).
    QString sessionName(quint8 number) const;
    QList<Instance *> all() const;
    int count() const { return int(m_objects.size()); }
    /// @p o (loaded, going back to transient) keeps its `Class#key` label as
    /// its own name.
    void keepLabel(Instance *o);
    /// @p o, labelled `Class#?` so far, is `Class#key` now: found through
    /// the identity map as a loaded object is once it has an identity,
    /// by this label before.
    void settleLabel(Instance *o, const QString &label);
    /// @p o takes @p label as its own name (a Ming refresh's new object
    /// takes the old one's).
    void relabel(Instance *o, const QString &label);

private:
    const Registry &m_registry;
    QHash<quint8, Session *> m_sessions;
    std::vector<std::unique_ptr<Instance>> m_objects;
    /// Labels are looked up far less often than objects are made (a
    /// 100,000-object insert never asks): what would change m_labels is
    /// queued, in order, and applied when byLabel() next asks.
    struct LabelChange
    {
        QString label;
        Instance *object; ///< nullptr: the label names no made object any more
        bool keepOld;     ///< keepLabel(): an existing entry stays
    };
    void applyLabelChanges() const;
    void queueLabel(const QString &label, Instance *object, bool keepOld);
    mutable std::vector<LabelChange> m_labelChanges;
    /// Whether a label with '#' was ever given (users' labels seldom have
    /// one; loaded objects' `Class#key` always do). Until then, the label
    /// a loaded object takes can name no other object: nothing to erase.
    bool m_hashLabelGiven = false;
    mutable std::unordered_map<QString, Instance *, StringHash> m_labels;
};

} // namespace ms
