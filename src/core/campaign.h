#pragma once

#include "result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace kiosk {

struct CampaignPage
{
    QString slug; // "02-about-falun-gong"
    QString title; // the first "# " heading
    QString markdown;
    QString teaser() const; // the first paragraph of prose, as Markdown (the attract screen shows it as plain text)
};

// Texts that exist per language. English is the original; other languages are translations for reference.
struct CampaignTexts
{
    QString title; // the campaign's headline
    QString callToAction; // one line under it
    QString petitionTitle;
    QString petitionText; // Markdown
    QString consentText;
    QString privacyShort; // Markdown
    QString privacyFull; // Markdown
};

// A campaign: what the kiosk says and what people sign. Loaded from a folder (the built-in one is compiled in
// at ":/campaign") holding campaign.json and pages/<lang>/NN-slug.md.
struct Campaign
{
    QString organisationName;
    QString organisationContact;
    QString petitionId;
    int petitionVersion = 0;
    int consentVersion = 0;
    // The consent versions whose words let the organisers present a signer's name to the Government (campaign.json
    // "consent": {"hand_in_versions": [1, 2]}): only those signatures go into the hand-in list. Empty: none.
    QList<int> handInConsentVersions;
    // Whether thank-you may show the signer's given name (campaign.json "thank_you": {"first_name": true}). Off by
    // default: the screen is public.
    bool thankByFirstName = false;
    // Where a QR code on thank-you leads (campaign.json "share_url": an http or https address); empty: no QR code.
    QString shareUrl;
    QStringList languages; // the first is the original, "en"
    QMap<QString, CampaignTexts> texts; // per language
    QMap<QString, QList<CampaignPage>> pages; // per language, in file-name order
    QString folder; // where it was loaded from
    QStringList notes; // what was left out (images from outside the folder, say), for check-campaign

    static constexpr const char* BuiltInFolder = ":/campaign";

    // The texts for `language`, falling back to the original language field by field.
    CampaignTexts textsFor(const QString& language) const;
    QList<CampaignPage> pagesFor(const QString& language) const;
    bool isOriginalLanguage(const QString& language) const { return language == languages.value(0); }
};

class CampaignLoader final
{
public:
    // On failure returns nothing and sets `error` to a sentence naming the file and the problem.
    static Result<Campaign> load(const QString& folder);
};

} // namespace kiosk
