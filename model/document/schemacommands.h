#pragma once

#include "projectdocument.h"

#include <QUndoCommand>

#include <optional>
#include <variant>

namespace ms {

/// The undo commands of the class designer. Each performs its change in
/// redo() through ProjectDocument's primitive edits and reverts it in
/// undo(); the texts are what Edit > Undo and the history view show.
/// (Small classes of one kind, kept together as Qt's undo examples do.)

/// Appends a class, optionally placed on the diagram.
class AddClassCommand : public QUndoCommand
{
public:
    AddClassCommand(ProjectDocument *doc, const ClassDef &cls,
                    std::optional<QPointF> position = {});
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_doc;
    ClassDef m_class;
    int m_index;
    ClassId m_id = 0;
    std::optional<QPointF> m_position;
};

/// Removes a class. Relationships and foreign keys of other classes that name
/// it are left as they are (validation lists them) so that undo is exact.
class RemoveClassCommand : public QUndoCommand
{
public:
    RemoveClassCommand(ProjectDocument *doc, int index);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_doc;
    ClassDef m_class;
    int m_index;
    ClassId m_id;
    std::optional<QPointF> m_position;
};

/// A change that touches many places of the project at once (a rename and
/// what follows it): the project before and after, put back whole by
/// undo() and redo(), so both give the document byte for byte back.
class ProjectEditCommand : public QUndoCommand
{
public:
    void redo() override;
    void undo() override;

protected:
    /// @p after is the project as the command leaves it. A command whose
    /// change was refused passes the document's own project: it is then
    /// obsolete, and QUndoStack::push() drops it without a trace.
    ProjectEditCommand(ProjectDocument *doc, const Project &after);

private:
    ProjectDocument *m_doc;
    Project m_before;
    Project m_after;
};

/// Replaces the model and the database with what a database import read
/// (DatabaseImport): one undo step. The diagram's stored positions go, so
/// the new classes are laid out afresh; listeners and scenarios stay (the
/// Problems list shows those that name classes no longer there).
class ImportCommand : public ProjectEditCommand
{
public:
    ImportCommand(ProjectDocument *doc, const Project &imported);
};

/// Renames a class and everything that names it (Renaming::renameClass()):
/// relationship targets, foreign keys (`references`), listener targets,
/// scenario steps and the diagram position. A name that is empty or taken
/// (Renaming::classNameProblem()) is refused: the command is obsolete and
/// changes nothing.
class RenameClassCommand : public ProjectEditCommand
{
public:
    RenameClassCommand(ProjectDocument *doc, int index, const QString &newName);
};

/// Renames a column or a relationship and what names it (Renaming); a name
/// that is empty or taken in its class is refused as above.
class RenameMemberCommand : public ProjectEditCommand
{
public:
    RenameMemberCommand(ProjectDocument *doc, MemberKind kind, int cls, int row,
                        const QString &newName);
};

/// Sets a relationship's backref; a rename of the attribute it creates on
/// the target carries the steps and listeners that name it
/// (Renaming::setBackref()).
class SetBackrefCommand : public ProjectEditCommand
{
public:
    SetBackrefCommand(ProjectDocument *doc, int cls, int row, const QString &backref);
};

class SetClassTableCommand : public QUndoCommand
{
public:
    SetClassTableCommand(ProjectDocument *doc, int index, const QString &table);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_doc;
    int m_index;
    QString m_before;
    QString m_after;
};

using Member = std::variant<ColumnDef, RelationshipDef>;

/// Inserts a column or a relationship at a row of a class.
class AddMemberCommand : public QUndoCommand
{
public:
    AddMemberCommand(ProjectDocument *doc, int cls, int row, const Member &member);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_doc;
    int m_class;
    int m_row;
    Member m_member;
};

class RemoveMemberCommand : public QUndoCommand
{
public:
    RemoveMemberCommand(ProjectDocument *doc, MemberKind kind, int cls, int row);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_doc;
    int m_class;
    int m_row;
    Member m_member;
};

/// Replaces a column or relationship with an edited copy (one cell edit).
class EditMemberCommand : public QUndoCommand
{
public:
    EditMemberCommand(ProjectDocument *doc, int cls, int row, const Member &after);
    void redo() override;
    void undo() override;

private:
    void apply(const Member &m);
    ProjectDocument *m_doc;
    int m_class;
    int m_row;
    Member m_before;
    Member m_after;
};

class MoveMemberCommand : public QUndoCommand
{
public:
    MoveMemberCommand(ProjectDocument *doc, MemberKind kind, int cls, int from, int to);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_doc;
    MemberKind m_kind;
    int m_class;
    int m_from;
    int m_to;
};

/// Replaces one part of the project (through @p Set) with a new value;
/// undo puts the old one back.
template<typename T, void (ProjectDocument::*Set)(const T &)>
class ReplaceCommand : public QUndoCommand
{
public:
    ReplaceCommand(ProjectDocument *doc, T before, T after, const QString &text)
        : m_doc(doc), m_before(std::move(before)), m_after(std::move(after))
    {
        setText(text);
    }
    void redo() override { (m_doc->*Set)(m_after); }
    void undo() override { (m_doc->*Set)(m_before); }

private:
    ProjectDocument *m_doc;
    T m_before;
    T m_after;
};

/// Moves diagram boxes: one drag of any number of boxes, or an automatic layout.
class MoveBoxesCommand
    : public ReplaceCommand<QHash<QString, std::optional<QPointF>>, &ProjectDocument::setPositions>
{
public:
    using Positions = QHash<QString, std::optional<QPointF>>;
    using ReplaceCommand::ReplaceCommand;
};

/// Replaces the project's listeners (the listeners panel: add, remove,
/// move, edit are each one step).
class SetListenersCommand
    : public ReplaceCommand<QList<ListenerDef>, &ProjectDocument::setListeners>
{
public:
    SetListenersCommand(ProjectDocument *doc, const QList<ListenerDef> &listeners,
                        const QString &text)
        : ReplaceCommand(doc, doc->project().listeners, listeners, text)
    {
    }
};

/// Replaces the project's scenarios (a recorded one added, one removed).
class SetScenariosCommand : public ReplaceCommand<QList<Scenario>, &ProjectDocument::setScenarios>
{
public:
    SetScenariosCommand(ProjectDocument *doc, const QList<Scenario> &scenarios, const QString &text)
        : ReplaceCommand(doc, doc->project().scenarios, scenarios, text)
    {
    }
};

/// Points the project at another database.
/// Makes the project's session SQLAlchemy's or Ming's (the top-level
/// "orm"); it takes effect at the next Apply. Switching to Ming turns
/// autoflush off, Ming's default (SQLAlchemy's is on): undone together.
class SetOrmCommand : public ProjectEditCommand
{
public:
    SetOrmCommand(ProjectDocument *doc, Orm orm);
};

class SetDatabaseCommand : public ReplaceCommand<DatabaseSettings, &ProjectDocument::setDatabase>
{
public:
    explicit SetDatabaseCommand(ProjectDocument *doc, const DatabaseSettings &settings);
};

} // namespace ms
