#include "listenerspanel.h"

#include "events/extension.h"

#include "common/headerfit.h"

#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "events/eventtype.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonValue>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace ms {

namespace {

enum DetailPage { NoDetail, SetDetail, RaiseDetail };

/// A literal typed in the set action's value field, as JSON: a number,
/// true/false/null, or text.
QJsonValue literalOf(const QString &text)
{
    const QString t = text.trimmed();
    bool ok = false;
    if (const qlonglong n = t.toLongLong(&ok); ok)
        return QJsonValue(n);
    if (const double d = t.toDouble(&ok); ok)
        return QJsonValue(d);
    if (t == QLatin1String("true") || t == QLatin1String("false"))
        return QJsonValue(t == QLatin1String("true"));
    if (t == QLatin1String("null") || t == QLatin1String("None"))
        return QJsonValue(QJsonValue::Null);
    return QJsonValue(text);
}

QString literalText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble());
    return v.isNull() ? QStringLiteral("null") : QString();
}

} // namespace

ListenerDialog::ListenerDialog(const Schema &schema, const ListenerDef &listener,
                               const QStringList &extensions, QWidget *parent, bool ming)
    : QDialog(parent)
    , m_schema(schema)
    , m_ming(ming)
    , m_hook(new QComboBox(this))
    , m_hookFilter(new QLineEdit(this))
    , m_arguments(new QLabel(this))
    , m_target(new QComboBox(this))
    , m_action(new QComboBox(this))
    , m_actionHelp(new QLabel(this))
    , m_details(new QStackedWidget(this))
    , m_setAttr(new QComboBox(this))
    , m_compute(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_of(new QComboBox(this))
    , m_message(new QLineEdit(this))
    , m_extension(new QComboBox(this))
{
    setWindowTitle(tr("Listener"));
    m_hook->setObjectName(QStringLiteral("hook"));
    m_target->setObjectName(QStringLiteral("target"));
    m_action->setObjectName(QStringLiteral("action"));
    m_setAttr->setObjectName(QStringLiteral("setAttr"));
    m_compute->setObjectName(QStringLiteral("compute"));
    m_value->setObjectName(QStringLiteral("value"));
    m_of->setObjectName(QStringLiteral("of"));
    m_message->setObjectName(QStringLiteral("message"));
    m_extension->setObjectName(QStringLiteral("extension"));
    m_extension->setEditable(true);
    m_extension->addItem(QString());
    m_extension->addItems(extensions);
    m_extension->setToolTip(
        tr("Empty: a listener. A name: a method of that Ming-style extension (a MapperExtension of "
           "the class, or a SessionExtension for the session and for every class); extensions "
           "take effect at the next Apply"));

    // Hooks grouped by category: a heading (not selectable) per category.
    auto *model = qobject_cast<QStandardItemModel *>(m_hook->model());
    for (int c = 0; c <= int(EventCategory::Step); ++c) {
        bool heading = false;
        for (const EventInfo &info : eventCatalogue()) {
            if (int(info.category) != c || info.target == TargetKind::None)
                continue;
            if (m_ming && !mingHooks(true).contains(info.type))
                continue; // a Ming project: the methods Ming's extensions have
            if (!heading) {
                m_hook->addItem(categoryTitle(EventCategory(c)));
                QStandardItem *item = model->item(m_hook->count() - 1);
                item->setFlags(item->flags() & ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled));
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                heading = true;
            }
            m_hook->addItem(QStringLiteral("    ") + QString::fromLatin1(info.name),
                            QString::fromLatin1(info.name));
            m_hook->setItemData(m_hook->count() - 1, eventExplanation(info.type), Qt::ToolTipRole);
        }
    }
    m_hook->setMaxVisibleItems(24);
    // Typing narrows the hooks to the names that contain the text (Up and
    // Down move among them, Alt+Down opens the list); the first one is chosen.
    m_hookFilter->setObjectName(QStringLiteral("hookFilter"));
    m_hookFilter->setPlaceholderText(tr("Find a hook: insert, flush, attach..."));
    m_hookFilter->setClearButtonEnabled(true);
    m_hookFilter->installEventFilter(this);
    connect(m_hookFilter, &QLineEdit::textChanged, this, &ListenerDialog::filterHooks);
    m_arguments->setWordWrap(true);
    m_arguments->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_action->addItem(tr("log: highlight the event"), QStringLiteral("log"));
    m_action->addItem(tr("pause: stop inside the hook"), QStringLiteral("pause"));
    m_action->addItem(tr("set: assign an attribute of the object"), QStringLiteral("set"));
    m_action->addItem(tr("raise: fail with a message"), QStringLiteral("raise"));
    m_actionHelp->setWordWrap(true);

    m_compute->addItem(tr("the value"), QString());
    m_compute->addItem(tr("now()"), QStringLiteral("now"));
    m_compute->addItem(tr("a counter: 1, 2, 3..."), QStringLiteral("counter"));
    m_compute->addItem(tr("lower() of"), QStringLiteral("lower"));
    m_compute->addItem(tr("upper() of"), QStringLiteral("upper"));
    m_value->setPlaceholderText(tr("a number, true, false, null or text"));

    m_details->addWidget(new QWidget);
    auto *setPage = new QWidget;
    auto *sf = new QFormLayout(setPage);
    sf->setContentsMargins(0, 0, 0, 0);
    sf->addRow(tr("&Attribute:"), m_setAttr);
    sf->addRow(tr("&Gets:"), m_compute);
    sf->addRow(tr("&Value:"), m_value);
    sf->addRow(tr("&Of:"), m_of);
    m_details->addWidget(setPage);
    auto *raisePage = new QWidget;
    auto *rf = new QFormLayout(raisePage);
    rf->setContentsMargins(0, 0, 0, 0);
    m_message->setPlaceholderText(tr("what the error says"));
    rf->addRow(tr("&Message:"), m_message);
    m_details->addWidget(raisePage);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    auto *hookRow = new QHBoxLayout;
    hookRow->addWidget(m_hookFilter, 2);
    hookRow->addWidget(m_hook, 3);
    auto *hookLabel = new QLabel(tr("&Hook:"), this);
    hookLabel->setBuddy(m_hookFilter); // Alt+H: type to find the hook
    form->addRow(hookLabel, hookRow);
    form->addRow(QString(), m_arguments);
    form->addRow(tr("&Target:"), m_target);
    form->addRow(tr("A&ction:"), m_action);
    form->addRow(QString(), m_actionHelp);
    form->addRow(tr("E&xtension:"), m_extension);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_details);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(m_hook, &QComboBox::currentIndexChanged, this, [this] {
        fillTargets();
        updateState();
    });
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        fillAttributes();
        updateState();
    });
    connect(m_action, &QComboBox::currentIndexChanged, this, &ListenerDialog::updateState);
    connect(m_compute, &QComboBox::currentIndexChanged, this, &ListenerDialog::updateState);

    // The listener given.
    if (!selectHook(listener.event))
        selectHook(QStringLiteral("before_insert"));
    fillTargets();
    if (const int t = m_target->findData(listener.target); t >= 0)
        m_target->setCurrentIndex(t);
    fillAttributes();
    m_action->setCurrentIndex(std::max(0, m_action->findData(listener.action)));
    const QJsonObject &x = listener.extra;
    m_setAttr->setCurrentIndex(
        std::max(0, m_setAttr->findText(x.value(QLatin1String("attr")).toString())));
    m_compute->setCurrentIndex(
        std::max(0, m_compute->findData(x.value(QLatin1String("compute")).toString())));
    m_value->setText(literalText(x.value(QLatin1String("value"))));
    m_of->setCurrentIndex(std::max(0, m_of->findText(x.value(QLatin1String("of")).toString())));
    m_message->setText(x.value(QLatin1String("message")).toString());
    m_extension->setCurrentText(x.value(QLatin1String("extension")).toString());
    if (m_ming) {
        // every listener of a Ming project is an extension's method
        m_extension->removeItem(0);
        if (m_extension->currentText().isEmpty())
            m_extension->setCurrentText(extensions.value(0, QStringLiteral("Extension")));
        m_extension->setToolTip(tr("The Ming extension this method belongs to: a MapperExtension of "
                                   "the class, or the session's SessionExtension"));
    }
    updateState();
    resize(520, sizeHint().height());
}

