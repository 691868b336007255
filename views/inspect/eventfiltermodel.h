#pragma once

#include "events/eventtype.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace ms {

/// Filters an EventLogModel by category, hook, class, object and free text
/// (any of hook, class, object, attribute and value containing it). New
/// rows are filtered as they arrive; the order stays the log's.
class EventFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setCategory(std::optional<EventCategory> category);
    void setHook(std::optional<EventType> hook);
    void setClassName(const QString &name);
    void setObjectLabel(const QString &label);
    void setText(const QString &text);
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void changed();

    std::optional<EventCategory> m_category;
    std::optional<EventType> m_hook;
    QString m_class;
    QString m_object;
    QString m_text;
};

} // namespace ms
