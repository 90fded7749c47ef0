#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kiosk {

class CsvStream;
namespace DrawingsFile {
class Reader;
}

// Reads a format-2 batch's rows (see BatchVerifier) as a stream: signatures.csv record by record, each row's sealed
// drawing from drawings.bin beside it, every row checked as it is read and both files hashed on the way. `verify` and
// `open-batch` both read through it; `open-batch` reads a second time after verifying, and its second read is checked
// the same way, so a file changed in between is caught.
class SignedBatchReader final
{
public:
    // Columns by position in BatchColumns::all(BatchKind::Sealed).
    enum Column {
        Id,
        SignedAt,
        PetitionId,
        PetitionVersion,
        ConsentVersion,
        Country,
        PostcodeArea,
        Resident,
        Consent,
        OptIn,
        Language,
        StallId,
        DeviceId,
        HasDrawing,
        Sealed,
        ColumnCount
    };

    struct Row
    {
        qint64 number = 0; // the CSV's row number, the header being row 1
        QList<QByteArray> cells; // as written (format 2 has no cell that needs an apostrophe)
        QByteArray sealedDrawing; // empty when has_drawing is "no"
        QByteArray sealed() const { return QByteArray::fromBase64(cells.at(Sealed).mid(3)); }
    };

    // `manifest` has passed BatchVerifier's manifest checks: the files it names exist and are within the limits.
    SignedBatchReader(const QString& folder, const QJsonObject& manifest);
    ~SignedBatchReader();

    // Opens both files and checks the CSV's header. False with problem() otherwise.
    bool open();
    // The next row, checked; false at the end (problem() empty) or at the first problem.
    bool next(Row& row);
    // After the last row, or after a problem: reads what is left of both files to hash it. A file whose size or
    // SHA-256 is not the manifest's is reported as changed (before any row problem it caused); then the row problem;
    // then a row count other than the manifest's, or drawings left over. True if there is no problem.
    bool finish();
    QString problem() const { return m_problem; }

private:
    // The CSV is parsed on a thread of its own, a block of records ahead: parsing is about half of reading a batch,
    // and the other core is otherwise idle. Blocks wait in a short queue, so memory stays bounded.
    struct Block
    {
        std::vector<QList<QByteArray>> records; // reused: a block read goes back to the parser, cells and all
        std::size_t count = 0;
        qint64 firstNumber = 0;
    };
    void parse();
    void stopParsing();
    bool fail(const QString& problem);
    QString checkRow(const Row& row);

    QString m_folder;
    QJsonObject m_manifest;
    QFile m_csvFile;
    QFile m_drawingsFile;
    std::unique_ptr<CsvStream> m_csv;
    std::unique_ptr<DrawingsFile::Reader> m_drawings;
    qint64 m_rows = 0;
    QString m_problem;
    std::thread m_parser;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<Block>> m_blocks;
    std::vector<std::unique_ptr<Block>> m_spare;
    bool m_parsed = false; // the parser reached the end (or an error: m_parseError)
    bool m_stop = false;
    QString m_parseError;
    std::unique_ptr<Block> m_current;
    std::size_t m_next = 0;
    QByteArray m_deviceId;
    QSet<QByteArray> m_languages; // checked already
    QSet<QByteArray> m_stalls;
};

} // namespace kiosk
