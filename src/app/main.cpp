// petition-kiosk: the fullscreen kiosk. Parses the command line, opens the store, shows the window.

#include "core/campaign.h"
#include "core/campaignsource.h"
#include "core/datadir.h"
#include "core/kiosksettings.h"
#include "core/platform.h"
#include "core/signaturestore.h"
#include "core/version.h"
#include "gui/kioskwindow.h"
#include "gui/startupproblem.h"
#include "powerwatch.h"
#include "screensaverinhibitor.h"
#include "startupprobes.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QLockFile>
#include <QPushButton>
#include <QScreen>
#include <QStyleFactory>
#include <QTimer>
#include <QVBoxLayout>

#include <cstdio>
#include <memory>

namespace {

// The kiosk's way to show a top-level screen: full screen, or a normal window for development.
void present(QWidget& screen, bool windowed, QSize windowSize)
{
    if (windowed) {
        screen.resize(windowSize);
        screen.show();
    } else {
        screen.showFullScreen();
    }
}

enum class ProblemChoice { Closed, FreshDatabase };

// Shown instead of the kiosk when it cannot start: words a volunteer can act on, never a crash dialog. The same
// sentence goes to stderr.
ProblemChoice showStartupProblem(
    QApplication& app, const QString& message, bool windowed, bool quitAfterPaint, bool offerFreshDatabase = false)
{
    fprintf(stderr, "petition-kiosk: %s\n", qPrintable(message));
    kiosk::StartupProblem screen(message, offerFreshDatabase);
    ProblemChoice choice = ProblemChoice::Closed;
    QObject::connect(&screen, &kiosk::StartupProblem::closeRequested, &app, []() { QCoreApplication::exit(0); });
    QObject::connect(&screen, &kiosk::StartupProblem::freshDatabaseRequested, &app, [&choice]() {
        choice = ProblemChoice::FreshDatabase;
        QCoreApplication::exit(0);
    });
    kiosk::QuitAfterFirstPaint quitter;
    if (quitAfterPaint)
        app.installEventFilter(&quitter);
    present(screen, windowed, QSize(1000, 600));
    app.exec();
    app.removeEventFilter(&quitter);
    return choice;
}

} // namespace

