#include "classeditor.h"

#include "common/choicedelegate.h"
#include "columnsmodel.h"
#include "document/projectdocument.h"
#include "document/renaming.h"
#include "document/schemacommands.h"
#include "relationshipsmodel.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QKeyEvent>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace ms {

namespace {

QString freshName(const QString &stem, const QStringList &taken)
{
    for (int n = 1;; ++n) {
        const QString name = stem + QString::number(n);
        if (!taken.contains(name))
            return name;
    }
}

QStringList attributeNames(const ClassDef &c)
{
    QStringList names;
    for (const ColumnDef &col : c.columns)
        names.append(col.name);
    for (const RelationshipDef &r : c.relationships)
        names.append(r.name);
    return names;
}

/// The place of the Class dock's notes: three lines tall whatever they
/// say (longer ones scroll), so that they never move the tables.
class NoteArea : public QScrollArea
{
public:
    QSize sizeHint() const override
    {
        return {QScrollArea::sizeHint().width(), 3 * fontMetrics().lineSpacing() + 6};
    }
    QSize minimumSizeHint() const override { return {0, fontMetrics().lineSpacing()}; }
};

} // namespace

RelationshipDef ClassEditor::proposedRelationship(const Schema &schema, int index)
{
    const ClassDef &c = schema.classes.at(index);
    const QList<ResolvedRelationship> existing = schema.relationshipsOf(index);
    QStringList taken = attributeNames(c);
    for (const ResolvedRelationship &r : existing)
        taken << r.name; // the backrefs other classes give this one
    // Whether a relationship of the class (its own or a backref) already
    // goes along column @p column of class @p holder.
    auto used = [&](int holder, const QString &column) {
        const ClassDef &h = schema.classes.at(holder);
        const int col = int(std::find_if(h.columns.cbegin(), h.columns.cend(),
                                         [&](const ColumnDef &d) { return d.name == column; })
                            - h.columns.cbegin());
        return std::any_of(existing.cbegin(), existing.cend(), [&](const ResolvedRelationship &r) {
            return r.foreignKey.classIndex == holder && r.foreignKey.columns.contains(col);
        });
    };
    auto named = [&](const QString &stem) {
        return taken.contains(stem) ? freshName(stem, taken) : stem;
    };
    RelationshipDef rel;
    // The first foreign key no relationship follows yet: a many-to-one to
    // the class it references, named after the column (author_id: author).
    for (const ColumnDef &col : c.columns) {
        if (!col.isForeignKey() || schema.classIndex(col.references) < 0 || used(index, col.name))
            continue;
        rel.kindName = relationshipKindName(RelationshipKind::ManyToOne);
        rel.target = col.references;
        rel.foreignKey = col.name;
        QString stem = col.name;
        if (stem.size() > 3 && stem.endsWith(QLatin1String("_id")))
            stem.chop(3);
        else
            stem = col.references.toLower();
        rel.name = named(stem);
        return rel;
    }
    // Else the first class whose foreign key references this one: a
    // one-to-many to it (posts).
    for (int o = 0; o < schema.classes.size(); ++o) {
        const ClassDef &other = schema.classes.at(o);
        if (o == index)
            continue;
        for (const ColumnDef &col : other.columns) {
            if (col.references != c.name || used(o, col.name))
                continue;
            rel.kindName = relationshipKindName(RelationshipKind::OneToMany);
            rel.target = other.name;
            rel.foreignKey = col.name;
            rel.name = named(other.name.toLower() + QLatin1Char('s'));
            return rel;
        }
    }
    // No foreign key to follow: a many-to-one to the class itself, for the
    // user to complete (the Problems list says what it lacks).
    rel.name = freshName(QStringLiteral("relation"), taken);
    rel.kindName = relationshipKindName(RelationshipKind::ManyToOne);
    rel.target = c.name;
    return rel;
}

