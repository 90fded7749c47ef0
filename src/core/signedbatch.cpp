#include "signedbatch.h"

#include "batchcolumns.h"
#include "batchmanifest.h"
#include "batchverifier.h"
#include "campaignfiles.h"
#include "csv.h"
#include "drawingsfile.h"
#include "kiosksettings.h"

#include <QDir>
#include <QSet>

#include <functional>

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

// The size of what a well-formed base64 text decodes to, or -1. Branch-free over the text, so that the compiler can
// check many characters at once: this runs over every sealed cell of a batch.
qsizetype base64Size(QByteArrayView text)
{
    if (text.isEmpty() || text.size() % 4 != 0)
        return -1;
    qsizetype padding = 0;
    if (text.back() == '=')
        padding = text[text.size() - 2] == '=' ? 2 : 1;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const qsizetype body = text.size() - padding;
    unsigned bad = 0;
    for (qsizetype i = 0; i < body; ++i) {
        const unsigned char c = p[i];
        const unsigned good = unsigned(static_cast<unsigned char>(c - 'A') < 26)
            | unsigned(static_cast<unsigned char>(c - 'a') < 26) | unsigned(static_cast<unsigned char>(c - '0') < 10)
            | unsigned(c == '+') | unsigned(c == '/');
        bad |= good ^ 1u;
    }
    return bad ? -1 : text.size() / 4 * 3 - padding;
}

// An ISO 8601 time in UTC as toIsoUtc() writes it: "2026-11-24T07:16:51.123Z" (milliseconds optional).
bool isIsoUtc(const QByteArray& t)
{
    if (t.size() != 20 && t.size() != 24)
        return false;
    const auto digits = [&t](int from, int n, int max) {
        int v = 0;
        for (int i = from; i < from + n; ++i) {
            if (t[i] < '0' || t[i] > '9')
                return -1;
            v = v * 10 + (t[i] - '0');
        }
        return v <= max ? v : -1;
    };
    const bool shape = t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':' && t[16] == ':' && t.back() == 'Z'
        && (t.size() == 20 || (t[19] == '.' && digits(20, 3, 999) >= 0));
    return shape && digits(0, 4, 9999) >= 2000 && digits(5, 2, 12) >= 1 && digits(8, 2, 31) >= 1
        && digits(11, 2, 23) >= 0 && digits(14, 2, 59) >= 0 && digits(17, 2, 60) >= 0;
}

// Values repeated on nearly every row (the stall, the language) are checked once: up to a few dozen are remembered,
// so a hostile batch of a million different values costs time, not memory.
bool checkedOnce(QSet<QByteArray>& passed, const QByteArray& value, const std::function<bool()>& check)
{
    if (passed.contains(value))
        return true;
    if (!check())
        return false;
    if (passed.size() < 64)
        passed.insert(value);
    return true;
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
    , m_deviceId(manifest.value(QStringLiteral("device_id")).toString().toUtf8())
{
}

SignedBatchReader::~SignedBatchReader()
{
    stopParsing();
}

void SignedBatchReader::parse()
{
    constexpr std::size_t BlockRecords = 512;
    constexpr std::size_t MaxBlocksWaiting = 4;
    for (;;) {
        std::unique_ptr<Block> block;
        {
            std::lock_guard lock(m_mutex);
            if (!m_spare.empty()) {
                block = std::move(m_spare.back());
                m_spare.pop_back();
            }
        }
        if (!block) {
            block = std::make_unique<Block>();
            block->records.resize(BlockRecords);
        }
        block->firstNumber = m_csv->records() + 1;
        block->count = 0;
        while (block->count < BlockRecords && m_csv->next(block->records[block->count]))
            ++block->count;
        const bool end = block->count < BlockRecords;
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_blocks.size() < MaxBlocksWaiting || m_stop; });
        if (m_stop)
            return;
        if (block->count > 0)
            m_blocks.push_back(std::move(block));
        if (end) {
            m_parsed = true;
            m_parseError = m_csv->error();
        }
        m_changed.notify_all();
        if (end)
            return;
    }
}

void SignedBatchReader::stopParsing()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_changed.notify_all();
    }
    if (m_parser.joinable())
        m_parser.join();
    m_blocks.clear();
}

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
    // A small batch (the usual day at a stall) is parsed here: starting a thread would cost more than it saves.
    if (m_csvFile.size() > 4 * 1024 * 1024)
        m_parser = std::thread([this] { parse(); });
    return true;
}

QString SignedBatchReader::checkRow(const Row& row)
{
    const QList<QByteArray>& c = row.cells;
    if (c.size() != ColumnCount)
        return QStringLiteral("%1 fields, expected %2").arg(c.size()).arg(int(ColumnCount));
    if (!isUuid(c.at(Id)))
        return QStringLiteral("the id is not a UUID");
    if (!isIsoUtc(c.at(SignedAt)))
        return QStringLiteral("signed_at is not a time");
    if (c.at(DeviceId) != m_deviceId)
        return QStringLiteral("another device than the manifest's");
    if (!yesNo(c.at(Resident)) || !yesNo(c.at(OptIn)) || c.at(Consent) != "yes")
        return QStringLiteral("a yes/no answer is neither, or consent is missing");
    if (!isPositiveNumber(c.at(PetitionVersion)) || !isPositiveNumber(c.at(ConsentVersion))
        || c.at(PetitionId).isEmpty() || c.at(PetitionId).size() > 100 || c.at(PetitionId).startsWith('\''))
        return QStringLiteral("the petition or consent version is not a positive number");
    if (!checkedOnce(m_languages, c.at(Language), [&c] {
            return c.at(Language).size() <= 20 && CampaignFiles::isLanguageCode(QString::fromLatin1(c.at(Language)));
        }))
        return QStringLiteral("the language is not a language code");
    if (!checkedOnce(m_stalls, c.at(StallId),
            [&c] { return c.at(StallId).size() <= 100 && KioskSettings::isStallId(QString::fromUtf8(c.at(StallId))); }))
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
    if (!m_parser.joinable()) {
        if (!m_csv->next(row.cells)) {
            if (!m_csv->error().isEmpty())
                return fail(QStringLiteral("signatures.csv ") + m_csv->error());
            return false;
        }
        row.number = m_csv->records();
    } else if (!m_current || m_next == m_current->count) {
        std::unique_lock lock(m_mutex);
        if (m_current)
            m_spare.push_back(std::move(m_current));
        m_changed.wait(lock, [this] { return !m_blocks.empty() || m_parsed; });
        if (m_blocks.empty()) {
            if (!m_parseError.isEmpty())
                return fail(QStringLiteral("signatures.csv ") + m_parseError);
            return false;
        }
        m_current = std::move(m_blocks.front());
        m_blocks.pop_front();
        m_next = 0;
        m_changed.notify_all();
    }
    if (m_parser.joinable()) {
        row.number = m_current->firstNumber + qint64(m_next);
        row.cells.swap(m_current->records[m_next++]); // the row's old cells go back to be parsed into
    }
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
    stopParsing(); // the CSV is the parser's until it stops; what is left is hashed here
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
