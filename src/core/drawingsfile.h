#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

class QIODevice;

namespace kiosk {

class Sha256Stream;

// A format-2 batch's drawings.bin: every sealed drawing of the batch in one file, in the CSV's row order (one file per
// drawing cost about 100 µs each on a stick). After a text line naming the format, one record per row that has a
// drawing: the signature's id (36 bytes of UUID text), the sealed drawing's length (4 bytes, little-endian,
// 1..MaxRecordBytes), then the sealed bytes.
namespace DrawingsFile {
inline constexpr char Magic[] = "petition-kiosk drawings 2\n";
inline constexpr qsizetype MagicBytes = sizeof(Magic) - 1;
inline constexpr qsizetype IdBytes = 36;
// A sealed drawing: the kiosk caps a drawing's SVG far below this.
inline constexpr qint64 MaxRecordBytes = 1024 * 1024;

// Appends one record to `out`.
void appendRecord(QByteArray& out, QByteArrayView id, QByteArrayView sealed);

// Reads drawings.bin record by record, with memory bounded by one record, hashing every byte it reads.
class Reader final
{
public:
    explicit Reader(QIODevice& device);
    ~Reader();
    // The next record, or false at the end or on damage (see error()).
    bool next(QByteArray& id, QByteArray& sealed);
    QString error() const { return m_error; }
    // Reads (and hashes) whatever is left, then gives the SHA-256 of every byte of the device.
    QByteArray sha256();
    qint64 bytesRead() const { return m_read; }

private:
    bool readExactly(char* into, qint64 n);
    bool fill();

    QIODevice& m_device;
    std::unique_ptr<Sha256Stream> m_hash; // of every byte read from the device, on another thread
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_read = 0;
    bool m_started = false;
    QString m_error;
};
} // namespace DrawingsFile

} // namespace kiosk
