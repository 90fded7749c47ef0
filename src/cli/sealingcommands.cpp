#include "sealingcommands.h"

#include "admin/adminpin.h"
#include "admincommands.h"
#include "clisupport.h"
#include "core/backup.h"
#include "core/batchopener.h"
#include "core/coordinatorkey.h"
#include "core/datadir.h"
#include "core/devicekey.h"
#include "core/importconfirmation.h"
#include "core/kiosksettings.h"
#include "core/signaturestore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QTextStream>

namespace kiosk::cli {

namespace {

const QString kCoordinatorKey = QStringLiteral("coordinator-key");
const QString kPassphraseStdin = QStringLiteral("passphrase-stdin");

} // namespace

int runKeygen(QCommandLineParser& parser, const QString&, QTextStream& in, QTextStream& out, QTextStream& err)
{
    const QString dir = parser.value(QStringLiteral("out"));
    if (dir.isEmpty())
        return usage(err, QStringLiteral("keygen needs --out DIR"));
    Prompter prompt(in, err, parser.isSet(kPassphraseStdin));
    if (prompt.atTerminal())
        err << "The secret key is kept under a passphrase of at least " << CoordinatorKey::MinPassphraseChars
            << " characters. Without it, nobody (not you either) can open the signatures.\n";
    const QString passphrase = prompt.secret("Passphrase for coordinator.key (at least 12 characters): ");
    if (const QString problem = CoordinatorKey::problemWithPassphrase(passphrase); !problem.isEmpty())
        return fail(err, problem + QStringLiteral(" Nothing was written."));
    if (prompt.asksTwice() && prompt.secret("The same passphrase again: ") != passphrase)
        return fail(err, QStringLiteral("The two passphrases are not the same; nothing was written."));
    const Result<QString> fingerprint = CoordinatorKey::writePair(dir, passphrase);
    if (!fingerprint)
        return fail(err, fingerprint.errorString());
    out << "Coordinator key made in " << printable(QDir::toNativeSeparators(QDir(dir).absolutePath())) << ":\n"
        << "  " << CoordinatorKey::publicFileName() << "  public: give it to each kiosk (init --coordinator-key)\n"
        << "  " << CoordinatorKey::secretFileName()
        << "  secret (owner-only): keep it and its passphrase off the kiosks; they open every signature\n"
        << "  fingerprint: " << *fingerprint << '\n';
    out.flush();
    return ExitOk;
}

int enrol(QCommandLineParser& parser, SignatureStore& store, QTextStream& out, QTextStream& err)
{
    const Result<SealingState> state = store.sealing().state();
    if (!state)
        return fail(err, state.errorString());
    if (parser.isSet(kCoordinatorKey)) {
        const Result<QByteArray> key = CoordinatorKey::readPublic(parser.value(kCoordinatorKey));
        if (!key)
            return fail(err, key.errorString());
        if (const VoidResult enrolled = store.sealing().enrol(*key); !enrolled)
            return fail(err, enrolled.errorString());
        (void)store.audit().append(
            QStringLiteral("enrolled"), QStringLiteral("coordinator key ") + Sealing::fingerprint(*key));
        out << "  sealed to coordinator key " << Sealing::fingerprint(*key) << " (read it back to the coordinator)\n"
            << "  device key " << DeviceKey::fingerprintIn(store.dataDir())
            << " signs this kiosk's batches (the coordinator records it)\n";
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("unsealed"))) {
        if (const VoidResult chosen = store.sealing().chooseUnsealed(); !chosen)
            return fail(err, chosen.errorString());
        (void)store.audit().append(QStringLiteral("set up UNSEALED (test only)"));
        out << "  UNSEALED - test only: names are kept in clear. Never collect real signatures on it.\n";
        return ExitOk;
    }
    if (state->mode != SealingState::Mode::NotEnrolled)
        return ExitOk; // set up before; init only changes the settings
    return usage(err,
        QStringLiteral("init needs --coordinator-key coordinator.pub, so that names are sealed (or --unsealed, for a "
                       "test kiosk only)"));
}

int runResetPin(QCommandLineParser& parser, const QString& dataDir, QTextStream& in, QTextStream& out, QTextStream& err)
{
    if (!parser.isSet(kCoordinatorKey))
        return usage(err, QStringLiteral("reset-pin needs --coordinator-key coordinator.key"));
    SignatureStore store;
    if (!openExisting(store, dataDir, err))
        return ExitFailure;
    Prompter prompt(in, err, parser.isSet(kPassphraseStdin));
    const QString passphrase = prompt.secret("Passphrase of coordinator.key: ");
    const Result<Sealing::KeyPair> keys = CoordinatorKey::readSecret(parser.value(kCoordinatorKey), passphrase);
    if (!keys)
        return fail(err, keys.errorString() + QStringLiteral(" Nothing was changed."));
    AdminPin pin(store);
    const Result<std::shared_ptr<const SecretBytes>> kd = pin.recoverWithCoordinatorKey(*keys);
    if (!kd)
        return fail(err, kd.errorString());
    const QString newPin = askNewPin(prompt, err);
    if (newPin.isEmpty())
        return ExitFailure;
    if (const auto set = pin.set(newPin, kd->get()); !set)
        return fail(err, set.errorString());
    (void)store.audit().append(QStringLiteral("PIN reset with the coordinator key"));
    out << "The volunteer PIN is reset; the duplicate checks keep every earlier signature." << Qt::endl;
    return ExitOk;
}

