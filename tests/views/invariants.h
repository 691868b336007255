#pragma once

// What must hold in a main window after any user action (the designer's
// regression tests and the monkey test check it): the diagram draws exactly
// the document's classes, every arrow joins two live boxes, the class
// editor shows a live class or none, and the Problems list is the
// document's problems.
#include "document/projectdocument.h"
#include "diagram/classitem.h"
#include "diagram/diagramscene.h"
#include "diagram/relationitem.h"
#include "editors/classeditor.h"
#include "mainwindow.h"

#include <QListWidget>
#include <QSet>

/// Empty when the window is whole; otherwise what is wrong.
inline QString windowInvariantProblem(ms::MainWindow &w)
{
    using namespace ms;
    const ProjectDocument *doc = w.document();
    const Schema &schema = doc->schema();
    QSet<ClassItem *> boxes;
    int arrows = 0;
    for (QGraphicsItem *item : w.diagram()->items()) {
        if (auto *box = dynamic_cast<ClassItem *>(item)) {
            const int index = doc->classIndex(box->classId());
            if (index < 0)
                return QStringLiteral("a box for a class that is gone (%1)").arg(box->className());
            if (schema.classes.at(index).name != box->className())
                return QStringLiteral("box %1 shows class %2").arg(box->className(), schema.classes.at(index).name);
            boxes.insert(box);
        }
    }
    if (boxes.size() != schema.classes.size())
        return QStringLiteral("%1 boxes for %2 classes").arg(boxes.size()).arg(schema.classes.size());
    for (QGraphicsItem *item : w.diagram()->items()) {
        if (auto *arrow = dynamic_cast<RelationItem *>(item)) {
            ++arrows;
            if (!boxes.contains(arrow->source()) || !boxes.contains(arrow->target()))
                return QStringLiteral("arrow %1 joins a box that is gone").arg(arrow->label());
        }
    }
    int drawable = 0;
    for (const ClassDef &c : schema.classes) {
        for (const RelationshipDef &r : c.relationships)
            drawable += schema.classIndex(r.target) >= 0 ? 1 : 0;
    }
    if (arrows != drawable)
        return QStringLiteral("%1 arrows for %2 relationships").arg(arrows).arg(drawable);
    const int shown = w.classEditor()->classIndex();
    if (shown >= schema.classes.size())
        return QStringLiteral("the class editor shows class %1 of %2").arg(shown).arg(schema.classes.size());
    auto *list = w.findChild<QListWidget *>(QStringLiteral("problems"));
    const Problems &problems = doc->problems();
    if (problems.isEmpty()) {
        if (list->count() != 1 || !list->item(0)->text().contains(QLatin1String("No problems")))
            return QStringLiteral("the Problems list is not empty, the document has none");
    } else {
        if (list->count() != problems.size())
            return QStringLiteral("the Problems list shows %1 of %2 problems").arg(list->count()).arg(problems.size());
        for (int i = 0; i < problems.size(); ++i) {
            if (list->item(i)->text() != problems.at(i).toString())
                return QStringLiteral("the Problems list says %1, the document %2")
                    .arg(list->item(i)->text(), problems.at(i).toString());
        }
    }
    return {};
}
