#pragma once

#include "signaturestore.h"

namespace kiosk {

class BackupPolicy;
class KioskSettings;
struct Campaign;

// The completion of one signature: the signer's draft gets the campaign's petition and consent versions, the
// language it was signed in and the stall; it is saved (rules, duplicates, durable commit), and a stored one counts
// towards the next backup.
class SignatureIntake final
{
public:
    SignatureIntake(SignatureStore& store, const KioskSettings& settings, BackupPolicy& backups);

    SaveResult complete(Signature draft, const Campaign& campaign, const QString& language);

private:
    SignatureStore& m_store;
    const KioskSettings& m_settings;
    BackupPolicy& m_backups;
};

} // namespace kiosk
