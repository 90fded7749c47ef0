#include "signaturestore.h"

#include "datadir.h"
#include "logging.h"
#include "personaldatacodec.h"
#include "schema.h"

#include <QFileInfo>
#include <QSqlError>
#include <QTimeZone>

namespace kiosk {

namespace {

QVariant nullableText(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

const QString kSelectColumns = QStringLiteral(
    "id, signed_at, petition_id, petition_version, consent_version, full_name, country, postcode, email, "
    "uk_citizen_or_resident, consent, contact_opt_in, language, stall_id, device_id, signature_svg, export_batch_id");

} // namespace

SignatureStore::SignatureStore(std::unique_ptr<PersonalDataCodec> codec)
    : m_codec(codec ? std::move(codec) : std::make_unique<PlainPersonalDataCodec>())
    , m_connection(QStringLiteral("kiosk-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

SignatureStore::~SignatureStore()
{
    close();
}

bool SignatureStore::fail(StoreError error, const QString& details, const QString& message)
{
    m_error = error;
    m_details = details;
    m_message = message;
    // The details are SQLite's or the file system's words, which never hold field values.
    qCWarning(lcStore) << "store error:" << int(error) << details;
    return false;
}

bool SignatureStore::failFrom(const QSqlQuery& query)
{
    const StoreError e = classifySqlError(query.lastError());
    return fail(e == StoreError::None ? StoreError::Other : e, query.lastError().text());
}

bool SignatureStore::exec(const QString& sql)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return true;
    return failFrom(q);
}

void SignatureStore::rollback()
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

bool SignatureStore::commit()
{
    if (exec(QStringLiteral("COMMIT")))
        return true;
    rollback();
    return false;
}

bool SignatureStore::rollbackAfter(const QSqlQuery& failed)
{
    failFrom(failed);
    rollback();
    return false;
}

QString SignatureStore::errorString() const
{
    return m_message.isEmpty() ? describeStoreError(m_error) : m_message;
}

bool SignatureStore::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

bool SignatureStore::open(const QString& dataDir, OpenMode mode)
{
    return open(dataDir, mode, Options {});
}

bool SignatureStore::open(const QString& dataDir, OpenMode mode, const Options& options)
{
    close();
    m_error = StoreError::None;
    m_details.clear();
    m_message.clear();

    const bool create = mode == OpenMode::CreateIfMissing;
    QString problem;
    if (!DataDir::prepare(dataDir, create, &problem))
        return fail(QFileInfo::exists(dataDir) ? StoreError::ReadOnly : StoreError::NotFound, problem, problem);

    m_path = DataDir::databasePath(dataDir);
    const QFileInfo dbInfo(m_path);
    if (!dbInfo.exists()) {
        if (!create)
            return fail(StoreError::NotFound, {});
        if (!DataDir::canWriteIn(dataDir))
            return fail(StoreError::ReadOnly, QStringLiteral("cannot create files in the data folder"));
        // Created here first, owner-only, so that SQLite's -wal and -shm files inherit 0600.
        if (!DataDir::createOwnerOnlyFile(m_path, &problem))
            return fail(StoreError::ReadOnly, problem);
    } else if (!dbInfo.isFile()) {
        return fail(StoreError::Corrupt, QStringLiteral("the database path is not a file"));
    }

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
    if (!m_db.open()) {
        const StoreError e = classifySqlError(m_db.lastError());
        fail(e == StoreError::None || e == StoreError::Other ? StoreError::Io : e, m_db.lastError().text());
        close();
        return false;
    }

    // journal_mode answers with the mode in force: a read-only or damaged file says so here.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()) {
        failFrom(q);
        close();
        return false;
    }
    if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        fail(StoreError::ReadOnly, QStringLiteral("journal mode is %1, not WAL").arg(q.value(0).toString()));
        close();
        return false;
    }
    q.finish();
    if (!exec(QStringLiteral("PRAGMA synchronous=FULL")) || !exec(QStringLiteral("PRAGMA foreign_keys=ON"))
        || !exec(QStringLiteral("PRAGMA secure_delete=ON"))) {
        close();
        return false;
    }

    const int target = options.targetSchemaVersion < 0 ? Schema::Latest : options.targetSchemaVersion;
    QString details;
    const StoreError migrated = Schema::migrate(m_db, *m_codec, target, &details);
    if (migrated != StoreError::None) {
        fail(migrated, details);
        close();
        return false;
    }

