#pragma once

#include "core/result.h"
#include "hubdatabase.h"

#include <QByteArrayList>
#include <QStringList>

#include <memory>
#include <vector>

namespace kiosk::hub {

// Stores signatures in the hub's `signatures` table by each database's own fast path, past Qt's per-value binding
// (which cost more than the database's own work): PostgreSQL's COPY through libpq (Debian libpq-dev), on the
// connection the QPSQL driver already holds; SQLite's C API, on the QSQLITE driver's own handle. Both run inside the
// transaction the importer began on that connection.
//
// A row that is in the table already is never written again: with the same content (`content_sha256`) it is counted
// as known; erased or purged (a tombstone), as removed; with other content its id is listed as a conflict, and the
// caller refuses the batch.
class HubRowWriter
{
public:
    // The columns a row gives, in this order: UTF-8 text (integers as digits) or, for the byte columns, bytes; an empty
    // byte column is stored as NULL.
    enum Column {
        Id,
        Batch,
        DeviceId,
        StallId,
        SignedAt,
        PetitionId,
        PetitionVersion,
        ConsentVersion,
        Country,
        PostcodeArea,
        Resident,
        OptIn,
        Language,
        FullName,
        Postcode,
        Email,
        SignatureSvg,
        ContentSha256,
        Sealed,
        SealedDrawing,
        NamePostcodeKey,
        EmailNameKey,
        EmailKey,
        ColumnCount
    };
    static bool isBytes(int column) { return column == SignatureSvg || column == Sealed || column == SealedDrawing; }
    static bool isInteger(int column)
    {
        return column == PetitionVersion || column == ConsentVersion || column == Resident || column == OptIn;
    }

    struct Outcome
    {
        qint64 added = 0;
        qint64 known = 0;
        qint64 removed = 0; // erased on request or purged: the tombstone stays, the row is not brought back
        QStringList conflicts;
    };
    // What `content_sha256` holds once a signature is erased or purged: no hash of its details is kept.
    static constexpr const char* RemovedContent = "removed";

    // The writer for the database's backend; it must not outlive `db`.
    static Result<std::unique_ptr<HubRowWriter>> forDatabase(HubDatabase& db);
    virtual ~HubRowWriter() = default;

    // Writes `rows` (each ColumnCount values) into the open transaction. Fails with StoreError::ChangedMeanwhile when
    // another import stored one of the same ids first (PostgreSQL): the transaction is lost, and the batch can be
    // tried again.
    virtual VoidResult write(const std::vector<QByteArrayList>& rows, Outcome& outcome) = 0;
};

} // namespace kiosk::hub
