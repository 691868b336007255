#include "eventselection.h"

#include "events/eventlog.h"

namespace ms {

EventSelection::EventSelection(EventLog *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
{
    connect(log, &EventLog::cleared, this, &EventSelection::clear);
    connect(log, &EventLog::eventsDropped, this, [this](qsizetype first) {
        if (m_current < first)
            clear();
    });
}

void EventSelection::setCurrent(qsizetype index)
{
    if (!m_log || !m_log->contains(index))
        index = -1;
    if (index == m_current)
        return;
    m_current = index;
    Q_EMIT currentChanged(index);
}

} // namespace ms
