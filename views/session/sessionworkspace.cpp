#include "sessionworkspace.h"

#include "common/choicedelegate.h"
#include "objecttablemodel.h"
#include "orm/instance.h"
#include "orm/mapper.h"
#include "orm/registry.h"
#include "events/eventlog.h"
#include "events/eventtype.h"
#include "live/sessioncontroller.h"
#include "live/stepper.h"
#include "live/workbench.h"
#include "common/statestyle.h"

#include <QAction>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace ms {

SessionWorkspace::SessionWorkspace(SessionController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_toolBar(new QToolBar(this))
    , m_messageBar(new QFrame(this))
    , m_message(new QLabel(this))
    , m_pauseBar(new QFrame(this))
    , m_pauseText(new QLabel(this))
    , m_queryClass(new QComboBox(this))
    , m_queryFilters(new QLineEdit(this))
    , m_queryButton(new QPushButton(tr("&Load"), this))
    , m_tabWidget(new QTabWidget(this))
    , m_collectionOwner(new QLabel(this))
    , m_collectionName(new QComboBox(this))
    , m_collection(new QListWidget(this))
    , m_append(new QPushButton(tr("&Append..."), this))
    , m_remove(new QPushButton(tr("Re&move"), this))
    , m_load(new QPushButton(tr("Load"), this))
    , m_empty(new QLabel(this))
{
    createActions();

    // A bar above the tables: its colours, an icon, its text; returns the layout.
    auto bar = [this](QWidget *frame, const char *name, QColor window, QColor text,
                      QStyle::StandardPixmap pixmap, QLabel *label) {
        frame->setObjectName(QLatin1String(name));
        frame->setAutoFillBackground(true);
        QPalette pal = frame->palette();
        pal.setColor(QPalette::Window, window);
        pal.setColor(QPalette::WindowText, text);
        frame->setPalette(pal);
        label->setWordWrap(true);
        auto *icon = new QLabel(frame);
        icon->setPixmap(style()->standardIcon(pixmap).pixmap(24, 24));
        auto *layout = new QHBoxLayout(frame);
        layout->addWidget(icon, 0, Qt::AlignTop);
        layout->addWidget(label, 1);
        return layout;
    };

    // The pause bar: the engine stopped inside a hook (a pause listener).
    QHBoxLayout *pauseLayout = bar(m_pauseBar, "pauseBar", QColor(0xff, 0xf3, 0xcd),
                                   QColor(0x66, 0x4d, 0x03), QStyle::SP_MediaPause, m_pauseText);
    for (QAction *a : std::as_const(m_stepActions)) {
        auto *b = new QToolButton(m_pauseBar);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        pauseLayout->addWidget(b, 0, Qt::AlignTop);
    }
    m_pauseBar->hide();

    // The message bar: the engine's last error, with where it came from.
    QHBoxLayout *messageLayout
        = bar(m_messageBar, "messageBar", QColor(0xfd, 0xec, 0xea), QColor(0x8c, 0x1d, 0x18),
              QStyle::SP_MessageBoxCritical, m_message);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *closeMessage = new QToolButton(m_messageBar);
    closeMessage->setAutoRaise(true);
    closeMessage->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    closeMessage->setToolTip(tr("Hide the message"));
    connect(closeMessage, &QToolButton::clicked, this, &SessionWorkspace::hideMessage);
    m_reconnectButton = new QToolButton(m_messageBar);
    m_reconnectButton->setDefaultAction(m_reconnect);
    m_reconnectButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reconnectButton->hide();
    messageLayout->addWidget(m_reconnectButton, 0, Qt::AlignTop);
    messageLayout->addWidget(closeMessage, 0, Qt::AlignTop);
    m_messageBar->hide();

    // The query bar.
    m_queryClass->setObjectName(QStringLiteral("queryClass"));
    m_queryFilters->setObjectName(QStringLiteral("queryFilters"));
    m_queryFilters->setPlaceholderText(tr("filters: name=alice, id=2 (empty: all rows)"));
    m_queryFilters->setClearButtonEnabled(true);
    m_queryButton->setToolTip(tr("Query the database and load the matching objects into the "
                                 "session (autoflushes first)"));
    connect(m_queryButton, &QPushButton::clicked, this, &SessionWorkspace::runQuery);
    connect(m_queryFilters, &QLineEdit::returnPressed, this, &SessionWorkspace::runQuery);
    auto *queryBar = new QHBoxLayout;
    auto *queryLabel = new QLabel(tr("&Query"), this);
    queryLabel->setBuddy(m_queryClass);
    queryBar->addWidget(queryLabel);
    queryBar->addWidget(m_queryClass);
    queryBar->addWidget(new QLabel(tr("where"), this));
    queryBar->addWidget(m_queryFilters, 1);
    queryBar->addWidget(m_queryButton);
    queryBar->addWidget(m_switches);

    // The collections of the selected object.
    auto *side = new QWidget(this);
    m_collectionOwner->setObjectName(QStringLiteral("collectionOwner"));
    m_collectionName->setObjectName(QStringLiteral("collectionName"));
    m_collection->setObjectName(QStringLiteral("collection"));
    m_collection->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_append->setToolTip(tr("Append an object to the collection (fires append, and the "
                            "backref's set)"));
    m_remove->setToolTip(tr("Remove the selected objects from the collection"));
    m_load->setToolTip(tr("Read the collection, loading it from the database if needed"));
    connect(m_collectionName, &QComboBox::currentIndexChanged, this,
            &SessionWorkspace::updateCollection);
    connect(m_append, &QPushButton::clicked, this, &SessionWorkspace::appendToCollection);
    connect(m_remove, &QPushButton::clicked, this, &SessionWorkspace::removeFromCollection);
    connect(m_load, &QPushButton::clicked, this, [this] {
        if (Instance *o = currentObject())
            (void)m_controller->run({{QStringLiteral("op"), QStringLiteral("read")},
                                     {QStringLiteral("ref"), o->label()},
                                     {QStringLiteral("attr"), m_collectionName->currentText()}});
    });
    connect(m_collection, &QListWidget::itemSelectionChanged, this,
            &SessionWorkspace::updateActions);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 0, 0, 0);
    auto *collectionTitle = new QLabel(tr("<b>Collection</b>"), side);
    sideLayout->addWidget(collectionTitle);
    sideLayout->addWidget(m_collectionOwner);
    sideLayout->addWidget(m_collectionName);
    sideLayout->addWidget(m_collection, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_append);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_load);
    sideLayout->addLayout(buttons);

    m_tabWidget->setObjectName(QStringLiteral("classTabs"));
    m_tabWidget->setDocumentMode(true);
    connect(m_tabWidget, &QTabWidget::currentChanged, this, [this] {
        m_queryClass->setCurrentText(currentClass());
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
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_pauseBar);
    layout->addWidget(m_messageBar);
    layout->addLayout(queryBar);
    layout->addWidget(splitter, 1);

    connect(m_controller, &SessionController::sessionReplaced, this, &SessionWorkspace::rebuild);
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
    return m_pauseBar->isHidden() ? QString() : m_pauseText->text();
}

