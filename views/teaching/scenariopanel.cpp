#include "scenariopanel.h"

#include "document/projectdocument.h"
#include "document/schemacommands.h"
#include "live/sessioncontroller.h"
#include "live/workbench.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QUndoStack>
#include <QVBoxLayout>

namespace ms {

ScenarioPanel::ScenarioPanel(ProjectDocument *doc, SessionController *controller, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_controller(controller)
    , m_scenario(new QComboBox(this))
    , m_steps(new QListWidget(this))
    , m_speed(new QComboBox(this))
    , m_play(new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Play"), this))
    , m_pause(new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), tr("Pa&use"), this))
    , m_step(new QPushButton(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("&Step"), this))
    , m_restart(
          new QPushButton(style()->standardIcon(QStyle::SP_MediaSkipBackward), tr("&Restart"), this))
    , m_record(new QPushButton(tr("&Record"), this))
    , m_status(new QLabel(this))
{
    m_scenario->setObjectName(QStringLiteral("scenario"));
    m_steps->setObjectName(QStringLiteral("steps"));
    m_speed->setObjectName(QStringLiteral("speed"));
    m_record->setObjectName(QStringLiteral("record"));
    m_record->setCheckable(true);
    m_record->setToolTip(tr("Record your actions in the session workspace as a new scenario"));
    m_restart->setToolTip(tr("A fresh in-memory database with the model applied, from the first step"));
    m_step->setToolTip(tr("Play the next step"));
    m_speed->addItem(tr("1 step in 2 s"), 0.5);
    m_speed->addItem(tr("1 step/s"), 1.0);
    m_speed->addItem(tr("2 steps/s"), 2.0);
    m_speed->addItem(tr("5 steps/s"), 5.0);
    m_speed->addItem(tr("as fast as possible"), 0.0);
    m_speed->setCurrentIndex(1);
    m_status->setObjectName(QStringLiteral("playerStatus"));
    m_status->setWordWrap(true);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ScenarioPanel::tick);

    connect(m_scenario, &QComboBox::currentIndexChanged, this, [this] {
        m_next = 0;
        m_notice.clear();
        fillSteps();
    });
    connect(m_play, &QPushButton::clicked, this, &ScenarioPanel::play);
    connect(m_pause, &QPushButton::clicked, this, &ScenarioPanel::pause);
    connect(m_step, &QPushButton::clicked, this, [this] { (void)stepOnce(); });
    connect(m_restart, &QPushButton::clicked, this, [this] { (void)restart(); });
    connect(m_record, &QPushButton::toggled, this, [this](bool on) {
        if (on == m_controller->isRecording())
            return;
        if (on)
            startRecording();
        else if (!stopRecording())
            updateState();
    });
    connect(m_doc, &ProjectDocument::scenariosChanged, this, &ScenarioPanel::fillScenarios);
    connect(m_controller, &SessionController::recordingChanged, this, &ScenarioPanel::updateState);
    connect(m_controller, &SessionController::sessionReplaced, this, [this] {
        // a new apply (or Restart): nothing has run in it yet
        m_used = false;
        updateState();
    });
    // Any action, the user's or a step's, changes what the next scenario
    // would start from.
    connect(m_controller, &SessionController::succeeded, this, [this] { m_used = true; });
    connect(m_controller, &SessionController::failed, this, [this] { m_used = true; });

    auto *top = new QHBoxLayout;
    top->addWidget(m_scenario, 1);
    top->addWidget(m_speed);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_play, m_pause, m_step, m_restart})
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(m_record);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_steps, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    fillScenarios();
}

bool ScenarioPanel::selectScenario(const QString &name)
{
    const int i = m_scenario->findText(name);
    if (i < 0)
        return false;
    m_scenario->setCurrentIndex(i);
    return true;
}

