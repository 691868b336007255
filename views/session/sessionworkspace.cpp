#include "sessionworkspace.h"

#include "common/toolrow.h"

#include "collectionpanel.h"
#include "common/choicedelegate.h"
#include "live/sessioncontroller.h"
#include "live/stepper.h"
#include "live/workbench.h"
#include "messagebar.h"
#include "objecttablemodel.h"
#include "pausebar.h"
#include "querybar.h"

#include <QAction>
#include <QComboBox>
#include <QSignalBlocker>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressDialog>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace ms {

SessionWorkspace::SessionWorkspace(SessionController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_toolBar(new QToolBar(this))
    , m_sessionBar(new QToolBar(this))
    , m_tabWidget(new QTabWidget(this))
    , m_empty(new QLabel(this))
{
    createActions();

    m_pauseBar = new PauseBar(m_stepActions, this);
    m_messageBar = new MessageBar(m_reconnect, this);
    m_queryBar = new QueryBar(m_switches, this);
    connect(m_queryBar, &QueryBar::queryRequested, this, &SessionWorkspace::runQuery);
    m_collection = new CollectionPanel(m_controller, this);
    connect(m_collection, &CollectionPanel::selectionChanged, this,
            &SessionWorkspace::updateActions);

    m_tabWidget->setObjectName(QStringLiteral("classTabs"));
    m_tabWidget->setDocumentMode(true);
    connect(m_tabWidget, &QTabWidget::currentChanged, this, [this] {
        m_queryBar->setCurrentClass(currentClass());
        updateCollection();
        updateActions();
    });
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("No session yet. Apply the model to a database (Session > Apply to "
                        "Database, F5) to create, flush and commit objects here."));

    auto *splitter = new QSplitter(this);
    auto *tabsAndEmpty = new QWidget(this);
    auto *tabsLayout = new QVBoxLayout(tabsAndEmpty);
    tabsLayout->setContentsMargins(0, 0, 0, 0);
    tabsLayout->addWidget(m_tabWidget);
    tabsLayout->addWidget(m_empty);
    splitter->addWidget(tabsAndEmpty);
    splitter->addWidget(m_collection);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *tools = new ToolRow(this);
    tools->setObjectName(QStringLiteral("sessionTools"));
    tools->addToolBar(m_toolBar);
    tools->addToolBar(m_sessionBar);
    layout->addWidget(tools);
    layout->addWidget(m_pauseBar);
    layout->addWidget(m_queryBar);
    layout->addWidget(splitter, 1);
    // Below the tables: a message appearing shortens them at the bottom
    // and never moves the rows under the pointer (one was renamed by
    // mistake when the bar pushed them down).
    layout->addWidget(m_messageBar);

    connect(m_controller, &SessionController::sessionReplaced, this, &SessionWorkspace::rebuild);
    connect(m_controller, &SessionController::currentSessionChanged, this,
            &SessionWorkspace::updateSwitches);
    connect(m_controller, &SessionController::objectsChanged, this, &SessionWorkspace::refresh);
    connect(m_controller, &SessionController::failed, this, &SessionWorkspace::showError);
    connect(m_controller, &SessionController::succeeded, this, &SessionWorkspace::hideMessage);
    Stepper *stepper = m_controller->workbench()->stepper();
    connect(stepper, &Stepper::paused, this, &SessionWorkspace::showPaused);
    connect(stepper, &Stepper::resumed, this, [this] {
        m_pauseBar->hide();
        updateActions();
    });
    rebuild();
}

QString SessionWorkspace::pauseText() const
{
    return m_pauseBar->text();
}

void SessionWorkspace::showPaused(qsizetype index)
{
    m_pauseBar->showPausedAt(*m_controller->workbench()->log(), index);
    updateActions();
    m_controller->refresh();
}