bool ListenerDialog::selectHook(const QString &name)
{
    const int i = m_hook->findData(name);
    if (i < 0)
        return false;
    m_hook->setCurrentIndex(i);
    return true;
}

void ListenerDialog::filterHooks(const QString &text)
{
    auto *view = qobject_cast<QListView *>(m_hook->view());
    const QString wanted = text.trimmed();
    int heading = -1;
    bool headingUsed = false;
    int first = -1;
    for (int i = 0; i < m_hook->count(); ++i) {
        const QString name = m_hook->itemData(i).toString();
        if (name.isEmpty()) { // a category's heading: shown when a hook under it is
            if (heading >= 0)
                view->setRowHidden(heading, !headingUsed);
            heading = i;
            headingUsed = false;
            continue;
        }
        const bool shown = wanted.isEmpty() || name.contains(wanted, Qt::CaseInsensitive);
        view->setRowHidden(i, !shown);
        headingUsed |= shown;
        if (shown && first < 0)
            first = i;
    }
    if (heading >= 0)
        view->setRowHidden(heading, !headingUsed);
    const int current = m_hook->currentIndex();
    if (first >= 0 && (current < 0 || view->isRowHidden(current)))
        m_hook->setCurrentIndex(first);
    m_hookFilter->setStyleSheet(first < 0 && !wanted.isEmpty()
                                    ? QStringLiteral("QLineEdit { background: #fddedb; }")
                                    : QString());
}

