#include "relationshipdef.h"

#include <iterator>

namespace ms {

QString relationshipKindName(RelationshipKind kind)
{
    switch (kind) {
    case RelationshipKind::OneToMany:
        return QStringLiteral("one-to-many");
    case RelationshipKind::ManyToMany:
        return QStringLiteral("many-to-many");
    case RelationshipKind::ManyToOne:
        break;
    }
    return QStringLiteral("many-to-one");
}

std::optional<RelationshipKind> relationshipKindFromName(const QString &name)
{
    // one-to-one is a one-to-many that holds one object (uselist=False)
    if (name == QLatin1String("one-to-many") || name == QLatin1String("one-to-one"))
        return RelationshipKind::OneToMany;
    if (name == QLatin1String("many-to-one"))
        return RelationshipKind::ManyToOne;
    if (name == QLatin1String("many-to-many"))
        return RelationshipKind::ManyToMany;
    return std::nullopt;
}

QStringList relationshipKindNames()
{
    return {QStringLiteral("one-to-many"), QStringLiteral("many-to-one"), QStringLiteral("one-to-one"),
            QStringLiteral("many-to-many")};
}

namespace {
constexpr const char *kStrategyNames[] = {"select", "joined", "selectin", "subquery", "raise", "noload"};
} // namespace

QString loadStrategyName(LoadStrategy strategy)
{
    return QString::fromLatin1(kStrategyNames[int(strategy)]);
}

std::optional<LoadStrategy> loadStrategyFromName(const QString &name)
{
    for (int i = 0; i < int(std::size(kStrategyNames)); ++i) {
        if (name == QLatin1String(kStrategyNames[i]))
            return LoadStrategy(i);
    }
    return std::nullopt;
}

QStringList loadStrategyNames()
{
    QStringList names;
    for (const char *n : kStrategyNames)
        names << QString::fromLatin1(n);
    return names;
}

QStringList Cascade::knownWords()
{
    return {QStringLiteral("save-update"),   QStringLiteral("merge"),
            QStringLiteral("expunge"),       QStringLiteral("refresh-expire"),
            QStringLiteral("delete"),        QStringLiteral("delete-orphan"),
            QStringLiteral("all"),           QStringLiteral("none")};
}

Cascade Cascade::parse(const QString &text, QStringList *unknownWords)
{
    Cascade c;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        c.saveUpdate = c.merge = true;
        return c;
    }
    const auto words = trimmed.split(QLatin1Char(','));
    for (const QString &raw : words) {
        const QString w = raw.trimmed();
        if (w == QLatin1String("save-update"))
            c.saveUpdate = true;
        else if (w == QLatin1String("merge"))
            c.merge = true;
        else if (w == QLatin1String("expunge"))
            c.expunge = true;
        else if (w == QLatin1String("refresh-expire"))
            c.refreshExpire = true;
        else if (w == QLatin1String("delete"))
            c.deleteCascade = true;
        else if (w == QLatin1String("delete-orphan"))
            c.deleteOrphan = true;
        else if (w == QLatin1String("all"))
            c.saveUpdate = c.merge = c.expunge = c.refreshExpire = c.deleteCascade = true;
        else if (w == QLatin1String("none"))
            ;
        else if (unknownWords)
            unknownWords->append(w);
    }
    return c;
}

} // namespace ms