int runForgetBatch(QCommandLineParser& parser, const QString& dataDir, QTextStream&, QTextStream& out, QTextStream& err)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1 || !parser.isSet(QStringLiteral("confirmation")))
        return usage(err,
            QStringLiteral("forget-batch needs the batch id and --confirmation FILE (from petition-hub "
                           "confirm)"));
    const QString batchId = args.first();
    QLockFile lock(DataDir::lockPath(dataDir));
    SignatureStore store;
    if (!openWithoutKiosk(lock, store, dataDir, err))
        return ExitFailure;
    const Result<SealingState> state = store.sealing().state();
    if (!state)
        return fail(err, state.errorString());
    if (!state->sealed())
        return fail(err,
            QStringLiteral("This kiosk is not sealed to a coordinator key: no hub takes its batches, so "
                           "none can be confirmed. Nothing was forgotten."));
    const Result<BatchRecord> batch = store.ledger().find(batchId);
    if (!batch || batch->status != BatchStatus::Complete || batch->sequence == 0)
        return fail(err,
            QStringLiteral("There is no finished, signed batch %1 on this kiosk (petition-kiosk-admin "
                           "batches lists them). Nothing was forgotten.")
                .arg(printable(batchId)));
    if (const Result<QString> at = store.ledger().forgottenAt(batchId); !at || !at->isEmpty()) {
        if (!at)
            return fail(err, at.errorString());
        out << "Batch " << batchId << " was forgotten already, at " << *at << "." << Qt::endl;
        return ExitOk;
    }
    const Result<DeviceKey> deviceKey = DeviceKey::load(dataDir);
    if (!deviceKey)
        return fail(err, deviceKey.errorString());
    const QString path = parser.value(QStringLiteral("confirmation"));
    const Result<ImportConfirmation> confirmed = ImportConfirmation::read(path, *deviceKey, state->publicKey);
    if (!confirmed)
        return fail(err, confirmed.errorString());
    QString mismatch;
    if (confirmed->deviceId != store.deviceId())
        mismatch = QStringLiteral("it is for kiosk %1, not this one (%2)").arg(confirmed->deviceId, store.deviceId());
    else if (confirmed->batchId != batchId)
        mismatch = QStringLiteral("it confirms batch %1, not %2").arg(confirmed->batchId, batchId);
    else if (confirmed->manifestSha256 != batch->manifestSha256 || confirmed->rows != batch->rowCount)
        mismatch = QStringLiteral("the hub holds another batch under this id (its manifest or row count differs)");
    if (!mismatch.isEmpty())
        return fail(
            err, QStringLiteral("The confirmation does not fit: %1. Nothing was forgotten.").arg(printable(mismatch)));
    if (const VoidResult forgotten = store.ledger().forget(*batch, confirmed->fileSha256); !forgotten)
        return fail(err, forgotten.errorString() + QStringLiteral(" Nothing was forgotten."));
    (void)store.audit().append(QStringLiteral("batch forgotten"),
        QStringLiteral("%1: %2 signatures; confirmed by coordinator key %3 (confirmation %4)")
            .arg(batchId)
            .arg(batch->rowCount)
            .arg(confirmed->coordinatorKey, confirmed->fileSha256));
    out << "Batch " << batchId << " forgotten: the sealed details and drawings of its " << batch->rowCount
        << " signatures are gone from this kiosk; the counts stay." << Qt::endl;
    // The database's own log (emptied again when the store closes, unless another program reads it), and the backups
    // that still hold the batch: a fresh backup replaces this stall's older copies in the backup folder.
    if (const VoidResult checkpointed = store.checkpoint(); !checkpointed)
        err << "petition-kiosk-admin: " << checkpointed.errorString() << Qt::endl;
    KioskSettings settings(dataDir);
    const QString backups = Backup::folderFor(settings, dataDir);
    if (const Result<QString> backup = Backup::run(store, backups, settings.stallId(), 1); backup) {
        out << "The backup was made again (" << QDir::toNativeSeparators(*backup)
            << "); this stall's older backups there are deleted." << Qt::endl;
    } else {
        err << "petition-kiosk-admin: the backups in " << QDir::toNativeSeparators(backups)
            << " still hold the batch, and a new one could not be made: " << backup.errorString() << Qt::endl;
        return ExitFailure;
    }
    const QStringList setAside = QDir(dataDir).entryList({ QStringLiteral("signatures.replaced-*") }, QDir::Files);
    for (const QString& file : setAside)
        out << "Note: " << file << " (set aside by restore) may still hold the batch; delete it once you are sure "
            << "you do not need it." << Qt::endl;
    return ExitOk;
}

