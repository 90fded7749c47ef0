// First-run set-up, the corner gesture and PIN pad, the lockout, the admin screen and the kiosk lock-down,
// driven through the real window offscreen.

#include "core/coordinatorkey.h"
#include "core/devicekey.h"
#include "gui/touchmetrics.h"
#include "kioskfixture.h"

#include <QDirIterator>
#include <QPasswordDigestor>

#include "core/batchexporter.h"
#include "core/batchverifier.h"
#include "core/signature.h"
#include "gui/adminpage.h"
#include "gui/attractpage.h"
#include "gui/hourlychart.h"
#include "gui/pinpad.h"
#include "gui/startupproblem.h"
#include "testsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStorageInfo>
#include <QTimer>

#include <cmath>
#include <unistd.h>

using namespace kiosk;
using namespace kiosk::test; // KioskFixture, Screen

namespace {

KioskWindow::Options quickOptions(bool kioskMode = false)
{
    KioskWindow::Options o;
    o.kioskMode = kioskMode;
    o.gestureHoldMs = 150;
    return o;
}

// Press and hold the top-left corner, as a volunteer does.
void holdCorner(KioskWindow* window)
{
    QWidget* target = window->childAt(QPoint(10, 10));
    QVERIFY(target);
    const QPoint at = target->mapFrom(window, QPoint(10, 10));
    QTest::mousePress(target, Qt::LeftButton, {}, at);
    QTRY_VERIFY(window->pinPadShown());
    QTest::mouseRelease(target, Qt::LeftButton, {}, at);
}

void typePin(KioskWindow* window, const QString& pin)
{
    auto* pad = window->findChild<PinPad*>();
    for (const QChar c : pin)
        QTest::mouseClick(pad->findChild<QAbstractButton*>(QStringLiteral("pin_") + c), Qt::LeftButton);
    QTest::mouseClick(pad->findChild<QAbstractButton*>(QStringLiteral("pinOk")), Qt::LeftButton);
}

QStringList auditActions(SignatureStore& store)
{
    QStringList actions;
    for (const AuditEntry& e : store.audit().newest(100).valueOr({}))
        actions.prepend(e.action);
    return actions;
}

void openAdmin(KioskFixture& k)
{
    holdCorner(k.window.get());
    typePin(k.window.get(), test::testPin());
    QTRY_COMPARE(k.window->currentScreen(), Screen::Admin);
}

} // namespace

class TestAdmin final : public QObject
{
    Q_OBJECT

private slots:
    void firstRunSetsTheKioskUp();
    void cornerGestureAndPinOpenTheAdminScreen();
    void theStallOpensWithThePinAtEveryStart();
    void aShortPinFromBeforeSealingMustBeChanged();
    void aShortTapInTheCornerIsAnOrdinaryTap();
    void openingAdminForgetsTheSigner();
    void theHeaderShowsTheKeys();
    void theHeaderFitsEveryScreen_data();
    void theHeaderFitsEveryScreen();
    void wrongPinsLockThePadEvenAfterARestart();
    void closeRequestsAndKeysAreIgnoredInKioskMode();
    void windowedModeClosesNormally();
    void pauseShowsBackSoonAndTakesNoSignatures();
    void exitNeedsTwoTapsAndEndsTheApp();
    void settingsTakeEffect();
    void aCampaignFolderTheKioskWouldRefuseIsNotSaved();
    void pinCanBeChanged();
    void adminScreenClosesAfterIdle();
    void hidePointerSetting();
    void exportFromTheAdminScreen();
    void everyAdminActionIsAudited();
    void freshDatabaseIsOfferedForADamagedOne();
    void backupAfterEveryNSignatures();
    void aLowBatteryIsShownAndAnEmptyOneHoldsSigning();
    void aFillingDiskWarnsThenHoldsSigning();
    void progressShowsEachHourAndTheDayGoal();
    void closingTheStallExportsVerifiesBacksUpAndSwitchesOff();
    void closingTheStallStopsWhenTheStickIsMissingOrPulled();
    void backupSettingsAreOnTheAdminScreen();
};

