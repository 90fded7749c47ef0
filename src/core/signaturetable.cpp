#include "signaturetable.h"

#include "sqlcolumns.h"
#include "storeconnection.h"

#include <QFileInfo>
#include <QSqlError>

namespace kiosk {

namespace {
namespace col {
// One table's columns: the id indexes RowReader's positions, the name is the SQL column.
constexpr Column Id { 0, "id" }, SignedAt { 1, "signed_at" }, PetitionId { 2, "petition_id" },
    PetitionVersion { 3, "petition_version" }, ConsentVersion { 4, "consent_version" }, FullName { 5, "full_name" },
    Country { 6, "country" }, Postcode { 7, "postcode" }, Email { 8, "email" },
    UkCitizenOrResident { 9, "uk_citizen_or_resident" }, Consent { 10, "consent" },
    ContactOptIn { 11, "contact_opt_in" }, Language { 12, "language" }, StallId { 13, "stall_id" },
    DeviceId { 14, "device_id" }, SignatureSvg { 15, "signature_svg" }, Seq { 16, "seq" },
    NamePostcodeTag { 17, "name_postcode_tag" }, EmailNameTag { 18, "email_name_tag" }, EmailTag { 19, "email_tag" },
    PostcodeArea { 20, "postcode_area" }, Sealed { 21, "sealed" }, SealedDrawing { 22, "sealed_drawing" };
} // namespace col

// A stored signature as find() and the export read it.
const RowShape kStored { col::Id, col::SignedAt, col::PetitionId, col::PetitionVersion, col::ConsentVersion,
    col::FullName, col::Country, col::Postcode, col::Email, col::UkCitizenOrResident, col::Consent, col::ContactOptIn,
    col::Language, col::StallId, col::DeviceId, col::SignatureSvg, col::Seq, col::PostcodeArea, col::Sealed,
    col::SealedDrawing };
// What an insert writes: the stored shape without the batch (a new row is unexported), plus the duplicate keys.
const RowShape kInserted { col::Id, col::SignedAt, col::PetitionId, col::PetitionVersion, col::ConsentVersion,
    col::FullName, col::Country, col::Postcode, col::Email, col::UkCitizenOrResident, col::Consent, col::ContactOptIn,
    col::Language, col::StallId, col::DeviceId, col::SignatureSvg, col::NamePostcodeTag, col::EmailNameTag,
    col::EmailTag, col::PostcodeArea, col::Sealed, col::SealedDrawing };

SealedFields sealedFrom(const RowReader& row)
{
    return { row(col::FullName), row(col::Postcode), row(col::Email), row(col::SignatureSvg), row(col::Sealed),
        row(col::SealedDrawing) };
}

// A sealed value that does not open is named, never skipped.
QString unopened(const QString& id)
{
    return QStringLiteral("Signature %1 does not open: it is damaged, was moved from another row, or is sealed to "
                          "another key. Nothing was skipped; ask the coordinator who holds the key.")
        .arg(id);
}

QString selectStored(const QString& tail)
{
    return QStringLiteral("SELECT %1 FROM signatures %2").arg(kStored.selectList(), tail);
}
} // namespace

Failure SignatureTable::stallClosed()
{
    return m_connection.fail(StoreError::StallClosed, QStringLiteral("the duplicate key is not unlocked"));
}

VoidResult SignatureTable::prepare()
{
    m_insert = m_connection.query();
    m_byName = m_connection.query();
    m_byEmail = m_connection.query();
    QStringList placeholders;
    for (const Column& c : kInserted.columns())
        placeholders << c.placeholder();
    if (!m_insert.prepare(QStringLiteral("INSERT INTO signatures (%1) VALUES (%2)")
                              .arg(kInserted.selectList(), placeholders.join(QStringLiteral(", ")))))
        return m_connection.failFrom(m_insert);
    if (!m_byName.prepare(QStringLiteral("SELECT 1 FROM signatures WHERE petition_id = :petition_id AND "
                                         "name_postcode_tag = :name_postcode_tag LIMIT 1")))
        return m_connection.failFrom(m_byName);
    if (!m_byEmail.prepare(QStringLiteral("SELECT email_name_tag FROM signatures WHERE petition_id = :petition_id "
                                          "AND email_tag = :email_tag")))
        return m_connection.failFrom(m_byEmail);
    m_byName.setForwardOnly(true);
    m_byEmail.setForwardOnly(true);
    m_prepared = true;
    return {};
}

void SignatureTable::release()
{
    m_prepared = false;
    m_insert = QSqlQuery();
    m_byName = QSqlQuery();
    m_byEmail = QSqlQuery();
}

Result<DedupKeys> SignatureTable::keysOf(const Signature& s)
{
    const std::optional<DedupKeys> keys = m_connection.codec().keys({ s.fullName, s.postcode, s.email, {} });
    if (!keys)
        return stallClosed();
    return *keys;
}

VoidResult SignatureTable::insert(const Signature& s, const DedupKeys& keys)
{
    const PersonalFields personal { s.fullName, s.postcode, s.email, s.signatureSvg };
    const PersonalDataCodec& codec = m_connection.codec();
    const QString id = s.id.toString(QUuid::WithoutBraces);
    const SealedFields sealed = codec.seal(id, personal);
    if (codec.isSealed() && sealed.sealed.toByteArray().isEmpty())
        return m_connection.fail(StoreError::Other, QStringLiteral("a signature could not be sealed"));

    bind(m_insert,
        { { col::Id, id }, { col::SignedAt, toIsoUtc(s.signedAt) }, { col::PetitionId, s.petitionId },
            { col::PetitionVersion, s.petitionVersion }, { col::ConsentVersion, s.consentVersion },
            { col::FullName, sealed.fullName }, { col::Country, s.country }, { col::Postcode, sealed.postcode },
            { col::Email, sealed.email }, { col::UkCitizenOrResident, s.ukCitizenOrResident == Residency::Yes ? 1 : 0 },
            { col::Consent, s.consent ? 1 : 0 }, { col::ContactOptIn, s.contactOptIn ? 1 : 0 },
            { col::Language, s.language }, { col::StallId, s.stallId }, { col::DeviceId, s.deviceId },
            { col::SignatureSvg, sealed.signatureSvg }, { col::NamePostcodeTag, nullIfEmpty(keys.namePostcode) },
            { col::EmailNameTag, nullIfEmpty(keys.emailName) }, { col::EmailTag, nullIfEmpty(keys.email) },
            { col::PostcodeArea, nullIfEmpty(postcodeArea(s.postcode)) }, { col::Sealed, sealed.sealed },
            { col::SealedDrawing, sealed.sealedDrawing } });
    if (!m_insert.exec())
        return m_connection.failFrom(m_insert);
    return {};
}

// Stored if nobody with this name signed from this postcode, and the email has not signed with this name or as
// often as the rules allow. Runs inside the save's write transaction.
Result<SaveResult::Status> SignatureTable::checkDuplicates(
    const Signature& s, const DedupKeys& keys, QList<RuleIssue>& issues)
{
    if (!keys.namePostcode.isEmpty()) {
        bind(m_byName, col::PetitionId, s.petitionId);
        bind(m_byName, col::NamePostcodeTag, keys.namePostcode);
        if (!m_byName.exec())
            return m_connection.failFrom(m_byName);
        const bool twin = m_byName.next();
        m_byName.finish();
        if (twin)
            return SaveResult::Status::Duplicate;
    }
    if (!keys.email.isEmpty()) {
        bind(m_byEmail, col::PetitionId, s.petitionId);
        bind(m_byEmail, col::EmailTag, keys.email);
        if (!m_byEmail.exec())
            return m_connection.failFrom(m_byEmail);
        int uses = 0;
        bool sameName = false;
        while (m_byEmail.next()) {
            ++uses;
            sameName = sameName || m_byEmail.value(0).toString() == keys.emailName;
        }
        m_byEmail.finish();
        if (sameName)
            return SaveResult::Status::Duplicate;
        if (uses >= SigningRules::MaxSignaturesPerEmail) {
            issues.append({ Field::Email, RuleError::EmailLimitReached });
            return SaveResult::Status::Rejected;
        }
    }
    return SaveResult::Status::Stored;
}

SaveResult SignatureTable::save(const Signature& input)
{
    SaveResult result;
    if (const VoidResult s = m_connection.begin(StoreConnection::Needs::LatestSchema); !s || !m_prepared) {
        result.error
            = s ? m_connection.fail(StoreError::NotFound, QStringLiteral("store is not open")).kind : s.error();
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
        result.error = m_connection
                           .fail(StoreError::Other, QStringLiteral("signature without petition, language or stall"),
                               QStringLiteral("The signature is missing its petition, consent, language or stall."))
                           .kind;
        return result;
    }
    if (s.id.isNull())
        s.id = QUuid::createUuid();
    if (!s.signedAt.isValid())
        s.signedAt = QDateTime::currentDateTimeUtc();
    s.signedAt = s.signedAt.toUTC();
    s.deviceId = m_connection.deviceId();
    s.exportBatchId.clear();

    // A data folder deleted under a running kiosk: SQLite would go on writing into files that no longer have a
    // name, and everything would be lost at exit. A stat per save catches it before the signer is thanked.
    if (!QFileInfo::exists(m_connection.path())) {
        result.error = m_connection.fail(StoreError::Io, QStringLiteral("the database file is gone")).kind;
        return result;
    }

    // The duplicate keys, once, for the check and the insert alike; made before the write lock is taken.
    const Result<DedupKeys> keys = keysOf(s);
    if (!keys) {
        result.error = keys.error();
        return result;
    }

    WriteTransaction tx(m_connection);
    if (!tx.started()) {
        result.error = tx.started().error();
        return result;
    }
    const Result<SaveResult::Status> twin = checkDuplicates(s, *keys, result.issues);
    if (!twin) {
        result.error = twin.error();
        return result;
    }
    if (*twin != SaveResult::Status::Stored) {
        tx.rollback();
        result.status = *twin;
        result.submitted = s;
        return result;
    }
    if (const VoidResult inserted = insert(s, *keys); !inserted) {
        result.error = inserted.error();
        return result;
    }
    if (const VoidResult committed = tx.commit(); !committed) {
        result.error = committed.error();
        return result;
    }
    if (!QFileInfo::exists(m_connection.path())) {
        // Committed into a file that lost its name meanwhile: not durable, so not acknowledged.
        result.error
            = m_connection.fail(StoreError::Io, QStringLiteral("the database file disappeared during the save")).kind;
        return result;
    }

    result.status = SaveResult::Status::Stored;
    result.id = s.id;
    result.stored = s;
    result.submitted = s;
    return result;
}

VoidResult SignatureTable::saveBulk(QList<Signature> signatures)
{
    if (const VoidResult s = m_connection.begin(StoreConnection::Needs::LatestSchema); !s)
        return s;
    WriteTransaction tx(m_connection);
    if (!tx.started())
        return tx.started();
    for (Signature& s : signatures) {
        if (!SigningRules::apply(s).isEmpty())
            return m_connection.fail(StoreError::Other, QStringLiteral("bulk save: a signing rule refused a row"),
                QStringLiteral("A signature in the batch breaks the signing rules."));
        if (s.id.isNull())
            s.id = QUuid::createUuid();
        if (!s.signedAt.isValid())
            s.signedAt = QDateTime::currentDateTimeUtc();
        s.deviceId = m_connection.deviceId();
        const Result<DedupKeys> keys = keysOf(s);
        if (!keys)
            return keys.failure();
        if (const VoidResult inserted = insert(s, *keys); !inserted)
            return inserted;
    }
    return tx.commit();
}

Result<Signature> SignatureTable::find(const QUuid& id)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    q.setForwardOnly(true);
    q.prepare(selectStored(QStringLiteral("WHERE id = :id")));
    bind(q, col::Id, id.toString(QUuid::WithoutBraces));
    if (!q.exec())
        return m_connection.failFrom(q);
    const RowReader row(q, kStored);
    if (!q.next())
        return m_connection.fail(StoreError::NoSuchRecord, QStringLiteral("no such signature"));

