#include "campaignsource.h"

#include "logging.h"
#include "signaturestore.h"

#include <QCryptographicHash>
#include <QDir>

namespace kiosk {

QByteArray CampaignSource::petitionDigest(const Campaign& campaign)
{
    const CampaignTexts t = campaign.texts.value(campaign.languages.value(0));
    return QCryptographicHash::hash((t.petitionTitle.trimmed() + QLatin1Char('\n') + t.petitionText.trimmed()).toUtf8(),
        QCryptographicHash::Sha256);
}

QByteArray CampaignSource::consentDigest(const Campaign& campaign)
{
    const CampaignTexts t = campaign.texts.value(campaign.languages.value(0));
    return QCryptographicHash::hash(t.consentText.trimmed().toUtf8(), QCryptographicHash::Sha256);
}

Result<Campaign> CampaignSource::loadChecked(const QString& folder, SignatureStore& store)
{
    Result<Campaign> campaign = CampaignLoader::load(folder);
    if (!campaign)
        return campaign;
    VoidResult known = store.texts().record(
        TextVersions::Kind::Petition, campaign->petitionId, campaign->petitionVersion, petitionDigest(*campaign));
    if (known)
        known = store.texts().record(
            TextVersions::Kind::Consent, campaign->petitionId, campaign->consentVersion, consentDigest(*campaign));
    if (!known) {
        const QString json = QDir(folder).filePath(QStringLiteral("campaign.json"));
        const QString sentence = QStringLiteral("%1: %2").arg(json, known.errorString());
        return Failure { known.error(), sentence, sentence };
    }
    return campaign;
}

CampaignSource::Choice CampaignSource::choose(const QString& overrideFolder, SignatureStore& store)
{
    Choice choice;
    if (!overrideFolder.isEmpty()) {
        Result<Campaign> chosen = loadChecked(overrideFolder, store);
        if (chosen) {
            choice.campaign = std::move(chosen).value();
            choice.builtIn = false;
            return choice;
        }
        choice.problem = chosen.errorString();
        qCWarning(lcCampaign) << "campaign folder not used:" << choice.problem;
    }
    Result<Campaign> builtIn = loadChecked(QString::fromLatin1(Campaign::BuiltInFolder), store);
    if (builtIn) {
        choice.campaign = std::move(builtIn).value();
    } else {
        const QString builtInProblem = builtIn.errorString();
        choice.problem
            = choice.problem.isEmpty() ? builtInProblem : choice.problem + QLatin1Char('\n') + builtInProblem;
    }
    return choice;
}

} // namespace kiosk
