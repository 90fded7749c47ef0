#include "admincommands.h"

#include "clisupport.h"
#include "sealingcommands.h"

#include "admin/adminpin.h"
#include "core/backup.h"
#include "core/batchchain.h"
#include "core/batchexporter.h"
#include "core/batchmanifest.h"
#include "core/campaignsource.h"
#include "core/datadir.h"
#include "core/devicekey.h"
#include "core/kiosksettings.h"
#include "core/platform.h"
#include "core/signaturestore.h"
#include "core/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QRegularExpression>
#include <QTextStream>

#include <functional>

namespace kiosk {

using cli::fail;
using cli::openExisting;
using cli::printable;
using cli::usage;

namespace {

struct Command
{
    QString name;
    QString summary;
    std::function<void(QCommandLineParser&)> addOptions;
    std::function<int(QCommandLineParser&, const QString& dataDir, QTextStream& in, QTextStream& out, QTextStream& err)>
        run;
};

const QCommandLineOption& dataDirOption()
{
    static const QCommandLineOption option(
        QStringLiteral("data-dir"), QStringLiteral("The kiosk's data folder."), QStringLiteral("dir"));
    return option;
}

int runStats(QCommandLineParser& parser, const QString& dataDir, QTextStream&, QTextStream& out, QTextStream& err)
{
    SignatureStore store;
    if (!openExisting(store, dataDir, err))
        return ExitFailure;
    const Result<SignatureCounts> counted = store.signatures().counts();
    if (!counted)
        return fail(err, counted.errorString());
    const SignatureCounts& counts = *counted;
    const Result<SealingState> sealing = store.sealing().state();
    if (!sealing)
        return fail(err, sealing.errorString());

    const QString deviceKey = DeviceKey::fingerprintIn(dataDir);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject perPetition;
        for (auto it = counts.perPetition.cbegin(); it != counts.perPetition.cend(); ++it)
            perPetition.insert(it.key(), it.value());
        const QJsonObject json { { QStringLiteral("total"), counts.total }, { QStringLiteral("today"), counts.today },
            { QStringLiteral("unexported"), counts.unexported }, { QStringLiteral("per_petition"), perPetition },
            { QStringLiteral("device_id"), store.deviceId() }, { QStringLiteral("sealed"), sealing->sealed() },
            { QStringLiteral("coordinator_key"),
                sealing->sealed() ? QJsonValue(sealing->fingerprint) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("device_key"),
                deviceKey.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(deviceKey) } };
        out << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    if (sealing->sealed())
        out << "Sealed to coordinator key " << sealing->fingerprint << '\n'
            << "Device key:     " << (deviceKey.isEmpty() ? QStringLiteral("none yet") : deviceKey)
            << " (signs this kiosk's batches)\n";
    else
        out << "UNSEALED - test only: names are kept in clear on this kiosk\n";
    out << "Signed today:   " << counts.today << '\n'
        << "Signed in all:  " << counts.total << '\n'
        << "Not exported:   " << counts.unexported << '\n';
    for (auto it = counts.perPetition.cbegin(); it != counts.perPetition.cend(); ++it)
        out << "Petition " << it.key() << ": " << it.value() << '\n';
    out.flush();
    return ExitOk;
}

int runCheckCampaign(
    QCommandLineParser& parser, const QString& dataDir, QTextStream&, QTextStream& out, QTextStream& err)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        err << "petition-kiosk-admin: check-campaign needs one folder (see petition-kiosk-admin check-campaign --help)"
            << Qt::endl;
        return ExitUsage;
    }
    // Against this kiosk's record of texts, if it has one: a changed text needs a new version.
    SignatureStore store;
    (void)store.open(dataDir, SignatureStore::OpenMode::ExistingOnly);
    const Result<Campaign> campaign = CampaignSource::check(args.first(), store);
    if (!campaign)
        return fail(err, campaign.errorString());
    out << "Campaign folder is usable: " << args.first() << '\n'
        << "  petition " << campaign->petitionId << " version " << campaign->petitionVersion << ", consent version "
        << campaign->consentVersion << '\n'
        << "  petition text sha256 " << CampaignSource::petitionDigest(*campaign).toHex() << '\n';
    for (const QString& language : campaign->languages)
        out << "  " << language << ": " << campaign->pages.value(language).size() << " pages\n";
    for (const QString& note : campaign->notes)
        out << "  left out: " << note << '\n';
    out.flush();
    return ExitOk;
}

