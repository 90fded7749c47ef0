#include "hubcommands.h"

#include "cli/admincommands.h"
#include "cli/clisupport.h"
#include "core/batchverifier.h"
#include "core/campaign.h"
#include "core/campaignfiles.h"
#include "core/coordinatorkey.h"
#include "core/importconfirmation.h"
#include "core/signingrules.h"
#include "hubdatabase.h"
#include "hubduplicates.h"
#include "hubhandin.h"
#include "hubimporter.h"
#include "hubprint.h"
#include "hubreport.h"
#include "hubrights.h"
#include "hubsignerkeys.h"
#include "hubtotals.h"
#include "hubuploads.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTextStream>

namespace kiosk::hub {

namespace {

using cli::fail;
using cli::printable;
using cli::usage;

constexpr qint64 MaxReceiptBytes = 1 << 20; // a receipt names every batch: 64 bytes each, 16,000 batches

const QString kUsage = QStringLiteral(
    "Usage: petition-hub [--database FILE|URL] <command> [options]\n\n"
    "The coordinators' hub: every stall's sealed, signed batches in one database.\n\n"
    "Commands:\n"
    "  init [--store clear|sealed]            create or migrate the hub database; sealed: no name in clear in it\n"
    "  import DIR… --key coordinator.key      take in batch folders, or a stick's root [--passphrase-stdin]\n"
    "  enrol --device ID --key FINGERPRINT    pin a kiosk to its signing key before its first batch\n"
    "  devices [--json]                       each kiosk: stall, key, last sequence, batches, signatures, flags\n"
    "  duplicates [--json]                    mark duplicates across stalls (the kiosk's rules), and list them\n"
    "  status [--json]                        totals, refused and flagged batches, the last import\n"
    "  totals [--json] [--from/--to DAY]      signatures by stall, London day, postcode area and country\n"
    "  report --out FILE.pdf [--from/--to DAY] [--language L]\n"
    "                                         the printed report: totals, charts, every batch (no names)\n"
    "  hand-in --out DIR [--key coordinator.key]\n"
    "                                         supporters.pdf, supporters.csv and hand-in.json: the names to hand\n"
    "                                         in (a sealed hub needs the key to open them)\n"
    "  erase (--name N --postcode P | --email E [--name N] | --id ID…) [--key coordinator.key] [--yes] [--dry-run]\n"
    "                                         find a signer's signatures by the kiosk's duplicate rules, list them,\n"
    "                                         and erase them on request: a tombstone stays, no import brings them "
    "back\n"
    "  purge (--before DAY | --campaign-closed) --out DIR [--dry-run]\n"
    "                                         remove the personal details of everything signed before DAY (London);\n"
    "                                         the counts stay; writes a receipt (JSON and PDF) into DIR\n"
    "  check-receipt FILE                     check a purge receipt against itself and this hub's audit log\n"
    "  contacts --out FILE.csv [--format mailchimp|generic] [--since DAY|last] [--key coordinator.key]\n"
    "                                         the signers who opted in to email, each email once, for a mailing tool\n"
    "  signatures --out FILE.csv [--since DAY|last] [--key coordinator.key]\n"
    "                                         the de-duplicated signatures, for a CRM or an online petition\n"
    "  confirm --out DIR --key coordinator.key [--device ID]\n"
    "                                         a confirmation per imported batch, for its kiosk: with it,\n"
    "                                         petition-kiosk-admin forget-batch forgets the batch's sealed rows\n\n"
    "Options:\n"
    "  --database FILE|URL  a SQLite file (default: %1), or\n"
    "                       postgresql://user@host:port/dbname, or postgresql:///dbname?host=/socket/dir\n"
    "                       (the password, if the server asks for one, from PGPASSWORD)\n"
    "  --key FILE|FPR       coordinator.key (import, confirm; a sealed hub's hand-in, erase, contacts and\n"
    "                       signatures), or a device key fingerprint (enrol)\n"
    "  --passphrase-stdin   read the passphrase of coordinator.key once from standard input\n"
    "  --device ID          a kiosk's device id (enrol; confirm: only its batches)\n"
    "  --json               JSON output (devices, duplicates, status, totals)\n"
    "  --store clear|sealed how init keeps names: in clear (default), or sealed as the batches bring them\n"
    "  --from, --to DAY     the first and last day (yyyy-mm-dd, Europe/London) that totals and report count\n"
    "  --out FILE|DIR       the file report, contacts and signatures write; the folder hand-in, purge and\n"
    "                       confirm write into\n"
    "  --campaign DIR       the campaign folder whose wording is printed (default: the built-in campaign)\n"
    "  --language L         the language of the report's cover (default: the campaign's own, such as en)\n"
    "  --name, --postcode, --email, --id   the details a signer gives to be erased (erase)\n"
    "  --yes                erase without asking to type yes\n"
    "  --dry-run            list what erase or purge would take, and change nothing\n"
    "  --before DAY         purge what was signed before this London day (yyyy-mm-dd)\n"
    "  --campaign-closed    purge every signature in the hub (the campaign is over)\n"
    "  --format F           contacts: mailchimp (Mailchimp's import columns, the default) or generic\n"
    "  --since DAY|last     contacts, signatures: only what came into the hub on or after DAY (London), or since\n"
    "                       the last export of the same kind\n"
    "  -h, --help           this help\n"
    "  --version            the version\n");

Result<std::unique_ptr<HubDatabase>> openDatabase(
    const QCommandLineParser& parser, std::optional<HubDatabase::Store> store)
{
    const QString where
        = parser.isSet(QStringLiteral("database")) ? parser.value(QStringLiteral("database")) : defaultDatabase();
    return HubDatabase::open(where, store);
}

int runInit(HubDatabase& db, QTextStream& out)
{
    out << "Hub database ready (schema " << db.schemaVersion() << ", names "
        << (db.store() == HubDatabase::Store::Sealed ? "sealed" : "in clear") << "): " << printable(db.description())
        << Qt::endl;
    return ExitOk;
}

// coordinator.key (--key), its passphrase asked for once, or read once from standard input.
Result<Sealing::KeyPair> readCoordinatorKey(const QCommandLineParser& parser, QTextStream& in, QTextStream& err)
{
    cli::Prompter prompt(in, err, parser.isSet(QStringLiteral("passphrase-stdin")));
    const QString passphrase = prompt.secret("Passphrase of coordinator.key: ");
    return CoordinatorKey::readSecret(parser.value(QStringLiteral("key")), passphrase);
}

// coordinator.key when --key gives it (a sealed hub's outputs need it to open names); null when not given.
Result<std::shared_ptr<const Sealing::KeyPair>> keyIfGiven(
    const QCommandLineParser& parser, QTextStream& in, QTextStream& err)
{
    if (!parser.isSet(QStringLiteral("key")))
        return std::shared_ptr<const Sealing::KeyPair>();
    Result<Sealing::KeyPair> read = readCoordinatorKey(parser, in, err);
    if (!read)
        return read.failure();
    return std::make_shared<const Sealing::KeyPair>(std::move(*read));
}

int runImport(HubDatabase& db, const QCommandLineParser& parser, QTextStream& in, QTextStream& out, QTextStream& err)
{
    const QStringList paths = parser.positionalArguments().mid(1);
    if (paths.isEmpty() || !parser.isSet(QStringLiteral("key")))
        return usage(err, QStringLiteral("import needs batch folders (or a stick's root) and --key coordinator.key"));
    Result<Sealing::KeyPair> keys = readCoordinatorKey(parser, in, err);
    if (!keys)
        return fail(err, keys.errorString() + QStringLiteral(" Nothing was imported."));
    const QStringList folders = BatchVerifier::batchFolders(paths);
    if (folders.isEmpty())
        return fail(err, QStringLiteral("No batch folder (with a manifest.json) was found there."));
    HubImporter importer(db, std::make_shared<const Sealing::KeyPair>(std::move(*keys)));
    int refusedCount = 0, flagged = 0;
    qint64 rows = 0;
    importer.importPaths(folders, [&](const ImportReport& r) {
        const QString name = printable(QDir::toNativeSeparators(r.folder));
        switch (r.outcome) {
        case ImportReport::Outcome::Imported:
            rows += r.rowsNew;
            out << "imported " << name << ": " << r.rowsNew << " signatures";
            if (r.rowsKnown > 0)
                out << " (" << r.rowsKnown << " already in the hub, the same)";
            if (r.rowsRemoved > 0)
                out << " (" << r.rowsRemoved << " erased or purged at the hub before: not brought back)";
            out << Qt::endl;
            break;
        case ImportReport::Outcome::AlreadyImported:
            out << "skipped  " << name << ": imported before" << Qt::endl;
            break;
        case ImportReport::Outcome::Refused:
            ++refusedCount;
            err << "petition-hub: refused " << name << ": " << printable(r.reason) << Qt::endl;
            break;
        }
        for (const QString& flag : r.flags) {
            ++flagged;
            out << "  FLAGGED: " << printable(flag) << Qt::endl;
        }
    });
    out << rows << " new signatures from " << folders.size() - refusedCount << " of " << folders.size() << " batches; "
        << refusedCount << " refused, " << flagged << " flags." << Qt::endl;
    return refusedCount == 0 ? ExitOk : ExitFailure;
}

int runEnrol(HubDatabase& db, const QCommandLineParser& parser, QTextStream& out, QTextStream& err)
{
    const QString device = parser.value(QStringLiteral("device"));
    const QString key = parser.value(QStringLiteral("key")).trimmed().toUpper();
    static const QRegularExpression fingerprint(QStringLiteral("^[0-9A-F]{4}(-[0-9A-F]{4}){3}$"));
    if (device.isEmpty() || !fingerprint.match(key).hasMatch())
        return usage(
            err, QStringLiteral("enrol needs --device ID and --key FINGERPRINT (such as 3F2A-91C0-77DE-0B14)"));
    if (const VoidResult pinned = HubImporter::enrol(db, device, key); !pinned)
        return fail(err, pinned.failure().message());
    out << "Device " << printable(device) << " is pinned to key " << key << "." << Qt::endl;
    return ExitOk;
}

int runDevices(HubDatabase& db, const QCommandLineParser& parser, QTextStream& out, QTextStream& err)
{
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral(
            "SELECT d.device_id, d.key_fingerprint, d.stall_id, coalesce(max(b.sequence), 0), count(b.batch_id), "
            "coalesce(sum(b.rows_new), 0) FROM devices d LEFT JOIN batches b ON b.device_id = d.device_id GROUP BY "
            "d.device_id, d.key_fingerprint, d.stall_id ORDER BY d.stall_id, d.device_id")))
        return fail(err, db.failFrom(q).message());
    // Flagged as the chains stand now, as `status` shows them.
    const Result<QList<HubImporter::Finding>> findings = HubImporter::chainFindings(db);
    if (!findings)
        return fail(err, findings.failure().message());
    QHash<QString, qint64> flaggedByDevice;
    for (const HubImporter::Finding& f : *findings)
        ++flaggedByDevice[f.deviceId];
    QJsonArray all;
    while (q.next()) {
        all.append(QJsonObject { { QStringLiteral("device_id"), q.value(0).toString() },
            { QStringLiteral("key"), q.value(1).toString() }, { QStringLiteral("stall_id"), q.value(2).toString() },
            { QStringLiteral("last_sequence"), q.value(3).toLongLong() },
            { QStringLiteral("batches"), q.value(4).toLongLong() },
            { QStringLiteral("signatures"), q.value(5).toLongLong() },
            { QStringLiteral("flagged_batches"), flaggedByDevice.value(q.value(0).toString()) } });
    }
    if (parser.isSet(QStringLiteral("json"))) {
        out << QJsonDocument(all).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
               .arg(QStringLiteral("stall"), -20)
               .arg(QStringLiteral("device"), -36)
               .arg(QStringLiteral("key"), -19)
               .arg(QStringLiteral("last seq"), 8)
               .arg(QStringLiteral("batches"), 7)
               .arg(QStringLiteral("signatures"), 10)
               .arg(QStringLiteral("flagged"), 7);
    for (const QJsonValue& v : std::as_const(all)) {
        const QJsonObject d = v.toObject();
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                   .arg(printable(d.value(QStringLiteral("stall_id")).toString()), -20)
                   .arg(printable(d.value(QStringLiteral("device_id")).toString()), -36)
                   .arg(d.value(QStringLiteral("key")).toString(), -19)
                   .arg(d.value(QStringLiteral("last_sequence")).toInteger(), 8)
                   .arg(d.value(QStringLiteral("batches")).toInteger(), 7)
                   .arg(d.value(QStringLiteral("signatures")).toInteger(), 10)
                   .arg(d.value(QStringLiteral("flagged_batches")).toInteger(), 7);
    }
    out.flush();
    return ExitOk;
}

int runDuplicates(HubDatabase& db, const QCommandLineParser& parser, QTextStream& out, QTextStream& err)
{
    const Result<HubDuplicates::Outcome> marked = HubDuplicates::mark(db);
    if (!marked)
        return fail(err, marked.failure().message());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const HubDuplicates::Marked& m : marked->marked)
            list.append(QJsonObject { { QStringLiteral("id"), m.id }, { QStringLiteral("stall_id"), m.stallId },
                { QStringLiteral("signed_at"), m.signedAt }, { QStringLiteral("duplicate_of"), m.duplicateOf } });
        out << QJsonDocument(QJsonObject { { QStringLiteral("by_name_and_postcode"), marked->byNameAndPostcode },
                                 { QStringLiteral("by_email_and_name"), marked->byEmailAndName },
                                 { QStringLiteral("beyond_email_limit"), marked->beyondEmailLimit },
                                 { QStringLiteral("duplicates"), list } })
                   .toJson(QJsonDocument::Compact)
            << Qt::endl;
        return ExitOk;
    }
    out << marked->total() << " duplicates marked (left out of totals and hand-in lists, kept in the database): "
        << marked->byNameAndPostcode << " by name and postcode, " << marked->byEmailAndName << " by email and name, "
        << marked->beyondEmailLimit << " beyond " << SigningRules::MaxSignaturesPerEmail << " per email" << '\n';
    for (const HubDuplicates::Marked& m : marked->marked)
        out << "  " << m.id << " (" << printable(m.stallId) << ", " << m.signedAt.left(10) << ") duplicates "
            << m.duplicateOf << " (" << printable(m.originalStallId) << ", " << m.originalSignedAt.left(10) << ")\n";
    out.flush();
    return ExitOk;
}

