#pragma once

#include "batchmanifest.h"
#include "batchverifier.h"
#include "devicekey.h"
#include "signaturestore.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>

namespace kiosk {

// Writes coordinators' batches into DIR/<batch-id>/. A sealed kiosk writes format 2 (signatures.csv with sealed
// cells, drawings.bin, manifest.json and manifest.sig, signed with the device's key and chained to its previous
// batch); an unsealed test kiosk writes format 1 (signatures.csv in clear, signatures/<uuid>.svg, manifest.json).
// A new batch holds every signature not yet exported when it starts, exactly once:
//   1. everything is written into a hidden staging folder beside the final one, and flushed to disk;
//   2. the batch is recorded in the ledger with the range of rows it took, in one transaction: a high-water mark,
//      so that no signature row is rewritten (exactly the rows written, or nothing);
//   3. the staging folder is renamed to the batch id.
// If any step fails nothing stays marked and no partial batch carries the final name. A crash between 2 and 3 is
// finished or undone by recoverInterrupted(), which every export runs first. The staged batch must pass
// BatchVerifier before anything is marked. One export runs at a time per data folder: the kiosk's and the CLI's
// share the lock DataDir::exportLockPath(), and staging names are unique per process.
class BatchExporter final
{
public:
    // Why an export did not happen, for each screen to word in its own language.
    enum class Problem {
        None,
        NothingNew, // no unexported signatures; nothing written
        DriveGone, // the destination vanished (a stick pulled out)
        DriveReadOnly,
        DriveFull,
        WriteFailed, // another write error; see Outcome::error
        FolderExists, // a folder with the batch's name is already there
        NotRecorded, // written, but the database could not mark it; see storeError
        NoSuchBatch, // reexport: no finished batch with that id
        NoLongerMatches, // reexport: the stored signatures differ from what was exported
        Store, // the database could not be read; see storeError
        AnotherExport, // another export (the kiosk's or the CLI's) holds the data folder's export lock
        NotSound, // the written batch did not verify; nothing was marked (see Outcome::error)
    };

    struct Outcome
    {
        enum class Status { Exported, NothingNew, Failed };
        Status status = Status::Failed;
        QString batchId;
        QString folder; // the batch folder
        qint64 rows = 0;
        Problem problem = Problem::None;
        StoreError storeError = StoreError::None;
        QString error; // in English, for the CLI and the log: what happened and what to do
    };
    using Progress = std::function<void(qint64 done, qint64 total)>;

    BatchExporter(SignatureStore& store, QString appVersion);

    // How long a second exporter waits for the first before it says that another export is running.
    static constexpr int LockWaitMs = 5000;

    Outcome exportNew(const QString& outDir, const QString& stallId, const Progress& progress = {},
        const QDateTime& now = QDateTime::currentDateTime());
    // Writes a past batch again, byte for byte, into outDir/<batch-id> (for a lost stick). Marks nothing.
    Outcome reexport(const QString& batchId, const QString& outDir, const Progress& progress = {});
    // Finishes or undoes batches left "marked" by an interrupted export. Returns a line per batch handled.
    QStringList recoverInterrupted();

    static QStringList columns(
        BatchKind kind = BatchKind::Clear); // the CSV's fixed column order (BatchColumns::headers())
    static constexpr const char* Format = BatchManifest::Format;

private:
    struct Written
    {
        qint64 rows = 0;
        QString firstSignedAt;
        QString lastSignedAt;
        QString csvSha256;
        QString manifestSha256;
        QString error; // empty when everything was written and flushed
    };
    // Writes batch.firstRow..batch.lastRow; a batch with a sequence number is format 2, signed with `deviceKey`.
    Written writeFiles(
        const QString& staging, const BatchRecord& batch, const DeviceKey* deviceKey, const Progress& progress);
    Written writeClear(
        const QString& staging, const BatchRecord& batch, const Progress& progress, BatchManifest& manifest);
    Written writeSealed(const QString& staging, const BatchRecord& batch, const DeviceKey& deviceKey,
        const Progress& progress, BatchManifest& manifest);
    static QString writeManifest(const QString& staging, BatchManifest& manifest);
    static QString flush(const QString& staging);
    QStringList recoverUnderLock();
    // Undoes a marked batch (BatchLedger::unmark) and gives its sequence number back.
    bool unmark(const BatchRecord& batch);

    SignatureStore& m_store;
    QString m_appVersion;
};

} // namespace kiosk