void SessionWorkspace::createActions()
{
    m_toolBar->setObjectName(QStringLiteral("sessionToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    // The objects' operations, then the session's in a toolbar of their
    // own: side by side, or one above the other where they do not fit.
    m_sessionBar->setObjectName(QStringLiteral("sessionOpsToolBar"));
    m_sessionBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_sessionBar->setIconSize(QSize(16, 16));
    QToolBar *into = m_toolBar;
    // An operation Ming has no counterpart for (greyed out in a Ming session)
    auto notInMing = [this](QAction *a) {
        if (!a)
            return;
        a->setProperty("notInMing", true);
        a->setStatusTip(tr("Not in a Ming session: %1").arg(a->toolTip()));
    };
    auto action
        = [this, &into](const QString &text, const QString &tip, QStyle::StandardPixmap icon, auto slot) {
              auto *a = new QAction(style()->standardIcon(icon), text, this);
              a->setToolTip(tip);
              connect(a, &QAction::triggered, this, slot);
              into->addAction(a);
              return a;
          };
    // The object operations: the step each makes of a selected object's label.
    auto objectOp
        = [&](const QString &text, const QString &tip, QStyle::StandardPixmap icon, auto makeStep) {
              QAction *a = action(text, tip, icon, [this, makeStep] { runOnSelection(makeStep); });
              m_objectActions << a;
              return a;
          };
    m_newObject
        = action(tr("&New Object"), tr("Construct a transient object of this class (Insert)"),
                 QStyle::SP_FileIcon, &SessionWorkspace::newObject);
    m_newObject->setShortcut(QKeySequence(Qt::Key_Insert));
    m_newObject->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_newObject);
    notInMing(objectOp(tr("&Add"),
                       tr("session.add(): the object becomes pending (cascades along save-update)"),
                       QStyle::SP_ArrowRight, [](const QString &ref) { return steps::Add {ref}; }));
    QAction *del
        = objectOp(tr("&Delete"),
                   tr("session.delete(): marked for deletion at the next "
                      "flush (Delete)"),
                   QStyle::SP_TrashIcon, [](const QString &ref) { return steps::Delete {ref}; });
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(del);
    objectOp(tr("E&xpunge"), tr("session.expunge(): the object leaves the session"),
             QStyle::SP_DialogCancelButton,
             [](const QString &ref) { return steps::Expunge {ref}; });
    notInMing(objectOp(tr("E&xpire"), tr("session.expire(): forget the loaded values; the next read loads"),
             QStyle::SP_BrowserStop, [](const QString &ref) {
                 return steps::Expire {ref, std::nullopt};
             }));
    objectOp(tr("&Refresh"), tr("session.refresh(): load the row again now"),
             QStyle::SP_BrowserReload, [](const QString &ref) {
                 return steps::Refresh {ref, std::nullopt};
             });
    // In the Session menu only (the toolbar has no room at 1280 pixels)
    auto menuOp = [this](QList<QAction *> &list, const QString &text, const QString &tip, auto slot) {
        auto *a = new QAction(text, this);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        connect(a, &QAction::triggered, this, slot);
        list << a;
        return a;
    };
    menuOp(m_objectActions, tr("Make &Transient"),
           tr("make_transient(): the object leaves its session and forgets its identity; add() "
              "inserts it again"),
           [this] { runOnSelection([](const QString &ref) { return steps::MakeTransient {ref}; }); })
        ->setObjectName(QStringLiteral("makeTransient"));
    notInMing(findChild<QAction *>(QStringLiteral("makeTransient")));
    menuOp(m_objectActions, tr("Make Transient to &Detached"),
           tr("make_transient_to_detached(): a transient object takes the identity of its primary "
              "key; add() makes it persistent without SQL"),
           [this] {
               runOnSelection([](const QString &ref) { return steps::MakeTransientToDetached {ref}; });
           })
        ->setObjectName(QStringLiteral("makeTransientToDetached"));
    notInMing(findChild<QAction *>(QStringLiteral("makeTransientToDetached")));
    menuOp(m_objectActions, tr("&Merge into the Session"),
           tr("session.merge(): the object's loaded values are set on this session's object of its "
              "key (found, loaded by a SELECT, or made new); the object itself stays where it is"),
           [this] { runOnSelection([](const QString &ref) { return steps::Merge {ref, std::nullopt}; }); })
        ->setObjectName(QStringLiteral("merge"));
    notInMing(findChild<QAction *>(QStringLiteral("merge")));
    into = m_sessionBar;

    auto sessionOp = [&](const QString &text, const QString &tip, QStyle::StandardPixmap icon,
                         const Step &step, const QKeySequence &key) {
        QAction *a = action(text, tip, icon, [this, step] { runSession(step); });
        a->setShortcut(key);
        m_sessionActions << a;
        return a;
    };
    m_flush = sessionOp(tr("&Flush"), tr("session.flush(): send pending changes (F6)"),
                        QStyle::SP_ArrowDown, steps::Flush {}, QKeySequence(Qt::Key_F6));
    m_commit
        = sessionOp(tr("&Commit"), tr("session.commit(): flush and commit the transaction (F7)"),
                    QStyle::SP_DialogApplyButton, steps::Commit {}, QKeySequence(Qt::Key_F7));
    m_rollback
        = sessionOp(tr("Roll&back"), tr("session.rollback(): undo the transaction (F8)"),
                    QStyle::SP_DialogResetButton, steps::Rollback {}, QKeySequence(Qt::Key_F8));
    notInMing(m_commit);
    notInMing(m_rollback);
    sessionOp(tr("C&lose"), tr("session.close(): roll back and detach every object"),
              QStyle::SP_DialogCloseButton, steps::Close {}, {});
    menuOp(m_sessionActions, tr("Expire &All"),
           tr("session.expire_all(): every persistent object forgets its loaded values"),
           [this] { runSession(steps::ExpireAll {}); })
        ->setObjectName(QStringLiteral("expireAll"));
    notInMing(findChild<QAction *>(QStringLiteral("expireAll")));
    menuOp(m_sessionActions, tr("Expunge A&ll"),
           tr("session.expunge_all(): every object leaves the session; the transaction stays"),
           [this] { runSession(steps::ExpungeAll {}); })
        ->setObjectName(QStringLiteral("expungeAll"));
    notInMing(findChild<QAction *>(QStringLiteral("expungeAll")));
    menuOp(m_sessionActions, tr("Begin &Savepoint"),
           tr("session.begin_nested(): flush, then open a savepoint inside the transaction"),
           [this] { runSession(steps::BeginNested {}); })
        ->setObjectName(QStringLiteral("beginNested"));
    notInMing(findChild<QAction *>(QStringLiteral("beginNested")));
    menuOp(m_savepointActions, tr("Release Sa&vepoint"),
           tr("Commit the innermost savepoint (flush, RELEASE SAVEPOINT); the transaction goes on"),
           [this] { runSession(steps::CommitNested {}); })
        ->setObjectName(QStringLiteral("commitNested"));
    menuOp(m_savepointActions, tr("Roll Back to Save&point"),
           tr("Roll back the innermost savepoint: only what changed since it is undone"),
           [this] { runSession(steps::RollbackNested {}); })
        ->setObjectName(QStringLiteral("rollbackNested"));
    m_sessionActions << m_savepointActions;

    m_autoflush = new QAction(tr("A&utoflush"), this);
    auto *switches = new QToolBar(this);
    switches->setObjectName(QStringLiteral("sessionSwitches"));
    switches->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    switches->setIconSize(QSize(16, 16));
    m_switches = switches;
    m_autoflush->setCheckable(true);
    m_autoflush->setToolTip(tr("Flush before every query and lazy load"));
    connect(m_autoflush, &QAction::toggled, m_controller, &SessionController::setAutoflush);
    m_expireOnCommit = new QAction(tr("Expire on c&ommit"), this);
    m_expireOnCommit->setCheckable(true);
    m_expireOnCommit->setToolTip(tr("Expire every object after a commit"));
    connect(m_expireOnCommit, &QAction::toggled, m_controller,
            &SessionController::setExpireOnCommit);
    notInMing(m_expireOnCommit);
    switches->addAction(m_autoflush);
    switches->addAction(m_expireOnCommit);
    m_sessionActions << m_autoflush << m_expireOnCommit;
    switches->addSeparator();
    m_generate = new QAction(style()->standardIcon(QStyle::SP_FileDialogDetailedView),
                             tr("&Generate..."), this);
    m_generate->setToolTip(tr("Construct and add many objects of this class with random values"));
    connect(m_generate, &QAction::triggered, this, [this] { generate(); });
    switches->addAction(m_generate);
    m_sessionActions << m_generate;

    // several sessions (format version 7): which one the buttons act in.
    // At the right of the class tabs, where there is room: in the query
    // bar's row it left the filters a few letters (Russian, 1280 pixels).
    m_sessionChoice = new QComboBox(this);
    m_sessionChoice->setObjectName(QStringLiteral("sessionChoice"));
    m_sessionChoice->setToolTip(tr("The session your actions run in (the project names several)"));
    m_sessionChoice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_sessionChoice->setVisible(false);
    m_tabWidget->setCornerWidget(m_sessionChoice, Qt::TopRightCorner);
    connect(m_sessionChoice, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_controller->setCurrentSession(m_sessionChoice->itemData(i).toString());
    });

    // Offered in the pause bar (and the Session menu) while the engine is
    // stopped inside a hook.
    Stepper *stepper = m_controller->workbench()->stepper();
    auto stepAction = [this](const QString &text, const QString &tip, QStyle::StandardPixmap icon,
                             const QKeySequence &key, auto slot) {
        auto *a = new QAction(style()->standardIcon(icon), text, this);
        a->setToolTip(tip);
        a->setShortcut(key);
        a->setEnabled(false);
        connect(a, &QAction::triggered, this, slot);
        m_stepActions << a;
        return a;
    };
    stepAction(tr("&Continue"), tr("Go on to the next pause (F9)"), QStyle::SP_MediaPlay,
               QKeySequence(Qt::Key_F9), [stepper] { stepper->continueRun(); })
        ->setObjectName(QStringLiteral("continue"));
    stepAction(tr("S&tep"), tr("Stop again at the very next event (F10)"),
               QStyle::SP_MediaSkipForward, QKeySequence(Qt::Key_F10),
               [stepper] { stepper->step(); })
        ->setObjectName(QStringLiteral("step"));
    stepAction(tr("Run to &End"), tr("No more pauses until this operation is over (Ctrl+F9)"),
               QStyle::SP_MediaSeekForward, QKeySequence(Qt::CTRL | Qt::Key_F9),
               [stepper] { stepper->runToEnd(); })
        ->setObjectName(QStringLiteral("runToEnd"));

    // Not on the toolbar: offered in the message bar (and the Session menu)
    // when the database stops answering.
    m_reconnect = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Reconnect"),
                              this);
    m_reconnect->setObjectName(QStringLiteral("reconnect"));
    m_reconnect->setToolTip(tr("Open the lost database connection again; the session is "
                               "rolled back and goes on (Ctrl+F5)"));
    m_reconnect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F5));
    m_reconnect->setEnabled(false);
    connect(m_reconnect, &QAction::triggered, this, &SessionWorkspace::reconnect);
}