// A table: a heading, then one line a name, the counts right-aligned, with each count's share of the total.
void printCounts(QTextStream& out, const QString& heading, const HubTotals::Counts& counts, qint64 total,
    const QString& none = QStringLiteral("(none)"))
{
    int width = int(heading.size());
    for (const auto& [name, count] : counts)
        width = std::max(width, int(printable(name.isEmpty() ? none : name).size()));
    out << '\n'
        << QStringLiteral("%1  %2  %3\n")
               .arg(heading, -width)
               .arg(QStringLiteral("signatures"), 10)
               .arg(QStringLiteral("share"), 6);
    for (const auto& [name, count] : counts)
        out << QStringLiteral("%1  %2  %3%\n")
                   .arg(printable(name.isEmpty() ? none : name), -width)
                   .arg(britishEnglish().toString(count), 10)
                   .arg(total ? 100.0 * double(count) / double(total) : 0.0, 5, 'f', 1);
}

int runTotals(HubDatabase& db, const HubTotals::Range& range, const QCommandLineParser& parser, QTextStream& out,
    QTextStream& err)
{
    const Result<HubTotals> totals = HubTotals::compute(db, range);
    if (!totals)
        return fail(err, totals.failure().message());
    if (parser.isSet(QStringLiteral("json"))) {
        out << QJsonDocument(totals->toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    const QString span = range.from || range.to
        ? QStringLiteral(" from %1 to %2")
              .arg(range.from ? range.from->toString(Qt::ISODate) : QStringLiteral("the first"),
                  range.to ? range.to->toString(Qt::ISODate) : QStringLiteral("the last"))
        : QString();
    if (totals->signatures == 0) {
        out << (span.isEmpty() ? QStringLiteral("No signatures in the hub yet (petition-hub import brings them in).")
                               : QStringLiteral("No signatures%1 (London days).").arg(span))
            << Qt::endl;
        return ExitOk;
    }
    const qint64 n = totals->signatures;
    const auto share = [n](qint64 part) {
        return QStringLiteral("%1 (%2%)")
            .arg(britishEnglish().toString(part))
            .arg(100.0 * double(part) / double(n), 0, 'f', 1);
    };
    out << "Signatures" << span << ": " << britishEnglish().toString(n) << " ("
        << britishEnglish().toString(totals->duplicatesLeftOut) << " duplicates left out, "
        << britishEnglish().toString(totals->erasedOnRequest) << " erased on request; days are Europe/London days)\n"
        << "UK citizens or residents: " << share(totals->ukCitizensOrResidents) << '\n'
        << "Contact opt-ins:          " << share(totals->contactOptIns) << '\n';
    printCounts(out, QStringLiteral("stall"), totals->byStall, n);
    printCounts(out, QStringLiteral("day"), totals->byDay, n);
    printCounts(out, QStringLiteral("postcode area"), totals->byPostcodeArea, n, QStringLiteral("(no postcode)"));
    printCounts(out, QStringLiteral("country"), totals->byCountry, n);
    out.flush();
    return ExitOk;
}

Result<Campaign> loadCampaign(const QCommandLineParser& parser)
{
    return CampaignLoader::load(parser.isSet(QStringLiteral("campaign"))
            ? parser.value(QStringLiteral("campaign"))
            : QString::fromLatin1(Campaign::BuiltInFolder));
}

int runReport(HubDatabase& db, const Campaign& campaign, const HubTotals::Range& range, HashedSaveFile& pdf,
    const QCommandLineParser& parser, QTextStream& out, QTextStream& err)
{
    const QString language = parser.isSet(QStringLiteral("language")) ? parser.value(QStringLiteral("language"))
                                                                      : campaign.languages.first();
    if (!campaign.languages.contains(language))
        return usage(err,
            QStringLiteral("--language is one of the campaign's: %1")
                .arg(campaign.languages.join(QStringLiteral(", "))));
    const Result<HubReport::Summary> written = HubReport::write(db, campaign, language, range, pdf);
    if (!written)
        return fail(err, written.failure().message());
    if (const Result<QString> committed = pdf.commit(); !committed)
        return fail(err, committed.failure().message());
    out << "Report written: " << printable(QDir::toNativeSeparators(pdf.path())) << " (" << written->pages << " pages, "
        << britishEnglish().toString(written->signatures) << " signatures, "
        << britishEnglish().toString(written->batches) << " batches)" << Qt::endl;
    return ExitOk;
}

int runHandIn(HubDatabase& db, const Campaign& campaign, HubHandIn& handIn, const QCommandLineParser& parser,
    QTextStream& in, QTextStream& out, QTextStream& err)
{
    const Result<std::shared_ptr<const Sealing::KeyPair>> keys = keyIfGiven(parser, in, err);
    if (!keys)
        return fail(err, keys.errorString() + QStringLiteral(" Nothing was written."));
    const Result<HubHandIn::Outcome> written = handIn.write(db, campaign, *keys);
    if (!written)
        return fail(err, written.failure().message());
    out << "Hand-in list written to " << printable(QDir::toNativeSeparators(parser.value(QStringLiteral("out"))))
        << ": " << britishEnglish().toString(written->names) << " names on "
        << britishEnglish().toString(written->pages) << " pages, from " << written->batches.size() << " batches.\n"
        << "Left out: " << britishEnglish().toString(written->duplicatesLeftOut) << " duplicates, "
        << britishEnglish().toString(written->consentNotCovering)
        << " under a consent version that does not cover handing "
        << "in, " << britishEnglish().toString(written->otherPetitions) << " for another petition or version, "
        << britishEnglish().toString(written->removed) << " erased or purged.\n";
    if (written->unprintable > 0)
        out << "Check the PDF: " << written->unprintable
            << " names have characters no installed font has (they are right in supporters.csv).\n";
    out << "It holds names in clear: print it, hand it in, and delete the folder." << Qt::endl;
    return ExitOk;
}

// For each batch in the hub (of one kiosk, with --device), a confirmation its kiosk can check with its own key before
// it forgets the batch's sealed rows (petition-kiosk-admin forget-batch).
int runConfirm(HubDatabase& db, const QCommandLineParser& parser, QTextStream& in, QTextStream& out, QTextStream& err)
{
    if (!parser.isSet(QStringLiteral("key")))
        return usage(err, QStringLiteral("confirm needs --key coordinator.key: the kiosks check its confirmations"));
    const Result<Sealing::KeyPair> keys = readCoordinatorKey(parser, in, err);
    if (!keys)
        return fail(err, keys.errorString() + QStringLiteral(" Nothing was written."));
    QSqlQuery q = db.query();
    const QString device = parser.value(QStringLiteral("device"));
    q.prepare(QStringLiteral("SELECT b.batch_id, b.manifest_sha256, b.device_id, b.row_count, b.imported_at, "
                             "d.signing_key FROM batches b JOIN devices d ON d.device_id = b.device_id %1 ORDER BY "
                             "b.device_id, b.sequence")
                  .arg(device.isEmpty() ? QString() : QStringLiteral("WHERE b.device_id = ?")));
    if (!device.isEmpty())
        q.addBindValue(device);
    if (!q.exec())
        return fail(err, db.failFrom(q).message());
    const QDir folder(parser.value(QStringLiteral("out")));
    const QString fingerprint = Sealing::fingerprint(keys->publicKey);
    int written = 0;
    QSet<QString> withoutKey;
    while (q.next()) {
        ImportConfirmation c;
        c.batchId = q.value(0).toString();
        c.manifestSha256 = q.value(1).toString();
        c.deviceId = q.value(2).toString();
        c.rows = q.value(3).toLongLong();
        c.importedAt = q.value(4).toString();
        c.coordinatorKey = fingerprint;
        const auto signingKey
            = QByteArray::fromBase64Encoding(q.value(5).toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        const QByteArray bytes = signingKey ? c.toFile(signingKey.decoded, *keys) : QByteArray();
        if (bytes.isEmpty()) {
            withoutKey.insert(c.deviceId);
            continue;
        }
        // Batch and device ids are the kiosk's: letters, digits, '-' and '_'; nothing else reaches a file name.
        // Two kiosks at one stall may number a day's batches alike: the device names the file too.
        static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_-]{1,100}$"));
        if (!safe.match(c.batchId).hasMatch() || !safe.match(c.deviceId).hasMatch())
            continue;
        HashedSaveFile file(folder.filePath(QStringLiteral("%1.%2.confirmed.json").arg(c.batchId, c.deviceId)));
        if (const VoidResult opened = file.openForWriting(); !opened)
            return fail(err, opened.failure().message());
        file.write(bytes);
        if (const Result<QString> committed = file.commit(); !committed)
            return fail(err, committed.failure().message());
        ++written;
    }
    if (const VoidResult audited = db.audit(QStringLiteral("confirm"),
            QStringLiteral("%1 import confirmations written%2")
                .arg(written)
                .arg(device.isEmpty() ? QString() : QStringLiteral(" for device ") + device));
        !audited)
        return fail(err, audited.failure().message());
    out << written << " confirmations written to " << printable(QDir::toNativeSeparators(folder.path()))
        << ": put them on the kiosk's stick; petition-kiosk-admin forget-batch ID --confirmation FILE then forgets "
           "each batch's sealed rows on that kiosk."
        << Qt::endl;
    for (const QString& d : std::as_const(withoutKey))
        out << "  kiosk " << printable(d)
            << ": its batches came in before this hub kept device keys; import one more batch from it first.\n";
    out.flush();
    return ExitOk;
}

// contacts and signatures: the uploads, into `file` (opened already).
int runUpload(HubDatabase& db, const QString& command, HashedSaveFile& file, const QCommandLineParser& parser,
    QTextStream& in, QTextStream& out, QTextStream& err)
{
    const Result<std::shared_ptr<const Sealing::KeyPair>> keys = keyIfGiven(parser, in, err);
    if (!keys)
        return fail(err, keys.errorString() + QStringLiteral(" Nothing was written."));
    HubUploads::Since since;
    if (parser.isSet(QStringLiteral("since"))) {
        const QString value = parser.value(QStringLiteral("since"));
        since.last = value == QLatin1String("last");
        if (!since.last)
            since.day = QDate::fromString(value, Qt::ISODate);
    }
    const bool contacts = command == QLatin1String("contacts");
    const QString formatName = parser.value(QStringLiteral("format")).isEmpty()
        ? (contacts ? QStringLiteral("mailchimp") : QStringLiteral("csv"))
        : parser.value(QStringLiteral("format"));
    const HubUploads::Format format
        = formatName == QLatin1String("generic") ? HubUploads::Format::Generic : HubUploads::Format::Mailchimp;
    Result<HubUploads::Outcome> written = contacts ? HubUploads::contacts(db, *keys, format, since, file)
                                                   : HubUploads::signatures(db, *keys, since, file);
    if (written)
        written = HubUploads::finish(db, command, formatName, *written, file);
    if (!written)
        return fail(err, written.failure().message());
    const QString path = printable(QDir::toNativeSeparators(file.path()));
    const QString what = contacts ? QStringLiteral("contacts") : QStringLiteral("signatures");
    const QString span = !written->cutUtc.isEmpty() ? QStringLiteral("new since %1").arg(written->cutUtc)
        : written->firstExport ? QStringLiteral("all of them: no %1 export was made before").arg(command)
        : written->sinceLast   ? QStringLiteral("new since the last %1 export").arg(command)
                               : QStringLiteral("all of them");
    if (written->rows == 0)
        out << "No " << what << " " << span << ": " << path << " has the header only." << Qt::endl;
    else
        out << britishEnglish().toString(written->rows) << " " << what << " (" << span << ") written to " << path
            << Qt::endl;
    if (contacts)
        out << "Only signers who ticked \"Email me\"; each email once, with its earliest opt-in ("
            << britishEnglish().toString(written->signaturesRead) << " opted-in signatures read)." << Qt::endl;
    out << "It holds personal details in clear: upload it, then delete it." << Qt::endl;
    return ExitOk;
}

// The signer's request as the options give it.
HubRights::Request requestFrom(const QCommandLineParser& parser)
{
    return { parser.value(QStringLiteral("name")), parser.value(QStringLiteral("postcode")),
        parser.value(QStringLiteral("email")), parser.values(QStringLiteral("id")) };
}

int runErase(HubDatabase& db, const QCommandLineParser& parser, QTextStream& in, QTextStream& out, QTextStream& err)
{
    const HubRights::Request request = requestFrom(parser);
    if (const QString problem = HubRights::problemWith(request); !problem.isEmpty())
        return usage(err, problem);
    // A sealed hub keeps keyed tags: the signer's details are found with the key the tags were made under.
    std::optional<SignerKeys> keys;
    if (db.store() == HubDatabase::Store::Sealed && request.ids.isEmpty()) {
        if (!parser.isSet(QStringLiteral("key")))
            return fail(err,
                QStringLiteral("This hub keeps names sealed: erase needs --key coordinator.key to find a signer by "
                               "their details. Nothing was erased."));
        const Result<Sealing::KeyPair> read = readCoordinatorKey(parser, in, err);
        if (!read)
            return fail(err, read.errorString() + QStringLiteral(" Nothing was erased."));
        keys.emplace(*read);
    } else {
        keys.emplace();
    }
    const Result<QList<HubRights::Match>> found = HubRights::find(db, *keys, request);
    if (!found)
        return fail(err, found.failure().message());
    QStringList toErase;
    for (const HubRights::Match& m : *found) {
        if (m.removed != QLatin1String(HubRights::Erased))
            toErase << m.id;
    }
    if (found->isEmpty()) {
        out << "No signature in the hub matches these details (the kiosk's duplicate rules: name and postcode, or "
               "email). Nothing was erased."
            << Qt::endl;
        return ExitOk;
    }
    out << found->size() << (found->size() == 1 ? " signature matches" : " signatures match") << ":\n";
    for (const HubRights::Match& m : *found) {
        const QDate day = HubTotals::londonDay(QDateTime::fromString(m.signedAt, Qt::ISODateWithMs));
        out << "  " << m.id << "  " << printable(m.stallId) << "  " << day.toString(Qt::ISODate);
        if (!m.removed.isEmpty())
            out << "  (" << printable(m.removed) << " already)";
        out << '\n';
    }
    if (toErase.isEmpty()) {
        out << "Each is erased already. Nothing was changed." << Qt::endl;
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("dry-run"))) {
        out << "Dry run: nothing was erased." << Qt::endl;
        return ExitOk;
    }
    if (!parser.isSet(QStringLiteral("yes"))) {
        out << "Erase " << (toErase.size() == 1 ? QStringLiteral("it") : QStringLiteral("these %1").arg(toErase.size()))
            << " for good? Type yes: " << Qt::flush;
        if (in.readLine().trimmed().compare(QLatin1String("yes"), Qt::CaseInsensitive) != 0) {
            out << "Nothing was erased." << Qt::endl;
            return ExitFailure;
        }
    }
    const Result<HubRights::Erasure> erased = HubRights::erase(db, toErase);
    if (!erased)
        return fail(err, erased.failure().message() + QStringLiteral(" Nothing was erased."));
    out << erased->count
        << " erased: name, postcode, email and drawing are gone from the hub; each is left out of totals and "
        << "hand-in lists, and no import brings it back. Recorded in the hub's audit log." << Qt::endl;
    if (!erased->note.isEmpty())
        return fail(err, erased->note);
    return ExitOk;
}

// The receipt's two files, named by the day purged before; opened before any work.
struct ReceiptFiles
{
    std::optional<HashedSaveFile> json;
    std::optional<HashedSaveFile> pdf;
};

int runPurge(HubDatabase& db, const QDate& before, ReceiptFiles& files, const QCommandLineParser& parser,
    QTextStream& out, QTextStream& err)
{
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    const Result<HubRights::Purge> planned = dryRun ? HubRights::planPurge(db, before) : HubRights::purge(db, before);
    if (!planned)
        return fail(err, planned.failure().message() + QStringLiteral(" Nothing was purged."));
    const HubRights::Purge& p = *planned;
    out << (dryRun ? "Would purge " : "Purged ") << britishEnglish().toString(p.signatures)
        << " signatures signed before " << before.toString(Qt::ISODate) << " (London)";
    if (p.signatures > 0)
        out << ", signed from " << p.firstSignedAt << " to " << p.lastSignedAt << ", from " << p.manifests.size()
            << " batches";
    out << ".\n";
    if (!p.note.isEmpty())
        err << "petition-hub: " << printable(p.note) << Qt::endl;
    if (dryRun) {
        out << "Dry run: nothing was purged, and no receipt was written." << Qt::endl;
        return ExitOk;
    }
    const Result<QJsonObject> receipt = HubRights::receipt(db, p, toIsoUtc(QDateTime::currentDateTimeUtc()));
    if (!receipt)
        return fail(err,
            receipt.failure().message()
                + QStringLiteral(" The purge is done and in the audit log; no receipt was written."));
    files.json->write(QJsonDocument(*receipt).toJson(QJsonDocument::Indented));
    const Result<int> pages = HubReport::writeReceipt(*receipt, *files.pdf);
    const Result<QString> jsonWritten = files.json->commit();
    const Result<QString> pdfWritten = pages ? files.pdf->commit() : Result<QString>(pages.failure());
    if (!jsonWritten || !pdfWritten)
        return fail(err,
            (!jsonWritten ? jsonWritten.failure() : pdfWritten.failure()).message()
                + QStringLiteral(" The purge is done and in the audit log, with its receipt's SHA-256."));
    const QString hash = receipt->value(QStringLiteral("receipt_sha256")).toString();
    if (const VoidResult audited = db.audit(QStringLiteral("purge receipt"),
            QStringLiteral("receipt_sha256 %1; purge-receipt.json %2; purge-receipt.pdf %3")
                .arg(hash, *jsonWritten, *pdfWritten));
        !audited)
        return fail(err, audited.failure().message());
    if (p.signatures > 0 && receipt->value(QStringLiteral("hand_in_lists_made_before")).toArray().isEmpty())
        out << "Note: no hand-in list was made with this hub before the purge.\n";
    out << "Receipt written: " << printable(QDir::toNativeSeparators(files.json->path())) << " and "
        << printable(QDir::toNativeSeparators(files.pdf->path())) << " (SHA-256 " << hash << ")" << Qt::endl;
    return ExitOk;
}

int runCheckReceipt(HubDatabase& db, const QCommandLineParser& parser, QTextStream& out, QTextStream& err)
{
    const QStringList args = parser.positionalArguments().mid(1);
    if (args.size() != 1)
        return usage(err, QStringLiteral("check-receipt needs one receipt file (purge-receipt-….json)"));
    const QFileInfo info(args.first());
    CampaignFiles folder(info.absolutePath());
    const Result<QByteArray> bytes
        = folder.readBytes(info.fileName(), MaxReceiptBytes, QStringLiteral("the purge receipt"));
    if (!bytes)
        return fail(err, bytes.errorString());
    QJsonParseError parsed;
    const QJsonObject receipt = QJsonDocument::fromJson(*bytes, &parsed).object();
    if (parsed.error != QJsonParseError::NoError
        || receipt.value(QStringLiteral("format")).toString() != QLatin1String("petition-hub-purge-receipt/1"))
        return fail(err, QStringLiteral("%1 is not a purge receipt.").arg(printable(info.fileName())));
    const QString claimed = receipt.value(QStringLiteral("receipt_sha256")).toString();
    if (HubRights::receiptHash(receipt) != claimed)
        return fail(err,
            QStringLiteral("%1 does NOT verify: it was changed after petition-hub wrote it.")
                .arg(printable(info.fileName())));
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral("SELECT at, by_whom FROM hub_audit WHERE action = 'purge receipt' AND detail LIKE ?"));
    q.addBindValue(QStringLiteral("receipt_sha256 %1;%").arg(claimed));
    if (!q.exec())
        return fail(err, db.failFrom(q).message());
    if (!q.next())
        return fail(err,
            QStringLiteral("%1 is whole, but this hub's audit log has no purge with its SHA-256 (%2): it was made by "
                           "another hub, or this is not the hub it came from.")
                .arg(printable(info.fileName()), claimed));
    out << printable(info.fileName()) << " verifies: SHA-256 " << claimed << ", written by this hub at "
        << q.value(0).toString() << " (" << printable(q.value(1).toString()) << ")." << Qt::endl;
    return ExitOk;
}

