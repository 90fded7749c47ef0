#include "hubimporter.h"

#include "core/batchverifier.h"
#include "core/personaldatacodec.h"
#include "core/signature.h"
#include "core/signedbatch.h"
#include "core/signedbatchopener.h"
#include "core/signingrules.h"
#include "hubsignerkeys.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QUuid>

#include <future>

namespace kiosk::hub {

namespace {

Q_LOGGING_CATEGORY(lcHub, "kiosk.hub")

QString nowUtc()
{
    return toIsoUtc(QDateTime::currentDateTimeUtc());
}

// What makes a signature this signature, hashed: a re-export of the same rows gives the same hash, a changed field
// another.
QByteArray contentHash(const QList<QByteArrayView>& parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArrayView& p : parts) {
        const quint32 n = quint32(p.size());
        const char length[4] = { char(n), char(n >> 8), char(n >> 16), char(n >> 24) };
        hash.addData(QByteArrayView(length, 4));
        hash.addData(p);
    }
    return hash.result().toHex();
}

// A batch's place in its device's chain, in the same words at import and in `status`.
QString sameSequence(const QString& otherBatch, qint64 sequence)
{
    return QStringLiteral("another batch (%1) has the same sequence number %2").arg(otherBatch).arg(sequence);
}

QString missing(qint64 first, qint64 last)
{
    return first == last ? QStringLiteral("batch %1 of this device is missing").arg(first)
                         : QStringLiteral("batches %1–%2 of this device are missing").arg(first).arg(last);
}

QString forks(const QString& previousBatch, qint64 previousSequence)
{
    return QStringLiteral("it does not follow batch %1 (sequence %2): the chain forks")
        .arg(previousBatch)
        .arg(previousSequence);
}

bool storable(const QByteArray& text)
{
    return QByteArrayView(text).isValidUtf8() && !text.contains('\0');
}

// A row's values for the hub's `signatures` table (HubRowWriter's columns), made on an opener thread; empty if a
// text holds what a database cannot store. The kiosk's three duplicate keys, and what makes this signature this one,
// are plain in a clear hub and keyed tags in a sealed one (a plain hash of a name and postcode could be guessed).
QByteArrayList columns(
    const SignedBatchReader::Row& row, const PersonalFields& fields, const QByteArray& batch, const SignerKeys& keys)
{
    using C = SignedBatchReader;
    using W = HubRowWriter;
    const QList<QByteArray>& cells = row.cells;
    const QByteArray name = fields.fullName.toUtf8();
    const QByteArray postcode = fields.postcode.toUtf8();
    const QByteArray email = fields.email.toUtf8();
    const QByteArray nameKey = SigningRules::nameKey(fields.fullName).toUtf8();
    const QByteArray emailKey = fields.email.isEmpty() ? QByteArray() : SigningRules::emailKey(fields.email).toUtf8();
    const QList<QByteArrayView> content { cells.at(C::Id), cells.at(C::SignedAt), cells.at(C::PetitionId),
        cells.at(C::PetitionVersion), cells.at(C::ConsentVersion), cells.at(C::Country), cells.at(C::Resident),
        cells.at(C::OptIn), cells.at(C::Language), cells.at(C::StallId), cells.at(C::DeviceId), name, postcode, email,
        fields.signatureSvg };
    QByteArrayList out(W::ColumnCount);
    out[W::Id] = cells.at(C::Id);
    out[W::Batch] = batch;
    out[W::DeviceId] = cells.at(C::DeviceId);
    out[W::StallId] = cells.at(C::StallId);
    out[W::SignedAt] = cells.at(C::SignedAt);
    out[W::PetitionId] = cells.at(C::PetitionId);
    out[W::PetitionVersion] = QByteArray::number(cells.at(C::PetitionVersion).toInt());
    out[W::ConsentVersion] = QByteArray::number(cells.at(C::ConsentVersion).toInt());
    out[W::Country] = cells.at(C::Country);
    out[W::PostcodeArea] = cells.at(C::PostcodeArea);
    out[W::Resident] = cells.at(C::Resident) == "yes" ? "1" : "0";
    out[W::OptIn] = cells.at(C::OptIn) == "yes" ? "1" : "0";
    out[W::Language] = cells.at(C::Language);
    if (keys.sealed()) {
        out[W::ContentSha256] = Sealing::tag(*keys.hubKey(), "petition-hub content", content).toLatin1();
        out[W::Sealed] = row.sealed();
        out[W::SealedDrawing] = row.sealedDrawing;
    } else {
        out[W::ContentSha256] = contentHash(content);
        out[W::FullName] = name;
        out[W::Postcode] = postcode;
        out[W::Email] = email;
        out[W::SignatureSvg] = fields.signatureSvg;
    }
    out[W::NamePostcodeKey] = keys.namePostcode(nameKey, postcode);
    out[W::EmailNameKey] = keys.emailName(emailKey, nameKey);
    out[W::EmailKey] = keys.email(emailKey);
    for (int c = 0; c < W::ColumnCount; ++c) {
        if (!W::isBytes(c) && !storable(out.at(c)))
            return {};
    }
    return out;
}

// A text for a NOT NULL column: an empty QString binds as NULL.
QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

ImportReport refused(ImportReport report, const QString& reason)
{
    report.outcome = ImportReport::Outcome::Refused;
    report.reason = reason;
    return report;
}

} // namespace

