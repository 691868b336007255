#include "cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mapperscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MS_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Mapperscope"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    ms::Cli cli(out, err);
    return cli.run(QCoreApplication::arguments());
}