void TestAdmin::firstRunSetsTheKioskUp()
{
    KioskFixture k({ 1280, 800 }, /*setUp=*/false, quickOptions());
    QCOMPARE(k.window->currentScreen(), Screen::FirstRun);
    auto* page = k.window->findChild<QWidget*>(QStringLiteral("FirstRunPage"));
    QVERIFY(
        page->findChild<QLabel*>(QStringLiteral("gestureLabel"))->text().contains(QLatin1String("top-left corner")));
    QVERIFY(page->findChild<QLabel*>(QStringLiteral("dataFolderLabel"))->text().contains(k.dir.path()));
    // The corner gesture does nothing before there is a PIN.
    k.window->openPinPad();
    QVERIFY(!k.window->pinPadShown());

    const auto field = [page](const char* name) { return page->findChild<QLineEdit*>(QString::fromLatin1(name)); };
    const auto finish = [page]() {
        QTest::mouseClick(page->findChild<QAbstractButton*>(QStringLiteral("finishButton")), Qt::LeftButton);
    };
    auto* error = page->findChild<QLabel*>(QStringLiteral("setupError"));
    finish();
    QVERIFY(error->isVisible());
    QCOMPARE(k.window->currentScreen(), Screen::FirstRun);

    // No coordinator key yet: the page says what to do, and the kiosk cannot be finished without one.
    auto* keyLabel = page->findChild<QLabel*>(QStringLiteral("coordinatorKeyLabel"));
    QVERIFY(keyLabel->text().contains(QLatin1String("coordinator.pub")));
    // The coordinator's key arrives in the campaign folder; "Look again" finds it and shows its fingerprint.
    QTemporaryDir campaignFolder;
    {
        QFile pub(campaignFolder.filePath(QStringLiteral("coordinator.pub")));
        QVERIFY(pub.open(QIODevice::WriteOnly));
        pub.write(CoordinatorKey::publicFileText(test::coordinatorKeys()->publicKey));
    }
    k.settings->setCampaignFolder(campaignFolder.path());
    QTest::mouseClick(page->findChild<QAbstractButton*>(QStringLiteral("findKeyButton")), Qt::LeftButton);
    const QString fingerprint = Sealing::fingerprint(test::coordinatorKeys()->publicKey);
    QVERIFY2(keyLabel->text().contains(fingerprint), qPrintable(keyLabel->text()));

    field("organisationEdit")->setFocus();
    test::typeText(field("organisationEdit"), QStringLiteral("Friends of the Petition"));
    test::typeText(field("stallNameEdit"), QStringLiteral("Market Square"));
    test::typeText(field("stallPlaceEdit"), QStringLiteral("Leeds"));
    // The PIN is typed on the on-screen keyboard's digit keys.
    field("pinEdit")->setFocus();
    auto* keyboard = page->findChild<OnScreenKeyboard*>();
    QTRY_COMPARE(keyboard->mode(), OnScreenKeyboard::Mode::Digits);
    for (const char* key : { "key_1", "key_3", "key_5", "key_7", "key_9", "key_0", "key_2", "key_4" })
        QTest::mouseClick(keyboard->findChild<QAbstractButton*>(QString::fromLatin1(key)), Qt::LeftButton);
    QCOMPARE(field("pinEdit")->text(), QStringLiteral("13579024"));
    test::typeText(field("pinRepeatEdit"), QStringLiteral("13579124"));
    finish();
    QVERIFY(error->text().contains(QLatin1String("not the same")));
    QCOMPARE(field("organisationEdit")->text(), QStringLiteral("Friends of the Petition")); // nothing typed is lost
    field("pinRepeatEdit")->clear();
    test::typeText(field("pinRepeatEdit"), QStringLiteral("13579024"));
    auto* idle = page->findChild<QComboBox*>(QStringLiteral("idleTimeoutCombo"));
    idle->setCurrentIndex(idle->findData(90));
    auto* language = page->findChild<QComboBox*>(QStringLiteral("defaultLanguageCombo"));
    language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
    finish();

    QTRY_COMPARE(k.window->currentScreen(), Screen::Attract);
    QCOMPARE(k.settings->organisation(), QStringLiteral("Friends of the Petition"));
    QCOMPARE(k.settings->stallName(), QStringLiteral("Market Square"));
    QCOMPARE(k.settings->stallId(), QStringLiteral("market-square"));
    QCOMPARE(k.settings->stallPlace(), QStringLiteral("Leeds"));
    QCOMPARE(k.settings->idleTimeoutSeconds(), 90);
    QCOMPARE(k.window->timing().idleMs, 90000);
    QCOMPARE(k.window->language(), QStringLiteral("zh_CN"));
    QCOMPARE(AdminPin(k.store).verify(QStringLiteral("13579024")).status, AdminPin::Status::Ok);
    QVERIFY(auditActions(k.store).contains(QStringLiteral("set-up completed")));
    // Enrolled: sealed to the key it showed, and the stall is open at once.
    QCOMPARE(k.store.sealing().state().valueOr({}).fingerprint, fingerprint);
    QVERIFY(k.store.sealing().isUnlocked());
}

void TestAdmin::theStallOpensWithThePinAtEveryStart()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    const QString data = k.dir.path();
    k.window.reset();
    k.store.close();
    // A restart: nothing is unlocked until a volunteer opens the stall.
    SignatureStore store;
    QVERIFY(store.open(data));
    KioskSettings settings(data);
    KioskWindow window(store, settings, k.campaign, quickOptions());
    window.resize(1280, 800);
    window.show();
    QApplication::setActiveWindow(&window);
    QCOMPARE(window.currentScreen(), Screen::Closed);
    QVERIFY(!store.sealing().isUnlocked());
    auto* open = window.findChild<QAbstractButton*>(QStringLiteral("openButton"));
    QVERIFY(open && open->isVisible());
    QVERIFY(open->height() >= TouchMetrics::MinTarget);
    // A passer-by's tap on the closed screen starts nothing.
    QTest::mouseClick(&window, Qt::LeftButton, {}, QPoint(640, 100));
    QCOMPARE(window.currentScreen(), Screen::Closed);
    QTest::mouseClick(open, Qt::LeftButton);
    QVERIFY(window.pinPadShown());
    typePin(&window, QStringLiteral("11111111"));
    QVERIFY(window.pinPadShown());
    QCOMPARE(window.currentScreen(), Screen::Closed);
    typePin(&window, test::testPin());
    QTRY_COMPARE(window.currentScreen(), Screen::Attract);
    QVERIFY(!window.pinPadShown());
    QVERIFY(store.sealing().isUnlocked());
    QVERIFY(auditActions(store).contains(QStringLiteral("stall opened")));
    // The stall is open: a wipe goes back to the attract screen, not to "closed".
    window.wipe();
    QCOMPARE(window.currentScreen(), Screen::Attract);
}

void TestAdmin::aShortPinFromBeforeSealingMustBeChanged()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    const QString data = k.dir.path();
    k.window.reset();
    // What wave 1 stored for the PIN 135790: a PBKDF2 hash, and no wrapped key.
    const QByteArray salt = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    const QByteArray hash
        = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, QByteArrayLiteral("135790"), salt, 100000, 32);
    QVERIFY(k.store.meta().setValues({ { QStringLiteral("pin_kd_wrap"), QString() },
        { QStringLiteral("admin_pin_pbkdf2_sha256"), QString::fromLatin1(hash.toHex()) },
        { QStringLiteral("admin_pin_salt"), QString::fromLatin1(salt.toHex()) },
        { QStringLiteral("admin_pin_iterations"), QStringLiteral("100000") } }));
    k.store.sealing().lock();
    KioskWindow window(k.store, *k.settings, k.campaign, quickOptions());
    window.resize(1280, 800);
    window.show();
    QCOMPARE(window.currentScreen(), Screen::Closed);
    QTest::mouseClick(window.findChild<QAbstractButton*>(QStringLiteral("openButton")), Qt::LeftButton);
    typePin(&window, QStringLiteral("135790"));
    // Open, but on the admin screen's "Change PIN", saying why.
    QTRY_COMPARE(window.currentScreen(), Screen::Admin);
    auto* admin = window.findChild<QWidget*>(QStringLiteral("AdminPage"));
    QVERIFY(admin->findChild<QWidget*>(QStringLiteral("pinBox"))->isVisible());
    QVERIFY(admin->findChild<QLabel*>(QStringLiteral("pinError"))->text().contains(QLatin1String("8 digits")));
    admin->findChild<QLineEdit*>(QStringLiteral("newPinEdit"))->setText(QStringLiteral("97531024"));
    admin->findChild<QLineEdit*>(QStringLiteral("repeatPinEdit"))->setText(QStringLiteral("97531024"));
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("savePinButton")), Qt::LeftButton);
    const AdminPin::Result now = AdminPin(k.store).verify(QStringLiteral("97531024"));
    QCOMPARE(now.status, AdminPin::Status::Ok);
    QVERIFY(!now.mustChange);
    QVERIFY(k.store.meta().value(QStringLiteral("admin_pin_pbkdf2_sha256")).valueOr({}).isEmpty());
}