int runStatus(HubDatabase& db, const QCommandLineParser& parser, QTextStream& out, QTextStream& err)
{
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM signatures) - (SELECT count(*) FROM duplicates), (SELECT "
                               "count(*) FROM batches), (SELECT count(*) FROM devices), (SELECT max(at) FROM "
                               "import_log), (SELECT count(*) FROM duplicates)"))
        || !q.next())
        return fail(err, db.failFrom(q).message());
    const qint64 signatures = q.value(0).toLongLong(), batches = q.value(1).toLongLong(),
                 devices = q.value(2).toLongLong(), duplicates = q.value(4).toLongLong();
    const QString last = q.value(3).toString();
    // The chains as they stand now (a batch flagged at import as following a gap is no longer flagged once the
    // missing batch has come in).
    const Result<QList<HubImporter::Finding>> findings = HubImporter::chainFindings(db);
    if (!findings)
        return fail(err, findings.failure().message());
    QJsonArray flagged;
    for (const HubImporter::Finding& f : *findings)
        flagged.append(
            QJsonObject { { QStringLiteral("batch_id"), f.batchId }, { QStringLiteral("device_id"), f.deviceId },
                { QStringLiteral("sequence"), f.sequence }, { QStringLiteral("flags"), f.finding } });
    // Batches that did not verify (or were refused for another reason) and have not come in since: the latest
    // refusal of each folder, unless a batch with its manifest is in the hub now.
    const Result<QList<HubImporter::Refusal>> refusals = HubImporter::stillRefused(db);
    if (!refusals)
        return fail(err, refusals.failure().message());
    QJsonArray refusedBatches;
    for (const HubImporter::Refusal& r : *refusals)
        refusedBatches.append(QJsonObject { { QStringLiteral("folder"), r.folder },
            { QStringLiteral("batch_id"), r.batchId }, { QStringLiteral("device_id"), r.deviceId },
            { QStringLiteral("reason"), r.reason }, { QStringLiteral("at"), r.at } });
    // The signers' rights: what was erased or purged, and what still holds personal details, since when.
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM signatures WHERE removed = 'erased on request'), (SELECT "
                               "count(*) FROM signatures WHERE removed = 'purged'), (SELECT count(*) FROM signatures "
                               "WHERE removed = ''), (SELECT min(signed_at) FROM signatures WHERE removed = '')"))
        || !q.next())
        return fail(err, db.failFrom(q).message());
    const qint64 erased = q.value(0).toLongLong(), purged = q.value(1).toLongLong(), held = q.value(2).toLongLong();
    const QString oldestHeld = q.value(3).toString();
    // The last import: what its command brought.
    qint64 lastImported = 0, lastSkipped = 0, lastRefused = 0;
    if (!q.exec(
            QStringLiteral("SELECT outcome, count(*) FROM import_log WHERE run = (SELECT run FROM import_log ORDER BY "
                           "at DESC LIMIT 1) GROUP BY outcome")))
        return fail(err, db.failFrom(q).message());
    while (q.next()) {
        const QString o = q.value(0).toString();
        (o == QLatin1String("imported")         ? lastImported
                : o == QLatin1String("skipped") ? lastSkipped
                                                : lastRefused)
            = q.value(1).toLongLong();
    }
    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonObject json { { QStringLiteral("signatures"), signatures },
            { QStringLiteral("duplicates"), duplicates }, { QStringLiteral("batches"), batches },
            { QStringLiteral("devices"), devices }, { QStringLiteral("store"), HubDatabase::storeName(db.store()) },
            { QStringLiteral("last_import"), last.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(last) },
            { QStringLiteral("last_import_batches"),
                QJsonObject { { QStringLiteral("imported"), lastImported }, { QStringLiteral("skipped"), lastSkipped },
                    { QStringLiteral("refused"), lastRefused } } },
            { QStringLiteral("flagged_batches"), flagged }, { QStringLiteral("refused_batches"), refusedBatches },
            { QStringLiteral("erased_on_request"), erased }, { QStringLiteral("purged"), purged },
            { QStringLiteral("holding_personal_details"), held },
            { QStringLiteral("oldest_holding_personal_details"),
                oldestHeld.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(oldestHeld) } };
        out << QJsonDocument(json).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    out << "Hub database: " << printable(db.description()) << " (names "
        << (db.store() == HubDatabase::Store::Sealed ? "sealed" : "in clear") << ")\n"
        << "Signatures:   " << signatures << " (" << duplicates
        << " duplicates left out; see petition-hub duplicates)\n"
        << "Batches:      " << batches << " from " << devices << " kiosks\n"
        << "Last import:  "
        << (last.isEmpty() ? QStringLiteral("never")
                           : QStringLiteral("%1 (%2 batches imported, %3 skipped, %4 refused)")
                                 .arg(last)
                                 .arg(lastImported)
                                 .arg(lastSkipped)
                                 .arg(lastRefused))
        << '\n'
        << "Refused:      " << refusedBatches.size() << " batches not in the hub (did not verify, or refused)\n"
        << "Rights:       " << erased << " erased on request, " << purged << " purged; " << held
        << " hold personal details"
        << (oldestHeld.isEmpty() ? QString() : QStringLiteral(" (the oldest signed %1)").arg(oldestHeld.left(10)))
        << "\n";
    for (const QJsonValue& v : std::as_const(refusedBatches)) {
        const QJsonObject b = v.toObject();
        out << "  " << printable(QDir::toNativeSeparators(b.value(QStringLiteral("folder")).toString())) << ": "
            << printable(b.value(QStringLiteral("reason")).toString()) << '\n';
    }
    out << "Flagged:      " << flagged.size() << " batches\n";
    for (const QJsonValue& v : std::as_const(flagged)) {
        const QJsonObject b = v.toObject();
        out << "  " << printable(b.value(QStringLiteral("batch_id")).toString()) << " (sequence "
            << b.value(QStringLiteral("sequence")).toInteger()
            << "): " << printable(b.value(QStringLiteral("flags")).toString()) << '\n';
    }
    out.flush();
    return ExitOk;
}

} // namespace

