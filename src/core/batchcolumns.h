#pragma once

#include "signaturetable.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace kiosk {

// What a CSV row needs besides the signature itself.
struct ExportContext
{
    QString signatureFile; // "signatures/<uuid>.svg", or empty when the signer drew nothing
    QString batchId;
};

// One column of a batch's signatures.csv: its header, and how its cell is made from a signature.
struct BatchColumn
{
    const char* header;
    QString (*cell)(const ExportRow& row, const ExportContext& context);
};

// The batch format's columns, in order, defined once. The CSV writer, the manifest's column list and BatchVerifier
// all read this table.
class BatchColumns final
{
public:
    static const std::vector<BatchColumn>& all();
    static QStringList headers();
    static QStringList cells(const ExportRow& row, const ExportContext& context);
    // The column's position, or -1.
    static int indexOf(const char* header);
};

} // namespace kiosk
