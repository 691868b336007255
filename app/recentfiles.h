#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace ms {

/// File > Open Recent: the last eight projects opened or saved (QSettings
/// `files/recent`, newest first), listed in @p menu each time it opens, the
/// ones no longer there greyed out, and Clear List.
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    explicit RecentFiles(QMenu *menu, QObject *parent = nullptr);

    /// Puts @p path first (once) and keeps the newest eight.
    static void remember(const QString &path);
    static QStringList paths();

Q_SIGNALS:
    /// The user chose @p path in the menu.
    void openRequested(const QString &path);

private:
    void fill();

    QMenu *m_menu;
};

} // namespace ms
