#pragma once

#include "result.h"
#include "sealing.h"

#include <QByteArray>
#include <QString>

namespace kiosk {

// The coordinator's key pair, as files:
// - coordinator.pub: the X25519 public key and its fingerprint (JSON). It goes on kiosks and sticks.
// - coordinator.key: the secret key under a passphrase (Argon2id, then secretbox; JSON, mode 0600). It never goes on a
//   kiosk: it opens sealed signatures, batches, and a kiosk whose PIN was forgotten.
// Both are read as hostile: a regular file (after symlinks) of at most MaxFileBytes, of the right kind and shape.
// Failures carry an English sentence for the command line and the volunteer's first-run screen.
class CoordinatorKey final
{
public:
    static constexpr qint64 MaxFileBytes = 4096;
    static constexpr int MinPassphraseChars = 12;
    static QString publicFileName() { return QStringLiteral("coordinator.pub"); }
    static QString secretFileName() { return QStringLiteral("coordinator.key"); }

    // Why `passphrase` cannot be used; empty if it can.
    static QString problemWithPassphrase(const QString& passphrase);

    // Writes both files into `dir` (created owner-only if missing); refuses to overwrite either. The fingerprint.
    static Result<QString> writePair(const QString& dir, const QString& passphrase);

    static Result<QByteArray> readPublic(const QString& path);
    static Result<Sealing::KeyPair> readSecret(const QString& path, const QString& passphrase);

    // The public key's JSON, as coordinator.pub holds it.
    static QByteArray publicFileText(const QByteArray& publicKey);
};

} // namespace kiosk
