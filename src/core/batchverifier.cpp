#include "batchverifier.h"

#include "batchcolumns.h"
#include "batchmanifest.h"
#include "campaignfiles.h"
#include "csv.h"
#include "devicekey.h"
#include "sealing.h"
#include "signedbatch.h"
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

#include <sodium.h>

#include <cstring>
#include <functional>
#include <vector>

namespace kiosk {

namespace {

// The names a format-1 batch may hold, besides the manifest.
bool isBatchFileName(const QString& name)
{
    static const QRegularExpression drawing(
        QStringLiteral("^signatures/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.svg$"));
    return name == BatchManifest::csvName() || drawing.match(name).hasMatch();
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
    // What the file holds and one byte more (a read allocates what it asks for), never more than the limit allows.
    out = f.read(qMin(info.size(), limit) + 1);
    if (out.size() > limit)
        return QStringLiteral("grew while it was read");
    return {};
}

// Checks one CSV record against the signing rules and the manifest. Empty if it passes.
QString checkRecord(const QStringList& rec, const QJsonObject& manifest, QSet<QString>& ids)
{
    const auto cell = [&rec](const char* header) {
        return CsvWriter::restore(rec.at(BatchColumns::indexOf(BatchKind::Clear, header)));
    };
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

QStringList BatchVerifier::batchFolders(const QStringList& paths)
{
    QStringList folders;
    const auto hasManifest = [](const QString& dir) {
        return QFileInfo(QDir(dir).filePath(QString::fromLatin1(BatchManifest::FileName))).exists();
    };
    for (const QString& path : paths) {
        if (hasManifest(path)) {
            folders << path;
            continue;
        }
        for (const QFileInfo& entry :
            QDir(path).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name)) {
            if (hasManifest(entry.filePath()))
                folders << entry.filePath();
        }
    }
    return folders;
}

BatchVerifier::Result BatchVerifier::verify(const QString& batchFolder)
{
    return verify(batchFolder, Options {});
}

BatchVerifier::Result BatchVerifier::verify(const QString& folder, const Options& options)
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
    if (parseError.error != QJsonParseError::NoError
        || (format != QLatin1String(BatchManifest::Format) && format != QLatin1String(BatchManifest::SignedFormat))
        || !manifest.value(QStringLiteral("files")).isObject())
        return failed(QStringLiteral("manifest.json: not a petition-kiosk batch manifest"));
    Result r = format == QLatin1String(BatchManifest::SignedFormat)
        ? verifySigned(dir, manifestBytes, manifest, options)
        : verifyClear(dir, manifest, options);
    if (r.ok) {
        r.batchId = manifest.value(QStringLiteral("batch_id")).toString();
        r.deviceId = manifest.value(QStringLiteral("device_id")).toString();
        r.stallId = manifest.value(QStringLiteral("stall_id")).toString();
        r.manifestSha256
            = QString::fromLatin1(QCryptographicHash::hash(manifestBytes, QCryptographicHash::Sha256).toHex());
        r.manifest = manifest;
    }
    return r;
}

BatchVerifier::Result BatchVerifier::verifyClear(const QDir& dir, const QJsonObject& manifest, const Options& options)
{
    const QString folder = dir.path();
    if (!options.deviceKey.isEmpty())
        return failed(QStringLiteral("manifest.json: an unsigned batch (format 1, from an unsealed test kiosk); it "
                                     "cannot be from device key %1")
                          .arg(options.deviceKey));
    const QJsonObject files = manifest.value(QStringLiteral("files")).toObject();
    if (!files.contains(BatchManifest::csvName()))
        return failed(QStringLiteral("manifest.json: signatures.csv is not listed"));

    // 2. The folder holds exactly what the manifest lists: no more, no less, and nothing but regular files.
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!isBatchFileName(it.key()))
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
    const QStringList expected = BatchColumns::headers(BatchKind::Clear);
    if (csv.records.isEmpty() || csv.records.first() != expected)
        return failed(QStringLiteral("signatures.csv row 1: the header is not the batch format's columns"));
    Result r;
    r.rows = csv.records.size() - 1;
    const qint64 stated = manifest.value(QStringLiteral("row_count")).toInteger(-1);
    if (r.rows != stated)
        return failed(QStringLiteral("signatures.csv: %1 rows, the manifest says %2").arg(r.rows).arg(stated));
    QSet<QString> ids;
    QHash<QString, int> referenced;
    const int signatureFileAt = BatchColumns::indexOf(BatchKind::Clear, "signature_file");
    for (qsizetype i = 1; i < csv.records.size(); ++i) {
        const QStringList& rec = csv.records.at(i);
        if (rec.size() != expected.size())
            return failed(QStringLiteral("signatures.csv row %1: %2 fields, expected %3")
                              .arg(i + 1)
                              .arg(rec.size())
                              .arg(expected.size()));
        if (const QString why = checkRecord(rec, manifest, ids); !why.isEmpty())
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
    r.format = 1;
    return r;
}

// Duplicate ids in a stream, in fixed memory: a Bloom filter (8 MiB) under a random SipHash key, so that a hostile
// batch cannot aim at it. Ids it has probably seen are kept as suspects for an exact second pass; at a million ids
// a handful turn out to be new after all.
class BatchVerifier::SignedRows::Ids final
{
public:
    static constexpr std::size_t Bits = std::size_t(1) << 26;
    static constexpr qsizetype MaxSuspects = 100000;

