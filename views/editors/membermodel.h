#pragma once

#include "commands/projectdocument.h"
#include "commands/schemacommands.h"

#include <QAbstractTableModel>
#include <QApplication>
#include <QColor>
#include <QStyle>
#include <QHash>

namespace ms {

/// The item role under which a cell offers a list of choices (a QStringList)
/// for ChoiceDelegate's combo box.
constexpr int ChoicesRole = Qt::UserRole + 1;
/// Whether the cell's combo box accepts text of the user's own (a bool).
constexpr int FreeTextRole = Qt::UserRole + 2;

inline const QList<ColumnDef> &membersOf(const ClassDef &c, const ColumnDef *)
{
    return c.columns;
}
inline const QList<RelationshipDef> &membersOf(const ClassDef &c, const RelationshipDef *)
{
    return c.relationships;
}

/// What ColumnsModel and RelationshipsModel share: a table over one list of
/// one class of a ProjectDocument. It keeps a copy of that list and changes
/// it between the begin/end calls when the document says a row was
/// inserted, removed, changed or moved, so that views see fine-grained
/// changes and never a reset (except when another class is shown). Problems
/// of the schema are attached to their cells as tooltips and a red tint.
template<typename T> class MemberModel : public QAbstractTableModel
{
public:
    int classIndex() const { return m_class; }
    void setClassIndex(int index)
    {
        beginResetModel();
        m_class = index;
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
        : QAbstractTableModel(parent)
        , m_doc(doc)
        , m_kind(kind)
    {
        QObject::connect(doc, &ProjectDocument::memberInserted, this,
                         [this](MemberKind k, int cls, int row) {
                             if (k != m_kind || cls != m_class)
                                 return;
                             beginInsertRows({}, row, row);
                             m_members.insert(row, fromDoc(row));
                             endInsertRows();
                         });
        QObject::connect(doc, &ProjectDocument::memberRemoved, this,
                         [this](MemberKind k, int cls, int row) {
                             if (k != m_kind || cls != m_class)
                                 return;
                             beginRemoveRows({}, row, row);
                             m_members.removeAt(row);
                             endRemoveRows();
                         });
        QObject::connect(doc, &ProjectDocument::memberChanged, this,
                         [this](MemberKind k, int cls, int row) {
                             if (k != m_kind || cls != m_class)
                                 return;
                             m_members[row] = fromDoc(row);
                             Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
                         });
        QObject::connect(doc, &ProjectDocument::memberMoved, this,
                         [this](MemberKind k, int cls, int from, int to) {
                             if (k != m_kind || cls != m_class)
                                 return;
                             beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
                             m_members.move(from, to);
                             endMoveRows();
                         });
        QObject::connect(doc, &ProjectDocument::classInserted, this, [this](int index) {
            if (m_class >= index)
                ++m_class;
        });
        QObject::connect(doc, &ProjectDocument::classRemoved, this, [this](int index) {
            if (m_class == index)
                setClassIndex(-1);
            else if (m_class > index)
                --m_class;
        });
        QObject::connect(doc, &ProjectDocument::projectReset, this, [this] {
            setClassIndex(m_class < m_doc->schema().classes.size() ? m_class : -1);
        });
        QObject::connect(doc, &ProjectDocument::schemaChanged, this, [this] { updateProblems(); });
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
    /// Pushes an edited copy of row @p row.
    void pushEdit(int row, const T &edited)
    {
        if (edited == m_members.at(row))
            return;
        m_doc->undoStack()->push(new EditMemberCommand(m_doc, m_class, row, Member(edited)));
    }

    ProjectDocument *m_doc;

private:
    const QList<T> &docMembers() const
    {
        return membersOf(m_doc->schema().classes.at(m_class), static_cast<const T *>(nullptr));
    }
    T fromDoc(int row) const { return docMembers().at(row); }
    void reload()
    {
        m_members.clear();
        if (m_class >= 0 && m_class < m_doc->schema().classes.size())
            m_members = docMembers();
        updateProblems();
    }
    void updateProblems()
    {
        QHash<QPair<int, int>, QString> problems;
        if (m_class >= 0) {
            for (const Problem &p : m_doc->problems()) {
                const ProblemLocation at = ProblemLocation::of(p.path);
                const int row
                    = m_kind == MemberKind::Column ? at.columnIndex : at.relationshipIndex;
                if (at.classIndex != m_class || row < 0 || row >= m_members.size())
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
        if (!m_members.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_members.size()) - 1, columnCount() - 1),
                               {Qt::ToolTipRole, Qt::BackgroundRole, Qt::DecorationRole});
    }

    MemberKind m_kind;
    int m_class = -1;
    QList<T> m_members;
    QHash<QPair<int, int>, QString> m_problems;
};

} // namespace ms