int runSealExisting(
    QCommandLineParser& parser, const QString& dataDir, QTextStream& in, QTextStream& out, QTextStream& err)
{
    if (!parser.isSet(kCoordinatorKey))
        return usage(err, QStringLiteral("seal-existing needs --coordinator-key coordinator.pub"));
    const Result<QByteArray> publicKey = CoordinatorKey::readPublic(parser.value(kCoordinatorKey));
    if (!publicKey)
        return fail(err, publicKey.errorString());
    QLockFile lock(DataDir::lockPath(dataDir));
    SignatureStore store;
    if (!openWithoutKiosk(lock, store, dataDir, err))
        return ExitFailure;
    AdminPin pin(store);
    if (!pin.isSet())
        return fail(
            err, QStringLiteral("Set the volunteer PIN first (set-pin): the duplicate checks are keyed by it."));
    Prompter prompt(in, err, parser.isSet(QStringLiteral("stdin")));
    const AdminPin::Result opened = pin.verify(prompt.secret("Volunteer PIN: ").trimmed());
    if (opened.status != AdminPin::Status::Ok)
        return fail(err, QStringLiteral("The PIN is not right (or the pad is locked); nothing was changed."));

    const Result<qint64> sealed = store.sealing().sealExisting(*publicKey, opened.key);
    if (!sealed)
        return fail(err, sealed.errorString());
    // The coordinator's copy of the duplicate key, now that there is a coordinator.
    if (const auto copied = pin.refreshCoordinatorCopy(*opened.key); !copied)
        return fail(err,
            QStringLiteral("The signatures are sealed, but the coordinator's copy of the duplicate key "
                           "could not be written: ")
                + copied.errorString());
    (void)store.audit().append(QStringLiteral("sealed existing signatures"),
        QStringLiteral("rows=%1, coordinator key %2").arg(*sealed).arg(Sealing::fingerprint(*publicKey)));

    // Every old backup holds the names in clear: each goes, and one sealed backup takes their place.
    const KioskSettings settings(dataDir);
    QStringList folders { DataDir::backupPath(dataDir), Backup::folderFor(settings, dataDir) };
    folders.removeDuplicates();
    int deleted = 0;
    QStringList kept;
    for (const QString& folder : folders) {
        const QDir dir(folder);
        for (const QString& name : dir.entryList({ QStringLiteral("signatures-*.sqlite") }, QDir::Files)) {
            if (QFile::remove(dir.filePath(name)))
                ++deleted;
            else
                kept << dir.filePath(name);
        }
    }
    const Result<QString> backup = Backup::run(store, Backup::folderFor(settings, dataDir), settings.stallId());
    out << "Sealed " << *sealed << " signatures to coordinator key " << Sealing::fingerprint(*publicKey) << ".\n"
        << "  " << deleted << " old backups (names in clear) deleted.\n"
        << "  Device key " << DeviceKey::fingerprintIn(dataDir)
        << " signs this kiosk's batches from now on (the coordinator records it).\n";
    for (const QString& path : kept)
        out << "  COULD NOT DELETE " << printable(QDir::toNativeSeparators(path)) << ": delete it by hand.\n";
    if (backup)
        out << "  new sealed backup: " << printable(QDir::toNativeSeparators(*backup)) << '\n';
    else
        out << "  the new backup failed: " << backup.errorString() << '\n';
    out << "  Deleting a file on a USB stick or SSD does not always erase its blocks; see docs/coordinators.md.\n";
    out.flush();
    return kept.isEmpty() && backup ? ExitOk : ExitFailure;
}

int runOpenBatch(QCommandLineParser& parser, const QString&, QTextStream& in, QTextStream& out, QTextStream& err)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1 || !parser.isSet(QStringLiteral("key")) || parser.value(QStringLiteral("out")).isEmpty())
        return usage(err, QStringLiteral("open-batch needs a batch folder, --key coordinator.key and --out DIR"));
    Prompter prompt(in, err, parser.isSet(kPassphraseStdin));
    const QString passphrase = prompt.secret("Passphrase of coordinator.key: ");
    const Result<Sealing::KeyPair> keys = CoordinatorKey::readSecret(parser.value(QStringLiteral("key")), passphrase);
    if (!keys)
        return fail(err, keys.errorString() + QStringLiteral(" Nothing was written."));
    const Result<BatchOpener::Outcome> opened
        = BatchOpener::open(args.first(), *keys, parser.value(QStringLiteral("out")));
    if (!opened)
        return fail(err, opened.errorString());
    out << "Opened " << opened->rows << " signatures into " << printable(QDir::toNativeSeparators(opened->folder))
        << "\n  THIS FOLDER HOLDS NAMES IN CLEAR. Keep it on your own encrypted disk, never on a kiosk or a loose "
           "stick, and delete it when the petition is handed in.\n";
    out.flush();
    for (const QString& id : opened->unopened)
        err << "petition-kiosk-admin: signature " << printable(id)
            << " does not open (damaged, moved from another row, or sealed to another key); it is not in the clear copy"
            << Qt::endl;
    return opened->unopened.isEmpty() ? ExitOk : ExitFailure;
}

} // namespace kiosk::cli
