#pragma once

#include <QFrame>
#include <QStyle>

class QHBoxLayout;
class QLabel;

namespace ms {

/// A coloured bar above the session's tables: an icon, a word-wrapped text
/// and, at the right, the buttons a subclass adds. The pause bar and the
/// message bar are two of them.
class NoticeBar : public QFrame
{
    Q_OBJECT
public:
    NoticeBar(const QString &name, const QColor &window, const QColor &text,
              QStyle::StandardPixmap pixmap, QWidget *parent = nullptr);

    /// The bar's text; empty while it is hidden.
    QString text() const;

protected:
    /// Adds @p widget after the text, aligned to the top.
    void addButton(QWidget *widget);
    QLabel *label() const { return m_label; }

private:
    QLabel *m_label;
    QHBoxLayout *m_layout;
};

} // namespace ms
