#pragma once

#include "events/eventtype.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace ms {

class EventFilterModel;
class EventLogModel;

/// The event log: a table over EventLogModel with filters by category,
/// hook, class, object and free text, and Clear. It follows new events
/// while scrolled to the end. A row's context menu offers "What Is This
/// Hook?".
class EventLogView : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogView(EventLogModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    EventFilterModel *proxy() const { return m_proxy; }
    QLineEdit *textFilter() const { return m_text; }
    QComboBox *categoryFilter() const { return m_category; }
    QComboBox *hookFilter() const { return m_hook; }
    QLineEdit *classFilter() const { return m_class; }
    QLineEdit *objectFilter() const { return m_object; }
    /// The marker shown once the log's cap has dropped events.
    QLabel *droppedMarker() const { return m_dropped; }
    /// "What Is This Hook?" for the current row's hook (in a row's context menu).
    QAction *hookHelpAction() const { return m_hookHelp; }

    /// Selects the row of event @p index (the log's index) when the filters
    /// show it; does not emit eventSelected().
    void selectEvent(qsizetype index);
    /// The log index of the current row; -1 when none.
    qsizetype currentEvent() const;

Q_SIGNALS:
    /// The user selected event @p index (the log's index).
    void eventSelected(qsizetype index);
    /// The user asked to clear the log.
    void clearRequested();
    /// The user asked what the hook @p type is (a row's context menu).
    void hookHelpRequested(ms::EventType type);

private:
    void showDropped(qsizetype dropped, qsizetype capacity);
    void showContextMenu(const QPoint &pos);
    /// The hook of the current row, when it has an explanation.
    std::optional<EventType> currentHook() const;

    EventLogModel *m_model;
    QComboBox *m_category;
    QComboBox *m_hook;
    QLineEdit *m_class;
    QLineEdit *m_object;
    QLineEdit *m_text;
    EventFilterModel *m_proxy;
    QTableView *m_table;
    QLabel *m_dropped;
    QAction *m_hookHelp;
    bool m_selecting = false;
    bool m_atEnd = true;
    qsizetype m_pending = -1; ///< selected before the model had its row
};

} // namespace ms