void SessionWorkspace::reconnect()
{
    if (m_controller->reconnect()) {
        hideMessage();
        updateActions();
    }
}

void SessionWorkspace::rebuild()
{
    hideMessage();
    m_tabWidget->clear();
    for (Tab &t : m_tabs) {
        // The model's mapper dies with the old session: the view, deleted
        // later, must not ask the model for a header meanwhile (a pending
        // layout timer did, after a new connection was chosen).
        t.view->setModel(nullptr);
        t.view->deleteLater();
        t.model->deleteLater();
    }
    m_tabs.clear();
    m_queryBar->setClasses({});
    {
        const QSignalBlocker blocker(m_sessionChoice);
        m_sessionChoice->clear();
        const QStringList names = m_controller->sessionNames();
        for (const QString &name : names)
            m_sessionChoice->addItem(tr("Session %1").arg(name), name);
        m_sessionChoice->setVisible(names.size() > 1);
    }
    Session *session = m_controller->session();
    if (session) {
        for (const QString &name : m_controller->classNames()) {
            auto *model = new ObjectTableModel(m_controller, m_controller->mapper(name), this);
            auto *view = new QTableView(m_tabWidget);
            view->setObjectName(QStringLiteral("objects_") + name);
            view->setModel(model);
            view->setItemDelegate(new ChoiceDelegate(view));
            view->setSelectionBehavior(QAbstractItemView::SelectRows);
            view->setEditTriggers(QAbstractItemView::DoubleClicked
                                  | QAbstractItemView::EditKeyPressed
                                  | QAbstractItemView::AnyKeyPressed);
            view->verticalHeader()->hide();
            view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
            view->horizontalHeader()->setStretchLastSection(true);
            const int em = view->fontMetrics().horizontalAdvance(QLatin1Char('m'));
            view->setColumnWidth(ObjectTableModel::Label, 8 * em);
            view->setColumnWidth(ObjectTableModel::State, 13 * em);
            for (int c = ObjectTableModel::FirstAttribute; c < model->columnCount(); ++c)
                view->setColumnWidth(c, 10 * em);
            connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
                updateCollection();
                updateActions();
            });
            m_tabs.push_back({name, model, view});
            m_tabWidget->addTab(view, name);
        }
        m_queryBar->setClasses(m_controller->classNames());
        updateSwitches();
    }
    m_tabWidget->setVisible(session);
    m_empty->setVisible(!session);
    updateCollection();
    updateActions();
}

