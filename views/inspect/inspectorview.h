#pragma once

#include <QPointer>
#include <QWidget>

#include <functional>

class QTextBrowser;

namespace ms {

class EventLog;

/// The selected event, explained: its hook and category, its arguments as
/// SQLAlchemy names them with what each held, old and new values, the
/// object's state right after the event, the statement and parameters of a
/// SQL event, and a paragraph on what the hook is for (translated).
class InspectorView : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorView(EventLog *log, QWidget *parent = nullptr);

    void inspect(qsizetype index);
    qsizetype currentEvent() const { return m_index; }
    /// A warning another view knows about event @p index (the timeline's
    /// N+1 groups), shown under the event's details; empty: none.
    void setNoteSource(std::function<QString(qsizetype)> source) { m_noteSource = std::move(source); }
    /// The text shown (tests).
    QString text() const;
    /// The object's state right after event @p index, read back from the
    /// lifecycle events recorded before it: "pending", "persistent", ...;
    /// empty when the event names no object.
    static QString stateAt(const EventLog &log, qsizetype index);

private:
    void clear();

    QPointer<EventLog> m_log;
    QTextBrowser *m_browser;
    qsizetype m_index = -1;
    std::function<QString(qsizetype)> m_noteSource;
};

} // namespace ms