void SessionWorkspace::showPaused(qsizetype index)
{
    const EventLog &log = *m_controller->workbench()->log();
    QString where;
    if (log.contains(index)) {
        const Event &e = log.at(index);
        where = QStringLiteral("<b>%1</b>").arg(eventName(e.type).toHtmlEscaped());
        const QString object = log.objectLabel(e.objectId);
        if (!object.isEmpty())
            where += QStringLiteral(" (%1)").arg(object.toHtmlEscaped());
    }
    m_pauseText->setText(
        tr("Paused inside %1: every view shows the session at this moment, in the middle of the "
           "operation. Continue to the next pause, Step to the next event, or Run to End.")
            .arg(where));
    m_pauseBar->show();
    updateActions();
    m_controller->refresh();
}

void SessionWorkspace::createActions()
{
    m_toolBar->setObjectName(QStringLiteral("sessionToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    auto action
        = [this](const QString &text, const QString &tip, QStyle::StandardPixmap icon, auto slot) {
              auto *a = new QAction(style()->standardIcon(icon), text, this);
              a->setToolTip(tip);
              connect(a, &QAction::triggered, this, slot);
              m_toolBar->addAction(a);
              return a;
          };
    auto objectOp = [&](const QString &text, const QString &tip, QStyle::StandardPixmap icon,
                        const char *op) {
        QAction *a = action(text, tip, icon, [this, op] { runOnSelection(QLatin1String(op)); });
        m_objectActions << a;
        return a;
    };
    m_newObject
        = action(tr("&New Object"), tr("Construct a transient object of this class (Insert)"),
                 QStyle::SP_FileIcon, &SessionWorkspace::newObject);
    m_newObject->setShortcut(QKeySequence(Qt::Key_Insert));
    m_newObject->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_newObject);
    objectOp(tr("&Add"),
             tr("session.add(): the object becomes pending (cascades along save-update)"),
             QStyle::SP_ArrowRight, "add");
    QAction *del = objectOp(tr("&Delete"),
                            tr("session.delete(): marked for deletion at the next "
                               "flush (Delete)"),
                            QStyle::SP_TrashIcon, "delete");
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(del);
    objectOp(tr("E&xpunge"), tr("session.expunge(): the object leaves the session"),
             QStyle::SP_DialogCancelButton, "expunge");
    objectOp(tr("E&xpire"), tr("session.expire(): forget the loaded values; the next read loads"),
             QStyle::SP_BrowserStop, "expire");
    objectOp(tr("&Refresh"), tr("session.refresh(): load the row again now"),
             QStyle::SP_BrowserReload, "refresh");
    m_toolBar->addSeparator();

    auto sessionOp = [&](const QString &text, const QString &tip, QStyle::StandardPixmap icon,
                         const char *op, const QKeySequence &key) {
        QAction *a = action(text, tip, icon, [this, op] { runSession(QLatin1String(op)); });
        a->setShortcut(key);
        m_sessionActions << a;
        return a;
    };
    m_flush = sessionOp(tr("&Flush"), tr("session.flush(): send pending changes (F6)"),
                        QStyle::SP_ArrowDown, "flush", QKeySequence(Qt::Key_F6));
    m_commit
        = sessionOp(tr("&Commit"), tr("session.commit(): flush and commit the transaction (F7)"),
                    QStyle::SP_DialogApplyButton, "commit", QKeySequence(Qt::Key_F7));
    m_rollback = sessionOp(tr("Roll&back"), tr("session.rollback(): undo the transaction (F8)"),
                           QStyle::SP_DialogResetButton, "rollback", QKeySequence(Qt::Key_F8));
    sessionOp(tr("C&lose"), tr("session.close(): roll back and detach every object"),
              QStyle::SP_DialogCloseButton, "close", {});
    m_toolBar->addSeparator();

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
    m_queryClass->clear();
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
            m_queryClass->addItem(name);
        }
        const SessionOptions options = session->options();
        m_autoflush->setChecked(options.autoflush);
        m_expireOnCommit->setChecked(options.expireOnCommit);
    }
    m_tabWidget->setVisible(session);
    m_empty->setVisible(!session);
    updateCollection();
    updateActions();
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
    m_newObject->setEnabled(hasSession && !m_tabs.empty());
    m_queryButton->setEnabled(hasSession);
    m_generate->setEnabled(hasSession && !m_tabs.empty());
    m_reconnect->setEnabled(m_controller->connectionLost());
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
        m_queryButton->setEnabled(false);
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
    return m_messageBar->isHidden() ? QString() : m_message->text();
}