void SessionWorkspace::updateSwitches()
{
    const Session *session = m_controller->chosenSession();
    if (!session)
        return;
    // toggled() follows, setting the chosen session's option to the value it has: harmless
    const SessionOptions options = session->options();
    m_autoflush->setChecked(options.autoflush);
    m_expireOnCommit->setChecked(options.expireOnCommit);
}

void SessionWorkspace::refresh()
{
    for (Tab &t : m_tabs)
        t.model->refresh();
    updateCollection();
    updateActions();
}

void SessionWorkspace::updateActions()
{
    const bool hasSession = m_controller->session();
    const bool hasSelection = !selectedObjects().isEmpty();
    for (QAction *a : m_objectActions)
        a->setEnabled(hasSelection);
    for (QAction *a : m_sessionActions)
        a->setEnabled(hasSession);
    const bool savepoint = hasSession && m_controller->session()->savepointDepth() > 0;
    for (QAction *a : std::as_const(m_savepointActions))
        a->setEnabled(savepoint);
    m_newObject->setEnabled(hasSession && !m_tabs.empty());
    m_queryBar->setQueryEnabled(hasSession);
    m_generate->setEnabled(hasSession && !m_tabs.empty());
    m_reconnect->setEnabled(m_controller->connectionLost());
    // A Ming session has no transactions, no add() and no expiry: those
    // operations stay greyed out (their tooltips say why)
    if (hasSession && m_controller->session()->isMing())
        for (QAction *a : findChildren<QAction *>())
            if (a->property("notInMing").toBool())
                a->setEnabled(false);
    // Paused inside a hook: only the stepping actions; nothing may change
    // the session in the middle of its operation.
    const bool paused = m_controller->workbench()->stepper()->isPaused();
    for (QAction *a : std::as_const(m_stepActions))
        a->setEnabled(paused);
    if (paused) {
        for (QList<QAction *> *list : {&m_objectActions, &m_sessionActions})
            for (QAction *a : std::as_const(*list))
                a->setEnabled(false);
        m_newObject->setEnabled(false);
        m_queryBar->setQueryEnabled(false);
        m_generate->setEnabled(false);
    }
}

