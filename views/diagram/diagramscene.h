#pragma once

#include "schema/schema.h"

#include <QGraphicsScene>
#include <QHash>

namespace ms {

class ClassItem;
class ProjectDocument;
class RelationItem;

/// The class diagram of a ProjectDocument: a ClassItem per class, a
/// RelationItem per declared relationship. It follows the document's
/// signals; a drag of boxes becomes one MoveBoxesCommand on release.
/// Classes without a stored position are placed by autoLayout().
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit DiagramScene(ProjectDocument *doc, QObject *parent = nullptr);
    ~DiagramScene() override;

    ClassItem *classItem(const QString &className) const { return m_items.value(className); }
    QList<ClassItem *> classItems() const;
    QList<RelationItem *> relationItems() const { return m_relations; }

    /// Selects the box of class @p index (-1: none); classSelected() follows.
    void selectClass(int index);
    /// The index of the selected class, or -1.
    int selectedClass() const;

    /// Columns of boxes from left to right: classes that reference no other
    /// class first, then each class one column right of what it references.
    static QHash<QString, QPointF> autoLayout(const Schema &schema);
    /// Lays out every box anew, as one undoable step.
    void layoutAll();
    /// A free place for a new class's box: right of the others.
    QPointF freeSpot() const;

Q_SIGNALS:
    void classSelected(int index);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void sync();
    void syncPositions();
    void rebuildRelations();
    void adjustRelations();

    ProjectDocument *m_doc;
    QHash<QString, ClassItem *> m_items;
    QList<RelationItem *> m_relations;
    QHash<QString, QPointF> m_pressPositions;
    int m_selected = -1;
};

} // namespace ms
