#include "problemslist.h"

#include "document/projectdocument.h"

#include <QRegularExpression>
#include <QStyle>

namespace ms {

namespace {
constexpr int PathRole = Qt::UserRole + 1;
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
        static const QRegularExpression re(
            QStringLiteral(R"(^(listeners|scenarios)\[(\d+)\](?:\.steps\[(\d+)\])?)"));
        const QRegularExpressionMatch m = re.match(path);
        if (!m.hasMatch())
            return;
        if (m.captured(1) == QLatin1String("listeners"))
            Q_EMIT listenerActivated(m.captured(2).toInt());
        else
            Q_EMIT stepActivated(m.captured(2).toInt(),
                                 m.captured(3).isEmpty() ? -1 : m.captured(3).toInt());
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
        item->setData(PathRole, p.path);
        item->setToolTip(p.toString()); // whole, however narrow the dock
    }
    if (problems.isEmpty()) {
        auto *item = new QListWidgetItem(
            tr("No problems: the model can be applied to the database."), this);
        item->setData(Qt::UserRole, -1);
    }
}

} // namespace ms
