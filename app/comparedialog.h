#pragma once

#include "live/verify.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTreeWidget;

namespace ms {

class ProjectDocument;

/// Session > Compare with SQLAlchemy: plays a scenario of the project on the
/// engine and on SQLAlchemy (the exported module) and shows the two traces
/// side by side, aligned step by step, with the events that differ
/// highlighted and the first difference selected.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    CompareDialog(ProjectDocument *doc, QWidget *parent = nullptr);

    /// Compares the scenario named @p name (the first when empty); false,
    /// with the message shown in the dialog, when it cannot.
    bool compare(const QString &name = QString());
    /// The summary line ("match: 8 steps" or where they differ).
    QString summary() const;
    QTreeWidget *table() const { return m_table; }

private:
    void show(const Verify::Comparison &c);

    ProjectDocument *m_doc;
    QComboBox *m_scenario;
    QLabel *m_summary;
    QTreeWidget *m_table;
};

} // namespace ms