HubImporter::HubImporter(HubDatabase& db, std::shared_ptr<const Sealing::KeyPair> keys)
    : m_db(db)
    , m_keys(std::move(keys))
    , m_signerKeys(db.store() == HubDatabase::Store::Sealed ? std::make_shared<const SignerKeys>(*m_keys)
                                                            : std::make_shared<const SignerKeys>())
    , m_writer(HubRowWriter::forDatabase(db))
    , m_run(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

HubImporter::~HubImporter() = default;

void HubImporter::importPaths(const QStringList& paths, const std::function<void(const ImportReport&)>& each)
{
    const QStringList folders = BatchVerifier::batchFolders(paths);
    // The batches in the hub already: they are not read ahead (a stick brought in again costs no opening).
    QSet<QString> known;
    QSqlQuery q = m_db.query();
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT manifest_sha256 FROM batches"))) {
        while (q.next())
            known.insert(q.value(0).toString());
    }
    q.finish();
    // While one batch is stored, the next is verified (its files, manifest and signature) and, unless it is in the
    // hub already or large, read, checked and opened on the other threads, so that they never wait for a commit.
    struct Ahead
    {
        BatchVerifier::Result verified;
        std::optional<RowsRead> rows;
    };
    const auto readAhead = [this, &known](const QString& folder) {
        Ahead a { verifyFiles(folder), std::nullopt };
        if (a.verified.ok && a.verified.format == 2 && a.verified.rows <= PrefetchRows
            && !known.contains(a.verified.manifestSha256))
            a.rows = readRows(folder, a.verified, {}, true);
        return a;
    };
    std::future<Ahead> ahead;
    for (qsizetype i = 0; i < folders.size(); ++i) {
        Ahead current = i == 0 ? Ahead { verifyFiles(folders.at(0)), std::nullopt } : ahead.get();
        if (i + 1 < folders.size())
            ahead = std::async(std::launch::async, readAhead, folders.at(i + 1));
        each(importBatch(folders.at(i), current.verified, current.rows ? &*current.rows : nullptr));
    }
}

QList<ImportReport> HubImporter::importPaths(const QStringList& paths)
{
    QList<ImportReport> reports;
    importPaths(paths, [&reports](const ImportReport& r) { reports << r; });
    return reports;
}

Result<QList<HubImporter::Refusal>> HubImporter::stillRefused(HubDatabase& db)
{
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral("SELECT l.folder, l.batch_id, l.device_id, l.reason, l.at FROM import_log l WHERE "
                               "l.outcome = 'refused' AND "
                               "l.at = (SELECT max(at) FROM import_log m WHERE m.folder = l.folder) AND NOT EXISTS "
                               "(SELECT 1 FROM batches b "
                               "WHERE b.manifest_sha256 = l.manifest_sha256) ORDER BY l.at, l.folder")))
        return db.failFrom(q);
    QList<Refusal> refusals;
    while (q.next())
        refusals.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString() });
    return refusals;
}

Result<QList<HubImporter::Finding>> HubImporter::chainFindings(HubDatabase& db)
{
    QSqlQuery q = db.query();
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT device_id, batch_id, sequence, manifest_sha256, previous_manifest_sha256 FROM "
                               "batches ORDER BY device_id, sequence, batch_id")))
        return db.failFrom(q);
    QList<Finding> findings;
    QString device, previousManifest, previousBatch;
    qint64 previousSequence = 0;
    while (q.next()) {
        const QString deviceId = q.value(0).toString(), batchId = q.value(1).toString(),
                      manifest = q.value(3).toString(), follows = q.value(4).toString();
        const qint64 sequence = q.value(2).toLongLong();
        if (deviceId != device) {
            device = deviceId;
            previousSequence = 0;
            previousManifest.clear();
        }
        const auto find = [&](const QString& text) { findings.append({ deviceId, batchId, sequence, text }); };
        if (sequence == previousSequence)
            find(sameSequence(previousBatch, sequence));
        else if (sequence > previousSequence + 1)
            find(missing(previousSequence + 1, sequence - 1));
        else if (follows != previousManifest)
            find(forks(previousBatch, previousSequence));
        previousSequence = sequence;
        previousManifest = manifest;
        previousBatch = batchId;
    }
    return findings;
}

