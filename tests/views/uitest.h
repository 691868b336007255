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
