#include "guide.h"

#include "common/eventtext.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHideEvent>
#include <QKeySequence>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

namespace ms {

namespace {

const QString kGeometryKey = QStringLiteral("guide/geometry");

/// The browser of the guide: the page's address gives the page with its
/// generated parts; anchors in it are followed without reading it again.
class GuideBrowser : public QTextBrowser
{
public:
    GuideBrowser(const QUrl &page, const QString &html, QWidget *parent)
        : QTextBrowser(parent)
        , m_page(page)
        , m_html(html)
    {
    }

    QVariant loadResource(int type, const QUrl &name) override
    {
        if (type == QTextDocument::HtmlResource && name.adjusted(QUrl::RemoveFragment) == m_page)
            return m_html;
        return QTextBrowser::loadResource(type, name);
    }

private:
    QUrl m_page;
    QString m_html;
};

QString withoutMnemonic(QString text)
{
    text.replace(QLatin1String("&&"), QLatin1String("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    return text;
}

bool insideGuide(const QObject *o)
{
    for (; o; o = o->parent())
        if (qobject_cast<const GuideWindow *>(o))
            return true;
    return false;
}

/// The dock an action outside the menus belongs to ("Timeline"), if any.
QString placeOf(const QAction *action)
{
    for (const QObject *o = action->parent(); o; o = o->parent())
        if (auto *dock = qobject_cast<const QDockWidget *>(o))
            return dock->windowTitle();
    return QString();
}

} // namespace

GuideWindow::GuideWindow(QWidget *window, const QString &language)
    : QDialog(window)
    , m_language(language.isEmpty() ? interfaceLanguage() : language)
{
    setObjectName(QStringLiteral("GuideWindow"));
    setWindowTitle(tr("Mapperscope Guide"));
    setModal(false);
    setSizeGripEnabled(true);
    setWindowFlag(Qt::WindowMaximizeButtonHint);

    QString file = QStringLiteral(":/guide/guide_%1.html").arg(m_language);
    if (!QFile::exists(file)) {
        m_language = QStringLiteral("en");
        file = QStringLiteral(":/guide/guide_en.html");
    }
    m_page = QUrl(QStringLiteral("qrc") + file);
    QString html;
    QFile f(file);
    if (f.open(QIODevice::ReadOnly))
        html = QString::fromUtf8(f.readAll());
    html.replace(QLatin1String("<!-- shortcuts -->"), shortcutsTable(window));
    html.replace(QLatin1String("<!-- hooks -->"), hooksSection());

    m_browser = new GuideBrowser(m_page, html, this);
    m_browser->setObjectName(QStringLiteral("guideBrowser"));
    m_browser->setOpenExternalLinks(true);
    m_browser->document()->setDefaultStyleSheet(
        QStringLiteral("h2 { margin-top: 18px; } h4 { margin-bottom: 2px; } "
                       "table { border-collapse: collapse; } td, th { padding: 2px 10px 2px 0; } "
                       "th { text-align: left; } code { font-family: monospace; }"));

    m_contents = new QTreeWidget(this);
    m_contents->setObjectName(QStringLiteral("guideContents"));
    m_contents->setHeaderHidden(true);
    m_contents->setColumnCount(1);

    auto *bar = new QToolBar(this);
    m_back = bar->addAction(style()->standardIcon(QStyle::SP_ArrowBack), tr("&Back"), m_browser,
                            &QTextBrowser::backward);
    m_back->setShortcut(QKeySequence::Back);
    m_back->setToolTip(tr("Back to where you were (%1)")
                           .arg(m_back->shortcut().toString(QKeySequence::NativeText)));
    m_back->setEnabled(false);
    m_forward = bar->addAction(style()->standardIcon(QStyle::SP_ArrowForward), tr("&Forward"),
                               m_browser, &QTextBrowser::forward);
    m_forward->setShortcut(QKeySequence::Forward);
    m_forward->setToolTip(tr("Forward again (%1)")
                              .arg(m_forward->shortcut().toString(QKeySequence::NativeText)));
    m_forward->setEnabled(false);
    QAction *top = bar->addAction(style()->standardIcon(QStyle::SP_ArrowUp), tr("&Top"), this,
                                  [this] { showAnchor(QString()); });
    top->setToolTip(tr("The beginning of the guide"));
    bar->addSeparator();
    m_find = new QLineEdit(this);
    m_find->setObjectName(QStringLiteral("guideFind"));
    m_find->setPlaceholderText(tr("Find in the guide (Enter: next, Shift+Enter: previous)"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('m')) * 30);
    bar->addWidget(m_find);
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        find(QGuiApplication::keyboardModifiers() & Qt::ShiftModifier);
    });
    connect(m_browser, &QTextBrowser::backwardAvailable, m_back, &QAction::setEnabled);
    connect(m_browser, &QTextBrowser::forwardAvailable, m_forward, &QAction::setEnabled);
    connect(m_browser, &QTextBrowser::sourceChanged, this, &GuideWindow::followSource);
    const auto go = [this](QTreeWidgetItem *item) { showAnchor(item->data(0, Qt::UserRole).toString()); };
    connect(m_contents, &QTreeWidget::itemClicked, this, go);
    connect(m_contents, &QTreeWidget::itemActivated, this, go);