QString defaultDatabase()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base).filePath(QStringLiteral("petition-hub/hub.sqlite"));
}

int runHubCommand(const QStringList& arguments, QTextStream& in, QTextStream& out, QTextStream& err)
{
    cli::setProgramName(QStringLiteral("petition-hub"));
    QCommandLineParser parser;
    parser.addOptions({ { QStringLiteral("database"), QStringLiteral("The hub database."), QStringLiteral("where") },
        { QStringLiteral("key"), QStringLiteral("coordinator.key (import), or a fingerprint (enrol)."),
            QStringLiteral("key") },
        { QStringLiteral("passphrase-stdin"), QStringLiteral("Read the passphrase once from standard input.") },
        { QStringLiteral("device"), QStringLiteral("A device id (enrol)."), QStringLiteral("id") },
        { QStringLiteral("json"), QStringLiteral("JSON output.") },
        { QStringLiteral("store"), QStringLiteral("clear or sealed (init)."), QStringLiteral("how") },
        { QStringLiteral("from"), QStringLiteral("The first day (totals)."), QStringLiteral("day") },
        { QStringLiteral("to"), QStringLiteral("The last day (totals)."), QStringLiteral("day") },
        { QStringLiteral("out"), QStringLiteral("The report's PDF, or the hand-in folder."), QStringLiteral("where") },
        { QStringLiteral("campaign"), QStringLiteral("The campaign folder."), QStringLiteral("folder") },
        { QStringLiteral("language"), QStringLiteral("The report's language."), QStringLiteral("language") },
        { QStringLiteral("name"), QStringLiteral("The signer's name (erase)."), QStringLiteral("name") },
        { QStringLiteral("postcode"), QStringLiteral("The signer's postcode (erase)."), QStringLiteral("postcode") },
        { QStringLiteral("email"), QStringLiteral("The signer's email (erase)."), QStringLiteral("email") },
        { QStringLiteral("id"), QStringLiteral("A signature's id (erase)."), QStringLiteral("id") },
        { QStringLiteral("yes"), QStringLiteral("Erase without asking.") },
        { QStringLiteral("dry-run"), QStringLiteral("Show what would be erased or purged.") },
        { QStringLiteral("before"), QStringLiteral("Purge what was signed before this day."), QStringLiteral("day") },
        { QStringLiteral("campaign-closed"), QStringLiteral("Purge every signature.") },
        { QStringLiteral("format"), QStringLiteral("mailchimp or generic (contacts)."), QStringLiteral("format") },
        { QStringLiteral("since"), QStringLiteral("A day, or last (contacts, signatures)."), QStringLiteral("when") },
        { { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show the help.") },
        { QStringLiteral("version"), QStringLiteral("Show the version.") } });
    if (!parser.parse(arguments))
        return usage(err, parser.errorText());
    if (parser.isSet(QStringLiteral("version"))) {
        out << "petition-hub " << QCoreApplication::applicationVersion() << Qt::endl;
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.positionalArguments().isEmpty()) {
        out << kUsage.arg(QDir::toNativeSeparators(defaultDatabase()));
        out.flush();
        return parser.isSet(QStringLiteral("help")) ? ExitOk : ExitUsage;
    }
    const QString command = parser.positionalArguments().first();
    static const QStringList commands { QStringLiteral("init"), QStringLiteral("import"), QStringLiteral("enrol"),
        QStringLiteral("devices"), QStringLiteral("duplicates"), QStringLiteral("status"), QStringLiteral("totals"),
        QStringLiteral("report"), QStringLiteral("hand-in"), QStringLiteral("erase"), QStringLiteral("purge"),
        QStringLiteral("check-receipt"), QStringLiteral("confirm"), QStringLiteral("contacts"),
        QStringLiteral("signatures") };
    if (!commands.contains(command))
        return usage(err, QStringLiteral("unknown command %1 (see petition-hub --help)").arg(printable(command)));
    HubTotals::Range range;
    for (const auto& [name, day] :
        { std::pair { QStringLiteral("from"), &range.from }, std::pair { QStringLiteral("to"), &range.to } }) {
        if (!parser.isSet(name))
            continue;
        const QDate parsed = QDate::fromString(parser.value(name), Qt::ISODate);
        if ((command != QLatin1String("totals") && command != QLatin1String("report")) || !parsed.isValid())
            return usage(err, QStringLiteral("--%1 is a day (yyyy-mm-dd), and only for totals and report").arg(name));
        *day = parsed;
    }
    if (range.from && range.to && *range.from > *range.to)
        return usage(err, QStringLiteral("--from is after --to"));
    std::optional<HubDatabase::Store> store;
    if (parser.isSet(QStringLiteral("store"))) {
        const QString how = parser.value(QStringLiteral("store"));
        if (command != QLatin1String("init") || (how != QLatin1String("clear") && how != QLatin1String("sealed")))
            return usage(err, QStringLiteral("--store is clear or sealed, and only for init"));
        store = how == QLatin1String("sealed") ? HubDatabase::Store::Sealed : HubDatabase::Store::Clear;
    }
    const bool erase = command == QLatin1String("erase"), purge = command == QLatin1String("purge");
    for (const char* option : { "name", "postcode", "email", "id", "yes" }) {
        if (!erase && parser.isSet(QLatin1String(option)))
            return usage(err, QStringLiteral("--%1 is only for erase").arg(QLatin1String(option)));
    }
    if (!erase && !purge && parser.isSet(QStringLiteral("dry-run")))
        return usage(err, QStringLiteral("--dry-run is only for erase and purge"));
    std::optional<QDate> purgeBefore;
    if (purge) {
        const bool closed = parser.isSet(QStringLiteral("campaign-closed"));
        const QDate day = QDate::fromString(parser.value(QStringLiteral("before")), Qt::ISODate);
        if (closed == parser.isSet(QStringLiteral("before")) || (!closed && !day.isValid()))
            return usage(
                err, QStringLiteral("purge needs --before DAY (yyyy-mm-dd, a London day) or --campaign-closed"));
        // Closed: everything, up to and including today.
        purgeBefore = closed ? HubTotals::londonDay(QDateTime::currentDateTimeUtc()).addDays(1) : day;
    } else if (parser.isSet(QStringLiteral("before")) || parser.isSet(QStringLiteral("campaign-closed"))) {
        return usage(err, QStringLiteral("--before and --campaign-closed are only for purge"));
    }
    const bool upload = command == QLatin1String("contacts") || command == QLatin1String("signatures");
    if (parser.isSet(QStringLiteral("format"))
        && (command != QLatin1String("contacts")
            || !QStringList { QStringLiteral("mailchimp"), QStringLiteral("generic") }.contains(
                parser.value(QStringLiteral("format")))))
        return usage(err, QStringLiteral("--format is mailchimp or generic, and only for contacts"));
    if (parser.isSet(QStringLiteral("since"))
        && (!upload
            || (parser.value(QStringLiteral("since")) != QLatin1String("last")
                && !QDate::fromString(parser.value(QStringLiteral("since")), Qt::ISODate).isValid())))
        return usage(err,
            QStringLiteral("--since is a day (yyyy-mm-dd, London) or last, and only for contacts and "
                           "signatures"));
    const bool confirm = command == QLatin1String("confirm");
    if (parser.isSet(QStringLiteral("device")) && !confirm && command != QLatin1String("enrol"))
        return usage(err, QStringLiteral("--device is only for enrol and confirm"));
    const bool writes = command == QLatin1String("report") || command == QLatin1String("hand-in") || confirm || upload
        || (purge && !parser.isSet(QStringLiteral("dry-run")));
    if (writes != parser.isSet(QStringLiteral("out")) || parser.value(QStringLiteral("out")).isEmpty() == writes)
        return usage(err,
            writes ? QStringLiteral("%1 needs --out %2")
                         .arg(command,
                             command == QLatin1String("report") ? QStringLiteral("FILE.pdf")
                                 : upload                       ? QStringLiteral("FILE.csv")
                                                                : QStringLiteral("DIR"))
                   : QStringLiteral("--out is only for report, hand-in, confirm, contacts, signatures and purge "
                                    "(without --dry-run)"));
    const bool printsCampaign = command == QLatin1String("report") || command == QLatin1String("hand-in");
    if (!printsCampaign && (parser.isSet(QStringLiteral("campaign")) || parser.isSet(QStringLiteral("language"))))
        return usage(err, QStringLiteral("--campaign and --language are only for report and hand-in"));
    if (command == QLatin1String("hand-in") && parser.isSet(QStringLiteral("language")))
        return usage(
            err, QStringLiteral("the hand-in list is in the campaign's own language; --language is for report"));
    // Where the output goes is checked first: a missing or read-only folder fails before any work.
    std::optional<HashedSaveFile> reportFile;
    std::optional<HubHandIn> handIn;
    ReceiptFiles receiptFiles;
    if (command == QLatin1String("report") || upload) {
        reportFile.emplace(parser.value(QStringLiteral("out")));
        if (const VoidResult opened = reportFile->openForWriting(); !opened)
            return fail(err, opened.failure().message());
    } else if (command == QLatin1String("hand-in")) {
        const QFileInfo folder(parser.value(QStringLiteral("out")));
        if (!folder.isDir())
            return fail(err,
                QStringLiteral("Cannot write the hand-in list to %1: it is not a folder (make it first). "
                               "Nothing was written.")
                    .arg(printable(QDir::toNativeSeparators(folder.filePath()))));
        handIn.emplace(folder.filePath());
        if (const VoidResult opened = handIn->open(); !opened)
            return fail(err, opened.failure().message());
    } else if (confirm && !QFileInfo(parser.value(QStringLiteral("out"))).isDir()) {
        return fail(err,
            QStringLiteral("Cannot write confirmations to %1: it is not a folder (make it first). Nothing was written.")
                .arg(printable(QDir::toNativeSeparators(parser.value(QStringLiteral("out"))))));
    } else if (purge && writes) {
        const QFileInfo folder(parser.value(QStringLiteral("out")));
        if (!folder.isDir())
            return fail(err,
                QStringLiteral("Cannot write the purge receipt to %1: it is not a folder (make it first). Nothing was "
                               "purged.")
                    .arg(printable(QDir::toNativeSeparators(folder.filePath()))));
        const QString stem
            = QDir(folder.filePath())
                  .filePath(QStringLiteral("purge-receipt-%1-%2")
                                .arg(purgeBefore->toString(Qt::ISODate),
                                    QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"))));
        receiptFiles.json.emplace(stem + QStringLiteral(".json"));
        receiptFiles.pdf.emplace(stem + QStringLiteral(".pdf"));
        for (HashedSaveFile* file : { &*receiptFiles.json, &*receiptFiles.pdf }) {
            if (const VoidResult opened = file->openForWriting(); !opened)
                return fail(err, opened.failure().message() + QStringLiteral(" Nothing was purged."));
        }
    }
    std::optional<Campaign> campaign;
    if (printsCampaign) {
        Result<Campaign> loaded = loadCampaign(parser);
        if (!loaded)
            return fail(err, QStringLiteral("The campaign folder cannot be used: %1").arg(loaded.failure().message()));
        campaign = std::move(*loaded);
    }
    Result<std::unique_ptr<HubDatabase>> db = openDatabase(parser, store);
    if (!db)
        return fail(err, db.failure().message());
    if (command == QLatin1String("init"))
        return runInit(**db, out);
    if (command == QLatin1String("import"))
        return runImport(**db, parser, in, out, err);
    if (command == QLatin1String("enrol"))
        return runEnrol(**db, parser, out, err);
    if (command == QLatin1String("devices"))
        return runDevices(**db, parser, out, err);
    if (command == QLatin1String("duplicates"))
        return runDuplicates(**db, parser, out, err);
    if (command == QLatin1String("totals"))
        return runTotals(**db, range, parser, out, err);
    if (command == QLatin1String("report"))
        return runReport(**db, *campaign, range, *reportFile, parser, out, err);
    if (command == QLatin1String("hand-in"))
        return runHandIn(**db, *campaign, *handIn, parser, in, out, err);
    if (erase)
        return runErase(**db, parser, in, out, err);
    if (purge)
        return runPurge(**db, *purgeBefore, receiptFiles, parser, out, err);
    if (confirm)
        return runConfirm(**db, parser, in, out, err);
    if (upload)
        return runUpload(**db, command, *reportFile, parser, in, out, err);
    if (command == QLatin1String("check-receipt"))
        return runCheckReceipt(**db, parser, out, err);
    return runStatus(**db, parser, out, err);
}

} // namespace kiosk::hub
