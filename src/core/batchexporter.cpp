#include "batchexporter.h"

#include "batchcolumns.h"
#include "batchsequence.h"
#include "csv.h"
#include "datadir.h"
#include "kiosksettings.h"
#include "logging.h"
#include "platform.h"

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

BatchExporter::BatchExporter(SignatureStore& store, QString appVersion)
    : m_store(store)
    , m_appVersion(std::move(appVersion))
{
}

QStringList BatchExporter::columns(BatchKind kind)
{
    return BatchColumns::headers(kind);
}

BatchExporter::Written BatchExporter::writeCsvAndDrawings(const QString& staging, const BatchRecord& batch,
    qint64 maxRowId, qint64 total, const Progress& progress, BatchManifest& manifest)
{
    Written w;
    QSaveFile csvFile(staging + QLatin1Char('/') + BatchManifest::csvName());
    if (!csvFile.open(QIODevice::WriteOnly)) {
        w.error = csvFile.errorString();
        return w;
    }
    QCryptographicHash csvHash(QCryptographicHash::Sha256);
    CsvWriter csv(&csvFile);
    const BatchKind kind = manifest.kind;
    const bool started = csv.writeBom() && csv.writeRow(columns(kind));
    csvHash.addData(QByteArrayLiteral("\xEF\xBB\xBF"));
    csvHash.addData(csv.lastRow()); // the header row, written after the BOM

    QMap<QPair<QString, QString>, qint64> petitions; // (id, version) -> rows
    ExportContext context { {}, batch.id };
    const VoidResult read = !started
        ? VoidResult(Failure { StoreError::Other, {}, {} })
        : m_store.signatures().forEachExportRow(
            batch.status == BatchStatus::Complete ? batch.id : QString(), maxRowId, [&](const ExportRow& r) {
                context.signatureFile.clear();
                const QByteArray& drawing = kind == BatchKind::Sealed ? r.sealedDrawing : r.signatureSvg;
                if (!drawing.isEmpty()) {
                    context.signatureFile
                        = BatchManifest::drawingsFolder() + QLatin1Char('/') + r.id + BatchColumns::drawingSuffix(kind);
                    // Plain writes here; the whole staging folder is flushed at once by
                    // flush(), instead of an fsync for each of many small files.
                    QFile file(staging + QLatin1Char('/') + context.signatureFile);
                    if (!file.open(QIODevice::WriteOnly) || file.write(drawing) != drawing.size() || !file.flush()) {
                        w.error = file.errorString();
                        return false;
                    }
                    manifest.addDrawing(
                        r.id, QCryptographicHash::hash(drawing, QCryptographicHash::Sha256), drawing.size());
                }
                if (!csv.writeRow(BatchColumns::cells(kind, r, context))) {
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
                if (progress && (w.rows % 2000 == 0 || w.rows == total))
                    progress(w.rows, total);
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
    const QString& staging, const BatchRecord& batch, qint64 maxRowId, qint64 total, const Progress& progress)
{
    if (!QDir().mkpath(staging + QLatin1Char('/') + BatchManifest::drawingsFolder()))
        return { 0, {}, {}, {}, QStringLiteral("cannot create folders") };
    BatchManifest manifest;
    // A sealed kiosk cannot open its rows: its batches stay sealed.
    if (const SealingState sealing = m_store.sealing().state().valueOr({});
        sealing.sealed() && !m_store.sealing().canOpen()) {
        manifest.kind = BatchKind::Sealed;
        manifest.coordinatorKey = sealing.fingerprint;
    }
    Written w = writeCsvAndDrawings(staging, batch, maxRowId, total, progress, manifest);
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
    w.error = writeManifest(staging, manifest);
    if (w.error.isEmpty())
        w.error = flush(staging);
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
    const Result<qint64> maxRowId = signatures.maxRowId();
    const Result<qint64> total = maxRowId ? signatures.unexportedUpTo(*maxRowId) : maxRowId;
    if (!total)
        return failed(out, Problem::Store, total.errorString(), total.error());
    if (*total == 0) {
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
    out.batchId = batch.id;

    if (!QDir().mkpath(batch.destination))
        return writeFailure(out, batch.destination, QStringLiteral("the folder cannot be created"));
    const QString finalPath = QDir(batch.destination).filePath(batch.id);
    batch.stagingPath = QDir(batch.destination).filePath(stagingName(batch.id));
    if (QFileInfo::exists(finalPath))
        return folderExists(
            out, finalPath, QStringLiteral("Nothing was written or marked; move it away and export again."));
    QDir(batch.stagingPath).removeRecursively(); // the leftovers of an export that failed before marking

    // 1. Write and flush.
    const Written w = writeFiles(batch.stagingPath, batch, *maxRowId, *total, progress);
    if (!w.error.isEmpty()) {
        QDir(batch.stagingPath).removeRecursively();
        qCWarning(lcExport) << "export failed while writing:" << w.error;
        return writeFailure(out, batch.destination, w.error);
    }
    // The batch as written must pass the same checks as `verify` before a single signature counts as exported.
    if (const BatchVerifier::Result sound = BatchVerifier::verify(batch.stagingPath);
        !sound.ok || sound.rows != w.rows) {
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

    // 2. Mark, in one transaction, exactly the rows written.
    if (const VoidResult marked = m_store.ledger().mark(batch, *maxRowId); !marked) {
        QDir(batch.stagingPath).removeRecursively();
        return failed(out, Problem::NotRecorded,
            QStringLiteral("The batch was written but could not be recorded in the kiosk's database: %1 "
                           "Nothing was marked as exported and the written files were removed; export "
                           "again.")
                .arg(marked.errorString()),
            marked.error());
    }
    // 3. The final name.
    if (!QDir().rename(batch.stagingPath, finalPath) || !platform::syncDirectory(batch.destination)) {
        const bool undone = m_store.ledger().unmark(batch.id).ok();
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
    const QString destination = QDir(outDir).absolutePath();
    const QString finalPath = QDir(destination).filePath(batchId);
    const QString staging = QDir(destination).filePath(stagingName(batchId));
    if (!QDir().mkpath(destination))
        return writeFailure(out, destination, QStringLiteral("the folder cannot be created"));
    if (QFileInfo::exists(finalPath))
        return folderExists(out, finalPath, QStringLiteral("Move it away and try again."));
    QDir(staging).removeRecursively();
    const Written w = writeFiles(staging, *found, 0, found->rowCount, progress);
    if (!w.error.isEmpty()) {
        QDir(staging).removeRecursively();
        return writeFailure(out, destination, w.error);
    }
    if (w.csvSha256 != found->csvSha256 || w.rows != found->rowCount) {
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
        } else if (m_store.ledger().unmark(b.id)) {
            QDir(b.stagingPath).removeRecursively();
            report << QStringLiteral("%1: undone; its signatures will be in the next batch").arg(b.id);
            (void)m_store.audit().append(QStringLiteral("interrupted export undone"), b.id);
        }
    }
    return report;
}

} // namespace kiosk
