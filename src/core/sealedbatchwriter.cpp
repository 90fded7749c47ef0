#include "sealedbatchwriter.h"

#include "batchcolumns.h"
#include "csv.h"
#include "drawingsfile.h"
#include "platform.h"
#include "sha256stream.h"
#include "signedbatch.h"

#include <QFile>
#include <QHash>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <tuple>

namespace kiosk {

namespace {

constexpr qsizetype FlushAt = 1024 * 1024;

// One output file: a buffer that is hashed and written out whenever it passes FlushAt, then synced once.
class Output final
{
public:
    explicit Output(const QString& path)
        : m_file(path)
    {
        m_buffer.reserve(FlushAt + 64 * 1024);
    }
    bool open() { return m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered); }
    QByteArray& buffer() { return m_buffer; }
    bool maybeFlush() { return m_buffer.size() < FlushAt || flush(); }
    bool flush()
    {
        m_hash.add(m_buffer); // shared with the hashing thread, which has it to itself from now on
        const bool ok = m_file.write(m_buffer) == m_buffer.size();
        m_bytes += m_buffer.size();
        m_buffer = QByteArray();
        m_buffer.reserve(FlushAt + 64 * 1024);
        return ok;
    }
    // Writes out the rest, then syncs the file to the drive.
    bool finish() { return flush() && m_file.flush() && platform::syncFile(m_file.handle()); }
    QByteArray sha256() { return m_hash.result(); }
    qint64 bytes() const { return m_bytes; }
    QString errorString() const { return m_file.errorString(); }

private:
    QFile m_file;
    QByteArray m_buffer;
    Sha256Stream m_hash;
    qint64 m_bytes = 0;
};

// One quoted CSV field from UTF-8 bytes, as CsvWriter::appendField writes it: formula-safe, quotes doubled.
void appendField(QByteArray& out, const char* text, int n)
{
    out += '"';
    if (n > 0 && CsvWriter::needsApostrophe(char16_t(static_cast<unsigned char>(text[0]))))
        out += '\'';
    const char* end = text + n;
    for (const char* p = text; p < end;) {
        const char* quote = static_cast<const char*>(std::memchr(p, '"', std::size_t(end - p)));
        if (!quote) {
            out.append(p, end - p);
            break;
        }
        out.append(p, quote - p + 1);
        out += '"';
        p = quote + 1;
    }
    out += '"';
}

void appendText(QByteArray& out, sqlite3_stmt* row, int column)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(row, column));
    appendField(out, text ? text : "", sqlite3_column_bytes(row, column));
}

