#include "document/projectdocument.h"
#include "language.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Mapperscope"));
    QApplication::setApplicationVersion(QStringLiteral(MS_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Mapperscope"));
    // The installed menu entry and icon (resources/desktop): Wayland matches
    // the window to the entry by this name; the icon comes from the theme.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.mapperscope.Mapperscope"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.mapperscope.Mapperscope")));

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

    ms::installLanguage(parser.value(lang));

    ms::MainWindow window;
    window.show();
    window.offerRecovery();
    if (!parser.positionalArguments().isEmpty() && !window.document()->isModified())
        window.openProject(parser.positionalArguments().first());
    return app.exec();
}
