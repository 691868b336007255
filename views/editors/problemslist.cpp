#include "problemslist.h"

#include "document/projectdocument.h"

#include <QStyle>

namespace ms {

namespace {
constexpr int PathRole = Qt::UserRole;
}

ProblemsList::ProblemsList(ProjectDocument *doc, QWidget *parent)
    : QListWidget(parent)
    , m_doc(doc)
{
    setObjectName(QStringLiteral("problems"));
    connect(doc, &ProjectDocument::problemsChanged, this, &ProblemsList::refresh);
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString path = item->data(PathRole).toString();
        if (path.isEmpty())
            return;
        const ProblemLocation at = ProblemLocation::of(path);
        if (at.classIndex >= 0) {
            Q_EMIT classActivated(at.classIndex);
            if (at.columnIndex >= 0 || at.relationshipIndex >= 0)
                Q_EMIT memberActivated(at.columnIndex, at.relationshipIndex);
            return;
        }
        if (at.listenerIndex >= 0)
            Q_EMIT listenerActivated(at.listenerIndex);
        else if (at.scenarioIndex >= 0)
            Q_EMIT stepActivated(at.scenarioIndex, at.stepIndex);
    });
    refresh();
}

void ProblemsList::refresh()
{
    clear();
    const Problems &problems = m_doc->problems();
    for (const Problem &p : problems) {
        auto *item = new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxWarning),
                                         p.toString(), this);
        item->setData(PathRole, p.path);
        item->setToolTip(p.toString()); // whole, however narrow the dock
    }
    if (problems.isEmpty()) {
        new QListWidgetItem(tr("No problems: the model can be applied to the database."), this);
    }
}

} // namespace ms
