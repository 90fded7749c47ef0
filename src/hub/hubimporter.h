#pragma once

#include "core/batchverifier.h"
#include "core/result.h"
#include "core/sealing.h"
#include "hubdatabase.h"
#include "hubrowwriter.h"

#include <QByteArrayList>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace kiosk::hub {

class SignerKeys;

// What happened to one batch folder.
struct ImportReport
{
    enum class Outcome { Imported, AlreadyImported, Refused };
    QString folder;
    QString batchId;
    QString deviceId;
    Outcome outcome = Outcome::Refused;
    QString reason; // Refused: why, in one sentence
    qint64 rowsNew = 0;
    qint64 rowsKnown = 0; // already in the hub with the same content (a batch exported again, say)
    qint64 rowsRemoved = 0; // erased on request or purged at the hub: left as they are, not brought back
    QStringList flags; // chain findings: the batch is in, but a coordinator should look
};

// Takes sealed, signed batches (format 2) into the hub, one transaction per batch: verified as
// `petition-kiosk-admin verify` verifies (the same code; the rows as they are read and stored, in one pass), its device
// checked against the key it is pinned to, its place in the device's chain checked (a gap, a repeated number or a fork
// is flagged, not refused), its rows opened with the coordinator's key and stored. A batch already in the hub is
// skipped; a signature already in it with the same content is skipped; the same id with other content refuses the
// batch, naming the ids. A refused batch changes nothing.
class HubImporter final
{
public:
    HubImporter(HubDatabase& db, std::shared_ptr<const Sealing::KeyPair> keys);

    ~HubImporter();

    // Batch folders, or folders holding them (a stick's root), in name order. Each batch's report goes to `each` as
    // soon as it is in (or refused). The next batch is verified on another thread while one is stored.
    void importPaths(const QStringList& paths, const std::function<void(const ImportReport&)>& each);
    QList<ImportReport> importPaths(const QStringList& paths);
    ImportReport importBatch(const QString& folder);

    // What the chains of the batches in the hub show now, batch by batch: a batch missing before it, a sequence number
    // used twice, a batch that does not follow the one numbered before it. A finding made at import ("batch 2 is
    // missing") is gone once the batch it named has come in.
    struct Finding
    {
        QString deviceId;
        QString batchId;
        qint64 sequence = 0;
        QString finding;
    };
    static Result<QList<Finding>> chainFindings(HubDatabase& db);
    // Batches refused at their folder's latest import, and not in the hub since (a batch with the same manifest came in
    // from elsewhere, or the folder was mended and imported again): what did not verify, and why.
    struct Refusal
    {
        QString folder;
        QString batchId;
        QString deviceId;
        QString reason;
        QString at;
    };
    static Result<QList<Refusal>> stillRefused(HubDatabase& db);

    // Pins a device to a key fingerprint before its first batch arrives; refused if it is pinned to another.
    static VoidResult enrol(HubDatabase& db, const QString& deviceId, const QString& fingerprint);

private:
    // A batch's rows, read, checked and opened, and made into the hub's columns.
    struct RowsRead
    {
        std::vector<QByteArrayList> rows; // kept (read ahead), or given to `take` as they come
        QStringList unopened; // ids whose sealed cells do not open with this key
        QStringList unstorable; // ids whose text a database cannot store
        QString problem; // the rows do not verify: why, as `verify` says it
    };
    // Batches up to this size are read ahead whole while the one before is stored; larger ones as they are stored.
    static constexpr qint64 PrefetchRows = 20000;
    RowsRead readRows(const QString& folder, const BatchVerifier::Result& verified,
        const std::function<bool(const QByteArrayList&)>& take, bool keep) const;
    ImportReport importBatch(const QString& folder, const BatchVerifier::Result& verified, RowsRead* prefetched);
    void log(const ImportReport& report, const QString& manifestSha256);
    static BatchVerifier::Result verifyFiles(const QString& folder);
    // nullopt: another import stored the same rows meanwhile (PostgreSQL), and this transaction was lost; try again.
    std::optional<ImportReport> importVerified(
        const BatchVerifier::Result& verified, ImportReport report, RowsRead* prefetched);

    HubDatabase& m_db;
    std::shared_ptr<const Sealing::KeyPair> m_keys;
    std::shared_ptr<const SignerKeys> m_signerKeys;
    Result<std::unique_ptr<HubRowWriter>> m_writer;
    QString m_run; // this importer's batches, in the import log
};

} // namespace kiosk::hub