ClassEditor::ClassEditor(ProjectDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_columns(new ColumnsModel(doc, this))
    , m_relationships(new RelationshipsModel(doc, this))
    , m_stack(new QStackedWidget(this))
    , m_name(new QLineEdit(this))
    , m_table(new QLineEdit(this))
    , m_problems(new QLabel(this))
    , m_refusal(new QLabel(this))
    , m_columnsView(new QTableView(this))
    , m_relationshipsView(new QTableView(this))
{
    auto *empty
        = new QLabel(tr("Select a class on the diagram, or add one with Edit > Add Class."));
    empty->setWordWrap(true);
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false);

    auto *editor = new QWidget;
    auto *form = new QFormLayout;
    m_name->setObjectName(QStringLiteral("className"));
    m_table->setObjectName(QStringLiteral("classTable"));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Table:"), m_table);
    // Below the tables, so that a note appearing never moves the rows
    // under the pointer.
    for (QLabel *note : {m_refusal, m_problems}) {
        note->setWordWrap(true);
        note->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        note->setTextInteractionFlags(Qt::TextSelectableByMouse);
        note->hide();
    }
    m_refusal->setObjectName(QStringLiteral("refusal"));
    m_problems->setObjectName(QStringLiteral("classProblems"));

    m_columnsView->setModel(m_columns);
    m_relationshipsView->setModel(m_relationships);
    for (QTableView *view : {m_columnsView, m_relationshipsView}) {
        view->setItemDelegate(new ChoiceDelegate(view));
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSelectionMode(QAbstractItemView::SingleSelection);
        view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                              | QAbstractItemView::AnyKeyPressed);
        view->verticalHeader()->hide();
        view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    }

    auto *layout = new QVBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(memberSection(
                          tr("Columns"), m_columnsView, tr("Add a column"), [this] { addColumn(); },
                          int(MemberKind::Column)),
                      3);
    layout->addWidget(memberSection(
                          tr("Relationships"), m_relationshipsView, tr("Add a relationship"),
                          [this] { addRelationship(); }, int(MemberKind::Relationship)),
                      2);
    // The notes have a place of their own below the tables, as tall as
    // three lines whether they show or not (longer ones scroll): a note
    // appearing never moves or shrinks the rows under the pointer.
    auto *notes = new QWidget;
    auto *notesLayout = new QVBoxLayout(notes);
    notesLayout->setContentsMargins(0, 0, 0, 0);
    notesLayout->addWidget(m_refusal);
    notesLayout->addWidget(m_problems);
    notesLayout->addStretch();
    auto *noteArea = new NoteArea;
    noteArea->setObjectName(QStringLiteral("classNotes"));
    noteArea->setWidget(notes);
    noteArea->setWidgetResizable(true);
    noteArea->setFrameShape(QFrame::NoFrame);
    noteArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // as tall as three lines, less only in a dock too short for them
    noteArea->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    layout->addWidget(noteArea);

    m_stack->addWidget(empty);
    m_stack->addWidget(editor);
    auto *outer = new QVBoxLayout(this);
    outer->addWidget(m_stack);

    connect(m_name, &QLineEdit::editingFinished, this, &ClassEditor::commitName);
    connect(m_table, &QLineEdit::editingFinished, this, &ClassEditor::commitTable);
    m_name->installEventFilter(this); // Escape: the old name back
    connect(doc, &ProjectDocument::schemaChanged, this, &ClassEditor::refresh);
    connect(doc, &ProjectDocument::problemsChanged, this, &ClassEditor::refresh);
    connect(doc, &ProjectDocument::projectReset, this, [this] { setClassIndex(-1); });
    for (MemberModelBase *model : {static_cast<MemberModelBase *>(m_columns),
                                   static_cast<MemberModelBase *>(m_relationships)})
        connect(model, &MemberModelBase::editRefused, this, &ClassEditor::showRefusal);
    setClassIndex(-1);
}

QWidget *ClassEditor::memberSection(const QString &title, QTableView *view, const QString &addTip,
                                    const std::function<void()> &add, int kind)
{
    auto *section = new QWidget;
    auto *layout = new QVBoxLayout(section);
    layout->setContentsMargins(0, 6, 0, 0);
    auto *bar = new QHBoxLayout;
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()));
    bar->addWidget(label);
    bar->addStretch();
    auto button = [&](const QString &text, const QString &tip, QStyle::StandardPixmap icon,
                      const std::function<void()> &what) {
        auto *b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        b->setIcon(style()->standardIcon(icon));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, what);
        bar->addWidget(b);
        return b;
    };
    button(tr("Add"), addTip, QStyle::SP_FileDialogNewFolder, add);
    button(tr("Remove"), tr("Remove the selected row"), QStyle::SP_TrashIcon,
           [this, kind] { removeSelected(kind); });
    button(tr("Up"), tr("Move the selected row up"), QStyle::SP_ArrowUp,
           [this, kind] { moveSelected(kind, -1); });
    button(tr("Down"), tr("Move the selected row down"), QStyle::SP_ArrowDown,
           [this, kind] { moveSelected(kind, +1); });
    layout->addLayout(bar);
    layout->addWidget(view);
    return section;
}

int ClassEditor::classIndex() const
{
    return m_doc->classIndex(m_class);
}

QString ClassEditor::refusal() const
{
    return m_refusal->text();
}

void ClassEditor::setClassIndex(int index)
{
    m_class = m_doc->classId(index);
    m_refusedName.reset();
    m_columns->setClassIndex(index);
    m_relationships->setClassIndex(index);
    showRefusal({});
    refresh();
}

void ClassEditor::showRefusal(const QString &message)
{
    m_refusal->setText(message.isEmpty() ? QString() : QStringLiteral("\u26a0 ") + message);
    m_refusal->setVisible(!message.isEmpty());
}

