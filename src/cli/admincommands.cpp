#include "admincommands.h"

#include "core/campaignsource.h"
#include "core/datadir.h"
#include "core/signaturestore.h"
#include "core/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <functional>

namespace kiosk {

namespace {

struct Command
{
    QString name;
    QString summary;
    std::function<void(QCommandLineParser&)> addOptions;
    std::function<int(QCommandLineParser&, const QString& dataDir, QTextStream& out, QTextStream& err)> run;
};

const QCommandLineOption& dataDirOption()
{
    static const QCommandLineOption option(QStringLiteral("data-dir"), QStringLiteral("The kiosk's data folder."),
                                           QStringLiteral("dir"));
    return option;
}

int fail(QTextStream& err, const QString& message)
{
    err << "petition-kiosk-admin: " << message << Qt::endl;
    return ExitFailure;
}

int usage(QTextStream& err, const QString& message)
{
    err << "petition-kiosk-admin: " << message << " (see petition-kiosk-admin --help)" << Qt::endl;
    return ExitUsage;
}

int runStats(QCommandLineParser& parser, const QString& dataDir, QTextStream& out, QTextStream& err)
{
    SignatureStore store;
    if (!store.open(dataDir, SignatureStore::OpenMode::ExistingOnly))
        return fail(err, store.errorString());
    SignatureCounts counts;
    if (!store.counts(counts))
        return fail(err, store.errorString());

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject perPetition;
        for (auto it = counts.perPetition.cbegin(); it != counts.perPetition.cend(); ++it)
            perPetition.insert(it.key(), it.value());
        const QJsonObject json { { QStringLiteral("total"), counts.total },
                                 { QStringLiteral("today"), counts.today },
                                 { QStringLiteral("unexported"), counts.unexported },
                                 { QStringLiteral("per_petition"), perPetition },
                                 { QStringLiteral("device_id"), store.deviceId() } };
        out << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    out << "Signed today:   " << counts.today << '\n'
        << "Signed in all:  " << counts.total << '\n'
        << "Not exported:   " << counts.unexported << '\n';
    for (auto it = counts.perPetition.cbegin(); it != counts.perPetition.cend(); ++it)
        out << "Petition " << it.key() << ": " << it.value() << '\n';
    out.flush();
    return ExitOk;
}

int runCheckCampaign(QCommandLineParser& parser, const QString& dataDir, QTextStream& out, QTextStream& err)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        err << "petition-kiosk-admin: check-campaign needs one folder (see petition-kiosk-admin check-campaign --help)"
            << Qt::endl;
        return ExitUsage;
    }
    QString problem;
    const auto campaign = CampaignLoader::load(args.first(), &problem);
    if (!campaign)
        return fail(err, problem);
    // Against this kiosk's record of texts, if it has one: a changed text needs a new version.
    SignatureStore store;
    if (store.open(dataDir, SignatureStore::OpenMode::ExistingOnly)) {
        QString conflict;
        if (!store.checkTextVersion(QStringLiteral("petition"), campaign->petitionId, campaign->petitionVersion,
                                    CampaignSource::petitionDigest(*campaign), &conflict)
            || !store.checkTextVersion(QStringLiteral("consent"), campaign->petitionId, campaign->consentVersion,
                                       CampaignSource::consentDigest(*campaign), &conflict))
            return fail(err, QDir(args.first()).filePath(QStringLiteral("campaign.json")) + QStringLiteral(": ")
                            + (conflict.isEmpty() ? store.errorString() : conflict));
    }
    out << "Campaign folder is usable: " << args.first() << '\n'
        << "  petition " << campaign->petitionId << " version " << campaign->petitionVersion << ", consent version "
        << campaign->consentVersion << '\n'
        << "  petition text sha256 " << CampaignSource::petitionDigest(*campaign).toHex() << '\n';
    for (const QString& language : campaign->languages)
        out << "  " << language << ": " << campaign->pages.value(language).size() << " pages\n";
    out.flush();
    return ExitOk;
}

