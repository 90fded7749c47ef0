#include "kioskwindow.h"

#include "attractpage.h"
#include "core/kiosksettings.h"
#include "infopage.h"
#include "languagebar.h"
#include "petitionpage.h"
#include "rulemessages.h"
#include "signpage.h"
#include "stillthereoverlay.h"
#include "thankyoupage.h"
#include "theme.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcKiosk, "kiosk.gui", QtInfoMsg)

namespace kiosk {

KioskWindow::KioskWindow(SignatureStore& store, KioskSettings& settings, Campaign campaign, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_settings(settings)
    , m_campaign(std::move(campaign))
{
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

    // Every touch, click and key anywhere in the application counts as the signer still being there.
    qApp->installEventFilter(this);

    applySettings();
    m_language = m_settings.defaultLanguage();
    setLanguage(m_language);
    go(Screen::Attract);
    QTimer::singleShot(0, this, &KioskWindow::ensurePages);
}

void KioskWindow::ensurePages()
{
    if (m_info)
        return;
    m_info = new InfoPage(m_stack);
    m_petition = new PetitionPage(m_stack);
    m_thankYou = new ThankYouPage(m_stack);
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
    showCampaignTexts();
}

KioskWindow::~KioskWindow()
{
    QCoreApplication::removeTranslator(&m_translator);
}

KioskWindow::Screen KioskWindow::currentScreen() const
{
    QWidget* current = m_stack->currentWidget();
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
        m_petition->setContent(texts, !m_campaign.isOriginalLanguage(m_language), m_campaign.organisationName,
                               m_campaign.organisationContact);
        m_info->languageBar()->setCurrent(m_language);
        m_petition->languageBar()->setCurrent(m_language);
    }
    if (m_sign) {
        m_sign->setConsentText(PetitionPage::fillPlaceholders(texts.consentText, m_campaign.organisationName,
                                                              m_campaign.organisationContact));
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
    if (screen != Screen::Attract)
        ensurePages();
    switch (screen) {
    case Screen::Attract:
        refreshCounts();
        m_stack->setCurrentWidget(m_attract);
        break;
    case Screen::Info: m_stack->setCurrentWidget(m_info); break;
    case Screen::Petition: m_stack->setCurrentWidget(m_petition); break;
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
    if (screen == Screen::Attract || screen == Screen::ThankYou)
        m_idle->stop();
    else
        m_idle->start(m_timing.idleMs);
    emit screenChanged(screen);
}

void KioskWindow::refreshCounts()
{
    if (m_store.counts(m_counts))
        m_attract->setCounts(m_counts.today, m_counts.total);
}

void KioskWindow::submit()
{
    if (!m_sign)
        return;
    Signature s = m_sign->draft();
    s.petitionId = m_campaign.petitionId;
    s.petitionVersion = m_campaign.petitionVersion;
    s.consentVersion = m_campaign.consentVersion;
    s.language = m_language;
    s.stallId = m_settings.stallId();

    m_sign->clearMessages();
    const SaveResult result = m_store.save(s);
    switch (result.status) {
    case SaveResult::Status::Stored:
    case SaveResult::Status::Duplicate: {
        refreshCounts();
        const QString name = SigningRules::checkName(s.fullName).value;
        m_thankYou->showThanks(ThankYouPage::firstNameOf(name, m_language),
                               result.status == SaveResult::Status::Duplicate, m_counts.today, m_counts.total);
        go(Screen::ThankYou);
        break;
    }
    case SaveResult::Status::Rejected: m_sign->showIssues(result.issues); break;
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

void KioskWindow::noteActivity()
{
    if (m_stillThere->isVisible())
        return; // only Continue answers "Still there?"
    const Screen s = currentScreen();
    if (s != Screen::Attract && s != Screen::ThankYou)
        m_idle->start(m_timing.idleMs);
}

void KioskWindow::idleExpired()
{
    const Screen s = currentScreen();
    if (s == Screen::Attract || s == Screen::ThankYou)
        return;
    m_stillThere->start(m_timing.stillThereSeconds);
}

bool KioskWindow::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::TabletPress:
    case QEvent::Wheel:
        noteActivity();
        break;
    case QEvent::KeyPress: {
        noteActivity();
        // Enter activates the focused button, as Space does.
        auto* key = static_cast<QKeyEvent*>(event);
        auto* button = qobject_cast<QAbstractButton*>(watched);
        if (button && isAncestorOf(button) && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            button->animateClick();
            return true;
        }
        break;
    }
    default: break;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace kiosk
