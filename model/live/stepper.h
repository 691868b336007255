#pragma once

#include <QObject>

class QEventLoop;

namespace ms {

class Dispatcher;

/// Stops the engine inside a hook, for a class to look at the session in
/// the middle of an operation: a `pause` listener calls pause(), which runs
/// a nested event loop (the views go on refreshing) until the user chooses
/// Continue (on to the next pause), Step (stop again at the very next
/// event) or Run to End (no more stops until the operation is over).
///
/// While paused, nothing may change the session: the SessionController
/// refuses its actions (isPaused()). Leaving while paused is Run to End,
/// then whatever the caller does next (roll back, close).
class Stepper : public QObject
{
    Q_OBJECT
public:
    explicit Stepper(Dispatcher *dispatcher, QObject *parent = nullptr);
    ~Stepper() override;

    /// The dispatcher to observe from now on (a new apply makes a new one).
    void setDispatcher(Dispatcher *dispatcher);

    bool isPaused() const { return m_loop != nullptr; }
    /// The log index of the event the engine stopped in; -1 when running.
    qsizetype pausedAt() const { return m_at; }

    /// Stops inside the event at log index @p index, unless running to the
    /// end of the operation. Returns when the user resumes.
    void pause(qsizetype index);

    void continueRun();
    void step();
    void runToEnd();
    /// The outermost session operation ended: Run to End is over, and a
    /// Step that found no next event is dropped.
    void operationFinished();

Q_SIGNALS:
    /// Stopped inside the event at log index @p index.
    void paused(qsizetype index);
    void resumed();

private:
    void resume();

    Dispatcher *m_dispatcher;
    QEventLoop *m_loop = nullptr;
    qsizetype m_at = -1;
    bool m_toEnd = false;
};

} // namespace ms
