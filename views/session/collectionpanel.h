#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace ms {

class Instance;
class SessionController;

/// The one-to-many collections of the object selected in the workspace:
/// which collection, its members (with their states), and Append, Remove
/// and Load, each played through the SessionController.
class CollectionPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CollectionPanel(SessionController *controller, QWidget *parent = nullptr);

    /// Shows the collections of @p object (nullptr: none, or several, selected).
    void showObject(Instance *object);

Q_SIGNALS:
    /// The members selected in the list changed.
    void selectionChanged();

private:
    void update();
    void append();
    void remove();
    void load();

    SessionController *m_controller;
    Instance *m_object = nullptr;
    QLabel *m_owner;
    QComboBox *m_name;
    QListWidget *m_list;
    QPushButton *m_append;
    QPushButton *m_remove;
    QPushButton *m_load;
};

} // namespace ms
