#pragma once

#include "core/result.h"

#include <QCoreApplication>
#include <QImage>
#include <QString>

namespace ms {

class EventLog;

/// A run as one self-contained HTML file to hand out after class: the
/// title and date, the timeline as an inlined PNG, the hooks that fired with
/// what each is for (in the user's language), and the table of events
/// (failed ones red, those a log listener heard highlighted).
class Report
{
    Q_DECLARE_TR_FUNCTIONS(Report)
public:
    /// At most this many rows in the table; a line says how many were left out.
    static constexpr qsizetype kMaxRows = 20000;

    static QByteArray html(const EventLog &log, const QImage &timeline, const QString &title);
    /// Writes html() to @p path (atomically; a full disk or a folder that
    /// cannot be written is an error with the reason).
    static Result<void> write(const QString &path, const EventLog &log, const QImage &timeline,
                              const QString &title);
};

} // namespace ms