void ClassEditor::refresh()
{
    const int index = classIndex();
    if (index < 0) {
        m_class = 0;
        m_refusedName.reset();
        m_stack->setCurrentIndex(0);
        return;
    }
    m_stack->setCurrentIndex(1);
    if (!m_refusedName)
        showRefusal({}); // a refused table edit is old news once something changed
    const ClassDef &c = m_doc->schema().classes.at(index);
    // A refused name stays in the field until it is fixed or given up.
    const QString shown = m_refusedName.value_or(c.name);
    if (m_name->text() != shown)
        m_name->setText(shown);
    m_name->setStyleSheet(m_refusedName ? QStringLiteral("QLineEdit { background: #fddedb; }")
                                        : QString());
    m_name->setToolTip(m_refusedName ? m_refusal->text() : QString());
    if (!m_table->hasFocus() || m_table->text() != c.table)
        m_table->setText(c.table);
    m_table->setPlaceholderText(c.name.toLower());

    QStringList problems;
    for (const Problem &p : m_doc->problems()) {
        const ProblemLocation at = ProblemLocation::of(p.path);
        if (at.classIndex == index && at.columnIndex < 0 && at.relationshipIndex < 0)
            problems.append(QStringLiteral("\u26a0 ") + p.message
                            + (p.hint.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(p.hint)));
    }
    m_problems->setText(problems.join(QLatin1Char('\n')));
    m_problems->setVisible(!problems.isEmpty());
}

void ClassEditor::commitName()
{
    const int index = classIndex();
    if (index < 0)
        return;
    const QString name = m_name->text().trimmed();
    const QString current = m_doc->schema().classes.at(index).name;
    if (name == current) {
        if (m_refusedName) {
            m_refusedName.reset();
            showRefusal({});
            refresh();
        }
        return;
    }
    if (const QString problem = Renaming::classNameProblem(m_doc->schema(), index, name);
        !problem.isEmpty()) {
        m_refusedName = m_name->text();
        showRefusal(tr("%1: the class keeps its name \"%2\" (Escape puts it back).")
                        .arg(problem, current));
        refresh();
        return;
    }
    m_refusedName.reset();
    showRefusal({});
    m_doc->undoStack()->push(new RenameClassCommand(m_doc, index, name));
}

bool ClassEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_name && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape && m_refusedName) {
        revertName();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ClassEditor::revertName()
{
    m_refusedName.reset();
    showRefusal({});
    const int index = classIndex();
    if (index >= 0)
        m_name->setText(m_doc->schema().classes.at(index).name);
    refresh();
}

void ClassEditor::commitTable()
{
    const int index = classIndex();
    if (index < 0)
        return;
    const QString table = m_table->text().trimmed();
    if (table == m_doc->schema().classes.at(index).table)
        return;
    m_doc->undoStack()->push(new SetClassTableCommand(m_doc, index, table));
}

void ClassEditor::addColumn()
{
    const int index = classIndex();
    if (index < 0)
        return;
    const ClassDef &c = m_doc->schema().classes.at(index);
    ColumnDef column;
    column.name = freshName(QStringLiteral("column"), attributeNames(c));
    const int row = int(c.columns.size());
    m_doc->undoStack()->push(new AddMemberCommand(m_doc, index, row, column));
    m_columnsView->setCurrentIndex(m_columns->index(row, ColumnsModel::Name));
}

void ClassEditor::addRelationship()
{
    const int index = classIndex();
    if (index < 0)
        return;
    const ClassDef &c = m_doc->schema().classes.at(index);
    const RelationshipDef rel = proposedRelationship(m_doc->schema(), index);
    const int row = int(c.relationships.size());
    m_doc->undoStack()->push(new AddMemberCommand(m_doc, index, row, rel));
    m_relationshipsView->setCurrentIndex(m_relationships->index(row, RelationshipsModel::Name));
}

void ClassEditor::selectMember(int column, int relationship)
{
    QTableView *view = column >= 0 ? m_columnsView : m_relationshipsView;
    const int row = column >= 0 ? column : relationship;
    if (row < 0 || row >= view->model()->rowCount())
        return;
    const QModelIndex at = view->model()->index(row, 0);
    view->setCurrentIndex(at);
    view->scrollTo(at);
    view->setFocus();
}

void ClassEditor::removeSelected(int kind)
{
    QTableView *view = kind == int(MemberKind::Column) ? m_columnsView : m_relationshipsView;
    const QModelIndex current = view->currentIndex();
    if (classIndex() < 0 || !current.isValid())
        return;
    m_doc->undoStack()->push(
        new RemoveMemberCommand(m_doc, MemberKind(kind), classIndex(), current.row()));
}

void ClassEditor::moveSelected(int kind, int delta)
{
    QTableView *view = kind == int(MemberKind::Column) ? m_columnsView : m_relationshipsView;
    const QModelIndex current = view->currentIndex();
    if (classIndex() < 0 || !current.isValid())
        return;
    const int to = current.row() + delta;
    if (to < 0 || to >= view->model()->rowCount())
        return;
    m_doc->undoStack()->push(
        new MoveMemberCommand(m_doc, MemberKind(kind), classIndex(), current.row(), to));
    view->setCurrentIndex(view->model()->index(to, current.column()));
}

} // namespace ms
