#include "batchverifier.h"

#include "batchcolumns.h"
#include "batchmanifest.h"
#include "campaignfiles.h"
#include "csv.h"
#include "signingrules.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

#include <functional>

namespace kiosk {

namespace {

// The names a batch may hold, besides the manifest.
bool isBatchFileName(const QString& name, BatchKind kind)
{
    static const QRegularExpression drawing(
        QStringLiteral("^signatures/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.svg$"));
    static const QRegularExpression sealedDrawing(
        QStringLiteral("^signatures/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.sealed$"));
    return name == BatchManifest::csvName()
        || (kind == BatchKind::Sealed ? sealedDrawing : drawing).match(name).hasMatch();
}

// A sealed row's own checks: what is in clear must be well formed, and the sealed cell must be a sealed value of a
// plausible size (it cannot be opened here: that needs the coordinator's key).
QString checkSealedFields(const std::function<QString(const char*)>& cell, const QString& id)
{
    static const QRegularExpression country(QStringLiteral("^[A-Z]{2}$"));
    static const QRegularExpression area(QStringLiteral("^[A-Z]{0,2}$"));
    static const QRegularExpression sealed(QStringLiteral("^s1:[A-Za-z0-9+/]+={0,2}$"));
    if (!country.match(cell("country")).hasMatch())
        return QStringLiteral("the country is not a two-letter code");
    if (!area.match(cell("postcode_area")).hasMatch())
        return QStringLiteral("the postcode area is not one or two capital letters");
    const QString hasDrawing = cell("has_drawing");
    if (hasDrawing != QLatin1String("yes") && hasDrawing != QLatin1String("no"))
        return QStringLiteral("has_drawing is neither yes nor no");
    const QString drawing = cell("signature_file");
    if ((hasDrawing == QLatin1String("yes")) != !drawing.isEmpty())
        return QStringLiteral("has_drawing does not match signature_file");
    if (!drawing.isEmpty()
        && drawing != BatchManifest::drawingsFolder() + QLatin1Char('/') + id + QStringLiteral(".sealed"))
        return QStringLiteral("signature_file is not this row's own drawing");
    const QString value = cell("sealed");
    if (value.size() > BatchVerifier::MaxSealedCellChars || !sealed.match(value).hasMatch())
        return QStringLiteral("the sealed cell is not a sealed value");
    const auto decoded
        = QByteArray::fromBase64Encoding(value.mid(3).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    // A sealed box (48 bytes) around a kind byte and four length-prefixed parts, the row's id among them.
    if (!decoded || decoded.decoded.size() < 48 + 1 + 4 * 4 + 36)
        return QStringLiteral("the sealed cell is not a sealed value");
    return {};
}

bool isUuid(const QString& text)
{
    const QUuid id(text);
    return !id.isNull() && id.toString(QUuid::WithoutBraces) == text;
}

// Reads a regular file of at most `limit` bytes; a link, a special file or a larger file is refused unread.
QString readLimited(const QString& path, qint64 limit, QByteArray& out)
{
    const QFileInfo info(path);
    if (info.isSymLink())
        return QStringLiteral("a link, not a file");
    if (!info.exists())
        return QStringLiteral("missing");
    if (!info.isFile())
        return QStringLiteral("not a regular file");
    if (info.size() > limit)
        return QStringLiteral("%1 bytes, more than a batch may hold (%2)").arg(info.size()).arg(limit);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return f.errorString();
    out = f.read(limit + 1);
    if (out.size() > limit)
        return QStringLiteral("grew while it was read");
    return {};
}

// Checks one CSV record against the signing rules and the manifest. Empty if it passes.
QString checkRecord(const QStringList& rec, const QJsonObject& manifest, BatchKind kind, QSet<QString>& ids)
{
    const auto cell
        = [&rec, kind](const char* header) { return CsvWriter::restore(rec.at(BatchColumns::indexOf(kind, header))); };
    const QString id = cell("id");
    if (!isUuid(id))
        return QStringLiteral("the id is not a UUID");
    if (ids.contains(id))
        return QStringLiteral("the id %1 appears twice").arg(id);
    ids.insert(id);
    if (!fromIsoUtc(cell("signed_at")).isValid())
        return QStringLiteral("signed_at is not a time");
    if (cell("batch_id") != manifest.value(QStringLiteral("batch_id")).toString())
        return QStringLiteral("another batch id");
    // The stall may have been renamed between signatures; the device (the data folder's id) never changes.
    if (cell("device_id") != manifest.value(QStringLiteral("device_id")).toString())
        return QStringLiteral("another device than the manifest's");
    const auto yesNo = [](const QString& v) { return v == QLatin1String("yes") || v == QLatin1String("no"); };
    if (!yesNo(cell("uk_citizen_or_resident")) || !yesNo(cell("contact_opt_in"))
        || cell("consent") != QLatin1String("yes"))
        return QStringLiteral("a yes/no answer is neither, or consent is missing");
    bool versionsOk = false;
    const int petitionVersion = cell("petition_version").toInt(&versionsOk);
    bool consentOk = false;
    const int consentVersion = cell("consent_version").toInt(&consentOk);
    if (!versionsOk || !consentOk || petitionVersion <= 0 || consentVersion <= 0 || cell("petition_id").isEmpty())
        return QStringLiteral("the petition or consent version is not a positive number");
    if (!CampaignFiles::isLanguageCode(cell("language")))
        return QStringLiteral("the language is not a language code");
    if (kind == BatchKind::Sealed)
        return checkSealedFields(cell, id);

    // The signer's fields, through the same rules as the form; a stored value is already in its normal form.
    Signature s;
    s.fullName = cell("full_name");
    s.country = cell("country");
    s.postcode = cell("postcode");
    s.email = cell("email");
    s.ukCitizenOrResident = cell("uk_citizen_or_resident") == QLatin1String("yes") ? Residency::Yes : Residency::No;
    s.consent = true;
    s.contactOptIn = cell("contact_opt_in") == QLatin1String("yes");
    const Signature asWritten = s;
    if (const QList<RuleIssue> issues = SigningRules::apply(s); !issues.isEmpty())
        return QStringLiteral("a field breaks the signing rules (%1)")
            .arg(SigningRules::messageId(issues.first().error));
    if (s.fullName != asWritten.fullName || s.postcode != asWritten.postcode || s.email != asWritten.email
        || s.country != asWritten.country)
        return QStringLiteral("a field is not in the form the kiosk writes");
    const QString drawing = cell("signature_file");
    if (!drawing.isEmpty()
        && drawing != BatchManifest::drawingsFolder() + QLatin1Char('/') + id + QStringLiteral(".svg"))
        return QStringLiteral("signature_file is not this row's own drawing");
    return {};
}

BatchVerifier::Result failed(const QString& problem)
{
    BatchVerifier::Result r;
    r.problems << problem;
    return r;
}

} // namespace

BatchVerifier::Result BatchVerifier::verify(const QString& folder)
{
    const QDir dir(folder);
    // 1. The two files every batch has.
    QByteArray manifestBytes;
    if (const QString why
        = readLimited(dir.filePath(QString::fromLatin1(BatchManifest::FileName)), MaxManifestBytes, manifestBytes);
        !why.isEmpty())
        return failed(QStringLiteral("manifest.json: %1")
                          .arg(why == QLatin1String("missing") ? QStringLiteral("missing or unreadable") : why));
    if (const QFileInfo csvInfo(dir.filePath(BatchManifest::csvName())); !csvInfo.exists() && !csvInfo.isSymLink())
        return failed(QStringLiteral("signatures.csv: missing"));
    QJsonParseError parseError {};
    const QJsonObject manifest = QJsonDocument::fromJson(manifestBytes, &parseError).object();
    const QString format = manifest.value(QStringLiteral("format")).toString();
    const BatchKind kind = format == QLatin1String(BatchManifest::SealedFormat) ? BatchKind::Sealed : BatchKind::Clear;
    static const QRegularExpression fingerprint(QStringLiteral("^[0-9A-F]{4}(-[0-9A-F]{4}){3}$"));
    if (parseError.error != QJsonParseError::NoError
        || (format != QLatin1String(BatchManifest::Format) && format != QLatin1String(BatchManifest::SealedFormat))
        || !manifest.value(QStringLiteral("files")).isObject()
        || (kind == BatchKind::Sealed
            && !fingerprint.match(manifest.value(QStringLiteral("coordinator_key")).toString()).hasMatch()))
        return failed(QStringLiteral("manifest.json: not a petition-kiosk batch manifest"));
    const QJsonObject files = manifest.value(QStringLiteral("files")).toObject();
    if (!files.contains(BatchManifest::csvName()))
        return failed(QStringLiteral("manifest.json: signatures.csv is not listed"));

    // 2. The folder holds exactly what the manifest lists: no more, no less, and nothing but regular files.
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!isBatchFileName(it.key(), kind))
            return failed(QStringLiteral("manifest.json: %1 is not a name a batch may hold").arg(it.key().left(120)));
    }
    QDirIterator present(
        folder, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (present.hasNext()) {
        const QString path = present.next();
        const QFileInfo info(path);
        const QString name = dir.relativeFilePath(path);
        if (info.isSymLink())
            return failed(QStringLiteral("%1: a link; a batch holds only plain files").arg(name));
        if (info.isDir()) {
            if (name != BatchManifest::drawingsFolder())
                return failed(QStringLiteral("%1: a folder a batch does not have").arg(name));
            continue;
        }
        if (!info.isFile())
            return failed(QStringLiteral("%1: not a regular file").arg(name));
        if (name != QString::fromLatin1(BatchManifest::FileName) && !files.contains(name))
            return failed(QStringLiteral("%1: not in the manifest").arg(name));
    }

    // 3. Sizes and hashes.
    for (auto it = files.begin(); it != files.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        const QFileInfo info(dir.filePath(it.key()));
        if (!info.exists())
            return failed(it.key() + QStringLiteral(": missing"));
        const qint64 limit = it.key() == BatchManifest::csvName() ? MaxCsvBytes : MaxDrawingBytes;
        if (info.size() > limit)
            return failed(QStringLiteral("%1: %2 bytes, more than a batch may hold").arg(it.key()).arg(info.size()));
        if (info.size() != entry.value(QStringLiteral("bytes")).toInteger(-1))
            return failed(QStringLiteral("%1: %2 bytes, the manifest says %3")
                              .arg(it.key())
                              .arg(info.size())
                              .arg(entry.value(QStringLiteral("bytes")).toInteger(-1)));
        QFile f(info.filePath());
        if (!f.open(QIODevice::ReadOnly))
            return failed(it.key() + QStringLiteral(": unreadable"));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&f);
        if (QString::fromLatin1(hash.result().toHex()) != entry.value(QStringLiteral("sha256")).toString())
            return failed(it.key() + QStringLiteral(": SHA-256 differs from the manifest (the file was changed)"));
    }