void ListenerDialog::moveHook(int delta)
{
    auto *view = qobject_cast<QListView *>(m_hook->view());
    for (int i = m_hook->currentIndex() + delta; i >= 0 && i < m_hook->count(); i += delta) {
        if (!m_hook->itemData(i).toString().isEmpty() && !view->isRowHidden(i)) {
            m_hook->setCurrentIndex(i);
            return;
        }
    }
}

bool ListenerDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_hookFilter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down && (key->modifiers() & Qt::AltModifier)) {
            m_hook->showPopup();
            return true;
        }
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            moveHook(key->key() == Qt::Key_Down ? 1 : -1);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ListenerDialog::fillTargets()
{
    const QString previous = m_target->currentData().toString();
    const auto type = eventTypeFromName(m_hook->currentData().toString());
    const QSignalBlocker block(m_target);
    m_target->clear();
    if (!type)
        return;
    const EventInfo &info = eventInfo(*type);
    // The signature, then what the hook is for: a teacher choosing where
    // to stop reads when it fires and what is safe to do in it.
    m_arguments->setText(QStringLiteral("<code>%1(%2)</code><p>%3</p>")
                             .arg(QString::fromLatin1(info.name),
                                  QString::fromLatin1(info.arguments).toHtmlEscaped(),
                                  eventExplanation(*type).toHtmlEscaped()));
    if (m_ming) {
        // a SessionExtension has every method; a MapperExtension the mapper's
        m_target->addItem(tr("the session (a SessionExtension)"), QStringLiteral("session"));
        if (mingHooks(false).contains(*type))
            for (const ClassDef &c : m_schema.classes)
                m_target->addItem(tr("%1 (a MapperExtension)").arg(c.name), c.name);
        m_target->setCurrentIndex(std::max(0, m_target->findData(previous)));
        return;
    }
    switch (info.target) {
    case TargetKind::None:
        break;
    case TargetKind::Session:
        m_target->addItem(tr("the session"), QStringLiteral("*"));
        break;
    case TargetKind::Mapper:
        m_target->addItem(tr("every class (*)"), QStringLiteral("*"));
        for (const ClassDef &c : m_schema.classes)
            m_target->addItem(c.name, c.name);
        break;
    case TargetKind::Attribute:
        m_target->addItem(tr("every attribute (*)"), QStringLiteral("*"));
        for (const ClassDef &c : m_schema.classes) {
            for (const ColumnDef &col : c.columns)
                m_target->addItem(c.name + QLatin1Char('.') + col.name,
                                  c.name + QLatin1Char('.') + col.name);
            for (const RelationshipDef &r : c.relationships)
                m_target->addItem(c.name + QLatin1Char('.') + r.name,
                                  c.name + QLatin1Char('.') + r.name);
        }
        break;
    }
    m_target->setCurrentIndex(std::max(0, m_target->findData(previous)));
}

