#pragma once

#include <QWidget>

#include <memory>

class QTimer;
class QComboBox;

namespace Ui {
class AdminPage;
}

namespace kiosk {

class AdminPin;
class SecretBytes;
class KeyboardDock;
class KioskSettings;
class SignatureStore;

// The volunteers' admin screen: counts, kiosk control (pause, change PIN, exit), settings and the last 50 audit
// entries. Every action is written to the audit log. It holds no signer's data.
class AdminPage final : public QWidget
{
    Q_OBJECT
public:
    // `key`: the duplicate key the PIN unlocked, to wrap under a new PIN. `mustChange`: the PIN is from before
    // sealing and too short, so the page opens on "Change PIN".
    AdminPage(SignatureStore& store, KioskSettings& settings, AdminPin& pin, std::shared_ptr<const SecretBytes> key,
        const QStringList& languages, const QString& dataDir, QWidget* parent = nullptr);
    ~AdminPage() override;

    void refresh(); // counts, audit log and settings, as they are now
    void refreshDrives(); // the export destinations: mounted removable drives, and "another folder"
    // Opens "Change PIN" with a word on why (a PIN from before sealing, shorter than the minimum).
    void askForNewPin();
    // What can end the day early (battery, disk), as a banner at the top; empty hides it.
    void setWarnings(const QStringList& warnings);
    QString warningsShown() const;
    // The system would not switch off: said under Close the stall (the kiosk then exits).
    void powerOffRefused(const QString& why);
    // Whether the screen says that backups go to the data folder's own disk.
    bool backupsOnTheSameDisk() const;

signals:
    void closeRequested();
    void settingsChanged();
    void pausedChanged(bool paused);
    void exitRequested();
    // "Close the stall" has exported, verified, backed up and audited: the machine may be switched off.
    void powerOffRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void exportBatch();
    void saveSettings();
    void savePin();
    void exitTapped();
    void closeStallTapped();
    // Export, verify, back up, audit; then powerOffRequested(). Stops at the first step that fails, saying what to do.
    // `exportFirst` false: the volunteer chose to close without a stick.
    void closeStall(bool exportFirst);
    QString exportTarget() const;
    void fillBackupTargets();
    static void addRemovableDrives(QComboBox* combo, const QString& folder);
    void showBackupNote();
    void showMessage(const QString& text);
    void retranslate();

    std::unique_ptr<Ui::AdminPage> m_ui;
    SignatureStore& m_store;
    KioskSettings& m_settings;
    AdminPin& m_pin;
    std::shared_ptr<const SecretBytes> m_key;
    QStringList m_languages;
    QString m_dataDir;
    KeyboardDock* m_dock = nullptr;
    QTimer* m_exitConfirm = nullptr;
    QTimer* m_closeConfirm = nullptr;
};

} // namespace kiosk