ObjectTableModel *SessionWorkspace::model(const QString &className) const
{
    for (const Tab &t : m_tabs)
        if (t.className == className)
            return t.model;
    return nullptr;
}

QTableView *SessionWorkspace::table(const QString &className) const
{
    for (const Tab &t : m_tabs)
        if (t.className == className)
            return t.view;
    return nullptr;
}

void SessionWorkspace::showClass(const QString &className)
{
    if (QTableView *view = table(className))
        m_tabWidget->setCurrentWidget(view);
}

QString SessionWorkspace::currentClass() const
{
    const int i = m_tabWidget->currentIndex();
    return i >= 0 && i < int(m_tabs.size()) ? m_tabs[size_t(i)].className : QString();
}

QList<Instance *> SessionWorkspace::selectedObjects() const
{
    QList<Instance *> out;
    const int i = m_tabWidget->currentIndex();
    if (i < 0 || i >= int(m_tabs.size()))
        return out;
    const Tab &t = m_tabs[size_t(i)];
    QModelIndexList rows = t.view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex &index : rows)
        if (Instance *o = t.model->objectAt(index.row()))
            out << o;
    return out;
}

Instance *SessionWorkspace::currentObject() const
{
    const QList<Instance *> selected = selectedObjects();
    return selected.size() == 1 ? selected.first() : nullptr;
}

