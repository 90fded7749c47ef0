#include "batchexporter.h"

#include "batchcolumns.h"
#include "batchsequence.h"
#include "csv.h"
#include "datadir.h"
#include "kiosksettings.h"
#include "logging.h"
#include "platform.h"
#include "sealedbatchwriter.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QMap>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStorageInfo>

namespace kiosk {

namespace {

// Unique per process and per call: two exporters never write into each other's staging folder.
QString stagingName(const QString& batchId)
{
    return QStringLiteral(".%1.%2-%3.partial")
        .arg(batchId)
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
}

using Outcome = BatchExporter::Outcome;
using Problem = BatchExporter::Problem;

// The data folder's export lock, held for one export.
class ExportLock final
{
public:
    explicit ExportLock(const SignatureStore& store)
        : m_lock(DataDir::exportLockPath(store.dataDir()))
    {
        // A lock left by a crashed exporter is taken over once its process is gone.
        m_held = DataDir::takeLock(m_lock, BatchExporter::LockWaitMs);
    }
    bool held() const { return m_held; }

private:
    QLockFile m_lock;
    bool m_held = false;
};

Outcome anotherExport(Outcome out)
{
    out.status = Outcome::Status::Failed;
    out.problem = Problem::AnotherExport;
    out.error = QStringLiteral("Another export is running on this data folder (the kiosk's, or another "
                               "petition-kiosk-admin). Wait for it to finish, then export again.");
    return out;
}

Outcome failed(Outcome out, Problem problem, const QString& error, StoreError storeError = StoreError::None)
{
    out.status = Outcome::Status::Failed;
    out.problem = problem;
    out.storeError = storeError;
    out.error = error;
    return out;
}

// A write into `dir` failed: find out why from the drive itself, since the error strings of a pulled stick, a full
// one and a read-only one are all alike.
Outcome writeFailure(Outcome out, const QString& dir, const QString& detail)
{
    const QStorageInfo volume(dir);
    const QFileInfo folder(dir);
    static const QStringList notDrives { QStringLiteral("proc"), QStringLiteral("sysfs"), QStringLiteral("devtmpfs"),
        QStringLiteral("devpts"), QStringLiteral("cgroup2"), QStringLiteral("debugfs") };
    Problem problem = Problem::WriteFailed;
    QString why = detail.isEmpty() || detail == QLatin1String("Unknown error")
        ? QStringLiteral("the drive refused the write (is it full, or failing?)")
        : detail;
    if (folder.isSymLink() && !folder.exists()) {
        why = QStringLiteral("the folder is a link that leads nowhere (or round in a loop)");
    } else if (folder.exists() && !folder.isDir()) {
        why = QStringLiteral("it is a file, not a folder");
    } else if (volume.isValid() && notDrives.contains(QString::fromLatin1(volume.fileSystemType()))) {
        why = QStringLiteral("it is not on a drive (it is the system's %1 file system)")
                  .arg(QString::fromLatin1(volume.fileSystemType()));
    } else if (!QFileInfo::exists(dir) || !volume.isValid() || !volume.isReady()) {
        problem = Problem::DriveGone;
        why = QStringLiteral("the drive is no longer there (was it removed?)");
    } else if (volume.isReadOnly()) {
        problem = Problem::DriveReadOnly;
        why = QStringLiteral("the drive is read-only");
    } else if (volume.bytesTotal() > 0 && volume.bytesAvailable() < 1024 * 1024) {
        problem = Problem::DriveFull;
        why = QStringLiteral("the drive is full");
    }
    return failed(std::move(out), problem,
        QStringLiteral("The batch could not be written to %1: %2. Nothing was marked as exported; check the "
                       "drive and export again.")
            .arg(QDir::toNativeSeparators(dir), why));
}

Outcome folderExists(Outcome out, const QString& finalPath, const QString& advice)
{
    return failed(std::move(out), Problem::FolderExists,
        QStringLiteral("A folder %1 already exists. %2").arg(QDir::toNativeSeparators(finalPath), advice));
}

} // namespace

bool BatchExporter::unmark(const BatchRecord& batch)
{
    if (!m_store.ledger().unmark(batch.id))
        return false;
    // A sequence number not used after all goes back, so that the device's chain has no gap.
    if (batch.sequence > 0)
        (void)BatchSequence(m_store.dataDir())
            .rollBackChainHead(batch.sequence, { batch.sequence - 1, batch.previousManifestSha256 });
    return true;
}

BatchExporter::BatchExporter(SignatureStore& store, QString appVersion)
    : m_store(store)
    , m_appVersion(std::move(appVersion))
{
}

QStringList BatchExporter::columns(BatchKind kind)
{
    return BatchColumns::headers(kind);
}

BatchExporter::Written BatchExporter::writeClear(
    const QString& staging, const BatchRecord& batch, const Progress& progress, BatchManifest& manifest)
{
    Written w;
    if (!QDir().mkpath(staging + QLatin1Char('/') + BatchManifest::drawingsFolder())) {
        w.error = QStringLiteral("cannot create folders");
        return w;
    }
    QSaveFile csvFile(staging + QLatin1Char('/') + BatchManifest::csvName());
    if (!csvFile.open(QIODevice::WriteOnly)) {
        w.error = csvFile.errorString();
        return w;
    }
    QCryptographicHash csvHash(QCryptographicHash::Sha256);
    CsvWriter csv(&csvFile);
    const bool started = csv.writeBom() && csv.writeRow(columns(BatchKind::Clear));
    csvHash.addData(QByteArrayLiteral("\xEF\xBB\xBF"));
    csvHash.addData(csv.lastRow()); // the header row, written after the BOM

    QMap<QPair<QString, QString>, qint64> petitions; // (id, version) -> rows
    ExportContext context { {}, batch.id };
    const VoidResult read = !started
        ? VoidResult(Failure { StoreError::Other, {}, {} })
        : m_store.signatures().forEachExportRow(batch.firstRow - 1, batch.lastRow, [&](const ExportRow& r) {
              context.signatureFile.clear();
              if (!r.signatureSvg.isEmpty()) {
                  context.signatureFile
                      = BatchManifest::drawingsFolder() + QLatin1Char('/') + r.id + QStringLiteral(".svg");
                  // Plain writes here; the whole staging folder is flushed at once by flush(), instead of an fsync
                  // for each of many small files.
                  QFile file(staging + QLatin1Char('/') + context.signatureFile);
                  if (!file.open(QIODevice::WriteOnly) || file.write(r.signatureSvg) != r.signatureSvg.size()
                      || !file.flush()) {
                      w.error = file.errorString();
                      return false;
                  }
                  manifest.addDrawing(r.id, QCryptographicHash::hash(r.signatureSvg, QCryptographicHash::Sha256),
                      r.signatureSvg.size());
              }
              if (!csv.writeRow(BatchColumns::cells(BatchKind::Clear, r, context))) {
                  w.error = csvFile.errorString();
                  return false;
              }
              csvHash.addData(csv.lastRow());
              ++petitions[{ r.petitionId, r.petitionVersion }];
              if (w.rows == 0 || r.signedAt < w.firstSignedAt)
                  w.firstSignedAt = r.signedAt;
              if (r.signedAt > w.lastSignedAt)
                  w.lastSignedAt = r.signedAt;
              ++w.rows;
              if (progress && (w.rows % 2000 == 0 || w.rows == batch.rowCount))
                  progress(w.rows, batch.rowCount);
              return true;
          });
    if (!read || !w.error.isEmpty()) {
        if (w.error.isEmpty())
            w.error = started ? read.errorString() : csvFile.errorString();
        csvFile.cancelWriting();
        return w;
    }
    if (!csvFile.commit()) { // flushes and fsyncs, then gives the file its name
        w.error = csvFile.errorString();
        return w;
    }
    const QByteArray digest = csvHash.result();
    w.csvSha256 = QString::fromLatin1(digest.toHex());
    manifest.setCsv(digest, QFileInfo(staging + QLatin1Char('/') + BatchManifest::csvName()).size());
    for (auto it = petitions.cbegin(); it != petitions.cend(); ++it)
        manifest.petitions.append({ it.key().first, it.key().second.toInt(), it.value() });
    return w;
}

BatchExporter::Written BatchExporter::writeSealed(const QString& staging, const BatchRecord& batch,
    const DeviceKey& deviceKey, const Progress& progress, BatchManifest& manifest)
{
    Written w;
    if (!QDir().mkpath(staging)) {
        w.error = QStringLiteral("cannot create folders");
        return w;
    }
    const SealedBatchWriter::Written files = SealedBatchWriter::write(DataDir::databasePath(m_store.dataDir()),
        batch.firstRow - 1, batch.lastRow, staging + QLatin1Char('/') + BatchManifest::csvName(),
        staging + QLatin1Char('/') + BatchManifest::drawingsBinName(), [&](qint64 done) {
            if (progress)
                progress(done, batch.rowCount);
        });
    w.rows = files.rows;
    w.firstSignedAt = files.firstSignedAt;
    w.lastSignedAt = files.lastSignedAt;
    w.csvSha256 = QString::fromLatin1(files.csvSha256.toHex());
    w.error = files.error;
    if (!w.error.isEmpty())
        return w;
    manifest.setCsv(files.csvSha256, files.csvBytes);
    manifest.setDrawingsBin(files.drawingsSha256, files.drawingsBytes);
    for (const SealedBatchWriter::PetitionRows& p : files.petitions)
        manifest.petitions.append({ p.id, p.version, p.rows });
    manifest.sequence = batch.sequence;
    manifest.previousManifestSha256 = batch.previousManifestSha256;
    manifest.deviceSigningKey = deviceKey.publicKey();
    return w;
}

QString BatchExporter::writeManifest(const QString& staging, BatchManifest& manifest)
{
    QSaveFile file(staging + QLatin1Char('/') + QString::fromLatin1(BatchManifest::FileName));
    if (!file.open(QIODevice::WriteOnly) || !manifest.write(file) || !file.commit())
        return file.errorString();
    return {};
}

QString BatchExporter::flush(const QString& staging)
{
    if (!platform::syncFilesystem(staging)
        || !platform::syncDirectory(staging + QLatin1Char('/') + BatchManifest::drawingsFolder())
        || !platform::syncDirectory(staging))
        return QStringLiteral("the files could not be flushed to the drive");
    return {};
}

BatchExporter::Written BatchExporter::writeFiles(
    const QString& staging, const BatchRecord& batch, const DeviceKey* deviceKey, const Progress& progress)
{
    BatchManifest manifest;
    Written w;
    if (batch.sequence > 0 && deviceKey) {
        manifest.kind = BatchKind::Sealed;
        manifest.coordinatorKey = m_store.sealing().state().valueOr({}).fingerprint;
        w = writeSealed(staging, batch, *deviceKey, progress, manifest);
    } else {
        w = writeClear(staging, batch, progress, manifest);
    }
    if (!w.error.isEmpty())
        return w;
    manifest.batchId = batch.id;
    manifest.deviceId = batch.deviceId;
    manifest.stallId = batch.stallId;
    manifest.createdAt = batch.createdAt;
    manifest.appVersion = batch.appVersion;
    manifest.rowCount = w.rows;
    manifest.firstSignedAt = w.firstSignedAt;
    manifest.lastSignedAt = w.lastSignedAt;
    if (manifest.kind == BatchKind::Clear) {
        w.error = writeManifest(staging, manifest);
        if (w.error.isEmpty())
            w.error = flush(staging);
        return w;
    }
    // Format 2: the manifest's exact bytes are hashed (the next batch names them) and signed.
    QBuffer text;
    text.open(QIODevice::WriteOnly);
    manifest.write(text);
    const QByteArray bytes = text.data();
    w.manifestSha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const QByteArray signature = deviceKey->sign(bytes).toBase64() + '\n';
    for (const auto& [name, content] : { std::pair { QString::fromLatin1(BatchManifest::FileName), bytes },
             std::pair { BatchManifest::signatureName(), signature } }) {
        QSaveFile file(staging + QLatin1Char('/') + name);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
            w.error = file.errorString();
            return w;
        }
    }
    if (!platform::syncDirectory(staging))
        w.error = QStringLiteral("the files could not be flushed to the drive");
    return w;
}

