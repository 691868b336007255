#include "querybar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ms {

QueryBar::QueryBar(QWidget *trailing, QWidget *parent)
    : QWidget(parent)
    , m_class(new QComboBox(this))
    , m_filters(new QLineEdit(this))
    , m_load(new QPushButton(tr("&Load"), this))
{
    m_class->setObjectName(QStringLiteral("queryClass"));
    m_filters->setObjectName(QStringLiteral("queryFilters"));
    m_filters->setPlaceholderText(tr("filters: name=alice, id=2 (empty: all rows); loading: posts:selectin"));
    m_filters->setClearButtonEnabled(true);
    // room for a filter or two however crowded the row gets (in Russian the
    // switches take most of it): the trailing toolbar folds first
    m_filters->setMinimumWidth(10 * m_filters->fontMetrics().horizontalAdvance(QLatin1Char('m')));
    m_load->setToolTip(tr("Query the database and load the matching objects into the "
                          "session (autoflushes first)"));
    m_filters->setToolTip(tr("Filters compare columns: name=alice, id=2. A relationship with a "
                             "strategy loads it with the query: posts:joined, posts:selectin, "
                             "posts:subquery, posts:raise, posts:noload, posts:select (SQLAlchemy's "
                             "joinedload(), selectinload(), ...). populate_existing: objects already "
                             "in the session take the rows' values, changes not flushed are lost."));
    connect(m_load, &QPushButton::clicked, this, &QueryBar::request);
    connect(m_filters, &QLineEdit::returnPressed, this, &QueryBar::request);
    // Spaced as the row of the workspace's own layout it was: no margins,
    // and the workspace's tight spacing.
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *label = new QLabel(tr("&Query"), this);
    label->setBuddy(m_class);
    layout->addWidget(label);
    layout->addWidget(m_class);
    layout->addWidget(new QLabel(tr("where"), this));
    layout->addWidget(m_filters, 1);
    layout->addWidget(m_load);
    layout->addWidget(trailing);
}

void QueryBar::setClasses(const QStringList &classNames)
{
    m_class->clear();
    m_class->addItems(classNames);
}

QString QueryBar::currentClass() const
{
    return m_class->currentText();
}

void QueryBar::setCurrentClass(const QString &className)
{
    m_class->setCurrentText(className);
}

void QueryBar::setQueryEnabled(bool enabled)
{
    m_load->setEnabled(enabled);
}

void QueryBar::request()
{
    Q_EMIT queryRequested(m_class->currentText(), m_filters->text());
}

} // namespace ms
