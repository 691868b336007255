#pragma once

#include "schema/classdef.h"

#include <QGraphicsObject>

namespace ms {

/// A class's box on the diagram: its name and table, then one line per
/// column (PK/FK marks, type, the class a foreign key references). A box
/// with problems gets a red frame and lists them in its tooltip.
class ClassItem : public QGraphicsObject
{
    Q_OBJECT
public:
    /// The box of the class with identity @p id (ProjectDocument::classId()).
    ClassItem(quint32 id, const ClassDef &cls, QGraphicsItem *parent = nullptr);

    quint32 classId() const { return m_id; }
    QString className() const { return m_class.name; }
    void setClass(const ClassDef &cls);
    void setProblems(const QStringList &problems);
    bool hasProblems() const { return !m_problems.isEmpty(); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /// The marks of column @p column: "PK", "FK", "U" (unique), joined by spaces.
    QString marksOf(int column) const;
    /// The tooltip at @p pos (item coordinates): over a column with marks,
    /// what each means; elsewhere the class's problems.
    QString toolTipAt(const QPointF &pos) const;
    /// The point where a line from the box's centre towards @p outside leaves the box.
    QPointF edgePoint(const QPointF &outside) const;

Q_SIGNALS:
    void moved();

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void relayout();
    quint32 m_id;
    ClassDef m_class;
    struct Line
    {
        QString marks; ///< "PK", "FK", "U", "PK FK", "FK U" or empty
        QString text;
        QString tip; ///< what the marks mean
    };
    QList<Line> m_lines;
    qreal m_marksWidth = 0;
    QStringList m_problems;
    QSizeF m_size;
};

} // namespace ms
