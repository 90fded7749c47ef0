#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace kiosk {

// Writes a format-2 batch's signatures.csv and drawings.bin (see BatchKind) for the rows afterRow+1..upToRow, straight
// from the database file: one read transaction through SQLite's C API, each value copied from SQLite's buffer into
// one output buffer as UTF-8, never through QVariant or QString, and each file hashed (SHA-256) as it is written and
// synced once. Memory stays at a few buffers whatever the batch's size. Only sealed rows are written: a row in clear
// on a sealed kiosk is an error, never written in clear.
class SealedBatchWriter final
{
public:
    struct PetitionRows
    {
        QString id;
        int version = 0;
        qint64 rows = 0;
    };
    struct Written
    {
        qint64 rows = 0;
        QString firstSignedAt;
        QString lastSignedAt;
        QByteArray csvSha256;
        qint64 csvBytes = 0;
        QByteArray drawingsSha256;
        qint64 drawingsBytes = 0;
        QList<PetitionRows> petitions;
        QString error; // empty when both files were written and synced
    };
    using Progress = std::function<void(qint64 done)>;

    // `csvPath` and `drawingsPath` are created (they must not exist).
    static Written write(const QString& databaseFile, qint64 afterRow, qint64 upToRow, const QString& csvPath,
        const QString& drawingsPath, const Progress& progress = {});
};

} // namespace kiosk