int runInit(QCommandLineParser& parser, const QString& dataDir, QTextStream&, QTextStream& out, QTextStream& err)
{
    const QString organisation = parser.value(QStringLiteral("organisation")).trimmed();
    const QString stall = parser.value(QStringLiteral("stall")).trimmed();
    if (organisation.isEmpty() || stall.isEmpty()) {
        err << "petition-kiosk-admin: init needs --organisation and --stall (see petition-kiosk-admin init --help)"
            << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("coordinator-key")) && parser.isSet(QStringLiteral("unsealed")))
        return usage(err, QStringLiteral("init takes --coordinator-key or --unsealed, not both"));
    if (!parser.isSet(QStringLiteral("coordinator-key")) && !parser.isSet(QStringLiteral("unsealed"))
        && !QFileInfo::exists(DataDir::databasePath(dataDir)))
        return usage(err,
            QStringLiteral("init needs --coordinator-key coordinator.pub, so that names are sealed (or --unsealed, "
                           "for a test kiosk only)"));
    SignatureStore store;
    if (const VoidResult opened = store.open(dataDir); !opened)
        return fail(err, opened.errorString());
    out << "Data folder: " << QDir(dataDir).absolutePath() << '\n';
    if (const int enrolled = cli::enrol(parser, store, out, err); enrolled != ExitOk)
        return enrolled;
    KioskSettings settings(dataDir);
    settings.setOrganisation(organisation);
    settings.setStallName(stall);
    if (parser.isSet(QStringLiteral("place")))
        settings.setStallPlace(parser.value(QStringLiteral("place")));
    if (parser.isSet(QStringLiteral("language")))
        settings.setDefaultLanguage(parser.value(QStringLiteral("language")));
    if (parser.isSet(QStringLiteral("idle-timeout"))) {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("idle-timeout")).toInt(&ok);
        if (!ok || seconds < 10) {
            err << "petition-kiosk-admin: --idle-timeout takes a number of seconds, at least 10" << Qt::endl;
            return ExitUsage;
        }
        settings.setIdleTimeoutSeconds(seconds);
    }
    if (!settings.sync())
        return fail(
            err, QStringLiteral("The settings could not be written to %1.").arg(DataDir::settingsPath(dataDir)));
    if (const VoidResult audited = store.audit().append(
            QStringLiteral("set up by petition-kiosk-admin init"), QStringLiteral("stall=") + settings.stallId());
        !audited)
        return fail(err,
            QStringLiteral("The settings are saved, but the audit log could not be written: ") + audited.errorString());
    out << "Data folder ready.\n"
        << "  organisation: " << organisation << '\n'
        << "  stall: " << stall << " (id " << settings.stallId() << ")\n";
    if (!AdminPin(store).isSet())
        out << "  Set the volunteer PIN next: petition-kiosk-admin --data-dir " << dataDir << " set-pin\n";
    out.flush();
    return ExitOk;
}

int runSetPin(QCommandLineParser& parser, const QString& dataDir, QTextStream& in, QTextStream& out, QTextStream& err)
{
    SignatureStore store;
    if (!openExisting(store, dataDir, err))
        return ExitFailure;
    cli::Prompter prompt(in, err, parser.isSet(QStringLiteral("stdin")));
    AdminPin pin(store);
    // A sealed kiosk's PIN guards its duplicate key: changing it needs the current PIN (or reset-pin).
    std::shared_ptr<const SecretBytes> kd;
    if (pin.isSet() && store.sealing().state().valueOr({}).sealed()) {
        const AdminPin::Result current = pin.verify(prompt.secret("Current volunteer PIN: ").trimmed());
        if (current.status != AdminPin::Status::Ok)
            return fail(err,
                QStringLiteral("The current PIN is not right (or the pad is locked); nothing was changed. A "
                               "coordinator can reset it: petition-kiosk-admin reset-pin --coordinator-key "
                               "coordinator.key"));
        kd = current.key;
    }
    const QString newPin = cli::askNewPin(prompt, err);
    if (newPin.isEmpty())
        return ExitFailure;
    if (const auto set = pin.set(newPin, kd.get()); !set)
        return fail(err, set.errorString());
    if (const VoidResult audited = store.audit().append(QStringLiteral("PIN set by petition-kiosk-admin")); !audited)
        return fail(
            err, QStringLiteral("The PIN is set, but the audit log could not be written: ") + audited.errorString());
    out << "The volunteer PIN is set." << Qt::endl;
    return ExitOk;
}