void SessionWorkspace::showError(const Error &error, const QJsonObject &step)
{
    const QString op = step.value(QLatin1String("op")).toString();
    QString text = op.isEmpty() ? tr("<b>The operation failed</b>")
                                : tr("<b>%1 failed</b>").arg(op.toHtmlEscaped());
    if (!error.kind.isEmpty())
        text += QStringLiteral(" (%1)").arg(error.kind.toHtmlEscaped());
    text += QStringLiteral(": ") + error.message.toHtmlEscaped();
    if (!error.where.isEmpty())
        text += QStringLiteral("<br>") + tr("in: <code>%1</code>").arg(error.where.toHtmlEscaped());
    const bool lost = m_controller->connectionLost();
    if (lost)
        text += QStringLiteral("<br>")
            + tr("<b>The database does not answer any more</b> (the server stopped or the "
                 "network is down). Reconnect when it is back: the session is rolled back and "
                 "goes on with its objects.");
    else if (Session *s = m_controller->session(); s && s->needsRollback())
        text += QStringLiteral("<br>")
            + tr("The transaction was rolled back; the tables show the states the session "
                 "restored. Roll back (F8) to go on.");
    m_message->setText(text);
    m_reconnect->setEnabled(lost);
    m_reconnectButton->setVisible(lost);
    m_messageBar->show();
}

