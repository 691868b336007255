#pragma once

#include <QListWidget>

namespace ms {

class ProjectDocument;

/// The Problems list: the document's problems, live, each with its path,
/// what is wrong and what to do; or one line saying there are none and the
/// model can be applied. The problems are Project::validate()'s, as
/// `mapperscope-cli validate` lists them: the schema's, the listeners' and
/// the scenarios'. Activating a problem names its place (problemActivated),
/// and its class when it has one.
class ProblemsList : public QListWidget
{
    Q_OBJECT
public:
    explicit ProblemsList(ProjectDocument *doc, QWidget *parent = nullptr);

Q_SIGNALS:
    /// The user activated a problem of class @p index (the schema's index).
    void classActivated(int index);
    /// Then, for a problem of a column or relationship (after classActivated()):
    void memberActivated(int column, int relationship);
    /// The user activated a problem of listener @p index (`listeners[2].target`).
    void listenerActivated(int index);
    /// ... of step @p step of scenario @p scenario (`scenarios[0].steps[3].ref`;
    /// @p step -1 for the scenario itself).
    void stepActivated(int scenario, int step);

private:
    void refresh();

    ProjectDocument *m_doc;
};

} // namespace ms