    const QString rowId = row(col::Id).toString();
    const auto personal = m_connection.codec().unseal(rowId, sealedFrom(row));
    if (!personal)
        return m_connection.fail(
            StoreError::WrongCodec, QStringLiteral("signature %1 could not be unsealed").arg(rowId), unopened(rowId));
    Signature s;
    s.id = QUuid(row(col::Id).toString());
    s.signedAt = fromIsoUtc(row(col::SignedAt).toString());
    s.petitionId = row(col::PetitionId).toString();
    s.petitionVersion = row(col::PetitionVersion).toInt();
    s.consentVersion = row(col::ConsentVersion).toInt();
    s.fullName = personal->fullName;
    s.country = row(col::Country).toString();
    s.postcode = personal->postcode;
    s.email = personal->email;
    s.ukCitizenOrResident = row(col::UkCitizenOrResident).toInt() == 1 ? Residency::Yes : Residency::No;
    s.consent = row(col::Consent).toInt() == 1;
    s.contactOptIn = row(col::ContactOptIn).toInt() == 1;
    s.language = row(col::Language).toString();
    s.stallId = row(col::StallId).toString();
    s.deviceId = row(col::DeviceId).toString();
    s.signatureSvg = personal->signatureSvg;
    // The batch whose range holds the row, if any.
    const qint64 seq = row(col::Seq).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("SELECT id FROM batches WHERE :seq BETWEEN first_row AND last_row"));
    q.bindValue(QStringLiteral(":seq"), seq);
    if (!q.exec())
        return m_connection.failFrom(q);
    if (q.next())
        s.exportBatchId = q.value(0).toString();
    return s;
}