int runAudit(QCommandLineParser& parser, const QString& dataDir, QTextStream&, QTextStream& out, QTextStream& err)
{
    bool ok = false;
    const int limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit <= 0) {
        err << "petition-kiosk-admin: --limit takes a positive number" << Qt::endl;
        return ExitUsage;
    }
    SignatureStore store;
    if (!openExisting(store, dataDir, err))
        return ExitFailure;
    Result<QList<AuditEntry>> newest = store.audit().newest(limit);
    if (!newest)
        return fail(err, newest.errorString());
    QList<AuditEntry> entries = std::move(newest).value();
    std::reverse(entries.begin(), entries.end()); // oldest first, like a log
    for (const AuditEntry& e : entries)
        out << toIsoUtc(e.at) << "  " << printable(e.action)
            << (e.detail.isEmpty() ? QString() : QStringLiteral("  ") + printable(e.detail)) << '\n';
    out.flush();
    return ExitOk;
}

int runExport(QCommandLineParser& parser, const QString& dataDir, QTextStream&, QTextStream& out, QTextStream& err)
{
    const QString outDir = parser.value(QStringLiteral("out"));
    if (outDir.isEmpty()) {
        err << "petition-kiosk-admin: export needs --out DIR (see petition-kiosk-admin export --help)" << Qt::endl;
        return ExitUsage;
    }
    SignatureStore store;
    if (!openExisting(store, dataDir, err))
        return ExitFailure;
    BatchExporter exporter(store, QStringLiteral(KIOSK_VERSION));
    for (const QString& line : exporter.recoverInterrupted())
        err << "petition-kiosk-admin: " << line << Qt::endl;
    const BatchExporter::Outcome result = parser.isSet(QStringLiteral("batch"))
        ? exporter.reexport(parser.value(QStringLiteral("batch")), outDir)
        : exporter.exportNew(outDir, KioskSettings(dataDir).stallId());
    switch (result.status) {
    case BatchExporter::Outcome::Status::NothingNew:
        out << result.error << Qt::endl;
        return ExitOk;
    case BatchExporter::Outcome::Status::Failed:
        return fail(err, result.error);
    case BatchExporter::Outcome::Status::Exported:
        break;
    }
    out << "Batch " << result.batchId << ": " << result.rows << " signatures written to "
        << QDir::toNativeSeparators(result.folder) << Qt::endl;
    return ExitOk;
}

int runBatches(QCommandLineParser& parser, const QString& dataDir, QTextStream&, QTextStream& out, QTextStream& err)
{
    SignatureStore store;
    if (!openExisting(store, dataDir, err))
        return ExitFailure;
    const Result<QList<BatchRecord>> batches = store.ledger().all();
    if (!batches)
        return fail(err, batches.errorString());
    const QList<BatchRecord>& all = *batches;
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const BatchRecord& b : all)
            list.append(QJsonObject { { QStringLiteral("id"), b.id }, { QStringLiteral("created_at"), b.createdAt },
                { QStringLiteral("rows"), b.rowCount }, { QStringLiteral("destination"), b.destination },
                { QStringLiteral("status"), BatchLedger::statusName(b.status) },
                { QStringLiteral("csv_sha256"), b.csvSha256 } });
        out << QJsonDocument(list).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    if (all.isEmpty())
        out << "No batches yet.\n";
    for (const BatchRecord& b : all)
        out << b.id << "  " << b.createdAt << "  " << b.rowCount << " signatures  "
            << printable(QDir::toNativeSeparators(b.destination))
            << (b.status == BatchStatus::Complete ? QString() : QStringLiteral("  (interrupted)")) << '\n';
    out.flush();
    return ExitOk;
}

