#include "noticebar.h"

#include <QHBoxLayout>
#include <QLabel>

namespace ms {

NoticeBar::NoticeBar(const QString &name, const QColor &window, const QColor &text,
                     QStyle::StandardPixmap pixmap, QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(name);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, window);
    pal.setColor(QPalette::WindowText, text);
    setPalette(pal);
    m_label->setWordWrap(true);
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(pixmap).pixmap(24, 24));
    m_layout->addWidget(icon, 0, Qt::AlignTop);
    m_layout->addWidget(m_label, 1);
}

QString NoticeBar::text() const
{
    return isHidden() ? QString() : m_label->text();
}

void NoticeBar::addButton(QWidget *widget)
{
    m_layout->addWidget(widget, 0, Qt::AlignTop);
}

} // namespace ms
