#pragma once

#include "statementcause.h"

#include "core/stringhash.h"

#include <unordered_map>

#include "pages.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace ms {

/// The values events carry (attribute values, statements, messages), kept
/// compact: each is encoded into pages of bytes (a tag, then varints, Latin-1
/// or UTF-16 text), names and SQL text that repeat are stored once, and
/// value() decodes a QVariant of the type that was added. Types without an
/// encoding of their own (typed nulls, date-times, byte arrays, ...) are kept
/// as QVariants beside the pages, so every value comes back exactly.
///
/// A handle is never 0: events use 0 for "no value".
class ValueStore
{
public:
    ValueStore();
    ~ValueStore();
    ValueStore(const ValueStore &) = delete;
    ValueStore &operator=(const ValueStore &) = delete;

    quint32 add(const QVariant &value);
    /// Two values under one handle: value() gives the first, second() the other.
    quint32 addPair(const QVariant &first, const QVariant &second);
    /// A statement's detail as the SQL log shows it: the QVariantMap
    /// {sql, params, source, ms, rows} or, when it failed, {..., error}.
    /// @p rows < 0 with an empty @p error records neither.
    /// With a @p cause, the map has "cause": {kind, object, class,
    /// attribute}, and with a @p trigger (the autoflush that sent a flush's
    /// statement) "cause" has "autoflush" of the same shape: objects as
    /// ObjectRef, class and attribute as the log's ids (0: none).
    quint32 addStatement(const QString &sql, const QVariantList &params, const QString &source,
                         double ms, qint64 rows, const QString &error,
                         const StatementCause &cause = {}, const StatementCause &trigger = {});
    /// Sets the time and row count of a statement added with addStatement().
    void finishStatement(quint32 handle, double ms, qint64 rows);
    QVariant value(quint32 handle) const;
    QVariant second(quint32 handle) const;

    /// Forgets every value (keeps one page for the next ones).
    void clear();

    /// A point in the store: every value added after mark() was taken, and
    /// the last one added before it, lies at or after it (one page of slack).
    struct Mark
    {
        quint32 page = 0;
        qsizetype fallback = 0;
    };
    Mark mark() const;
    /// Frees the pages and whole values before @p mark: the event log's cap
    /// drops the oldest events' values with them. Handles into what was
    /// freed decode to no value (never to a crash); finishStatement() on
    /// them does nothing.
    void dropBefore(Mark mark);
    /// The memory held: pages, the stored strings and the other values.
    qsizetype memoryBytes() const;

private:
    enum Tag : quint8;
    void encode(const QVariant &v);
    void encodeString(const QString &s);
    void encodeInterned(const QString &s);
    void putVarint(quint64 v);
    quint32 intern(const QString &s);
    /// Stores the @p values encoded in the scratch buffer; the handle of the first.
    quint32 commit(int values);
    QVariant decodeAt(quint32 handle, int skip) const;
    quint32 keepWhole(int values);
    struct Reader;
    Reader readerAt(quint32 handle) const;
    QVariant decode(Reader &r) const;
    QString decodeString(Reader &r) const;
    void putCause(const StatementCause &cause);
    static StatementCause readCause(Reader &r);
    static QVariantMap causeMap(const StatementCause &cause);

    static constexpr int kPageBits = 18;
    static constexpr quint32 kPageSize = 1u << kPageBits;
    static constexpr quint32 kFallbackBit = 0x80000000u;

    std::vector<Pages> m_pages;        ///< freed ones (dropBefore) are empty
    std::vector<qsizetype> m_pageFallback; ///< m_fallback's end when each page was made
    size_t m_freedPages = 0;           ///< m_pages[0, m_freedPages) are freed
    quint32 m_used = 0; ///< bytes used in the last page
    std::string m_scratch;
    QList<QString> m_strings;
    std::unordered_map<QString, quint32, StringHash> m_stringIds;
    /// The last strings interned (a statement's SQL and source come again
    /// and again as the same QString data): found by pointer, not hashed.
    std::array<quint32, 4> m_recent {};
    quint32 m_recentNext = 0;
    qsizetype m_stringBytes = 0;
    QList<QVariant> m_fallback;
    qsizetype m_fallbackBase = 0; ///< the index of m_fallback[0] (dropBefore)
    qsizetype m_fallbackBytes = 0;
};

} // namespace ms