BatchExporter::Outcome BatchExporter::exportNew(
    const QString& outDir, const QString& stallId, const Progress& progress, const QDateTime& now)
{
    Outcome out;
    const ExportLock lock(m_store);
    if (!lock.held())
        return anotherExport(out);
    recoverUnderLock();
    SignatureTable& signatures = m_store.signatures();
    const Result<qint64> mark = m_store.ledger().highWaterMark();
    const Result<qint64> maxRowId = mark ? signatures.maxRowId() : mark;
    const Result<SignatureTable::RowRange> range = maxRowId ? signatures.rowsBetween(*mark, *maxRowId, bool(progress))
                                                            : Result<SignatureTable::RowRange>(maxRowId.failure());
    if (!range)
        return failed(out, Problem::Store, range.errorString(), range.error());
    if (range->first == 0) {
        out.status = Outcome::Status::NothingNew;
        out.problem = Problem::NothingNew;
        out.error = QStringLiteral("There are no new signatures to export. Nothing was written.");
        return out;
    }
    if (!KioskSettings::isStallId(stallId))
        return failed(out, Problem::WriteFailed,
            QStringLiteral("The stall id \"%1\" is not a slug (a-z, 0-9 and hyphens); nothing was written.")
                .arg(stallId.left(60)));
    const QString prefix = stallId + QLatin1Char('-') + now.toString(QStringLiteral("yyyyMMdd")) + QLatin1Char('-');
    const Result<int> earlier = m_store.ledger().countWithPrefix(prefix);
    if (!earlier)
        return failed(out, Problem::Store, earlier.errorString(), earlier.error());
    // The number is taken once and for all before anything is written: a batch id is never given out twice, even
    // after an older backup is restored (the sequence lives outside the database).
    BatchSequence sequence(m_store.dataDir());
    const int number = qMax(*earlier, sequence.last(prefix)) + 1;
    if (const VoidResult taken = sequence.record(prefix, number); !taken)
        return failed(out, Problem::Store,
            QStringLiteral("The batch number could not be recorded in the data folder (%1). Nothing was "
                           "written; check the kiosk's storage.")
                .arg(taken.failure().details),
            StoreError::Io);
    BatchRecord batch;
    batch.id = prefix + QStringLiteral("%1").arg(number, 3, 10, QLatin1Char('0'));
    batch.createdAt = toIsoUtc(now);
    batch.stallId = stallId;
    batch.deviceId = m_store.deviceId();
    batch.destination = QDir(outDir).absolutePath();
    batch.appVersion = m_appVersion;
    batch.status = BatchStatus::New;
    batch.firstRow = range->first;
    batch.lastRow = *maxRowId;
    batch.rowCount = range->rows;
    out.batchId = batch.id;

    // A sealed kiosk cannot open its rows: its batches are format 2, signed with the device's key and chained.
    std::optional<DeviceKey> deviceKey;
    BatchSequence chainFile(m_store.dataDir());
    if (const SealingState sealing = m_store.sealing().state().valueOr({});
        sealing.sealed() && !m_store.sealing().canOpen()) {
        Result<DeviceKey> key = DeviceKey::ensure(m_store.dataDir());
        const Result<ChainHead> ledgerHead = key ? m_store.ledger().chainHead() : Result<ChainHead>(key.failure());
        if (!ledgerHead)
            return failed(out, Problem::Store,
                QStringLiteral("%1 Nothing was written.").arg(ledgerHead.failure().message()), ledgerHead.error());
        deviceKey = std::move(*key);
        const ChainHead fileHead = chainFile.chainHead();
        const ChainHead& head = fileHead.sequence > ledgerHead->sequence ? fileHead : *ledgerHead;
        batch.sequence = head.sequence + 1;
        batch.previousManifestSha256 = head.manifestSha256;
    }

    if (!QDir().mkpath(batch.destination))
        return writeFailure(out, batch.destination, QStringLiteral("the folder cannot be created"));
    const QString finalPath = QDir(batch.destination).filePath(batch.id);
    batch.stagingPath = QDir(batch.destination).filePath(stagingName(batch.id));
    if (QFileInfo::exists(finalPath))
        return folderExists(
            out, finalPath, QStringLiteral("Nothing was written or marked; move it away and export again."));
    QDir(batch.stagingPath).removeRecursively(); // the leftovers of an export that failed before marking

    // 1. Write and flush.
    const Written w = writeFiles(batch.stagingPath, batch, deviceKey ? &*deviceKey : nullptr, progress);
    if (!w.error.isEmpty()) {
        QDir(batch.stagingPath).removeRecursively();
        qCWarning(lcExport) << "export failed while writing:" << w.error;
        return writeFailure(out, batch.destination, w.error);
    }
    // The batch as written must pass the same checks as `verify` before a single signature counts as exported.
    BatchVerifier::Options expected;
    if (deviceKey)
        expected.deviceKey = deviceKey->fingerprint();
    if (const BatchVerifier::Result sound = BatchVerifier::verify(batch.stagingPath, expected);
        !sound.ok || sound.rows != w.rows || (batch.rowCount >= 0 && w.rows != batch.rowCount)) {
        QDir(batch.stagingPath).removeRecursively();
        qCWarning(lcExport) << "export: the written batch did not verify:" << sound.problems.value(0);
        return failed(out, Problem::NotSound,
            QStringLiteral("The batch written to %1 did not verify (%2). Nothing was marked as exported; check "
                           "the drive and export again.")
                .arg(QDir::toNativeSeparators(batch.destination), sound.problems.value(0)));
    }
    batch.rowCount = w.rows;
    batch.firstSignedAt = w.firstSignedAt;
    batch.lastSignedAt = w.lastSignedAt;
    batch.csvSha256 = w.csvSha256;
    batch.manifestSha256 = w.manifestSha256;

    // 2. Mark, in one transaction, exactly the rows written.
    if (const VoidResult marked = m_store.ledger().mark(batch); !marked) {
        QDir(batch.stagingPath).removeRecursively();
        return failed(out, Problem::NotRecorded,
            QStringLiteral("The batch was written but could not be recorded in the kiosk's database: %1 "
                           "Nothing was marked as exported and the written files were removed; export "
                           "again.")
                .arg(marked.errorString()),
            marked.error());
    }
    // The chain's head outlives a restored backup (see BatchSequence); a failure here is made good by the ledger.
    if (batch.sequence > 0)
        (void)chainFile.recordChainHead({ batch.sequence, batch.manifestSha256 });
    // 3. The final name.
    if (!QDir().rename(batch.stagingPath, finalPath) || !platform::syncDirectory(batch.destination)) {
        const bool undone = unmark(batch);
        QDir(batch.stagingPath).removeRecursively();
        if (!undone)
            qCWarning(lcExport) << "export: batch left marked; it is undone at the next export";
        return writeFailure(out, batch.destination, QStringLiteral("the batch folder could not be renamed"));
    }
    (void)m_store.ledger().complete(batch.id); // a failure here is finished by the next recoverInterrupted()
    (void)m_store.audit().append(QStringLiteral("batch exported"),
        QStringLiteral("%1, %2 signatures, to %3").arg(batch.id).arg(w.rows).arg(batch.destination));
    out.status = Outcome::Status::Exported;
    out.folder = finalPath;
    out.rows = w.rows;
    return out;
}