int runVerify(QCommandLineParser& parser, const QString&, QTextStream&, QTextStream& out, QTextStream& err)
{
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        err << "petition-kiosk-admin: verify needs a batch folder, or a folder of batches (see petition-kiosk-admin "
               "verify --help)"
            << Qt::endl;
        return ExitUsage;
    }
    for (const QString& arg : args) {
        if (!QFileInfo(arg).isDir())
            return fail(err, QStringLiteral("%1 is not a folder.").arg(printable(arg)));
    }
    BatchVerifier::Options options;
    options.deviceKey = parser.value(QStringLiteral("device-key")).trimmed().toUpper();
    static const QRegularExpression fingerprint(QStringLiteral("^[0-9A-F]{4}(-[0-9A-F]{4}){3}$"));
    if (!options.deviceKey.isEmpty() && !fingerprint.match(options.deviceKey).hasMatch())
        return usage(err, QStringLiteral("--device-key takes a fingerprint such as 3F2A-91C0-77DE-0B14"));
    const QStringList folders = BatchVerifier::batchFolders(args);
    if (folders.isEmpty())
        return fail(err, QStringLiteral("No batch folder (with a manifest.json) was found there."));
    int failed = 0;
    QList<BatchChain::Link> links;
    for (const QString& folder : folders) {
        const QString name = printable(QDir::toNativeSeparators(folder));
        const BatchVerifier::Result r = BatchVerifier::verify(folder, options);
        if (!r.ok) {
            ++failed;
            for (const QString& problem : r.problems)
                err << "petition-kiosk-admin: " << name << ": " << printable(problem) << Qt::endl;
            continue;
        }
        if (r.format == 2) {
            out << "OK: " << name << ": " << r.rows << " signatures, signed by device key " << r.deviceKey
                << " (sequence " << r.sequence << "); every file matches the manifest." << Qt::endl;
            links.append(
                { name, r.batchId, r.deviceId, r.deviceKey, r.sequence, r.previousManifestSha256, r.manifestSha256 });
        } else {
            out << "OK: " << name << ": " << r.rows
                << " signatures; every file matches the manifest (an unsigned batch from an unsealed test kiosk)."
                << Qt::endl;
        }
    }
    const BatchChain::Report chain = BatchChain::check(links);
    for (const QString& note : chain.notes)
        out << "Chain: " << printable(note) << Qt::endl;
    for (const QString& problem : chain.problems)
        err << "petition-kiosk-admin: chain: " << printable(problem) << Qt::endl;
    if (folders.size() > 1)
        out << folders.size() - failed << " of " << folders.size() << " batches verified." << Qt::endl;
    return failed == 0 && chain.problems.isEmpty() ? ExitOk : ExitFailure;
}

int runBackup(QCommandLineParser& parser, const QString& dataDir, QTextStream&, QTextStream& out, QTextStream& err)
{
    SignatureStore store;
    if (!openExisting(store, dataDir, err))
        return ExitFailure;
    KioskSettings settings(dataDir);
    QString folder = parser.value(QStringLiteral("to"));
    if (folder.isEmpty())
        folder = Backup::folderFor(settings, dataDir);
    const Result<QString> file = Backup::run(store, folder, settings.stallId());
    if (!file)
        return fail(err, file.errorString());
    (void)store.audit().append(QStringLiteral("backup made by petition-kiosk-admin"), QFileInfo(*file).fileName());
    out << "Backup written: " << QDir::toNativeSeparators(*file) << Qt::endl;
    return ExitOk;
}