Result<SignatureCounts> SignatureTable::counts(const QDateTime& now)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    SignatureCounts out;
    const QDateTime local = now.toLocalTime();
    const QDateTime dayStart = local.date().startOfDay();
    const QDateTime dayEnd = local.date().addDays(1).startOfDay();

    QSqlQuery q = m_connection.query();
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT count(*), count(*) FILTER (WHERE seq > (SELECT coalesce(max(last_row), 0) "
                               "FROM batches)) FROM signatures"))
        || !q.next())
        return m_connection.failFrom(q);
    out.total = q.value(0).toLongLong();
    out.unexported = q.value(1).toLongLong();

    q.prepare(QStringLiteral("SELECT count(*) FROM signatures WHERE signed_at >= :from AND signed_at < :to"));
    q.bindValue(QStringLiteral(":from"), toIsoUtc(dayStart));
    q.bindValue(QStringLiteral(":to"), toIsoUtc(dayEnd));
    if (!q.exec() || !q.next())
        return m_connection.failFrom(q);
    out.today = q.value(0).toLongLong();

    if (!q.exec(QStringLiteral("SELECT petition_id, count(*) FROM signatures GROUP BY petition_id")))
        return m_connection.failFrom(q);
    while (q.next())
        out.perPetition.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

Result<QList<qint64>> SignatureTable::perHourToday(const QDateTime& now)
{
    const QDate day = now.toLocalTime().date();
    QSqlQuery q = m_connection.query();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT signed_at FROM signatures WHERE signed_at >= :from AND signed_at < :to"));
    q.bindValue(QStringLiteral(":from"), toIsoUtc(day.startOfDay()));
    q.bindValue(QStringLiteral(":to"), toIsoUtc(day.addDays(1).startOfDay()));
    if (!q.exec())
        return m_connection.failFrom(q);
    QList<qint64> hours(24, 0);
    while (q.next()) {
        const QDateTime at = fromIsoUtc(q.value(0).toString()).toLocalTime();
        if (at.isValid() && at.date() == day)
            ++hours[at.time().hour()];
    }
    return hours;
}

