#pragma once

#include "events/event.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <memory>

namespace ms {

class Dispatcher;
class EventLog;
class Instance;
class Mapper;
class MapperExtension;
class SessionExtension;

/// The one place where the session's events are built and fired
/// (SQLAlchemy's orm/events.py dispatch), and where Ming's extensions are
/// chained around the hooks they share with the listeners.
///
/// Every firing is a no-op when nothing listens to or records the hook.
/// A listener that throws leaves as a HookError naming the hook.
class SessionEvents
{
public:
    explicit SessionEvents(Dispatcher *dispatcher) : m_dispatcher(dispatcher) {}

    Dispatcher *dispatcher() const { return m_dispatcher; }
    /// Called with an object labelled `Class#?` (Instance::isProvisional())
    /// before an event about it is made: its label may be known by now.
    void setLabelSettler(std::function<void(Instance *)> settle) { m_settle = std::move(settle); }

    /// A Ming session: SQLAlchemy's events are not fired (nor recorded);
    /// extension calls, errors and warnings are.
    void setMing(bool on) { m_ming = on; }
    bool isMing() const { return m_ming; }

    // ---- Ming extensions ------------------------------------------------
    void addSessionExtension(std::shared_ptr<SessionExtension> extension);
    void addMapperExtension(quint32 classId, std::shared_ptr<MapperExtension> extension);

    // ---- events ---------------------------------------------------------
    /// A session, instance or attribute event with no value (@p attr: the
    /// attribute index, or -1).
    void fire(EventType type, const Instance *o = nullptr, int attr = -1);
    /// A class-level event (query, bulk, cursor hooks).
    void fireClass(EventType type, const Mapper *m);
    /// An attribute event whose listeners may replace the value (retval):
    /// returns the value they leave.
    QVariant fireValue(EventType type, const Instance *o, int attr, const QVariant &value,
                       const QVariant &old, bool hasOld);
    /// An attribute event carrying @p value (when valid).
    void fireAttr(EventType type, const Instance *o, int attr, const QVariant &value);
    /// expire, refresh, refresh_flush: the attribute names (empty: all).
    void fireWithAttrs(EventType type, const Instance *o, const QStringList &attrs);
    /// expire of some attributes (Instance::expireAttributes()'s names):
    /// SQLAlchemy passes them as a set, the trace lists them sorted.
    void fireExpired(const Instance *o, QStringList names)
    {
        names.sort();
        fireWithAttrs(EventType::Expire, o, names);
    }
    /// Transaction events, with SQLAlchemy's nested/subtransaction flags.
    void fireTransaction(EventType type, bool subtransaction, bool nested = false);
    void warn(const QString &message);
    /// The mapper hooks @p hooks (names) a bulk statement skipped for @p o.
    void notFired(const Instance *o, const QString &hooks);
    /// The error event; a listener of it that throws is ignored.
    void recordError(const QString &message);

    // ---- hooks shared with Ming's extensions -----------------------------
    /// before_/after_ insert, update, delete of @p o: session extensions
    /// wrap mapper extensions around the listeners.
    void mapperHook(EventType type, Instance *o);
    /// before_flush/after_flush: the listeners, then each session extension.
    void flushHook(EventType type);
    /// cursor_created (made by @p action: "find", "sort"), before_cursor_next,
    /// after_cursor_next of a query on @p m.
    void cursorHook(EventType type, const Mapper *m, const QString &action = QStringLiteral("find"));
    /// before_remove (listeners, then session and mapper extensions) and
    /// after_remove (mapper and session extensions, then listeners) of a
    /// bulk delete on @p m.
    void removeHook(EventType type, const Mapper *m);

private:
    bool active(EventType type) const;
    EventLog *recorder() const;
    /// The event's record; a `Class#?` object's label settled first.
    Event make(EventType type, const Instance *o, int attr);
    /// Records that extension @p name's method for @p type runs (on @p o,
    /// else on class @p m). The call's index in the log, -1 when nothing records.
    qsizetype recordExtensionCall(EventType type, const Instance *o, const Mapper *m,
                                  const QString &name);
    /// Runs @p call, @p ext's method for @p type, when @p ext defines it:
    /// recorded first, marked failed when it throws (a HookError naming it).
    template<typename Call>
    void callExtension(MapperExtension &ext, EventType type, const Instance *o, const Mapper *m,
                       Call &&call);

    Dispatcher *m_dispatcher;
    QList<std::shared_ptr<SessionExtension>> m_sessionExtensions;
    QHash<quint32, QList<std::shared_ptr<MapperExtension>>> m_mapperExtensions;
    std::function<void(Instance *)> m_settle;
    bool m_ming = false;
};

} // namespace ms
