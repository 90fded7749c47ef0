// petition-hub: the coordinators' hub. All logic is in hubcommands.cpp.

#include "core/platform.h"
#include "core/version.h"
#include "hubcommands.h"

#include <QGuiApplication>
#include <QLoggingCategory>
#include <QTextStream>

int main(int argc, char* argv[])
{
    // The report and the hand-in list are drawn with Qt Gui; the hub never shows a window, so it needs no display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("petition-hub"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    if (!QCoreApplication::arguments().contains(QStringLiteral("--verbose")))
        QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*=false"));
    kiosk::platform::restrictNewFilesToOwner();
    kiosk::platform::disableCoreDumps(); // it holds the coordinator's secret key, and names in clear
    QTextStream in(stdin);
    QTextStream out(stdout);
    QTextStream err(stderr);
    return kiosk::hub::runHubCommand(QCoreApplication::arguments(), in, out, err);
}
