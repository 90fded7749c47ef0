// petition-kiosk-admin: the coordinators' command line. All logic is in admincommands.cpp.

#include "admincommands.h"
#include "core/platform.h"
#include "core/version.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral(KIOSK_APP_NAME));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    // A failure is one line on stderr; the store's own log lines are for the kiosk's log, or on request.
    if (!QCoreApplication::arguments().contains(QStringLiteral("--verbose")))
        QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*=false"));
    kiosk::platform::restrictNewFilesToOwner();
    kiosk::platform::disableCoreDumps(); // it may hold the coordinator's secret key
    QTextStream in(stdin);
    QTextStream out(stdout);
    QTextStream err(stderr);
    return kiosk::runAdminCommand(QCoreApplication::arguments(), in, out, err);
}