    QSqlQuery codec(m_db);
    if (codec.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'personal_codec'")) && codec.next()
        && codec.value(0).toString() != m_codec->id()) {
        fail(StoreError::WrongCodec, QStringLiteral("database codec %1").arg(codec.value(0).toString()));
        close();
        return false;
    }
    codec.finish();

    // A write now, rather than at the first signature: a read-only file or folder is found while the volunteer
    // is still setting up, not when a signer presses Submit.
    QSqlQuery probe(m_db);
    probe.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_opened_at', ?)"));
    probe.addBindValue(toIsoUtc(QDateTime::currentDateTimeUtc()));
    if (!probe.exec()) {
        failFrom(probe);
        close();
        return false;
    }
    probe.finish();

    if (!ensureDeviceId() || (target == Schema::Latest && !prepareStatements())) {
        close();
        return false;
    }
    qCInfo(lcStore) << "opened signature database, schema version" << target;
    return true;
}

void SignatureStore::close()
{
    m_ready = false;
    m_insert = QSqlQuery();
    m_byName = QSqlQuery();
    m_byEmail = QSqlQuery();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_deviceId.clear();
}

bool SignatureStore::ensureDeviceId()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'device_id'")))
        return failFrom(q);
    if (q.next()) {
        m_deviceId = q.value(0).toString();
        return true;
    }
    q.finish();
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('device_id', ?)"));
    q.addBindValue(id);
    if (!q.exec())
        return failFrom(q);
    m_deviceId = id;
    return true;
}

bool SignatureStore::prepareStatements()
{
    m_insert = QSqlQuery(m_db);
    m_byName = QSqlQuery(m_db);
    m_byEmail = QSqlQuery(m_db);
    const bool ok
        = m_insert.prepare(QStringLiteral(
              "INSERT INTO signatures (id, signed_at, petition_id, petition_version, consent_version, full_name, "
              "country, postcode, email, uk_citizen_or_resident, consent, contact_opt_in, language, stall_id, "
              "device_id, signature_svg, export_batch_id, name_key, postcode_key, email_key) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)"))
        && m_byName.prepare(QStringLiteral("SELECT 1 FROM signatures WHERE petition_id = ? AND name_key = ? "
                                           "AND postcode_key = ? LIMIT 1"))
        && m_byEmail.prepare(QStringLiteral("SELECT name_key FROM signatures WHERE petition_id = ? "
                                            "AND email_key = ?"));
    if (!ok) {
        const QSqlQuery& broken
            = !m_insert.lastError().isValid() ? (!m_byName.lastError().isValid() ? m_byEmail : m_byName) : m_insert;
        return failFrom(broken);
    }
    m_byName.setForwardOnly(true);
    m_byEmail.setForwardOnly(true);
    m_ready = true;
    return true;
}

bool SignatureStore::bindAndInsert(const Signature& s)
{
    const PersonalFields personal { s.fullName, s.postcode, s.email, s.signatureSvg };
    const SealedFields sealed = m_codec->seal(personal);
    const DedupKeys keys = m_codec->keys(personal);

    m_insert.bindValue(0, s.id.toString(QUuid::WithoutBraces));
    m_insert.bindValue(1, toIsoUtc(s.signedAt));
    m_insert.bindValue(2, s.petitionId);
    m_insert.bindValue(3, s.petitionVersion);
    m_insert.bindValue(4, s.consentVersion);
    m_insert.bindValue(5, sealed.fullName);
    m_insert.bindValue(6, s.country);
    m_insert.bindValue(7, sealed.postcode);
    m_insert.bindValue(8, sealed.email);
    m_insert.bindValue(9, s.ukCitizenOrResident == Residency::Yes ? 1 : 0);
    m_insert.bindValue(10, s.consent ? 1 : 0);
    m_insert.bindValue(11, s.contactOptIn ? 1 : 0);
    m_insert.bindValue(12, s.language);
    m_insert.bindValue(13, s.stallId);
    m_insert.bindValue(14, s.deviceId);
    m_insert.bindValue(15, sealed.signatureSvg);
    m_insert.bindValue(16, keys.name);
    m_insert.bindValue(17, nullableText(keys.postcode));
    m_insert.bindValue(18, nullableText(keys.email));
    if (!m_insert.exec())
        return failFrom(m_insert);
    return true;
}

