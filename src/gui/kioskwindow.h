#pragma once

#include "admin/adminpin.h"
#include "core/backup.h"
#include "core/campaign.h"
#include "core/signatureintake.h"
#include "core/signaturestore.h"
#include "touchmetrics.h"

#include <QPointer>
#include <QTranslator>
#include <QWidget>

class QStackedWidget;
class QTimer;

namespace kiosk {

class AdminDoor;
class AttractPage;
class ClosedPage;
class FirstRunPage;
class PausedPage;
class PinPad;
class InfoPage;
class KioskSettings;
class LockDownFilter;
class PetitionPage;
class SignPage;
class StillThereOverlay;
class ThankYouPage;

// The kiosk's window and one signer's session: attract → information → petition → sign → thank-you → attract.
// It decides when to forget the signer (idle, or after thanking them) and does it thoroughly: the sign page is
// destroyed (a new one is built when the next signer reaches the form), every other page is reset, the clipboard is
// cleared and the language goes back to the default.
class KioskWindow final : public QWidget
{
    Q_OBJECT
public:
    enum class Screen { Attract, Info, Petition, Sign, ThankYou, FirstRun, Admin, Paused, Closed };
    Q_ENUM(Screen)

    struct Options
    {
        QString dataDir; // shown to the volunteer
        // Kiosk mode: on top (the caller shows it full screen, which has no frame); nothing but the admin's Exit
        // ends the app.
        bool kioskMode = false;
        int gestureHoldMs = 3000; // press and hold the top-left corner this long for the PIN pad
        int adminIdleMs = 120000; // the admin screen closes itself after this long without a touch
    };
    static constexpr int GestureCorner = TouchMetrics::GestureCorner; // px, the square in the top-left corner

    struct Timing
    {
        int idleMs = 60000; // on any screen but Attract, before "Still there?"
        int stillThereSeconds = 15;
        int thankYouMs = 8000;
    };

    // What can end a stall's day early. On battery below LowBatteryPercent the volunteer is told (the admin screen's
    // banner, a dot on the attract screen); below EmptyBatteryPercent a backup is made and signing is held ("Battery
    // almost empty – please plug in") until it charges. Less than LowDiskBytes free on the data folder's disk is
    // told on the admin screen; less than FullDiskBytes holds signing before a save could fail.
    struct Power
    {
        bool hasBattery = false; // false: no UPower, or no battery; nothing is shown
        bool onBattery = false;
        double percent = 100;
        // On battery, below `percent`.
        bool below(double limit) const { return hasBattery && onBattery && percent < limit; }
    };
    static constexpr double LowBatteryPercent = 20;
    static constexpr double EmptyBatteryPercent = 7;
    static constexpr qint64 LowDiskBytes = 200LL * 1024 * 1024;
    static constexpr qint64 FullDiskBytes = 50LL * 1024 * 1024;

    KioskWindow(SignatureStore& store, KioskSettings& settings, Campaign campaign, QWidget* parent = nullptr);
    KioskWindow(SignatureStore& store, KioskSettings& settings, Campaign campaign, const Options& options,
        QWidget* parent = nullptr);
    ~KioskWindow() override;

    Screen currentScreen() const;
    QString language() const { return m_language; }
    void setLanguage(const QString& language);
    Timing timing() const { return m_timing; }
    void setTiming(const Timing& timing);
    // Reads the settings again: timing, theme and keyboard.
    void applySettings();
    // Forget the signer and return to the attract screen.
    void wipe();
    // For a shut-down: forget the signer, and let the window close even in kiosk mode.
    void leave();
    bool stillThereShown() const;
    // Shown on the attract screen for the volunteer; empty hides it.
    void setCampaignProblem(const QString& problem);

    // Copies the database to the backup folder (after every N signatures, and by main() at exit). False on failure,
    // which is logged and audited; signing carries on.
    bool backUp();

    // The battery as UPower reports it (main() watches it over D-Bus).
    // The system would not switch off: the admin screen says why, and the app exits as Exit does.
    void powerOffRefused(const QString& why);
    void setPower(const Power& power);
    // Reads the free space on the data folder's disk (every 30 s, and after each signature).
    void checkDisk();
    // What the volunteer is told on the admin screen: the battery and the disk, in the admin's language.
    QStringList conditions() const;
    bool signingHeld() const { return m_batteryEmpty || m_diskFull; }

    // For tests and the screenshot tour: what the corner gesture does after its 3 seconds.
    void openPinPad();
    bool pinPadShown() const;

signals:
    void screenChanged(kiosk::KioskWindow::Screen screen);
    void saved(kiosk::SaveResult::Status status);
    void exitRequested(); // the admin's Exit: the application should quit
    // "Close the stall" is done (exported, verified, backed up, audited): main() asks the system to switch off, and
    // calls powerOffRefused() if it may not.
    void powerOffRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void go(Screen screen);
    void submit(const Signature& draft);
    void refreshCounts();
    void ensurePages();
    void buildSignPage();
    void discardSignPage();
    void showCampaignTexts();
    void noteActivity();
    void idleExpired();
    void showFirstRun();
    void openStall(std::shared_ptr<const SecretBytes> key);
    void applyPointer();
    QString organisation() const;

    SignatureStore& m_store;
    KioskSettings& m_settings;
    Campaign m_campaign;
    Options m_options;
    AdminPin m_pin;
    BackupPolicy m_backups;
    SignatureIntake m_intake;
    LockDownFilter* m_lockDown = nullptr;
    bool m_exitAllowed = false;
    bool m_pointerHidden = false;
    QString m_language;
    Timing m_timing;
    QTranslator m_translator;
    SignatureCounts m_counts;

    QStackedWidget* m_stack = nullptr;
    AttractPage* m_attract = nullptr;
    InfoPage* m_info = nullptr; // null until ensurePages()
    PetitionPage* m_petition = nullptr;
    QPointer<SignPage> m_sign;
    ThankYouPage* m_thankYou = nullptr;
    StillThereOverlay* m_stillThere = nullptr;
    FirstRunPage* m_firstRun = nullptr;
    PausedPage* m_paused = nullptr;
    ClosedPage* m_closed = nullptr; // until the stall is opened with the PIN
    AdminDoor* m_adminDoor = nullptr;
    QTimer* m_idle = nullptr;
    QTimer* m_thankYouTimer = nullptr;
    QTimer* m_diskTimer = nullptr;
    Power m_power;
    bool m_batteryEmpty = false;
    qint64 m_freeBytes = -1;
    bool m_diskFull = false;
    void conditionsChanged();
};

} // namespace kiosk
