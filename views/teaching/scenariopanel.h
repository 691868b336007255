#pragma once

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace ms {

class ProjectDocument;
class SessionController;

/// The scenario player and recorder: the project's scenarios, the steps of
/// the chosen one (the next to play highlighted, played ones ticked, a
/// failure marked), Play at a chosen speed, Pause, Step one operation,
/// Restart on a fresh in-memory database; Record turns the user's actions
/// in the session workspace into a new scenario of the project.
///
/// Steps are played through the SessionController, as the user's own
/// actions are: each shows on the timeline as a user action followed by the
/// events it caused, and a pause listener stops inside it.
class ScenarioPanel : public QWidget
{
    Q_OBJECT
public:
    ScenarioPanel(ProjectDocument *doc, SessionController *controller, QWidget *parent = nullptr);

    QComboBox *scenarioBox() const { return m_scenario; }
    QComboBox *speedBox() const { return m_speed; }
    QListWidget *stepList() const { return m_steps; }
    QPushButton *recordButton() const { return m_record; }

    /// Selects the scenario named @p name; false when there is none.
    bool selectScenario(const QString &name);
    /// Shows step @p step of scenario @p scenario (indexes in the project),
    /// selected in the list (a problem's place); false when there is none.
    bool showStep(int scenario, int step);
    /// The index of the next step to play; the step count at the end.
    int nextStep() const { return m_next; }
    bool isPlaying() const { return m_timer.isActive() || m_playing; }

    /// Plays the next step; false at the end, or when a step failed that
    /// was not expected to (playing stops there).
    bool stepOnce();
    void play();
    void pause();
    /// A fresh in-memory SQLite database with the model applied, and the
    /// scenario from its first step.
    bool restart();
    /// Whether the session has run anything since it was started (a step,
    /// a played scenario, the user's actions): a scenario played from its
    /// first step then starts on a fresh database (restart()).
    bool sessionUsed() const { return m_used; }

    void startRecording();
    /// Stops recording and adds the recorded steps as a scenario named
    /// @p name (one undo step); asks for a name when empty. False when
    /// nothing was recorded or the user cancelled.
    bool stopRecording(const QString &name = QString());

Q_SIGNALS:
    /// Step @p index started playing (before its events fire).
    void stepStarted(int index);
    /// The scenario's last step was played (or playing stopped at a failure).
    void finished(bool ok);

private:
    void fillScenarios();
    void fillSteps();
    void updateState();
    void tick();
    /// Steps per second of the speed chosen; 0: as fast as possible.
    double speed() const;

    ProjectDocument *m_doc;
    SessionController *m_controller;
    QComboBox *m_scenario;
    QListWidget *m_steps;
    QComboBox *m_speed;
    QPushButton *m_play;
    QPushButton *m_pause;
    QPushButton *m_step;
    QPushButton *m_restart;
    QPushButton *m_record;
    QLabel *m_status;
    QTimer m_timer;
    int m_next = 0;
    bool m_playing = false;
    bool m_used = false; ///< the session ran something since it was started
    QString m_notice; ///< shown above the player's state until the scenario changes
};

} // namespace ms
