#include "statestyle.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPixmap>

#include <array>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SessionWorkspace)
};

} // namespace

QColor stateColor(ObjectState state, bool markedDeleted)
{
    if (markedDeleted)
        return QColor(0xe6, 0x51, 0x00);
    switch (state) {
    case ObjectState::Transient:
        return QColor(0x75, 0x75, 0x75);
    case ObjectState::Pending:
        return QColor(0xf9, 0xa8, 0x25);
    case ObjectState::Persistent:
        return QColor(0x2e, 0x7d, 0x32);
    case ObjectState::Deleted:
        return QColor(0xc6, 0x28, 0x28);
    case ObjectState::Detached:
        return QColor(0x39, 0x49, 0xab);
    }
    return Qt::black;
}

QColor stateBackground(ObjectState state, bool markedDeleted)
{
    QColor c = stateColor(state, markedDeleted);
    c.setAlpha(48);
    return c;
}

QIcon stateIcon(ObjectState state, bool markedDeleted)
{
    // Six icons, made once.
    static std::array<QIcon, 6> icons;
    QIcon &icon = icons[markedDeleted ? 5 : size_t(state)];
    if (icon.isNull()) {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(stateColor(state, markedDeleted).darker(130), 1.2));
        p.setBrush(stateColor(state, markedDeleted));
        if (state == ObjectState::Transient || state == ObjectState::Detached)
            p.setBrush(Qt::NoBrush); // outside any session: hollow
        p.drawEllipse(QRectF(3, 3, 10, 10));
        if (markedDeleted || state == ObjectState::Deleted)
            p.drawLine(QPointF(4, 12), QPointF(12, 4));
        icon = QIcon(pixmap);
    }
    return icon;
}

QString stateText(ObjectState state, bool markedDeleted)
{
    if (markedDeleted)
        return Tr::tr("persistent, marked for deletion");
    switch (state) {
    case ObjectState::Transient:
        return Tr::tr("transient");
    case ObjectState::Pending:
        return Tr::tr("pending");
    case ObjectState::Persistent:
        return Tr::tr("persistent");
    case ObjectState::Deleted:
        return Tr::tr("deleted");
    case ObjectState::Detached:
        return Tr::tr("detached");
    }
    return {};
}

} // namespace ms
