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
    /// The point where a line from the box's centre towards @p outside leaves the box.
    QPointF edgePoint(const QPointF &outside) const;

Q_SIGNALS:
    void moved();

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    void relayout();
    quint32 m_id;
    ClassDef m_class;
    struct Line
    {
        QString marks; ///< "PK", "FK", "PK FK" or empty
        QString text;
    };
    QList<Line> m_lines;
    qreal m_marksWidth = 0;
    QStringList m_problems;
    QSizeF m_size;
};

} // namespace ms