Result<qint64> SignatureTable::maxRowId()
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    if (!q.exec(QStringLiteral("SELECT coalesce(max(seq), 0) FROM signatures")) || !q.next())
        return m_connection.failFrom(q);
    return q.value(0).toLongLong();
}

Result<SignatureTable::RowRange> SignatureTable::rowsBetween(qint64 afterRow, qint64 upToRow, bool count)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    QSqlQuery q = m_connection.query();
    q.prepare(count ? QStringLiteral("SELECT coalesce(min(seq), 0), count(*) FROM signatures WHERE seq > :after AND "
                                     "seq <= :up_to")
                    : QStringLiteral("SELECT coalesce(min(seq), 0), -1 FROM signatures WHERE seq > :after AND "
                                     "seq <= :up_to"));
    q.bindValue(QStringLiteral(":after"), afterRow);
    q.bindValue(QStringLiteral(":up_to"), upToRow);
    if (!q.exec() || !q.next())
        return m_connection.failFrom(q);
    return RowRange { q.value(1).toLongLong(), q.value(0).toLongLong() };
}

VoidResult SignatureTable::forEachExportRow(
    qint64 afterRow, qint64 upToRow, const std::function<bool(const ExportRow&)>& visit)
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s;
    QSqlQuery q = m_connection.query();
    q.setForwardOnly(true); // streams: a million rows never sit in memory at once
    q.prepare(selectStored(QStringLiteral("WHERE seq > :after AND seq <= :up_to ORDER BY seq")));
    q.bindValue(QStringLiteral(":after"), afterRow);
    q.bindValue(QStringLiteral(":up_to"), upToRow);
    if (!q.exec())
        return m_connection.failFrom(q);
    const RowReader row(q, kStored);
    const PersonalDataCodec& codec = m_connection.codec();
    // A sealed kiosk cannot open its rows: it exports them sealed. Rows are opened where the codec can (plain, or
    // a coordinator's machine with the secret key).
    const bool openRows = codec.canOpen();
    ExportRow r;
    while (q.next()) {
        r.id = row(col::Id).toString();
        const SealedFields sealed = sealedFrom(row);
        if (openRows) {
            const auto personal = codec.unseal(r.id, sealed);
            if (!personal)
                return m_connection.fail(StoreError::WrongCodec,
                    QStringLiteral("signature %1 could not be unsealed").arg(r.id), unopened(r.id));
            r.fullName = personal->fullName;
            r.postcode = personal->postcode;
            r.email = personal->email;
            r.signatureSvg = personal->signatureSvg;
        }
        r.sealed = sealed.sealed.toByteArray();
        r.sealedDrawing = sealed.sealedDrawing.toByteArray();
        r.postcodeArea = row(col::PostcodeArea).toString();
        r.hasDrawing = !row(col::SignatureSvg).isNull() || !r.sealedDrawing.isEmpty();
        r.signedAt = row(col::SignedAt).toString();
        r.petitionId = row(col::PetitionId).toString();
        r.petitionVersion = row(col::PetitionVersion).toString();
        r.consentVersion = row(col::ConsentVersion).toString();
        r.country = row(col::Country).toString();
        r.ukCitizenOrResident = row(col::UkCitizenOrResident).toInt() == 1;
        r.contactOptIn = row(col::ContactOptIn).toInt() == 1;
        r.language = row(col::Language).toString();
        r.stallId = row(col::StallId).toString();
        r.deviceId = row(col::DeviceId).toString();
        if (!visit(r))
            return Failure { StoreError::Other, QStringLiteral("the export stopped reading"), {} };
    }
    if (q.lastError().isValid())
        return m_connection.failFrom(q);
    return {};
}

} // namespace kiosk
