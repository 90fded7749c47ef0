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

std::optional<Campaign> CampaignSource::loadChecked(const QString& folder, SignatureStore& store, QString* problem)
{
    auto campaign = CampaignLoader::load(folder, problem);
    if (!campaign)
        return std::nullopt;
    const QString json = QDir(folder).filePath(QStringLiteral("campaign.json"));
    QString conflict;
    if (!store.recordTextVersion(QStringLiteral("petition"), campaign->petitionId, campaign->petitionVersion,
            petitionDigest(*campaign), &conflict)
        || !store.recordTextVersion(QStringLiteral("consent"), campaign->petitionId, campaign->consentVersion,
            consentDigest(*campaign), &conflict)) {
        if (problem)
            *problem = QStringLiteral("%1: %2").arg(json, conflict.isEmpty() ? store.errorString() : conflict);
        return std::nullopt;
    }
    return campaign;
}

CampaignSource::Choice CampaignSource::choose(const QString& overrideFolder, SignatureStore& store)
{
    Choice choice;
    if (!overrideFolder.isEmpty()) {
        choice.campaign = loadChecked(overrideFolder, store, &choice.problem);
        if (choice.campaign) {
            choice.builtIn = false;
            return choice;
        }
        qCWarning(lcStore) << "campaign folder not used:" << choice.problem;
    }
    QString builtInProblem;
    choice.campaign = loadChecked(QString::fromLatin1(Campaign::BuiltInFolder), store, &builtInProblem);
    if (!choice.campaign)
        choice.problem
            = choice.problem.isEmpty() ? builtInProblem : choice.problem + QLatin1Char('\n') + builtInProblem;
    return choice;
}

} // namespace kiosk
