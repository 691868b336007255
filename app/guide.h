#pragma once

#include "events/eventtype.h"

#include <QDialog>
#include <QUrl>

class QAction;
class QLineEdit;
class QTextBrowser;
class QTreeWidget;

namespace ms {

/// Help > Guide (F1): the guide to the application, from the HTML page
/// compiled into the resources for the interface language
/// (`:/guide/guide_ru.html`, else `:/guide/guide_en.html`), with two parts
/// written when it opens: the table of keyboard shortcuts, read from the
/// window's actions, and every hook of the catalogue with what it is for
/// (each under the anchor `hook-<name>`). A contents list beside the page,
/// Back and Forward; the window keeps its size (QSettings `guide/geometry`).
/// Not modal: it stays open beside the window.
class GuideWindow : public QDialog
{
    Q_OBJECT
public:
    /// @p window: the window whose actions the shortcuts table lists, and
    /// the guide's parent. @p language: "en" or "ru" (empty: the interface's).
    explicit GuideWindow(QWidget *window, const QString &language = QString());
    ~GuideWindow() override;

    /// The guide of @p window: its own, made at the first call.
    static GuideWindow *of(QWidget *window);

    /// Shows the guide where it was left (at the top the first time).
    void showGuide();
    /// Shows the guide at @p type's entry in the hooks section.
    void showHook(EventType type);
    /// Shows the guide at the anchor @p name.
    void showAnchor(const QString &name);

    /// "hook-before_flush".
    static QString hookAnchor(EventType type);
    /// The page's address (`qrc:/guide/guide_en.html`).
    QUrl page() const { return m_page; }
    /// "en" or "ru": the page shown.
    QString language() const { return m_language; }
    QTextBrowser *browser() const { return m_browser; }
    QTreeWidget *contents() const { return m_contents; }
    QAction *backAction() const { return m_back; }
    QAction *forwardAction() const { return m_forward; }

    /// The shortcuts of @p window's actions as an HTML table: the menu
    /// path ("File ▸ Save", or the dock of an action outside the menus) and
    /// the keys as this system writes them.
    static QString shortcutsTable(const QWidget *window);
    /// Every hook of the catalogue, grouped by category: its signature, what
    /// it can be listened on and its explanation, in the interface language.
    static QString hooksSection();

protected:
    void hideEvent(QHideEvent *event) override;

private:
    void fillContents();
    void followSource(const QUrl &url);
    void find(bool backward);
    void saveSize();

    QString m_language;
    QUrl m_page;
    QTextBrowser *m_browser;
    QTreeWidget *m_contents;
    QLineEdit *m_find;
    QAction *m_back;
    QAction *m_forward;
};

} // namespace ms
