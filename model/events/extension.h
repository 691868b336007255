#pragma once

#include "eventtype.h"

#include <QList>
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
    /// Whether it has a method of its own for @p hook: only those calls are
    /// recorded (Ming calls every method; the base class's do nothing).
    virtual bool defines(EventType) const { return true; }

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
    /// A query's cursor on @p className's collection: made by @p action
    /// ("find", "sort"), and around each next() (also the one that ends it).
    virtual void cursorCreated(const QString &className, const QString &action)
    {
        Q_UNUSED(className);
        Q_UNUSED(action);
    }
    virtual void beforeCursorNext(const QString &) {}
    virtual void afterCursorNext(const QString &) {}
};

/// The hooks a Ming extension has a method for, in Ming's order: a
/// MapperExtension's, or (@p session) a SessionExtension's, which adds the
/// flush and the cursor hooks.
inline QList<EventType> mingHooks(bool session)
{
    QList<EventType> hooks {EventType::BeforeInsert, EventType::AfterInsert,
                            EventType::BeforeUpdate, EventType::AfterUpdate,
                            EventType::BeforeDelete, EventType::AfterDelete,
                            EventType::BeforeRemove, EventType::AfterRemove};
    if (session)
        hooks << EventType::BeforeFlush << EventType::AfterFlush << EventType::CursorCreated
              << EventType::BeforeCursorNext << EventType::AfterCursorNext;
    return hooks;
}

} // namespace ms
