#include "runsdialog.h"

#include "document/projectdocument.h"
#include "events/eventlog.h"
#include "live/verify.h"
#include "orm/registry.h"
#include "project/tracewriter.h"

#include <QBuffer>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

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

/// The list entries that are not scenarios (their item data).
const QString kWindow = QStringLiteral("@window");
const QString kFile = QStringLiteral("@file");

} // namespace

RunsDialog::RunsDialog(ProjectDocument *doc, QWidget *parent, const EventLog *windowLog)
    : QDialog(parent)
    , m_doc(doc)
    , m_windowLog(windowLog)
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
    // several sessions: against one session for every step
    if (doc->project().sessions.size() > 1) {
        m_b.expire->setChecked(doc->project().session.expireOnCommit);
        m_b.oneSession->setChecked(true);
    }
    auto *run = new QPushButton(tr("&Compare"), this);
    run->setDefault(true);
    connect(run, &QPushButton::clicked, this, [this] { compare(runOf(m_a), runOf(m_b)); });
    grid->addWidget(run, 4, 1, Qt::AlignRight);

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
    Side side {new QComboBox(this), new QCheckBox(tr("&Expire on commit"), this), new QComboBox(this),
               new QCheckBox(tr("One session for every step"), this)};
    side.oneSession->setToolTip(tr("Play the steps of every session in one session, against the sessions "
                                   "the project names"));
    side.oneSession->setVisible(m_doc->project().sessions.size() > 1);
    auto *label = new QLabel(title, this);
    label->setBuddy(side.scenario);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    for (const Scenario &s : m_doc->project().scenarios)
        side.scenario->addItem(s.name);
    // runs that are not played: the window's own events, a trace file
    if (m_windowLog)
        side.scenario->addItem(tr("(this window's events)"), kWindow);
    side.scenario->addItem(tr("(a trace file...)"), kFile);
    side.scenario->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    side.scenario->setMinimumContentsLength(20);
    side.expire->setChecked(m_doc->project().session.expireOnCommit);
    side.lazy->addItem(tr("relationships as drawn"), QString());
    for (const char *name : {"select", "joined", "selectin", "subquery"})
        side.lazy->addItem(tr("every relationship lazy=\"%1\"").arg(QLatin1String(name)), QLatin1String(name));
    auto *line = new QHBoxLayout;
    line->addWidget(side.expire);
    line->addWidget(side.lazy, 1);
    // the settings are a played run's: off for a trace; a file is asked for
    // when its entry is chosen
    const int index = column;
    // (the file entry stays chosen only with a file: a cancelled dialog
    // goes back to what was chosen before)
    connect(side.scenario, &QComboBox::activated, this, [this, index](int item) {
        Side &s = index == 0 ? m_a : m_b;
        if (s.scenario->itemData(item).toString() == kFile) {
            const QString path = QFileDialog::getOpenFileName(
                this, tr("Trace to Compare"), s.file, tr("Event traces (*.jsonl);;All files (*)"));
            if (!path.isEmpty())
                setFile(s, path);
            else if (s.file.isEmpty())
                s.scenario->setCurrentIndex(s.previous);
        }
        s.previous = s.scenario->currentIndex();
        enableSettings(s);
    });
    grid->addWidget(label, 0, column);
    grid->addWidget(side.scenario, 1, column);
    grid->addLayout(line, 2, column);
    grid->addWidget(side.oneSession, 3, column);
    return side;
}

void RunsDialog::enableSettings(Side &side)
{
    const bool played = side.scenario->currentData().toString().isEmpty();
    side.expire->setEnabled(played);
    side.lazy->setEnabled(played);
    side.oneSession->setEnabled(played);
}

void RunsDialog::setFile(Side &side, const QString &path)
{
    side.file = path;
    const int item = side.scenario->findData(kFile);
    side.scenario->setItemText(item, tr("trace %1").arg(QFileInfo(path).fileName()));
    side.scenario->setItemData(item, QDir::toNativeSeparators(path), Qt::ToolTipRole);
    side.scenario->setCurrentIndex(item);
}

