#include "screensaverinhibitor.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#ifdef KIOSK_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusInterface>
#include <QDBusReply>
#endif

Q_LOGGING_CATEGORY(lcScreenSaver, "kiosk.screensaver", QtInfoMsg)

namespace kiosk {

#ifdef KIOSK_HAVE_DBUS
namespace {
const QString kService = QStringLiteral("org.freedesktop.ScreenSaver");
const QString kPath = QStringLiteral("/org/freedesktop/ScreenSaver");
} // namespace

ScreenSaverInhibitor::ScreenSaverInhibitor(const QString& reason)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCInfo(lcScreenSaver) << "no session bus: the screen saver cannot be held off from here";
        return;
    }
    QDBusInterface screenSaver(kService, kPath, kService, bus);
    const QDBusReply<unsigned> reply
        = screenSaver.call(QStringLiteral("Inhibit"), QCoreApplication::applicationName(), reason);
    if (!reply.isValid()) {
        qCInfo(lcScreenSaver) << "screen saver not inhibited:" << reply.error().message();
        return;
    }
    m_cookie = reply.value();
    qCInfo(lcScreenSaver) << "screen blanking inhibited";
}

ScreenSaverInhibitor::~ScreenSaverInhibitor()
{
    if (!m_cookie)
        return;
    QDBusInterface screenSaver(kService, kPath, kService, QDBusConnection::sessionBus());
    screenSaver.call(QStringLiteral("UnInhibit"), m_cookie);
}

#else
// A Qt without D-Bus (Windows, macOS): the system's own power settings must keep the screen on. See docs/installing.md,
// "Other systems".
ScreenSaverInhibitor::ScreenSaverInhibitor(const QString&)
{
    qCInfo(lcScreenSaver) << "no D-Bus in this build: set the system's power settings to keep the screen on";
}

ScreenSaverInhibitor::~ScreenSaverInhibitor() = default;
#endif

} // namespace kiosk
