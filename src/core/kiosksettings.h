#pragma once

#include <QString>

#include <memory>

class QSettings;

namespace kiosk {

// The kiosk's settings, kept in kiosk.ini in the data folder (owner-only). Plain values with defaults; the admin
// screen and the CLI change them, the kiosk reads them.
class KioskSettings final
{
public:
    enum class Keyboard { BuiltIn, System };
    enum class Theme { Standard, HighContrast };

    explicit KioskSettings(const QString& dataDir);
    ~KioskSettings();

    int idleTimeoutSeconds() const; // before "Still there?"; default 60
    void setIdleTimeoutSeconds(int seconds);
    int stillThereSeconds() const; // the countdown; default 15
    int thankYouSeconds() const; // default 8
    void setThankYouSeconds(int seconds);
    Keyboard keyboard() const;
    void setKeyboard(Keyboard keyboard);
    Theme theme() const;
    void setTheme(Theme theme);
    QString defaultLanguage() const; // default "en"
    void setDefaultLanguage(const QString& language);
    QString organisation() const; // who collects the data; replaces the campaign's {organisation}
    void setOrganisation(const QString& name);
    QString stallName() const;
    void setStallName(const QString& name); // also sets the stall id, made from the name
    QString stallPlace() const;
    void setStallPlace(const QString& place);
    bool hidePointer() const; // for touch-only devices
    void setHidePointer(bool hide);
    bool paused() const; // "Back soon": no signatures taken
    void setPaused(bool paused);

    // The first-run set-up is complete when the organisation and stall are named (the PIN lives in the store).
    bool hasStallDetails() const;

    // A stall id for batch names: lower-case ASCII letters, digits and hyphens; "stall" if nothing is left.
    static QString stallIdFor(const QString& name);

    QString backupFolder() const; // empty: <data folder>/backups
    void setBackupFolder(const QString& folder);
    int backupEvery() const; // signatures between backups; default 25
    void setBackupEvery(int every); // 1..10000
    int dayGoal() const; // signatures the stall aims for in a day (kiosk/day_goal); 0: none
    void setDayGoal(int goal);
    static constexpr int MaxDayGoal = 100000;

    QString campaignFolder() const; // empty: the built-in campaign
    void setCampaignFolder(const QString& folder);
    // A stall id is a slug: a-z, 0-9 and single hyphens, at most 40 characters. It names batch folders.
    static bool isStallId(const QString& id);
    QString stallId() const; // default "stall"
    void setStallId(const QString& id);

    bool sync(); // false if the file could not be written

    static QString keyboardName(Keyboard keyboard);
    static QString themeName(Theme theme);

private:
    std::unique_ptr<QSettings> m_settings;
    QString m_path;
};

} // namespace kiosk
