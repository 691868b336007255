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

/// The undo (or redo) action of @p window: its text is "&Undo" followed by
/// what it undoes.
inline QAction *undoAction(QWidget *window, bool redo = false)
{
    const QKeySequence key = redo ? QKeySequence(Qt::CTRL | Qt::Key_Y) : QKeySequence::Undo;
    for (QAction *a : window->findChildren<QAction *>()) {
        if (a->shortcuts().contains(key))
            return a;
    }
    qFatal("no %s action", redo ? "redo" : "undo");
}

#include <QApplication>
#include <QKeyEvent>

/// Types @p text into @p widget key by key, any Unicode included (QTest's
/// keyClicks() takes Latin-1 only).
inline void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        QKeyEvent press(QEvent::KeyPress, 0, Qt::NoModifier, QString(c));
        QApplication::sendEvent(widget, &press);
        QKeyEvent release(QEvent::KeyRelease, 0, Qt::NoModifier, QString(c));
        QApplication::sendEvent(widget, &release);
    }
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