void TestAdmin::cornerGestureAndPinOpenTheAdminScreen()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    holdCorner(k.window.get());
    // Lifting the finger that opened the pad is not a tap on the attract screen.
    QCOMPARE(k.window->currentScreen(), Screen::Attract);
    typePin(k.window.get(), test::testPin());
    QTRY_COMPARE(k.window->currentScreen(), Screen::Admin);
    QVERIFY(!k.window->pinPadShown());
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    QCOMPARE(admin->findChild<QLabel*>(QStringLiteral("totalValue"))->text(), QStringLiteral("0"));
    QCOMPARE(admin->findChild<QLabel*>(QStringLiteral("lastExportValue"))->text(), QStringLiteral("never"));
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("closeButton")), Qt::LeftButton);
    QCOMPARE(k.window->currentScreen(), Screen::Attract);
    QTRY_VERIFY(k.window->findChild<QWidget*>(QStringLiteral("AdminPage")) == nullptr); // destroyed on close
}

void TestAdmin::aShortTapInTheCornerIsAnOrdinaryTap()
{
    KioskWindow::Options options = quickOptions();
    options.gestureHoldMs = 3000;
    KioskFixture k({ 1280, 800 }, true, options);
    QWidget* target = k.window->childAt(QPoint(10, 10));
    QTest::mouseClick(target, Qt::LeftButton, {}, target->mapFrom(k.window.get(), QPoint(10, 10)));
    QCOMPARE(k.window->currentScreen(), Screen::Info);
    QTest::qWait(100);
    QVERIFY(!k.window->pinPadShown());
}

void TestAdmin::openingAdminForgetsTheSigner()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    QVERIFY(k.walkToSignForm());
    auto* name = k.inSign<QLineEdit>(QStringLiteral("nameEdit"));
    name->setFocus();
    test::typeText(name, QStringLiteral("Previous Signer"));
    QPointer<SignPage> form = k.signPage();
    openAdmin(k);
    QTRY_VERIFY(form.isNull());
    for (QLineEdit* edit : k.window->findChildren<QLineEdit*>())
        QVERIFY(!edit->text().contains(QLatin1String("Previous Signer")));
}

// The header says whether names are sealed, to which coordinator key, and which key signs this kiosk's batches: the
// fingerprints a coordinator reads off when setting the kiosk up.
void TestAdmin::theHeaderShowsTheKeys()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    openAdmin(k);
    const QString badge = k.find<QLabel>(QStringLiteral("sealingBadge"))->text();
    const SealingState sealing = k.store.sealing().state().valueOr({});
    if (!sealing.sealed()) {
        QVERIFY2(badge.contains(QStringLiteral("UNSEALED")), qPrintable(badge));
        return;
    }
    QVERIFY2(badge.contains(sealing.fingerprint), qPrintable(badge));
    const QString deviceKey = DeviceKey::fingerprintIn(k.dir.path());
    QVERIFY(!deviceKey.isEmpty());
    QVERIFY2(badge.contains(deviceKey), qPrintable(badge));
}

void TestAdmin::theHeaderFitsEveryScreen_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("1280x800") << QSize(1280, 800);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
    QTest::newRow("800x1280") << QSize(800, 1280);
}

// The way back to the kiosk is whole on every screen, and the keys badge shows all of its text (at 800 px the badge
// squeezed the button to "k to the ki").
void TestAdmin::theHeaderFitsEveryScreen()
{
    QFETCH(QSize, screen);
    KioskFixture k(screen, true, quickOptions());
    openAdmin(k);
    const auto* back = k.find<QPushButton>(QStringLiteral("closeButton"));
    const auto* badge = k.find<QLabel>(QStringLiteral("sealingBadge"));
    QVERIFY2(back->width() >= back->sizeHint().width(),
        qPrintable(QStringLiteral("%1 < %2").arg(back->width()).arg(back->sizeHint().width())));
    QVERIFY(badge->isVisible());
    QVERIFY2(badge->height() >= badge->heightForWidth(badge->width()),
        qPrintable(QStringLiteral("%1 < %2").arg(badge->height()).arg(badge->heightForWidth(badge->width()))));
    const QRect inWindow(badge->mapTo(badge->window(), QPoint(0, 0)), badge->size());
    QVERIFY(badge->window()->rect().contains(inWindow));
}

void TestAdmin::wrongPinsLockThePadEvenAfterARestart()
{
    QTemporaryDir dir;
    {
        KioskFixture k({ 1280, 800 }, true, quickOptions());
        auto* pad = k.window->findChild<PinPad*>();
        auto* message = pad->findChild<QLabel*>(QStringLiteral("pinMessage"));
        holdCorner(k.window.get());
        typePin(k.window.get(), QStringLiteral("111111"));
        QCOMPARE(message->text(), QStringLiteral("Wrong PIN. 4 more tries before the pad locks."));
        for (int i = 0; i < 4; ++i)
            typePin(k.window.get(), QStringLiteral("111111"));
        QVERIFY(message->text().contains(QLatin1String("locked")));
        QVERIFY(!pad->findChild<QAbstractButton*>(QStringLiteral("pin_2"))->isEnabled());
        QCOMPARE(k.window->currentScreen(), Screen::Attract);
        QVERIFY(auditActions(k.store).contains(QStringLiteral("PIN pad locked")));
        QCOMPARE(auditActions(k.store).count(QStringLiteral("wrong PIN")), 4);

        // Restart: a new store and window on the same data folder.
        const QString data = k.dir.path();
        k.window.reset();
        k.store.close();
        SignatureStore store;
        QVERIFY(store.open(data));
        KioskSettings settings(data);
        KioskWindow window(store, settings, k.campaign, quickOptions());
        window.resize(1280, 800);
        window.show();
        QApplication::setActiveWindow(&window);
        window.openPinPad();
        auto* pad2 = window.findChild<PinPad*>();
        QVERIFY(pad2->findChild<QLabel*>(QStringLiteral("pinMessage"))->text().contains(QLatin1String("locked")));
        QVERIFY(!pad2->findChild<QAbstractButton*>(QStringLiteral("pin_1"))->isEnabled());
        typePin(&window, test::testPin()); // the right PIN, while locked: refused
        QVERIFY(pad2->findChild<QLabel*>(QStringLiteral("pinMessage"))->text().contains(QLatin1String("locked")));
        QVERIFY(!pad2->findChild<QAbstractButton*>(QStringLiteral("pinOk"))->isEnabled());
        // After a restart the stall is closed until a volunteer opens it again.
        QCOMPARE(window.currentScreen(), Screen::Closed);
    }
}

