#include "runsdialog.h"

#include "document/projectdocument.h"
#include "live/verify.h"
#include "orm/registry.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ms {

namespace {

/// The events of the engine's trace (TraceWriter's: every line one).
QList<QJsonObject> events(const QByteArray &trace)
{
    auto parsed = TraceDiff::parse(trace);
    return parsed ? *parsed : QList<QJsonObject>();
}

} // namespace

RunsDialog::RunsDialog(ProjectDocument *doc, QWidget *parent)
    : QDialog(parent)
    , m_doc(doc)
    , m_summary(new QLabel(this))
    , m_table(new QTreeWidget(this))
{
    setWindowTitle(tr("Compare Two Runs"));
    auto *grid = new QGridLayout;
    m_a = addSide(tr("Run &A"), grid, 0);
    m_b = addSide(tr("Run &B"), grid, 1);
    // the second run starts as the same scenario with the other expiry, a
    // comparison that shows something at once
    m_b.expire->setChecked(!doc->project().session.expireOnCommit);
    auto *run = new QPushButton(tr("&Compare"), this);
    run->setDefault(true);
    connect(run, &QPushButton::clicked, this, [this] { compare(runOf(m_a), runOf(m_b)); });
    grid->addWidget(run, 3, 1, Qt::AlignRight);

    m_summary->setText(tr("Choose two runs (two scenarios, or one under two settings) and press Compare: "
                          "each is played on a fresh in-memory database, then the traces are shown step by "
                          "step, the steps that differ highlighted."));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setColumnCount(4);
    m_table->setHeaderLabels({tr("Step"), QStringLiteral("A"), QStringLiteral("B"), tr("Statements A / B")});
    m_table->setUniformRowHeights(true);
    m_table->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(0, 110);
    m_table->setColumnWidth(1, 340);
    m_table->setColumnWidth(2, 340);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(960, 600);
}

RunsDialog::Side RunsDialog::addSide(const QString &title, QGridLayout *grid, int column)
{
    Side side {new QComboBox(this), new QCheckBox(tr("&Expire on commit"), this), new QComboBox(this)};
    auto *label = new QLabel(title, this);
    label->setBuddy(side.scenario);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    for (const Scenario &s : m_doc->project().scenarios)
        side.scenario->addItem(s.name);
    side.scenario->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    side.scenario->setMinimumContentsLength(20);
    side.expire->setChecked(m_doc->project().session.expireOnCommit);
    side.lazy->addItem(tr("relationships as drawn"), QString());
    for (const char *name : {"select", "joined", "selectin", "subquery"})
        side.lazy->addItem(tr("every relationship lazy=\"%1\"").arg(QLatin1String(name)), QLatin1String(name));
    auto *line = new QHBoxLayout;
    line->addWidget(side.expire);
    line->addWidget(side.lazy, 1);
    grid->addWidget(label, 0, column);
    grid->addWidget(side.scenario, 1, column);
    grid->addLayout(line, 2, column);
    return side;
}

RunsDialog::Run RunsDialog::runOf(const Side &side) const
{
    return Run {side.scenario->currentText(), side.expire->isChecked(), side.lazy->currentData().toString()};
}

bool RunsDialog::compare(const Run &a, const Run &b)
{
    m_table->clear();
    const Project &project = m_doc->project();
    auto fail = [this](const QString &message) {
        m_summary->setText(message);
        m_summary->setStyleSheet(QStringLiteral("color: #b00020;"));
        return false;
    };
    if (project.scenarios.isEmpty())
        return fail(tr("The project has no scenario to play."));
    if (auto mapped = Registry().map(project.schema); !mapped)
        return fail(tr("The model has problems: %1").arg(mapped.error().message));
    QList<QJsonObject> traces[2];
    const Run runs[2] = {a, b};
    const Side sides[2] = {m_a, m_b};
    QApplication::setOverrideCursor(Qt::WaitCursor);
    for (int i = 0; i < 2; ++i) {
        const Scenario *scenario = nullptr;
        for (const Scenario &s : project.scenarios)
            if (!scenario && (runs[i].scenario.isEmpty() || s.name == runs[i].scenario))
                scenario = &s;
        if (!scenario) {
            QApplication::restoreOverrideCursor();
            return fail(tr("There is no scenario named \"%1\".").arg(runs[i].scenario));
        }
        sides[i].scenario->setCurrentText(scenario->name);
        sides[i].expire->setChecked(runs[i].expireOnCommit);
        sides[i].lazy->setCurrentIndex(std::max(0, sides[i].lazy->findData(runs[i].lazy)));
        Project p = project;
        p.session.expireOnCommit = runs[i].expireOnCommit;
        if (!runs[i].lazy.isEmpty())
            for (ClassDef &c : p.schema.classes)
                for (RelationshipDef &r : c.relationships)
                    r.lazy = runs[i].lazy == QLatin1String("select") ? QString() : runs[i].lazy;
        traces[i] = events(Verify::engineTrace(p, *scenario));
    }
    QApplication::restoreOverrideCursor();
    show(TraceDiff::compare(traces[0], traces[1]));
    return true;
}

QString RunsDialog::summary() const
{
    return m_summary->text();
}

void RunsDialog::show(const TraceDiff &diff)
{
    const QBrush differs(QColor(255, 214, 214)), onlyA(QColor(255, 200, 200)), onlyB(QColor(200, 240, 200));
    QTreeWidgetItem *first = nullptr;
    for (const TraceDiff::Step &s : diff.steps()) {
        auto *step = new QTreeWidgetItem(
            m_table, {s.index < 0 ? tr("mapping") : tr("step %1").arg(s.index),
                      TraceDiff::label(s.labelA, s.failedA), TraceDiff::label(s.labelB, s.failedB), QStringLiteral("%1 / %2").arg(s.statementsA).arg(s.statementsB)});
        for (const TraceDiff::Line &l : s.lines) {
            auto *row = new QTreeWidgetItem(step);
            row->setText(0, l.kind == TraceDiff::Line::OnlyA   ? QStringLiteral("−")
                                : l.kind == TraceDiff::Line::OnlyB ? QStringLiteral("+")
                                                                   : QString());
            if (l.kind != TraceDiff::Line::OnlyB)
                row->setText(1, l.text);
            if (l.kind != TraceDiff::Line::OnlyA)
                row->setText(2, l.text);
            if (l.kind == TraceDiff::Line::OnlyA)
                row->setBackground(1, onlyA);
            if (l.kind == TraceDiff::Line::OnlyB)
                row->setBackground(2, onlyB);
            row->setToolTip(l.kind == TraceDiff::Line::OnlyB ? 2 : 1, l.text);
        }
        if (s.differs()) {
            for (int col = 0; col < 4; ++col)
                step->setBackground(col, differs);
            if (!first)
                first = step;
        }
    }
    m_summary->setStyleSheet(QString());
    m_summary->setText(tr("%1 of %2 steps differ; statements: %3 in A, %4 in B.")
                           .arg(diff.differing())
                           .arg(diff.steps().size())
                           .arg(diff.statementsA())
                           .arg(diff.statementsB()));
    if (first) {
        first->setExpanded(true);
        m_table->setCurrentItem(first);
        // its first event that differs in view (a step can have many the same before it)
        QTreeWidgetItem *line = first;
        for (int i = 0; i < first->childCount() && line == first; ++i)
            if (!first->child(i)->text(0).isEmpty())
                line = first->child(i);
        m_table->scrollToItem(first, QAbstractItemView::PositionAtTop);
        if (line != first)
            m_table->scrollToItem(line, QAbstractItemView::PositionAtCenter);
    }
}

} // namespace ms