int main(int argc, char* argv[])
{
    kiosk::platform::restrictNewFilesToOwner();
    kiosk::platform::disableCoreDumps();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral(KIOSK_APP_NAME));
    QApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    // The Wayland app id and the X11 class match the installed desktop entry and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral(KIOSK_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/petition-kiosk.svg")));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
        QStringLiteral("Keep signatures and settings in <dir>."), QStringLiteral("dir"), kiosk::DataDir::defaultPath());
    const QCommandLineOption campaignOption(QStringLiteral("campaign"),
        QStringLiteral("Show the campaign in <dir> instead of the built-in one "
                       "(overrides the campaign/folder setting)."),
        QStringLiteral("dir"));
    const QCommandLineOption windowedOption(
        QStringLiteral("windowed"), QStringLiteral("Run in a normal window (for development)."));
    // For petition-bench startup: quit once the first screen has been painted.
    QCommandLineOption quitAfterPaintOption(
        QStringLiteral("quit-after-first-paint"), QStringLiteral("Benchmarks only."));
    quitAfterPaintOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption smokeTestOption(QStringLiteral("smoke-test"), QStringLiteral("Packaging tests only."));
    smokeTestOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.setApplicationDescription(QStringLiteral(
        "Self-service petition kiosk for street stalls.\n\n"
        "Runs full screen; only Exit on the admin screen ends it. To open the admin screen, press and hold the\n"
        "top-left corner for 3 seconds and enter the volunteer PIN (set at first run, or with\n"
        "petition-kiosk-admin set-pin)."));
    parser.addOption(dataDirOption);
    parser.addOption(windowedOption);
    parser.addOption(campaignOption);
    parser.addOption(quitAfterPaintOption);
    parser.addOption(smokeTestOption);
    parser.process(app);
    const bool windowed = parser.isSet(windowedOption);
    const bool quitAfterPaint = parser.isSet(quitAfterPaintOption);
    const QString dataDir = parser.value(dataDirOption);

    if (!kiosk::DataDir::isSoundName(dataDir)) {
        showStartupProblem(app,
            QStringLiteral("The data folder's name is not valid text (UTF-8), so the kiosk would use "
                           "another folder. Rename the folder, or start the kiosk with another "
                           "--data-dir."),
            windowed, quitAfterPaint);
        return 1;
    }
    if (const kiosk::VoidResult prepared = kiosk::DataDir::prepare(dataDir, true); !prepared) {
        showStartupProblem(app, prepared.errorString(), windowed, quitAfterPaint);
        return 1;
    }

    // One kiosk per data folder: two would both think they own the session, the counts and the exports.
    QLockFile lock(kiosk::DataDir::lockPath(dataDir));
    if (!kiosk::DataDir::takeLock(lock, 200)) { // a lock left by a crash is taken over once its process is gone
        qint64 pid = 0;
        QString host;
        QString app_;
        lock.getLockInfo(&pid, &host, &app_);
        showStartupProblem(app,
            QStringLiteral("Another kiosk is already running on this data folder (process %1). Close "
                           "it first, or start this one with another --data-dir.")
                .arg(pid),
            windowed, quitAfterPaint);
        return 1;
    }
    kiosk::SignatureStore store;
    QString setAside;
    if (!store.open(dataDir)) {
        // A damaged database is never overwritten or deleted; the volunteer may start a fresh one beside it.
        const bool damaged = store.error() == kiosk::StoreError::Corrupt;
        if (showStartupProblem(app, store.errorString(), windowed, quitAfterPaint, damaged)
            != ProblemChoice::FreshDatabase)
            return 1;
        const kiosk::Result<QString> movedAside = kiosk::DataDir::setAsideDatabase(dataDir, QStringLiteral("damaged"));
        setAside = movedAside.valueOr({});
        if (!movedAside || !store.open(dataDir)) {
            showStartupProblem(
                app, movedAside ? store.errorString() : movedAside.errorString(), windowed, quitAfterPaint);
            return 1;
        }
        (void)store.audit().append(QStringLiteral("damaged database set aside"), QFileInfo(setAside).fileName());
    }
    kiosk::KioskSettings settings(dataDir);

    const QString campaignFolder
        = parser.isSet(campaignOption) ? parser.value(campaignOption) : settings.campaignFolder();
    const kiosk::CampaignSource::Choice choice = kiosk::CampaignSource::choose(campaignFolder, store);
    if (!choice.campaign) {
        showStartupProblem(app, choice.problem, windowed, quitAfterPaint);
        return 1;
    }

    kiosk::KioskWindow::Options options;
    options.dataDir = QDir(dataDir).absolutePath();
    options.kioskMode = !windowed;
    kiosk::KioskWindow window(store, settings, *choice.campaign, options);
    window.setCampaignProblem(choice.problem);
    QObject::connect(&window, &kiosk::KioskWindow::exitRequested, &app, &QApplication::quit);
    const kiosk::ScreenSaverInhibitor noBlanking(QStringLiteral("A petition kiosk is in use"));
    // The battery, from UPower: low is shown to the volunteer; almost empty makes a backup and holds signing.
    kiosk::PowerWatch power;
    QObject::connect(
        &power, &kiosk::PowerWatch::changed, &window, [&window](bool hasBattery, bool onBattery, double percent) {
            window.setPower({ hasBattery, onBattery, percent });
        });
    QTimer::singleShot(0, &power, &kiosk::PowerWatch::poll);
    // "Close the stall": switched off through logind, or, if this session may not, the app exits as Exit does.
    QObject::connect(&window, &kiosk::KioskWindow::powerOffRequested, &app, [&window]() {
        QString why;
        if (kiosk::requestPowerOff(&why)) {
            window.leave();
            QCoreApplication::exit(0);
        } else {
            window.powerOffRefused(why);
        }
    });
    kiosk::QuitAfterFirstPaint quitter;
    if (quitAfterPaint)
        app.installEventFilter(&quitter);
    std::unique_ptr<kiosk::SmokeTest> smokeTest;
    if (parser.isSet(smokeTestOption))
        smokeTest = std::make_unique<kiosk::SmokeTest>(window, !windowed);
    // systemd's SIGTERM at shut-down, Ctrl+C, a closed terminal: leave as the admin's Exit does. The current signer's
    // unsaved form is abandoned; below, the backup is made, and the store and the lock are let go.
    kiosk::platform::onTerminationSignal(&app, [&window](int signal) {
        fprintf(stderr, "petition-kiosk: leaving on signal %d\n", signal);
        window.leave();
        QCoreApplication::exit(0);
    });
    present(window, windowed, QSize(1280, 800));
    const int rc = app.exec();
    if (!quitAfterPaint && !smokeTest)
        window.backUp(); // a last copy at exit
    return rc;
}
