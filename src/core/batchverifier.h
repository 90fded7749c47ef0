#pragma once

#include <QString>
#include <QStringList>

namespace kiosk {

// Checks a batch folder against its manifest: every file's SHA-256, no missing or extra signature files, the CSV's
// structure (BOM, header, quoted fields, CRLF, the column count) and its row count.
class BatchVerifier final
{
public:
    struct Result
    {
        bool ok = false;
        qint64 rows = 0;
        QStringList problems; // "signatures.csv row 17: …", "signatures/<uuid>.svg: missing"
    };
    static Result verify(const QString& batchFolder);
};

} // namespace kiosk
