#pragma once

#include <QObject>
#include <QString>

class QTimer;

namespace kiosk {

// The battery, as UPower (org.freedesktop.UPower) reports it on the system D-Bus: its display device's percentage,
// and whether the machine runs on it. Read at start, when UPower says its properties changed, and every `intervalMs`
// as well. No system bus, no UPower, or no battery: `changed` says so once (hasBattery false), and nothing is logged
// as an error.
class PowerWatch final : public QObject
{
    Q_OBJECT
public:
    explicit PowerWatch(QObject* parent = nullptr, int intervalMs = 60000);
    // Reads UPower now.
    void poll();

signals:
    void changed(bool hasBattery, bool onBattery, double percent);

private slots:
    void propertiesChanged();

private:
    QTimer* m_timer = nullptr;
    bool m_said = false;
    bool m_hasBattery = false;
    bool m_onBattery = false;
    double m_percent = -1;
};

// Asks logind (org.freedesktop.login1.Manager on the system bus) to switch the machine off, once CanPowerOff says
// this session may ("yes"). False, with `why` in plain words, when it may not or there is no logind.
bool requestPowerOff(QString* why);

} // namespace kiosk
