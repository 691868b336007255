#pragma once

#include "core/result.h"
#include "project/step.h"

#include <QWidget>

#include <functional>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;
class QToolBar;

namespace ms {

class CollectionPanel;
class Instance;
class MessageBar;
class ObjectTableModel;
class PauseBar;
class QueryBar;
class SessionController;

/// The live session: a tab per mapped class with its objects
/// (ObjectTableModel), a side list for the selected object's one-to-many
/// collections (CollectionPanel), a toolbar of object and session
/// operations, a QueryBar, Generate N objects, a MessageBar for the
/// engine's errors and a PauseBar while paused inside a hook. Every
/// action goes through the SessionController, so each shows on the
/// timeline as a user action followed by the events it caused. With
/// several sessions, a Session choice (at the right of the class tabs)
/// says which one the actions run in and whose options the Autoflush and
/// Expire on commit switches show and change.
class SessionWorkspace : public QWidget
{
    Q_OBJECT
public:
    explicit SessionWorkspace(SessionController *controller, QWidget *parent = nullptr);

    SessionController *controller() const { return m_controller; }
    /// The table of @p className's objects (nullptr: not mapped).
    ObjectTableModel *model(const QString &className) const;
    QTableView *table(const QString &className) const;
    /// Shows @p className's tab.
    void showClass(const QString &className);
    /// The objects selected in the visible tab.
    QList<Instance *> selectedObjects() const;
    /// Selects @p object in its class's tab.
    void selectObject(const Instance *object);

    /// Generates @p count objects of the visible tab's class, with a
    /// progress dialog for large counts. Asks for the count when 0.
    void generate(int count = 0);

    QToolBar *toolBar() const { return m_toolBar; }
    QList<QAction *> objectActions() const { return m_objectActions; }
    QList<QAction *> sessionActions() const { return m_sessionActions; }
    QAction *flushAction() const { return m_flush; }
    QAction *commitAction() const { return m_commit; }
    QAction *rollbackAction() const { return m_rollback; }
    QAction *newObjectAction() const { return m_newObject; }
    QAction *autoflushAction() const { return m_autoflush; }
    /// Reconnect: enabled while the database connection is lost.
    QAction *reconnectAction() const { return m_reconnect; }
    /// Continue, Step, Run to End: enabled while the engine is paused inside a hook.
    QList<QAction *> stepActions() const { return m_stepActions; }
    /// The pause bar's text (empty while hidden).
    QString pauseText() const;
    QAction *expireOnCommitAction() const { return m_expireOnCommit; }
    /// The message bar's text (empty while hidden).
    QString message() const;

private:
    void createActions();
    void rebuild();
    void refresh();
    void updateActions();
    void updateSwitches();
    void reconnect();
    void showPaused(qsizetype index);
    void updateCollection();
    void showError(const Error &error, const QString &op);
    void hideMessage();
    QString currentClass() const;
    Instance *currentObject() const;
    void runOnSelection(const std::function<Step(const QString &ref)> &makeStep);
    void runSession(const Step &step);
    void newObject();
    void runQuery(const QString &className, const QString &filters);

    struct Tab
    {
        QString className;
        ObjectTableModel *model;
        QTableView *view;
    };

    SessionController *m_controller;
    std::vector<Tab> m_tabs;
    QToolBar *m_toolBar;
    QToolBar *m_sessionBar; ///< flush, commit, rollback, close
    QToolBar *m_switches = nullptr;
    QComboBox *m_sessionChoice = nullptr;   ///< several sessions: the one the buttons act in
    MessageBar *m_messageBar = nullptr;
    PauseBar *m_pauseBar = nullptr;
    QueryBar *m_queryBar = nullptr;
    QTabWidget *m_tabWidget;
    CollectionPanel *m_collection = nullptr;
    QLabel *m_empty;

    QList<QAction *> m_objectActions;
    QList<QAction *> m_sessionActions;
    QAction *m_newObject = nullptr;
    QAction *m_flush = nullptr;
    QAction *m_commit = nullptr;
    QAction *m_rollback = nullptr;
    QList<QAction *> m_savepointActions; ///< release and roll back: with a savepoint open
    QAction *m_autoflush = nullptr;
    QAction *m_expireOnCommit = nullptr;
    QAction *m_generate = nullptr;
    QAction *m_reconnect = nullptr;
    QList<QAction *> m_stepActions;
};

} // namespace ms
