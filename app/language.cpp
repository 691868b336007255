#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace ms {

QString installLanguage(const QString &requested)
{
    const QString chosen = QSettings().value(QStringLiteral("ui/language")).toString();
    const QLocale locale = !requested.isEmpty() ? QLocale(requested)
                           : !chosen.isEmpty()  ? QLocale(chosen)
                                                : QLocale();
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(QCoreApplication::instance());
    if (own->load(locale, QStringLiteral("mapperscope"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    return locale.name().section(QLatin1Char('_'), 0, 0);
}

} // namespace ms
