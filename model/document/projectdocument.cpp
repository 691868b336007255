#include "projectdocument.h"

#include "project/projectfile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QUndoStack>

namespace ms {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ProjectDocument)
};

const QLatin1String diagramKey("diagram");
const QLatin1String positionsKey("positions");

} // namespace

ProjectDocument::ProjectDocument(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this, &ProjectDocument::emitModified);
}

ProjectDocument::~ProjectDocument() = default;

QString ProjectDocument::displayName() const
{
    if (!m_project.name.isEmpty())
        return m_project.name;
    if (!m_path.isEmpty())
        return QFileInfo(m_path).completeBaseName();
    return Tr::tr("Untitled");
}

bool ProjectDocument::isModified() const
{
    return m_modifiedOutsideUndo || !m_undo->isClean();
}

void ProjectDocument::revalidate()
{
    // Validated once per change here rather than by each view that shows it.
    m_problems = m_project.validate();
    Q_EMIT problemsChanged();
}

void ProjectDocument::emitSchemaChanged()
{
    revalidate();
    Q_EMIT schemaChanged();
}

ClassId ProjectDocument::classId(int index) const
{
    return m_classIds.value(index, 0);
}

int ProjectDocument::classIndex(ClassId id) const
{
    return id == 0 ? -1 : int(m_classIds.indexOf(id));
}

void ProjectDocument::emitModified()
{
    const bool now = isModified();
    if (now != m_lastModified) {
        m_lastModified = now;
        Q_EMIT modifiedChanged(now);
    }
}

void ProjectDocument::reset(const Project &project, const QString &path)
{
    m_undo->clear();
    m_project = project;
    m_classIds.clear();
    for (qsizetype i = 0; i < project.schema.classes.size(); ++i)
        m_classIds.append(newClassId());
    m_modifiedOutsideUndo = false;
    if (m_path != path) {
        m_path = path;
        Q_EMIT pathChanged(path);
    }
    Q_EMIT projectReset();
    emitSchemaChanged();
    Q_EMIT databaseChanged();
    Q_EMIT listenersChanged();
    Q_EMIT scenariosChanged();
    emitModified();
}

Result<void> ProjectDocument::open(const QString &path)
{
    auto loaded = ProjectFile::read(path);
    if (!loaded)
        return loaded.error();
    reset(*loaded, QFileInfo(path).absoluteFilePath());
    return {};
}

Result<void> ProjectDocument::saveAs(const QString &path)
{
    if (auto written = ProjectFile::write(m_project, path); !written)
        return written;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (m_path != absolute) {
        m_path = absolute;
        Q_EMIT pathChanged(absolute);
    }
    m_modifiedOutsideUndo = false;
    m_undo->setClean();
    emitModified();
    return {};
}

void ProjectDocument::setModifiedOutsideUndo(bool modified)
{
    m_modifiedOutsideUndo = modified;
    emitModified();
}

std::optional<QPointF> ProjectDocument::position(const QString &className) const
{
    const QJsonArray xy = m_project.view.value(diagramKey)
                              .toObject()
                              .value(positionsKey)
                              .toObject()
                              .value(className)
                              .toArray();
    if (xy.size() != 2 || !xy.at(0).isDouble() || !xy.at(1).isDouble())
        return std::nullopt;
    return QPointF(xy.at(0).toDouble(), xy.at(1).toDouble());
}

QHash<QString, QPointF> ProjectDocument::positions() const
{
    QHash<QString, QPointF> result;
    for (const ClassDef &c : m_project.schema.classes) {
        if (auto p = position(c.name))
            result.insert(c.name, *p);
    }
    return result;
}

void ProjectDocument::insertClass(int index, const ClassDef &cls, ClassId id)
{
    Q_ASSERT(id == 0 || !m_classIds.contains(id));
    m_project.schema.classes.insert(index, cls);
    m_classIds.insert(index, id != 0 ? id : newClassId());
    Q_EMIT classInserted(index);
    emitSchemaChanged();
}

void ProjectDocument::removeClass(int index)
{
    m_project.schema.classes.removeAt(index);
    m_classIds.removeAt(index);
    Q_EMIT classRemoved(index);
    emitSchemaChanged();
}

void ProjectDocument::setClassTable(int index, const QString &table)
{
    m_project.schema.classes[index].table = table;
    Q_EMIT classChanged(index);
    emitSchemaChanged();
}

void ProjectDocument::insertColumn(int cls, int row, const ColumnDef &column)
{
    m_project.schema.classes[cls].columns.insert(row, column);
    Q_EMIT memberInserted(MemberKind::Column, cls, row);
    emitSchemaChanged();
}

void ProjectDocument::insertRelationship(int cls, int row, const RelationshipDef &rel)
{
    m_project.schema.classes[cls].relationships.insert(row, rel);
    Q_EMIT memberInserted(MemberKind::Relationship, cls, row);
    emitSchemaChanged();
}

