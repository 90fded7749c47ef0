#include "signatureintake.h"

#include "backup.h"
#include "campaign.h"
#include "kiosksettings.h"

namespace kiosk {

SignatureIntake::SignatureIntake(SignatureStore& store, const KioskSettings& settings, BackupPolicy& backups)
    : m_store(store)
    , m_settings(settings)
    , m_backups(backups)
{
}

SaveResult SignatureIntake::complete(Signature draft, const Campaign& campaign, const QString& language)
{
    draft.petitionId = campaign.petitionId;
    draft.petitionVersion = campaign.petitionVersion;
    draft.consentVersion = campaign.consentVersion;
    draft.language = language;
    draft.stallId = m_settings.stallId();
    SaveResult result = m_store.signatures().save(draft);
    if (result.status == SaveResult::Status::Stored)
        m_backups.noteStored();
    return result;
}

} // namespace kiosk
