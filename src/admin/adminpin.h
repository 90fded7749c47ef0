#pragma once

#include "core/storeerror.h"

#include <QDateTime>
#include <QString>

namespace kiosk {

class MetaValues;
class SignatureStore;

// The volunteers' PIN: at least six digits, stored as PBKDF2-SHA256 (QPasswordDigestor) with a random salt and
// 100,000 iterations in the data folder's database. After five wrong tries the pad locks for 30 s, doubling with
// each further wrong try; the lock is stored too, so a restart does not lift it. There is no default PIN.
class AdminPin final
{
public:
    static constexpr int MinDigits = 6;
    static constexpr int MaxDigits = 12;
    static constexpr int Iterations = 100000;
    static constexpr int FreeTries = 5;
    static constexpr int FirstLockSeconds = 30;

    enum class Status { Ok, Wrong, LockedOut, NotSet, Error };
    struct Result
    {
        Status status = Status::Error;
        QDateTime lockedUntil; // when status is LockedOut, or Wrong and now locked
        int failures = 0;
        StoreError error = StoreError::None; // when status is Error
    };

    explicit AdminPin(SignatureStore& store);

    // Why `pin` cannot be a PIN, in words for a volunteer; empty if it can.
    static QString problemWith(const QString& pin);

    bool isSet();
    bool set(const QString& pin); // a new random salt each time; resets the lockout
    Result verify(const QString& pin, const QDateTime& now = QDateTime::currentDateTimeUtc());
    QDateTime lockedUntil(const QDateTime& now = QDateTime::currentDateTimeUtc());

private:
    MetaValues& m_meta;
};

} // namespace kiosk