void TestAdmin::closeRequestsAndKeysAreIgnoredInKioskMode()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions(/*kioskMode=*/true));
    QVERIFY(k.window->windowFlags() & Qt::WindowStaysOnTopHint);
    k.window->showFullScreen();
    QVERIFY(QTest::qWaitForWindowExposed(k.window.get()));
    QVERIFY(k.window->isFullScreen());
    QVERIFY(!k.window->close());
    QVERIFY(k.window->isVisible());

    QVERIFY(k.walkToSignForm());
    auto* name = k.inSign<QLineEdit>(QStringLiteral("nameEdit"));
    name->setFocus();
    test::typeText(name, QStringLiteral("Ann"));
    const QList<QPair<int, Qt::KeyboardModifiers>> keys { { Qt::Key_Escape, Qt::NoModifier },
        { Qt::Key_F11, Qt::NoModifier }, { Qt::Key_F4, Qt::AltModifier }, { Qt::Key_Q, Qt::ControlModifier },
        { Qt::Key_W, Qt::ControlModifier } };
    for (const auto& [key, mods] : keys) {
        QTest::keyClick(name, Qt::Key(key), mods);
        QVERIFY(k.window->isVisible());
        QCOMPARE(k.window->currentScreen(), Screen::Sign);
    }
    QCOMPARE(name->text(), QStringLiteral("Ann"));
    // No context menu: neither on a field nor anywhere else.
    QContextMenuEvent menu(QContextMenuEvent::Mouse, QPoint(5, 5), name->mapToGlobal(QPoint(5, 5)));
    QApplication::sendEvent(name, &menu);
    QTest::qWait(50);
    for (QWidget* top : QApplication::topLevelWidgets())
        QVERIFY2(!(qobject_cast<QMenu*>(top) && top->isVisible()), "a context menu opened");
}

void TestAdmin::windowedModeClosesNormally()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions(/*kioskMode=*/false));
    QVERIFY(!(k.window->windowFlags() & Qt::WindowStaysOnTopHint));
    QVERIFY(k.window->close());
}

void TestAdmin::pauseShowsBackSoonAndTakesNoSignatures()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    openAdmin(k);
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("pauseButton")), Qt::LeftButton);
    QVERIFY(k.settings->paused());
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("closeButton")), Qt::LeftButton);
    QCOMPARE(k.window->currentScreen(), Screen::Paused);
    QVERIFY(k.window->findChild<QLabel*>(QStringLiteral("backSoonLabel"))->isVisible());
    // A tap does not start a session.
    QWidget* center = k.window->childAt(QPoint(640, 400));
    QTest::mouseClick(center, Qt::LeftButton);
    QCOMPARE(k.window->currentScreen(), Screen::Paused);
    // The gesture still works; resuming brings the attract screen back.
    openAdmin(k);
    admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("pauseButton")), Qt::LeftButton);
    QVERIFY(!k.settings->paused());
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("closeButton")), Qt::LeftButton);
    QCOMPARE(k.window->currentScreen(), Screen::Attract);
    const QStringList actions = auditActions(k.store);
    QVERIFY(actions.contains(QStringLiteral("kiosk paused")));
    QVERIFY(actions.contains(QStringLiteral("kiosk resumed")));
}

void TestAdmin::exitNeedsTwoTapsAndEndsTheApp()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions(/*kioskMode=*/true));
    QSignalSpy exit(k.window.get(), &KioskWindow::exitRequested);
    openAdmin(k);
    auto* button = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"))
                       ->findChild<QAbstractButton*>(QStringLiteral("exitButton"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(exit.count(), 0);
    QCOMPARE(button->text(), QStringLiteral("Tap again to exit"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(exit.count(), 1);
    QVERIFY(!k.window->isVisible()); // the close is accepted now
    QCOMPARE(auditActions(k.store).last(), QStringLiteral("kiosk exited"));
}

void TestAdmin::settingsTakeEffect()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    openAdmin(k);
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    auto* idle = admin->findChild<QComboBox*>(QStringLiteral("idleTimeoutCombo"));
    idle->setCurrentIndex(idle->findData(30));
    auto* theme = admin->findChild<QComboBox*>(QStringLiteral("themeCombo"));
    theme->setCurrentIndex(theme->findData(QStringLiteral("high-contrast")));
    auto* thanks = admin->findChild<QComboBox*>(QStringLiteral("thankYouCombo"));
    thanks->setCurrentIndex(thanks->findData(4));
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
    QCOMPARE(k.window->timing().idleMs, 30000);
    QCOMPARE(k.window->timing().thankYouMs, 4000);
    QCOMPARE(k.window->property("theme").toString(), QStringLiteral("high-contrast"));
    const AuditEntry last = k.store.audit().newest(1).valueOr({}).first();
    QCOMPARE(last.action, QStringLiteral("settings changed"));
    QVERIFY(last.detail.contains(QLatin1String("idle_timeout=30")));
    QVERIFY(last.detail.contains(QLatin1String("theme=high-contrast")));
    QVERIFY(last.detail.contains(QLatin1String("thank_you_delay=4")));
    // The settings persist for the next start.
    KioskSettings reread(k.dir.path());
    QCOMPARE(reread.idleTimeoutSeconds(), 30);
    QCOMPARE(reread.theme(), KioskSettings::Theme::HighContrast);
}

void TestAdmin::aCampaignFolderTheKioskWouldRefuseIsNotSaved()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    // A folder whose campaign.json names a file outside it.
    const QString folder = k.dir.filePath(QStringLiteral("hostile-campaign"));
    QVERIFY(QDir().mkpath(folder));
    QFile json(folder + QStringLiteral("/campaign.json"));
    QVERIFY(json.open(QIODevice::WriteOnly));
    json.write(R"({"petition": {"id": "p", "version": 1}, "consent": {"version": 1}, "languages": ["en"],
                  "texts": {"en": {"title": "T", "consent_text": "C", "petition_text": {"file": "../../etc/passwd"}}}})");
    json.close();
    openAdmin(k);
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    admin->findChild<QLineEdit*>(QStringLiteral("campaignFolderEdit"))->setText(folder);
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
    auto* message = admin->findChild<QLabel*>(QStringLiteral("settingsMessage"));
    QVERIFY(message->isVisibleTo(admin));
    QVERIFY2(message->text().contains(QLatin1String("not saved")), qPrintable(message->text()));
    QVERIFY2(message->text().contains(QLatin1String("../../etc/passwd")), qPrintable(message->text()));
    QVERIFY(KioskSettings(k.dir.path()).campaignFolder().isEmpty());
    // A sound folder is saved.
    QVERIFY(QDir(folder).removeRecursively());
    QDirIterator it(QStringLiteral(":/campaign"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString to = folder + from.mid(QStringLiteral(":/campaign").size());
        QVERIFY(QDir().mkpath(QFileInfo(to).path()) && QFile::copy(from, to));
    }
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
    QCOMPARE(KioskSettings(k.dir.path()).campaignFolder(), folder);
}

void TestAdmin::pinCanBeChanged()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    openAdmin(k);
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("changePinButton")), Qt::LeftButton);
    test::typeText(admin->findChild<QLineEdit*>(QStringLiteral("newPinEdit")), QStringLiteral("9753102"));
    test::typeText(admin->findChild<QLineEdit*>(QStringLiteral("repeatPinEdit")), QStringLiteral("9753102"));
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("savePinButton")), Qt::LeftButton);
    QVERIFY(admin->findChild<QLabel*>(QStringLiteral("pinError"))->isVisible()); // seven digits: refused
    admin->findChild<QLineEdit*>(QStringLiteral("newPinEdit"))->setText(QStringLiteral("97531024"));
    admin->findChild<QLineEdit*>(QStringLiteral("repeatPinEdit"))->setText(QStringLiteral("97531024"));
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("savePinButton")), Qt::LeftButton);
    const AdminPin::Result changed = AdminPin(k.store).verify(QStringLiteral("97531024"));
    QCOMPARE(changed.status, AdminPin::Status::Ok);
    // The new PIN wraps the same duplicate key: the duplicate checks remember every earlier signer.
    QVERIFY(changed.key && changed.key->equals(*test::duplicateKey()));
    QVERIFY(auditActions(k.store).contains(QStringLiteral("PIN changed")));
}