bool SignatureStore::beginOperation(Requirement requirement)
{
    m_error = StoreError::None;
    if (isOpen() && (requirement == NeedsOpen || m_ready))
        return true;
    return fail(StoreError::NotFound, QStringLiteral("store is not open"));
}

SaveResult SignatureStore::save(const Signature& input)
{
    SaveResult result;
    if (!beginOperation(NeedsStatements)) {
        result.error = m_error;
        return result;
    }

    Signature s = input;
    result.issues = SigningRules::apply(s);
    if (!result.issues.isEmpty()) {
        result.status = SaveResult::Status::Rejected;
        return result;
    }
    if (s.petitionId.isEmpty() || s.petitionVersion <= 0 || s.consentVersion <= 0 || s.language.isEmpty()
        || s.stallId.isEmpty()) {
        // A programming or configuration error, not the signer's: report it, store nothing.
        const QString why = QStringLiteral("The signature is missing its petition, consent, language or stall.");
        fail(StoreError::Other, why, why);
        result.error = m_error;
        return result;
    }
    if (s.id.isNull())
        s.id = QUuid::createUuid();
    if (!s.signedAt.isValid())
        s.signedAt = QDateTime::currentDateTimeUtc();
    s.signedAt = s.signedAt.toUTC();
    s.deviceId = m_deviceId;
    s.exportBatchId.clear();

    const DedupKeys keys = m_codec->keys({ s.fullName, s.postcode, s.email, {} });

    // A data folder deleted under a running kiosk: SQLite would go on writing into files that no longer have a
    // name, and everything would be lost at exit. A stat per save catches it before the signer is thanked.
    if (!QFileInfo::exists(m_path)) {
        fail(StoreError::Io, QStringLiteral("the database file is gone"));
        result.error = m_error;
        return result;
    }

    // IMMEDIATE takes the write lock before the duplicate checks, so that no other writer can slip a twin in
    // between the check and the insert.
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        result.error = m_error;
        return result;
    }
    const auto abort = [this, &result]() {
        rollback();
        result.status = SaveResult::Status::Failed;
        result.error = m_error;
        return result;
    };

    if (!keys.postcode.isEmpty()) {
        m_byName.bindValue(0, s.petitionId);
        m_byName.bindValue(1, keys.name);
        m_byName.bindValue(2, keys.postcode);
        if (!m_byName.exec()) {
            failFrom(m_byName);
            return abort();
        }
        const bool twin = m_byName.next();
        m_byName.finish();
        if (twin) {
            rollback();
            result.status = SaveResult::Status::Duplicate;
            return result;
        }
    }
    if (!keys.email.isEmpty()) {
        m_byEmail.bindValue(0, s.petitionId);
        m_byEmail.bindValue(1, keys.email);
        if (!m_byEmail.exec()) {
            failFrom(m_byEmail);
            return abort();
        }
        int uses = 0;
        bool sameName = false;
        while (m_byEmail.next()) {
            ++uses;
            sameName = sameName || m_byEmail.value(0).toString() == keys.name;
        }
        m_byEmail.finish();
        if (sameName || uses >= SigningRules::MaxSignaturesPerEmail) {
            rollback();
            if (sameName) {
                result.status = SaveResult::Status::Duplicate;
            } else {
                result.status = SaveResult::Status::Rejected;
                result.issues.append({ Field::Email, RuleError::EmailLimitReached });
            }
            return result;
        }
    }

    if (!bindAndInsert(s))
        return abort();
    if (!exec(QStringLiteral("COMMIT")))
        return abort();
    if (!QFileInfo::exists(m_path)) {
        // Committed into a file that lost its name meanwhile: not durable, so not acknowledged.
        fail(StoreError::Io, QStringLiteral("the database file disappeared during the save"));
        result.error = m_error;
        return result;
    }

    result.status = SaveResult::Status::Stored;
    result.id = s.id;
    result.stored = s;
    return result;
}

bool SignatureStore::saveBulk(QList<Signature> signatures)
{
    if (!beginOperation(NeedsStatements))
        return false;
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    for (Signature& s : signatures) {
        if (!SigningRules::apply(s).isEmpty()) {
            rollback();
            const QString why = QStringLiteral("A signature in the batch breaks the signing rules.");
            return fail(StoreError::Other, why, why);
        }
        if (s.id.isNull())
            s.id = QUuid::createUuid();
        if (!s.signedAt.isValid())
            s.signedAt = QDateTime::currentDateTimeUtc();
        s.deviceId = m_deviceId;
        if (!bindAndInsert(s)) {
            rollback();
            return false;
        }
    }
    return commit();
}

