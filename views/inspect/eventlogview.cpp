#include "eventlogview.h"

#include "common/headerfit.h"

#include "eventfiltermodel.h"
#include "events/eventlogmodel.h"

#include <QAction>
#include <QAbstractItemView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace ms {

EventLogView::EventLogView(EventLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_category(new QComboBox(this))
    , m_hook(new QComboBox(this))
    , m_class(new QLineEdit(this))
    , m_object(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_proxy(new EventFilterModel(this))
    , m_table(new QTableView(this))
    , m_dropped(new QLabel(this))
    , m_hookHelp(new QAction(tr("What Is This &Hook?"), this))
{
    m_category->setObjectName(QStringLiteral("categoryFilter"));
    m_category->addItem(tr("All categories"));
    for (int c = 0; c <= int(EventCategory::Step); ++c)
        m_category->addItem(categoryTitle(EventCategory(c)), c);
    m_hook->setObjectName(QStringLiteral("hookFilter"));
    m_hook->addItem(tr("All hooks"));
    for (const EventInfo &info : eventCatalogue())
        m_hook->addItem(QString::fromLatin1(info.name), int(info.type));
    m_hook->setMaxVisibleItems(24);
    // Narrow choosers (their lists are as wide as they need): the text
    // filter keeps room for its hint in a 560-pixel dock.
    for (QComboBox *box : {m_category, m_hook}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(7);
        box->view()->setMinimumWidth(box->view()->sizeHintForColumn(0) + 24);
    }
    m_class->setPlaceholderText(tr("class"));
    m_object->setPlaceholderText(tr("object"));
    m_text->setPlaceholderText(tr("text"));
    m_class->setToolTip(tr("Only the events of classes whose name contains this"));
    m_object->setToolTip(tr("Only the events of objects whose label contains this"));
    m_text->setToolTip(tr("Only the events whose hook, attribute or value contains this text"));
    // The class and object filters take short words; the text filter the rest.
    for (QLineEdit *e : {m_class, m_object})
        e->setMaximumWidth(e->fontMetrics().averageCharWidth() * 10);
    for (QLineEdit *e : {m_class, m_object, m_text})
        e->setClearButtonEnabled(true);
    auto *clear = new QPushButton(tr("C&lear Log"), this);
    clear->setToolTip(tr("Forget the recorded events (the session is not touched)"));
    connect(clear, &QPushButton::clicked, this, &EventLogView::clearRequested);

    connect(m_category, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant c = m_category->currentData();
        m_proxy->setCategory(c.isValid() ? std::optional(EventCategory(c.toInt())) : std::nullopt);
    });
    connect(m_hook, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant h = m_hook->currentData();
        m_proxy->setHook(h.isValid() ? std::optional(EventType(h.toInt())) : std::nullopt);
    });
    connect(m_class, &QLineEdit::textChanged, m_proxy, &EventFilterModel::setClassName);
    connect(m_object, &QLineEdit::textChanged, m_proxy, &EventFilterModel::setObjectLabel);
    connect(m_text, &QLineEdit::textChanged, m_proxy, &EventFilterModel::setText);

    m_proxy->setSourceModel(model);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Widths that fit the longest hook names; sizing to contents would read
    // every row, and the log may hold millions.
    const int em = m_table->fontMetrics().horizontalAdvance(QLatin1Char('m'));
    const int widths[] = {6, 6, 8, 16, 7, 7, 8, 14};
    for (int c = 0; c < int(std::size(widths)); ++c)
        m_table->setColumnWidth(c, widths[c] * em);
    fitHeaderTexts(m_table->horizontalHeader());
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (!m_selecting && current.isValid())
                    Q_EMIT eventSelected(m_model->eventAt(m_proxy->mapToSource(current).row()));
            });
    // A row's context menu: what its hook is, in the guide.
    m_hookHelp->setToolTip(tr("Open the guide at this hook: when it fires and what it is for"));
    connect(m_hookHelp, &QAction::triggered, this, [this] {
        if (const auto type = currentHook())
            Q_EMIT hookHelpRequested(*type);
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &EventLogView::showContextMenu);
    // Follow new events while the user looks at the end of the log.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_table->verticalScrollBar();
        m_atEnd = bar->value() >= bar->maximum() - 1;
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        // The event selected before its row arrived (a pause): shown now,
        // in place of the end of the log.
        if (m_pending >= 0 && m_model->rowOf(m_pending) >= 0) {
            selectEvent(m_pending);
            return;
        }
        if (m_atEnd && m_table->isVisible())
            m_table->scrollToBottom();
    });

    // The marker for events the log's cap dropped: hidden until it drops.
    m_dropped->setObjectName(QStringLiteral("droppedMarker"));
    m_dropped->setWordWrap(true);
    m_dropped->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03;"
                                            " padding: 3px 6px; }"));
    m_dropped->hide();
    connect(model, &EventLogModel::dropped, this, &EventLogView::showDropped);
    connect(model, &QAbstractItemModel::modelReset, this, [this] { m_dropped->hide(); });

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_category);
    filters->addWidget(m_hook);
    filters->addWidget(m_class);
    filters->addWidget(m_object);
    filters->addWidget(m_text, 2);
    filters->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(filters);
    layout->addWidget(m_dropped);
    layout->addWidget(m_table);
}

void EventLogView::showDropped(qsizetype dropped, qsizetype capacity)
{
    m_dropped->setText(tr("%1 older events were dropped: the log keeps the last %2 "
                          "(Session ▸ Event Log Limit...).")
                           .arg(QLocale().toString(dropped), QLocale().toString(capacity)));
    m_dropped->show();
}

void EventLogView::showContextMenu(const QPoint &pos)
{
    const QModelIndex row = m_table->indexAt(pos);
    if (!row.isValid())
        return;
    // The row clicked becomes the selected event, as a left click does.
    m_table->selectionModel()->setCurrentIndex(
        row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_hookHelp->setEnabled(currentHook().has_value());
    QMenu menu(this);
    menu.addAction(m_hookHelp);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

std::optional<EventType> EventLogView::currentHook() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    const auto type = EventType(
        current.siblingAtColumn(EventLogModel::Hook).data(EventLogModel::EventTypeRole).toInt());
    if (eventExplanation(type).isEmpty())
        return std::nullopt;
    return type;
}

void EventLogView::selectEvent(qsizetype index)
{
    // The model takes the log's appends once per turn of the event loop: an
    // event selected the moment it happens (a pause inside its hook) has no
    // row yet, and is selected when the row arrives.
    m_pending = index >= 0 && m_model->rowOf(index) < 0 ? index : -1;
    const QModelIndex source = m_model->index(m_model->rowOf(index), 0);
    const QModelIndex row = m_proxy->mapFromSource(source);
    m_selecting = true;
    if (row.isValid()) {
        m_table->selectionModel()->setCurrentIndex(
            row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(row, QAbstractItemView::PositionAtCenter);
    } else {
        m_table->selectionModel()->clearSelection();
    }
    m_selecting = false;
}

qsizetype EventLogView::currentEvent() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_model->eventAt(m_proxy->mapToSource(current).row()) : -1;
}

} // namespace ms
