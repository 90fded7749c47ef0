#pragma once

#include "admin/pinsession.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class QStackedWidget;
class QTimer;
class QWidget;

namespace kiosk {

class AdminPage;
class KioskSettings;
class PinPad;
class SignatureStore;

// The way from the kiosk to its admin screen and back: the PIN pad (over the window), the PIN session behind it, the
// admin page in the window's stack, and the admin screen's own idle timeout. Every opening and closing is audited.
class AdminDoor final : public QObject
{
    Q_OBJECT
public:
    struct Setup
    {
        QStringList languages;
        QString dataDir; // shown to the volunteer
        int idleMs = 120000; // the admin screen closes itself after this long without a touch
    };

    AdminDoor(QWidget& window, QStackedWidget& stack, SignatureStore& store, KioskSettings& settings, AdminPin& pin,
        Setup setup);

    // `forStall`: from "Open the stall"; the right PIN opens the stall only (the admin screen too, if the PIN
    // must be changed). From the corner gesture: the admin screen.
    void openPinPad(bool forStall = false);
    bool pinPadShown() const;
    AdminPage* page() const { return m_page; }
    // A touch on the admin screen: it stays open for another idleMs.
    void noteActivity();

signals:
    // The right PIN: the duplicate key it unlocked, so the stall is open from now.
    void stallOpened(std::shared_ptr<const kiosk::SecretBytes> key);
    void aboutToOpen(); // the window forgets the signer before the admin screen shows
    void opened();
    void closed();
    void settingsChanged();
    void exitRequested();
    void powerOffRequested();

private:
    void pinSubmitted(const QString& pin);
    void open(std::shared_ptr<const SecretBytes> key, bool mustChange);
    void close(const QString& why);

    QStackedWidget& m_stack;
    SignatureStore& m_store;
    KioskSettings& m_settings;
    AdminPin& m_pin;
    PinSession m_session;
    Setup m_setup;
    PinPad* m_pinPad = nullptr;
    bool m_forStall = false;
    QTimer* m_idle = nullptr;
    QPointer<AdminPage> m_page;
};

} // namespace kiosk