void ListenerDialog::fillAttributes()
{
    // The columns of the target's class; for "*", those of every class.
    QString target = m_target->currentData().toString();
    if (const int dot = target.indexOf(QLatin1Char('.')); dot > 0)
        target = target.left(dot);
    QStringList names;
    for (const ClassDef &c : m_schema.classes) {
        if (target != QLatin1String("*") && c.name != target)
            continue;
        for (const ColumnDef &col : c.columns)
            if (!col.primaryKey && !names.contains(col.name))
                names << col.name;
    }
    for (QComboBox *box : {m_setAttr, m_of}) {
        const QString previous = box->currentText();
        const QSignalBlocker block(box);
        box->clear();
        box->addItems(names);
        box->setCurrentIndex(std::max(0, box->findText(previous)));
    }
}

void ListenerDialog::updateState()
{
    const auto type = eventTypeFromName(m_hook->currentData().toString());
    const bool session = type && eventInfo(*type).target == TargetKind::Session;
    // set needs an object: not offered on session hooks.
    auto *model = qobject_cast<QStandardItemModel *>(m_action->model());
    QStandardItem *set = model->item(m_action->findData(QStringLiteral("set")));
    set->setEnabled(!session);
    if (session && m_action->currentData() == QLatin1String("set"))
        m_action->setCurrentIndex(0);
    const QString action = m_action->currentData().toString();
    static const QHash<QString, const char *> help {
        {QStringLiteral("log"), QT_TR_NOOP("The event is highlighted on the timeline and in the log.")},
        {QStringLiteral("pause"),
         QT_TR_NOOP("The engine stops inside the hook; every view shows that moment. Continue, "
                    "Step or Run to End from the pause bar.")},
        {QStringLiteral("set"),
         QT_TR_NOOP("Assigns an attribute of the hook's object, as an updated_at or slug hook "
                    "does; the assignment is its own set event.")},
        {QStringLiteral("raise"),
         QT_TR_NOOP("Throws with the message: the operation fails (a flush rolls back) and the "
                    "error names the hook.")}};
    m_actionHelp->setText(tr(help.value(action)));
    m_details->setCurrentIndex(action == QLatin1String("set")     ? SetDetail
                               : action == QLatin1String("raise") ? RaiseDetail
                                                                  : NoDetail);
    // Ming extensions have methods for the persistence hooks and, on the
    // session, the flush.
    static const QStringList ming {
        QStringLiteral("before_insert"), QStringLiteral("after_insert"),
        QStringLiteral("before_update"), QStringLiteral("after_update"),
        QStringLiteral("before_delete"), QStringLiteral("after_delete"),
        QStringLiteral("before_flush"),  QStringLiteral("after_flush")};
    const bool mingHook = ming.contains(m_hook->currentData().toString());
    m_extension->setEnabled(mingHook);
    if (!mingHook)
        m_extension->setCurrentText(QString());
    const QString compute = m_compute->currentData().toString();
    m_value->setEnabled(compute.isEmpty());
    m_of->setEnabled(compute == QLatin1String("lower") || compute == QLatin1String("upper"));
    // Only a listener the model can take: a hook, a target that fires it,
    // and for set an attribute to assign.
    m_ok->setEnabled(type && m_target->count() > 0
                     && (action != QLatin1String("set") || m_setAttr->count() > 0));
}