void SessionWorkspace::hideMessage()
{
    m_messageBar->hide();
    m_message->clear();
}

void SessionWorkspace::runOnSelection(const QString &op)
{
    (void)m_controller->runOnEach(op, selectedObjects());
}

void SessionWorkspace::runSession(const QString &op)
{
    (void)m_controller->run({{QStringLiteral("op"), op}});
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

void SessionWorkspace::runQuery()
{
    const QString cls = m_queryClass->currentText();
    if (!cls.isEmpty() && m_controller->query(cls, m_queryFilters->text()))
        showClass(cls);
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
    Instance *o = currentObject();
    const QString keep = m_collectionName->currentText();
    QStringList names;
    if (o)
        for (const ResolvedRelationship &rel : o->mapper()->relationships())
            if (rel.kind == RelationshipKind::OneToMany)
                names << rel.name;
    if (names != QStringList(m_collectionName->property("names").toStringList())) {
        const QSignalBlocker block(m_collectionName);
        m_collectionName->clear();
        m_collectionName->addItems(names);
        m_collectionName->setProperty("names", names);
        if (names.contains(keep))
            m_collectionName->setCurrentText(keep);
    }
    m_collection->clear();
    m_collectionOwner->setText(o ? o->label() : tr("(select one object)"));
    const int attr = o && !names.isEmpty()
        ? int(o->mapper()->attributeIndex(m_collectionName->currentText())) - 1
        : -1;
    const bool present = attr >= 0 && (o->isLoaded(attr) || !o->identity()) && !o->isExpired(attr);
    if (attr >= 0 && present) {
        for (const Instance *item : o->collection(o->relationshipIndex(attr))) {
            auto *entry = new QListWidgetItem(stateIcon(item->state(), markedForDeletion(item)),
                                              item->label(), m_collection);
            entry->setToolTip(stateText(item->state(), markedForDeletion(item)));
            entry->setData(Qt::UserRole, item->id());
        }
    } else if (attr >= 0) {
        auto *entry = new QListWidgetItem(o->isExpired(attr) ? tr("(expired)") : tr("(not loaded)"),
                                          m_collection);
        entry->setFlags(Qt::NoItemFlags);
    }
    m_collectionName->setEnabled(attr >= 0);
    m_append->setEnabled(attr >= 0);
    m_remove->setEnabled(attr >= 0 && present && !m_collection->selectedItems().isEmpty());
    m_load->setEnabled(attr >= 0 && !present);
}

void SessionWorkspace::appendToCollection()
{
    Instance *o = currentObject();
    Session *session = m_controller->session();
    if (!o || !session)
        return;
    const QString attr = m_collectionName->currentText();
    const int r = o->relationshipIndex(int(o->mapper()->attributeIndex(attr)) - 1);
    const Mapper *target
        = session->registry()->mappers()[size_t(o->mapper()->relationships()[r].targetIndex)].get();
    QMenu menu(this);
    for (int id = 1; id <= session->objectCount(); ++id) {
        Instance *candidate = session->object(quint32(id));
        if (candidate->mapper() != target)
            continue;
        QAction *a = menu.addAction(stateIcon(candidate->state(), markedForDeletion(candidate)),
                                    candidate->label());
        a->setData(candidate->id());
    }
    if (menu.isEmpty()) {
        QAction *a
            = menu.addAction(tr("No %1 objects yet: create one first").arg(target->className()));
        a->setEnabled(false);
    }
    QAction *chosen = menu.exec(m_append->mapToGlobal(QPoint(0, m_append->height())));
    if (chosen && chosen->data().isValid())
        (void)m_controller->changeCollection(o, attr, session->object(chosen->data().toUInt()),
                                             true);
}

void SessionWorkspace::removeFromCollection()
{
    Instance *o = currentObject();
    Session *session = m_controller->session();
    if (!o || !session)
        return;
    const QString attr = m_collectionName->currentText();
    QList<Instance *> items;
    for (QListWidgetItem *entry : m_collection->selectedItems())
        items << session->object(entry->data(Qt::UserRole).toUInt());
    for (Instance *item : items)
        if (!m_controller->changeCollection(o, attr, item, false))
            return;
}

} // namespace ms
