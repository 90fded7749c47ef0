#include "adminpage.h"

#include "core/campaignsource.h"
#include "core/devicekey.h"
#include "rulemessages.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAdmin, "kiosk.admin", QtInfoMsg)

#include "admin/adminpin.h"
#include "adminchoices.h"
#include "core/backup.h"
#include "core/batchexporter.h"
#include "core/batchverifier.h"
#include "core/kiosksettings.h"
#include "core/platform.h"
#include "core/signaturestore.h"
#include "core/version.h"
#include "keyboarddock.h"
#include "ui_adminpage.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QStorageInfo>
#include <QStyle>
#include <QTime>
#include <QTimer>

namespace kiosk {

AdminPage::AdminPage(SignatureStore& store, KioskSettings& settings, AdminPin& pin,
    std::shared_ptr<const SecretBytes> key, const QStringList& languages, const QString& dataDir, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AdminPage>())
    , m_store(store)
    , m_settings(settings)
    , m_pin(pin)
    , m_key(std::move(key))
    , m_languages(languages)
    , m_dataDir(dataDir)
{
    m_ui->setupUi(this);
    m_dock = new KeyboardDock(this, m_ui->formScroll, m_ui->keyboard, settings.keyboard());
    m_dock->addField(m_ui->stallNameEdit, OnScreenKeyboard::Mode::Name);
    m_dock->addField(m_ui->stallPlaceEdit, OnScreenKeyboard::Mode::Name);
    m_dock->addField(m_ui->campaignFolderEdit, OnScreenKeyboard::Mode::Email);
    m_dock->addField(m_ui->exportFolderEdit, OnScreenKeyboard::Mode::Email);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &AdminPage::exportBatch);
    connect(m_ui->exportTargetCombo, &QComboBox::currentIndexChanged, this, [this]() {
        const QString root = m_ui->exportTargetCombo->currentData().toString();
        m_ui->exportFolderEdit->setVisible(root.isEmpty());
    });
    m_dock->addField(m_ui->newPinEdit, OnScreenKeyboard::Mode::Digits);
    m_dock->addField(m_ui->repeatPinEdit, OnScreenKeyboard::Mode::Digits);

    m_exitConfirm = new QTimer(this);
    m_exitConfirm->setSingleShot(true);
    m_exitConfirm->setInterval(5000);
    connect(m_exitConfirm, &QTimer::timeout, this, &AdminPage::retranslate);

    connect(m_ui->closeButton, &QPushButton::clicked, this, &AdminPage::closeRequested);
    connect(m_ui->saveSettingsButton, &QPushButton::clicked, this, &AdminPage::saveSettings);
    connect(m_ui->savePinButton, &QPushButton::clicked, this, &AdminPage::savePin);
    connect(m_ui->exitButton, &QPushButton::clicked, this, &AdminPage::exitTapped);
    m_closeConfirm = new QTimer(this);
    m_closeConfirm->setSingleShot(true);
    m_closeConfirm->setInterval(5000);
    connect(m_closeConfirm, &QTimer::timeout, this, &AdminPage::retranslate);
    connect(m_ui->closeStallButton, &QPushButton::clicked, this, &AdminPage::closeStallTapped);
    connect(m_ui->closeWithoutExportButton, &QPushButton::clicked, this, [this]() { closeStall(false); });
    connect(m_ui->changePinButton, &QPushButton::toggled, this, [this](bool on) {
        m_ui->pinBox->setVisible(on);
        m_ui->newPinEdit->clear();
        m_ui->repeatPinEdit->clear();
        m_ui->pinError->hide();
        if (on)
            m_ui->newPinEdit->setFocus(Qt::OtherFocusReason);
    });
    connect(m_ui->pauseButton, &QPushButton::toggled, this, [this](bool paused) {
        if (paused == m_settings.paused())
            return;
        m_settings.setPaused(paused);
        m_settings.sync();
        (void)m_store.audit().append(paused ? QStringLiteral("kiosk paused") : QStringLiteral("kiosk resumed"));
        retranslate();
        refresh();
        emit pausedChanged(paused);
    });
    retranslate();
    refresh();
    refreshDrives();
}