const QList<Command>& commands()
{
    static const QList<Command> all {
        { QStringLiteral("stats"), QStringLiteral("Print the signature counts (--json for one JSON object)."),
          [](QCommandLineParser& p) {
              p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Print one JSON object.")));
          },
          runStats },
        { QStringLiteral("check-campaign"),
          QStringLiteral("Check a campaign folder (check-campaign DIR) before a kiosk uses it."),
          [](QCommandLineParser& p) {
              p.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("The campaign folder."));
          },
          runCheckCampaign },
    };
    return all;
}

QString globalHelp()
{
    QString text = QStringLiteral("Usage: petition-kiosk-admin [--data-dir DIR] <command> [options]\n\n"
                                  "Coordinators' command line for a petition kiosk's data folder.\n\n"
                                  "Options:\n"
                                  "  --data-dir DIR  The kiosk's data folder (default: %1)\n"
                                  "  --verbose       Log what the store does (never personal data) to stderr.\n"
                                  "  -h, --help      Show this help, or a command's help after the command.\n"
                                  "  -v, --version   Show the version.\n\n"
                                  "Commands:\n")
                       .arg(DataDir::defaultPath());
    for (const Command& c : commands())
        text += QStringLiteral("  %1  %2\n").arg(c.name, -15).arg(c.summary);
    text += QStringLiteral("\nExit codes: 0 success, 1 failure, 2 usage error.\n");
    return text;
}

} // namespace

int runAdminCommand(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    QCommandLineParser global;
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show help."));
    const QCommandLineOption version({ QStringLiteral("v"), QStringLiteral("version") },
                                     QStringLiteral("Show the version."));
    global.addOption(help);
    global.addOption(version);
    global.addOption(dataDirOption());
    global.addOption(QCommandLineOption(QStringLiteral("verbose"), QStringLiteral("Log what the store does to stderr.")));
    global.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do."));
    if (!global.parse(arguments.isEmpty() ? QStringList { QStringLiteral("petition-kiosk-admin") } : arguments))
        return usage(err, global.errorText());

    const QStringList positional = global.positionalArguments();
    if (global.isSet(version)) {
        out << "petition-kiosk-admin " << KIOSK_VERSION << Qt::endl;
        return ExitOk;
    }
    if (global.isSet(help) && positional.isEmpty()) {
        out << globalHelp();
        out.flush();
        return ExitOk;
    }
    if (positional.isEmpty())
        return usage(err, QStringLiteral("no command given"));

    const QString name = positional.first();
    const auto command = std::find_if(commands().cbegin(), commands().cend(),
                                      [&name](const Command& c) { return c.name == name; });
    if (command == commands().cend())
        return usage(err, QStringLiteral("unknown command '%1'").arg(name));

    QCommandLineParser local;
    local.addOption(help);
    local.addOption(dataDirOption());
    command->addOptions(local);
    if (!local.parse(QStringList { arguments.value(0) } + positional.mid(1)))
        return usage(err, QStringLiteral("%1: %2").arg(name, local.errorText()));
    if (local.isSet(help)) {
        out << "Usage: petition-kiosk-admin [--data-dir DIR] " << name << " [options]\n\n" << command->summary << "\n\n"
            << local.helpText().section(QLatin1Char('\n'), 2);
        out.flush();
        return ExitOk;
    }
    if (!local.positionalArguments().isEmpty() && name != QLatin1String("check-campaign"))
        return usage(err, QStringLiteral("%1: unexpected argument '%2'").arg(name, local.positionalArguments().first()));

    QString dataDir = local.isSet(dataDirOption()) ? local.value(dataDirOption()) : global.value(dataDirOption());
    if (dataDir.isEmpty())
        dataDir = DataDir::defaultPath();
    return command->run(local, dataDir, out, err);
}

} // namespace kiosk
