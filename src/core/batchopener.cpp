#include "batchopener.h"

#include "batchcolumns.h"
#include "batchmanifest.h"
#include "batchverifier.h"
#include "csv.h"
#include "personaldatacodec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace kiosk {

namespace {
Failure refuse(const QString& sentence)
{
    return Failure { StoreError::Invalid, sentence, sentence };
}
} // namespace

Result<BatchOpener::Outcome> BatchOpener::open(
    const QString& batchFolder, const Sealing::KeyPair& keys, const QString& outDir)
{
    const BatchVerifier::Result verified = BatchVerifier::verify(batchFolder);
    if (!verified.ok)
        return refuse(
            QStringLiteral("The batch does not verify, so it was not opened: %1").arg(verified.problems.value(0)));
    const QDir batch(batchFolder);
    QFile manifestFile(batch.filePath(QString::fromLatin1(BatchManifest::FileName)));
    if (!manifestFile.open(QIODevice::ReadOnly))
        return refuse(QStringLiteral("manifest.json cannot be read."));
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.read(BatchVerifier::MaxManifestBytes)).object();
    if (manifest.value(QStringLiteral("format")).toString() != QLatin1String(BatchManifest::SealedFormat))
        return refuse(QStringLiteral("This batch is not sealed; its signatures.csv is already in clear."));
    const QString fingerprint = Sealing::fingerprint(keys.publicKey);
    if (manifest.value(QStringLiteral("coordinator_key")).toString() != fingerprint)
        return refuse(QStringLiteral("This batch is sealed to coordinator key %1, not to this key (%2).")
                          .arg(manifest.value(QStringLiteral("coordinator_key")).toString(), fingerprint));

    // The CSV verified above, so it is well formed, within the size limit, and its header is the sealed one.
    QFile csvIn(batch.filePath(BatchManifest::csvName()));
    if (!csvIn.open(QIODevice::ReadOnly))
        return refuse(QStringLiteral("signatures.csv cannot be read."));
    const CsvReader::Result csv = CsvReader::parse(csvIn.read(BatchVerifier::MaxCsvBytes), true);
    csvIn.close();
    if (!csv.ok() || csv.records.isEmpty())
        return refuse(QStringLiteral("signatures.csv cannot be read."));

    const QString batchId = manifest.value(QStringLiteral("batch_id")).toString();
    const QString target = QDir(outDir).filePath(batchId);
    if (QFileInfo::exists(target))
        return refuse(QStringLiteral("%1 exists already; nothing was written.").arg(QDir::toNativeSeparators(target)));
    if (!QDir().mkpath(target + QLatin1Char('/') + BatchManifest::drawingsFolder()))
        return refuse(QStringLiteral("%1 cannot be made.").arg(QDir::toNativeSeparators(target)));

    SealingPersonalDataCodec codec(keys.publicKey);
    codec.setOpeningKeys(std::make_shared<const Sealing::KeyPair>(
        Sealing::KeyPair { keys.publicKey, SecretBytes::copyOf(keys.secretKey.data(), keys.secretKey.size()) }));
    const auto at = [](const char* header) { return BatchColumns::indexOf(BatchKind::Sealed, header); };
    QSaveFile csvOut(target + QLatin1Char('/') + BatchManifest::csvName());
    if (!csvOut.open(QIODevice::WriteOnly))
        return refuse(QStringLiteral("%1 cannot be written.").arg(QDir::toNativeSeparators(target)));
    CsvWriter writer(&csvOut);
    if (!writer.writeBom() || !writer.writeRow(BatchColumns::headers(BatchKind::Clear)))
        return refuse(QStringLiteral("%1 cannot be written.").arg(QDir::toNativeSeparators(target)));

    Outcome out;
    out.folder = target;
    for (qsizetype i = 1; i < csv.records.size(); ++i) {
        const QStringList& rec = csv.records.at(i);
        const auto cell = [&rec](int column) { return CsvWriter::restore(rec.at(column)); };
        ExportRow r;
        r.id = cell(at("id"));
        SealedFields sealed;
        sealed.sealed = QByteArray::fromBase64(cell(at("sealed")).mid(3).toLatin1());
        const QString drawingName = cell(at("signature_file"));
        if (!drawingName.isEmpty()) {
            QFile drawing(batch.filePath(drawingName));
            if (!drawing.open(QIODevice::ReadOnly)) {
                out.unopened << r.id;
                continue;
            }
            sealed.sealedDrawing = drawing.read(BatchVerifier::MaxDrawingBytes);
        }
        const std::optional<PersonalFields> fields = codec.unseal(r.id, sealed);
        if (!fields) {
            out.unopened << r.id;
            continue;
        }
        r.signedAt = cell(at("signed_at"));
        r.petitionId = cell(at("petition_id"));
        r.petitionVersion = cell(at("petition_version"));
        r.consentVersion = cell(at("consent_version"));
        r.fullName = fields->fullName;
        r.country = cell(at("country"));
        r.postcode = fields->postcode;
        r.email = fields->email;
        r.ukCitizenOrResident = cell(at("uk_citizen_or_resident")) == QLatin1String("yes");
        r.contactOptIn = cell(at("contact_opt_in")) == QLatin1String("yes");
        r.language = cell(at("language"));
        r.stallId = cell(at("stall_id"));
        r.deviceId = cell(at("device_id"));
        ExportContext context { {}, cell(at("batch_id")) };
        if (!fields->signatureSvg.isEmpty()) {
            context.signatureFile = BatchManifest::drawingsFolder() + QLatin1Char('/') + r.id + QStringLiteral(".svg");
            QFile svg(target + QLatin1Char('/') + context.signatureFile);
            if (!svg.open(QIODevice::WriteOnly) || svg.write(fields->signatureSvg) != fields->signatureSvg.size())
                return refuse(QStringLiteral("%1 cannot be written.").arg(QDir::toNativeSeparators(svg.fileName())));
        }
        if (!writer.writeRow(BatchColumns::cells(BatchKind::Clear, r, context)))
            return refuse(QStringLiteral("%1 cannot be written.").arg(QDir::toNativeSeparators(csvOut.fileName())));
        ++out.rows;
    }
    if (!csvOut.commit())
        return refuse(QStringLiteral("%1 cannot be written.").arg(QDir::toNativeSeparators(csvOut.fileName())));
    return out;
}

} // namespace kiosk