VoidResult HubImporter::enrol(HubDatabase& db, const QString& deviceId, const QString& fingerprint)
{
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral("SELECT key_fingerprint FROM devices WHERE device_id = ?"));
    q.addBindValue(deviceId);
    if (!q.exec())
        return db.failFrom(q);
    if (q.next()) {
        if (q.value(0).toString() == fingerprint)
            return {};
        const QString sentence = QStringLiteral("Device %1 is pinned to key %2 already; nothing was changed.")
                                     .arg(deviceId, q.value(0).toString());
        return Failure { StoreError::Invalid, sentence, sentence };
    }
    q.prepare(QStringLiteral("INSERT INTO devices (device_id, key_fingerprint, pinned_at, pinned_by) VALUES (?, ?, ?, "
                             "'enrol')"));
    q.addBindValue(deviceId);
    q.addBindValue(fingerprint);
    q.addBindValue(nowUtc());
    if (!q.exec())
        return db.failFrom(q);
    return {};
}

HubImporter::RowsRead HubImporter::readRows(const QString& folder, const BatchVerifier::Result& verified,
    const std::function<bool(const QByteArrayList&)>& take, bool keep) const
{
    RowsRead read;
    const QByteArray batchKey = verified.manifestSha256.toLatin1();
    const std::shared_ptr<const SignerKeys> signerKeys = m_signerKeys;
    // Each row's columns are made on the opener threads, after the row is opened.
    const SignedBatchOpener::Prepare prepare = [batchKey, signerKeys](SignedBatchOpener::Opened& o) {
        if (o.fields)
            o.prepared = columns(o.row, *o.fields, batchKey, *signerKeys);
    };
    SealingPersonalDataCodec codec(m_keys->publicKey);
    codec.setOpeningKeys(m_keys);
    SignedBatchReader reader(folder, verified.manifest);
    BatchVerifier::SignedRows checks(folder, verified.manifest);
    if (!reader.open()) {
        read.problem = reader.problem();
        return read;
    }
    bool stopped = false;
    SignedBatchOpener opener(reader, codec, verified.rows > qint64(SignedBatchOpener::BlockRows), prepare);
    opener.forEach([&](SignedBatchOpener::Opened& o) {
        const QByteArray& id = o.row.cells.at(SignedBatchReader::Id);
        if (!checks.add(id))
            return false;
        if (!o.fields)
            read.unopened << QString::fromLatin1(id);
        else if (o.prepared.isEmpty())
            read.unstorable << QString::fromLatin1(id);
        else if (keep)
            read.rows.push_back(std::move(o.prepared));
        else if (!take(o.prepared))
            return !(stopped = true);
        return true;
    });
    if (!stopped)
        read.problem = checks.finish(reader);
    return read;
}

ImportReport HubImporter::importBatch(const QString& folder)
{
    return importBatch(folder, verifyFiles(folder), nullptr);
}

BatchVerifier::Result HubImporter::verifyFiles(const QString& folder)
{
    // Steps 1 to 3 of `verify`: the files, the signature, the manifest. The rows (step 4) are checked as the import
    // reads them, once, instead of in a pass of their own before it.
    BatchVerifier::Options options;
    options.rows = false;
    return BatchVerifier::verify(folder, options);
}

ImportReport HubImporter::importBatch(
    const QString& folder, const BatchVerifier::Result& verified, RowsRead* prefetched)
{
    ImportReport report;
    report.folder = folder;
    // Another import may store the same rows at the same moment (PostgreSQL): the loser's transaction is lost, and on
    // the next try it finds them stored. A few tries, in case it loses to yet another import.
    for (int attempt = 1;; ++attempt) {
        // A try after a lost one reads the rows again: the first may have taken them.
        if (std::optional<ImportReport> r = importVerified(verified, report, attempt == 1 ? prefetched : nullptr)) {
            report = *r;
            break;
        }
        if (attempt == 5) {
            report = refused(report, QStringLiteral("other imports kept storing the same signatures at the same time"));
            break;
        }
    }
    if (report.outcome != ImportReport::Outcome::Imported) // an imported batch's line went in with it
        log(report, verified.manifestSha256);
    return report;
}

