#include "objects.h"

#include "identitymap.h"
#include "instance.h"
#include "registry.h"
#include "session.h"

namespace ms {

Objects::Objects(const Registry &registry)
    : m_registry(registry)
{
}

void Objects::setSession(quint8 number, Session *session)
{
    if (session)
        m_sessions.insert(number, session);
    else
        m_sessions.remove(number);
}

QString Objects::sessionName(quint8 number) const
{
    const Session *session = m_sessions.value(number);
    const QString name = session ? session->name() : QString();
    return QLatin1Char('\'') + (name.isEmpty() ? QString::number(number) : name) + QLatin1Char('\'');
}

Objects::~Objects() = default;

Instance *Objects::create(const Mapper *mapper, const QString &label, const QVariant &loadedKey,
                          int parentRules)
{
    const quint32 id = quint32(m_objects.size() + 1);
    const bool loaded = loadedKey.isValid();
    m_objects.push_back(std::make_unique<Instance>(id, mapper, loaded ? QString() : label));
    Instance *o = m_objects.back().get();
    o->resizeParents(parentRules);
    if (loaded) {
        // Found by byLabel() through the identity map; a label given
        // earlier to another object now names this one ("last given").
        o->setKey(loadedKey);
        if (m_hashLabelGiven)
            queueLabel(label, nullptr, false);
    } else if (!label.isEmpty()) { // (a merge's key-less copy has none yet)
        queueLabel(label, o, false);
    }
    return o;
}

void Objects::queueLabel(const QString &label, Instance *object, bool keepOld)
{
    if (object && !m_hashLabelGiven && label.contains(QLatin1Char('#')))
        m_hashLabelGiven = true;
    m_labelChanges.push_back({label, object, keepOld});
}

void Objects::applyLabelChanges() const
{
    for (const LabelChange &c : m_labelChanges) {
        if (!c.object)
            m_labels.erase(c.label);
        else if (c.keepOld)
            m_labels.try_emplace(c.label, c.object);
        else
            m_labels.insert_or_assign(c.label, c.object);
    }
    m_labelChanges.clear();
}

Instance *Objects::byLabel(const QString &label, const IdentityMap &identity) const
{
    if (!m_labelChanges.empty())
        applyLabelChanges();
    if (const auto it = m_labels.find(label); it != m_labels.end())
        return it->second;
    // A loaded object's label is `Class#key`: its class and key find it in
    // the identity map; one no longer there (expunged, detached) is looked
    // for among the session's objects, the last made first.
    const qsizetype hash = label.lastIndexOf(QLatin1Char('#'));
    if (hash <= 0)
        return nullptr;
    const Mapper *m = m_registry.mapper(label.left(hash));
    if (!m)
        return nullptr;
    const QString key = label.mid(hash + 1);
    bool whole = false;
    const qint64 number = key.toLongLong(&whole);
    for (const IdentityKey &k :
         {whole ? IdentityKey {number, QString()} : IdentityKey {0, key}, IdentityKey {0, key}}) {
        Instance *o = identity.lookup(m->classId(), k);
        if (o && !o->hasOwnLabel() && o->label() == label)
            return o;
    }
    for (auto it = m_objects.crbegin(); it != m_objects.crend(); ++it) {
        const Instance *o = it->get();
        if (o->mapper() == m && !o->hasOwnLabel() && o->identity() && o->label() == label)
            return it->get();
    }
    return nullptr;
}

QList<Instance *> Objects::all() const
{
    QList<Instance *> out;
    out.reserve(qsizetype(m_objects.size()));
    for (const auto &o : m_objects)
        out.append(o.get());
    return out;
}

void Objects::keepLabel(Instance *o)
{
    o->keepLabel();
    queueLabel(o->label(), o, true);
}

void Objects::relabel(Instance *o, const QString &label)
{
    o->settleLabel(label);
    queueLabel(label, o, false);
}

void Objects::settleLabel(Instance *o, const QString &label)
{
    if (o->identity()) {
        o->settleLabel(QString());
        return;
    }
    o->settleLabel(label);
    queueLabel(label, o, false);
}

} // namespace ms
