#include "powerwatch.h"

#include <QLoggingCategory>
#include <QTimer>
#ifdef KIOSK_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusInterface>
#include <QDBusReply>
#include <QDBusVariant>
#endif

Q_LOGGING_CATEGORY(lcPower, "kiosk.power", QtInfoMsg)

namespace kiosk {

#ifdef KIOSK_HAVE_DBUS
namespace {
const QString kService = QStringLiteral("org.freedesktop.UPower");
const QString kPath = QStringLiteral("/org/freedesktop/UPower");
const QString kDisplayDevice = QStringLiteral("/org/freedesktop/UPower/devices/DisplayDevice");
const QString kDevice = QStringLiteral("org.freedesktop.UPower.Device");
const QString kProperties = QStringLiteral("org.freedesktop.DBus.Properties");
constexpr uint BatteryType = 2; // UPower's device type for a battery
} // namespace
#endif

PowerWatch::PowerWatch(QObject* parent, int intervalMs)
    : QObject(parent)
{
    m_timer = new QTimer(this);
    m_timer->setInterval(intervalMs);
    connect(m_timer, &QTimer::timeout, this, &PowerWatch::poll);
    m_timer->start();
#ifdef KIOSK_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::systemBus();
    if (bus.isConnected()) {
        for (const QString& path : { kPath, kDisplayDevice })
            bus.connect(
                kService, path, kProperties, QStringLiteral("PropertiesChanged"), this, SLOT(propertiesChanged()));
    }
#endif
}

void PowerWatch::propertiesChanged()
{
    poll();
}

void PowerWatch::poll()
{
    bool hasBattery = false, onBattery = false;
    double percent = 100;
#ifdef KIOSK_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::systemBus();
    if (bus.isConnected()) {
        const auto property = [&bus](const QString& path, const QString& interface, const QString& name) {
            QDBusInterface properties(kService, path, kProperties, bus);
            properties.setTimeout(2000);
            const QDBusReply<QDBusVariant> reply = properties.call(QStringLiteral("Get"), interface, name);
            return reply.isValid() ? reply.value().variant() : QVariant();
        };
        const QVariant type = property(kDisplayDevice, kDevice, QStringLiteral("Type"));
        const QVariant present = property(kDisplayDevice, kDevice, QStringLiteral("IsPresent"));
        const QVariant level = property(kDisplayDevice, kDevice, QStringLiteral("Percentage"));
        const QVariant onBatteryValue = property(kPath, kService, QStringLiteral("OnBattery"));
        hasBattery = type.toUInt() == BatteryType && present.toBool() && level.isValid();
        if (hasBattery) {
            percent = level.toDouble();
            onBattery = onBatteryValue.toBool();
        }
    }
#endif
    if (m_said && hasBattery == m_hasBattery && onBattery == m_onBattery && qFuzzyCompare(percent, m_percent))
        return;
    if (!m_said && !hasBattery)
        qCInfo(lcPower) << "no battery reported (no UPower, or mains only): the battery is not watched";
    m_said = true;
    m_hasBattery = hasBattery;
    m_onBattery = onBattery;
    m_percent = percent;
    emit changed(hasBattery, onBattery, percent);
}

bool requestPowerOff(QString* why)
{
#ifdef KIOSK_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        *why = QStringLiteral("no system bus");
        return false;
    }
    QDBusInterface manager(QStringLiteral("org.freedesktop.login1"), QStringLiteral("/org/freedesktop/login1"),
        QStringLiteral("org.freedesktop.login1.Manager"), bus);
    manager.setTimeout(5000);
    const QDBusReply<QString> may = manager.call(QStringLiteral("CanPowerOff"));
    if (!may.isValid()) {
        *why = QStringLiteral("logind did not answer: %1").arg(may.error().message());
        return false;
    }
    if (may.value() != QLatin1String("yes")) {
        *why = QStringLiteral("the system says %1 to switching off from this session").arg(may.value());
        return false;
    }
    const QDBusReply<void> off = manager.call(QStringLiteral("PowerOff"), false);
    if (!off.isValid()) {
        *why = QStringLiteral("logind refused: %1").arg(off.error().message());
        return false;
    }
    qCInfo(lcPower) << "switching off, as the volunteer closed the stall";
    return true;
#else
    *why = QStringLiteral("this build cannot ask the system to switch off");
    return false;
#endif
}

} // namespace kiosk
