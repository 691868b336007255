#pragma once

#include "events/eventtype.h"
#include "project/project.h"

#include <QDialog>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace ms {

class ProjectDocument;

/// One listener of the project: the hook (grouped by category, with its
/// arguments), a target that can fire it (only those are offered), and
/// what it does: log (highlight), pause, set an attribute, raise.
class ListenerDialog : public QDialog
{
    Q_OBJECT
public:
    /// @p extensions: the names of the project's Ming-style extensions, to
    /// offer (a new name makes a new one).
    /// With @p ming (a Ming project), only Ming's hooks are offered, each
    /// listener is an extension's method, and its target is the session
    /// (a SessionExtension) or a class (a MapperExtension).
    ListenerDialog(const Schema &schema, const ListenerDef &listener,
                   const QStringList &extensions = {}, QWidget *parent = nullptr, bool ming = false);

    ListenerDef listener() const;

    QComboBox *hookBox() const { return m_hook; }
    /// Typing here narrows the hook list to the names containing the text.
    QLineEdit *hookFilter() const { return m_hookFilter; }
    QComboBox *targetBox() const { return m_target; }
    QComboBox *actionBox() const { return m_action; }
    QComboBox *extensionBox() const { return m_extension; }
    /// The chosen hook's signature and what it is for (in the interface language).
    QLabel *hookHelp() const { return m_arguments; }
    /// Choosing a hook by its name (as a user picks it in the list).
    bool selectHook(const QString &name);

private:
    void filterHooks(const QString &text);
    /// Chooses the next (@p delta 1) or previous (-1) hook the filter shows.
    void moveHook(int delta);
    bool eventFilter(QObject *watched, QEvent *event) override;
    void fillTargets();
    void fillAttributes();
    void updateState();

    Schema m_schema;
    bool m_ming = false;
    QComboBox *m_hook;
    QLineEdit *m_hookFilter;
    QLabel *m_arguments;
    QComboBox *m_target;
    QComboBox *m_action;
    QLabel *m_actionHelp;
    QStackedWidget *m_details;
    QComboBox *m_setAttr;
    QComboBox *m_compute;
    QLineEdit *m_value;
    QComboBox *m_of;
    QLineEdit *m_message;
    QComboBox *m_extension;
    QPushButton *m_ok;
};

/// The project's listeners in their chaining order (the order they run in
/// for the same hook): add, edit, remove, move up and down, each an undo
/// step saved in the project file (`listeners`).
class ListenersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ListenersPanel(ProjectDocument *doc, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    /// Adds @p listener at the end (one undo step).
    void addListener(const ListenerDef &listener);
    void removeCurrent();
    void moveCurrent(int delta);
    /// Selects (and scrolls to) listener @p index of the project's list.
    void selectListener(int index);
    /// Opens the dialog for a new listener, or for the selected one.
    void add();
    void edit();

    /// The names of the project's Ming-style extensions, in order.
    QStringList extensions() const;
    /// A listener's action as one line: "set slug = lower(title)".
    static QString describe(const ListenerDef &listener);
    /// "What Is This Hook?" for the selected listener's hook (a row's context menu).
    QAction *hookHelpAction() const { return m_hookHelp; }

Q_SIGNALS:
    /// The user asked what the hook @p type is.
    void hookHelpRequested(ms::EventType type);

private:
    void rebuild();
    void updateButtons();
    void replace(const QList<ListenerDef> &listeners, const QString &text, int select);

    ProjectDocument *m_doc;
    QTreeWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QAction *m_hookHelp;
};

} // namespace ms