bool SignatureStore::checkTextVersion(
    const QString& kind, const QString& id, int version, const QByteArray& sha256, QString* conflict)
{
    if (!beginOperation(NeedsOpen))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT sha256 FROM campaign_texts WHERE kind = ? AND id = ? AND version = ?"));
    q.addBindValue(kind);
    q.addBindValue(id);
    q.addBindValue(version);
    if (!q.exec())
        return failFrom(q);
    if (q.next() && q.value(0).toString() != QString::fromLatin1(sha256.toHex())) {
        if (conflict)
            *conflict = QStringLiteral("the %1 text of %2 changed, but its version is still %3. A changed text needs "
                                       "a new version number.")
                            .arg(kind, id)
                            .arg(version);
        return false;
    }
    return true;
}

bool SignatureStore::recordTextVersion(
    const QString& kind, const QString& id, int version, const QByteArray& sha256, QString* conflict)
{
    if (!checkTextVersion(kind, id, version, sha256, conflict))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO campaign_texts (kind, id, version, sha256, first_seen) "
                             "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(kind);
    q.addBindValue(id);
    q.addBindValue(version);
    q.addBindValue(QString::fromLatin1(sha256.toHex()));
    q.addBindValue(toIsoUtc(QDateTime::currentDateTimeUtc()));
    if (!q.exec())
        return failFrom(q);
    return true;
}

QString SignatureStore::metaValue(const QString& key)
{
    if (!beginOperation(NeedsOpen)) {
        return {};
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec()) {
        failFrom(q);
        return {};
    }
    return q.next() ? q.value(0).toString() : QString();
}

bool SignatureStore::setMetaValue(const QString& key, const QString& value)
{
    if (!beginOperation(NeedsOpen))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value.isNull() ? QStringLiteral("") : value); // a null QString would bind as SQL NULL
    return q.exec() || failFrom(q);
}

bool SignatureStore::audit(const QString& action, const QString& detail)
{
    if (!beginOperation(NeedsOpen))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO audit (at, action, detail) VALUES (?, ?, ?)"));
    q.addBindValue(toIsoUtc(QDateTime::currentDateTimeUtc()));
    q.addBindValue(action);
    q.addBindValue(detail.isNull() ? QStringLiteral("") : detail);
    if (!q.exec())
        return failFrom(q);
    qCInfo(lcStore) << "audit:" << action;
    return true;
}

QList<AuditEntry> SignatureStore::auditLog(int limit)
{
    QList<AuditEntry> entries;
    if (!beginOperation(NeedsOpen)) {
        return entries;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT at, action, detail FROM audit ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec()) {
        failFrom(q);
        return entries;
    }
    while (q.next())
        entries.append({ fromIsoUtc(q.value(0).toString()), q.value(1).toString(), q.value(2).toString() });
    return entries;
}

qint64 SignatureStore::maxRowId()
{
    QSqlQuery q(m_db);
    if (!isOpen() || !q.exec(QStringLiteral("SELECT coalesce(max(rowid), 0) FROM signatures")) || !q.next()) {
        if (isOpen())
            failFrom(q);
        return -1;
    }
    return q.value(0).toLongLong();
}

qint64 SignatureStore::unexportedUpTo(qint64 maxRowId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM signatures WHERE export_batch_id IS NULL AND rowid <= ?"));
    q.addBindValue(maxRowId);
    if (!q.exec() || !q.next()) {
        failFrom(q);
        return -1;
    }
    return q.value(0).toLongLong();
}