RunsDialog::Run RunsDialog::runOf(const Side &side) const
{
    const QString kind = side.scenario->currentData().toString();
    Run run {kind.isEmpty() ? side.scenario->currentText() : QString(), side.expire->isChecked(),
             side.lazy->currentData().toString()};
    run.window = kind == kWindow;
    run.oneSession = !side.oneSession->isHidden() && side.oneSession->isChecked();
    if (kind == kFile)
        run.traceFile = side.file; // (chosen only with a file)
    return run;
}

Result<QList<QJsonObject>> RunsDialog::eventsOf(const Run &run, const Project &project)
{
    if (run.window) {
        if (!m_windowLog)
            return Error {tr("This window has recorded no events."), {}, {}};
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        if (auto written = TraceWriter::write(*m_windowLog, &buffer); !written)
            return written.error();
        auto events = TraceDiff::parse(buffer.data());
        // Apply's CREATE TABLEs: a played run's trace starts after its tables
        if (events)
            events->removeIf([](const QJsonObject &e) {
                return e.value(QLatin1String("source")).toString() == QLatin1String("ddl");
            });
        return events;
    }
    if (!run.traceFile.isEmpty()) {
        auto read = TraceDiff::read(run.traceFile);
        if (!read)
            return Error {QStringLiteral("%1: %2").arg(QFileInfo(run.traceFile).fileName(), read.error().message),
                          {}, {}};
        return read;
    }
    const Scenario *scenario = nullptr;
    for (const Scenario &s : project.scenarios)
        if (!scenario && (run.scenario.isEmpty() || s.name == run.scenario))
            scenario = &s;
    if (!scenario)
        return Error {tr("There is no scenario named \"%1\".").arg(run.scenario), {}, {}};
    Project p = project;
    Scenario played = *scenario;
    if (run.oneSession && !p.sessions.isEmpty()) {
        // one session against two: every step in one session, with the
        // first's options
        p.session = p.sessions.first().options(p.session);
        p.sessions.clear();
        for (Step &step : played.steps)
            step.session.clear();
    }
    p.session.expireOnCommit = run.expireOnCommit;
    if (!run.lazy.isEmpty())
        for (ClassDef &c : p.schema.classes)
            for (RelationshipDef &r : c.relationships)
                r.lazy = run.lazy == QLatin1String("select") ? QString() : run.lazy;
    return TraceDiff::parse(Verify::engineTrace(p, played));
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
    const Run runs[2] = {a, b};
    Side *sides[2] = {&m_a, &m_b};
    // a played side needs a scenario and a model that maps (checked once)
    if (runs[0].played() || runs[1].played()) {
        if (project.scenarios.isEmpty())
            return fail(tr("The project has no scenario to play."));
        if (auto mapped = Registry().map(project.schema); !mapped)
            return fail(tr("The model has problems: %1").arg(mapped.error().message));
    }
    QList<QJsonObject> traces[2];
    QApplication::setOverrideCursor(Qt::WaitCursor);
    for (int i = 0; i < 2; ++i) {
        // the lists show what is compared
        Side &side = *sides[i];
        if (runs[i].window) {
            side.scenario->setCurrentIndex(side.scenario->findData(kWindow));
        } else if (!runs[i].traceFile.isEmpty()) {
            setFile(side, runs[i].traceFile);
        } else {
            const int item = runs[i].scenario.isEmpty() ? 0 : side.scenario->findText(runs[i].scenario);
            if (item >= 0)
                side.scenario->setCurrentIndex(item);
            side.expire->setChecked(runs[i].expireOnCommit);
            side.oneSession->setChecked(runs[i].oneSession);
            side.lazy->setCurrentIndex(std::max(0, side.lazy->findData(runs[i].lazy)));
        }
        side.previous = side.scenario->currentIndex();
        enableSettings(side);
        auto events = eventsOf(runs[i], project);
        if (!events) {
            QApplication::restoreOverrideCursor();
            return fail(events.error().message);
        }
        traces[i] = *events;
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
