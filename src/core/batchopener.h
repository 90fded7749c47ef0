#pragma once

#include "result.h"
#include "sealing.h"

#include <QString>
#include <QStringList>

namespace kiosk {

// Opens a sealed batch (BatchKind::Sealed) with the coordinator's key pair into a clear copy: a folder named after
// the batch inside `outDir`, holding signatures.csv in the clear batch format (the same columns and rules as an
// unsealed kiosk's batch: UTF-8 with BOM, CRLF, every field quoted, formula-safe) and signatures/<id>.svg. The batch
// is verified first and refused if it fails. A row whose sealed values do not open, or open to another row's id, is
// named by id and left out; the result then says so (the CLI exits 1). The output is personal data in clear.
class BatchOpener final
{
public:
    struct Outcome
    {
        QString folder; // the clear copy
        qint64 rows = 0; // rows written
        QStringList unopened; // ids of rows that did not open
    };
    static Result<Outcome> open(const QString& batchFolder, const Sealing::KeyPair& keys, const QString& outDir);
};

} // namespace kiosk
