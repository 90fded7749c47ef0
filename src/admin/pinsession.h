#pragma once

#include "adminpin.h"

#include <QDateTime>

namespace kiosk {

class AuditLog;

// One try at the PIN pad: checks the PIN, keeps the lockout, and writes the audit entries (wrong PIN, pad locked).
// The pad only shows what the verdict says.
class PinSession final
{
public:
    struct Verdict
    {
        enum class Kind { Open, Wrong, Locked, Error };
        Kind kind = Kind::Error;
        int triesLeft = 0; // Wrong: before the pad locks
        QDateTime lockedUntil; // Locked
        StoreError error = StoreError::None; // Error: why the PIN could not be checked
        std::shared_ptr<const SecretBytes> key; // Open: the duplicate key, to open the stall
        bool mustChange = false; // Open: a PIN from before sealing, shorter than AdminPin::MinDigits
    };

    PinSession(AdminPin& pin, AuditLog& audit)
        : m_pin(pin)
        , m_audit(audit)
    {
    }

    Verdict check(const QString& pin, const QDateTime& now = QDateTime::currentDateTimeUtc());

private:
    AdminPin& m_pin;
    AuditLog& m_audit;
};

} // namespace kiosk
