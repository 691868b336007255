#include "problem.h"

namespace ms {

QString Problem::toString() const
{
    QString text = path.isEmpty() ? message : path + QStringLiteral(": ") + message;
    if (!hint.isEmpty())
        text += QStringLiteral(" (") + hint + QLatin1Char(')');
    return text;
}

} // namespace ms