bool ScenarioPanel::showStep(int scenario, int step)
{
    if (scenario < 0 || scenario >= m_scenario->count() || isPlaying())
        return false;
    m_scenario->setCurrentIndex(scenario);
    if (QListWidgetItem *item = m_steps->item(step)) {
        m_steps->setCurrentItem(item);
        m_steps->scrollToItem(item);
    }
    m_steps->setFocus();
    return true;
}

void ScenarioPanel::fillScenarios()
{
    const QString previous = m_scenario->currentText();
    {
        const QSignalBlocker block(m_scenario);
        m_scenario->clear();
        for (const Scenario &s : m_doc->project().scenarios)
            m_scenario->addItem(s.name);
        m_scenario->setCurrentIndex(std::max(0, m_scenario->findText(previous)));
    }
    if (m_scenario->currentText() != previous)
        m_next = 0;
    fillSteps();
}

void ScenarioPanel::fillSteps()
{
    m_steps->clear();
    const int s = m_scenario->currentIndex();
    if (s >= 0 && s < m_doc->project().scenarios.size()) {
        const QList<Step> &steps = m_doc->project().scenarios[s].steps;
        for (int i = 0; i < steps.size(); ++i)
            m_steps->addItem(QStringLiteral("%1. %2").arg(i + 1).arg(steps[i].text()));
    }
    updateState();
}

void ScenarioPanel::updateState()
{
    const int count = m_steps->count();
    const bool session = m_controller->session();
    const bool recording = m_controller->isRecording();
    for (int i = 0; i < count; ++i) {
        QListWidgetItem *item = m_steps->item(i);
        QFont f = item->font();
        f.setBold(i == m_next);
        item->setFont(f);
        if (i >= m_next && item->data(Qt::UserRole).toBool() == false)
            item->setIcon(QIcon());
    }
    if (m_next < count)
        m_steps->setCurrentRow(m_next);
    m_play->setEnabled(session && m_next < count && !isPlaying() && !recording);
    m_pause->setEnabled(isPlaying());
    m_step->setEnabled(session && m_next < count && !isPlaying() && !recording);
    m_restart->setEnabled(!isPlaying() && !recording && count > 0);
    m_scenario->setEnabled(!isPlaying());
    {
        const QSignalBlocker block(m_record);
        m_record->setChecked(recording);
    }
    m_record->setText(recording ? tr("Stop &Recording (%1)").arg(m_controller->recordedSteps())
                                : tr("&Record"));
    QString state;
    if (recording)
        state = tr("Recording: every action in the session workspace becomes a step.");
    else if (count > 0)
        state = m_next < count ? tr("Next: step %1 of %2.").arg(m_next + 1).arg(count)
                               : tr("All %1 steps played.").arg(count);
    m_status->setText(m_notice.isEmpty() ? state
                      : state.isEmpty()  ? m_notice
                                         : m_notice + QLatin1Char('\n') + state);
}

double ScenarioPanel::speed() const
{
    return m_speed->currentData().toDouble();
}

bool ScenarioPanel::stepOnce()
{
    const int s = m_scenario->currentIndex();
    if (s < 0 || s >= m_doc->project().scenarios.size())
        return false;
    const QList<Step> &steps = m_doc->project().scenarios[s].steps;
    if (m_next >= steps.size())
        return false;
    if (m_next == 0 && m_used) {
        // A scenario starts from an empty database: objects and rows of
        // an earlier scenario (or of the user's actions) would make its
        // steps fail (a UNIQUE constraint, a label taken).
        if (!restart())
            return false;
        m_notice = tr("Scenario \"%1\" starts on a fresh in-memory SQLite database: the "
                      "session had been used.")
                       .arg(m_scenario->currentText());
        updateState();
    }
    const Step step = steps[m_next];
    const int index = m_next;
    const bool expectError = step.expectError;
    m_playing = true;
    Q_EMIT stepStarted(index);
    const Result<void> r = m_controller->run(step);
    m_playing = false;
    const bool ok = bool(r) != expectError;
    if (QListWidgetItem *item = m_steps->item(index)) {
        item->setIcon(style()->standardIcon(ok ? QStyle::SP_DialogApplyButton
                                               : QStyle::SP_MessageBoxCritical));
        item->setData(Qt::UserRole, true);
    }
    if (ok)
        m_next = index + 1;
    updateState();
    if (!ok) {
        m_timer.stop();
        m_status->setText(expectError
                              ? tr("Step %1 was expected to fail and did not.").arg(index + 1)
                              : tr("Step %1 failed: %2").arg(index + 1).arg(r.error().message));
        Q_EMIT finished(false);
    } else if (m_next >= steps.size()) {
        Q_EMIT finished(true);
    }
    return ok;
}

