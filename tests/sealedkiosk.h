#pragma once

// A sealed kiosk for the batch and hub tests: a data folder of its own, sealed to the test coordinator's key, its
// stall open, exporting signed batches (format 2) to a stick beside it.

#include "core/batchexporter.h"
#include "core/signaturestore.h"
#include "samplesignature.h"
#include "sealingsupport.h"

#include <QTemporaryDir>

namespace kiosk::test {

struct SealedKiosk
{
    QTemporaryDir dir;
    SignatureStore store;
    QString data = dir.filePath(QStringLiteral("data"));
    QString stick = dir.filePath(QStringLiteral("stick"));
    int serial = 0;

    // Enrolled with the test coordinator's key, or with `publicKey`.
    bool open(const QByteArray& publicKey = {})
    {
        if (!store.open(data) || !store.sealing().enrol(publicKey.isEmpty() ? coordinatorKeys()->publicKey : publicKey))
            return false;
        store.sealing().unlock(duplicateKey());
        return true;
    }
    // Saves `n` signers (every third draws) and exports them to the stick.
    BatchExporter::Outcome signAndExport(int n)
    {
        for (int i = 0; i < n; ++i, ++serial) {
            Signature s = sampleSignature(
                QStringLiteral("Signer Number%1").arg(QChar(u'a' + serial % 26)) + QString(QChar(u'a' + serial / 26)));
            if (serial % 3 == 0)
                s.signatureSvg = R"(<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L10 10"/></svg>)";
            if (store.signatures().save(s).status != SaveResult::Status::Stored)
                return {};
        }
        return BatchExporter(store, QStringLiteral("test")).exportNew(stick, QStringLiteral("stall"));
    }
};

} // namespace kiosk::test