AdminPage::~AdminPage() = default;

void AdminPage::askForNewPin()
{
    m_ui->changePinButton->setChecked(true);
    m_ui->pinError->setText(tr("Please choose a new PIN of at least %1 digits now. The old PIN is shorter, from "
                               "before this kiosk sealed its data.")
                                .arg(AdminPin::MinDigits));
    m_ui->pinError->show();
}

void AdminPage::addRemovableDrives(QComboBox* combo, const QString& folder)
{
    // Each mounted removable drive (a stick, an SD card), named with its free space; the item holds `folder` on it.
    for (const QString& root : platform::removableDriveRoots()) {
        const QStorageInfo volume(root);
        combo->addItem(
            tr("%1 (%2 free)").arg(volume.displayName(), QLocale().formattedDataSize(volume.bytesAvailable())),
            QDir(root).filePath(folder));
    }
}

void AdminPage::refreshDrives()
{
    m_ui->exportTargetCombo->clear();
    addRemovableDrives(m_ui->exportTargetCombo, QStringLiteral("petition-batches"));
    m_ui->exportTargetCombo->addItem(tr("Another folder (type it below)"), QString());
    m_ui->exportFolderEdit->setVisible(m_ui->exportTargetCombo->currentData().toString().isEmpty());
}

void AdminPage::fillBackupTargets()
{
    // This kiosk's own disk (the default), every removable drive left plugged in (an SD card, a stick), and the
    // folder set in kiosk.ini if it is another one.
    QComboBox* combo = m_ui->backupTargetCombo;
    const QSignalBlocker quiet(combo);
    combo->clear();
    combo->addItem(tr("This kiosk's own disk (the data folder)"), QString());
    addRemovableDrives(combo, QStringLiteral("petition-backups"));
    const QString current = m_settings.backupFolder();
    if (!current.isEmpty() && combo->findData(current) < 0)
        combo->addItem(QDir::toNativeSeparators(current), current);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
    showBackupNote();
}

void AdminPage::showBackupNote()
{
    // Backups on the data folder's own disk guard against a damaged database, not a dead disk or a stolen laptop.
    const QString folder = Backup::folderFor(m_settings, m_dataDir);
    QString existing = folder;
    while (!QFileInfo::exists(existing) && QFileInfo(existing).absolutePath() != existing)
        existing = QFileInfo(existing).absolutePath();
    const bool sameDisk = QStorageInfo(existing).rootPath() == QStorageInfo(m_dataDir).rootPath();
    m_ui->backupNote->setText(sameDisk ? tr("Backups go to the same disk as the signatures: they help if the "
                                            "database is damaged, but not if the disk dies or the laptop is stolen. "
                                            "Leave an SD card or a stick plugged in and choose it here.")
                                       : QString());
    m_ui->backupNote->setVisible(sameDisk);
}

bool AdminPage::backupsOnTheSameDisk() const
{
    return m_ui->backupNote->isVisible();
}

QString AdminPage::exportTarget() const
{
    const QString drive = m_ui->exportTargetCombo->currentData().toString();
    return drive.isEmpty() ? m_ui->exportFolderEdit->text().trimmed() : drive;
}

void AdminPage::exportBatch()
{
    const QString target = exportTarget();
    if (target.isEmpty()) {
        m_ui->exportMessage->setText(tr("Choose a drive, or type the folder to export to."));
        m_ui->exportMessage->show();
        return;
    }
    m_ui->exportButton->setEnabled(false);
    m_ui->exportProgress->setValue(0);
    m_ui->exportProgress->show();
    m_ui->exportMessage->hide();
    BatchExporter exporter(m_store, QStringLiteral(KIOSK_VERSION));
    const auto result = exporter.exportNew(target, m_settings.stallId(), [this](qint64 done, qint64 total) {
        m_ui->exportProgress->setMaximum(int(qMin<qint64>(total, INT_MAX)));
        m_ui->exportProgress->setValue(int(qMin<qint64>(done, INT_MAX)));
        // Paint the progress; no taps are taken while the batch is written.
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    });
    m_ui->exportProgress->hide();
    m_ui->exportButton->setEnabled(true);
    if (result.status == BatchExporter::Outcome::Status::Failed)
        qCWarning(lcAdmin) << "export failed:" << result.error;
    m_ui->exportMessage->setText(exportMessage(result));
    m_ui->exportMessage->show();
    refresh();
}

