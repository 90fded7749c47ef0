#include "batchopener.h"

#include "batchcolumns.h"
#include "batchmanifest.h"
#include "batchverifier.h"
#include "csv.h"
#include "personaldatacodec.h"
#include "signedbatch.h"
#include "signedbatchopener.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSaveFile>

#include <optional>

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
    if (verified.format != 2)
        return refuse(QStringLiteral("This batch is not sealed; its signatures.csv is already in clear."));
    const QString fingerprint = Sealing::fingerprint(keys.publicKey);
    if (verified.coordinatorKey != fingerprint)
        return refuse(QStringLiteral("This batch is sealed to coordinator key %1, not to this key (%2).")
                          .arg(verified.coordinatorKey, fingerprint));
    // The rows read below are checked against the manifest that verified (its sizes and SHA-256s), so a batch
    // changed after it was verified is caught.
    const QJsonObject& manifest = verified.manifest;

    const QString target = QDir(outDir).filePath(verified.batchId);
    if (QFileInfo::exists(target) || QFileInfo(target).isSymLink())
        return refuse(QStringLiteral("%1 exists already; nothing was written.").arg(QDir::toNativeSeparators(target)));
    if (!QDir().mkpath(target + QLatin1Char('/') + BatchManifest::drawingsFolder()))
        return refuse(QStringLiteral("%1 cannot be made.").arg(QDir::toNativeSeparators(target)));
    const auto abandon = [&target](const QString& why) {
        QDir(target).removeRecursively();
        return refuse(why + QStringLiteral(" Nothing was kept."));
    };

    SealingPersonalDataCodec codec(keys.publicKey);
    codec.setOpeningKeys(std::make_shared<const Sealing::KeyPair>(
        Sealing::KeyPair { keys.publicKey, SecretBytes::copyOf(keys.secretKey.data(), keys.secretKey.size()) }));
    QSaveFile csvOut(target + QLatin1Char('/') + BatchManifest::csvName());
    const QString cannotWrite = QStringLiteral("%1 cannot be written.").arg(QDir::toNativeSeparators(target));
    if (!csvOut.open(QIODevice::WriteOnly))
        return abandon(cannotWrite);
    CsvWriter writer(&csvOut);
    if (!writer.writeBom() || !writer.writeRow(BatchColumns::headers(BatchKind::Clear)))
        return abandon(cannotWrite);

    Outcome out;
    out.folder = target;
    SignedBatchReader reader(batchFolder, manifest);
    if (!reader.open())
        return abandon(QStringLiteral("The batch changed after it was verified (%1).").arg(reader.problem()));
    SignedBatchOpener opener(reader, codec, verified.rows > qint64(SignedBatchOpener::BlockRows));
    QString writeProblem;
    opener.forEach([&](const SignedBatchOpener::Opened& o) {
        const auto cell = [&o](SignedBatchReader::Column c) { return QString::fromUtf8(o.row.cells.at(c)); };
        ExportRow r;
        r.id = cell(SignedBatchReader::Id);
        if (!o.fields) {
            out.unopened << r.id;
            return true;
        }
        r.signedAt = cell(SignedBatchReader::SignedAt);
        r.petitionId = cell(SignedBatchReader::PetitionId);
        r.petitionVersion = cell(SignedBatchReader::PetitionVersion);
        r.consentVersion = cell(SignedBatchReader::ConsentVersion);
        r.fullName = o.fields->fullName;
        r.country = cell(SignedBatchReader::Country);
        r.postcode = o.fields->postcode;
        r.email = o.fields->email;
        r.ukCitizenOrResident = o.row.cells.at(SignedBatchReader::Resident) == "yes";
        r.contactOptIn = o.row.cells.at(SignedBatchReader::OptIn) == "yes";
        r.language = cell(SignedBatchReader::Language);
        r.stallId = cell(SignedBatchReader::StallId);
        r.deviceId = cell(SignedBatchReader::DeviceId);
        ExportContext context { {}, verified.batchId };
        if (!o.fields->signatureSvg.isEmpty()) {
            context.signatureFile = BatchManifest::drawingsFolder() + QLatin1Char('/') + r.id + QStringLiteral(".svg");
            QFile svg(target + QLatin1Char('/') + context.signatureFile);
            if (!svg.open(QIODevice::WriteOnly | QIODevice::NewOnly)
                || svg.write(o.fields->signatureSvg) != o.fields->signatureSvg.size()) {
                writeProblem = cannotWrite;
                return false;
            }
        }
        if (!writer.writeRow(BatchColumns::cells(BatchKind::Clear, r, context))) {
            writeProblem = cannotWrite;
            return false;
        }
        ++out.rows;
        return true;
    });
    if (!writeProblem.isEmpty())
        return abandon(writeProblem);
    if (!reader.finish())
        return abandon(QStringLiteral("The batch changed after it was verified (%1).").arg(reader.problem()));
    if (!csvOut.commit())
        return abandon(cannotWrite);
    return out;
}

} // namespace kiosk
