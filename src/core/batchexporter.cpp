#include "batchexporter.h"

#include "csv.h"
#include "logging.h"
#include "platform.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStorageInfo>

#include <algorithm>
#include <array>
#include <vector>

namespace kiosk {

namespace {

const QString kCsv = QStringLiteral("signatures.csv");
const QString kManifest = QStringLiteral("manifest.json");
const QString kSignatures = QStringLiteral("signatures");

QString stagingName(const QString& batchId)
{
    return QStringLiteral(".") + batchId + QStringLiteral(".partial");
}

// One drawing in the manifest, kept compact: a million-row batch can hold 150,000 of them.
struct DrawingEntry
{
    std::array<char, 36> id; // UUID text
    std::array<unsigned char, 32> sha256;
    quint32 bytes;
};

QByteArray fileEntryJson(const QByteArray& name, const QByteArray& shaHex, qint64 bytes, bool last)
{
    // The layout QJsonDocument::Indented gives an object at this depth, so that the manifest reads as one.
    return "        \"" + name + "\": {\n            \"bytes\": " + QByteArray::number(bytes)
        + ",\n            \"sha256\": \"" + shaHex + "\"\n        }" + (last ? "\n" : ",\n");
}

} // namespace

BatchExporter::BatchExporter(SignatureStore& store, QString appVersion)
    : m_store(store)
    , m_appVersion(std::move(appVersion))
{
}

QStringList BatchExporter::columns()
{
    return { QStringLiteral("id"), QStringLiteral("signed_at"), QStringLiteral("petition_id"),
        QStringLiteral("petition_version"), QStringLiteral("consent_version"), QStringLiteral("full_name"),
        QStringLiteral("country"), QStringLiteral("postcode"), QStringLiteral("email"),
        QStringLiteral("uk_citizen_or_resident"), QStringLiteral("consent"), QStringLiteral("contact_opt_in"),
        QStringLiteral("language"), QStringLiteral("stall_id"), QStringLiteral("device_id"),
        QStringLiteral("signature_file"), QStringLiteral("batch_id") };
}

QString BatchExporter::describeWriteFailure(const QString& dir, const QString& detail) const
{
    const QStorageInfo volume(dir);
    QString why;
    if (!QFileInfo::exists(dir) || !volume.isValid() || !volume.isReady())
        why = QStringLiteral("the drive is no longer there (was it removed?)");
    else if (volume.isReadOnly())
        why = QStringLiteral("the drive is read-only");
    else if (volume.bytesAvailable() < 1024 * 1024)
        why = QStringLiteral("the drive is full");
    else
        why = detail;
    return QStringLiteral("The batch could not be written to %1: %2. Nothing was marked as exported; check the "
                          "drive and export again.")
        .arg(QDir::toNativeSeparators(dir), why);
}

BatchExporter::Written BatchExporter::writeFiles(
    const QString& staging, const BatchRecord& meta, qint64 maxRowId, qint64 total, const Progress& progress)
{
    Written w;
    if (!QDir().mkpath(staging + QLatin1Char('/') + kSignatures)) {
        w.error = QStringLiteral("cannot create folders");
        return w;
    }
    QSaveFile csvFile(staging + QLatin1Char('/') + kCsv);
    if (!csvFile.open(QIODevice::WriteOnly)) {
        w.error = csvFile.errorString();
        return w;
    }
    QCryptographicHash csvHash(QCryptographicHash::Sha256);
    CsvWriter csv(&csvFile);
    bool ok = csv.writeBom() && csv.writeRow(columns());
    csvHash.addData(QByteArrayLiteral("\xEF\xBB\xBF"));
    // The header row was written after the BOM; hash it too.
    csvHash.addData(csv.lastRow());

    std::vector<DrawingEntry> drawings;
    QJsonObject petitions; // "id v1" -> rows
    QStringList fields;
    fields.reserve(17);
    const bool found = m_store.forEachExportRow(
        meta.status == QLatin1String("complete") ? meta.id : QString(), maxRowId, [&](const ExportRow& r) {
            QString signatureFile;
            if (!r.signatureSvg.isEmpty()) {
                signatureFile = kSignatures + QLatin1Char('/') + r.id + QStringLiteral(".svg");
                // Plain writes here; the whole staging folder is flushed with one syncFilesystem() below, instead
                // of an fsync for each of what can be many thousands of small files.
                QFile svg(staging + QLatin1Char('/') + signatureFile);
                if (!svg.open(QIODevice::WriteOnly) || svg.write(r.signatureSvg) != r.signatureSvg.size()
                    || !svg.flush()) {
                    w.error = svg.errorString();
                    return false;
                }
                DrawingEntry entry {};
                const QByteArray id = r.id.toLatin1();
                std::copy_n(id.constData(), qMin<qsizetype>(36, id.size()), entry.id.begin());
                const QByteArray digest = QCryptographicHash::hash(r.signatureSvg, QCryptographicHash::Sha256);
                std::copy_n(reinterpret_cast<const unsigned char*>(digest.constData()), 32, entry.sha256.begin());
                entry.bytes = quint32(r.signatureSvg.size());
                drawings.push_back(entry);
            }
            fields = { r.id, r.signedAt, r.petitionId, r.petitionVersion, r.consentVersion, r.fullName, r.country,
                r.postcode, r.email, r.ukCitizenOrResident ? QStringLiteral("yes") : QStringLiteral("no"),
                QStringLiteral("yes"), r.contactOptIn ? QStringLiteral("yes") : QStringLiteral("no"), r.language,
                r.stallId, r.deviceId, signatureFile, meta.id };
            if (!csv.writeRow(fields)) {
                w.error = csvFile.errorString();
                return false;
            }
            csvHash.addData(csv.lastRow());
            const QString petition = r.petitionId + QLatin1Char(' ') + r.petitionVersion;
            petitions.insert(petition, petitions.value(petition).toInteger() + 1);
            if (w.rows == 0 || r.signedAt < w.firstSignedAt)
                w.firstSignedAt = r.signedAt;
            if (r.signedAt > w.lastSignedAt)
                w.lastSignedAt = r.signedAt;
            ++w.rows;
            if (progress && (w.rows % 2000 == 0 || w.rows == total))
                progress(w.rows, total);
            return true;
        });
    ok = ok && found && w.error.isEmpty();
    if (!ok) {
        if (w.error.isEmpty())
            w.error = found ? csvFile.errorString() : m_store.errorString();
        csvFile.cancelWriting();
        return w;
    }
    if (!csvFile.commit()) { // flushes and fsyncs, then gives the file its name
        w.error = csvFile.errorString();
        return w;
    }
    w.csvSha256 = QString::fromLatin1(csvHash.result().toHex());
    std::sort(
        drawings.begin(), drawings.end(), [](const DrawingEntry& a, const DrawingEntry& b) { return a.id < b.id; });

    QJsonArray petitionList;
    for (auto it = petitions.begin(); it != petitions.end(); ++it) {
        const QStringList idVersion = it.key().split(QLatin1Char(' '));
        petitionList.append(QJsonObject { { QStringLiteral("id"), idVersion.value(0) },
            { QStringLiteral("version"), idVersion.value(1).toInt() }, { QStringLiteral("rows"), it.value() } });
    }
    QJsonArray columnList;
    for (const QString& c : columns())
        columnList.append(c);
    // QJsonDocument writes keys in sorted order: the same batch always gives the same bytes.
    const QJsonObject manifest {
        { QStringLiteral("format"), QString::fromLatin1(Format) },
        { QStringLiteral("batch_id"), meta.id },
        { QStringLiteral("device_id"), meta.deviceId },
        { QStringLiteral("stall_id"), meta.stallId },
        { QStringLiteral("petitions"), petitionList },
        { QStringLiteral("created_at"), meta.createdAt },
        { QStringLiteral("row_count"), w.rows },
        { QStringLiteral("first_signed_at"), w.firstSignedAt },
        { QStringLiteral("last_signed_at"), w.lastSignedAt },
        { QStringLiteral("files"), QStringLiteral("@FILES@") }, // streamed in below
        { QStringLiteral("columns"), columnList },
        { QStringLiteral("app_version"), meta.appVersion },
        { QStringLiteral("formula_protection"),
            QStringLiteral("a cell that begins with = + - @ TAB CR LF or ' has one apostrophe added in front") },
    };
    QSaveFile manifestFile(staging + QLatin1Char('/') + kManifest);
    const QByteArray json = QJsonDocument(manifest).toJson(QJsonDocument::Indented);
    const QByteArray placeholder = "    \"files\": \"@FILES@\",\n";
    const qsizetype at = json.indexOf(placeholder);
    bool written = at >= 0 && manifestFile.open(QIODevice::WriteOnly) && manifestFile.write(json.left(at)) == at
        && manifestFile.write("    \"files\": {\n") > 0
        && manifestFile.write(fileEntryJson(kCsv.toLatin1(), w.csvSha256.toLatin1(),
               QFileInfo(staging + QLatin1Char('/') + kCsv).size(), drawings.empty()))
            > 0;
    for (std::size_t i = 0; written && i < drawings.size(); ++i) {
        const DrawingEntry& d = drawings[i];
        const QByteArray name = kSignatures.toLatin1() + '/' + QByteArray(d.id.data(), 36) + ".svg";
        const QByteArray sha = QByteArray(reinterpret_cast<const char*>(d.sha256.data()), 32).toHex();
        written = manifestFile.write(fileEntryJson(name, sha, d.bytes, i + 1 == drawings.size())) > 0;
    }
    const QByteArray tail = json.mid(at + placeholder.size());
    written = written && manifestFile.write("    },\n") > 0 && manifestFile.write(tail) == tail.size();
    if (!written || !manifestFile.commit()) {
        w.error = manifestFile.errorString();
        return w;
    }
    if (!platform::syncFilesystem(staging) || !platform::syncDirectory(staging + QLatin1Char('/') + kSignatures)
        || !platform::syncDirectory(staging)) {
        w.error = QStringLiteral("the files could not be flushed to the drive");
        return w;
    }
    return w;
}

BatchExporter::Outcome BatchExporter::exportNew(
    const QString& outDir, const QString& stallId, const Progress& progress, const QDateTime& now)
{
    Outcome out;
    recoverInterrupted();
    const qint64 maxRowId = m_store.maxRowId();
    const qint64 total = maxRowId < 0 ? -1 : m_store.unexportedUpTo(maxRowId);
    if (total < 0) {
        out.error = m_store.errorString();
        return out;
    }
    if (total == 0) {
        out.status = Outcome::Status::NothingNew;
        out.error = QStringLiteral("There are no new signatures to export. Nothing was written.");
        return out;
    }
    const QString prefix = stallId + QLatin1Char('-') + now.toString(QStringLiteral("yyyyMMdd")) + QLatin1Char('-');
    const int earlier = m_store.batchesWithPrefix(prefix);
    if (earlier < 0) {
        out.error = m_store.errorString();
        return out;
    }
    BatchRecord meta;
    meta.id = prefix + QStringLiteral("%1").arg(earlier + 1, 3, 10, QLatin1Char('0'));
    meta.createdAt = toIsoUtc(now);
    meta.stallId = stallId;
    meta.deviceId = m_store.deviceId();
    meta.destination = QDir(outDir).absolutePath();
    meta.appVersion = m_appVersion;
    meta.status = QStringLiteral("new");
    out.batchId = meta.id;

    if (!QDir().mkpath(meta.destination)) {
        out.error = describeWriteFailure(meta.destination, QStringLiteral("the folder cannot be created"));
        return out;
    }
    const QString finalPath = QDir(meta.destination).filePath(meta.id);
    meta.stagingPath = QDir(meta.destination).filePath(stagingName(meta.id));
    if (QFileInfo::exists(finalPath)) {
        out.error = QStringLiteral("A folder %1 already exists. Nothing was written or marked; move it away and "
                                   "export again.")
                        .arg(QDir::toNativeSeparators(finalPath));
        return out;
    }
    QDir(meta.stagingPath).removeRecursively(); // the leftovers of an export that failed before marking

    // 1. Write and flush.
    const Written w = writeFiles(meta.stagingPath, meta, maxRowId, total, progress);
    if (!w.error.isEmpty()) {
        QDir(meta.stagingPath).removeRecursively();
        out.error = describeWriteFailure(meta.destination, w.error);
        qCWarning(lcStore) << "export failed while writing:" << w.error;
        return out;
    }
    meta.rowCount = w.rows;
    meta.firstSignedAt = w.firstSignedAt;
    meta.lastSignedAt = w.lastSignedAt;
    meta.csvSha256 = w.csvSha256;

    // 2. Mark, in one transaction, exactly the rows written.
    if (!m_store.markBatch(meta, maxRowId)) {
        QDir(meta.stagingPath).removeRecursively();
        out.error = QStringLiteral("The batch was written but could not be recorded in the kiosk's database: %1 "
                                   "Nothing was marked as exported and the written files were removed; export again.")
                        .arg(m_store.errorString());
        return out;
    }
    // 3. The final name.
    if (!QDir().rename(meta.stagingPath, finalPath) || !platform::syncDirectory(meta.destination)) {
        const bool undone = m_store.unmarkBatch(meta.id);
        QDir(meta.stagingPath).removeRecursively();
        out.error = describeWriteFailure(meta.destination, QStringLiteral("the batch folder could not be renamed"));
        if (!undone)
            qCWarning(lcStore) << "export: batch left marked; it is undone at the next export";
        return out;
    }
    m_store.completeBatch(meta.id);
    m_store.audit(QStringLiteral("batch exported"),
        QStringLiteral("%1, %2 signatures, to %3").arg(meta.id).arg(w.rows).arg(meta.destination));
    out.status = Outcome::Status::Exported;
    out.folder = finalPath;
    out.rows = w.rows;
    return out;
}

BatchExporter::Outcome BatchExporter::reexport(const QString& batchId, const QString& outDir, const Progress& progress)
{
    Outcome out;
    out.batchId = batchId;
    const auto found = m_store.batch(batchId);
    if (!found || found->status != QLatin1String("complete")) {
        out.error = QStringLiteral("There is no finished batch %1 on this kiosk (see petition-kiosk-admin batches).")
                        .arg(batchId);
        return out;
    }
    const QString destination = QDir(outDir).absolutePath();
    const QString finalPath = QDir(destination).filePath(batchId);
    const QString staging = QDir(destination).filePath(stagingName(batchId));
    if (!QDir().mkpath(destination)) {
        out.error = describeWriteFailure(destination, QStringLiteral("the folder cannot be created"));
        return out;
    }
    if (QFileInfo::exists(finalPath)) {
        out.error = QStringLiteral("A folder %1 already exists. Move it away and try again.")
                        .arg(QDir::toNativeSeparators(finalPath));
        return out;
    }
    QDir(staging).removeRecursively();
    const Written w = writeFiles(staging, *found, 0, found->rowCount, progress);
    if (!w.error.isEmpty()) {
        QDir(staging).removeRecursively();
        out.error = describeWriteFailure(destination, w.error);
        return out;
    }
    if (w.csvSha256 != found->csvSha256 || w.rows != found->rowCount) {
        QDir(staging).removeRecursively();
        out.error = QStringLiteral("The signatures of batch %1 in this kiosk no longer match what was exported "
                                   "(SHA-256 differs). Nothing was written; ask a coordinator.")
                        .arg(batchId);
        return out;
    }
    if (!QDir().rename(staging, finalPath) || !platform::syncDirectory(destination)) {
        QDir(staging).removeRecursively();
        out.error = describeWriteFailure(destination, QStringLiteral("the batch folder could not be renamed"));
        return out;
    }
    m_store.audit(QStringLiteral("batch written again"), QStringLiteral("%1, to %2").arg(batchId, destination));
    out.status = Outcome::Status::Exported;
    out.folder = finalPath;
    out.rows = w.rows;
    return out;
}

QStringList BatchExporter::recoverInterrupted()
{
    QStringList report;
    for (const BatchRecord& b : m_store.batches()) {
        if (b.status != QLatin1String("marked"))
            continue;
        const QString finalPath = QDir(b.destination).filePath(b.id);
        // Roll forward if the folder made it (renamed, or staged whole); otherwise roll back.
        bool finished = QFileInfo(finalPath).isDir() && BatchVerifier::verify(finalPath).ok;
        if (!finished && QFileInfo(b.stagingPath).isDir() && BatchVerifier::verify(b.stagingPath).ok)
            finished = QDir().rename(b.stagingPath, finalPath) && platform::syncDirectory(b.destination);
        if (finished && m_store.completeBatch(b.id)) {
            report << QStringLiteral("%1: finished (the export had been interrupted after marking)").arg(b.id);
            m_store.audit(QStringLiteral("interrupted export finished"), b.id);
        } else if (m_store.unmarkBatch(b.id)) {
            QDir(b.stagingPath).removeRecursively();
            report << QStringLiteral("%1: undone; its signatures will be in the next batch").arg(b.id);
            m_store.audit(QStringLiteral("interrupted export undone"), b.id);
        }
    }
    return report;
}

BatchVerifier::Result BatchVerifier::verify(const QString& folder)
{
    Result r;
    const QDir dir(folder);
    QFile manifestFile(dir.filePath(kManifest));
    if (!manifestFile.open(QIODevice::ReadOnly)) {
        r.problems << QStringLiteral("manifest.json: missing or unreadable");
        return r;
    }
    QJsonParseError parseError {};
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError
        || manifest.value(QStringLiteral("format")).toString() != QLatin1String(BatchExporter::Format)) {
        r.problems << QStringLiteral("manifest.json: not a petition-kiosk batch manifest");
        return r;
    }
    const QJsonObject files = manifest.value(QStringLiteral("files")).toObject();
    for (auto it = files.begin(); it != files.end(); ++it) {
        QFile f(dir.filePath(it.key()));
        if (!f.open(QIODevice::ReadOnly)) {
            r.problems << it.key() + QStringLiteral(": missing");
            continue;
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&f);
        if (QString::fromLatin1(hash.result().toHex())
            != it.value().toObject().value(QStringLiteral("sha256")).toString())
            r.problems << it.key() + QStringLiteral(": SHA-256 differs from the manifest (the file was changed)");
    }
    // No signature file that the manifest does not list.
    QDirIterator extra(dir.filePath(kSignatures), QDir::Files);
    while (extra.hasNext()) {
        const QString name = kSignatures + QLatin1Char('/') + QFileInfo(extra.next()).fileName();
        if (!files.contains(name))
            r.problems << name + QStringLiteral(": not in the manifest");
    }

