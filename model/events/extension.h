#pragma once

#include <QString>

namespace ms {

class Instance;

/// Ming's MapperExtension: a class whose virtual methods are the mapper's
/// persistence hooks, registered for one mapped class. Several chain in the
/// order they were registered; they return nothing (nothing stops the
/// chain); an exception stops it, the operation fails, and its after_* hook
/// does not run.
class MapperExtension
{
public:
    explicit MapperExtension(QString name = QString()) : m_name(std::move(name)) {}
    virtual ~MapperExtension() = default;
    /// Shown on the timeline with each hook it ran.
    QString name() const { return m_name; }

    virtual void beforeInsert(Instance &) {}
    virtual void afterInsert(Instance &) {}
    virtual void beforeUpdate(Instance &) {}
    virtual void afterUpdate(Instance &) {}
    virtual void beforeDelete(Instance &) {}
    virtual void afterDelete(Instance &) {}
    /// A bulk delete of @p className's rows (Ming's remove()).
    virtual void beforeRemove(const QString &) {}
    virtual void afterRemove(const QString &) {}

private:
    QString m_name;
};

/// Ming's SessionExtension: the mapper hooks for every class (wrapping the
/// mapper extensions: session before_insert, mapper before_insert, the
/// write, mapper after_insert, session after_insert), plus the flush and
/// the cursor hooks.
class SessionExtension : public MapperExtension
{
public:
    using MapperExtension::MapperExtension;

    /// Before and after a flush (@p object: nullptr, the whole session).
    virtual void beforeFlush(Instance *) {}
    virtual void afterFlush(Instance *) {}
    virtual void cursorCreated(const QString &) {}
    virtual void beforeCursorNext(const QString &) {}
    virtual void afterCursorNext(const QString &) {}
};

} // namespace ms