BatchExporter::Outcome BatchExporter::reexport(const QString& batchId, const QString& outDir, const Progress& progress)
{
    Outcome out;
    out.batchId = batchId;
    const ExportLock lock(m_store);
    if (!lock.held())
        return anotherExport(out);
    const Result<BatchRecord> found = m_store.ledger().find(batchId);
    if (!found || found->status != BatchStatus::Complete)
        return failed(out, Problem::NoSuchBatch,
            QStringLiteral("There is no finished batch %1 on this kiosk (see petition-kiosk-admin batches).")
                .arg(batchId));
    // A forgotten batch's details are gone from this kiosk; the hub that confirmed it has them.
    if (const Result<QString> forgotten = m_store.ledger().forgottenAt(batchId); !forgotten || !forgotten->isEmpty())
        return failed(out, Problem::NoSuchBatch,
            forgotten
                ? QStringLiteral("Batch %1 was forgotten on this kiosk at %2, after the hub confirmed it: the hub "
                                 "has its signatures, this kiosk no longer does.")
                      .arg(batchId, *forgotten)
                : forgotten.failure().message());
    const QString destination = QDir(outDir).absolutePath();
    const QString finalPath = QDir(destination).filePath(batchId);
    const QString staging = QDir(destination).filePath(stagingName(batchId));
    if (!QDir().mkpath(destination))
        return writeFailure(out, destination, QStringLiteral("the folder cannot be created"));
    if (QFileInfo::exists(finalPath))
        return folderExists(out, finalPath, QStringLiteral("Move it away and try again."));
    QDir(staging).removeRecursively();
    std::optional<DeviceKey> deviceKey;
    if (found->sequence > 0) {
        Result<DeviceKey> key = DeviceKey::load(m_store.dataDir());
        if (!key)
            return failed(out, Problem::Store, key.failure().message(), key.error());
        deviceKey = std::move(*key);
    }
    const Written w = writeFiles(staging, *found, deviceKey ? &*deviceKey : nullptr, progress);
    if (!w.error.isEmpty()) {
        QDir(staging).removeRecursively();
        return writeFailure(out, destination, w.error);
    }
    if (w.csvSha256 != found->csvSha256 || w.rows != found->rowCount || w.manifestSha256 != found->manifestSha256) {
        QDir(staging).removeRecursively();
        return failed(out, Problem::NoLongerMatches,
            QStringLiteral("The signatures of batch %1 in this kiosk no longer match what was exported "
                           "(SHA-256 differs). Nothing was written; ask a coordinator.")
                .arg(batchId));
    }
    if (!QDir().rename(staging, finalPath) || !platform::syncDirectory(destination)) {
        QDir(staging).removeRecursively();
        return writeFailure(out, destination, QStringLiteral("the batch folder could not be renamed"));
    }
    (void)m_store.audit().append(
        QStringLiteral("batch written again"), QStringLiteral("%1, to %2").arg(batchId, destination));
    out.status = Outcome::Status::Exported;
    out.folder = finalPath;
    out.rows = w.rows;
    return out;
}

