#include "comparedialog.h"

#include "document/projectdocument.h"
#include "orm/registry.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ms {

CompareDialog::CompareDialog(ProjectDocument *doc, QWidget *parent)
    : QDialog(parent)
    , m_doc(doc)
    , m_scenario(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_table(new QTreeWidget(this))
{
    setWindowTitle(tr("Compare with SQLAlchemy"));
    auto *top = new QHBoxLayout;
    auto *label = new QLabel(tr("&Scenario:"), this);
    label->setBuddy(m_scenario);
    top->addWidget(label);
    for (const Scenario &s : doc->project().scenarios)
        m_scenario->addItem(s.name);
    m_scenario->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scenario->setMinimumContentsLength(24);
    top->addWidget(m_scenario, 1);
    auto *run = new QPushButton(tr("&Compare"), this);
    top->addWidget(run);
    connect(run, &QPushButton::clicked, this, [this] { compare(m_scenario->currentText()); });

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setColumnCount(3);
    m_table->setHeaderLabels({tr("Step"), tr("SQLAlchemy 1.4"), tr("Mapperscope")});
    m_table->setAlternatingRowColors(true);
    m_table->setUniformRowHeights(true);
    m_table->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setColumnWidth(0, 170);
    m_table->setColumnWidth(1, 330);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(900, 560);
}

bool CompareDialog::compare(const QString &name)
{
    m_table->clear();
    const Project &project = m_doc->project();
    const Scenario *scenario = nullptr;
    for (const Scenario &s : project.scenarios)
        if (!scenario && (name.isEmpty() || s.name == name))
            scenario = &s;
    auto fail = [this](const QString &message) {
        m_summary->setText(message);
        m_summary->setStyleSheet(QStringLiteral("color: #b00020;"));
        return false;
    };
    if (!scenario)
        return fail(project.scenarios.isEmpty() ? tr("The project has no scenario to compare.")
                                                : tr("There is no scenario named \"%1\".").arg(name));
    m_scenario->setCurrentText(scenario->name);
    if (auto mapped = Registry().map(project.schema); !mapped)
        return fail(tr("The model has problems: %1").arg(mapped.error().message));
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto python = Verify::findPython();
    const auto c = python ? Verify::compare(project, *scenario, *python)
                          : Result<Verify::Comparison>(python.error());
    QApplication::restoreOverrideCursor();
    if (!c)
        return fail(c.error().message);
    show(*c);
    return true;
}

QString CompareDialog::summary() const
{
    return m_summary->text();
}

void CompareDialog::show(const Verify::Comparison &c)
{
    using namespace tracecompare;
    const TraceSteps &sa = c.sqlalchemy, &engine = c.engine;
    auto text = [](const TraceEntry &e) {
        QStringList words;
        for (const QString &w : e)
            if (!w.isEmpty())
                words << w;
        return words.join(QLatin1Char(' '));
    };
    const QBrush differs(QColor(255, 214, 214));
    QTreeWidgetItem *first = nullptr;
    for (qsizetype i = 0; i < std::max(sa.size(), engine.size()); ++i) {
        const QString name = i < sa.size() ? sa[i].first : engine[i].first;
        const QList<TraceEntry> a = i < sa.size() ? sa[i].second : QList<TraceEntry>();
        const QList<TraceEntry> b = i < engine.size() ? engine[i].second : QList<TraceEntry>();
        auto *step = new QTreeWidgetItem(m_table, {name, tr("events: %1").arg(a.size()),
                                                   tr("events: %1").arg(b.size())});
        const bool same = a == b && i < sa.size() && i < engine.size() && sa[i].first == engine[i].first;
        for (qsizetype r = 0; r < std::max(a.size(), b.size()); ++r) {
            auto *row = new QTreeWidgetItem(step, {QString(), r < a.size() ? text(a[r]) : QString(),
                                                   r < b.size() ? text(b[r]) : QString()});
            if (r >= a.size() || r >= b.size() || a[r] != b[r])
                for (int col = 0; col < 3; ++col)
                    row->setBackground(col, differs);
        }
        if (!same) {
            for (int col = 0; col < 3; ++col)
                step->setBackground(col, differs);
            if (!first)
                first = step;
        }
    }
    if (first) {
        m_summary->setText(tr("They differ: %1").arg(c.difference.value_or(QString())));
        m_summary->setStyleSheet(QStringLiteral("color: #b00020;"));
        first->setExpanded(true);
        m_table->setCurrentItem(first);
        m_table->scrollToItem(first, QAbstractItemView::PositionAtTop);
    } else {
        m_summary->setText(tr("Match: SQLAlchemy fires the same hooks in the same order in every "
                              "step (%1 steps, compared as trace_compare.py does).")
                               .arg(c.steps));
        m_summary->setStyleSheet(QString());
    }
}

} // namespace ms
