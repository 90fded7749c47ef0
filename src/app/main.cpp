// petition-kiosk: the fullscreen kiosk. Parses the command line, opens the store, shows the window.

#include "core/datadir.h"
#include "core/signaturestore.h"
#include "core/version.h"
#include "gui/kioskwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLabel>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral(KIOSK_APP_NAME));
    QApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Self-service petition kiosk for street stalls."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("Keep signatures and settings in <dir>."),
                                           QStringLiteral("dir"), kiosk::DataDir::defaultPath());
    const QCommandLineOption windowedOption(QStringLiteral("windowed"),
                                            QStringLiteral("Run in a normal window (for development)."));
    parser.addOption(dataDirOption);
    parser.addOption(windowedOption);
    parser.process(app);

    kiosk::SignatureStore store;
    if (!store.open(parser.value(dataDirOption))) {
        // No raw error and no crash: the volunteer sees what to do, full screen.
        QLabel message(store.errorString());
        message.setObjectName(QStringLiteral("startupError"));
        message.setWordWrap(true);
        message.setAlignment(Qt::AlignCenter);
        message.setMargin(48);
        QFont font = message.font();
        font.setPixelSize(28);
        message.setFont(font);
        if (parser.isSet(windowedOption)) {
            message.resize(1000, 600);
            message.show();
        } else {
            message.showFullScreen();
        }
        return app.exec();
    }

    kiosk::KioskWindow window(store);
    if (parser.isSet(windowedOption)) {
        window.resize(1280, 800);
        window.show();
    } else {
        window.showFullScreen();
    }
    return app.exec();
}
