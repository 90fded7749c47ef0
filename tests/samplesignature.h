#pragma once

// A valid sample signature, for the tests and for the crash helper (which does not link QtTest).

#include "core/signature.h"

#include <QString>

namespace kiosk::test {

inline Signature sampleSignature(const QString& name = QStringLiteral("Ann Example"),
    const QString& postcode = QStringLiteral("SW1A 1AA"), const QString& email = QString())
{
    Signature s;
    s.petitionId = QStringLiteral("stop-persecution-uk");
    s.petitionVersion = 1;
    s.consentVersion = 1;
    s.fullName = name;
    s.country = QStringLiteral("GB");
    s.postcode = postcode;
    s.email = email;
    s.ukCitizenOrResident = Residency::Yes;
    s.consent = true;
    s.language = QStringLiteral("en");
    s.stallId = QStringLiteral("test-stall");
    return s;
}

} // namespace kiosk::test
