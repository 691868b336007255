#include "collectionpanel.h"

#include "common/statestyle.h"
#include "live/sessioncontroller.h"
#include "orm/instance.h"
#include "orm/mapper.h"
#include "orm/registry.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

namespace ms {

CollectionPanel::CollectionPanel(SessionController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_owner(new QLabel(this))
    , m_name(new QComboBox(this))
    , m_list(new QListWidget(this))
    , m_append(new QPushButton(tr("&Append..."), this))
    , m_remove(new QPushButton(tr("Re&move"), this))
    , m_load(new QPushButton(tr("Load"), this))
{
    m_owner->setObjectName(QStringLiteral("collectionOwner"));
    m_name->setObjectName(QStringLiteral("collectionName"));
    m_list->setObjectName(QStringLiteral("collection"));
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_append->setToolTip(tr("Append an object to the collection (fires append, and the "
                            "backref's set)"));
    m_remove->setToolTip(tr("Remove the selected objects from the collection"));
    m_load->setToolTip(tr("Read the collection, loading it from the database if needed"));
    connect(m_name, &QComboBox::currentIndexChanged, this, &CollectionPanel::update);
    connect(m_append, &QPushButton::clicked, this, &CollectionPanel::append);
    connect(m_remove, &QPushButton::clicked, this, &CollectionPanel::remove);
    connect(m_load, &QPushButton::clicked, this, &CollectionPanel::load);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &CollectionPanel::selectionChanged);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Collection</b>"), this));
    layout->addWidget(m_owner);
    layout->addWidget(m_name);
    layout->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_append);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_load);
    layout->addLayout(buttons);
}

void CollectionPanel::showObject(Instance *object)
{
    m_object = object;
    update();
}

void CollectionPanel::update()
{
    Instance *o = m_object;
    const QString keep = m_name->currentText();
    QStringList names;
    if (o)
        for (const ResolvedRelationship &rel : o->mapper()->relationships())
            if (rel.isCollection())
                names << rel.name;
    if (names != QStringList(m_name->property("names").toStringList())) {
        const QSignalBlocker block(m_name);
        m_name->clear();
        m_name->addItems(names);
        m_name->setProperty("names", names);
        if (names.contains(keep))
            m_name->setCurrentText(keep);
    }
    m_list->clear();
    m_owner->setText(o ? o->label() : tr("(select one object)"));
    const int attr
        = o && !names.isEmpty() ? int(o->mapper()->attributeIndex(m_name->currentText())) - 1 : -1;
    const bool present = attr >= 0 && (o->isLoaded(attr) || !o->identity()) && !o->isExpired(attr);
    if (attr >= 0 && present) {
        for (const Instance *item : o->collection(o->relationshipIndex(attr))) {
            auto *entry = new QListWidgetItem(stateIcon(item->state(), markedForDeletion(item)),
                                              item->label(), m_list);
            entry->setToolTip(stateText(item->state(), markedForDeletion(item)));
            entry->setData(Qt::UserRole, item->id());
        }
    } else if (attr >= 0) {
        auto *entry = new QListWidgetItem(o->isExpired(attr) ? tr("(expired)") : tr("(not loaded)"),
                                          m_list);
        entry->setFlags(Qt::NoItemFlags);
    }
    m_name->setEnabled(attr >= 0);
    m_append->setEnabled(attr >= 0);
    m_remove->setEnabled(attr >= 0 && present && !m_list->selectedItems().isEmpty());
    m_load->setEnabled(attr >= 0 && !present);
}

void CollectionPanel::append()
{
    Instance *o = m_object;
    Session *session = m_controller->session();
    if (!o || !session)
        return;
    const QString attr = m_name->currentText();
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

void CollectionPanel::remove()
{
    Instance *o = m_object;
    Session *session = m_controller->session();
    if (!o || !session)
        return;
    const QString attr = m_name->currentText();
    QList<Instance *> items;
    for (QListWidgetItem *entry : m_list->selectedItems())
        items << session->object(entry->data(Qt::UserRole).toUInt());
    for (Instance *item : items)
        if (!m_controller->changeCollection(o, attr, item, false))
            return;
}

void CollectionPanel::load()
{
    if (Instance *o = m_object)
        (void)m_controller->run(steps::Read {o->label(), m_name->currentText()});
}

} // namespace ms
