#pragma once

#include "campaign.h"

#include <optional>

namespace kiosk {

class SignatureStore;

// Which campaign the kiosk shows: a coordinator's folder when one is set and sound, otherwise the built-in one.
// Every campaign shown has its petition and consent texts checked against the versions this kiosk has seen.
class CampaignSource final
{
public:
    struct Choice
    {
        std::optional<Campaign> campaign; // empty only if even the built-in campaign cannot be used
        bool builtIn = true;
        QString problem; // why the folder was not used, naming the file; empty if all is well
    };

    static Choice choose(const QString& overrideFolder, SignatureStore& store);

    // The fingerprints that a version number stands for: the original-language petition (title and wording)
    // and consent text. Translations are for reference and may be corrected under the same version.
    static QByteArray petitionDigest(const Campaign& campaign);
    static QByteArray consentDigest(const Campaign& campaign);

    // Loads and checks against the store's version record, and records the texts' versions.
    static Result<Campaign> loadChecked(const QString& folder, SignatureStore& store);
    // The same checks, recording nothing: for check-campaign and for the admin screen before it saves a folder.
    // `store` may be closed (no record to check against yet).
    static Result<Campaign> check(const QString& folder, SignatureStore& store);
};

} // namespace kiosk
