#include "signedbatch.h"

#include "batchcolumns.h"
#include "batchmanifest.h"
#include "batchverifier.h"
#include "campaignfiles.h"
#include "csv.h"
#include "drawingsfile.h"
#include "kiosksettings.h"
#include "signature.h"

#include <QDir>

namespace kiosk {

namespace {

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// A lower-case UUID as the kiosk writes it (8-4-4-4-12).
bool isUuid(const QByteArray& text)
{
    if (text.size() != 36)
        return false;
    for (int i = 0; i < 36; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !isHex(text[i]))
            return false;
    }
    return true;
}

bool isUpper(const QByteArray& text, qsizetype min, qsizetype max)
{
    if (text.size() < min || text.size() > max)
        return false;
    for (const char c : text) {
        if (c < 'A' || c > 'Z')
            return false;
    }
    return true;
}

bool isPositiveNumber(const QByteArray& text)
{
    bool ok = false;
    return text.size() <= 9 && !text.startsWith('0') && text.toInt(&ok) > 0 && ok;
}

// The size of what a well-formed base64 text decodes to, or -1.
qsizetype base64Size(QByteArrayView text)
{
    if (text.isEmpty() || text.size() % 4 != 0)
        return -1;
    qsizetype padding = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool letter
            = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        if (c == '=') {
            if (i < text.size() - 2)
                return -1;
            ++padding;
        } else if (!letter || padding > 0) {
            return -1;
        }
    }
    return text.size() / 4 * 3 - padding;
}

bool yesNo(const QByteArray& v)
{
    return v == "yes" || v == "no";
}

} // namespace

SignedBatchReader::SignedBatchReader(const QString& folder, const QJsonObject& manifest)
    : m_folder(folder)
    , m_manifest(manifest)
    , m_csvFile(QDir(folder).filePath(BatchManifest::csvName()))
    , m_drawingsFile(QDir(folder).filePath(BatchManifest::drawingsBinName()))
{
}

SignedBatchReader::~SignedBatchReader() = default;

bool SignedBatchReader::fail(const QString& problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
    return false;
}

bool SignedBatchReader::open()
{
    if (!m_csvFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("signatures.csv: unreadable"));
    if (!m_drawingsFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("drawings.bin: unreadable"));
    m_csv = std::make_unique<CsvStream>(m_csvFile, true);
    m_drawings = std::make_unique<DrawingsFile::Reader>(m_drawingsFile);
    QList<QByteArray> header;
    if (!m_csv->next(header))
        return fail(m_csv->error().isEmpty() ? QStringLiteral("signatures.csv row 1: the header is missing")
                                             : QStringLiteral("signatures.csv ") + m_csv->error());
    if (!m_csv->hadBom())
        return fail(QStringLiteral("signatures.csv: no UTF-8 byte-order mark"));
    const QStringList expected = BatchColumns::headers(BatchKind::Sealed);
    bool same = header.size() == expected.size();
    for (qsizetype i = 0; same && i < header.size(); ++i)
        same = header.at(i) == expected.at(i).toLatin1();
    if (!same)
        return fail(QStringLiteral("signatures.csv row 1: the header is not the batch format's columns"));
    return true;
}

QString SignedBatchReader::checkRow(const Row& row) const
{
    const QList<QByteArray>& c = row.cells;
    if (c.size() != ColumnCount)
        return QStringLiteral("%1 fields, expected %2").arg(c.size()).arg(int(ColumnCount));
    if (!isUuid(c.at(Id)))
        return QStringLiteral("the id is not a UUID");
    if (c.at(SignedAt).size() > 40 || !fromIsoUtc(QString::fromLatin1(c.at(SignedAt))).isValid())
        return QStringLiteral("signed_at is not a time");
    if (c.at(DeviceId) != m_manifest.value(QStringLiteral("device_id")).toString().toUtf8())
        return QStringLiteral("another device than the manifest's");
    if (!yesNo(c.at(Resident)) || !yesNo(c.at(OptIn)) || c.at(Consent) != "yes")
        return QStringLiteral("a yes/no answer is neither, or consent is missing");
    if (!isPositiveNumber(c.at(PetitionVersion)) || !isPositiveNumber(c.at(ConsentVersion))
        || c.at(PetitionId).isEmpty() || c.at(PetitionId).size() > 100 || c.at(PetitionId).startsWith('\''))
        return QStringLiteral("the petition or consent version is not a positive number");
    if (c.at(Language).size() > 20 || !CampaignFiles::isLanguageCode(QString::fromLatin1(c.at(Language))))
        return QStringLiteral("the language is not a language code");
    if (c.at(StallId).size() > 100 || !KioskSettings::isStallId(QString::fromUtf8(c.at(StallId))))
        return QStringLiteral("the stall id is not a stall id");
    if (!isUpper(c.at(Country), 2, 2))
        return QStringLiteral("the country is not a two-letter code");
    if (!isUpper(c.at(PostcodeArea), 0, 2))
        return QStringLiteral("the postcode area is not one or two capital letters");
    if (!yesNo(c.at(HasDrawing)))
        return QStringLiteral("has_drawing is neither yes nor no");
    const QByteArray& sealed = c.at(Sealed);
    // A sealed box (48 bytes) around a kind byte and four length-prefixed parts, the row's id among them.
    const qsizetype size = sealed.startsWith("s1:") && sealed.size() <= BatchVerifier::MaxSealedCellChars
        ? base64Size(QByteArrayView(sealed).sliced(3))
        : -1;
    if (size < 48 + 1 + 4 * 4 + 36)
        return QStringLiteral("the sealed cell is not a sealed value");
    return {};
}

