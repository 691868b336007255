#include "stepper.h"

#include "events/dispatcher.h"
#include "events/eventlog.h"

#include <QEventLoop>
#include <QPointer>

namespace ms {

Stepper::Stepper(Dispatcher *dispatcher, QObject *parent)
    : QObject(parent)
    , m_dispatcher(dispatcher)
{
}

Stepper::~Stepper()
{
    m_dispatcher->setObserver({});
    if (m_loop)
        m_loop->quit();
}

void Stepper::setDispatcher(Dispatcher *dispatcher)
{
    m_dispatcher->setObserver({});
    m_dispatcher = dispatcher;
}

void Stepper::pause(qsizetype index)
{
    if (m_toEnd || m_loop)
        return; // running to the end, or already stopped (a hook inside a view's refresh)
    QEventLoop loop;
    m_loop = &loop;
    m_at = index;
    // The time spent paused is not the operation's: the events after the
    // pause are stamped as if it had not happened.
    QPointer<EventLog> log = m_dispatcher->recorder();
    if (log)
        log->holdClock();
    Q_EMIT paused(index);
    loop.exec();
    if (log)
        log->releaseClock();
    m_loop = nullptr;
    m_at = -1;
    Q_EMIT resumed();
}

void Stepper::resume()
{
    if (m_loop)
        m_loop->quit();
}

void Stepper::continueRun()
{
    m_dispatcher->setObserver({});
    resume();
}

void Stepper::step()
{
    if (!m_loop)
        return;
    // The next event fired, whatever it is, stops again (once).
    m_dispatcher->setObserver([this](const Event &, qsizetype index) {
        m_dispatcher->setObserver({});
        pause(index);
    });
    resume();
}

void Stepper::runToEnd()
{
    m_dispatcher->setObserver({});
    m_toEnd = true;
    resume();
}

void Stepper::operationFinished()
{
    if (m_loop)
        return; // still inside (a nested operation ended)
    m_toEnd = false;
    m_dispatcher->setObserver({});
}

} // namespace ms