int runRestore(QCommandLineParser& parser, const QString& dataDir, QTextStream&, QTextStream& out, QTextStream& err)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        err << "petition-kiosk-admin: restore needs one backup file (see petition-kiosk-admin restore --help)"
            << Qt::endl;
        return ExitUsage;
    }
    // Not under a running kiosk.
    QDir().mkpath(dataDir);
    QLockFile lock(DataDir::lockPath(dataDir));
    if (!DataDir::takeLock(lock, 200))
        return fail(err, QStringLiteral("A kiosk is running on %1. Exit it from the admin screen first.").arg(dataDir));
    const Result<QString> summary = Backup::restore(args.first(), dataDir);
    if (!summary)
        return fail(err, summary.errorString());
    out << *summary << Qt::endl;
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
        { QStringLiteral("init"),
            QStringLiteral("Set a data folder up before the stall: --organisation, --stall [--place, --language, "
                           "--idle-timeout]."),
            [](QCommandLineParser& p) {
                p.addOptions({ { QStringLiteral("organisation"), QStringLiteral("Who collects the signatures."),
                                   QStringLiteral("name") },
                    { QStringLiteral("stall"), QStringLiteral("The stall's name."), QStringLiteral("name") },
                    { QStringLiteral("place"), QStringLiteral("Where the stall is."), QStringLiteral("place") },
                    { QStringLiteral("language"), QStringLiteral("Starting language (en, zh_CN, zh_TW)."),
                        QStringLiteral("code") },
                    { QStringLiteral("idle-timeout"), QStringLiteral("Seconds before \"Still there?\"."),
                        QStringLiteral("seconds") },
                    { QStringLiteral("coordinator-key"),
                        QStringLiteral("The coordinator's coordinator.pub: names are sealed to it."),
                        QStringLiteral("file") },
                    { QStringLiteral("unsealed"),
                        QStringLiteral("No coordinator key: names in clear. For tests and demos only.") } });
            },
            runInit },
        { QStringLiteral("keygen"),
            QStringLiteral("Make the coordinator's key pair: keygen --out DIR writes coordinator.pub and "
                           "coordinator.key."),
            [](QCommandLineParser& p) {
                p.addOptions(
                    { { QStringLiteral("out"), QStringLiteral("Where the two files go."), QStringLiteral("dir") },
                        { QStringLiteral("passphrase-stdin"),
                            QStringLiteral("Read the passphrase once from standard input, for scripts.") } });
            },
            cli::runKeygen },
        { QStringLiteral("reset-pin"),
            QStringLiteral("Set a new PIN when it is forgotten, with --coordinator-key coordinator.key."),
            [](QCommandLineParser& p) {
                p.addOptions({ { QStringLiteral("coordinator-key"), QStringLiteral("The coordinator's secret key."),
                                   QStringLiteral("file") },
                    { QStringLiteral("passphrase-stdin"),
                        QStringLiteral("Read the passphrase, then the new PIN, from standard input.") } });
            },
            cli::runResetPin },
        { QStringLiteral("seal-existing"),
            QStringLiteral("Seal an unsealed data folder's signatures and backups to --coordinator-key "
                           "coordinator.pub (asks for the PIN)."),
            [](QCommandLineParser& p) {
                p.addOptions({ { QStringLiteral("coordinator-key"), QStringLiteral("The coordinator's public key."),
                                   QStringLiteral("file") },
                    { QStringLiteral("stdin"),
                        QStringLiteral("Read the PIN once from standard input, for scripts.") } });
            },
            cli::runSealExisting },
        { QStringLiteral("forget-batch"),
            QStringLiteral("Forget a batch's sealed details once the hub has it: forget-batch ID --confirmation FILE "
                           "(from petition-hub confirm). The counts stay."),
            [](QCommandLineParser& p) {
                p.addPositionalArgument(QStringLiteral("id"), QStringLiteral("The batch's id."));
                p.addOption({ QStringLiteral("confirmation"),
                    QStringLiteral("The hub's confirmation, <batch-id>.<device-id>.confirmed.json."),
                    QStringLiteral("file") });
            },
            cli::runForgetBatch },
        { QStringLiteral("open-batch"),
            QStringLiteral("Open a sealed batch into a clear copy: open-batch DIR/<batch-id> --key coordinator.key "
                           "--out DIR."),
            [](QCommandLineParser& p) {
                p.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("The sealed batch folder."));
                p.addOptions({ { QStringLiteral("key"), QStringLiteral("The coordinator's secret key."),
                                   QStringLiteral("file") },
                    { QStringLiteral("out"), QStringLiteral("Where the clear copy goes."), QStringLiteral("dir") },
                    { QStringLiteral("passphrase-stdin"),
                        QStringLiteral("Read the passphrase once from standard input, for scripts.") } });
            },
            cli::runOpenBatch },
        { QStringLiteral("set-pin"),
            QStringLiteral("Set the volunteer PIN, read twice from standard input (once with --stdin; a sealed kiosk "
                           "reads the current PIN first)."),
            [](QCommandLineParser& p) {
                p.addOption({ QStringLiteral("stdin"), QStringLiteral("Read the PIN once, for scripts.") });
            },
            runSetPin },
        { QStringLiteral("audit"), QStringLiteral("Print the audit log of admin actions, oldest first."),
            [](QCommandLineParser& p) {
                p.addOption({ QStringLiteral("limit"), QStringLiteral("How many of the latest entries (default 1000)."),
                    QStringLiteral("n"), QStringLiteral("1000") });
            },
            runAudit },
        { QStringLiteral("export"),
            QStringLiteral("Write the signatures not yet exported as a batch into --out DIR (or --batch ID again)."),
            [](QCommandLineParser& p) {
                p.addOptions(
                    { { QStringLiteral("out"), QStringLiteral("Where the batch folder goes."), QStringLiteral("dir") },
                        { QStringLiteral("batch"), QStringLiteral("Write this past batch again, byte for byte."),
                            QStringLiteral("id") } });
            },
            runExport },
        { QStringLiteral("batches"), QStringLiteral("List the past batches: id, time, count, destination."),
            [](QCommandLineParser& p) {
                p.addOption({ QStringLiteral("json"), QStringLiteral("One JSON array.") });
            },
            runBatches },
        { QStringLiteral("backup"), QStringLiteral("Copy the database to the backup folder now (or --to DIR)."),
            [](QCommandLineParser& p) {
                p.addOption({ QStringLiteral("to"), QStringLiteral("The backup folder."), QStringLiteral("dir") });
            },
            runBackup },
        { QStringLiteral("restore"),
            QStringLiteral("Put a backup in place as the database (restore FILE); the current one is kept aside."),
            [](QCommandLineParser& p) {
                p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A signatures-*.sqlite backup."));
            },
            runRestore },
        { QStringLiteral("verify"),
            QStringLiteral("Check batch folders against their manifests and signatures, and each device's chain of "
                           "batches (verify DIR/<batch-id>…, or a stick's root)."),
            [](QCommandLineParser& p) {
                p.addPositionalArgument(QStringLiteral("folders"),
                    QStringLiteral("Batch folders, or folders of batches."), QStringLiteral("folder…"));
                p.addOption({ QStringLiteral("device-key"),
                    QStringLiteral("Also require every batch to be signed by this device key (its fingerprint)."),
                    QStringLiteral("fingerprint") });
            },
            runVerify },
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

