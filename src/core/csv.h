#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

namespace kiosk {

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

} // namespace kiosk
