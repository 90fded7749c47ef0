#pragma once

#include "core/result.h"
#include "core/sealing.h"
#include "core/storeerror.h"

#include <QDateTime>
#include <QString>

#include <memory>

namespace kiosk {

class MetaValues;
class SignatureStore;

// The volunteers' PIN, which is also the key to the stall. There is no PIN hash: the PIN wraps the duplicate key Kd
// (Argon2id over 256 MiB, then secretbox), and unwrapping Kd is the check. On a sealed kiosk Kd is also sealed to the
// coordinator's public key, so that a coordinator can recover a forgotten PIN (reset-pin) without the duplicate
// checks losing their memory. After five wrong tries the pad locks for 30 s, doubling with each further wrong try;
// the lock is stored too, so a restart does not lift it. There is no default PIN.
//
// A data folder from before sealing keeps a PBKDF2 hash; its PIN is checked that way once, then Kd is made and
// wrapped under it and the hash is deleted. A PIN shorter than MinDigits must then be changed (mustChange).
class AdminPin final
{
public:
    static constexpr int MinDigits = 8;
    static constexpr int MaxDigits = 12;
    static constexpr int LegacyIterations = 100000;
    static constexpr int FreeTries = 5;
    static constexpr int FirstLockSeconds = 30;

    enum class Status { Ok, Wrong, LockedOut, NotSet, Error };
    struct Result
    {
        Status status = Status::Error;
        QDateTime lockedUntil; // when status is LockedOut, or Wrong and now locked
        int failures = 0;
        StoreError error = StoreError::None; // when status is Error
        std::shared_ptr<const SecretBytes> key; // Ok: the duplicate key Kd
        bool mustChange = false; // Ok: the PIN is shorter than MinDigits (from before sealing)
    };

    explicit AdminPin(SignatureStore& store);

    // Why `pin` cannot be a PIN, in words for a volunteer; empty if it can.
    static QString problemWith(const QString& pin);

    bool isSet();
    // Sets the PIN and resets the lockout. `kd` is the duplicate key from verify() or resetWithCoordinatorKey();
    // without it a new Kd is made, which is refused on a sealed kiosk that has one already (the duplicate checks
    // would forget every earlier signer).
    // The duplicate key, as now wrapped under the PIN.
    kiosk::Result<std::shared_ptr<const SecretBytes>> set(const QString& pin, const SecretBytes* kd = nullptr);
    Result verify(const QString& pin, const QDateTime& now = QDateTime::currentDateTimeUtc());
    QDateTime lockedUntil(const QDateTime& now = QDateTime::currentDateTimeUtc());
    // (Re)writes the coordinator's copy of Kd: after seal-existing, or an enrolment that came after the PIN.
    VoidResult refreshCoordinatorCopy(const SecretBytes& kd);
    // Kd from the coordinator's copy (the coordinator's secret key opens it).
    kiosk::Result<std::shared_ptr<const SecretBytes>> recoverWithCoordinatorKey(const Sealing::KeyPair& keys);

private:
    Result verifyLegacy(const QString& pin, Result result, const QDateTime& now);
    Result countWrong(Result result, const QDateTime& now);
    kiosk::Result<QString> coordinatorCopy(const SecretBytes& kd);
    VoidResult store(const SecretBytes& kd, const QByteArray& wrapped, bool mustChange);

    SignatureStore& m_store;
    MetaValues& m_meta;
};

} // namespace kiosk
