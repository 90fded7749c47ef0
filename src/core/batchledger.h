#pragma once

#include "result.h"

#include <QList>
#include <QString>

namespace kiosk {

class StoreConnection;

// Where a batch is in the export protocol (see BatchExporter).
enum class BatchStatus {
    New, // being written; not in the ledger yet
    Marked, // its signatures carry its id; the folder may not have its final name yet
    Complete, // the folder has its final name
};

// One export batch as the ledger records it.
struct BatchRecord
{
    QString id;
    QString createdAt; // ISO 8601 UTC, as written into the manifest
    QString stallId;
    QString deviceId;
    qint64 rowCount = 0;
    QString firstSignedAt;
    QString lastSignedAt;
    QString destination; // the folder the batch folder was written into
    QString stagingPath; // its hidden name until the final rename
    QString csvSha256;
    QString appVersion;
    BatchStatus status = BatchStatus::New;
    // The rows it holds: every signature whose row number (signatures.seq) is in first_row..last_row.
    qint64 firstRow = 0;
    qint64 lastRow = 0;
    // Its place in the device's chain of signed batches (format 2); 0 and empty for an unsigned batch.
    qint64 sequence = 0;
    QString previousManifestSha256;
    QString manifestSha256;
};

// The newest link of a device's chain of signed batches: the next batch takes sequence + 1 and names this manifest.
struct ChainHead
{
    qint64 sequence = 0; // 0: no signed batch yet
    QString manifestSha256;
};

// The batch ledger: which signatures went into which batch, and where each batch is in the export protocol.
class BatchLedger final
{
public:
    explicit BatchLedger(StoreConnection& connection)
        : m_connection(connection)
    {
    }

    // Records the batch, which takes the rows batch.firstRow..batch.lastRow: those rows count as exported from now
    // on (a high-water mark; no row is updated). Fails, changing nothing, unless the range starts above the highest
    // mark (another export marked meanwhile).
    VoidResult mark(const BatchRecord& batch);
    // The folder has its final name; also records the time of the last export.
    VoidResult complete(const QString& batchId);
    // Undoes mark(): the batch record goes, so its signatures count as not exported again.
    VoidResult unmark(const QString& batchId);

    // Forgets a complete batch's personal data once a hub confirmed it (ImportConfirmation): its rows keep their id,
    // time, stall, country, postcode area and answers (what the counts are made of); the sealed details, the drawing
    // and the duplicate tags go. One transaction; secure_delete zeroes what is freed.
    VoidResult forget(const BatchRecord& batch, const QString& confirmationSha256);
    // When the batch was forgotten (ISO 8601 UTC), or empty.
    Result<QString> forgottenAt(const QString& batchId);

    Result<QList<BatchRecord>> all(); // oldest first
    Result<BatchRecord> find(const QString& id); // StoreError::NoSuchRecord if there is none
    Result<int> countWithPrefix(const QString& prefix);
    // The highest row number any batch took (0 if none): every row above it is not yet exported.
    Result<qint64> highWaterMark();
    // The newest signed batch in the ledger.
    Result<ChainHead> chainHead();

    // The ledger's word for a status ("marked", "complete"), as stored and as the CLI prints it.
    static QString statusName(BatchStatus status);

private:
    StoreConnection& m_connection;
};

} // namespace kiosk
