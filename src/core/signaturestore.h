#pragma once

#include "personaldatacodec.h"
#include "signature.h"
#include "signingrules.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace kiosk {

struct SaveResult
{
    enum class Status {
        Stored, // committed durably
        Duplicate, // this person has already signed; nothing stored, and nothing of the other record revealed
        Rejected, // a signing rule refused a field; see issues
        Failed, // storage failed; see error. Nothing was stored.
    };
    Status status = Status::Failed;
    QList<RuleIssue> issues;
    StoreError error = StoreError::None;
    QUuid id; // of the stored signature
    Signature stored; // as stored (normalised), when status is Stored
};

struct AuditEntry
{
    QDateTime at;
    QString action;
    QString detail;
};

// One export batch as the store records it.
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
    QString status; // "marked" or "complete"
};

// A signature as the export writes it: the stored text, unparsed, with the personal fields unsealed.
struct ExportRow
{
    QString id;
    QString signedAt;
    QString petitionId;
    QString petitionVersion;
    QString consentVersion;
    QString fullName;
    QString country;
    QString postcode;
    QString email;
    bool ukCitizenOrResident = false;
    bool contactOptIn = false;
    QString language;
    QString stallId;
    QString deviceId;
    QByteArray signatureSvg;
};

struct SignatureCounts
{
    qint64 total = 0;
    qint64 today = 0; // the stall's local day
    qint64 unexported = 0;
    QMap<QString, qint64> perPetition;
};

// The kiosk's signatures in SQLite (WAL, synchronous=FULL), in one data folder. save() returns only once the
// commit is durable; every failure leaves nothing partial and is reported as a StoreError, never thrown.
// Personal fields pass only through the PersonalDataCodec seam.
class SignatureStore final
{
public:
    enum class OpenMode { CreateIfMissing, ExistingOnly };

    struct Options
    {
        int busyTimeoutMs = 2000;
        int targetSchemaVersion = -1; // -1: latest. Tests open older versions to prove the migrations.
    };

    explicit SignatureStore(std::unique_ptr<PersonalDataCodec> codec = {});
    ~SignatureStore();
    SignatureStore(const SignatureStore&) = delete;
    SignatureStore& operator=(const SignatureStore&) = delete;

    bool open(const QString& dataDir, OpenMode mode = OpenMode::CreateIfMissing);
    bool open(const QString& dataDir, OpenMode mode, const Options& options);
    void close();
    bool isOpen() const;

    // Applies the signing rules, checks for duplicates and stores, all in one write transaction.
    SaveResult save(const Signature& signature);

    // Stores many signatures in one transaction without the duplicate checks. For the benchmark's
    // populate command and for restoring; the signing rules still apply.
    bool saveBulk(QList<Signature> signatures);

    // Remembers the SHA-256 of a versioned text (kind "petition" or "consent"). Returns false if this
    // version was seen before with another text; `conflict` then says so. Storage failures also return false.
    bool recordTextVersion(
        const QString& kind, const QString& id, int version, const QByteArray& sha256, QString* conflict);
    // The same check without recording anything: false if this version was seen with another text.
    bool checkTextVersion(
        const QString& kind, const QString& id, int version, const QByteArray& sha256, QString* conflict);

    // Small durable values of the kiosk's own (PIN hash, lockout, device id). Empty if absent.
    QString metaValue(const QString& key);
    bool setMetaValue(const QString& key, const QString& value);

    // The audit log: what a volunteer or coordinator did, and when. Never personal data.
    bool audit(const QString& action, const QString& detail = {});
    QList<AuditEntry> auditLog(int limit); // newest first

    // Export. The highest row id now: a new batch takes the unexported rows up to it, so that signatures saved
    // while it is written wait for the next batch. -1 on error.
    qint64 maxRowId();
    qint64 unexportedUpTo(qint64 maxRowId); // -1 on error
    // Visits the rows of a batch (or, with an empty id, the unexported rows up to maxRowId) in row order. The
    // visitor returns false to stop; then, or on a storage error, this returns false.
    bool forEachExportRow(const QString& batchId, qint64 maxRowId, const std::function<bool(const ExportRow&)>& visit);
    // In one transaction: marks the unexported rows up to maxRowId with the batch id and records the batch. Fails,
    // changing nothing, unless exactly batch.rowCount rows were marked.
    bool markBatch(const BatchRecord& batch, qint64 maxRowId);
    bool completeBatch(const QString& batchId);
    // Undoes markBatch(): the signatures count as not exported again and the batch record goes.
    bool unmarkBatch(const QString& batchId);
    QList<BatchRecord> batches(); // oldest first
    std::optional<BatchRecord> batch(const QString& id);
    int batchesWithPrefix(const QString& prefix);

    bool counts(SignatureCounts& out, const QDateTime& now = QDateTime::currentDateTime());
    std::optional<Signature> find(const QUuid& id);

    bool integrityCheck(QString* details = nullptr);
    int schemaVersion();
    QString deviceId() const { return m_deviceId; }
    QString databasePath() const { return m_path; }
    QSqlDatabase database() const { return m_db; }

    StoreError error() const { return m_error; }
    // A sentence for the volunteer or the CLI user; never raw SQL text.
    QString errorString() const;

private:
    // `details` go to the log only; `message`, when given, replaces the standard sentence for the user.
    // Every public operation starts here: it clears the last error and refuses a store that is not open (or whose
    // statements are not prepared, for the ones that use them).
    enum Requirement { NeedsOpen, NeedsStatements };
    bool beginOperation(Requirement requirement);
    bool fail(StoreError error, const QString& details, const QString& message = {});
    bool failFrom(const QSqlQuery& query);
    bool exec(const QString& sql);
    bool prepareStatements();
    bool ensureDeviceId();
    bool bindAndInsert(const Signature& s);
    void rollback();
    bool commit(); // COMMIT, or ROLLBACK and false
    bool rollbackAfter(const QSqlQuery& failed); // records the failure, rolls back, returns false

    std::unique_ptr<PersonalDataCodec> m_codec;
    QString m_connection;
    QString m_path;
    QSqlDatabase m_db;
    QString m_deviceId;
    StoreError m_error = StoreError::None;
    QString m_details;
    QString m_message;

    bool m_ready = false; // statements prepared: the store is at the latest schema
    QSqlQuery m_insert;
    QSqlQuery m_byName;
    QSqlQuery m_byEmail;
};

} // namespace kiosk
