#include "kioskwindow.h"

#include "admindoor.h"
#include "adminpage.h"
#include "attractpage.h"
#include "closedpage.h"
#include "core/backup.h"
#include "core/kiosksettings.h"
#include "firstrunpage.h"
#include "infopage.h"
#include "languagebar.h"
#include "lockdownfilter.h"
#include "pausedpage.h"
#include "petitionpage.h"
#include "pinpad.h"
#include "readingview.h"
#include "rulemessages.h"
#include "signpage.h"
#include "stillthereoverlay.h"
#include "thankyoupage.h"
#include "theme.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QCursor>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QStackedWidget>
#include <QStorageInfo>
#include <QTimer>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcKiosk, "kiosk.gui", QtInfoMsg)

namespace kiosk {

KioskWindow::KioskWindow(SignatureStore& store, KioskSettings& settings, Campaign campaign, QWidget* parent)
    : KioskWindow(store, settings, std::move(campaign), Options(), parent)
{
}

KioskWindow::KioskWindow(
    SignatureStore& store, KioskSettings& settings, Campaign campaign, const Options& options, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_settings(settings)
    , m_campaign(std::move(campaign))
    , m_options(options)
    , m_pin(store)
    , m_backups(store, settings, store.dataDir())
    , m_intake(store, settings, m_backups)
{
    // Kiosk mode: on top, and shown full screen by the caller. A full-screen window has no frame; the
    // FramelessWindowHint is not set because it stops window managers such as matchbox from making the window
    // full screen at all (measured under Xvfb: the window stayed at its default size).
    if (m_options.kioskMode)
        setWindowFlags(windowFlags() | Qt::WindowStaysOnTopHint);
    setObjectName(QStringLiteral("kioskWindow"));
    setWindowTitle(tr("Petition Kiosk"));
    setAttribute(Qt::WA_StyledBackground);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    // Only the attract screen is needed for the first paint; the other pages are built right after it (or at
    // once, if a tap needs them sooner). See ensurePages().
    m_attract = new AttractPage(m_stack);
    m_stack->addWidget(m_attract);
    m_attract->languageBar()->setLanguages(m_campaign.languages);
    connect(m_attract->languageBar(), &LanguageBar::languageChosen, this, &KioskWindow::setLanguage);
    connect(m_attract, &AttractPage::startRequested, this, [this]() { go(Screen::Info); });

    m_stillThere = new StillThereOverlay(this);
    connect(m_stillThere, &StillThereOverlay::continued, this, &KioskWindow::noteActivity);
    connect(m_stillThere, &StillThereOverlay::expired, this, &KioskWindow::wipe);

    m_idle = new QTimer(this);
    m_idle->setSingleShot(true);
    connect(m_idle, &QTimer::timeout, this, &KioskWindow::idleExpired);
    m_thankYouTimer = new QTimer(this);
    m_thankYouTimer->setSingleShot(true);
    connect(m_thankYouTimer, &QTimer::timeout, this, &KioskWindow::wipe);

    m_adminDoor = new AdminDoor(*this, *m_stack, m_store, m_settings, m_pin,
        { m_campaign.languages, m_options.dataDir, m_options.adminIdleMs });
    connect(m_adminDoor, &AdminDoor::aboutToOpen, this, &KioskWindow::wipe);
    connect(m_adminDoor, &AdminDoor::stallOpened, this, &KioskWindow::openStall);
    connect(m_adminDoor, &AdminDoor::opened, this, [this]() {
        m_idle->stop();
        if (m_adminDoor->page())
            m_adminDoor->page()->setWarnings(conditions());
        emit screenChanged(Screen::Admin);
    });
    m_diskTimer = new QTimer(this);
    m_diskTimer->setInterval(30000);
    connect(m_diskTimer, &QTimer::timeout, this, &KioskWindow::checkDisk);
    m_diskTimer->start();
    QTimer::singleShot(0, this, &KioskWindow::checkDisk);
    connect(m_adminDoor, &AdminDoor::closed, this, [this]() { go(Screen::Attract); });
    connect(m_adminDoor, &AdminDoor::settingsChanged, this, &KioskWindow::applySettings);
    connect(m_adminDoor, &AdminDoor::powerOffRequested, this, &KioskWindow::powerOffRequested);
    connect(m_adminDoor, &AdminDoor::exitRequested, this, [this]() {
        m_exitAllowed = true;
        emit exitRequested();
        close();
    });

    // Every touch, click and key anywhere in the application counts as the signer still being there.
    m_lockDown = new LockDownFilter(*this, m_options.kioskMode, m_options.gestureHoldMs);
    connect(m_lockDown, &LockDownFilter::activity, this, &KioskWindow::noteActivity);
    connect(m_lockDown, &LockDownFilter::cornerHeld, this, &KioskWindow::openPinPad);

    applySettings();
    m_language = m_settings.defaultLanguage();
    setLanguage(m_language);
    // The kiosk opens for signers only once it is set up (organisation, stall, a PIN, and sealed or deliberately
    // not), and, at every start, once a volunteer has opened the stall with the PIN.
    if (!m_settings.hasStallDetails() || !m_pin.isSet()
        || m_store.sealing().state().valueOr({}).mode == SealingState::Mode::NotEnrolled)
        showFirstRun();
    else
        go(Screen::Attract);
    QTimer::singleShot(0, this, &KioskWindow::ensurePages);
}

QString KioskWindow::organisation() const
{
    return m_settings.organisation().isEmpty() ? m_campaign.organisationName : m_settings.organisation();
}

void KioskWindow::showFirstRun()
{
    m_firstRun = new FirstRunPage(m_store, m_settings, m_pin, m_campaign.languages, m_options.dataDir, m_stack);
    m_stack->addWidget(m_firstRun);
    m_stack->setCurrentWidget(m_firstRun);
    connect(m_firstRun, &FirstRunPage::finished, this, [this]() {
        (void)m_store.audit().append(
            QStringLiteral("set-up completed"), QStringLiteral("stall=") + m_settings.stallId());
        FirstRunPage* done = m_firstRun;
        m_firstRun = nullptr;
        m_store.sealing().unlock(done->key());
        m_stack->removeWidget(done);
        done->deleteLater();
        applySettings();
        setLanguage(m_settings.defaultLanguage());
        go(Screen::Attract);
    });
    emit screenChanged(Screen::FirstRun);
}

void KioskWindow::openStall(std::shared_ptr<const SecretBytes> key)
{
    const bool wasClosed = !m_store.sealing().isUnlocked();
    m_store.sealing().unlock(std::move(key));
    if (wasClosed && currentScreen() == Screen::Closed)
        go(Screen::Attract);
}

void KioskWindow::openPinPad()
{
    const Screen s = currentScreen();
    if (s == Screen::FirstRun || s == Screen::Admin || m_adminDoor->pinPadShown())
        return;
    m_stillThere->cancel();
    m_adminDoor->openPinPad();
}

bool KioskWindow::pinPadShown() const
{
    return m_adminDoor->pinPadShown();
}

bool KioskWindow::backUp()
{
    return m_backups.backUpNow().ok();
}

void KioskWindow::applyPointer()
{
    const bool hide = m_settings.hidePointer();
    if (hide && !m_pointerHidden)
        QGuiApplication::setOverrideCursor(QCursor(Qt::BlankCursor));
    else if (!hide && m_pointerHidden)
        QGuiApplication::restoreOverrideCursor();
    m_pointerHidden = hide;
}

void KioskWindow::closeEvent(QCloseEvent* event)
{
    if (m_options.kioskMode && !m_exitAllowed) {
        // Alt+F4, the window manager's close, a stray keyboard: only the admin's Exit ends the kiosk.
        event->ignore();
        return;
    }
    QWidget::closeEvent(event);
}

void KioskWindow::ensurePages()
{
    if (m_info)
        return;
    m_info = new InfoPage(m_stack);
    m_petition = new PetitionPage(m_stack);
    m_thankYou = new ThankYouPage(m_stack);
    m_thankYou->setShareUrl(m_campaign.shareUrl);
    m_stack->addWidget(m_info);
    m_stack->addWidget(m_petition);
    m_stack->addWidget(m_thankYou);
    for (LanguageBar* bar : { m_info->languageBar(), m_petition->languageBar() }) {
        bar->setLanguages(m_campaign.languages);
        connect(bar, &LanguageBar::languageChosen, this, &KioskWindow::setLanguage);
    }
    connect(m_info, &InfoPage::homeRequested, this, &KioskWindow::wipe);
    connect(m_info, &InfoPage::signRequested, this, [this]() { go(Screen::Petition); });
    connect(m_info, &InfoPage::pastLastPage, this, [this]() { go(Screen::Petition); });
    connect(m_petition, &PetitionPage::backRequested, this, [this]() { go(Screen::Info); });
    connect(m_petition, &PetitionPage::signRequested, this, [this]() { go(Screen::Sign); });
    connect(m_thankYou, &ThankYouPage::doneRequested, this, &KioskWindow::wipe);
    // The reading views show images from the campaign's own folder only (the built-in campaign's are compiled in).
    const QString folder = m_campaign.folder.startsWith(QLatin1Char(':')) ? QString() : m_campaign.folder;
    for (ReadingView* view : findChildren<ReadingView*>())
        view->setCampaignFolder(folder);
    showCampaignTexts();
}

KioskWindow::~KioskWindow()
{
    QCoreApplication::removeTranslator(&m_translator);
    if (m_pointerHidden)
        QGuiApplication::restoreOverrideCursor();
}

KioskWindow::Screen KioskWindow::currentScreen() const
{
    QWidget* current = m_stack->currentWidget();
    if (current && current == m_firstRun)
        return Screen::FirstRun;
    if (current && current == m_adminDoor->page())
        return Screen::Admin;
    if (current && current == m_paused)
        return Screen::Paused;
    if (current && current == m_closed)
        return Screen::Closed;
    if (!m_info || current == m_attract)
        return Screen::Attract;
    if (current == m_info)
        return Screen::Info;
    if (current == m_petition)
        return Screen::Petition;
    if (m_sign && current == m_sign)
        return Screen::Sign;
    if (current == m_thankYou)
        return Screen::ThankYou;
    return Screen::Attract;
}

bool KioskWindow::stillThereShown() const
{
    return m_stillThere->isVisible();
}

void KioskWindow::setCampaignProblem(const QString& problem)
{
    m_attract->setNotice(problem.isEmpty() ? QString()
                                           : tr("The campaign folder could not be used, so the built-in campaign is "
                                                "shown. %1")
                                                 .arg(problem));
}

void KioskWindow::setTiming(const Timing& timing)
{
    m_timing = timing;
    if (m_idle->isActive())
        m_idle->start(m_timing.idleMs);
}

void KioskWindow::applySettings()
{
    setTiming({ m_settings.idleTimeoutSeconds() * 1000, m_settings.stillThereSeconds(),
        m_settings.thankYouSeconds() * 1000 });
    applyTheme(this, m_settings.theme());
    applyPointer();
    showCampaignTexts(); // the organisation may have changed
    if (currentScreen() == Screen::Attract || currentScreen() == Screen::Paused)
        go(Screen::Attract); // paused or not
}

void KioskWindow::setLanguage(const QString& language)
{
    const QString chosen = m_campaign.languages.contains(language) ? language : m_campaign.languages.value(0);
    QCoreApplication::removeTranslator(&m_translator);
    if (!m_campaign.isOriginalLanguage(chosen)
        && m_translator.load(QStringLiteral(":/i18n/petition-kiosk_") + chosen + QStringLiteral(".qm")))
        QCoreApplication::installTranslator(&m_translator);
    m_language = chosen;
    showCampaignTexts();
}

void KioskWindow::showCampaignTexts()
{
    const CampaignTexts texts = m_campaign.textsFor(m_language);
    m_attract->setTexts(texts, m_campaign.pagesFor(m_language));
    m_attract->languageBar()->setCurrent(m_language);
    if (m_info) {
        m_info->setPages(m_campaign.pagesFor(m_language));
        m_petition->setContent(
            texts, !m_campaign.isOriginalLanguage(m_language), organisation(), m_campaign.organisationContact);
        m_info->languageBar()->setCurrent(m_language);
        m_petition->languageBar()->setCurrent(m_language);
    }
    if (m_sign) {
        m_sign->setConsentText(
            PetitionPage::fillPlaceholders(texts.consentText, organisation(), m_campaign.organisationContact));
        m_sign->setLanguage(m_language);
        m_sign->languageBar()->setCurrent(m_language);
    }
}

void KioskWindow::discardSignPage()
{
    if (!m_sign)
        return;
    SignPage* old = m_sign;
    m_sign = nullptr;
    m_stack->removeWidget(old);
    old->hide();
    old->setParent(nullptr); // out of the window at once; destroyed when control returns to the event loop
    old->deleteLater();
}

void KioskWindow::buildSignPage()
{
    m_sign = new SignPage(m_settings.keyboard(), m_stack);
    m_sign->setObjectName(QStringLiteral("SignPage"));
    m_stack->addWidget(m_sign);
    m_sign->setLanguages(m_campaign.languages);
    connect(m_sign->languageBar(), &LanguageBar::languageChosen, this, &KioskWindow::setLanguage);
    connect(m_sign, &SignPage::backRequested, this, [this]() { go(Screen::Petition); });
    connect(m_sign, &SignPage::submitRequested, this, &KioskWindow::submit);
    showCampaignTexts();
}

void KioskWindow::go(Screen screen)
{
    if (screen != Screen::Attract && screen != Screen::Paused && screen != Screen::Closed)
        ensurePages();
    // Nobody signs before a volunteer has opened the stall.
    if (!m_store.sealing().isUnlocked() && screen != Screen::FirstRun && screen != Screen::Admin)
        screen = Screen::Closed;
    switch (screen) {
    case Screen::Closed:
        if (!m_closed) {
            m_closed = new ClosedPage(m_stack);
            m_stack->addWidget(m_closed);
            connect(m_closed, &ClosedPage::openRequested, this, [this]() { m_adminDoor->openPinPad(true); });
        }
        m_closed->setUnsealed(m_store.sealing().state().valueOr({}).mode == SealingState::Mode::Unsealed);
        m_stack->setCurrentWidget(m_closed);
        break;
    case Screen::Attract:
    case Screen::Paused:
        refreshCounts();
        if (m_settings.paused() || signingHeld()) {
            if (!m_paused) {
                m_paused = new PausedPage(m_stack);
                m_stack->addWidget(m_paused);
            }
            m_paused->setReason(m_batteryEmpty ? PausedPage::Reason::BatteryEmpty
                    : m_diskFull               ? PausedPage::Reason::DiskFull
                                               : PausedPage::Reason::Volunteer);
            m_stack->setCurrentWidget(m_paused);
            screen = Screen::Paused;
        } else {
            m_stack->setCurrentWidget(m_attract);
            screen = Screen::Attract;
        }
        break;
    case Screen::FirstRun:
    case Screen::Admin:
        return; // shown by showFirstRun() and openAdmin()
    case Screen::Info:
        m_stack->setCurrentWidget(m_info);
        break;
    case Screen::Petition:
        m_stack->setCurrentWidget(m_petition);
        break;
    case Screen::Sign:
        if (!m_sign)
            buildSignPage();
        m_stack->setCurrentWidget(m_sign);
        break;
    case Screen::ThankYou:
        m_stack->setCurrentWidget(m_thankYou);
        m_thankYouTimer->start(m_timing.thankYouMs);
        break;
    }
    if (screen == Screen::Attract || screen == Screen::ThankYou || screen == Screen::Paused || screen == Screen::Closed)
        m_idle->stop();
    else
        m_idle->start(m_timing.idleMs);
    emit screenChanged(screen);
}

void KioskWindow::powerOffRefused(const QString& why)
{
    (void)m_store.audit().append(QStringLiteral("switch-off refused"), why.left(200));
    if (m_adminDoor->page())
        m_adminDoor->page()->powerOffRefused(why);
    // Long enough to read; then the app closes as the admin's Exit does.
    QTimer::singleShot(m_options.kioskMode ? 6000 : 0, this, [this]() {
        m_exitAllowed = true;
        emit exitRequested();
        close();
    });
}

void KioskWindow::setPower(const Power& power)
{
    m_power = power;
    const bool empty = power.below(EmptyBatteryPercent);
    if (empty && !m_batteryEmpty) {
        // Every signature so far is already durable; a copy now, while there is power for it.
        (void)m_store.audit().append(
            QStringLiteral("battery almost empty"), QStringLiteral("%1%, signing held").arg(power.percent, 0, 'f', 0));
        backUp();
    }
    m_batteryEmpty = empty;
    conditionsChanged();
}

void KioskWindow::checkDisk()
{
    const QStorageInfo disk(m_store.dataDir());
    if (!disk.isValid())
        return;
    m_freeBytes = disk.bytesAvailable();
    const bool full = m_freeBytes >= 0 && m_freeBytes < FullDiskBytes;
    if (full && !m_diskFull)
        (void)m_store.audit().append(
            QStringLiteral("disk almost full"), QStringLiteral("%1 MB free, signing held").arg(m_freeBytes >> 20));
    m_diskFull = full;
    conditionsChanged();
}

QStringList KioskWindow::conditions() const
{
    QStringList said;
    if (m_power.below(LowBatteryPercent))
        said << (m_batteryEmpty ? tr("Battery almost empty (%1%): signing is held until the kiosk is plugged in.")
                                : tr("Battery low (%1%): plug the kiosk in soon."))
                    .arg(m_power.percent, 0, 'f', 0);
    if (m_freeBytes >= 0 && m_freeBytes < LowDiskBytes)
        said << (m_diskFull ? tr("The disk is almost full (%1 MB free): signing is held. Export the signatures and "
                                 "free some space.")
                            : tr("The disk is getting full (%1 MB free): export the signatures and free some space."))
                    .arg(m_freeBytes >> 20);
    return said;
}

void KioskWindow::conditionsChanged()
{
    m_attract->setBatteryLow(m_power.below(LowBatteryPercent));
    if (m_adminDoor->page())
        m_adminDoor->page()->setWarnings(conditions());
    // Hold or release signing where no signer is in the middle of it.
    const Screen now = currentScreen();
    if (now == Screen::Attract || now == Screen::Paused)
        go(Screen::Attract);
}

void KioskWindow::refreshCounts()
{
    if (const Result<SignatureCounts> counts = m_store.signatures().counts()) {
        m_counts = *counts;
        m_attract->setCounts(m_counts.today, m_counts.total);
    }
}

void KioskWindow::submit(const Signature& draft)
{
    if (!m_sign || m_settings.paused())
        return;
    // A signer already on the form finishes: the hold (battery, disk) starts when they are thanked.
    m_sign->clearMessages();
    const SaveResult result = m_intake.complete(draft, m_campaign, m_language);
    switch (result.status) {
    case SaveResult::Status::Stored:
    case SaveResult::Status::Duplicate:
        refreshCounts();
        checkDisk();
        m_thankYou->showThanks(
            m_campaign.thankByFirstName ? ThankYouPage::givenNameOf(result.submitted.fullName, m_language) : QString(),
            result.status == SaveResult::Status::Duplicate, m_counts.today, m_counts.total);
        go(Screen::ThankYou);
        break;
    case SaveResult::Status::Rejected:
        m_sign->showIssues(result.issues);
        break;
    case SaveResult::Status::Failed:
        // What the signer typed stays on screen; the volunteer is asked for.
        qCWarning(lcKiosk) << "a signature could not be saved, store error" << int(result.error);
        m_sign->showStorageError(storeMessage(result.error));
        break;
    }
    emit saved(result.status);
}

void KioskWindow::wipe()
{
    m_stillThere->cancel();
    m_thankYouTimer->stop();
    discardSignPage();
    if (m_info) {
        m_thankYou->clear();
        m_info->reset();
        m_petition->reset();
    }
    if (QClipboard* clipboard = QGuiApplication::clipboard()) {
        clipboard->clear(QClipboard::Clipboard);
        if (clipboard->supportsSelection())
            clipboard->clear(QClipboard::Selection);
    }
    setLanguage(m_settings.defaultLanguage());
    go(Screen::Attract);
    qCInfo(lcKiosk) << "session wiped";
}

void KioskWindow::leave()
{
    wipe();
    m_exitAllowed = true;
}

void KioskWindow::noteActivity()
{
    if (m_stillThere->isVisible())
        return; // only Continue answers "Still there?"
    const Screen s = currentScreen();
    if (s == Screen::Admin) {
        m_adminDoor->noteActivity();
        return;
    }
    if (s != Screen::Attract && s != Screen::ThankYou)
        m_idle->start(m_timing.idleMs);
}

void KioskWindow::idleExpired()
{
    const Screen s = currentScreen();
    if (s != Screen::Info && s != Screen::Petition && s != Screen::Sign)
        return;
    m_stillThere->start(m_timing.stillThereSeconds);
}

} // namespace kiosk