void SessionWorkspace::selectObject(const Instance *object)
{
    if (!object)
        return;
    for (const Tab &t : m_tabs) {
        const int row = t.model->rowOf(object);
        if (row < 0)
            continue;
        m_tabWidget->setCurrentWidget(t.view);
        t.view->selectRow(row);
        t.view->scrollTo(t.model->index(row, 0));
        return;
    }
}

QString SessionWorkspace::message() const
{
    return m_messageBar->text();
}

void SessionWorkspace::showError(const Error &error, const QString &op)
{
    const bool lost = m_controller->connectionLost();
    const Session *s = m_controller->session();
    m_messageBar->showError(error, op, lost, s && s->needsRollback(), s && s->savepointDepth() > 0,
                            m_controller->hintFor(error));
    m_reconnect->setEnabled(lost);
}

void SessionWorkspace::hideMessage()
{
    m_messageBar->hideMessage();
}

void SessionWorkspace::runOnSelection(const std::function<Step(const QString &)> &makeStep)
{
    (void)m_controller->runOnEach(selectedObjects(), makeStep);
}

void SessionWorkspace::runSession(const Step &step)
{
    (void)m_controller->run(step);
}

void SessionWorkspace::newObject()
{
    const QString cls = currentClass();
    if (cls.isEmpty())
        return;
    auto made = m_controller->create(cls);
    if (!made)
        return;
    // The table gets its row at the next refresh; select it then.
    Instance *o = *made;
    refresh();
    selectObject(o);
}

void SessionWorkspace::runQuery(const QString &className, const QString &filters)
{
    if (!className.isEmpty() && m_controller->query(className, filters))
        showClass(className);
}

void SessionWorkspace::generate(int count)
{
    const QString cls = currentClass();
    if (cls.isEmpty())
        return;
    if (count <= 0) {
        bool ok = false;
        count = QInputDialog::getInt(this, tr("Generate Objects"),
                                     tr("How many %1 objects to construct and add?").arg(cls), 100,
                                     1, 10000000, 100, &ok);
        if (!ok)
            return;
    }
    std::unique_ptr<QProgressDialog> progress;
    if (count >= 5000) {
        progress = std::make_unique<QProgressDialog>(tr("Generating %1 objects...").arg(cls),
                                                     tr("Stop"), 0, count, this);
        progress->setWindowModality(Qt::WindowModal);
        progress->setMinimumDuration(300);
    }
    (void)m_controller->generate(cls, count, [&](int done) {
        if (!progress)
            return true;
        progress->setValue(done);
        return !progress->wasCanceled();
    });
}

void SessionWorkspace::updateCollection()
{
    m_collection->showObject(currentObject());
}

} // namespace ms