QStringList BatchExporter::recoverInterrupted()
{
    const ExportLock lock(m_store);
    if (!lock.held())
        return { QStringLiteral("another export is running; its batches are left to it") };
    return recoverUnderLock();
}

QStringList BatchExporter::recoverUnderLock()
{
    QStringList report;
    const Result<QList<BatchRecord>> all = m_store.ledger().all();
    if (!all)
        return report;
    for (const BatchRecord& b : *all) {
        if (b.status != BatchStatus::Marked)
            continue;
        const QString finalPath = QDir(b.destination).filePath(b.id);
        // Roll forward if the folder made it (renamed, or staged whole); otherwise roll back.
        bool finished = QFileInfo(finalPath).isDir() && BatchVerifier::verify(finalPath).ok;
        if (!finished && QFileInfo(b.stagingPath).isDir() && BatchVerifier::verify(b.stagingPath).ok)
            finished = QDir().rename(b.stagingPath, finalPath) && platform::syncDirectory(b.destination);
        if (finished && m_store.ledger().complete(b.id)) {
            report << QStringLiteral("%1: finished (the export had been interrupted after marking)").arg(b.id);
            (void)m_store.audit().append(QStringLiteral("interrupted export finished"), b.id);
        } else if (unmark(b)) {
            QDir(b.stagingPath).removeRecursively();
            report << QStringLiteral("%1: undone; its signatures will be in the next batch").arg(b.id);
            (void)m_store.audit().append(QStringLiteral("interrupted export undone"), b.id);
        }
    }
    return report;
}

} // namespace kiosk
