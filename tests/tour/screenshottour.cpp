// petition-kiosk-tour: opens the real kiosk window full screen and walks every screen, saving a screenshot of
// the whole display at each. For review under Xvfb (scripts/screenshots); not a test and not shipped.

#include "admin/adminpin.h"
#include "core/campaign.h"
#include "core/kiosksettings.h"
#include "core/signaturestore.h"
#include "gui/kioskwindow.h"
#include "gui/onscreenkeyboard.h"
#include "gui/signpage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QScreen>
#include <QScrollArea>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

using namespace kiosk;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption outOption(
        QStringLiteral("out"), QStringLiteral("Folder for the PNGs."), QStringLiteral("dir"));
    const QCommandLineOption languageOption(
        QStringLiteral("language"), QStringLiteral("Language to show."), QStringLiteral("code"), QStringLiteral("en"));
    const QCommandLineOption themeOption(
        QStringLiteral("high-contrast"), QStringLiteral("Use the high-contrast theme."));
    const QCommandLineOption firstRunOption(QStringLiteral("first-run"), QStringLiteral("Only the first-run screen."));
    parser.addOptions({ outOption, languageOption, themeOption, firstRunOption });
    parser.process(app);
    const QDir out(parser.value(outOption));
    QDir().mkpath(out.path());

    QTemporaryDir dir;
    SignatureStore store;
    if (!store.open(dir.path()))
        return 1;
    KioskSettings settings(dir.path());
    if (!parser.isSet(firstRunOption)) {
        settings.setOrganisation(QStringLiteral("Demo Organisation"));
        settings.setStallName(QStringLiteral("Demo Stall"));
        settings.sync();
        // Sealed to a throwaway coordinator key, with the stall opened, as a volunteer leaves it.
        if (!store.sealing().enrol(Sealing::newKeyPair().publicKey))
            return 1;
        const auto key = AdminPin(store).set(QStringLiteral("24681012"));
        if (!key)
            return 1;
        store.sealing().unlock(*key);
    }
    if (parser.isSet(themeOption))
        settings.setTheme(KioskSettings::Theme::HighContrast);
    const auto campaign = CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));
    if (!campaign) {
        qCritical("%s", qPrintable(campaign.errorString()));
        return 1;
    }
    KioskWindow::Options options;
    options.dataDir = QStringLiteral("/var/lib/petition-kiosk/market-square");
    options.kioskMode = true;
    KioskWindow window(store, settings, *campaign, options);
    window.setTiming({ 600000, 15, 600000 });
    window.showFullScreen();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QTest::qWait(400);
    window.setLanguage(parser.value(languageOption));

    int n = 0;
    const auto shot = [&](const QString& name) {
        QTest::qWait(350);
        const QString file = out.filePath(QStringLiteral("%1-%2.png").arg(++n, 2, 10, QLatin1Char('0')).arg(name));
        window.screen()->grabWindow(0).save(file);
    };
    const auto click = [&window](QWidget* scope, const char* name) {
        auto* b = scope->findChild<QAbstractButton*>(QString::fromLatin1(name));
        if (b)
            QTest::mouseClick(b, Qt::LeftButton);
        return b != nullptr;
    };
    const auto page = [&window](const char* name) { return window.findChild<QWidget*>(QString::fromLatin1(name)); };

    if (parser.isSet(firstRunOption)) {
        shot(QStringLiteral("first-run"));
        return 0;
    }
    shot(QStringLiteral("attract"));
    click(page("AttractPage"), "startButton");
    for (int i = 0; window.currentScreen() == KioskWindow::Screen::Info; ++i) {
        shot(QStringLiteral("info-%1").arg(i + 1));
        click(page("InfoPage"), "nextButton");
    }
    shot(QStringLiteral("petition"));
    click(page("PetitionPage"), "privacyButton");
    shot(QStringLiteral("privacy"));
    click(page("PetitionPage"), "privacyButton");
    click(page("PetitionPage"), "signButton");
    auto* sign = window.findChild<SignPage*>();
    sign->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->setFocus();
    shot(QStringLiteral("sign-name-keyboard"));
    QTest::mousePress(sign->keyboard()->findChild<QAbstractButton*>(QStringLiteral("key_e")), Qt::LeftButton);
    QTest::qWait(400); // past the long-press delay
    shot(QStringLiteral("sign-accents"));
    QTest::mouseRelease(sign->keyboard()->findChild<QAbstractButton*>(QStringLiteral("key_e")), Qt::LeftButton);
    click(sign->keyboard(), "accentClose");
    click(sign, "contactCheck");
    shot(QStringLiteral("sign-email-keyboard"));
    click(sign->keyboard(), "key_hide");
    click(sign, "submitButton");
    shot(QStringLiteral("sign-messages"));
    sign->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Zoë Ellis"));
    sign->findChild<QLineEdit*>(QStringLiteral("postcodeEdit"))->setText(QStringLiteral("SW1A 1AA"));
    sign->findChild<QLineEdit*>(QStringLiteral("emailEdit"))->setText(QStringLiteral("zoe@example.org"));
    click(sign, "residencyYes");
    sign->findChild<QCheckBox*>(QStringLiteral("consentCheck"))->setChecked(true);
    click(sign, "submitButton");
    shot(QStringLiteral("thank-you"));
    click(page("ThankYouPage"), "doneButton");
    click(page("AttractPage"), "startButton");
    window.setTiming({ 10, 15, 600000 });
    QTest::qWait(100);
    shot(QStringLiteral("still-there"));
    window.setTiming({ 600000, 15, 600000 });
    // A kiosk on battery at 15%: the admin screen's banner (and the attract screen's dot).
    window.setPower({ true, true, 15 });
    window.openPinPad();
    for (const QChar c : QStringLiteral("2468"))
        click(&window, qPrintable(QStringLiteral("pin_") + c));
    shot(QStringLiteral("pin-pad"));
    for (const QChar c : QStringLiteral("1012"))
        click(&window, qPrintable(QStringLiteral("pin_") + c));
    click(&window, "pinOk");
    shot(QStringLiteral("admin"));
    // Close the stall onto a folder standing in for the stick: the steps as they are shown (the switch-off request
    // goes nowhere here).
    auto* admin = window.findChild<QWidget*>(QStringLiteral("AdminPage"));
    auto* target = admin->findChild<QComboBox*>(QStringLiteral("exportTargetCombo"));
    target->setCurrentIndex(target->count() - 1);
    admin->findChild<QLineEdit*>(QStringLiteral("exportFolderEdit"))->setText(dir.filePath(QStringLiteral("stick")));
    QDir().mkpath(dir.filePath(QStringLiteral("stick")));
    click(admin, "closeStallButton");
    click(admin, "closeStallButton");
    auto* progress = admin->findChild<QWidget*>(QStringLiteral("closeStallProgress"));
    admin->findChild<QScrollArea*>()->ensureWidgetVisible(progress);
    QTest::qWait(100);
    shot(QStringLiteral("close-the-stall"));
    return 0;
}
