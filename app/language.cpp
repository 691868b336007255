#include "language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace ms {

namespace {

const QString languageKey = QStringLiteral("ui/language");

} // namespace

QString installLanguage(const QString &requested)
{
    const QString chosen = QSettings().value(languageKey).toString();
    const QLocale locale = !requested.isEmpty() ? QLocale(requested)
        : !chosen.isEmpty()                     ? QLocale(chosen)
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

LanguageMenu::LanguageMenu(const QString &title, QWidget *parent)
    : QMenu(title, parent)
{
    auto *group = new QActionGroup(this);
    const QString current = QSettings().value(languageKey).toString();
    const QList<QPair<QString, QString>> languages {
        {QString(), tr("System Default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("ru"), QStringLiteral("Русский")}};
    for (const auto &[code, name] : languages) {
        QAction *a = addAction(name);
        a->setCheckable(true);
        a->setChecked(code == current);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code = code] {
            QSettings().setValue(languageKey, code);
            QMessageBox::information(parentWidget(), tr("Language"),
                                     tr("The language changes at the next start of Mapperscope."));
        });
    }
}

} // namespace ms