    // Sized for the rows the manifest states (64 bits an id, at most 8 MiB): a small batch does not pay for a big
    // filter. A manifest that understates its rows fails the row count at the end anyway.
    explicit Ids(qint64 rows)
        : m_blocks(std::size_t(qBound<qint64>(8, rows / 8 + 1, qint64(Bits / 512))))
        , m_bits(m_blocks * 8)
    {
        randombytes_buf(m_key, sizeof m_key);
    }
    // False if the suspects overflow (a batch full of repeated ids).
    bool add(const QByteArray& id)
    {
        unsigned char hash[crypto_shorthash_siphashx24_BYTES];
        crypto_shorthash_siphashx24(
            hash, reinterpret_cast<const unsigned char*>(id.constData()), quint64(id.size()), m_key);
        quint64 h[2];
        std::memcpy(h, hash, sizeof h);
        // A split-block filter: an id sets one bit in each of the eight words of one 512-bit block (one cache line).
        // The block is chosen by 64 bits of the 128-bit hash; each word's bit by six of the other 64.
        quint64* block = &m_bits[(h[0] % m_blocks) * 8];
        quint64 places = h[1];
        bool seen = true;
        for (int i = 0; i < 8; ++i, places >>= 6) {
            const quint64 mask = quint64(1) << (places & 63);
            seen = seen && (block[i] & mask);
            block[i] |= mask;
        }
        if (seen)
            m_suspects.insert(id);
        return m_suspects.size() <= MaxSuspects;
    }
    const QSet<QByteArray>& suspects() const { return m_suspects; }

private:
    std::size_t m_blocks;
    std::vector<quint64> m_bits;
    unsigned char m_key[crypto_shorthash_siphashx24_KEYBYTES];
    QSet<QByteArray> m_suspects;
};

BatchVerifier::Result BatchVerifier::verifySigned(
    const QDir& dir, const QByteArray& manifestBytes, const QJsonObject& manifest, const Options& options)
{
    // 1. Exactly the four files, as regular files.
    const QStringList names { QString::fromLatin1(BatchManifest::FileName), BatchManifest::signatureName(),
        BatchManifest::csvName(), BatchManifest::drawingsBinName() };
    QDirIterator present(dir.path(), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    while (present.hasNext()) {
        const QFileInfo info(present.next());
        if (info.isSymLink())
            return failed(QStringLiteral("%1: a link; a batch holds only plain files").arg(info.fileName()));
        if (!names.contains(info.fileName()))
            return failed(QStringLiteral("%1: not a file a signed batch has").arg(info.fileName().left(120)));
        if (!info.isFile())
            return failed(QStringLiteral("%1: not a regular file").arg(info.fileName()));
    }

    // 2. The signature, by the key the manifest names (and the one expected), and the chain's fields.
    QByteArray sigText;
    if (const QString why = readLimited(dir.filePath(BatchManifest::signatureName()), MaxSignatureBytes, sigText);
        !why.isEmpty())
        return failed(QStringLiteral("manifest.sig: %1").arg(why));
    const auto signature = QByteArray::fromBase64Encoding(sigText.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    const auto deviceKey
        = QByteArray::fromBase64Encoding(manifest.value(QStringLiteral("device_signing_key")).toString().toLatin1(),
            QByteArray::AbortOnBase64DecodingErrors);
    if (!deviceKey || deviceKey.decoded.size() != DeviceKey::PublicKeyBytes
        || manifest.value(QStringLiteral("device_key_fingerprint")).toString()
            != Sealing::fingerprint(deviceKey.decoded))
        return failed(QStringLiteral("manifest.json: the device signing key is missing or damaged"));
    if (!signature || !DeviceKey::verify(deviceKey.decoded, manifestBytes, signature.decoded))
        return failed(QStringLiteral("manifest.sig: the signature does not match manifest.json (the batch was changed "
                                     "after the kiosk signed it)"));
    const QString fingerprint = Sealing::fingerprint(deviceKey.decoded);
    if (!options.deviceKey.isEmpty() && options.deviceKey.compare(fingerprint, Qt::CaseInsensitive) != 0)
        return failed(QStringLiteral("manifest.sig: signed by device key %1, not by the expected %2")
                          .arg(fingerprint, options.deviceKey));
    static const QRegularExpression fingerprintShape(QStringLiteral("^[0-9A-F]{4}(-[0-9A-F]{4}){3}$"));
    static const QRegularExpression sha256Shape(QStringLiteral("^[0-9a-f]{64}$"));
    const qint64 sequence = manifest.value(QStringLiteral("sequence")).toInteger(0);
    const QString previous = manifest.value(QStringLiteral("previous_manifest_sha256")).toString();
    if (sequence < 1 || (sequence == 1) != previous.isEmpty()
        || (!previous.isEmpty() && !sha256Shape.match(previous).hasMatch()))
        return failed(QStringLiteral("manifest.json: the chain fields (sequence, previous_manifest_sha256) are not "
                                     "well formed"));
    if (!fingerprintShape.match(manifest.value(QStringLiteral("coordinator_key")).toString()).hasMatch()
        || manifest.value(QStringLiteral("device_id")).toString().isEmpty()
        || manifest.value(QStringLiteral("batch_id")).toString().isEmpty())
        return failed(QStringLiteral("manifest.json: not a petition-kiosk batch manifest"));

    // 3. The files the manifest lists: these two, within the limits.
    const QJsonObject files = manifest.value(QStringLiteral("files")).toObject();
    if (files.keys() != QStringList { BatchManifest::drawingsBinName(), BatchManifest::csvName() })
        return failed(QStringLiteral("manifest.json: a signed batch lists signatures.csv and drawings.bin, no more"));
    for (const auto& [name, limit] : { std::pair { BatchManifest::csvName(), MaxCsvBytes },
             std::pair { BatchManifest::drawingsBinName(), MaxDrawingsBinBytes } }) {
        const QFileInfo info(dir.filePath(name));
        if (!info.exists())
            return failed(name + QStringLiteral(": missing"));
        if (info.size() > limit)
            return failed(QStringLiteral("%1: %2 bytes, more than a batch may hold").arg(name).arg(info.size()));
        const qint64 stated = files.value(name).toObject().value(QStringLiteral("bytes")).toInteger(-1);
        if (info.size() != stated)
            return failed(QStringLiteral("%1: %2 bytes, the manifest says %3").arg(name).arg(info.size()).arg(stated));
    }

    // 4. The rows, read once, hashed on the way.
    if (options.rows) {
        SignedBatchReader reader(dir.path(), manifest);
        SignedRows rows(dir.path(), manifest);
        SignedBatchReader::Row row;
        if (reader.open()) {
            while (reader.next(row) && rows.add(row.cells.at(SignedBatchReader::Id))) { }
        }
        if (const QString problem = rows.finish(reader); !problem.isEmpty())
            return failed(problem);
    }
    Result r;
    r.ok = true;
    r.format = 2;
    r.rows = manifest.value(QStringLiteral("row_count")).toInteger(-1);
    r.deviceKey = fingerprint;
    r.sequence = sequence;
    r.previousManifestSha256 = previous;
    r.coordinatorKey = manifest.value(QStringLiteral("coordinator_key")).toString();
    return r;
}

BatchVerifier::SignedRows::SignedRows(QString folder, QJsonObject manifest)
    : m_folder(std::move(folder))
    , m_manifest(std::move(manifest))
    , m_ids(std::make_unique<Ids>(m_manifest.value(QStringLiteral("row_count")).toInteger(0)))
{
}

BatchVerifier::SignedRows::~SignedRows() = default;

bool BatchVerifier::SignedRows::add(const QByteArray& id)
{
    m_overflow = m_overflow || !m_ids->add(id);
    return !m_overflow;
}

QString BatchVerifier::SignedRows::finish(SignedBatchReader& reader)
{
    if (m_overflow)
        return QStringLiteral("signatures.csv: more than %1 ids appear more than once").arg(Ids::MaxSuspects);
    if (!reader.finish())
        return reader.problem();
    // A second pass only for the ids the filter flagged: the first to repeat is named.
    if (m_ids->suspects().isEmpty())
        return {};
    SignedBatchReader again(m_folder, m_manifest);
    SignedBatchReader::Row row;
    QSet<QByteArray> seen;
    again.open();
    while (again.next(row)) {
        const QByteArray& id = row.cells.at(SignedBatchReader::Id);
        if (!m_ids->suspects().contains(id))
            continue;
        if (seen.contains(id))
            return QStringLiteral("signatures.csv row %1: the id %2 appears twice")
                .arg(row.number)
                .arg(QString::fromLatin1(id));
        seen.insert(id);
    }
    if (!again.finish())
        return again.problem();
    return {};
}

} // namespace kiosk