void TestAdmin::adminScreenClosesAfterIdle()
{
    KioskWindow::Options options = quickOptions();
    options.adminIdleMs = 300;
    KioskFixture k({ 1280, 800 }, true, options);
    openAdmin(k);
    QTRY_COMPARE(k.window->currentScreen(), Screen::Attract);
    QVERIFY(auditActions(k.store).last().contains(QLatin1String("without a touch")));
}

void TestAdmin::hidePointerSetting()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    QVERIFY(!QGuiApplication::overrideCursor());
    k.settings->setHidePointer(true);
    k.window->applySettings();
    QVERIFY(QGuiApplication::overrideCursor());
    QCOMPARE(QGuiApplication::overrideCursor()->shape(), Qt::BlankCursor);
    k.settings->setHidePointer(false);
    k.window->applySettings();
    QVERIFY(!QGuiApplication::overrideCursor());
}

void TestAdmin::exportFromTheAdminScreen()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(k.store.signatures().save(test::sampleSignature(QStringLiteral("Signer %1").arg(i))).status,
            SaveResult::Status::Stored);
    openAdmin(k);
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    QCOMPARE(admin->findChild<QLabel*>(QStringLiteral("unexportedValue"))->text(), QStringLiteral("3"));
    auto* target = admin->findChild<QComboBox*>(QStringLiteral("exportTargetCombo"));
    target->setCurrentIndex(target->count() - 1); // "Another folder"
    auto* folder = admin->findChild<QLineEdit*>(QStringLiteral("exportFolderEdit"));
    QVERIFY(folder->isVisible());
    const QString usb = k.dir.filePath(QStringLiteral("usb"));
    test::typeText(folder, usb);
    auto* exportButton = admin->findChild<QAbstractButton*>(QStringLiteral("exportButton"));
    auto* message = admin->findChild<QLabel*>(QStringLiteral("exportMessage"));
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().startsWith(QLatin1String("Done: 3 signatures")), qPrintable(message->text()));
    QCOMPARE(admin->findChild<QLabel*>(QStringLiteral("unexportedValue"))->text(), QStringLiteral("0"));
    QVERIFY(admin->findChild<QLabel*>(QStringLiteral("lastExportValue"))->text() != QStringLiteral("never"));
    const QStringList batches = QDir(usb).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(batches.size(), 1);
    QVERIFY(batches.first().startsWith(QLatin1String("test-stall-")));
    QVERIFY(BatchVerifier::verify(usb + QLatin1Char('/') + batches.first()).ok);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(message->text().contains(QLatin1String("no new signatures")));
    QVERIFY(auditActions(k.store).contains(QStringLiteral("batch exported")));
}

void TestAdmin::everyAdminActionIsAudited()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions(true));
    holdCorner(k.window.get());
    typePin(k.window.get(), QStringLiteral("000000"));
    typePin(k.window.get(), test::testPin());
    QTRY_COMPARE(k.window->currentScreen(), Screen::Admin);
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    auto* theme = admin->findChild<QComboBox*>(QStringLiteral("themeCombo"));
    theme->setCurrentIndex(theme->findData(QStringLiteral("high-contrast")));
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("pauseButton")), Qt::LeftButton);
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("pauseButton")), Qt::LeftButton);
    QTest::mouseClick(admin->findChild<QAbstractButton*>(QStringLiteral("closeButton")), Qt::LeftButton);
    openAdmin(k);
    admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    // The admin screen shows the log it keeps.
    const QString shown = admin->findChild<QPlainTextEdit*>(QStringLiteral("auditView"))->toPlainText();
    QVERIFY(shown.contains(QLatin1String("settings changed (theme=high-contrast)")));
    auto* exit = admin->findChild<QAbstractButton*>(QStringLiteral("exitButton"));
    QTest::mouseClick(exit, Qt::LeftButton);
    QTest::mouseClick(exit, Qt::LeftButton);
    const QStringList expected { "wrong PIN", "admin screen opened", "settings changed", "kiosk paused",
        "kiosk resumed", "admin screen closed", "admin screen opened", "kiosk exited" };
    QCOMPARE(auditActions(k.store), expected);
    // No personal data in the audit log, ever: it holds times, actions and setting values only.
    for (const AuditEntry& e : k.store.audit().newest(100).valueOr({}))
        QVERIFY(e.at.isValid());
}

