#pragma once

#include "result.h"
#include "sealing.h"

#include <QByteArray>
#include <QString>

namespace kiosk {

class DeviceKey;

// The hub's word that a batch is in it, for the kiosk that exported it: the kiosk may then forget the batch's sealed
// rows (`petition-kiosk-admin forget-batch`). A JSON file, `<batch-id>.<device-id>.confirmed.json`, format
// "petition-hub-import-confirmation/1":
//   statement  device_id, batch_id, manifest_sha256, rows, imported_at and the coordinator key's fingerprint;
//   nonce, box the statement's exact bytes in a crypto_box from the coordinator's X25519 key to the kiosk's (its
//              Ed25519 device key, converted): only the coordinator's secret key, or that kiosk's own, can make one
//              that opens, and it opens on that kiosk alone.
// The readable copy of the statement beside the box must say the same as the box. Read as hostile: a regular file of
// at most MaxFileBytes.
struct ImportConfirmation
{
    static constexpr qint64 MaxFileBytes = 16 * 1024;
    static constexpr const char* Format = "petition-hub-import-confirmation/1";

    QString deviceId;
    QString batchId;
    QString manifestSha256;
    qint64 rows = 0;
    QString importedAt;
    QString coordinatorKey; // fingerprint
    QString fileSha256; // read(): the file's SHA-256, for the audit log

    // The file's bytes, or empty if the device key is not a valid Ed25519 public key.
    QByteArray toFile(const QByteArray& deviceSigningKey, const Sealing::KeyPair& coordinator) const;
    // Reads and opens a confirmation with this kiosk's device key, from the coordinator it is sealed to. Fails with a
    // sentence when the file is missing, too large, damaged, made with another key, or for another kiosk.
    static Result<ImportConfirmation> read(
        const QString& path, const DeviceKey& deviceKey, const QByteArray& coordinatorPublicKey);
};

} // namespace kiosk
