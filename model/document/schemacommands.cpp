#include "schemacommands.h"

#include "renaming.h"

#include <QCoreApplication>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(SchemaCommands)
};

MemberKind kindOf(const Member &m)
{
    return std::holds_alternative<ColumnDef>(m) ? MemberKind::Column : MemberKind::Relationship;
}

QString memberName(const Member &m)
{
    return std::visit([](const auto &v) { return v.name; }, m);
}

} // namespace

AddClassCommand::AddClassCommand(ProjectDocument *doc, const ClassDef &cls,
                                 std::optional<QPointF> position)
    : m_doc(doc)
    , m_class(cls)
    , m_index(int(doc->schema().classes.size()))
    , m_position(position)
{
    setText(Tr::tr("Add class %1").arg(cls.name));
}

void AddClassCommand::redo()
{
    m_doc->insertClass(m_index, m_class, m_id);
    m_id = m_doc->classId(m_index); // a redo gives the class its identity back
    if (m_position)
        m_doc->setPositions({{m_class.name, m_position}});
}

void AddClassCommand::undo()
{
    if (m_position)
        m_doc->setPositions({{m_class.name, std::nullopt}});
    m_doc->removeClass(m_index);
}

RemoveClassCommand::RemoveClassCommand(ProjectDocument *doc, int index)
    : m_doc(doc)
    , m_class(doc->schema().classes.at(index))
    , m_index(index)
    , m_id(doc->classId(index))
    , m_position(doc->position(m_class.name))
{
    setText(Tr::tr("Remove class %1").arg(m_class.name));
}

void RemoveClassCommand::redo()
{
    if (m_position)
        m_doc->setPositions({{m_class.name, std::nullopt}});
    m_doc->removeClass(m_index);
}

void RemoveClassCommand::undo()
{
    m_doc->insertClass(m_index, m_class, m_id);
    if (m_position)
        m_doc->setPositions({{m_class.name, m_position}});
}

ProjectEditCommand::ProjectEditCommand(ProjectDocument *doc, const Project &after)
    : m_doc(doc)
    , m_before(doc->project())
    , m_after(after)
{
    setObsolete(m_after == m_before);
}

void ProjectEditCommand::redo()
{
    if (!isObsolete())
        m_doc->replaceProject(m_after);
}

void ProjectEditCommand::undo()
{
    if (!isObsolete())
        m_doc->replaceProject(m_before);
}

namespace {

Project withImport(const Project &current, const Project &imported)
{
    Project p = current;
    p.schema = imported.schema;
    p.database = imported.database;
    QJsonObject diagram = p.view.value(QLatin1String("diagram")).toObject();
    diagram.remove(QLatin1String("positions"));
    if (diagram.isEmpty())
        p.view.remove(QLatin1String("diagram"));
    else
        p.view.insert(QLatin1String("diagram"), diagram);
    return p;
}

} // namespace

namespace {
Project withOrm(Project p, Orm orm)
{
    if (p.session.orm != orm)
        p.session.autoflush = orm == Orm::SqlAlchemy;
    p.session.orm = orm;
    return p;
}
} // namespace

SetOrmCommand::SetOrmCommand(ProjectDocument *doc, Orm orm)
    : ProjectEditCommand(doc, withOrm(doc->project(), orm))
{
    setText(orm == Orm::Ming ? Tr::tr("Use Ming") : Tr::tr("Use SQLAlchemy"));
}

ImportCommand::ImportCommand(ProjectDocument *doc, const Project &imported)
    : ProjectEditCommand(doc, withImport(doc->project(), imported))
{
    setText(Tr::tr("Import Database"));
}

namespace {

Project renamedClass(const ProjectDocument *doc, int index, const QString &name)
{
    if (!Renaming::classNameProblem(doc->schema(), index, name).isEmpty())
        return doc->project();
    return Renaming::renameClass(doc->project(), index, name);
}

Project renamedMember(const ProjectDocument *doc, MemberKind kind, int cls, int row,
                      const QString &name)
{
    const ClassDef &c = doc->schema().classes.at(cls);
    const QString current
        = kind == MemberKind::Column ? c.columns.at(row).name : c.relationships.at(row).name;
    if (!Renaming::attributeNameProblem(doc->schema(), cls, current, name).isEmpty())
        return doc->project();
    return kind == MemberKind::Column ? Renaming::renameColumn(doc->project(), cls, row, name)
                                      : Renaming::renameRelationship(doc->project(), cls, row, name);
}

} // namespace

RenameClassCommand::RenameClassCommand(ProjectDocument *doc, int index, const QString &newName)
    : ProjectEditCommand(doc, renamedClass(doc, index, newName))
{
    setText(Tr::tr("Rename class %1 to %2").arg(doc->schema().classes.at(index).name, newName));
}

RenameMemberCommand::RenameMemberCommand(ProjectDocument *doc, MemberKind kind, int cls, int row,
                                         const QString &newName)
    : ProjectEditCommand(doc, renamedMember(doc, kind, cls, row, newName))
{
    const ClassDef &c = doc->schema().classes.at(cls);
    setText(kind == MemberKind::Column
                ? Tr::tr("Rename column %1.%2 to %3").arg(c.name, c.columns.at(row).name, newName)
                : Tr::tr("Rename relationship %1.%2 to %3")
                      .arg(c.name, c.relationships.at(row).name, newName));
}

