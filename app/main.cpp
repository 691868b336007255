#include "commands/projectdocument.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Mapperscope"));
    QApplication::setApplicationVersion(QStringLiteral(MS_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Mapperscope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "See how an ORM works, one event at a time."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QApplication::translate("main", "Interface language: en or ru."),
                                  QStringLiteral("language"));
    parser.addOption(lang);
    parser.addPositionalArgument(QStringLiteral("PROJECT"),
                                 QApplication::translate("main", "A project file to open."),
                                 QStringLiteral("[PROJECT]"));
    parser.process(app);

    // --lang, else the language chosen in View > Language, else the system's.
    const QString chosen = QSettings().value(QStringLiteral("ui/language")).toString();
    const QLocale locale = parser.isSet(lang)    ? QLocale(parser.value(lang))
                           : !chosen.isEmpty() ? QLocale(chosen)
                                               : QLocale();
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(locale, QStringLiteral("mapperscope"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    ms::MainWindow window;
    window.show();
    window.offerRecovery();
    if (!parser.positionalArguments().isEmpty() && !window.document()->isModified())
        window.openProject(parser.positionalArguments().first());
    return app.exec();
}