bool SignatureStore::forEachExportRow(
    const QString& batchId, qint64 maxRowId, const std::function<bool(const ExportRow&)>& visit)
{
    if (!beginOperation(NeedsOpen))
        return false;
    QSqlQuery q(m_db);
    q.setForwardOnly(true); // streams: a million rows never sit in memory at once
    const QString columns = QStringLiteral(
        "SELECT id, signed_at, petition_id, petition_version, consent_version, full_name, country, postcode, email, "
        "uk_citizen_or_resident, contact_opt_in, language, stall_id, device_id, signature_svg FROM signatures ");
    if (batchId.isEmpty()) {
        q.prepare(columns + QStringLiteral("WHERE export_batch_id IS NULL AND rowid <= ? ORDER BY rowid"));
        q.addBindValue(maxRowId);
    } else {
        q.prepare(columns + QStringLiteral("WHERE export_batch_id = ? ORDER BY rowid"));
        q.addBindValue(batchId);
    }
    if (!q.exec())
        return failFrom(q);
    ExportRow row;
    while (q.next()) {
        const auto personal = m_codec->unseal({ q.value(5), q.value(7), q.value(8), q.value(14) });
        if (!personal)
            return fail(StoreError::WrongCodec, QStringLiteral("a row could not be unsealed"));
        row.id = q.value(0).toString();
        row.signedAt = q.value(1).toString();
        row.petitionId = q.value(2).toString();
        row.petitionVersion = q.value(3).toString();
        row.consentVersion = q.value(4).toString();
        row.fullName = personal->fullName;
        row.country = q.value(6).toString();
        row.postcode = personal->postcode;
        row.email = personal->email;
        row.ukCitizenOrResident = q.value(9).toInt() == 1;
        row.contactOptIn = q.value(10).toInt() == 1;
        row.language = q.value(11).toString();
        row.stallId = q.value(12).toString();
        row.deviceId = q.value(13).toString();
        row.signatureSvg = personal->signatureSvg;
        if (!visit(row))
            return false;
    }
    if (q.lastError().isValid())
        return failFrom(q);
    return true;
}

bool SignatureStore::markBatch(const BatchRecord& b, qint64 maxRowId)
{
    if (!beginOperation(NeedsOpen))
        return false;
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE signatures SET export_batch_id = ? WHERE export_batch_id IS NULL AND rowid <= ?"));
    q.addBindValue(b.id);
    q.addBindValue(maxRowId);
    if (!q.exec())
        return rollbackAfter(q);
    if (q.numRowsAffected() != b.rowCount) {
        rollback();
        const QString why = QStringLiteral("The signatures changed while the batch was written (another export?). "
                                           "Nothing was marked; export again.");
        return fail(StoreError::Other, why, why);
    }
    q.prepare(QStringLiteral("INSERT INTO batches (id, created_at, stall_id, device_id, row_count, first_signed_at, "
                             "last_signed_at, destination, staging_path, csv_sha256, app_version, status) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'marked')"));
    for (const QVariant& v : { QVariant(b.id), QVariant(b.createdAt), QVariant(b.stallId), QVariant(b.deviceId),
             QVariant(b.rowCount), QVariant(b.firstSignedAt), QVariant(b.lastSignedAt), QVariant(b.destination),
             QVariant(b.stagingPath), QVariant(b.csvSha256), QVariant(b.appVersion) })
        q.addBindValue(v);
    if (!q.exec())
        return rollbackAfter(q);
    return commit();
}

bool SignatureStore::completeBatch(const QString& batchId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE batches SET status = 'complete' WHERE id = ?"));
    q.addBindValue(batchId);
    if (!q.exec())
        return failFrom(q);
    return setMetaValue(QStringLiteral("last_export_at"), toIsoUtc(QDateTime::currentDateTimeUtc()));
}

bool SignatureStore::unmarkBatch(const QString& batchId)
{
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE signatures SET export_batch_id = NULL WHERE export_batch_id = ?"));
    q.addBindValue(batchId);
    bool ok = q.exec();
    if (ok) {
        q.prepare(QStringLiteral("DELETE FROM batches WHERE id = ?"));
        q.addBindValue(batchId);
        ok = q.exec();
    }
    if (!ok)
        return rollbackAfter(q);
    return commit();
}

namespace {
BatchRecord batchFrom(const QSqlQuery& q)
{
    BatchRecord b;
    b.id = q.value(0).toString();
    b.createdAt = q.value(1).toString();
    b.stallId = q.value(2).toString();
    b.deviceId = q.value(3).toString();
    b.rowCount = q.value(4).toLongLong();
    b.firstSignedAt = q.value(5).toString();
    b.lastSignedAt = q.value(6).toString();
    b.destination = q.value(7).toString();
    b.stagingPath = q.value(8).toString();
    b.csvSha256 = q.value(9).toString();
    b.appVersion = q.value(10).toString();
    b.status = q.value(11).toString();
    return b;
}
const QString kBatchColumns = QStringLiteral(
    "SELECT id, created_at, stall_id, device_id, row_count, first_signed_at, last_signed_at, destination, "
    "staging_path, csv_sha256, app_version, status FROM batches ");
} // namespace