    // 4. The CSV itself.
    QByteArray csvBytes;
    if (const QString why = readLimited(dir.filePath(BatchManifest::csvName()), MaxCsvBytes, csvBytes); !why.isEmpty())
        return failed(QStringLiteral("signatures.csv: %1").arg(why));
    const CsvReader::Result csv = CsvReader::parse(csvBytes, true);
    csvBytes.clear();
    if (!csv.hadBom)
        return failed(QStringLiteral("signatures.csv: no UTF-8 byte-order mark"));
    if (!csv.ok())
        return failed(QStringLiteral("signatures.csv ") + csv.error);
    const QStringList expected = BatchColumns::headers(kind);
    if (csv.records.isEmpty() || csv.records.first() != expected)
        return failed(QStringLiteral("signatures.csv row 1: the header is not the batch format's columns"));
    Result r;
    r.rows = csv.records.size() - 1;
    const qint64 stated = manifest.value(QStringLiteral("row_count")).toInteger(-1);
    if (r.rows != stated)
        return failed(QStringLiteral("signatures.csv: %1 rows, the manifest says %2").arg(r.rows).arg(stated));
    QSet<QString> ids;
    QHash<QString, int> referenced;
    const int signatureFileAt = BatchColumns::indexOf(kind, "signature_file");
    for (qsizetype i = 1; i < csv.records.size(); ++i) {
        const QStringList& rec = csv.records.at(i);
        if (rec.size() != expected.size())
            return failed(QStringLiteral("signatures.csv row %1: %2 fields, expected %3")
                              .arg(i + 1)
                              .arg(rec.size())
                              .arg(expected.size()));
        if (const QString why = checkRecord(rec, manifest, kind, ids); !why.isEmpty())
            return failed(QStringLiteral("signatures.csv row %1: %2").arg(i + 1).arg(why));
        const QString drawing = rec.at(signatureFileAt);
        if (!drawing.isEmpty()) {
            if (!files.contains(drawing))
                return failed(
                    QStringLiteral("signatures.csv row %1: %2 is not in the manifest").arg(i + 1).arg(drawing));
            ++referenced[drawing];
        }
    }

    // 5. Every drawing belongs to exactly one row.
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (it.key() != BatchManifest::csvName() && referenced.value(it.key()) != 1)
            return failed(
                QStringLiteral("%1: referenced by %2 rows, not one").arg(it.key()).arg(referenced.value(it.key())));
    }
    r.ok = true;
    return r;
}

} // namespace kiosk
