#pragma once

#include "result.h"
#include "sealing.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace kiosk {

// The kiosk's own Ed25519 signing key, which signs every sealed batch's manifest (manifest.sig) so that a coordinator
// can tell a batch from this device from a forgery. It is made when the kiosk is enrolled, kept owner-only in the
// data folder (device-signing.key, beside the database but never in it or in a backup), and never leaves the device:
// only its public half travels, in each manifest, with a fingerprint (Sealing::fingerprint) that `init`, `stats` and
// the admin screen show for the coordinator to record.
class DeviceKey final
{
public:
    static QString fileName() { return QStringLiteral("device-signing.key"); }
    static constexpr qint64 MaxFileBytes = 4096;
    static constexpr int PublicKeyBytes = 32;
    static constexpr int SignatureBytes = 64;

    // The folder's key, made (owner-only, synced) if it has none yet. A key file that is there but damaged, a link
    // or not a regular file is refused, never replaced: a new key would break the device's chain of batches.
    static Result<DeviceKey> ensure(const QString& dataDir);
    // The folder's key; StoreError::NoSuchRecord if it has none.
    static Result<DeviceKey> load(const QString& dataDir);
    // The fingerprint of the folder's key, or empty if it has none (or a damaged one).
    static QString fingerprintIn(const QString& dataDir);

    const QByteArray& publicKey() const { return m_public; }
    QString fingerprint() const { return Sealing::fingerprint(m_public); }
    // The detached signature (crypto_sign_detached) of `message`.
    QByteArray sign(QByteArrayView message) const;

    static bool verify(const QByteArray& publicKey, QByteArrayView message, const QByteArray& signature);

    // Opens what the coordinator boxed to this device (Sealing::boxToDevice): nullopt if it was boxed to another
    // device, by another coordinator key, or changed.
    std::optional<QByteArray> openFromCoordinator(QByteArrayView boxed, const QByteArray& coordinatorPublicKey) const;

private:
    QByteArray m_public;
    std::shared_ptr<const SecretBytes> m_secret;
};

} // namespace kiosk
