#include "messagebar.h"

#include "core/result.h"

#include <QAction>
#include <QLabel>
#include <QToolButton>

namespace ms {

MessageBar::MessageBar(QAction *reconnect, QWidget *parent)
    : NoticeBar(QStringLiteral("messageBar"), QColor(0xfd, 0xec, 0xea), QColor(0x8c, 0x1d, 0x18),
                QStyle::SP_MessageBoxCritical, parent)
    , m_reconnectButton(new QToolButton(this))
{
    label()->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *closeMessage = new QToolButton(this);
    closeMessage->setAutoRaise(true);
    closeMessage->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    closeMessage->setToolTip(tr("Hide the message"));
    connect(closeMessage, &QToolButton::clicked, this, &MessageBar::hideMessage);
    m_reconnectButton->setDefaultAction(reconnect);
    m_reconnectButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reconnectButton->hide();
    addButton(m_reconnectButton);
    addButton(closeMessage);
    hide();
}

void MessageBar::showError(const Error &error, const QString &op, bool connectionLost,
                           bool needsRollback, bool savepoint, const QString &hint)
{
    QString text = op.isEmpty() ? tr("<b>The operation failed</b>")
                                : tr("<b>%1 failed</b>").arg(op.toHtmlEscaped());
    if (!error.kind.isEmpty())
        text += QStringLiteral(" (%1)").arg(error.kind.toHtmlEscaped());
    text += QStringLiteral(": ") + error.message.toHtmlEscaped();
    if (!error.where.isEmpty())
        text += QStringLiteral("<br>") + tr("in: <code>%1</code>").arg(error.where.toHtmlEscaped());
    if (!hint.isEmpty())
        text += QStringLiteral("<br>") + hint.toHtmlEscaped();
    if (connectionLost)
        text += QStringLiteral("<br>")
            + tr("<b>The database does not answer any more</b> (the server stopped or the "
                 "network is down). Reconnect when it is back: the session is rolled back and "
                 "goes on with its objects.");
    else if (needsRollback && savepoint)
        text += QStringLiteral("<br>")
            + tr("The transaction was rolled back to its savepoint; the tables show the states "
                 "the session restored. Roll back to the savepoint (Session menu) to go on in "
                 "the outer transaction, or roll back everything (F8).");
    else if (needsRollback)
        text += QStringLiteral("<br>")
            + tr("The transaction was rolled back; the tables show the states the session "
                 "restored. Roll back (F8) to go on.");
    label()->setText(text);
    m_reconnectButton->setVisible(connectionLost);
    show();
}

void MessageBar::hideMessage()
{
    hide();
    label()->clear();
}

} // namespace ms
