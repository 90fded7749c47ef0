#include "firstrunpage.h"

#include "admin/adminpin.h"
#include "adminchoices.h"
#include "keyboarddock.h"
#include "ui_firstrunpage.h"

#include <QDir>

namespace kiosk {

FirstRunPage::FirstRunPage(
    KioskSettings& settings, AdminPin& pin, const QStringList& languages, const QString& dataDir, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::FirstRunPage>())
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
    retranslate();
}

FirstRunPage::~FirstRunPage() = default;

void FirstRunPage::retranslate()
{
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

    m_settings.setOrganisation(organisation);
    m_settings.setStallName(stall);
    m_settings.setStallPlace(m_ui->stallPlaceEdit->text());
    m_settings.setIdleTimeoutSeconds(m_ui->idleTimeoutCombo->currentData().toInt());
    m_settings.setDefaultLanguage(m_ui->defaultLanguageCombo->currentData().toString());
    if (!m_settings.sync() || !m_pin.set(pin))
        return showError(tr("The settings could not be saved. Check that the data folder is writable, then try "
                            "again."),
            nullptr);
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