void TestAdmin::freshDatabaseIsOfferedForADamagedOne()
{
    StartupProblem locked(QStringLiteral("Another kiosk is already running."), false);
    QVERIFY(!locked.findChild<QAbstractButton*>(QStringLiteral("freshDatabaseButton")));
    StartupProblem damaged(QStringLiteral("The signature database is damaged."), true);
    damaged.show();
    QSignalSpy fresh(&damaged, &StartupProblem::freshDatabaseRequested);
    QSignalSpy close(&damaged, &StartupProblem::closeRequested);
    auto* button = damaged.findChild<QAbstractButton*>(QStringLiteral("freshDatabaseButton"));
    QVERIFY(button && button->isVisible() && button->height() >= 48);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(fresh.count(), 1);
    QTest::mouseClick(damaged.findChild<QAbstractButton*>(QStringLiteral("closeButton")), Qt::LeftButton);
    QCOMPARE(close.count(), 1);
}

void TestAdmin::backupAfterEveryNSignatures()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    const QString backups = k.dir.filePath(QStringLiteral("stick2"));
    k.settings->setBackupFolder(backups);
    QSettings(k.dir.filePath(QStringLiteral("kiosk.ini")), QSettings::IniFormat)
        .setValue(QStringLiteral("backup/every"), 2);
    KioskSettings reread(k.dir.path());
    QCOMPARE(reread.backupEvery(), 2);
    k.settings = std::make_unique<KioskSettings>(k.dir.path());
    k.window.reset();
    k.window = std::make_unique<KioskWindow>(k.store, *k.settings, k.campaign, quickOptions());
    k.window->resize(1280, 800);
    k.window->show();
    QApplication::setActiveWindow(k.window.get());
    for (int i = 0; i < 2; ++i) {
        QVERIFY(k.walkToSignForm());
        k.fillForm(QStringLiteral("Signer %1").arg(i), QStringLiteral("M1 1AE"));
        k.submit();
        QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
        QCOMPARE(QDir(backups).entryList(QDir::Files).size(), i == 0 ? 0 : 1);
        QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("doneButton")), Qt::LeftButton);
    }
    openAdmin(k);
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    QVERIFY(admin->findChild<QLabel*>(QStringLiteral("lastBackupValue"))->text() != QStringLiteral("never"));
}

// UPower's readings (KioskWindow::setPower, as main() passes them from PowerWatch): below 20% on battery a dot on the
// attract screen and a banner on the admin screen; below 7% a backup, an audit entry and the held screen, but only
// once the signer on the form has finished; charging again lets signing go on. No battery: nothing shown.
void TestAdmin::aLowBatteryIsShownAndAnEmptyOneHoldsSigning()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    auto* attract = k.window->findChild<AttractPage*>();
    QVERIFY(attract);
    k.window->setPower({ false, false, 100 });
    QVERIFY(!attract->batteryLowShown());
    k.window->setPower({ true, true, 35 });
    QVERIFY(!attract->batteryLowShown());
    k.window->setPower({ true, true, 15 });
    QVERIFY(attract->batteryLowShown());
    k.window->setPower({ true, false, 15 }); // plugged in
    QVERIFY(!attract->batteryLowShown());
    k.window->setPower({ true, true, 15 });
    openAdmin(k);
    auto* admin = k.window->findChild<AdminPage*>();
    QVERIFY(admin);
    QVERIFY2(admin->warningsShown().contains(QLatin1String("Battery low (15%)")), qPrintable(admin->warningsShown()));
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("closeButton")), Qt::LeftButton);
    QTRY_COMPARE(k.window->currentScreen(), Screen::Attract);

    // A signer on the form when the battery runs down finishes first.
    const QString backups = k.dir.filePath(QStringLiteral("backups"));
    const int before = int(QDir(backups).entryList(QDir::Files).size());
    QVERIFY(k.walkToSignForm());
    k.window->setPower({ true, true, 5 });
    QCOMPARE(k.window->currentScreen(), Screen::Sign);
    QCOMPARE(QDir(backups).entryList(QDir::Files).size(), before + 1);
    QVERIFY(auditActions(k.store).contains(QStringLiteral("battery almost empty")));
    k.fillForm(QStringLiteral("Ann Example"), QStringLiteral("SW1A 1AA"));
    k.submit();
    QCOMPARE(k.window->currentScreen(), Screen::ThankYou);
    QCOMPARE(k.rows(), 1);
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("doneButton")), Qt::LeftButton);
    QTRY_COMPARE(k.window->currentScreen(), Screen::Paused);
    QCOMPARE(k.find<QLabel>(QStringLiteral("backSoonLabel"))->text(),
        QStringLiteral("Battery almost empty – please plug in"));
    // Charging: signing goes on.
    k.window->setPower({ true, false, 6 });
    QCOMPARE(k.window->currentScreen(), Screen::Attract);
}

// A real small filesystem (tmpfs, mounted for the test): under 200 MB free warns on the admin screen; under 50 MB holds
// signing with the paused screen; space freed lets it go on.
void TestAdmin::aFillingDiskWarnsThenHoldsSigning()
{
    if (::geteuid() != 0)
        QSKIP("mounting a small filesystem needs root (CI runs as root)");
    QTemporaryDir mountPoint;
    QProcess mount;
    mount.start(QStringLiteral("mount"),
        { QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=120m,mode=0700"),
            QStringLiteral("tmpfs"), mountPoint.path() });
    QVERIFY(mount.waitForFinished(10000));
    if (mount.exitCode() != 0)
        QSKIP(qPrintable(QStringLiteral("this machine does not let the test mount a filesystem: ")
            + QString::fromLocal8Bit(mount.readAllStandardError())));
    const auto unmount = qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), { mountPoint.path() }); });
    const QByteArray tmp = qgetenv("TMPDIR");
    qputenv("TMPDIR", mountPoint.path().toUtf8());
    {
        KioskFixture k({ 1280, 800 }, true, quickOptions());
        tmp.isNull() ? qunsetenv("TMPDIR") : qputenv("TMPDIR", tmp);
        QVERIFY(k.dir.path().startsWith(mountPoint.path()));
        k.window->checkDisk();
        QCOMPARE(k.window->currentScreen(), Screen::Attract); // 120 MB: warned, not held
        QVERIFY2(k.window->conditions().join(QString()).contains(QLatin1String("The disk is getting full")),
            qPrintable(k.window->conditions().join(QString())));
        // Fill it to 30 MB free.
        QFile filler(mountPoint.path() + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(1 << 20, 'x');
        while (QStorageInfo(mountPoint.path()).bytesAvailable() > 30LL * 1024 * 1024)
            QVERIFY(filler.write(block) == block.size() && filler.flush());
        filler.close();
        k.window->checkDisk();
        QCOMPARE(k.window->currentScreen(), Screen::Paused);
        QVERIFY(
            k.find<QLabel>(QStringLiteral("pausedDetailLabel"))->text().contains(QLatin1String("disk is almost full")));
        openAdmin(k);
        QVERIFY(k.window->findChild<AdminPage*>()->warningsShown().contains(QLatin1String("signing is held")));
        QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("closeButton")), Qt::LeftButton);
        QVERIFY(filler.remove());
        k.window->checkDisk();
        QTRY_COMPARE(k.window->currentScreen(), Screen::Attract);
    }
}

