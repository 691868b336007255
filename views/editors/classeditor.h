#pragma once

#include "document/projectdocument.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace ms {

class ColumnsModel;
class RelationshipsModel;

/// The editor of the selected class: its name and table, a table of its
/// columns and one of its relationships, each with add, remove and move
/// buttons, and the class's problems. Every edit is an undo command.
///
/// It follows its class by identity (ProjectDocument::classId()): a rename,
/// an undo, or a class inserted or removed before it leave it on the same
/// class; when the class is removed it shows none. A name that cannot be
/// given (empty, or another class's) stays in the field, marked, with the
/// reason below the tables, and the class keeps its old name until the name
/// is valid (Escape puts the old name back).
class ClassEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ClassEditor(ProjectDocument *doc, QWidget *parent = nullptr);

    /// The index of the class shown, or -1.
    int classIndex() const;
    void setClassIndex(int index);
    /// Why the last edit was not applied (a rename refused), or empty.
    QString refusal() const;

    ColumnsModel *columnsModel() const { return m_columns; }
    RelationshipsModel *relationshipsModel() const { return m_relationships; }
    QTableView *columnsView() const { return m_columnsView; }
    QTableView *relationshipsView() const { return m_relationshipsView; }
    QLineEdit *nameEdit() const { return m_name; }

    /// Appends a column (or relationship) with a fresh name and selects it.
    void addColumn();
    /// The new relationship is proposedRelationship().
    void addRelationship();
    /// What Add proposes for class @p index: a many-to-one along the first
    /// foreign key of the class no relationship follows yet (to the class
    /// it references, with that foreignKey, named after the column); else a
    /// one-to-many along another class's foreign key to this one; else a
    /// many-to-one to the class itself.
    static RelationshipDef proposedRelationship(const Schema &schema, int index);
    /// Selects the column @p column or the relationship @p relationship
    /// (-1: neither) of the class shown, as a problem's path names it.
    void selectMember(int column, int relationship);

private:
    QWidget *memberSection(const QString &title, QTableView *view, const QString &addTip,
                           const std::function<void()> &add, int kind);
    void removeSelected(int kind);
    void moveSelected(int kind, int delta);
    void refresh();
    void commitName();
    void commitTable();
    void revertName();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showRefusal(const QString &message);

    ProjectDocument *m_doc;
    ClassId m_class = 0;
    /// A name typed for m_class that was refused: kept in the field.
    std::optional<QString> m_refusedName;
    ColumnsModel *m_columns;
    RelationshipsModel *m_relationships;
    QStackedWidget *m_stack;
    QLineEdit *m_name;
    QLineEdit *m_table;
    QLabel *m_problems;
    QLabel *m_refusal;
    QTableView *m_columnsView;
    QTableView *m_relationshipsView;
};

} // namespace ms
