#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace ms {

class ColumnsModel;
class ProjectDocument;
class RelationshipsModel;

/// The editor of the selected class: its name and table, a table of its
/// columns and one of its relationships, each with add, remove and move
/// buttons, and the class's problems. Every edit is an undo command.
class ClassEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ClassEditor(ProjectDocument *doc, QWidget *parent = nullptr);

    int classIndex() const { return m_class; }
    void setClassIndex(int index);

    ColumnsModel *columnsModel() const { return m_columns; }
    RelationshipsModel *relationshipsModel() const { return m_relationships; }
    QTableView *columnsView() const { return m_columnsView; }
    QTableView *relationshipsView() const { return m_relationshipsView; }
    QLineEdit *nameEdit() const { return m_name; }

    /// Appends a column (or relationship) with a fresh name and selects it.
    void addColumn();
    void addRelationship();

private:
    QWidget *memberSection(const QString &title, QTableView *view, const QString &addTip,
                           const std::function<void()> &add, int kind);
    void removeSelected(int kind);
    void moveSelected(int kind, int delta);
    void refresh();
    void commitName();
    void commitTable();

    ProjectDocument *m_doc;
    int m_class = -1;
    ColumnsModel *m_columns;
    RelationshipsModel *m_relationships;
    QStackedWidget *m_stack;
    QLineEdit *m_name;
    QLineEdit *m_table;
    QLabel *m_problems;
    QTableView *m_columnsView;
    QTableView *m_relationshipsView;
};

} // namespace ms
