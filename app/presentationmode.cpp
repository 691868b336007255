#include "presentationmode.h"

#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

namespace ms {

PresentationMode::PresentationMode(QMainWindow *window, QTabWidget *pages, TimelineView *timeline,
                                   QComboBox *speed)
    : QObject(window)
    , m_window(window)
    , m_pages(pages)
    , m_timeline(timeline)
    , m_speed(speed)
    , m_action(new QAction(tr("&Presentation Mode"), window))
{
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::Key_F11));
    m_action->setToolTip(tr("Large fonts, high contrast, only the session and the timeline, "
                            "a slower scenario speed (F11)"));
    connect(m_action, &QAction::triggered, this, &PresentationMode::setOn);
}

void PresentationMode::setOn(bool on)
{
    if (on == m_on)
        return;
    m_on = on;
    {
        const QSignalBlocker block(m_action);
        m_action->setChecked(on);
    }
    if (on)
        enter();
    else
        leave();
}

void PresentationMode::enter()
{
    // Everything to put back afterwards.
    m_size = m_window->size();
    m_state = m_window->saveState();
    m_font = QApplication::font();
    m_palette = QApplication::palette();
    m_page = m_pages->currentIndex();
    m_speedIndex = m_speed->currentIndex();
    QFont large = m_font;
    large.setPointSizeF(large.pointSizeF() * 1.5);
    QApplication::setFont(large);
    // High contrast: black on white, a dark blue selection.
    QPalette contrast;
    for (auto role : {QPalette::Window, QPalette::Base, QPalette::Button})
        contrast.setColor(role, Qt::white);
    contrast.setColor(QPalette::AlternateBase, QColor(0xee, 0xee, 0xee));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        contrast.setColor(role, Qt::black);
    contrast.setColor(QPalette::Highlight, QColor(0x00, 0x33, 0x99));
    contrast.setColor(QPalette::HighlightedText, Qt::white);
    // Disabled still reads as disabled (a paused session's actions).
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        contrast.setColor(QPalette::Disabled, role, QColor(0x99, 0x99, 0x99));
    QApplication::setPalette(contrast);
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
        dock->setVisible(dock->objectName() == QLatin1String("TimelineDock"));
    // The designer's toolbar too (its actions stay in the menus and keys):
    // in the large font it would fold Apply into its overflow.
    if (auto *main = m_window->findChild<QToolBar *>(QStringLiteral("MainToolBar")))
        main->hide();
    // A lesson's description too: the session and the timeline need the room.
    m_description = m_window->findChild<QWidget *>(QStringLiteral("descriptionBar"));
    m_descriptionShown = m_description && m_description->isVisible();
    if (m_description)
        m_description->hide();
    // The status bar keeps the session's state whole in the large font.
    if (auto *database = m_window->statusBar()->findChild<QLabel *>(QStringLiteral("statusDatabase")))
        database->hide();
    m_pages->setCurrentIndex(1);
    m_timeline->setPresentation(true);
    m_speed->setCurrentIndex(0); // one step in two seconds
}

void PresentationMode::leave()
{
    if (m_description && m_descriptionShown)
        m_description->show();
    if (auto *database = m_window->statusBar()->findChild<QLabel *>(QStringLiteral("statusDatabase")))
        database->show();
    QApplication::setFont(m_font);
    QApplication::setPalette(m_palette);
    m_timeline->setPresentation(false);
    // The plot asks for the width of its legend, laid out in the larger
    // font: it must ask again before the docks come back, or the window
    // grows to make room for it.
    m_timeline->plotWidget()->updateGeometry();
    m_window->restoreState(m_state);
    // The size only (restoreGeometry() would also move a window at the top
    // of the screen down by a title bar's height where there is none).
    if (!(m_window->windowState() & (Qt::WindowMaximized | Qt::WindowFullScreen)))
        m_window->resize(m_size);
    m_pages->setCurrentIndex(m_page);
    m_speed->setCurrentIndex(m_speedIndex);
}

} // namespace ms
