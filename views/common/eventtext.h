#pragma once

#include <QString>

namespace ms {

class EventLog;

/// Words for one recorded event, shared by the timeline's tooltip and the
/// inspector: "set User u1.name: 'ed' (was None)", or a statement's SQL.
QString eventTitle(const EventLog &log, qsizetype index);
/// Several lines: hook and category, class, object, attribute, value and
/// old value, or a statement's SQL, parameters, rows and duration.
QString eventSummary(const EventLog &log, qsizetype index);
/// Why a statement was sent, in words: "the flush: INSERT of u1 (autoflush
/// before the query of User)", "lazy load of u1.posts", ...; empty when
/// the statement event @p index has no cause.
QString statementCauseText(const EventLog &log, qsizetype index);
/// The interface language's code ("en", "ru"), as its translation says:
/// the lessons, the guide and the report's date follow it, whatever the
/// system's locale.
QString interfaceLanguage();

} // namespace ms
