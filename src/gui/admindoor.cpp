#include "admindoor.h"

#include "adminpage.h"
#include "core/signaturestore.h"
#include "pinpad.h"
#include "rulemessages.h"

#include <QStackedWidget>
#include <QTimer>

namespace kiosk {

AdminDoor::AdminDoor(
    QWidget& window, QStackedWidget& stack, SignatureStore& store, KioskSettings& settings, AdminPin& pin, Setup setup)
    : QObject(&window)
    , m_stack(stack)
    , m_store(store)
    , m_settings(settings)
    , m_pin(pin)
    , m_session(pin, store.audit())
    , m_setup(std::move(setup))
{
    m_pinPad = new PinPad(&window);
    connect(m_pinPad, &PinPad::submitted, this, &AdminDoor::pinSubmitted);
    connect(m_pinPad, &PinPad::cancelled, this, [this]() { m_forStall = false; });
    m_idle = new QTimer(this);
    m_idle->setSingleShot(true);
    connect(m_idle, &QTimer::timeout, this,
        [this]() { close(QStringLiteral("admin screen closed after 2 minutes without a touch")); });
}

void AdminDoor::openPinPad(bool forStall)
{
    if (m_pinPad->isVisible())
        return;
    m_forStall = forStall;
    m_pinPad->open();
    // A lock from before a restart shows at once, counting down.
    if (const QDateTime until = m_pin.lockedUntil(); until.isValid())
        m_pinPad->showLockedUntil(until);
}

bool AdminDoor::pinPadShown() const
{
    return m_pinPad->isVisible();
}

void AdminDoor::noteActivity()
{
    if (m_page)
        m_idle->start(m_setup.idleMs);
}

void AdminDoor::pinSubmitted(const QString& pin)
{
    const PinSession::Verdict verdict = m_session.check(pin);
    switch (verdict.kind) {
    case PinSession::Verdict::Kind::Open:
        m_pinPad->close();
        emit stallOpened(verdict.key);
        if (m_forStall && !verdict.mustChange)
            (void)m_store.audit().append(QStringLiteral("stall opened"));
        else
            open(verdict.key, verdict.mustChange);
        m_forStall = false;
        break;
    case PinSession::Verdict::Kind::Wrong:
        m_pinPad->showWrong(verdict.triesLeft);
        break;
    case PinSession::Verdict::Kind::Locked:
        m_pinPad->showLockedUntil(verdict.lockedUntil);
        break;
    case PinSession::Verdict::Kind::Error:
        m_pinPad->showMessage(tr("The PIN could not be checked: %1").arg(volunteerStoreMessage(verdict.error)));
        break;
    }
}

void AdminDoor::open(std::shared_ptr<const SecretBytes> key, bool mustChange)
{
    // The volunteer never sees the signer's data: the session is forgotten before the admin screen opens.
    emit aboutToOpen();
    (void)m_store.audit().append(QStringLiteral("admin screen opened"));
    m_page = new AdminPage(m_store, m_settings, m_pin, std::move(key), m_setup.languages, m_setup.dataDir, &m_stack);
    m_stack.addWidget(m_page);
    m_stack.setCurrentWidget(m_page);
    connect(m_page, &AdminPage::closeRequested, this, [this]() { close(QStringLiteral("admin screen closed")); });
    connect(m_page, &AdminPage::settingsChanged, this, &AdminDoor::settingsChanged);
    connect(m_page, &AdminPage::exitRequested, this, &AdminDoor::exitRequested);
    connect(m_page, &AdminPage::powerOffRequested, this, &AdminDoor::powerOffRequested);
    if (mustChange)
        m_page->askForNewPin();
    m_idle->start(m_setup.idleMs);
    emit opened();
}

void AdminDoor::close(const QString& why)
{
    (void)m_store.audit().append(why);
    m_idle->stop();
    if (m_page) {
        AdminPage* page = m_page;
        m_stack.removeWidget(page);
        page->hide();
        page->deleteLater();
    }
    emit closed();
}

} // namespace kiosk