void ProjectDocument::removeMember(MemberKind kind, int cls, int row)
{
    ClassDef &c = m_project.schema.classes[cls];
    if (kind == MemberKind::Column)
        c.columns.removeAt(row);
    else
        c.relationships.removeAt(row);
    Q_EMIT memberRemoved(kind, cls, row);
    emitSchemaChanged();
}

void ProjectDocument::setColumn(int cls, int row, const ColumnDef &column)
{
    m_project.schema.classes[cls].columns[row] = column;
    Q_EMIT memberChanged(MemberKind::Column, cls, row);
    emitSchemaChanged();
}

void ProjectDocument::setRelationship(int cls, int row, const RelationshipDef &rel)
{
    m_project.schema.classes[cls].relationships[row] = rel;
    Q_EMIT memberChanged(MemberKind::Relationship, cls, row);
    emitSchemaChanged();
}

void ProjectDocument::moveMember(MemberKind kind, int cls, int from, int to)
{
    ClassDef &c = m_project.schema.classes[cls];
    if (kind == MemberKind::Column)
        c.columns.move(from, to);
    else
        c.relationships.move(from, to);
    Q_EMIT memberMoved(kind, cls, from, to);
    emitSchemaChanged();
}

void ProjectDocument::setPositions(const QHash<QString, std::optional<QPointF>> &positions)
{
    QJsonObject diagram = m_project.view.value(diagramKey).toObject();
    QJsonObject stored = diagram.value(positionsKey).toObject();
    for (auto it = positions.begin(); it != positions.end(); ++it) {
        if (it.value())
            stored.insert(it.key(), QJsonArray {it.value()->x(), it.value()->y()});
        else
            stored.remove(it.key());
    }
    // Empty objects are dropped, so that undoing the first move gives back
    // the very view state the file had.
    if (stored.isEmpty())
        diagram.remove(positionsKey);
    else
        diagram.insert(positionsKey, stored);
    if (diagram.isEmpty())
        m_project.view.remove(diagramKey);
    else
        m_project.view.insert(diagramKey, diagram);
    Q_EMIT positionsChanged(positions.keys());
}

void ProjectDocument::replaceProject(const Project &project)
{
    const Project old = std::exchange(m_project, project);
    const auto &before = old.schema.classes;
    const auto &after = project.schema.classes;
    bool sameShape = before.size() == after.size();
    for (qsizetype i = 0; sameShape && i < before.size(); ++i) {
        sameShape = before[i].columns.size() == after[i].columns.size()
            && before[i].relationships.size() == after[i].relationships.size();
    }
    if (!sameShape) {
        m_classIds.clear();
        for (qsizetype i = 0; i < after.size(); ++i)
            m_classIds.append(newClassId());
        Q_EMIT projectReset();
        emitSchemaChanged();
        Q_EMIT databaseChanged();
        Q_EMIT listenersChanged();
        Q_EMIT scenariosChanged();
        return;
    }
    // The same classes in the same places (a rename): say what changed, so
    // that views keep their boxes, rows and selections.
    for (int c = 0; c < int(after.size()); ++c) {
        const ClassDef &b = before[c];
        const ClassDef &a = after[c];
        if (a.name != b.name || a.table != b.table || a.extra != b.extra)
            Q_EMIT classChanged(c);
        for (int r = 0; r < int(a.columns.size()); ++r) {
            if (a.columns[r] != b.columns[r])
                Q_EMIT memberChanged(MemberKind::Column, c, r);
        }
        for (int r = 0; r < int(a.relationships.size()); ++r) {
            if (a.relationships[r] != b.relationships[r])
                Q_EMIT memberChanged(MemberKind::Relationship, c, r);
        }
    }
    if (old.view != project.view) {
        QStringList names;
        for (const ClassDef &c : before)
            names.append(c.name);
        for (const ClassDef &c : after)
            names.append(c.name);
        names.removeDuplicates();
        Q_EMIT positionsChanged(names);
    }
    emitSchemaChanged();
    if (old.database != project.database)
        Q_EMIT databaseChanged();
    if (old.listeners != project.listeners)
        Q_EMIT listenersChanged();
    if (old.scenarios != project.scenarios)
        Q_EMIT scenariosChanged();
}

void ProjectDocument::setListeners(const QList<ListenerDef> &listeners)
{
    m_project.listeners = listeners;
    revalidate();
    Q_EMIT listenersChanged();
}

void ProjectDocument::setScenarios(const QList<Scenario> &scenarios)
{
    m_project.scenarios = scenarios;
    revalidate();
    Q_EMIT scenariosChanged();
}

void ProjectDocument::setDatabase(const DatabaseSettings &settings)
{
    m_project.database = settings;
    revalidate();
    Q_EMIT databaseChanged();
}

} // namespace ms
