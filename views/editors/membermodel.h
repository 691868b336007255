#pragma once

#include "document/projectdocument.h"
#include "document/renaming.h"
#include "document/schemacommands.h"
#include "common/choicedelegate.h"

#include <QAbstractTableModel>
#include <QApplication>
#include <QColor>
#include <QStyle>
#include <QHash>

namespace ms {


inline const QList<ColumnDef> &membersOf(const ClassDef &c, const ColumnDef *)
{
    return c.columns;
}
inline const QList<RelationshipDef> &membersOf(const ClassDef &c, const RelationshipDef *)
{
    return c.relationships;
}

/// The signals of MemberModel (a template cannot declare them).
class MemberModelBase : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

Q_SIGNALS:
    /// An edit was not applied, and why: a rename to an empty name or to
    /// one the class already has (the member keeps its old name).
    void editRefused(const QString &message);
};

/// What ColumnsModel and RelationshipsModel share: a table over one list of
/// one class of a ProjectDocument. It keeps a copy of that list and changes
/// it between the begin/end calls when the document says a row was
/// inserted, removed, changed or moved, so that views see fine-grained
/// changes and never a reset (except when another class is shown). Problems
/// of the schema are attached to their cells as tooltips and a red tint.
/// The class is followed by its identity, so a rename, or a class inserted
/// or removed before it, leaves the model on the same class.
template<typename T> class MemberModel : public MemberModelBase
{
public:
    /// The index of the class shown, or -1.
    int classIndex() const { return m_doc->classIndex(m_class); }
    void setClassIndex(int index)
    {
        beginResetModel();
        m_class = m_doc->classId(index);
        reload();
        endResetModel();
    }
    const QList<T> &members() const { return m_members; }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_members.size());
    }

protected:
    MemberModel(ProjectDocument *doc, MemberKind kind, QObject *parent)
        : MemberModelBase(parent)
        , m_doc(doc)
        , m_kind(kind)
    {
        QObject::connect(doc, &ProjectDocument::memberInserted, this,
                         [this](MemberKind k, int cls, int row) {
                             if (k != m_kind || cls != classIndex())
                                 return;
                             beginInsertRows({}, row, row);
                             m_members.insert(row, fromDoc(row));
                             endInsertRows();
                         });
        QObject::connect(doc, &ProjectDocument::memberRemoved, this,
                         [this](MemberKind k, int cls, int row) {
                             if (k != m_kind || cls != classIndex())
                                 return;
                             beginRemoveRows({}, row, row);
                             m_members.removeAt(row);
                             endRemoveRows();
                         });
        QObject::connect(doc, &ProjectDocument::memberChanged, this,
                         [this](MemberKind k, int cls, int row) {
                             if (k != m_kind || cls != classIndex())
                                 return;
                             m_members[row] = fromDoc(row);
                             Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
                         });
        QObject::connect(doc, &ProjectDocument::memberMoved, this,
                         [this](MemberKind k, int cls, int from, int to) {
                             if (k != m_kind || cls != classIndex())
                                 return;
                             beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
                             m_members.move(from, to);
                             endMoveRows();
                         });
        QObject::connect(doc, &ProjectDocument::classRemoved, this, [this] {
            if (m_class != 0 && classIndex() < 0)
                setClassIndex(-1);
        });
        // A reset is another project (New, Open, a recovery): its classes
        // are new, and nothing is shown until one is chosen.
        QObject::connect(doc, &ProjectDocument::projectReset, this, [this] { setClassIndex(-1); });
        QObject::connect(doc, &ProjectDocument::problemsChanged, this,
                         [this] { updateProblems(); });
    }

    /// The model column that shows a problem about @p field ("type", "name").
    virtual int columnOfField(const QString &field) const = 0;

    QString problemAt(int row, int column) const { return m_problems.value({row, column}); }
    /// A cell with a problem: a red tint (BackgroundRole) and, in the first
    /// column, a warning icon (DecorationRole).
    QVariant problemDecoration(const QModelIndex &index, int role) const
    {
        if (problemAt(index.row(), index.column()).isEmpty())
            return {};
        if (role == Qt::BackgroundRole)
            return QColor(0xfd, 0xde, 0xdb);
        if (role == Qt::DecorationRole && index.column() == 0)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    }
    /// Pushes an edited copy of row @p row: a rename (what names the member
    /// follows it), or any other edit. A rename to a name that is empty or
    /// taken in the class is refused (editRefused()) and returns false.
    bool pushEdit(int row, const T &edited)
    {
        const T current = m_members.at(row); // a copy: the push below updates the row
        if (edited == current)
            return true;
        const int cls = classIndex();
        if (edited.name != current.name) {
            const QString problem = Renaming::attributeNameProblem(m_doc->schema(), cls,
                                                                   current.name, edited.name);
            if (!problem.isEmpty()) {
                Q_EMIT editRefused(
                    MemberModelBase::tr("%1: \"%2\" keeps its name.").arg(problem, current.name));
                return false;
            }
            T rest = edited;
            rest.name = current.name;
            m_doc->undoStack()->push(new RenameMemberCommand(m_doc, m_kind, cls, row, edited.name));
            if (rest != current) // one cell is edited at a time; never more than a rename
                m_doc->undoStack()->push(new EditMemberCommand(m_doc, cls, row, Member(rest)));
            return true;
        }
        m_doc->undoStack()->push(new EditMemberCommand(m_doc, cls, row, Member(edited)));
        return true;
    }

    ProjectDocument *m_doc;

private:
    const QList<T> &docMembers() const
    {
        return membersOf(m_doc->schema().classes.at(classIndex()), static_cast<const T *>(nullptr));
    }
    T fromDoc(int row) const { return docMembers().at(row); }
    void reload()
    {
        m_members.clear();
        if (classIndex() >= 0)
            m_members = docMembers();
        else
            m_class = 0;
        updateProblems(false); // inside a reset: the views ask anew afterwards
    }
    void updateProblems(bool notify = true)
    {
        QHash<QPair<int, int>, QString> problems;
        const int cls = classIndex();
        if (cls >= 0) {
            for (const Problem &p : m_doc->problems()) {
                const ProblemLocation at = ProblemLocation::of(p.path);
                const int row
                    = m_kind == MemberKind::Column ? at.columnIndex : at.relationshipIndex;
                if (at.classIndex != cls || row < 0 || row >= m_members.size())
                    continue;
                QString &text = problems[{row, columnOfField(at.field)}];
                if (!text.isEmpty())
                    text += QLatin1Char('\n');
                text += p.message
                    + (p.hint.isEmpty() ? QString()
                                        : QStringLiteral(" (") + p.hint + QLatin1Char(')'));
            }
        }
        if (problems == m_problems)
            return;
        m_problems = problems;
        if (notify && !m_members.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_members.size()) - 1, columnCount() - 1),
                               {Qt::ToolTipRole, Qt::BackgroundRole, Qt::DecorationRole});
    }

    MemberKind m_kind;
    ClassId m_class = 0;
    QList<T> m_members;
    QHash<QPair<int, int>, QString> m_problems;
};

} // namespace ms