void AdminPage::retranslate()
{
    m_ui->pauseButton->setText(m_ui->pauseButton->isChecked() ? tr("Resume the kiosk") : tr("Pause the kiosk"));
    m_ui->exitButton->setText(m_exitConfirm->isActive() ? tr("Tap again to exit") : tr("Exit the kiosk app"));
    m_ui->closeStallButton->setText(
        m_closeConfirm->isActive() ? tr("Tap again to close the stall and switch off") : tr("Close the stall"));
    m_ui->dataFolderLabel->setText(tr("Signatures are kept in: %1").arg(QDir::toNativeSeparators(m_dataDir)));
}

void AdminPage::setWarnings(const QStringList& warnings)
{
    m_ui->conditionsBanner->setText(warnings.join(QLatin1Char('\n')));
    m_ui->conditionsBanner->setVisible(!warnings.isEmpty());
}

void AdminPage::powerOffRefused(const QString& why)
{
    m_ui->closeStallProgress->setText(m_ui->closeStallProgress->text() + QLatin1Char('\n')
        + tr("This kiosk may not switch the machine off (%1). The kiosk app closes instead: switch off with the "
             "power button.")
              .arg(why));
    m_ui->closeStallProgress->show();
}

QString AdminPage::warningsShown() const
{
    return m_ui->conditionsBanner->isVisible() ? m_ui->conditionsBanner->text() : QString();
}

