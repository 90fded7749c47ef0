#pragma once

#include "batchcolumns.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <optional>
#include <vector>

class QIODevice;

namespace kiosk {

// A batch's manifest.json: what the batch holds, every file with its size and SHA-256, and the CSV's columns. The
// document is a plain JSON object with its keys in sorted order, so the same batch always gives the same bytes.
// The file list is kept compact and streamed out as it is written: a million-row batch can hold 150,000 drawings.
class BatchManifest final
{
public:
    static constexpr const char* Format = "petition-kiosk-batch/1";
    // A sealed kiosk's batch (see BatchKind): sealed rows, drawings.bin, and the device's signature in manifest.sig.
    static constexpr const char* SignedFormat = "petition-kiosk-batch/2";
    static const char* formatOf(BatchKind kind) { return kind == BatchKind::Sealed ? SignedFormat : Format; }
    static constexpr const char* FileName = "manifest.json";
    // The other names in a batch folder: the CSV, the folder of drawings (signatures/<uuid>.svg, format 1), the file
    // of sealed drawings (format 2) and the manifest's signature (format 2).
    static QString csvName() { return QStringLiteral("signatures.csv"); }
    static QString drawingsFolder() { return QStringLiteral("signatures"); }
    static QString drawingsBinName() { return QStringLiteral("drawings.bin"); }
    static QString signatureName() { return QStringLiteral("manifest.sig"); }

    struct PetitionRows
    {
        QString id;
        int version = 0;
        qint64 rows = 0;
    };

    QString batchId;
    QString deviceId;
    QString stallId;
    QString createdAt;
    QString firstSignedAt;
    QString lastSignedAt;
    QString appVersion;
    qint64 rowCount = 0;
    QList<PetitionRows> petitions;
    BatchKind kind = BatchKind::Clear;
    QString coordinatorKey; // Sealed: the fingerprint of the key the rows are sealed to
    // Format 2: the device's chain of batches (1, 2, …; the SHA-256 of the previous batch's manifest.json, empty for
    // the first) and its Ed25519 public key, whose fingerprint the coordinator records.
    qint64 sequence = 0;
    QString previousManifestSha256;
    QByteArray deviceSigningKey;

    // The CSV itself, and a drawing by its signature's id (signatures/<id>.svg).
    void setCsv(const QByteArray& sha256, qint64 bytes);
    void addDrawing(const QString& signatureId, const QByteArray& sha256, qint64 bytes);
    void setDrawingsBin(const QByteArray& sha256, qint64 bytes); // format 2
    std::size_t drawings() const { return m_drawings.size(); }

    // Writes the document; false if the device refused bytes.
    bool write(QIODevice& device);

private:
    struct FileEntry
    {
        std::array<char, 36> id; // the signature's UUID text; empty for the CSV
        std::array<unsigned char, 32> sha256;
        qint64 bytes;
    };
    FileEntry m_csv {};
    FileEntry m_drawingsBin {};
    std::vector<FileEntry> m_drawings;
};

} // namespace kiosk
