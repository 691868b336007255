#pragma once

#include "noticebar.h"

class QAction;
class QToolButton;

namespace ms {

struct Error;

/// The engine's last error, with the operation and where it came from
/// (the statement or the hook); a close button, and Reconnect when the
/// database stopped answering.
class MessageBar : public NoticeBar
{
    Q_OBJECT
public:
    explicit MessageBar(QAction *reconnect, QWidget *parent = nullptr);

    /// Shows @p error of operation @p op (empty: none named). @p connectionLost:
    /// the database does not answer (Reconnect is offered); @p needsRollback:
    /// the session's transaction was rolled back by the failure (to a
    /// savepoint, when @p savepoint). @p hint, when given, says what to do
    /// (SessionController::hintFor()), on a line of its own.
    void showError(const Error &error, const QString &op, bool connectionLost, bool needsRollback,
                   bool savepoint = false, const QString &hint = {});
    void hideMessage();

private:
    QToolButton *m_reconnectButton;
};

} // namespace ms
