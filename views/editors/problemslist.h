#pragma once

#include <QListWidget>

namespace ms {

class ProjectDocument;

/// The Problems list: the document's problems, live, each with its path,
/// what is wrong and what to do; or one line saying there are none and the
/// model can be applied. Activating a problem names its class.
class ProblemsList : public QListWidget
{
    Q_OBJECT
public:
    explicit ProblemsList(ProjectDocument *doc, QWidget *parent = nullptr);

Q_SIGNALS:
    /// The user activated a problem of class @p index (the schema's index).
    void classActivated(int index);

private:
    void refresh();

    ProjectDocument *m_doc;
};

} // namespace ms
