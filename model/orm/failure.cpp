#include "failure.h"

namespace ms {

QString databaseErrorKind(const Error &error)
{
    if (!error.kind.isEmpty())
        return error.kind;
    static const char *const integrity[] = {"constraint", "unique", "not null", "foreign key",
                                            "violates", "duplicate key"};
    const QString lower = error.message.toLower();
    for (const char *word : integrity) {
        if (lower.contains(QLatin1String(word)))
            return sa::kIntegrity;
    }
    return sa::kOperational;
}

} // namespace ms