void HubImporter::log(const ImportReport& report, const QString& manifestSha256)
{
    // An imported batch's line is written in its transaction; a skipped or refused one's after it (a refused batch is
    // nowhere else). A line lost to a crash loses no signature: the batches table is what the hub holds.
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT INTO import_log (run, at, folder, batch_id, device_id, manifest_sha256, outcome, "
                             "reason, rows_new, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QString outcome = report.outcome == ImportReport::Outcome::Imported ? QStringLiteral("imported")
        : report.outcome == ImportReport::Outcome::AlreadyImported            ? QStringLiteral("skipped")
                                                                              : QStringLiteral("refused");
    const QVariantList values { m_run, nowUtc(), report.folder, text(report.batchId), text(report.deviceId),
        text(manifestSha256), outcome, text(report.reason), report.rowsNew,
        text(report.flags.join(QStringLiteral("; "))) };
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec())
        qCWarning(lcHub, "the import log was not written: %s", qPrintable(m_db.failFrom(q).details));
}

std::optional<ImportReport> HubImporter::importVerified(
    const BatchVerifier::Result& verified, ImportReport report, RowsRead* prefetched)
{
    const QString& folder = report.folder;
    if (!verified.ok)
        return refused(report, QStringLiteral("it does not verify: %1").arg(verified.problems.value(0)));
    report.batchId = verified.batchId;
    report.deviceId = verified.deviceId;
    if (verified.format != 2)
        return refused(report, QStringLiteral("it is an unsigned batch from an unsealed test kiosk (format 1)"));
    const QString ours = Sealing::fingerprint(m_keys->publicKey);
    if (verified.coordinatorKey != ours)
        return refused(report,
            QStringLiteral("it is sealed to coordinator key %1, not to this key (%2)")
                .arg(verified.coordinatorKey, ours));
    // The rows are read again below, and checked against the manifest that verified.
    const QJsonObject& manifest = verified.manifest;

    if (!m_writer)
        return refused(report, m_writer.errorString());
    if (const VoidResult b = m_db.begin(); !b)
        return refused(report, b.failure().message());
    const auto abandon = [this, &report](const QString& reason) -> std::optional<ImportReport> {
        m_db.rollback();
        return refused(report, reason);
    };
    const auto lost = [this]() -> std::optional<ImportReport> {
        m_db.rollback();
        return std::nullopt;
    };
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT 1 FROM batches WHERE manifest_sha256 = ?"));
    q.addBindValue(verified.manifestSha256);
    if (!q.exec())
        return abandon(m_db.failFrom(q).message());
    if (q.next()) {
        m_db.rollback();
        report.outcome = ImportReport::Outcome::AlreadyImported;
        return report;
    }
    // The device: pinned to the key of its first batch (or of `enrol`).
    q.prepare(QStringLiteral("SELECT key_fingerprint FROM devices WHERE device_id = ?"));
    q.addBindValue(verified.deviceId);
    if (!q.exec())
        return abandon(m_db.failFrom(q).message());
    if (q.next()) {
        if (q.value(0).toString() != verified.deviceKey)
            return abandon(QStringLiteral("device %1 is pinned to key %2, and this batch is signed by key %3")
                               .arg(verified.deviceId, q.value(0).toString(), verified.deviceKey));
    } else {
        q.prepare(QStringLiteral("INSERT INTO devices (device_id, key_fingerprint, stall_id, pinned_at, pinned_by) "
                                 "VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(verified.deviceId);
        q.addBindValue(verified.deviceKey);
        q.addBindValue(text(verified.stallId));
        q.addBindValue(nowUtc());
        q.addBindValue(QStringLiteral("first batch %1").arg(verified.batchId));
        if (!q.exec())
            return HubDatabase::isUniqueViolation(q) ? lost() : abandon(m_db.failFrom(q).message());
    }
    // Its signing key in full (the manifest's, whose fingerprint the pin matched): `confirm` writes to it.
    q.prepare(QStringLiteral("UPDATE devices SET signing_key = ? WHERE device_id = ? AND signing_key = ''"));
    q.addBindValue(manifest.value(QStringLiteral("device_signing_key")).toString());
    q.addBindValue(verified.deviceId);
    if (!q.exec())
        return abandon(m_db.failFrom(q).message());
    // The chain: what the hub holds of this device already.
    q.prepare(QStringLiteral("SELECT sequence, manifest_sha256, batch_id FROM batches WHERE device_id = ? ORDER BY "
                             "sequence"));
    q.addBindValue(verified.deviceId);
    if (!q.exec())
        return abandon(m_db.failFrom(q).message());
    qint64 highestBelow = 0;
    QString predecessor;
    QString predecessorId;
    while (q.next()) {
        const qint64 sequence = q.value(0).toLongLong();
        if (sequence == verified.sequence)
            report.flags << sameSequence(q.value(2).toString(), sequence);
        if (sequence < verified.sequence)
            highestBelow = sequence;
        if (sequence == verified.sequence - 1) {
            predecessor = q.value(1).toString();
            predecessorId = q.value(2).toString();
        }
    }
    if (verified.sequence > 1 && predecessor.isEmpty())
        report.flags << missing(highestBelow + 1, verified.sequence - 1);
    else if (!predecessor.isEmpty() && predecessor != verified.previousManifestSha256)
        report.flags << forks(predecessorId, verified.sequence - 1);
    q.finish(); // the rows go through the driver's own connection next: no result may be left pending on it

    // The rows, opened and stored: read ahead already (while the batch before was stored), or read here, a block at a
    // time, while two threads open the blocks ahead of this one, which writes them by the database's own fast path.
    constexpr std::size_t ChunkRows = SignedBatchOpener::BlockRows;
    std::vector<QByteArrayList> chunk;
    chunk.reserve(ChunkRows);
    HubRowWriter::Outcome written;
    std::optional<Failure> storeProblem;
    const auto take = [&](const QByteArrayList& row) {
        chunk.push_back(row);
        if (chunk.size() < ChunkRows)
            return true;
        const VoidResult w = (*m_writer)->write(chunk, written);
        chunk.clear();
        if (!w)
            storeProblem = w.failure();
        return bool(w);
    };
    RowsRead read;
    if (prefetched) {
        // Written whole: one look for known ids and one COPY for the batch.
        read = std::move(*prefetched);
        if (const VoidResult w = (*m_writer)->write(read.rows, written); !w)
            storeProblem = w.failure();
    } else {
        read = readRows(folder, verified, take, false);
    }
    if (!storeProblem && !chunk.empty()) {
        if (const VoidResult w = (*m_writer)->write(chunk, written); !w)
            storeProblem = w.failure();
    }
    if (storeProblem) {
        m_db.rollback();
        if (storeProblem->kind == StoreError::ChangedMeanwhile)
            return std::nullopt; // rolled back above
        return refused(report, storeProblem->message());
    }
    // The rows verified as they were read (the same checks as `verify`, hashes compared at their end); what was
    // stored of a batch that does not is rolled back.
    if (!read.problem.isEmpty())
        return abandon(QStringLiteral("it does not verify: %1").arg(read.problem));
    if (!read.unopened.isEmpty())
        return abandon(QStringLiteral("%1 signatures do not open with this key (damaged, or moved between rows): %2")
                           .arg(read.unopened.size())
                           .arg(read.unopened.mid(0, 5).join(QStringLiteral(", "))));
    if (!read.unstorable.isEmpty())
        return abandon(QStringLiteral("%1 signatures hold text that is not UTF-8, or a NUL character: %2")
                           .arg(read.unstorable.size())
                           .arg(read.unstorable.mid(0, 5).join(QStringLiteral(", "))));
    if (!written.conflicts.isEmpty())
        return abandon(QStringLiteral("%1 signatures are in the hub already with other content: %2")
                           .arg(written.conflicts.size())
                           .arg(written.conflicts.mid(0, 5).join(QStringLiteral(", "))));
    report.rowsNew = written.added;
    report.rowsKnown = written.known;
    report.rowsRemoved = written.removed;

    q.prepare(QStringLiteral("INSERT INTO batches (manifest_sha256, batch_id, device_id, stall_id, sequence, "
                             "previous_manifest_sha256, row_count, rows_new, rows_known, first_signed_at, "
                             "last_signed_at, imported_at, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QVariantList batch { verified.manifestSha256, verified.batchId, verified.deviceId, text(verified.stallId),
        verified.sequence, text(verified.previousManifestSha256), verified.rows, report.rowsNew, report.rowsKnown,
        text(manifest.value(QStringLiteral("first_signed_at")).toString()),
        text(manifest.value(QStringLiteral("last_signed_at")).toString()), nowUtc(),
        text(report.flags.join(QStringLiteral("; "))) };
    for (int i = 0; i < batch.size(); ++i)
        q.bindValue(i, batch.at(i));
    if (!q.exec())
        return HubDatabase::isUniqueViolation(q) ? lost() : abandon(m_db.failFrom(q).message());
    report.outcome = ImportReport::Outcome::Imported;
    log(report, verified.manifestSha256);
    if (const VoidResult c = m_db.commit(); !c)
        return abandon(c.failure().message());
    return report;
}

} // namespace kiosk::hub
