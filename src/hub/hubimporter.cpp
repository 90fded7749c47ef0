#include "hubimporter.h"

#include "core/batchverifier.h"
#include "core/personaldatacodec.h"
#include "core/signature.h"
#include "core/signedbatch.h"
#include "core/signedbatchopener.h"
#include "core/signingrules.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QSqlError>

#include <sodium.h>

namespace kiosk::hub {

namespace {

QString nowUtc()
{
    return toIsoUtc(QDateTime::currentDateTimeUtc());
}

// What makes a signature this signature, hashed: a re-export of the same rows gives the same hash, a changed field
// another.
QString contentHash(const QList<QByteArray>& parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray& p : parts) {
        const quint32 n = quint32(p.size());
        const char length[4] = { char(n), char(n >> 8), char(n >> 16), char(n >> 24) };
        hash.addData(QByteArrayView(length, 4));
        hash.addData(p);
    }
    return QString::fromLatin1(hash.result().toHex());
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
{
    // A sealed hub's tags are keyed with a key derived from the coordinator's secret key: whoever holds the database
    // alone cannot test a guessed name against them.
    SecretBytes hubKey(32);
    static const char context[] = "petition-hub duplicate and content tags, version 1";
    crypto_generichash(hubKey.data(), hubKey.size(), reinterpret_cast<const unsigned char*>(context),
        sizeof context - 1, m_keys->secretKey.data(), m_keys->secretKey.size());
    m_hubKey = std::make_shared<const SecretBytes>(std::move(hubKey));
}

QList<ImportReport> HubImporter::importPaths(const QStringList& paths)
{
    QList<ImportReport> reports;
    for (const QString& folder : BatchVerifier::batchFolders(paths))
        reports << importBatch(folder);
    return reports;
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

ImportReport HubImporter::importBatch(const QString& folder)
{
    ImportReport report;
    report.folder = folder;
    // Another import may store the same batch at the same moment (PostgreSQL): the loser finds it imported.
    ImportReport r = importVerified(folder, report);
    if (r.outcome == ImportReport::Outcome::Refused && r.reason == QLatin1String("(stored meanwhile)"))
        r = importVerified(folder, report);
    return r;
}

ImportReport HubImporter::importVerified(const QString& folder, ImportReport report)
{
    const BatchVerifier::Result verified = BatchVerifier::verify(folder);
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

    if (const VoidResult b = m_db.begin(); !b)
        return refused(report, b.failure().message());
    const auto abandon = [this, &report](const QString& reason) {
        m_db.rollback();
        return refused(report, reason);
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
            return HubDatabase::isUniqueViolation(q) ? abandon(QStringLiteral("(stored meanwhile)"))
                                                     : abandon(m_db.failFrom(q).message());
    }
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
            report.flags << QStringLiteral("another batch (%1) has the same sequence number %2")
                                .arg(q.value(2).toString())
                                .arg(sequence);
        if (sequence < verified.sequence)
            highestBelow = sequence;
        if (sequence == verified.sequence - 1) {
            predecessor = q.value(1).toString();
            predecessorId = q.value(2).toString();
        }
    }
    if (verified.sequence > 1 && predecessor.isEmpty()) {
        report.flags << (highestBelow + 1 == verified.sequence - 1
                ? QStringLiteral("batch %1 of this device is missing").arg(highestBelow + 1)
                : QStringLiteral("batches %1–%2 of this device are missing")
                      .arg(highestBelow + 1)
                      .arg(verified.sequence - 1));
    } else if (!predecessor.isEmpty() && predecessor != verified.previousManifestSha256) {
        report.flags << QStringLiteral("it does not follow batch %1 (sequence %2): the chain forks")
                            .arg(predecessorId)
                            .arg(verified.sequence - 1);
    }

    // The rows, opened and stored.
    // Rows are stored many to a statement (one INSERT of up to ChunkRows rows; a statement per row was most of the
    // import's time), opened ahead on two threads (SignedBatchOpener). Fewer for SQLite: Qt's driver looks each
    // parameter up by name among all of the statement's, which costs the square of their number.
    const int ChunkRows = m_db.backend() == HubDatabase::Backend::SQLite ? 16 : 200;
    const QString columns = QStringLiteral(
        "id, batch, device_id, stall_id, signed_at, petition_id, petition_version, consent_version, country, "
        "postcode_area, uk_citizen_or_resident, contact_opt_in, language, full_name, postcode, email, signature_svg, "
        "content_sha256, sealed, sealed_drawing, name_postcode_key, email_name_key, email_key");
    const int columnCount = int(columns.count(QLatin1Char(','))) + 1;
    const auto insertSql = [&](int rows) {
        const QString one = QLatin1Char('(') + QStringList(columnCount, QStringLiteral("?")).join(QLatin1Char(','))
            + QLatin1Char(')');
        return QStringLiteral("INSERT INTO signatures (%1) VALUES %2 ON CONFLICT (id) DO NOTHING")
            .arg(columns, QStringList(rows, one).join(QLatin1Char(',')));
    };
    QSqlQuery fullChunk = m_db.query();
    if (!fullChunk.prepare(insertSql(ChunkRows)))
        return abandon(m_db.failFrom(fullChunk).message());
    struct Pending
    {
        QString id;
        QString hash;
        QVariantList values;
    };
    std::vector<Pending> chunk;
    chunk.reserve(ChunkRows);
    QStringList unopened;
    QStringList conflicts;
    QString storeProblem;
    bool raced = false;
    // Stores the chunk; the rows it did not add are there already: the same content is skipped, other content
    // refuses the batch.
    const auto flush = [&]() {
        if (chunk.empty())
            return true;
        QSqlQuery partial = m_db.query();
        QSqlQuery& q = int(chunk.size()) == ChunkRows ? fullChunk : partial;
        if (&q == &partial && !partial.prepare(insertSql(int(chunk.size())))) {
            storeProblem = m_db.failFrom(partial).message();
            return false;
        }
        int at = 0;
        for (const Pending& p : chunk) {
            for (const QVariant& v : p.values)
                q.bindValue(at++, v);
        }
        if (!q.exec()) {
            raced = HubDatabase::isUniqueViolation(q);
            storeProblem = m_db.failFrom(q).message();
            return false;
        }
        const qint64 added = q.numRowsAffected();
        report.rowsNew += added;
        if (added < qint64(chunk.size())) {
            QSqlQuery known = m_db.query();
            known.prepare(QStringLiteral("SELECT id, content_sha256 FROM signatures WHERE id IN (%1)")
                              .arg(QStringList(qsizetype(chunk.size()), QStringLiteral("?")).join(QLatin1Char(','))));
            for (std::size_t i = 0; i < chunk.size(); ++i)
                known.bindValue(int(i), chunk[i].id);
            if (!known.exec()) {
                storeProblem = m_db.failFrom(known).message();
                return false;
            }
            QHash<QString, QString> stored;
            while (known.next())
                stored.insert(known.value(0).toString(), known.value(1).toString());
            for (const Pending& p : chunk) {
                if (stored.value(p.id) != p.hash)
                    conflicts << p.id;
            }
            report.rowsKnown += qint64(chunk.size()) - added;
        }
        chunk.clear();
        return true;
    };
    SealingPersonalDataCodec codec(m_keys->publicKey);
    codec.setOpeningKeys(m_keys);
    SignedBatchReader reader(folder, manifest);
    if (!reader.open())
        return abandon(QStringLiteral("it changed while it was imported (%1)").arg(reader.problem()));
    using C = SignedBatchReader;
    SignedBatchOpener opener(reader, codec, verified.rows > qint64(SignedBatchOpener::BlockRows));
    opener.forEach([&](const SignedBatchOpener::Opened& o) {
        const SignedBatchReader::Row& row = o.row;
        const QByteArray& id = row.cells.at(C::Id);
        if (!o.fields) {
            unopened << QString::fromLatin1(id);
            return true;
        }
        const PersonalFields& fields = *o.fields;
        const bool sealedStore = m_db.store() == HubDatabase::Store::Sealed;
        // The kiosk's three duplicate keys, and what makes this signature this one: plain in a clear hub, keyed
        // tags in a sealed one (a plain hash of a name and postcode could be guessed).
        const QByteArray nameKey = SigningRules::nameKey(fields.fullName).toUtf8();
        const QByteArray emailKey
            = fields.email.isEmpty() ? QByteArray() : SigningRules::emailKey(fields.email).toUtf8();
        const QByteArray postcode = fields.postcode.toUtf8();
        const auto key = [&](const char* domain, const QList<QByteArrayView>& parts) {
            for (const QByteArrayView& p : parts) {
                if (p.isEmpty())
                    return QString(QLatin1String(""));
            }
            if (sealedStore)
                return Sealing::tag(*m_hubKey, domain, parts);
            QByteArray plain;
            for (const QByteArrayView& p : parts)
                plain += (plain.isEmpty() ? QByteArray() : QByteArray("\n")) + p.toByteArray();
            return QString::fromUtf8(plain);
        };
        const QList<QByteArray> content { id, row.cells.at(C::SignedAt), row.cells.at(C::PetitionId),
            row.cells.at(C::PetitionVersion), row.cells.at(C::ConsentVersion), row.cells.at(C::Country),
            row.cells.at(C::Resident), row.cells.at(C::OptIn), row.cells.at(C::Language), row.cells.at(C::StallId),
            row.cells.at(C::DeviceId), fields.fullName.toUtf8(), postcode, fields.email.toUtf8(), fields.signatureSvg };
        QString hash;
        if (sealedStore) {
            QList<QByteArrayView> views;
            for (const QByteArray& c : content)
                views << c;
            hash = Sealing::tag(*m_hubKey, "petition-hub content", views);
        } else {
            hash = contentHash(content);
        }
        const QVariant noBytes(QMetaType::fromType<QByteArray>());
        chunk.push_back({ QString::fromLatin1(id), hash,
            { QString::fromLatin1(id), verified.manifestSha256, QString::fromUtf8(row.cells.at(C::DeviceId)),
                QString::fromUtf8(row.cells.at(C::StallId)), QString::fromLatin1(row.cells.at(C::SignedAt)),
                QString::fromUtf8(row.cells.at(C::PetitionId)), row.cells.at(C::PetitionVersion).toInt(),
                row.cells.at(C::ConsentVersion).toInt(), QString::fromLatin1(row.cells.at(C::Country)),
                text(QString::fromLatin1(row.cells.at(C::PostcodeArea))), row.cells.at(C::Resident) == "yes" ? 1 : 0,
                row.cells.at(C::OptIn) == "yes" ? 1 : 0, QString::fromLatin1(row.cells.at(C::Language)),
                text(sealedStore ? QString() : fields.fullName), text(sealedStore ? QString() : fields.postcode),
                text(sealedStore ? QString() : fields.email),
                sealedStore || fields.signatureSvg.isEmpty() ? noBytes : QVariant(fields.signatureSvg), hash,
                sealedStore ? QVariant(row.sealed()) : noBytes,
                sealedStore && !row.sealedDrawing.isEmpty() ? QVariant(row.sealedDrawing) : noBytes,
                text(key("petition-hub name+postcode", { nameKey, postcode })),
                text(key("petition-hub email+name", { emailKey, nameKey })),
                text(key("petition-hub email", { emailKey })) } });
        return int(chunk.size()) < ChunkRows || flush();
    });
    if (storeProblem.isEmpty())
        flush();
    if (!storeProblem.isEmpty())
        return abandon(raced ? QStringLiteral("(stored meanwhile)") : storeProblem);
    if (!reader.finish())
        return abandon(QStringLiteral("it changed while it was imported (%1)").arg(reader.problem()));
    if (!unopened.isEmpty())
        return abandon(QStringLiteral("%1 signatures do not open with this key (damaged, or moved between rows): %2")
                           .arg(unopened.size())
                           .arg(unopened.mid(0, 5).join(QStringLiteral(", "))));
    if (!conflicts.isEmpty())
        return abandon(QStringLiteral("%1 signatures are in the hub already with other content: %2")
                           .arg(conflicts.size())
                           .arg(conflicts.mid(0, 5).join(QStringLiteral(", "))));

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
        return HubDatabase::isUniqueViolation(q) ? abandon(QStringLiteral("(stored meanwhile)"))
                                                 : abandon(m_db.failFrom(q).message());
    if (const VoidResult c = m_db.commit(); !c)
        return abandon(c.failure().message());
    report.outcome = ImportReport::Outcome::Imported;
    return report;
}

} // namespace kiosk::hub