QList<BatchRecord> SignatureStore::batches()
{
    QList<BatchRecord> all;
    QSqlQuery q(m_db);
    if (!isOpen() || !q.exec(kBatchColumns + QStringLiteral("ORDER BY created_at, id"))) {
        if (isOpen())
            failFrom(q);
        return all;
    }
    while (q.next())
        all.append(batchFrom(q));
    return all;
}

std::optional<BatchRecord> SignatureStore::batch(const QString& id)
{
    QSqlQuery q(m_db);
    q.prepare(kBatchColumns + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        failFrom(q);
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return batchFrom(q);
}

int SignatureStore::batchesWithPrefix(const QString& prefix)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM batches WHERE substr(id, 1, ?) = ?"));
    q.addBindValue(prefix.size());
    q.addBindValue(prefix);
    if (!q.exec() || !q.next()) {
        failFrom(q);
        return -1;
    }
    return q.value(0).toInt();
}

bool SignatureStore::counts(SignatureCounts& out, const QDateTime& now)
{
    if (!beginOperation(NeedsOpen))
        return false;
    out = {};
    const QDateTime local = now.toLocalTime();
    const QDateTime dayStart = local.date().startOfDay();
    const QDateTime dayEnd = local.date().addDays(1).startOfDay();

    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT count(*), count(*) FILTER (WHERE export_batch_id IS NULL) FROM signatures"))
        || !q.next())
        return failFrom(q);
    out.total = q.value(0).toLongLong();
    out.unexported = q.value(1).toLongLong();

    q.prepare(QStringLiteral("SELECT count(*) FROM signatures WHERE signed_at >= ? AND signed_at < ?"));
    q.addBindValue(toIsoUtc(dayStart));
    q.addBindValue(toIsoUtc(dayEnd));
    if (!q.exec() || !q.next())
        return failFrom(q);
    out.today = q.value(0).toLongLong();

    if (!q.exec(QStringLiteral("SELECT petition_id, count(*) FROM signatures GROUP BY petition_id")))
        return failFrom(q);
    while (q.next())
        out.perPetition.insert(q.value(0).toString(), q.value(1).toLongLong());
    return true;
}

std::optional<Signature> SignatureStore::find(const QUuid& id)
{
    if (!beginOperation(NeedsOpen)) {
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kSelectColumns + QStringLiteral(" FROM signatures WHERE id = ?"));
    q.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!q.exec()) {
        failFrom(q);
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;

    const auto personal = m_codec->unseal({ q.value(5), q.value(7), q.value(8), q.value(15) });
    if (!personal) {
        fail(StoreError::WrongCodec, QStringLiteral("row could not be unsealed"));
        return std::nullopt;
    }
    Signature s;
    s.id = QUuid(q.value(0).toString());
    s.signedAt = fromIsoUtc(q.value(1).toString());
    s.petitionId = q.value(2).toString();
    s.petitionVersion = q.value(3).toInt();
    s.consentVersion = q.value(4).toInt();
    s.fullName = personal->fullName;
    s.country = q.value(6).toString();
    s.postcode = personal->postcode;
    s.email = personal->email;
    s.ukCitizenOrResident = q.value(9).toInt() == 1 ? Residency::Yes : Residency::No;
    s.consent = q.value(10).toInt() == 1;
    s.contactOptIn = q.value(11).toInt() == 1;
    s.language = q.value(12).toString();
    s.stallId = q.value(13).toString();
    s.deviceId = q.value(14).toString();
    s.signatureSvg = personal->signatureSvg;
    s.exportBatchId = q.value(16).toString();
    return s;
}

bool SignatureStore::integrityCheck(QString* details)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check"))) {
        if (details)
            *details = q.lastError().text();
        return false;
    }
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    if (details)
        *details = lines.join(QLatin1Char('\n'));
    return lines == QStringList { QStringLiteral("ok") };
}

int SignatureStore::schemaVersion()
{
    return isOpen() ? Schema::version(m_db) : -1;
}

} // namespace kiosk