// Base64 (RFC 4648, padded) appended to `out`. Table-driven: libsodium's is constant-time, which a public ciphertext
// does not need, and took a tenth of the export.
void appendBase64(QByteArray& out, const unsigned char* in, int n)
{
    static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const qsizetype at = out.size();
    out.resize(at + (n + 2) / 3 * 4);
    char* o = out.data() + at;
    int i = 0;
    for (; i + 2 < n; i += 3) {
        const quint32 v = quint32(in[i]) << 16 | quint32(in[i + 1]) << 8 | in[i + 2];
        *o++ = table[v >> 18];
        *o++ = table[(v >> 12) & 63];
        *o++ = table[(v >> 6) & 63];
        *o++ = table[v & 63];
    }
    if (i < n) {
        const quint32 v = quint32(in[i]) << 16 | (i + 1 < n ? quint32(in[i + 1]) << 8 : 0);
        *o++ = table[v >> 18];
        *o++ = table[(v >> 12) & 63];
        *o++ = i + 1 < n ? table[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
}

void appendYesNo(QByteArray& out, bool yes)
{
    out += yes ? "\"yes\"" : "\"no\"";
}

struct Database
{
    sqlite3* db = nullptr;
    sqlite3_stmt* rows = nullptr;
    ~Database()
    {
        sqlite3_finalize(rows);
        if (db) {
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
            sqlite3_close(db);
        }
    }
};

} // namespace

SealedBatchWriter::Written SealedBatchWriter::write(const QString& databaseFile, qint64 afterRow, qint64 upToRow,
    const QString& csvPath, const QString& drawingsPath, const Progress& progress)
{
    Written w;
    Database d;
    const QByteArray file = QFile::encodeName(databaseFile);
    // The columns in signatures.csv's order (SignedBatchReader::Column), then the two the writer needs besides. The
    // cells are formatted here, not through BatchColumns; tst_signedbatch (fastWriterMatchesTheColumnTable) checks
    // that the two give the same bytes.
    using C = SignedBatchReader;
    static const char* const select
        = "SELECT id, signed_at, petition_id, petition_version, consent_version, country, postcode_area, "
          "uk_citizen_or_resident, 1, contact_opt_in, language, stall_id, device_id, sealed_drawing IS NOT NULL, "
          "sealed, sealed_drawing, signature_svg IS NOT NULL OR full_name <> '' FROM signatures WHERE seq > ?1 AND "
          "seq <= ?2 ORDER BY seq";
    constexpr int SealedDrawing = C::ColumnCount;
    constexpr int InClear = C::ColumnCount + 1;
    if (sqlite3_open_v2(file.constData(), &d.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK
        || sqlite3_busy_timeout(d.db, 5000) != SQLITE_OK
        || sqlite3_exec(d.db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK
        || sqlite3_prepare_v2(d.db, select, -1, &d.rows, nullptr) != SQLITE_OK
        || sqlite3_bind_int64(d.rows, 1, afterRow) != SQLITE_OK
        || sqlite3_bind_int64(d.rows, 2, upToRow) != SQLITE_OK) {
        w.error = QStringLiteral("the database could not be read (%1)")
                      .arg(QString::fromUtf8(d.db ? sqlite3_errmsg(d.db) : "out of memory"));
        return w;
    }

    Output csv(csvPath);
    Output drawings(drawingsPath);
    if (!csv.open() || !drawings.open()) {
        w.error = csv.errorString().isEmpty() ? drawings.errorString() : csv.errorString();
        return w;
    }
    QByteArray& out = csv.buffer();
    out += "\xEF\xBB\xBF";
    const QStringList headers = BatchColumns::headers(BatchKind::Sealed);
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (i > 0)
            out += ',';
        CsvWriter::appendField(out, headers.at(i));
    }
    out += "\r\n";
    drawings.buffer().append(DrawingsFile::Magic, DrawingsFile::MagicBytes);

    QHash<QByteArray, qint64> petitions; // "id\nversion" -> rows
    QByteArray runPetition;
    int runVersion = 0;
    qint64 runRows = 0;
    QByteArray firstSignedAt, lastSignedAt;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(d.rows)) == SQLITE_ROW) {
        sqlite3_stmt* r = d.rows;
        const int sealedBytes = sqlite3_column_bytes(r, C::Sealed);
        const auto* sealed = static_cast<const unsigned char*>(sqlite3_column_blob(r, C::Sealed));
        if (!sealed || sealedBytes == 0 || sqlite3_column_int(r, InClear) != 0) {
            w.error = QStringLiteral("signature %1 is not sealed; run petition-kiosk-admin seal-existing first")
                          .arg(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(r, C::Id))));
            return w;
        }
        const int drawingBytes = sqlite3_column_bytes(r, SealedDrawing);
        const auto* drawing = static_cast<const char*>(sqlite3_column_blob(r, SealedDrawing));
        const bool hasDrawing = drawing && drawingBytes > 0;

        appendText(out, r, C::Id);
        for (const int c :
            { C::SignedAt, C::PetitionId, C::PetitionVersion, C::ConsentVersion, C::Country, C::PostcodeArea }) {
            out += ',';
            appendText(out, r, c);
        }
        out += ',';
        appendYesNo(out, sqlite3_column_int(r, C::Resident) == 1);
        out += ",\"yes\","; // consent: the store refuses a signature without it
        appendYesNo(out, sqlite3_column_int(r, C::OptIn) == 1);
        for (const int c : { C::Language, C::StallId, C::DeviceId }) {
            out += ',';
            appendText(out, r, c);
        }
        out += ',';
        appendYesNo(out, hasDrawing);
        out += ",\"s1:";
        appendBase64(out, sealed, sealedBytes);
        out += "\"\r\n";

        if (hasDrawing) {
            DrawingsFile::appendRecord(drawings.buffer(),
                QByteArrayView(
                    reinterpret_cast<const char*>(sqlite3_column_text(r, C::Id)), sqlite3_column_bytes(r, C::Id)),
                QByteArrayView(drawing, drawingBytes));
            if (!drawings.maybeFlush()) {
                w.error = drawings.errorString();
                return w;
            }
        }
        const QByteArrayView signedAt(
            reinterpret_cast<const char*>(sqlite3_column_text(r, C::SignedAt)), sqlite3_column_bytes(r, C::SignedAt));
        // Copied into buffers of their own size, which are reused: no allocation for a row.
        const auto keep = [](QByteArray& into, QByteArrayView value) {
            into.resize(value.size());
            std::memcpy(into.data(), value.data(), std::size_t(value.size()));
        };
        if (w.rows == 0 || signedAt < firstSignedAt)
            keep(firstSignedAt, signedAt);
        if (signedAt > lastSignedAt)
            keep(lastSignedAt, signedAt);
        // Rows of one petition and version come in runs: counted per run, then added up.
        const QByteArrayView petitionId(reinterpret_cast<const char*>(sqlite3_column_text(r, C::PetitionId)),
            sqlite3_column_bytes(r, C::PetitionId));
        const int version = sqlite3_column_int(r, C::PetitionVersion);
        if (petitionId != QByteArrayView(runPetition) || version != runVersion) {
            if (runRows > 0)
                petitions[runPetition + '\n' + QByteArray::number(runVersion)] += runRows;
            runPetition = petitionId.toByteArray();
            runVersion = version;
            runRows = 0;
        }
        ++runRows;
        ++w.rows;
        if (!csv.maybeFlush()) {
            w.error = csv.errorString();
            return w;
        }
        if (progress && w.rows % 2000 == 0)
            progress(w.rows);
    }
    if (runRows > 0)
        petitions[runPetition + '\n' + QByteArray::number(runVersion)] += runRows;
    if (step != SQLITE_DONE) {
        w.error = QStringLiteral("the database could not be read (%1)").arg(QString::fromUtf8(sqlite3_errmsg(d.db)));
        return w;
    }
    if (!csv.finish() || !drawings.finish()) {
        w.error = csv.errorString().isEmpty() ? drawings.errorString() : csv.errorString();
        return w;
    }
    if (progress)
        progress(w.rows);
    w.firstSignedAt = QString::fromUtf8(firstSignedAt);
    w.lastSignedAt = QString::fromUtf8(lastSignedAt);
    w.csvSha256 = csv.sha256();
    w.csvBytes = csv.bytes();
    w.drawingsSha256 = drawings.sha256();
    w.drawingsBytes = drawings.bytes();
    for (auto it = petitions.cbegin(); it != petitions.cend(); ++it) {
        const QList<QByteArray> parts = it.key().split('\n');
        w.petitions.append({ QString::fromUtf8(parts.value(0)), parts.value(1).toInt(), it.value() });
    }
    std::sort(w.petitions.begin(), w.petitions.end(), [](const PetitionRows& a, const PetitionRows& b) {
        return std::tie(a.id, a.version) < std::tie(b.id, b.version);
    });
    return w;
}

} // namespace kiosk
