#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QIODevice;

namespace kiosk {

class Sha256Stream;

// RFC 4180 CSV for the coordinators' batches: UTF-8 with a byte-order mark, CRLF line ends, every field quoted.
// Spreadsheet formula injection is neutralised: a cell that begins with = + - @ TAB CR or LF gets a leading
// apostrophe, and so does a cell that already begins with an apostrophe, so that a reader recovers every value
// exactly by dropping one leading apostrophe where there is one.
class CsvWriter final
{
public:
    explicit CsvWriter(QIODevice* device);
    bool writeBom();
    // Writes one record; false if the device refused the bytes.
    bool writeRow(const QStringList& fields);
    QByteArray lastRow() const { return m_row; } // the bytes of the last record, for hashing

    static QString neutralise(const QString& value);
    // Whether a cell that begins with this character gets a leading apostrophe: = + - @ TAB CR LF and ' itself.
    static bool needsApostrophe(char16_t first);
    static QString restore(const QString& cell); // neutralise()'s inverse
    static void appendField(QByteArray& out, const QString& value);

private:
    QIODevice* m_device;
    QByteArray m_row;
};

// Reads what CsvWriter writes (and any RFC 4180 CSV), strictly: reports the first record that breaks the format.
class CsvReader final
{
public:
    struct Result
    {
        QList<QStringList> records; // raw cells, apostrophes kept
        bool hadBom = false;
        QString error; // "record 12: …"; empty if the text is well-formed
        bool ok() const { return error.isEmpty(); }
    };
    // `requireQuoted`: every field must be quoted, and records must end with CRLF (the batch format).
    static Result parse(const QByteArray& bytes, bool requireQuoted);
};

// Reads CSV from a device record by record, as CsvReader does but without holding the text: memory stays at one
// buffer and one record, whatever the file's size. Every byte read is hashed (SHA-256), so a caller checks a file's
// hash and its content in one pass.
class CsvStream final
{
public:
    static constexpr qsizetype MaxRecordBytes = 64 * 1024;

    enum class Hashing { On, Off };
    // Hashing Off: for a text that is checked against nothing (CsvReader::parse); sha256() is then empty.
    CsvStream(QIODevice& device, bool requireQuoted, qsizetype maxRecordBytes = MaxRecordBytes,
        Hashing hashing = Hashing::On);
    ~CsvStream();
    // The next record's raw cells (UTF-8, apostrophes kept); false at the end of the text or on an error.
    bool next(QList<QByteArray>& cells);
    bool hadBom() const { return m_hadBom; }
    QString error() const { return m_error; } // "record 12: …"
    qint64 records() const { return m_records; }
    // Reads (and hashes) whatever is left, then gives the SHA-256 of every byte of the device and their count.
    QByteArray sha256();
    qint64 bytesRead() const { return m_read; }

private:
    enum class Parse { Record, NeedMore, Failed };
    Parse parseRecord(QList<QByteArray>& cells, bool atEnd);
    bool fill();
    bool fail(const QString& why);

    QIODevice& m_device;
    bool m_requireQuoted;
    qsizetype m_maxRecordBytes;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    bool m_started = false;
    bool m_hadBom = false;
    qint64 m_records = 0;
    qint64 m_read = 0;
    QString m_error;
    std::unique_ptr<Sha256Stream> m_hash;
};

} // namespace kiosk
