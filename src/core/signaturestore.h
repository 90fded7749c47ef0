#pragma once

#include "signature.h"
#include "signingrules.h"
#include "personaldatacodec.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

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
    bool recordTextVersion(const QString& kind, const QString& id, int version, const QByteArray& sha256,
                           QString* conflict);
    // The same check without recording anything: false if this version was seen with another text.
    bool checkTextVersion(const QString& kind, const QString& id, int version, const QByteArray& sha256,
                          QString* conflict);

    // Small durable values of the kiosk's own (PIN hash, lockout, device id). Empty if absent.
    QString metaValue(const QString& key);
    bool setMetaValue(const QString& key, const QString& value);

    // The audit log: what a volunteer or coordinator did, and when. Never personal data.
    bool audit(const QString& action, const QString& detail = {});
    QList<AuditEntry> auditLog(int limit); // newest first

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
    bool fail(StoreError error, const QString& details, const QString& message = {});
    bool failFrom(const QSqlQuery& query);
    bool exec(const QString& sql);
    bool prepareStatements();
    bool ensureDeviceId();
    bool bindAndInsert(const Signature& s);
    void rollback();

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