// The admin screen's chart counts today's signatures by local hour (yesterday's are not in it), and the day goal is
// a setting on the screen, with the progress toward it; the bars are drawn in a colour that stands out in both themes.
void TestAdmin::progressShowsEachHourAndTheDayGoal()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    const QDate today = QDate::currentDate();
    const auto sign = [&k](const QString& name, const QDateTime& at) {
        Signature s = test::sampleSignature(name, QStringLiteral("SW1A 1AA"));
        s.signedAt = at;
        return k.store.signatures().save(s).status == SaveResult::Status::Stored;
    };
    QVERIFY(sign(QStringLiteral("Ann Example"), QDateTime(today, QTime(10, 15))));
    QVERIFY(sign(QStringLiteral("Bea Example"), QDateTime(today, QTime(14, 5))));
    QVERIFY(sign(QStringLiteral("Cy Example"), QDateTime(today, QTime(14, 55))));
    QVERIFY(sign(QStringLiteral("Dee Example"), QDateTime(today.addDays(-1), QTime(14, 30))));
    k.settings->setDayGoal(10);
    openAdmin(k);
    auto* chart = k.window->findChild<HourlyChart*>(QStringLiteral("hourlyChart"));
    QVERIFY(chart);
    QList<qint64> expected(24, 0);
    expected[10] = 1;
    expected[14] = 2;
    QCOMPARE(chart->counts(), expected);
    QVERIFY(chart->hoursShown().first <= 10 && chart->hoursShown().second >= 14);
    QVERIFY(chart->accessibleDescription().contains(QLatin1String("14:00, 2")));
    QCOMPARE(
        k.find<QLabel>(QStringLiteral("goalLabel"))->text(), QStringLiteral("Today 3 of the day's goal of 10 (30%)"));
    // The bars: the highlight colour against the page, at least 3:1, in both themes.
    for (const auto theme : { KioskSettings::Theme::Standard, KioskSettings::Theme::HighContrast }) {
        k.settings->setTheme(theme);
        k.window->applySettings();
        QApplication::processEvents();
        const QImage painted = chart->grab().toImage();
        const QColor bar = chart->palette().color(QPalette::Highlight);
        const QColor page = painted.pixelColor(2, 2);
        const double ratio = test::contrast(bar, page);
        QVERIFY2(ratio >= 3, qPrintable(QStringLiteral("bar %1 on %2").arg(bar.name(), page.name())));
        bool barPainted = false;
        for (int y = 0; y < painted.height() && !barPainted; ++y)
            for (int x = 0; x < painted.width() && !barPainted; ++x)
                barPainted = painted.pixelColor(x, y) == bar;
        QVERIFY(barPainted);
    }
    // The goal is set on the screen, saved and audited.
    auto* spin = k.find<QSpinBox>(QStringLiteral("dayGoalSpin"));
    QCOMPARE(spin->value(), 10);
    spin->setValue(200);
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
    QCOMPARE(k.settings->dayGoal(), 200);
    QVERIFY(k.store.audit().newest(5).valueOr({}).first().detail.contains(QLatin1String("day_goal=200")));
}

namespace {
// The admin screen's export target set to a folder, as a volunteer types one under "Another folder".
void chooseFolder(QWidget* admin, const QString& path)
{
    auto* target = admin->findChild<QComboBox*>(QStringLiteral("exportTargetCombo"));
    target->setCurrentIndex(target->count() - 1);
    auto* folder = admin->findChild<QLineEdit*>(QStringLiteral("exportFolderEdit"));
    folder->setText(path);
}
} // namespace

// "Close the stall", confirmed by a second tap: the new signatures exported and the batch on the stick verified, a
// backup, an audit entry, then the request to switch off; nothing switched off on one tap.
void TestAdmin::closingTheStallExportsVerifiesBacksUpAndSwitchesOff()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(k.store.signatures().save(test::sampleSignature(QStringLiteral("Signer %1").arg(i))).status,
            SaveResult::Status::Stored);
    openAdmin(k);
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    const QString usb = k.dir.filePath(QStringLiteral("usb"));
    QVERIFY(QDir().mkpath(usb));
    chooseFolder(admin, usb);
    QSignalSpy off(k.window.get(), &KioskWindow::powerOffRequested);
    const QString backups = k.dir.filePath(QStringLiteral("backups"));
    const qsizetype backupsBefore = QDir(backups).entryList(QDir::Files).size();
    auto* close = admin->findChild<QAbstractButton*>(QStringLiteral("closeStallButton"));
    QTest::mouseClick(close, Qt::LeftButton);
    QCOMPARE(off.size(), 0);
    QVERIFY(close->text().contains(QLatin1String("Tap again")));
    QTest::mouseClick(close, Qt::LeftButton);
    QCOMPARE(off.size(), 1);
    const QString said = admin->findChild<QLabel*>(QStringLiteral("closeStallProgress"))->text();
    QVERIFY2(said.contains(QLatin1String("Signatures in the batch: 3"))
            && said.contains(QLatin1String("checks out. Signatures in it: 3"))
            && said.contains(QLatin1String("Backup made")) && said.contains(QLatin1String("Switching off")),
        qPrintable(said));
    const QStringList batches = QDir(usb).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(batches.size(), 1);
    QVERIFY(BatchVerifier::verify(usb + QLatin1Char('/') + batches.first()).ok);
    QCOMPARE(QDir(backups).entryList(QDir::Files).size(), backupsBefore + 1);
    const QStringList actions = auditActions(k.store);
    QVERIFY(actions.contains(QStringLiteral("stall closed")));
    QVERIFY(actions.indexOf(QStringLiteral("batch exported")) < actions.indexOf(QStringLiteral("stall closed")));
    // The system may not switch off: said, and the app exits instead.
    QSignalSpy exits(k.window.get(), &KioskWindow::exitRequested);
    k.window->powerOffRefused(QStringLiteral("the system says no to switching off from this session"));
    QTRY_COMPARE(exits.size(), 1);
    QVERIFY(admin->findChild<QLabel*>(QStringLiteral("closeStallProgress"))
                ->text()
                .contains(QLatin1String("power button")));
}