int runAdminCommand(const QStringList& arguments, QTextStream& in, QTextStream& out, QTextStream& err)
{
    QCommandLineParser global;
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show help."));
    const QCommandLineOption version(
        { QStringLiteral("v"), QStringLiteral("version") }, QStringLiteral("Show the version."));
    global.addOption(help);
    global.addOption(version);
    global.addOption(dataDirOption());
    global.addOption(
        QCommandLineOption(QStringLiteral("verbose"), QStringLiteral("Log what the store does to stderr.")));
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
    const auto command
        = std::find_if(commands().cbegin(), commands().cend(), [&name](const Command& c) { return c.name == name; });
    if (command == commands().cend())
        return usage(err, QStringLiteral("unknown command '%1'").arg(name));

    QCommandLineParser local;
    local.addOption(help);
    local.addOption(dataDirOption());
    local.addOption(
        QCommandLineOption(QStringLiteral("verbose"), QStringLiteral("Log what the store does to stderr.")));
    command->addOptions(local);
    if (!local.parse(QStringList { arguments.value(0) } + positional.mid(1)))
        return usage(err, QStringLiteral("%1: %2").arg(name, local.errorText()));
    if (local.isSet(help)) {
        out << "Usage: petition-kiosk-admin [--data-dir DIR] " << name << " [options]\n\n"
            << command->summary << "\n\n"
            << local.helpText().section(QLatin1Char('\n'), 2);
        out.flush();
        return ExitOk;
    }
    if (!local.positionalArguments().isEmpty() && name != QLatin1String("check-campaign")
        && name != QLatin1String("verify") && name != QLatin1String("restore") && name != QLatin1String("open-batch")
        && name != QLatin1String("forget-batch"))
        return usage(
            err, QStringLiteral("%1: unexpected argument '%2'").arg(name, local.positionalArguments().first()));

    QString dataDir = local.isSet(dataDirOption()) ? local.value(dataDirOption()) : global.value(dataDirOption());
    if (dataDir.isEmpty())
        dataDir = DataDir::defaultPath();
    if (!DataDir::isSoundName(dataDir))
        return fail(err,
            QStringLiteral("The data folder's name is not valid text in this system's encoding (UTF-8); "
                           "it would be read as another folder. Rename it, or give it another way."));
    return command->run(local, dataDir, in, out, err);
}

} // namespace kiosk
