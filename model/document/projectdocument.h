#pragma once

#include "core/result.h"
#include "project/project.h"

#include <QObject>
#include <QPointF>

#include <optional>

class QUndoStack;

namespace ms {

/// Which list of a class a member edit concerns.
enum class MemberKind { Column, Relationship };

/// A class's identity inside a ProjectDocument: it stays the same through
/// renames, edits and the undo and redo of a removal, and is never given to
/// another class. 0 is no class. (The file names classes; identities live
/// only as long as the document.)
using ClassId = quint32;

/// The project being edited: its value, the file it came from, and the undo
/// stack every edit goes through. Views read project() and follow the
/// signals; they change it only by pushing the commands of this folder,
/// whose redo()/undo() call the primitive edits below. The document is
/// modified while the undo stack is not at its clean index.
///
/// Diagram positions live in the project's view state:
/// `view.diagram.positions = {"User": [x, y], ...}`.
class ProjectDocument : public QObject
{
    Q_OBJECT
public:
    explicit ProjectDocument(QObject *parent = nullptr);
    ~ProjectDocument() override;

    const Project &project() const { return m_project; }
    const Schema &schema() const { return m_project.schema; }
    QUndoStack *undoStack() const { return m_undo; }
    /// Project::validate() of the current project, kept up to date: it is
    /// computed once per change, before schemaChanged()/databaseChanged().
    const Problems &problems() const { return m_problems; }

    /// The file the project was read from or last saved to; empty when untitled.
    QString path() const { return m_path; }
    /// The project's name, else its file name, else "Untitled".
    QString displayName() const;
    bool isModified() const;

    /// Starts over with @p project (undo history cleared, not modified).
    void reset(const Project &project, const QString &path = QString());
    /// Reads @p path; on failure the document is left as it was.
    Result<void> open(const QString &path);
    /// Writes the project to @p path (atomically) and marks it saved there.
    Result<void> saveAs(const QString &path);
    /// Marks the document modified outside the undo stack (a restored recovery).
    void setModifiedOutsideUndo(bool modified);

    /// The identity of class @p index, or 0 for an index out of range.
    ClassId classId(int index) const;
    /// Where the class with identity @p id is now, or -1 when it is gone.
    int classIndex(ClassId id) const;

    std::optional<QPointF> position(const QString &className) const;
    QHash<QString, QPointF> positions() const;

    // Primitive edits, for the commands in this folder. Each emits its own
    // signal and then schemaChanged() (or positionsChanged()).
    /// Inserts @p cls with identity @p id (0: a new one; an undone removal
    /// passes the identity the class had).
    void insertClass(int index, const ClassDef &cls, ClassId id = 0);
    void removeClass(int index);
    void setClassTable(int index, const QString &table);
    void insertColumn(int cls, int row, const ColumnDef &column);
    void insertRelationship(int cls, int row, const RelationshipDef &rel);
    void removeMember(MemberKind kind, int cls, int row);
    void setColumn(int cls, int row, const ColumnDef &column);
    void setRelationship(int cls, int row, const RelationshipDef &rel);
    void moveMember(MemberKind kind, int cls, int from, int to);
    void setPositions(const QHash<QString, std::optional<QPointF>> &positions);
    /// Replaces the whole project (commands that touch many places: a
    /// rename). When @p project has the same classes, columns and
    /// relationships in the same places, classes keep their identities and
    /// only what changed is signalled (classChanged(), memberChanged(),
    /// listenersChanged(), ...); otherwise it is a projectReset().
    void replaceProject(const Project &project);
    void setDatabase(const DatabaseSettings &settings);
    void setListeners(const QList<ListenerDef> &listeners);
    void setScenarios(const QList<Scenario> &scenarios);

Q_SIGNALS:
    /// Everything may have changed: views rebuild.
    void projectReset();
    void classInserted(int index);
    void classRemoved(int index);
    void classChanged(int index);
    void memberInserted(ms::MemberKind kind, int cls, int row);
    void memberRemoved(ms::MemberKind kind, int cls, int row);
    void memberChanged(ms::MemberKind kind, int cls, int row);
    void memberMoved(ms::MemberKind kind, int cls, int from, int to);
    void positionsChanged(const QStringList &classNames);
    void databaseChanged();
    /// The project's listeners changed (also after a reset).
    void listenersChanged();
    /// The project's scenarios changed (also after a reset).
    void scenariosChanged();
    /// After any change of the schema (including a reset).
    void schemaChanged();
    /// problems() was computed anew (after any change that can alter it:
    /// the schema, the listeners, the scenarios, the database).
    void problemsChanged();
    void modifiedChanged(bool modified);
    void pathChanged(const QString &path);

private:
    void emitModified();
    void emitSchemaChanged();
    void revalidate();
    ClassId newClassId() { return ++m_lastClassId; }

    Project m_project;
    QList<ClassId> m_classIds; ///< parallel to m_project.schema.classes
    ClassId m_lastClassId = 0;
    Problems m_problems;
    QString m_path;
    QUndoStack *m_undo;
    bool m_modifiedOutsideUndo = false;
    bool m_lastModified = false;
};

} // namespace ms