ListenerDef ListenerDialog::listener() const
{
    ListenerDef l;
    l.event = m_hook->currentData().toString();
    l.target = m_target->currentData().toString();
    l.action = m_action->currentData().toString();
    if (l.action == QLatin1String("set")) {
        l.extra.insert(QStringLiteral("attr"), m_setAttr->currentText());
        const QString compute = m_compute->currentData().toString();
        if (compute.isEmpty()) {
            l.extra.insert(QStringLiteral("value"), literalOf(m_value->text()));
        } else {
            l.extra.insert(QStringLiteral("compute"), compute);
            if (compute == QLatin1String("lower") || compute == QLatin1String("upper"))
                l.extra.insert(QStringLiteral("of"), m_of->currentText());
        }
    } else if (l.action == QLatin1String("raise") && !m_message->text().isEmpty()) {
        l.extra.insert(QStringLiteral("message"), m_message->text());
    }
    if (const QString extension = m_extension->currentText().trimmed(); !extension.isEmpty())
        l.extra.insert(QStringLiteral("extension"), extension);
    return l;
}

ListenersPanel::ListenersPanel(ProjectDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_list(new QTreeWidget(this))
    , m_add(new QPushButton(tr("&Add..."), this))
    , m_edit(new QPushButton(tr("&Edit..."), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_up(new QPushButton(tr("&Up"), this))
    , m_down(new QPushButton(tr("&Down"), this))
    , m_hookHelp(new QAction(tr("What Is This &Hook?"), this))
{
    m_list->setObjectName(QStringLiteral("listeners"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("#"), tr("Hook"), tr("Target"), tr("Extension"), tr("Action")});
    m_list->header()->setStretchLastSection(true);
    m_list->setToolTip(tr("Listeners of the same hook run in this order (chaining order); "
                          "move them with Up and Down"));
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    m_list->setColumnWidth(0, 3 * em);
    m_list->setColumnWidth(1, 13 * em);
    m_list->setColumnWidth(2, 9 * em);
    m_list->setColumnWidth(3, 7 * em);
    fitHeaderTexts(m_list->header());
    m_add->setObjectName(QStringLiteral("addListener"));
    m_remove->setObjectName(QStringLiteral("removeListener"));
    connect(m_add, &QPushButton::clicked, this, &ListenersPanel::add);
    connect(m_edit, &QPushButton::clicked, this, &ListenersPanel::edit);
    connect(m_remove, &QPushButton::clicked, this, &ListenersPanel::removeCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &ListenersPanel::edit);
    // A row's context menu: what its hook is, in the guide.
    connect(m_hookHelp, &QAction::triggered, this, [this] {
        const int i = m_list->indexOfTopLevelItem(m_list->currentItem());
        const QList<ListenerDef> &listeners = m_doc->project().listeners;
        if (i >= 0 && i < listeners.size())
            if (const auto type = eventTypeFromName(listeners.at(i).event))
                Q_EMIT hookHelpRequested(*type);
    });
    m_list->addAction(m_hookHelp);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ListenersPanel::updateButtons);
    connect(m_doc, &ProjectDocument::listenersChanged, this, &ListenersPanel::rebuild);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_add, m_edit, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
    rebuild();
}

QString ListenersPanel::describe(const ListenerDef &l)
{
    const QJsonObject &x = l.extra;
    if (l.action == QLatin1String("set")) {
        const QString compute = x.value(QLatin1String("compute")).toString();
        const QString of = x.value(QLatin1String("of")).toString();
        QString value = compute.isEmpty() ? literalText(x.value(QLatin1String("value")))
            : compute == QLatin1String("now")     ? QStringLiteral("now()")
            : compute == QLatin1String("counter") ? tr("counter")
                                                  : compute + QLatin1Char('(') + of + QLatin1Char(')');
        return tr("set %1 = %2").arg(x.value(QLatin1String("attr")).toString(), value);
    }
    if (l.action == QLatin1String("raise")) {
        const QString message = x.value(QLatin1String("message")).toString();
        return message.isEmpty() ? tr("raise") : tr("raise \"%1\"").arg(message);
    }
    if (l.action == QLatin1String("log"))
        return tr("log");
    if (l.action == QLatin1String("pause"))
        return tr("pause");
    return l.action;
}

void ListenersPanel::rebuild()
{
    const int current = m_list->indexOfTopLevelItem(m_list->currentItem());
    m_list->clear();
    const QList<ListenerDef> &listeners = m_doc->project().listeners;
    for (int i = 0; i < listeners.size(); ++i) {
        const ListenerDef &l = listeners[i];
        // A session hook's target is the session, whatever the file says
        // ("*" or "session"): "*" in the table would read as every class.
        const auto type = eventTypeFromName(l.event);
        const bool session = type && eventInfo(*type).target == TargetKind::Session;
        auto *item = new QTreeWidgetItem(
            m_list, {QString::number(i + 1), l.event, session ? tr("session") : l.target,
                     l.extra.value(QLatin1String("extension")).toString(), describe(l)});
        if (session)
            item->setToolTip(2, tr("The session (%1 in the project file)").arg(l.target));
        if (type)
            item->setToolTip(1, eventExplanation(*type));
    }
    if (current >= 0 && current < m_list->topLevelItemCount())
        m_list->setCurrentItem(m_list->topLevelItem(current));
    updateButtons();
}

QStringList ListenersPanel::extensions() const
{
    QStringList names;
    for (const ListenerDef &l : m_doc->project().listeners) {
        const QString name = l.extra.value(QLatin1String("extension")).toString();
        if (!name.isEmpty() && !names.contains(name))
            names << name;
    }
    return names;
}

void ListenersPanel::updateButtons()
{
    const int i = m_list->indexOfTopLevelItem(m_list->currentItem());
    const int n = m_list->topLevelItemCount();
    m_edit->setEnabled(i >= 0);
    m_remove->setEnabled(i >= 0);
    m_up->setEnabled(i > 0);
    m_down->setEnabled(i >= 0 && i + 1 < n);
}

void ListenersPanel::selectListener(int index)
{
    if (QTreeWidgetItem *item = m_list->topLevelItem(index)) {
        m_list->setCurrentItem(item);
        m_list->scrollToItem(item);
        m_list->setFocus();
    }
}

void ListenersPanel::replace(const QList<ListenerDef> &listeners, const QString &text, int select)
{
    m_doc->undoStack()->push(new SetListenersCommand(m_doc, listeners, text));
    if (select >= 0 && select < m_list->topLevelItemCount())
        m_list->setCurrentItem(m_list->topLevelItem(select));
}

void ListenersPanel::addListener(const ListenerDef &listener)
{
    QList<ListenerDef> listeners = m_doc->project().listeners;
    listeners << listener;
    replace(listeners, tr("Add listener"), int(listeners.size()) - 1);
}

void ListenersPanel::add()
{
    ListenerDef fresh;
    fresh.event = QStringLiteral("before_insert");
    const bool ming = m_doc->project().session.orm == Orm::Ming;
    if (ming)
        fresh.target = QStringLiteral("session");
    ListenerDialog dialog(m_doc->project().schema, fresh, extensions(), this, ming);
    if (dialog.exec() == QDialog::Accepted)
        addListener(dialog.listener());
}

void ListenersPanel::edit()
{
    const int i = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (i < 0)
        return;
    QList<ListenerDef> listeners = m_doc->project().listeners;
    ListenerDialog dialog(m_doc->project().schema, listeners[i], extensions(), this,
                          m_doc->project().session.orm == Orm::Ming);
    if (dialog.exec() != QDialog::Accepted || dialog.listener() == listeners[i])
        return;
    listeners[i] = dialog.listener();
    replace(listeners, tr("Edit listener"), i);
}

void ListenersPanel::removeCurrent()
{
    const int i = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (i < 0)
        return;
    QList<ListenerDef> listeners = m_doc->project().listeners;
    listeners.removeAt(i);
    replace(listeners, tr("Remove listener"), std::min(i, int(listeners.size()) - 1));
}

void ListenersPanel::moveCurrent(int delta)
{
    const int i = m_list->indexOfTopLevelItem(m_list->currentItem());
    QList<ListenerDef> listeners = m_doc->project().listeners;
    const int to = i + delta;
    if (i < 0 || to < 0 || to >= listeners.size())
        return;
    listeners.move(i, to);
    replace(listeners, tr("Move listener"), to);
}

} // namespace ms