// No stick: it says so and offers to close without exporting. A stick pulled out after the export: the batch no longer
// verifies, so it stops there, says what to do, and switches nothing off.
void TestAdmin::closingTheStallStopsWhenTheStickIsMissingOrPulled()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    QCOMPARE(k.store.signatures().save(test::sampleSignature()).status, SaveResult::Status::Stored);
    openAdmin(k);
    auto* admin = k.window->findChild<QWidget*>(QStringLiteral("AdminPage"));
    auto* close = admin->findChild<QAbstractButton*>(QStringLiteral("closeStallButton"));
    auto* progress = admin->findChild<QLabel*>(QStringLiteral("closeStallProgress"));
    auto* without = admin->findChild<QAbstractButton*>(QStringLiteral("closeWithoutExportButton"));
    QSignalSpy off(k.window.get(), &KioskWindow::powerOffRequested);
    const QString usb = k.dir.filePath(QStringLiteral("usb"));
    chooseFolder(admin, usb); // not there: no stick
    QTest::mouseClick(close, Qt::LeftButton);
    QTest::mouseClick(close, Qt::LeftButton);
    QCOMPARE(off.size(), 0);
    QVERIFY2(progress->text().contains(QLatin1String("No stick was found")), qPrintable(progress->text()));
    QVERIFY(without->isVisible());

    // The stick is there, and pulled out as soon as the batch is on it.
    QVERIFY(QDir().mkpath(usb));
    QTimer puller;
    puller.setInterval(0);
    QObject::connect(&puller, &QTimer::timeout, [&]() {
        for (const QString& batch : QDir(usb).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QDir(usb + QLatin1Char('/') + batch).removeRecursively();
    });
    puller.start();
    QTest::mouseClick(close, Qt::LeftButton);
    QTest::mouseClick(close, Qt::LeftButton);
    puller.stop();
    QCOMPARE(off.size(), 0);
    QVERIFY2(progress->text().contains(QLatin1String("does not check out")), qPrintable(progress->text()));
    QVERIFY(!progress->text().contains(QLatin1String("Backup made")));
    QVERIFY(auditActions(k.store).contains(QStringLiteral("stall not closed")));
    // Nothing counts as exported that is not on the stick: the next try exports the same signature again.
    QCOMPARE(k.store.signatures().counts()->unexported, 1);
    QTest::mouseClick(close, Qt::LeftButton);
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY2(progress->text().contains(QLatin1String("Signatures in the batch: 1")), qPrintable(progress->text()));
    QCOMPARE(off.size(), 1);
    QCOMPARE(QDir(usb).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);

    // Closing without a stick: no export, still a backup and the switch-off.
    off.clear();
    QDir(usb).removeRecursively();
    QTest::mouseClick(close, Qt::LeftButton);
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(without->isVisible());
    QTest::mouseClick(without, Qt::LeftButton);
    QCOMPARE(off.size(), 1);
    QVERIFY(progress->text().contains(QLatin1String("Not exported")));
}

// How often to back up, and where: this kiosk's own disk by default (and the screen says what that does not guard
// against), or a removable drive left plugged in: a real filesystem mounted under /mnt for the test.
void TestAdmin::backupSettingsAreOnTheAdminScreen()
{
    KioskFixture k({ 1280, 800 }, true, quickOptions());
    openAdmin(k);
    auto* admin = k.window->findChild<AdminPage*>();
    QVERIFY(admin->backupsOnTheSameDisk());
    QVERIFY(k.find<QLabel>(QStringLiteral("backupNote"))->text().contains(QLatin1String("same disk")));
    auto* every = k.find<QSpinBox>(QStringLiteral("backupEverySpin"));
    QCOMPARE(every->value(), 25);
    every->setValue(5);
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
    QCOMPARE(k.settings->backupEvery(), 5);
    QVERIFY(k.store.audit().newest(1).valueOr({}).first().detail.contains(QLatin1String("backup_every=5")));

    if (::geteuid() != 0)
        QSKIP("mounting a drive needs root (CI runs as root)");
    const QString mountPoint = QStringLiteral("/mnt/kiosk-test-sd-%1").arg(QCoreApplication::applicationPid());
    QVERIFY(QDir().mkpath(mountPoint));
    QProcess mount;
    mount.start(QStringLiteral("mount"),
        { QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=64m,mode=0700"),
            QStringLiteral("kiosk-test-sd"), mountPoint });
    QVERIFY(mount.waitForFinished(10000));
    if (mount.exitCode() != 0) {
        QDir().rmdir(mountPoint);
        QSKIP("this machine does not let the test mount a filesystem");
    }
    const auto unmount = qScopeGuard([&] {
        QProcess::execute(QStringLiteral("umount"), { mountPoint });
        QDir().rmdir(mountPoint);
    });
    admin->refresh();
    auto* target = k.find<QComboBox>(QStringLiteral("backupTargetCombo"));
    int sd = -1;
    for (int i = 0; i < target->count(); ++i)
        if (target->itemData(i).toString().startsWith(mountPoint))
            sd = i;
    QVERIFY2(sd >= 0, "the mounted drive is offered");
    target->setCurrentIndex(sd);
    QTest::mouseClick(k.find<QAbstractButton>(QStringLiteral("saveSettingsButton")), Qt::LeftButton);
    QCOMPARE(k.settings->backupFolder(), mountPoint + QStringLiteral("/petition-backups"));
    QVERIFY(!admin->backupsOnTheSameDisk());
    QVERIFY(k.window->backUp());
    QCOMPARE(QDir(mountPoint + QStringLiteral("/petition-backups")).entryList(QDir::Files).size(), 1);
}

QTEST_MAIN(TestAdmin)
#include "tst_admin.moc"