void AdminPage::refresh()
{
    if (const Result<SignatureCounts> counts = m_store.signatures().counts()) {
        m_ui->todayValue->setText(QString::number(counts->today));
        m_ui->totalValue->setText(QString::number(counts->total));
        m_ui->unexportedValue->setText(QString::number(counts->unexported));
        const int goal = m_settings.dayGoal();
        m_ui->goalLabel->setText(goal > 0 ? tr("Today %1 of the day's goal of %2 (%3%)")
                                                .arg(counts->today)
                                                .arg(goal)
                                                .arg(std::min<qint64>(999, counts->today * 100 / goal))
                                          : QString());
        m_ui->goalLabel->setVisible(goal > 0);
    }
    if (const Result<QList<qint64>> hours = m_store.signatures().perHourToday())
        m_ui->hourlyChart->setCounts(*hours, QTime::currentTime().hour());
    const auto shortTime = [this](const QString& key) {
        const QDateTime at = m_store.meta().time(key).valueOr({});
        return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : tr("never");
    };
    m_ui->lastExportValue->setText(shortTime(MetaKey::LastExportAt));
    const SealingState sealing = m_store.sealing().state().valueOr({});
    const QString deviceKey = DeviceKey::fingerprintIn(m_dataDir);
    m_ui->sealingBadge->setText(!sealing.sealed() ? tr("UNSEALED – test only")
            : deviceKey.isEmpty()
            ? tr("Sealed to coordinator key %1").arg(sealing.fingerprint)
            : tr("Sealed to coordinator key %1\nThis kiosk's own key %2").arg(sealing.fingerprint, deviceKey));
    m_ui->sealingBadge->setProperty("warning", !sealing.sealed());
    m_ui->sealingBadge->style()->unpolish(m_ui->sealingBadge);
    m_ui->sealingBadge->style()->polish(m_ui->sealingBadge);
    m_ui->lastBackupValue->setText(shortTime(MetaKey::LastBackupAt));

    const QSignalBlocker block(m_ui->pauseButton);
    m_ui->pauseButton->setChecked(m_settings.paused());
    m_ui->stallNameEdit->setText(m_settings.stallName());
    m_ui->stallPlaceEdit->setText(m_settings.stallPlace());
    fillSecondsChoices(m_ui->idleTimeoutCombo, idleTimeoutChoices(), m_settings.idleTimeoutSeconds());
    fillSecondsChoices(m_ui->thankYouCombo, thankYouChoices(), m_settings.thankYouSeconds());
    fillLanguageChoices(m_ui->defaultLanguageCombo, m_languages, m_settings.defaultLanguage());
    m_ui->themeCombo->clear();
    m_ui->themeCombo->addItem(tr("Standard"), KioskSettings::themeName(KioskSettings::Theme::Standard));
    m_ui->themeCombo->addItem(
        tr("High contrast (bright sunlight)"), KioskSettings::themeName(KioskSettings::Theme::HighContrast));
    m_ui->themeCombo->setCurrentIndex(m_ui->themeCombo->findData(KioskSettings::themeName(m_settings.theme())));
    m_ui->keyboardCombo->clear();
    m_ui->keyboardCombo->addItem(
        tr("Built-in on-screen keyboard"), KioskSettings::keyboardName(KioskSettings::Keyboard::BuiltIn));
    m_ui->keyboardCombo->addItem(
        tr("System or hardware keyboard"), KioskSettings::keyboardName(KioskSettings::Keyboard::System));
    m_ui->keyboardCombo->setCurrentIndex(
        m_ui->keyboardCombo->findData(KioskSettings::keyboardName(m_settings.keyboard())));
    m_ui->hidePointerCheck->setChecked(m_settings.hidePointer());
    m_ui->dayGoalSpin->setValue(m_settings.dayGoal());
    m_ui->backupEverySpin->setValue(m_settings.backupEvery());
    fillBackupTargets();
    m_ui->campaignFolderEdit->setText(m_settings.campaignFolder());

    QStringList lines;
    for (const AuditEntry& e : m_store.audit().newest(50).valueOr({}))
        lines << QStringLiteral("%1  %2%3")
                     .arg(QLocale().toString(e.at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")), e.action,
                         e.detail.isEmpty() ? QString() : QStringLiteral(" (") + e.detail + QLatin1Char(')'));
    m_ui->auditView->setPlainText(lines.join(QLatin1Char('\n')));
    retranslate();
}

void AdminPage::showMessage(const QString& text)
{
    m_ui->settingsMessage->setText(text);
    m_ui->settingsMessage->setVisible(!text.isEmpty());
}

void AdminPage::saveSettings()
{
    const QString stall = m_ui->stallNameEdit->text().trimmed();
    if (stall.isEmpty()) {
        showMessage(tr("The stall needs a name."));
        m_ui->stallNameEdit->setFocus(Qt::OtherFocusReason);
        return;
    }
    // What changed, for the audit log: setting names and values, never a signer's data.
    QStringList changed;
    const auto note = [&changed](const char* key, const QString& before, const QString& after) {
        if (before != after)
            changed << QStringLiteral("%1=%2").arg(QLatin1String(key), after);
    };
    const int idle = m_ui->idleTimeoutCombo->currentData().toInt();
    const int thanks = m_ui->thankYouCombo->currentData().toInt();
    const QString language = m_ui->defaultLanguageCombo->currentData().toString();
    const QString theme = m_ui->themeCombo->currentData().toString();
    const QString keyboard = m_ui->keyboardCombo->currentData().toString();
    const bool hidePointer = m_ui->hidePointerCheck->isChecked();
    const QString folder = m_ui->campaignFolderEdit->text().trimmed();
    note("stall_name", m_settings.stallName(), stall);
    note("stall_place", m_settings.stallPlace(), m_ui->stallPlaceEdit->text().trimmed());
    note("idle_timeout", QString::number(m_settings.idleTimeoutSeconds()), QString::number(idle));
    note("thank_you_delay", QString::number(m_settings.thankYouSeconds()), QString::number(thanks));
    note("default_language", m_settings.defaultLanguage(), language);
    note("theme", KioskSettings::themeName(m_settings.theme()), theme);
    note("keyboard", KioskSettings::keyboardName(m_settings.keyboard()), keyboard);
    note("hide_pointer", m_settings.hidePointer() ? QStringLiteral("yes") : QStringLiteral("no"),
        hidePointer ? QStringLiteral("yes") : QStringLiteral("no"));
    note("campaign_folder", m_settings.campaignFolder(), folder);
    note("day_goal", QString::number(m_settings.dayGoal()), QString::number(m_ui->dayGoalSpin->value()));
    const QString backupFolder = m_ui->backupTargetCombo->currentData().toString();
    note("backup_folder", m_settings.backupFolder(), backupFolder);
    note("backup_every", QString::number(m_settings.backupEvery()), QString::number(m_ui->backupEverySpin->value()));
    if (changed.isEmpty()) {
        showMessage(tr("Nothing has changed."));
        return;
    }
    // A folder the kiosk would refuse at its next start is not saved; the volunteer sees why now.
    if (!folder.isEmpty() && folder != m_settings.campaignFolder()) {
        if (const Result<Campaign> checked = CampaignSource::check(folder, m_store); !checked) {
            showMessage(tr("The campaign folder was not saved, because the kiosk cannot use it: %1")
                            .arg(checked.errorString()));
            return;
        }
    }
    // A backup folder must take files now, not at the next backup; nothing is saved otherwise.
    if (!backupFolder.isEmpty() && backupFolder != m_settings.backupFolder()
        && (!QDir().mkpath(backupFolder) || !QFileInfo(backupFolder).isWritable())) {
        showMessage(tr("The backup folder was not saved: the kiosk cannot write to %1.")
                        .arg(QDir::toNativeSeparators(backupFolder)));
        return;
    }
    m_settings.setStallName(stall);
    m_settings.setStallPlace(m_ui->stallPlaceEdit->text());
    m_settings.setIdleTimeoutSeconds(idle);
    m_settings.setThankYouSeconds(thanks);
    m_settings.setDefaultLanguage(language);
    m_settings.setTheme(
        theme == QLatin1String("high-contrast") ? KioskSettings::Theme::HighContrast : KioskSettings::Theme::Standard);
    m_settings.setKeyboard(
        keyboard == QLatin1String("system") ? KioskSettings::Keyboard::System : KioskSettings::Keyboard::BuiltIn);
    m_settings.setHidePointer(hidePointer);
    m_settings.setCampaignFolder(folder);
    m_settings.setDayGoal(m_ui->dayGoalSpin->value());
    m_settings.setBackupFolder(backupFolder);
    m_settings.setBackupEvery(m_ui->backupEverySpin->value());
    showBackupNote();
    if (!m_settings.sync()) {
        showMessage(tr("The settings could not be saved. Check that the data folder is writable."));
        return;
    }
    (void)m_store.audit().append(QStringLiteral("settings changed"), changed.join(QStringLiteral(", ")));
    const bool campaignChanged = changed.join(QLatin1Char(' ')).contains(QLatin1String("campaign_folder="));
    showMessage(campaignChanged ? tr("Saved. The new campaign folder is used from the next start of the kiosk.")
                                : tr("Saved."));
    refresh();
    emit settingsChanged();
}

void AdminPage::savePin()
{
    const QString pin = m_ui->newPinEdit->text();
    QString problem;
    if (!AdminPin::problemWith(pin).isEmpty())
        problem = tr("The PIN needs at least %1 digits, and digits only.").arg(AdminPin::MinDigits);
    else if (pin != m_ui->repeatPinEdit->text())
        problem = tr("The two PINs are not the same. Please type the PIN again in both fields.");
    else if (!m_key || !m_pin.set(pin, m_key.get()))
        problem = tr("The PIN could not be saved. Check that the data folder is writable.");
    if (!problem.isEmpty()) {
        m_ui->pinError->setText(problem);
        m_ui->pinError->show();
        return;
    }
    (void)m_store.audit().append(QStringLiteral("PIN changed"));
    m_ui->changePinButton->setChecked(false);
    m_ui->controlMessage->setText(tr("The new PIN is saved."));
    m_ui->controlMessage->show();
    refresh();
}

void AdminPage::exitTapped()
{
    // A second tap within 5 seconds: no accidental exits, and no pop-up.
    if (!m_exitConfirm->isActive()) {
        m_exitConfirm->start();
        retranslate();
        return;
    }
    m_exitConfirm->stop();
    (void)m_store.audit().append(QStringLiteral("kiosk exited"));
    emit exitRequested();
}

void AdminPage::closeStallTapped()
{
    // A second tap within 5 seconds, as for Exit.
    if (!m_closeConfirm->isActive()) {
        m_closeConfirm->start();
        retranslate();
        return;
    }
    m_closeConfirm->stop();
    retranslate();
    closeStall(true);
}

void AdminPage::closeStall(bool exportFirst)
{
    m_ui->closeWithoutExportButton->hide();
    m_ui->closeStallProgress->show();
    QStringList done;
    const auto say = [this, &done](const QString& line) {
        done << line;
        m_ui->closeStallProgress->setText(done.join(QLatin1Char('\n')));
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    };
    const auto stop = [&](const QString& problem) {
        say(problem);
        (void)m_store.audit().append(QStringLiteral("stall not closed"), problem.left(200));
        refresh();
    };
    QString detail;
    // 1 and 2: export what is new to the stick, and verify the batch on it with verify's own code.
    if (exportFirst) {
        const QString target = exportTarget();
        if (target.isEmpty() || !QFileInfo(target).isDir()) {
            say(tr("No stick was found. Plug in your stick, choose it under Export, and tap Close the stall again; or "
                   "close without exporting (the signatures stay on this kiosk for next time)."));
            m_ui->closeWithoutExportButton->show();
            return;
        }
        say(tr("1. Exporting the new signatures…"));
        BatchExporter exporter(m_store, QStringLiteral(KIOSK_VERSION));
        const BatchExporter::Outcome exported = exporter.exportNew(target, m_settings.stallId());
        if (exported.status == BatchExporter::Outcome::Status::Failed)
            return stop(tr("Export failed: %1 The stall is still open; nothing was switched off.")
                            .arg(exportMessage(exported)));
        if (exported.status == BatchExporter::Outcome::Status::NothingNew) {
            say(tr("1. Nothing new to export: every signature is already on a stick."));
            detail = QStringLiteral("nothing new to export");
        } else {
            say(tr("1. Exported. Signatures in the batch: %1.").arg(exported.rows));
            say(tr("2. Checking the batch on the stick…"));
            const BatchVerifier::Result checked = BatchVerifier::verify(exported.folder);
            if (!checked.ok) {
                // Not on the stick after all (pulled out, or a failing stick): its signatures count as not exported
                // again, so that the next try exports them.
                const VoidResult unmarked = m_store.ledger().unmark(exported.batchId);
                return stop(tr("The batch on the stick does not check out (%1). Keep the stick plugged in and tap "
                               "Close the stall again: the kiosk still has every signature%2.")
                                .arg(checked.problems.value(0, tr("it is missing")),
                                    unmarked ? tr(", and will export them again") : QString()));
            }
            say(tr("2. The batch on the stick checks out. Signatures in it: %1.").arg(checked.rows));
            detail = QStringLiteral("batch %1 verified, %2 rows").arg(exported.batchId).arg(checked.rows);
        }
    } else {
        say(tr("1–2. Not exported: the signatures stay on this kiosk. Export them next time."));
        detail = QStringLiteral("closed without exporting");
    }
    // 3: a backup.
    say(tr("3. Making a backup…"));
    const Result<QString> backup = Backup::run(m_store, Backup::folderFor(m_settings, m_dataDir), m_settings.stallId());
    if (!backup)
        return stop(tr("The backup failed: %1. The stall is still open; nothing was switched off.")
                        .arg(volunteerStoreMessage(backup.failure().kind)));
    say(tr("3. Backup made."));
    // 4: the audit entry; 5: switching off (the app asks the system).
    if (const VoidResult audited = m_store.audit().append(QStringLiteral("stall closed"), detail); !audited)
        return stop(tr("The audit log could not be written. The stall is still open."));
    say(tr("4. Written in the audit log. 5. Switching off…"));
    emit powerOffRequested();
}

void AdminPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        refresh();
    }
    QWidget::changeEvent(event);
}

} // namespace kiosk