    QFile csvFile(dir.filePath(kCsv));
    if (!csvFile.open(QIODevice::ReadOnly)) {
        r.ok = false;
        if (!r.problems.contains(QStringLiteral("signatures.csv: missing")))
            r.problems << QStringLiteral("signatures.csv: missing");
        return r;
    }
    const CsvReader::Result csv = CsvReader::parse(csvFile.readAll(), true);
    if (!csv.hadBom)
        r.problems << QStringLiteral("signatures.csv: no UTF-8 byte-order mark");
    if (!csv.ok())
        r.problems << QStringLiteral("signatures.csv ") + csv.error;
    const QStringList expected = BatchExporter::columns();
    if (csv.records.isEmpty() || csv.records.first() != expected)
        r.problems << QStringLiteral("signatures.csv row 1: the header is not the batch format's columns");
    for (qsizetype i = 1; i < csv.records.size(); ++i) {
        const QStringList& rec = csv.records.at(i);
        if (rec.size() != expected.size()) {
            r.problems << QStringLiteral("signatures.csv row %1: %2 fields, expected %3")
                              .arg(i + 1)
                              .arg(rec.size())
                              .arg(expected.size());
            continue;
        }
        const QString signatureFile = rec.at(15);
        if (!signatureFile.isEmpty() && !files.contains(signatureFile))
            r.problems
                << QStringLiteral("signatures.csv row %1: %2 is not in the manifest").arg(i + 1).arg(signatureFile);
        if (rec.at(16) != manifest.value(QStringLiteral("batch_id")).toString())
            r.problems << QStringLiteral("signatures.csv row %1: another batch id").arg(i + 1);
    }
    r.rows = qMax<qsizetype>(0, csv.records.size() - 1);
    const qint64 stated = manifest.value(QStringLiteral("row_count")).toInteger();
    if (r.rows != stated)
        r.problems << QStringLiteral("signatures.csv: %1 rows, the manifest says %2").arg(r.rows).arg(stated);
    r.ok = r.problems.isEmpty();
    return r;
}

} // namespace kiosk
