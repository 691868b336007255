#include "recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace ms {

namespace {

const QString recentKey = QStringLiteral("files/recent");
constexpr int maxRecent = 8;

} // namespace

RecentFiles::RecentFiles(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
{
    connect(menu, &QMenu::aboutToShow, this, &RecentFiles::fill);
    fill();
}

void RecentFiles::remember(const QString &path)
{
    QStringList recent = paths();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > maxRecent)
        recent.removeLast();
    QSettings().setValue(recentKey, recent);
}

QStringList RecentFiles::paths()
{
    return QSettings().value(recentKey).toStringList();
}

void RecentFiles::fill()
{
    m_menu->clear();
    const QStringList recent = paths();
    int n = 0;
    for (const QString &path : recent) {
        QAction *a = m_menu->addAction(
            QStringLiteral("&%1 %2").arg(++n).arg(QDir::toNativeSeparators(path)), this,
            [this, path] { Q_EMIT openRequested(path); });
        a->setEnabled(QFileInfo::exists(path));
    }
    if (recent.isEmpty())
        m_menu->addAction(tr("(none)"))->setEnabled(false);
    m_menu->addSeparator();
    m_menu->addAction(tr("&Clear List"), this, [] { QSettings().remove(recentKey); });
}

} // namespace ms
