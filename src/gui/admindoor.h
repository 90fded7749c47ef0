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

    void openPinPad();
    bool pinPadShown() const;
    AdminPage* page() const { return m_page; }
    // A touch on the admin screen: it stays open for another idleMs.
    void noteActivity();

signals:
    void aboutToOpen(); // the window forgets the signer before the admin screen shows
    void opened();
    void closed();
    void settingsChanged();
    void exitRequested();

private:
    void pinSubmitted(const QString& pin);
    void open();
    void close(const QString& why);

    QStackedWidget& m_stack;
    SignatureStore& m_store;
    KioskSettings& m_settings;
    AdminPin& m_pin;
    PinSession m_session;
    Setup m_setup;
    PinPad* m_pinPad = nullptr;
    QTimer* m_idle = nullptr;
    QPointer<AdminPage> m_page;
};

} // namespace kiosk
