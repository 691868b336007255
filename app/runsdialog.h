#pragma once

#include "project/tracediff.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QTreeWidget;

namespace ms {

class EventLog;
class ProjectDocument;
struct Project;

/// Session > Compare Two Runs: plays two scenarios of the project, or one
/// scenario under two settings (expire on commit, every relationship's
/// loading strategy), each on a fresh in-memory database with the project's
/// listeners, and shows the two traces side by side aligned by step: each
/// step's labels and statement counts, the steps that differ highlighted,
/// and their events (only in A, only in B, the same) underneath. The
/// comparison is mapperscope-cli diff's (TraceDiff).
class RunsDialog : public QDialog
{
    Q_OBJECT
public:
    /// One run's settings.
    struct Run
    {
        QString scenario;       ///< empty: the first
        bool expireOnCommit = true;
        QString lazy;           ///< every relationship's strategy; empty: as drawn
        /// Not played: the events of a trace file (`*.jsonl`, as File >
        /// Export or mapperscope-cli run --trace write it) ...
        QString traceFile;
        /// ... or the events this window recorded so far.
        bool window = false;
        /// A project of several sessions played with one session for every
        /// step (the first's options): "one session against two".
        bool oneSession = false;
        /// Played on the engine (neither a trace file nor the window's events).
        bool played() const { return !window && traceFile.isEmpty(); }
    };

    /// With @p windowLog, either run can be the window's own events.
    RunsDialog(ProjectDocument *doc, QWidget *parent = nullptr, const EventLog *windowLog = nullptr);

    /// Plays @p a and @p b and shows the comparison; false, with the
    /// message shown, when it cannot (no scenario, a model with problems).
    bool compare(const Run &a, const Run &b);
    /// The summary line.
    QString summary() const;
    QTreeWidget *table() const { return m_table; }

private:
    struct Side
    {
        QComboBox *scenario;
        QCheckBox *expire;
        QComboBox *lazy;
        QCheckBox *oneSession; ///< shown when the project names several sessions
        QString file; ///< the trace file chosen in @c scenario
        int previous = 0; ///< what @c scenario showed before the file entry was picked
    };
    Side addSide(const QString &title, QGridLayout *grid, int column);
    /// The expiry and loading settings: on for a played run, off for a trace.
    void enableSettings(Side &side);
    /// The item of @p side's list that stands for a trace file shows @p path.
    void setFile(Side &side, const QString &path);
    Run runOf(const Side &side) const;
    /// The events of @p run: played (the model mapped already), read from
    /// its file or the window's.
    Result<QList<QJsonObject>> eventsOf(const Run &run, const Project &project);
    void show(const TraceDiff &diff);

    ProjectDocument *m_doc;
    const EventLog *m_windowLog;
    Side m_a;
    Side m_b;
    QLabel *m_summary;
    QTreeWidget *m_table;
};

} // namespace ms
