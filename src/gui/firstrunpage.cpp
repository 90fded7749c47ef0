#include "firstrunpage.h"

#include "admin/adminpin.h"
#include "adminchoices.h"
#include "core/coordinatorkey.h"
#include "core/platform.h"
#include "core/signaturestore.h"
#include "keyboarddock.h"
#include "rulemessages.h"
#include "ui_firstrunpage.h"

#include <QDir>
#include <QFileInfo>

namespace kiosk {

FirstRunPage::FirstRunPage(SignatureStore& store, KioskSettings& settings, AdminPin& pin, const QStringList& languages,
    const QString& dataDir, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::FirstRunPage>())
    , m_store(store)
    , m_settings(settings)
    , m_pin(pin)
    , m_dataDir(dataDir)
{
    m_ui->setupUi(this);
    // Whatever is already known (from petition-kiosk-admin init, say) is filled in.
    m_ui->organisationEdit->setText(settings.organisation());
    m_ui->stallNameEdit->setText(settings.stallName());
    m_ui->stallPlaceEdit->setText(settings.stallPlace());
    fillSecondsChoices(m_ui->idleTimeoutCombo, idleTimeoutChoices(), settings.idleTimeoutSeconds());
    fillLanguageChoices(m_ui->defaultLanguageCombo, languages, settings.defaultLanguage());
    m_ui->pinEdit->setInputMethodHints(Qt::ImhDigitsOnly);
    m_ui->pinRepeatEdit->setInputMethodHints(Qt::ImhDigitsOnly);

    m_dock = new KeyboardDock(this, m_ui->formScroll, m_ui->keyboard, settings.keyboard());
    m_dock->addField(m_ui->organisationEdit, OnScreenKeyboard::Mode::Name);
    m_dock->addField(m_ui->stallNameEdit, OnScreenKeyboard::Mode::Name);
    m_dock->addField(m_ui->stallPlaceEdit, OnScreenKeyboard::Mode::Name);
    m_dock->addField(m_ui->pinEdit, OnScreenKeyboard::Mode::Digits);
    m_dock->addField(m_ui->pinRepeatEdit, OnScreenKeyboard::Mode::Digits);
    connect(m_ui->finishButton, &QPushButton::clicked, this, &FirstRunPage::finish);
    connect(m_ui->findKeyButton, &QPushButton::clicked, this, &FirstRunPage::lookForKey);
    lookForKey();
}

void FirstRunPage::lookForKey()
{
    m_foundKey.clear();
    const SealingState state = m_store.sealing().state().valueOr({});
    m_needsKey = state.mode == SealingState::Mode::NotEnrolled;
    QStringList problems;
    if (m_needsKey) {
        const QStringList folders = QStringList { m_settings.campaignFolder() } + platform::removableDriveRoots();
        for (const QString& folder : folders) {
            const QString path = QDir(folder).filePath(CoordinatorKey::publicFileName());
            if (folder.isEmpty() || !QFileInfo::exists(path))
                continue;
            const Result<QByteArray> key = CoordinatorKey::readPublic(path);
            if (key) {
                m_foundKey = *key;
                m_foundPath = path;
                break;
            }
            problems << key.errorString();
        }
    }
    m_foundProblem = problems.join(QLatin1Char(' '));
    m_ui->findKeyButton->setVisible(m_needsKey && m_foundKey.isEmpty());
    retranslate();
}

FirstRunPage::~FirstRunPage() = default;

void FirstRunPage::retranslate()
{
    const SealingState state = m_store.sealing().state().valueOr({});
    if (state.sealed())
        m_ui->coordinatorKeyLabel->setText(
            tr("Signatures are sealed to the coordinator key %1. Read it back to your coordinator.")
                .arg(state.fingerprint));
    else if (state.mode == SealingState::Mode::Unsealed)
        m_ui->coordinatorKeyLabel->setText(
            tr("UNSEALED – test only. Names on this kiosk are not protected: do not collect real signatures."));
    else if (!m_foundKey.isEmpty())
        m_ui->coordinatorKeyLabel->setText(tr("Coordinator key found: %1. Read it back to your coordinator before "
                                              "you go on.")
                                               .arg(Sealing::fingerprint(m_foundKey)));
    else
        m_ui->coordinatorKeyLabel->setText(
            tr("The coordinator key is missing. Put the file coordinator.pub from your coordinator on a USB stick "
               "or into the campaign folder, then tap \"Look for the coordinator key again\".")
            + (m_foundProblem.isEmpty() ? QString()
                                        : QLatin1Char(' ') + tr("(A key file was found but cannot be used.)")));
    m_ui->gestureLabel->setText(tr("To open the volunteer admin screen later: press and hold the top-left corner of "
                                   "the screen for 3 seconds, then enter the PIN."));
    m_ui->dataFolderLabel->setText(tr("Signatures are kept in: %1").arg(QDir::toNativeSeparators(m_dataDir)));
}

void FirstRunPage::showError(const QString& message, QWidget* field)
{
    m_ui->setupError->setText(message);
    m_ui->setupError->show();
    if (field) {
        field->setFocus(Qt::OtherFocusReason);
        m_ui->formScroll->ensureWidgetVisible(field, 0, 80);
    }
}

void FirstRunPage::finish()
{
    const QString organisation = m_ui->organisationEdit->text().trimmed();
    const QString stall = m_ui->stallNameEdit->text().trimmed();
    const QString pin = m_ui->pinEdit->text();
    if (organisation.isEmpty())
        return showError(tr("Please name the organisation that collects the signatures."), m_ui->organisationEdit);
    if (stall.isEmpty())
        return showError(tr("Please give the stall a name."), m_ui->stallNameEdit);
    if (!AdminPin::problemWith(pin).isEmpty())
        return showError(
            tr("The PIN needs at least %1 digits, and digits only.").arg(AdminPin::MinDigits), m_ui->pinEdit);
    if (pin != m_ui->pinRepeatEdit->text())
        return showError(
            tr("The two PINs are not the same. Please type the PIN again in both fields."), m_ui->pinRepeatEdit);

    if (m_needsKey && m_foundKey.isEmpty())
        return showError(
            tr("The coordinator key is missing: the kiosk cannot protect names without it."), m_ui->findKeyButton);

    m_settings.setOrganisation(organisation);
    m_settings.setStallName(stall);
    m_settings.setStallPlace(m_ui->stallPlaceEdit->text());
    m_settings.setIdleTimeoutSeconds(m_ui->idleTimeoutCombo->currentData().toInt());
    m_settings.setDefaultLanguage(m_ui->defaultLanguageCombo->currentData().toString());
    if (m_needsKey) {
        if (const VoidResult enrolled = m_store.sealing().enrol(m_foundKey); !enrolled)
            return showError(
                tr("The coordinator key could not be used: %1").arg(volunteerStoreMessage(enrolled.error())),
                m_ui->findKeyButton);
        (void)m_store.audit().append(
            QStringLiteral("enrolled"), QStringLiteral("coordinator key ") + Sealing::fingerprint(m_foundKey));
        m_needsKey = false;
    }
    if (!m_settings.sync())
        return showError(tr("The settings could not be saved. Check that the data folder is writable, then try "
                            "again."),
            nullptr);
    if (m_pin.isSet()) {
        // Set up before (petition-kiosk-admin set-pin): the PIN entered must be that one.
        const AdminPin::Result opened = m_pin.verify(pin);
        if (opened.status != AdminPin::Status::Ok)
            return showError(tr("This kiosk has a PIN already. Please enter that PIN in both fields."), m_ui->pinEdit);
        m_key = opened.key;
    } else {
        const Result<std::shared_ptr<const SecretBytes>> key = m_pin.set(pin);
        if (!key)
            return showError(tr("The settings could not be saved. Check that the data folder is writable, then try "
                                "again."),
                nullptr);
        m_key = *key;
    }
    m_ui->setupError->hide();
    emit finished();
}

void FirstRunPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace kiosk
