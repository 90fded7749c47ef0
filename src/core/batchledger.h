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
};

// The batch ledger: which signatures went into which batch, and where each batch is in the export protocol.
class BatchLedger final
{
public:
    explicit BatchLedger(StoreConnection& connection)
        : m_connection(connection)
    {
    }

    // In one transaction: marks the unexported rows up to maxRowId with the batch id and records the batch. Fails,
    // changing nothing, unless exactly batch.rowCount rows were marked.
    VoidResult mark(const BatchRecord& batch, qint64 maxRowId);
    // The folder has its final name; also records the time of the last export.
    VoidResult complete(const QString& batchId);
    // Undoes mark(): the signatures count as not exported again and the batch record goes.
    VoidResult unmark(const QString& batchId);

    Result<QList<BatchRecord>> all(); // oldest first
    Result<BatchRecord> find(const QString& id); // StoreError::NoSuchRecord if there is none
    Result<int> countWithPrefix(const QString& prefix);

    // The ledger's word for a status ("marked", "complete"), as stored and as the CLI prints it.
    static QString statusName(BatchStatus status);

private:
    StoreConnection& m_connection;
};

} // namespace kiosk
