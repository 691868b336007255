#include "eventfiltermodel.h"

#include "events/eventlogmodel.h"

namespace ms {

void EventFilterModel::changed()
{
    // Qt 6.4 has no begin/endFilterChange(); invalidateFilter() re-filters
    // the rows without a reset of the view's header or selection model.
    invalidateFilter();
}

void EventFilterModel::setCategory(std::optional<EventCategory> category)
{
    m_category = category;
    changed();
}

void EventFilterModel::setHook(std::optional<EventType> hook)
{
    m_hook = hook;
    changed();
}

void EventFilterModel::setClassName(const QString &name)
{
    m_class = name.trimmed();
    changed();
}

void EventFilterModel::setObjectLabel(const QString &label)
{
    m_object = label.trimmed();
    changed();
}

void EventFilterModel::setText(const QString &text)
{
    m_text = text.trimmed();
    changed();
}

bool EventFilterModel::isFiltering() const
{
    return m_category || m_hook || !m_class.isEmpty() || !m_object.isEmpty() || !m_text.isEmpty();
}

bool EventFilterModel::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    const QAbstractItemModel *source = sourceModel();
    auto text = [&](int column) {
        return source->index(row, column, parent).data().toString();
    };
    const QModelIndex first = source->index(row, 0, parent);
    if (m_category && first.data(EventLogModel::CategoryRole).toInt() != int(*m_category))
        return false;
    if (m_hook && first.data(EventLogModel::EventTypeRole).toInt() != int(*m_hook))
        return false;
    if (!m_class.isEmpty() && text(EventLogModel::Class).compare(m_class, Qt::CaseInsensitive) != 0)
        return false;
    if (!m_object.isEmpty()
        && text(EventLogModel::Object).compare(m_object, Qt::CaseInsensitive) != 0)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int c :
         {int(EventLogModel::Hook), int(EventLogModel::Class), int(EventLogModel::Object),
          int(EventLogModel::Attribute), int(EventLogModel::Value), int(EventLogModel::Old)})
        if (text(c).contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace ms
