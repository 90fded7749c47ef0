#pragma once

#include <QString>
#include <QStringList>

namespace kiosk {

// Checks a batch folder, which may come from anyone, against its manifest. It stops at the first failure and says
// why, so that nothing in a tampered batch is counted. In order:
//   1. signatures.csv and manifest.json are present, as regular files, and the manifest is a batch manifest;
//   2. every file in the folder is listed and every listed file is present, as a regular file inside the folder
//      (no links, no special files, nothing but signatures.csv and signatures/<uuid>.svg);
//   3. each file's byte count and SHA-256 match the manifest;
//   4. the CSV is the batch format (BOM, header, quoted fields, CRLF), its row count is the manifest's, ids are
//      well-formed UUIDs and unique, and every field passes the signing rules;
//   5. every drawing is referenced by exactly one row, its own.
// Sizes are limited (BatchVerifier::Max*); a larger file is refused without being read.
class BatchVerifier final
{
public:
    static constexpr qint64 MaxManifestBytes = 64 * 1024 * 1024;
    static constexpr qint64 MaxCsvBytes = 1024 * 1024 * 1024;
    static constexpr qint64 MaxDrawingBytes = 1024 * 1024;
    // A sealed batch's `sealed` cell: a sealed name, postcode and email (each within the form's limits), in base64.
    static constexpr int MaxSealedCellChars = 8192;

    struct Result
    {
        bool ok = false;
        qint64 rows = 0;
        QStringList problems; // the first failure: "signatures.csv row 17: …", "signatures/<uuid>.svg: missing"
    };
    static Result verify(const QString& batchFolder);
};

} // namespace kiosk
