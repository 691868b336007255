#pragma once

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPointer>
#include <QPalette>
#include <QSize>

class QAction;
class QComboBox;
class QMainWindow;
class QTabWidget;

namespace ms {

class TimelineView;

/// Presentation mode (View menu, F11): fonts half as large again, high
/// contrast, only the session workspace (page 1 of @p pages) and the
/// timeline, the slowest scenario speed; off puts everything back as it was:
/// the window's size, its docks, the page and the speed.
class PresentationMode : public QObject
{
    Q_OBJECT
public:
    PresentationMode(QMainWindow *window, QTabWidget *pages, TimelineView *timeline,
                     QComboBox *speed);

    /// The checkable View menu action (F11).
    QAction *action() const { return m_action; }
    bool isOn() const { return m_on; }
    void setOn(bool on);

private:
    void enter();
    void leave();

    QMainWindow *m_window;
    QTabWidget *m_pages;
    TimelineView *m_timeline;
    QComboBox *m_speed;
    QAction *m_action;
    bool m_on = false;
    QSize m_size;
    QByteArray m_state;
    QFont m_font;
    QPalette m_palette;
    int m_page = 0;
    int m_speedIndex = 1;
    QPointer<QWidget> m_description; ///< the project's description, hidden while presenting
    bool m_descriptionShown = false;
};

} // namespace ms
