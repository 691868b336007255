#include "problemslist.h"

#include "document/projectdocument.h"

#include <QStyle>

namespace ms {

ProblemsList::ProblemsList(ProjectDocument *doc, QWidget *parent)
    : QListWidget(parent)
    , m_doc(doc)
{
    setObjectName(QStringLiteral("problems"));
    connect(doc, &ProjectDocument::problemsChanged, this, &ProblemsList::refresh);
    connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int cls = item->data(Qt::UserRole).toInt();
        if (cls >= 0)
            Q_EMIT classActivated(cls);
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
        item->setData(Qt::UserRole, ProblemLocation::of(p.path).classIndex);
    }
    if (problems.isEmpty()) {
        auto *item = new QListWidgetItem(
            tr("No problems: the model can be applied to the database."), this);
        item->setData(Qt::UserRole, -1);
    }
}

} // namespace ms
