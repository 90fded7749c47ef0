#include "pinsession.h"

#include "core/auditlog.h"
#include "core/signature.h"

namespace kiosk {

PinSession::Verdict PinSession::check(const QString& pin, const QDateTime& now)
{
    Verdict verdict;
    const AdminPin::Result result = m_pin.verify(pin, now);
    switch (result.status) {
    case AdminPin::Status::Ok:
        verdict.kind = Verdict::Kind::Open;
        verdict.key = result.key;
        verdict.mustChange = result.mustChange;
        break;
    case AdminPin::Status::Wrong:
        if (result.lockedUntil.isValid()) {
            (void)m_audit.append(QStringLiteral("PIN pad locked"),
                QStringLiteral("wrong tries=%1, until %2").arg(result.failures).arg(toIsoUtc(result.lockedUntil)));
            verdict.kind = Verdict::Kind::Locked;
            verdict.lockedUntil = result.lockedUntil;
        } else {
            (void)m_audit.append(QStringLiteral("wrong PIN"), QStringLiteral("wrong tries=%1").arg(result.failures));
            verdict.kind = Verdict::Kind::Wrong;
            verdict.triesLeft = AdminPin::FreeTries - result.failures;
        }
        break;
    case AdminPin::Status::LockedOut:
        verdict.kind = Verdict::Kind::Locked;
        verdict.lockedUntil = result.lockedUntil;
        break;
    case AdminPin::Status::NotSet:
    case AdminPin::Status::Error:
        verdict.kind = Verdict::Kind::Error;
        verdict.error = result.error == StoreError::None ? StoreError::NotFound : result.error;
        break;
    }
    return verdict;
}

} // namespace kiosk
