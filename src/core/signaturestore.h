#pragma once

#include "auditlog.h"
#include "batchledger.h"
#include "metavalues.h"
#include "personaldatacodec.h"
#include "result.h"
#include "signaturetable.h"
#include "storeconnection.h"
#include "storesealing.h"
#include "textversions.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace kiosk {

// One data folder's store: a StoreConnection to signatures.sqlite and the small classes that share it, one per
// concern. Open it, then reach each concern through its accessor:
//   store.signatures()   the signatures and the duplicate checks (SignatureTable)
//   store.audit()        the audit log of admin actions (AuditLog)
//   store.ledger()       the export batches (BatchLedger)
//   store.texts()        petition and consent text versions (TextVersions)
//   store.meta()         small values of the kiosk's own (MetaValues)
//   store.sealing()      sealed or not, the coordinator's key, the duplicate key (StoreSealing)
// Every operation returns a Result; error() and errorString() repeat the last failure.
class SignatureStore final
{
public:
    using OpenMode = StoreConnection::OpenMode;
    using Options = StoreConnection::Options;

    explicit SignatureStore(std::unique_ptr<PersonalDataCodec> codec = {});
    ~SignatureStore();
    SignatureStore(const SignatureStore&) = delete;
    SignatureStore& operator=(const SignatureStore&) = delete;

    VoidResult open(const QString& dataDir, OpenMode mode = OpenMode::CreateIfMissing, const Options& options = {});
    void close();
    bool isOpen() const { return m_connection.isOpen(); }

    SignatureTable& signatures() { return m_signatures; }
    AuditLog& audit() { return m_audit; }
    BatchLedger& ledger() { return m_ledger; }
    TextVersions& texts() { return m_texts; }
    MetaValues& meta() { return m_meta; }
    StoreSealing& sealing() { return m_sealing; }

    // PRAGMA integrity_check; a failure of kind Corrupt carries SQLite's report as its details.
    VoidResult integrityCheck();
    // Copies the write-ahead log into the database and empties it (wal_checkpoint(TRUNCATE)): after rows were
    // forgotten, no old copy of their pages stays in the log. Fails if another connection still reads from it.
    VoidResult checkpoint();
    Result<int> schemaVersion();
    QString deviceId() const { return m_connection.deviceId(); }
    QString databasePath() const { return m_connection.path(); }
    QString dataDir() const { return m_connection.dataDir(); }
    QSqlDatabase database() const { return m_connection.database(); }

    StoreError error() const { return m_connection.error(); }
    // A sentence for the CLI user; never raw SQL text. Screens word error() themselves.
    QString errorString() const { return m_connection.errorString(); }

private:
    StoreConnection m_connection;
    SignatureTable m_signatures { m_connection };
    AuditLog m_audit { m_connection };
    BatchLedger m_ledger { m_connection };
    TextVersions m_texts { m_connection };
    MetaValues m_meta { m_connection };
    StoreSealing m_sealing { m_connection };
};

} // namespace kiosk
