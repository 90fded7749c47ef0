// petition-kiosk: the fullscreen kiosk. Parses the command line, opens the store, shows the window.

#include "core/campaign.h"
#include "core/campaignsource.h"
#include "core/datadir.h"
#include "core/kiosksettings.h"
#include "core/platform.h"
#include "core/signaturestore.h"
#include "core/version.h"
#include "gui/kioskwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLabel>
#include <QStyleFactory>
#include <QTimer>

namespace {

class QuitAfterFirstPaint final : public QObject
{
public:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        return false;
    }
};

// Shown instead of the kiosk when it cannot start: words a volunteer can act on, never a crash dialog.
int showStartupProblem(QApplication& app, const QString& message, bool windowed)
{
    QLabel label(message);
    label.setObjectName(QStringLiteral("startupError"));
    label.setWordWrap(true);
    label.setAlignment(Qt::AlignCenter);
    label.setMargin(48);
    QFont font = label.font();
    font.setPixelSize(28);
    label.setFont(font);
    if (windowed) {
        label.resize(1000, 600);
        label.show();
    } else {
        label.showFullScreen();
    }
    return app.exec();
}

} // namespace

int main(int argc, char* argv[])
{
    kiosk::platform::restrictNewFilesToOwner();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral(KIOSK_APP_NAME));
    QApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Self-service petition kiosk for street stalls."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("Keep signatures and settings in <dir>."),
                                           QStringLiteral("dir"), kiosk::DataDir::defaultPath());
    const QCommandLineOption campaignOption(QStringLiteral("campaign"),
                                            QStringLiteral("Show the campaign in <dir> instead of the built-in one "
                                                           "(overrides the campaign/folder setting)."),
                                            QStringLiteral("dir"));
    const QCommandLineOption windowedOption(QStringLiteral("windowed"),
                                            QStringLiteral("Run in a normal window (for development)."));
    // For petition-bench startup: quit once the first screen has been painted.
    QCommandLineOption quitAfterPaintOption(QStringLiteral("quit-after-first-paint"), QStringLiteral("Benchmarks only."));
    quitAfterPaintOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(dataDirOption);
    parser.addOption(windowedOption);
    parser.addOption(campaignOption);
    parser.addOption(quitAfterPaintOption);
    parser.process(app);
    const bool windowed = parser.isSet(windowedOption);
    const QString dataDir = parser.value(dataDirOption);

    kiosk::SignatureStore store;
    if (!store.open(dataDir))
        return showStartupProblem(app, store.errorString(), windowed);
    kiosk::KioskSettings settings(dataDir);

    const QString campaignFolder
        = parser.isSet(campaignOption) ? parser.value(campaignOption) : settings.campaignFolder();
    const kiosk::CampaignSource::Choice choice = kiosk::CampaignSource::choose(campaignFolder, store);
    if (!choice.campaign)
        return showStartupProblem(app, choice.problem, windowed);

    kiosk::KioskWindow window(store, settings, *choice.campaign);
    window.setCampaignProblem(choice.problem);
    QuitAfterFirstPaint quitter;
    if (parser.isSet(quitAfterPaintOption)) {
        if (QWidget* attract = window.findChild<QWidget*>(QStringLiteral("AttractPage")))
            attract->installEventFilter(&quitter);
    }
    if (windowed) {
        window.resize(1280, 800);
        window.show();
    } else {
        window.showFullScreen();
    }
    return app.exec();
}
