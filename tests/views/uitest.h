#pragma once

// Helpers shared by the offscreen GUI tests.
#include <QAction>
#include <QWidget>

/// The action of @p window whose text (with its & accelerator) is @p text;
/// stops the test when there is none.
inline QAction *action(QWidget *window, const QString &text)
{
    for (QAction *a : window->findChildren<QAction *>()) {
        if (a->text() == text)
            return a;
    }
    qFatal("no action %s", qPrintable(text));
}

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTemporaryDir>

/// What the window tests share: settings of their own (never the user's
/// layout or recent files), and a fresh recovery folder for each window.
class WindowTestEnvironment
{
public:
    /// In initTestCase().
    static void init()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("MapperscopeTests"));
        QStandardPaths::setTestModeEnabled(true);
    }
    QString recoveryDir() { return m_dir.filePath(QStringLiteral("recovery%1").arg(++m_counter)); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
};
