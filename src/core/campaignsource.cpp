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

namespace {
enum class Record { Yes, No };

Result<Campaign> loadAndCompare(const QString& folder, SignatureStore& store, Record record)
{
    Result<Campaign> campaign = CampaignLoader::load(folder);
    if (!campaign || !store.isOpen())
        return campaign;
    TextVersions& texts = store.texts();
    const auto compare = [&](TextVersions::Kind kind, int version, const QByteArray& digest) {
        return record == Record::Yes ? texts.record(kind, campaign->petitionId, version, digest)
                                     : texts.check(kind, campaign->petitionId, version, digest);
    };
    VoidResult known
        = compare(TextVersions::Kind::Petition, campaign->petitionVersion, CampaignSource::petitionDigest(*campaign));
    if (known)
        known
            = compare(TextVersions::Kind::Consent, campaign->consentVersion, CampaignSource::consentDigest(*campaign));
    if (!known) {
        const QString sentence
            = QStringLiteral("%1: %2").arg(QDir(folder).filePath(QStringLiteral("campaign.json")), known.errorString());
        return Failure { known.error(), sentence, sentence };
    }
    return campaign;
}
} // namespace

Result<Campaign> CampaignSource::loadChecked(const QString& folder, SignatureStore& store)
{
    return loadAndCompare(folder, store, Record::Yes);
}

Result<Campaign> CampaignSource::check(const QString& folder, SignatureStore& store)
{
    return loadAndCompare(folder, store, Record::No);
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
