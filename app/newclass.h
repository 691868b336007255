#pragma once

#include "schema/schema.h"

namespace ms {

class ClassEditor;
class DiagramScene;
class ProjectDocument;

/// Edit > Add Class: the default new class and where it goes.
class NewClass
{
public:
    /// Class1, Class2, ... (the first name @p schema does not use), with an
    /// integer primary key `id`.
    static ClassDef defaultFor(const Schema &schema);
    /// Adds defaultFor() as an undoable edit where the diagram has room,
    /// selects it and puts the cursor in its name, selected to type over.
    static void add(ProjectDocument *doc, DiagramScene *scene, ClassEditor *editor);
};

} // namespace ms