SetBackrefCommand::SetBackrefCommand(ProjectDocument *doc, int cls, int row,
                                     const QString &backref)
    : ProjectEditCommand(doc, Renaming::setBackref(doc->project(), cls, row, backref))
{
    const ClassDef &c = doc->schema().classes.at(cls);
    setText(Tr::tr("Set backref of %1.%2 to %3")
                .arg(c.name, c.relationships.at(row).name,
                     backref.isEmpty() ? Tr::tr("none") : backref));
}

SetClassTableCommand::SetClassTableCommand(ProjectDocument *doc, int index, const QString &table)
    : m_doc(doc)
    , m_index(index)
    , m_before(doc->schema().classes.at(index).table)
    , m_after(table)
{
    setText(Tr::tr("Set table of %1 to %2")
                .arg(doc->schema().classes.at(index).name,
                     table.isEmpty() ? Tr::tr("the default") : table));
}

void SetClassTableCommand::redo()
{
    m_doc->setClassTable(m_index, m_after);
}

void SetClassTableCommand::undo()
{
    m_doc->setClassTable(m_index, m_before);
}

AddMemberCommand::AddMemberCommand(ProjectDocument *doc, int cls, int row, const Member &member)
    : m_doc(doc)
    , m_class(cls)
    , m_row(row)
    , m_member(member)
{
    const QString owner = doc->schema().classes.at(cls).name;
    setText(kindOf(member) == MemberKind::Column
                ? Tr::tr("Add column %1.%2").arg(owner, memberName(member))
                : Tr::tr("Add relationship %1.%2").arg(owner, memberName(member)));
}

void AddMemberCommand::redo()
{
    if (auto *c = std::get_if<ColumnDef>(&m_member))
        m_doc->insertColumn(m_class, m_row, *c);
    else
        m_doc->insertRelationship(m_class, m_row, std::get<RelationshipDef>(m_member));
}

void AddMemberCommand::undo()
{
    m_doc->removeMember(kindOf(m_member), m_class, m_row);
}

RemoveMemberCommand::RemoveMemberCommand(ProjectDocument *doc, MemberKind kind, int cls, int row)
    : m_doc(doc)
    , m_class(cls)
    , m_row(row)
{
    const ClassDef &c = doc->schema().classes.at(cls);
    if (kind == MemberKind::Column)
        m_member = c.columns.at(row);
    else
        m_member = c.relationships.at(row);
    setText(kind == MemberKind::Column
                ? Tr::tr("Remove column %1.%2").arg(c.name, memberName(m_member))
                : Tr::tr("Remove relationship %1.%2").arg(c.name, memberName(m_member)));
}

void RemoveMemberCommand::redo()
{
    m_doc->removeMember(kindOf(m_member), m_class, m_row);
}

void RemoveMemberCommand::undo()
{
    if (auto *c = std::get_if<ColumnDef>(&m_member))
        m_doc->insertColumn(m_class, m_row, *c);
    else
        m_doc->insertRelationship(m_class, m_row, std::get<RelationshipDef>(m_member));
}

EditMemberCommand::EditMemberCommand(ProjectDocument *doc, int cls, int row, const Member &after)
    : m_doc(doc)
    , m_class(cls)
    , m_row(row)
    , m_after(after)
{
    const ClassDef &c = doc->schema().classes.at(cls);
    if (kindOf(after) == MemberKind::Column)
        m_before = c.columns.at(row);
    else
        m_before = c.relationships.at(row);
    setText(kindOf(after) == MemberKind::Column
                ? Tr::tr("Edit column %1.%2").arg(c.name, memberName(m_before))
                : Tr::tr("Edit relationship %1.%2").arg(c.name, memberName(m_before)));
}

void EditMemberCommand::apply(const Member &m)
{
    if (auto *c = std::get_if<ColumnDef>(&m))
        m_doc->setColumn(m_class, m_row, *c);
    else
        m_doc->setRelationship(m_class, m_row, std::get<RelationshipDef>(m));
}

void EditMemberCommand::redo()
{
    apply(m_after);
}

void EditMemberCommand::undo()
{
    apply(m_before);
}

MoveMemberCommand::MoveMemberCommand(ProjectDocument *doc, MemberKind kind, int cls, int from,
                                     int to)
    : m_doc(doc)
    , m_kind(kind)
    , m_class(cls)
    , m_from(from)
    , m_to(to)
{
    const ClassDef &c = doc->schema().classes.at(cls);
    const QString name
        = kind == MemberKind::Column ? c.columns.at(from).name : c.relationships.at(from).name;
    setText(Tr::tr("Move %1.%2").arg(c.name, name));
}

void MoveMemberCommand::redo()
{
    m_doc->moveMember(m_kind, m_class, m_from, m_to);
}

void MoveMemberCommand::undo()
{
    m_doc->moveMember(m_kind, m_class, m_to, m_from);
}

SetDatabaseCommand::SetDatabaseCommand(ProjectDocument *doc, const DatabaseSettings &settings)
    : ReplaceCommand(doc, doc->project().database, settings, Tr::tr("Change database"))
{
}

} // namespace ms
