#include "newclass.h"

#include "diagram/diagramscene.h"
#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "editors/classeditor.h"

#include <QLineEdit>
#include <QUndoStack>

namespace ms {

ClassDef NewClass::defaultFor(const Schema &schema)
{
    ClassDef cls;
    for (int n = 1; cls.name.isEmpty(); ++n) {
        const QString name = QStringLiteral("Class%1").arg(n);
        if (schema.classIndex(name) < 0)
            cls.name = name;
    }
    ColumnDef id;
    id.name = QStringLiteral("id");
    id.typeName = QStringLiteral("integer");
    id.primaryKey = true;
    id.nullable = false;
    cls.columns.append(id);
    return cls;
}

void NewClass::add(ProjectDocument *doc, DiagramScene *scene, ClassEditor *editor)
{
    doc->undoStack()->push(new AddClassCommand(doc, defaultFor(doc->schema()), scene->freeSpot()));
    scene->selectClass(int(doc->schema().classes.size()) - 1);
    editor->nameEdit()->setFocus();
    editor->nameEdit()->selectAll();
}

} // namespace ms
