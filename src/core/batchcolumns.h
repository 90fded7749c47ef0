#pragma once

#include "signaturetable.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace kiosk {

// The two kinds of batch. A kiosk that holds names in clear (an unsealed test kiosk) writes format 1: the names in
// clear and the drawings as signatures/<id>.svg. A sealed kiosk cannot open its rows and writes format 2: the clear
// columns a count needs, the postcode's area, and one `sealed` cell ("s1:" and base64) with name, postcode and email,
// which only the coordinator's key opens; the sealed drawings in drawings.bin; and a manifest signed by the device.
enum class BatchKind { Clear, Sealed };

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
    static const std::vector<BatchColumn>& all(BatchKind kind = BatchKind::Clear);
    static QStringList headers(BatchKind kind = BatchKind::Clear);
    static QStringList cells(BatchKind kind, const ExportRow& row, const ExportContext& context);
    // The column's position, or -1.
    static int indexOf(BatchKind kind, const char* header);
    // "s1:" and the base64 of a sealed value; the prefix also keeps the cell from starting with + or -.
    static QString sealedCell(const QByteArray& sealed);
};

} // namespace kiosk