    auto *split = new QSplitter(this);
    split->addWidget(m_contents);
    split->addWidget(m_browser);
    split->setStretchFactor(1, 1);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    split->setSizes({em * 18, em * 52});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(bar);
    layout->addWidget(split, 1);

    m_browser->setSource(m_page);
    fillContents();

    // A size that fits a 1280x800 screen, or the one it was left at.
    if (!restoreGeometry(QSettings().value(kGeometryKey).toByteArray())) {
        QSize size(em * 72, fontMetrics().height() * 40);
        if (const QScreen *s = window ? window->screen() : screen())
            size = size.boundedTo(s->availableGeometry().size() * 0.9);
        resize(size.boundedTo(QSize(1180, 740)));
    }
}

GuideWindow::~GuideWindow()
{
    if (isVisible())
        saveSize();
}

GuideWindow *GuideWindow::of(QWidget *window)
{
    if (auto *guide = window->findChild<GuideWindow *>(QString(), Qt::FindDirectChildrenOnly))
        return guide;
    return new GuideWindow(window);
}

void GuideWindow::showGuide()
{
    show();
    raise();
    activateWindow();
}

void GuideWindow::showHook(EventType type)
{
    showAnchor(hookAnchor(type));
}

void GuideWindow::showAnchor(const QString &name)
{
    showGuide();
    QUrl url = m_page;
    if (!name.isEmpty())
        url.setFragment(name);
    m_browser->setSource(url);
}

QString GuideWindow::hookAnchor(EventType type)
{
    return QStringLiteral("hook-") + eventName(type);
}

QString GuideWindow::shortcutsTable(const QWidget *window)
{
    struct Row
    {
        QString place;
        QString keys;
    };
    QList<Row> rows;
    QSet<const QAction *> seen;
    auto add = [&](const QAction *a, const QString &place) {
        if (seen.contains(a) || a->shortcuts().isEmpty() || insideGuide(a))
            return;
        seen.insert(a);
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        rows.append({place, keys.join(QLatin1String(", "))});
    };
    const QString arrow = QStringLiteral(" ▸ ");
    std::function<void(const QMenu *, const QString &)> walk = [&](const QMenu *menu,
                                                                   const QString &path) {
        for (const QAction *a : menu->actions()) {
            if (a->isSeparator())
                continue;
            const QString place = path + arrow + withoutMnemonic(a->text());
            if (a->menu())
                walk(a->menu(), place);
            else
                add(a, place);
        }
    };
    if (auto *main = qobject_cast<const QMainWindow *>(window)) {
        for (const QAction *a : main->menuBar()->actions())
            if (a->menu())
                walk(a->menu(), withoutMnemonic(a->text()));
    }
    // The shortcuts of actions outside the menus (the timeline's Home and
    // End), named after their dock.
    if (window) {
        for (const QAction *a : window->findChildren<QAction *>()) {
            const QString dock = placeOf(a);
            add(a, dock.isEmpty() ? withoutMnemonic(a->text())
                                  : dock + arrow + withoutMnemonic(a->text()));
        }
    }
    QString html = QStringLiteral("<table class=\"shortcuts\"><tr><th>%1</th><th>%2</th></tr>\n")
                       .arg(tr("Keys").toHtmlEscaped(), tr("Action").toHtmlEscaped());
    for (const Row &r : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>\n")
                    .arg(r.keys.toHtmlEscaped(), r.place.toHtmlEscaped());
    return html + QStringLiteral("</table>\n");
}

QString GuideWindow::hooksSection()
{
    QString html;
    for (int c = 0; c <= int(EventCategory::Step); ++c) {
        const auto category = EventCategory(c);
        QString entries;
        for (const EventInfo &info : eventCatalogue()) {
            if (info.category != category)
                continue;
            const QString name = QString::fromLatin1(info.name);
            QString where;
            switch (info.target) {
            case TargetKind::Session:
                where = tr("A listener goes on the session.");
                break;
            case TargetKind::Mapper:
                where = tr("A listener goes on a class, or on every class (*).");
                break;
            case TargetKind::Attribute:
                where = tr("A listener goes on an attribute (Class.attribute), or on every attribute (*).");
                break;
            case TargetKind::None:
                where = tr("Not a hook: no listener can be put on it.");
                break;
            }
            if (info.mingOnly)
                where += QLatin1Char(' ') + tr("Ming has it; SQLAlchemy does not.");
            const QString signature
                = info.target == TargetKind::None
                      ? name
                      : QStringLiteral("%1(%2)").arg(name, QString::fromLatin1(info.arguments));
            entries += QStringLiteral("<h4><a name=\"%1\">%2</a></h4>\n"
                                      "<p><code>%3</code>. %4</p>\n<p>%5</p>\n")
                           .arg(hookAnchor(info.type), name, signature.toHtmlEscaped(),
                                where.toHtmlEscaped(), eventExplanation(info.type).toHtmlEscaped());
        }
        if (entries.isEmpty())
            continue;
        QString title = categoryTitle(category);
        if (!title.isEmpty())
            title[0] = title[0].toUpper();
        html += QStringLiteral("<h3><a name=\"category-%1\">%2</a></h3>\n%3")
                    .arg(categoryName(category), title.toHtmlEscaped(), entries);
    }
    return html;
}

void GuideWindow::fillContents()
{
    // The headings of the page, with the anchor each holds: sections (h2),
    // their parts (h3) and the hooks (h4).
    m_contents->clear();
    QTreeWidgetItem *levels[5] = {};
    for (QTextBlock b = m_browser->document()->begin(); b.isValid(); b = b.next()) {
        const int level = b.blockFormat().headingLevel();
        if (level < 2 || level > 4)
            continue;
        QString anchor;
        for (auto it = b.begin(); !it.atEnd() && anchor.isEmpty(); ++it)
            anchor = it.fragment().charFormat().anchorNames().value(0);
        if (anchor.isEmpty())
            continue;
        QTreeWidgetItem *parent = nullptr;
        for (int l = level - 1; l >= 2 && !parent; --l)
            parent = levels[l];
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_contents);
        item->setText(0, b.text().trimmed());
        item->setData(0, Qt::UserRole, anchor);
        levels[level] = item;
        for (int l = level + 1; l <= 4; ++l)
            levels[l] = nullptr;
    }
    for (int i = 0; i < m_contents->topLevelItemCount(); ++i)
        m_contents->topLevelItem(i)->setExpanded(true);
    // The hooks' categories open; their hooks stay folded.
}

void GuideWindow::followSource(const QUrl &url)
{
    const QString anchor = url.fragment();
    QTreeWidgetItemIterator it(m_contents);
    for (; *it; ++it) {
        if ((*it)->data(0, Qt::UserRole).toString() == anchor) {
            const QSignalBlocker block(m_contents);
            m_contents->setCurrentItem(*it);
            m_contents->scrollToItem(*it);
            return;
        }
    }
    m_contents->setCurrentItem(nullptr);
}

void GuideWindow::find(bool backward)
{
    const QString text = m_find->text();
    if (text.isEmpty())
        return;
    const QTextDocument::FindFlags flags
        = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    bool found = m_browser->find(text, flags);
    if (!found) { // round the end (or the beginning), once more
        QTextCursor c(m_browser->document());
        c.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
        m_browser->setTextCursor(c);
        found = m_browser->find(text, flags);
    }
    m_find->setStyleSheet(found ? QString() : QStringLiteral("QLineEdit { background: #f8d7da; }"));
}

void GuideWindow::hideEvent(QHideEvent *event)
{
    saveSize();
    QDialog::hideEvent(event);
}

void GuideWindow::saveSize()
{
    QSettings().setValue(kGeometryKey, saveGeometry());
}

} // namespace ms
