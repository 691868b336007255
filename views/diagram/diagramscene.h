#pragma once

#include "document/projectdocument.h"

#include <QGraphicsScene>
#include <QHash>

namespace ms {

class ClassItem;
class RelationItem;

/// The class diagram of a ProjectDocument: a ClassItem per class, a
/// RelationItem per declared relationship. It follows the document's
/// signals; a drag of boxes becomes one MoveBoxesCommand on release.
/// Classes without a stored position are placed by autoLayout().
///
/// Boxes belong to class identities (ProjectDocument::classId()), not to
/// names: a rename keeps the box, and two classes that share a name (a file
/// loaded with problems) get a box each. Arrows are dropped before any box
/// is, so none ever points at a box that is gone.
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit DiagramScene(ProjectDocument *doc, QObject *parent = nullptr);
    ~DiagramScene() override;

    /// The box of the first class named @p className, or nullptr.
    ClassItem *classItem(const QString &className) const;
    ClassItem *classItem(ClassId id) const { return m_items.value(id); }
    /// The boxes in the order of the classes.
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
    /// A new font (presentation mode): the boxes and arrows take their new sizes.
    bool event(QEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void sync();
    void syncPositions();
    void rebuildRelations();
    void adjustRelations();
    void clearRelations();

    ProjectDocument *m_doc;
    QHash<ClassId, ClassItem *> m_items;
    QList<RelationItem *> m_relations;
    QHash<ClassId, QPointF> m_pressPositions;
    ClassId m_selected = 0;
};

} // namespace ms
