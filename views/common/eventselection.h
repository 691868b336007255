#pragma once

#include <QObject>
#include <QPointer>

namespace ms {

class EventLog;

/// The one selected event of a window (in the spirit of
/// QItemSelectionModel): the event log, the timeline, the SQL log and the
/// inspector follow it, and the ones the user can pick in set it. It holds a
/// log index; -1 is none. It emits currentChanged() only when the index
/// changes, so a view that reports a selection it was just shown ends the
/// round there: no re-entry flag is needed anywhere.
///
/// Clearing the log clears it, and so does the log's cap dropping the
/// selected event.
class EventSelection : public QObject
{
    Q_OBJECT
public:
    explicit EventSelection(EventLog *log, QObject *parent = nullptr);

    /// The selected event's log index; -1 when none.
    qsizetype current() const { return m_current; }
    /// Selects event @p index; an index the log does not hold clears.
    void setCurrent(qsizetype index);
    void clear() { setCurrent(-1); }

    /// Makes @p view follow the selection: its @p show(index) is called with
    /// every new selection (-1: none), at once with the current one, and its
    /// signal @p picked(index), the user choosing an event, sets it.
    template<typename View, typename Picked, typename Show>
    void follow(View *view, Picked picked, Show show)
    {
        connect(view, picked, this, &EventSelection::setCurrent);
        follow(view, show);
    }
    /// A view that only shows the selection (the inspector).
    template<typename View, typename Show> void follow(View *view, Show show)
    {
        connect(this, &EventSelection::currentChanged, view, show);
        if (m_current >= 0)
            (view->*show)(m_current);
    }

Q_SIGNALS:
    /// The selection became @p index (-1: none).
    void currentChanged(qsizetype index);

private:
    QPointer<EventLog> m_log;
    qsizetype m_current = -1;
};

} // namespace ms
