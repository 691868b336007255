#include "problem.h"

#include <QRegularExpression>

namespace ms {

QString Problem::toString() const
{
    QString text = path.isEmpty() ? message : path + QStringLiteral(": ") + message;
    if (!hint.isEmpty())
        text += QStringLiteral(" (") + hint + QLatin1Char(')');
    return text;
}

ProblemLocation ProblemLocation::of(const QString &path)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^classes\[(\d+)\](?:\.(columns|relationships)\[(\d+)\])?(?:\.(\w+))?)"));
    static const QRegularExpression outside(
        QStringLiteral(R"(^(listeners|scenarios)\[(\d+)\](?:\.steps\[(\d+)\])?)"));
    ProblemLocation where;
    const QRegularExpressionMatch m = re.match(path);
    if (!m.hasMatch()) {
        if (const QRegularExpressionMatch o = outside.match(path); o.hasMatch()) {
            if (o.captured(1) == QLatin1String("listeners")) {
                where.listenerIndex = o.captured(2).toInt();
            } else {
                where.scenarioIndex = o.captured(2).toInt();
                if (!o.captured(3).isEmpty())
                    where.stepIndex = o.captured(3).toInt();
            }
        }
        return where;
    }
    where.classIndex = m.captured(1).toInt();
    if (m.captured(2) == QLatin1String("columns"))
        where.columnIndex = m.captured(3).toInt();
    else if (!m.captured(2).isEmpty())
        where.relationshipIndex = m.captured(3).toInt();
    where.field = m.captured(4);
    return where;
}

} // namespace ms