bool SignedBatchReader::next(Row& row)
{
    if (!m_problem.isEmpty() || !m_csv)
        return false;
    if (!m_csv->next(row.cells)) {
        if (!m_csv->error().isEmpty())
            return fail(QStringLiteral("signatures.csv ") + m_csv->error());
        return false;
    }
    row.number = m_csv->records();
    row.sealedDrawing.clear();
    if (const QString why = checkRow(row); !why.isEmpty())
        return fail(QStringLiteral("signatures.csv row %1: %2").arg(row.number).arg(why));
    if (row.cells.at(HasDrawing) == "yes") {
        QByteArray id;
        if (!m_drawings->next(id, row.sealedDrawing))
            return fail(m_drawings->error().isEmpty()
                    ? QStringLiteral("drawings.bin: no drawing for row %1").arg(row.number)
                    : QStringLiteral("drawings.bin: %1").arg(m_drawings->error()));
        if (id != row.cells.at(Id))
            return fail(QStringLiteral("drawings.bin: the drawing for row %1 is another row's").arg(row.number));
        if (row.sealedDrawing.size() < 48 + 1 + 4 + 36)
            return fail(QStringLiteral("drawings.bin: the drawing for row %1 is not a sealed value").arg(row.number));
    }
    ++m_rows;
    return true;
}

bool SignedBatchReader::finish()
{
    if (!m_csv)
        return m_problem.isEmpty();
    const QString rowProblem = m_problem;
    const QJsonObject files = m_manifest.value(QStringLiteral("files")).toObject();
    // Anything left in drawings.bin after the last row is a record no row has (read before hashing the rest).
    QByteArray id, sealed;
    const bool extra = rowProblem.isEmpty() && m_drawings->next(id, sealed);
    const QString drawingsError = rowProblem.isEmpty() ? m_drawings->error() : QString();
    const struct
    {
        QString name;
        QByteArray sha256;
        qint64 bytes;
    } read[] = { { BatchManifest::csvName(), m_csv->sha256(), m_csv->bytesRead() },
        { BatchManifest::drawingsBinName(), m_drawings->sha256(), m_drawings->bytesRead() } };
    for (const auto& f : read) {
        const QJsonObject entry = files.value(f.name).toObject();
        if (f.bytes != entry.value(QStringLiteral("bytes")).toInteger(-1)
            || QString::fromLatin1(f.sha256.toHex()) != entry.value(QStringLiteral("sha256")).toString()) {
            m_problem = f.name + QStringLiteral(": SHA-256 differs from the manifest (the file was changed)");
            return false;
        }
    }
    if (!rowProblem.isEmpty())
        return false;
    if (!drawingsError.isEmpty())
        return fail(QStringLiteral("drawings.bin: %1").arg(drawingsError));
    if (extra)
        return fail(QStringLiteral("drawings.bin: a drawing for %1, which no row with a drawing has")
                        .arg(QString::fromLatin1(id.left(36))));
    const qint64 stated = m_manifest.value(QStringLiteral("row_count")).toInteger(-1);
    if (m_rows != stated)
        return fail(QStringLiteral("signatures.csv: %1 rows, the manifest says %2").arg(m_rows).arg(stated));
    return true;
}

} // namespace kiosk