void ScenarioPanel::play()
{
    if (m_next >= m_steps->count())
        return;
    m_timer.start(0);
    updateState();
}

void ScenarioPanel::tick()
{
    if (m_controller->workbench()->isBusy()) {
        // Another operation is under way (paused, or running while its
        // heartbeat turns the event loop): the next step waits for it.
        m_timer.start(50);
        return;
    }
    if (!stepOnce() || m_next >= m_steps->count()) {
        updateState();
        return;
    }
    const double perSecond = speed();
    m_timer.start(perSecond > 0 ? int(1000.0 / perSecond) : 0);
    updateState();
}

void ScenarioPanel::pause()
{
    m_timer.stop();
    updateState();
}

bool ScenarioPanel::restart()
{
    m_timer.stop();
    Workbench *bench = m_controller->workbench();
    DatabaseSettings memory;
    memory.driver = QStringLiteral("QSQLITE");
    memory.name = QStringLiteral(":memory:");
    auto connected = bench->connectTo(memory);
    auto applied = connected ? bench->apply(m_doc->project()) : Result<void>(connected.error());
    m_next = 0;
    for (int i = 0; i < m_steps->count(); ++i) {
        m_steps->item(i)->setIcon(QIcon());
        m_steps->item(i)->setData(Qt::UserRole, false);
    }
    updateState();
    if (!applied) {
        m_notice = tr("Cannot restart: %1").arg(applied.error().message);
        updateState();
        return false;
    }
    m_notice = tr("Restarted on a fresh in-memory SQLite database.");
    updateState();
    return true;
}

void ScenarioPanel::startRecording()
{
    m_timer.stop();
    // What was done before the recording is not in it: a scenario that
    // uses those objects fails when played on its own.
    m_notice = m_used ? tr("The session already holds what was done before: the recorded steps "
                           "may refer to it. Restart first for a scenario that plays on its own.")
                      : QString();
    m_controller->startRecording();
}

bool ScenarioPanel::stopRecording(const QString &name)
{
    if (!m_controller->isRecording())
        return false;
    QString chosen = name;
    if (chosen.isEmpty()) {
        QStringList taken;
        for (const Scenario &s : m_doc->project().scenarios)
            taken << s.name;
        QString proposal;
        for (int n = 1; proposal.isEmpty() || taken.contains(proposal); ++n)
            proposal = tr("recorded %1").arg(n);
        bool ok = false;
        chosen = QInputDialog::getText(this, tr("Recorded Scenario"), tr("Name of the scenario:"),
                                       QLineEdit::Normal, proposal, &ok);
        if (!ok || chosen.trimmed().isEmpty()) {
            m_notice.clear();
            m_controller->stopRecording(QString());
            return false;
        }
    }
    const Scenario recorded = m_controller->stopRecording(chosen.trimmed());
    m_notice.clear();
    if (recorded.steps.isEmpty()) {
        m_status->setText(tr("Nothing was recorded."));
        return false;
    }
    QList<Scenario> scenarios = m_doc->project().scenarios;
    scenarios << recorded;
    m_doc->undoStack()->push(new SetScenariosCommand(m_doc, scenarios, tr("Record scenario")));
    selectScenario(recorded.name);
    m_next = int(recorded.steps.size()); // what was recorded has been played
    updateState();
    return true;
}

} // namespace ms
