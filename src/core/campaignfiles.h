#pragma once

#include "result.h"

#include <QDir>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace kiosk {

// What a campaign folder may hold. A coordinator's folder comes from outside (a stick, a download) and may be hostile
// or simply wrong; these limits keep it from reading other files, hanging the kiosk or filling its memory.
// docs/coordinators.md, "What the kiosk refuses", lists them for coordinators.
namespace CampaignLimits {
inline constexpr qint64 JsonBytes = 64 * 1024; // campaign.json
inline constexpr qint64 PageBytes = 256 * 1024; // a page, the petition text, the full privacy notice
inline constexpr qint64 NoticeBytes = 16 * 1024; // a short notice (privacy_short), shown on the sign form
inline constexpr qint64 ImageBytes = 2 * 1024 * 1024; // an image a page shows
inline constexpr qint64 FolderBytes = 16 * 1024 * 1024; // everything the campaign reads, together
inline constexpr int PagesPerLanguage = 20;
// The language bar must fit the narrowest supported screen (800 px, portrait) with "Sign the petition" beside it;
// measured by tst_campaign::languageBarFitsAtTheLimit with the widest native names Qt gives.
inline constexpr int Languages = 3;
inline constexpr int HandInConsentVersions = 64; // consent.hand_in_versions
inline constexpr int ShareUrlBytes = 300; // share_url: a QR code a phone reads across a stall
} // namespace CampaignLimits

// Reads files named by a campaign, inside its folder only. A name must be relative, without "..", and resolve, after
// symlinks, to a regular file inside the folder; its size must be within the limit, and text must be valid UTF-8.
// Every read counts towards CampaignLimits::FolderBytes. Failures name the file and the rule in English (for
// check-campaign and the volunteer's notice).
class CampaignFiles final
{
public:
    explicit CampaignFiles(const QString& folder);

    Result<QString> readText(const QString& name, qint64 limit, const QString& namedBy);
    Result<QByteArray> readBytes(const QString& name, qint64 limit, const QString& namedBy);
    // The absolute path of a file inside the folder that passes the same rules, without reading it.
    Result<QString> locate(const QString& name, qint64 limit, const QString& namedBy);

    QString folder() const { return m_root; }
    QString canonicalFolder() const { return m_canonicalRoot; }
    qint64 bytesRead() const { return m_total; }

    // A language code that may name a folder (pages/<language>): "en", "zh_CN", "pt_BR", "yue".
    static bool isLanguageCode(const QString& code);

private:
    Failure refuse(const QString& name, const QString& why, const QString& namedBy) const;

    QString m_root; // as given, for messages
    QString m_canonicalRoot;
    qint64 m_total = 0;
};

// Image references in a page's Markdown. Only images inside the campaign folder, in a raster or SVG format, within
// CampaignLimits::ImageBytes, are kept (rewritten to their absolute path); every other image reference, and every raw
// HTML <img>, is dropped. `dropped` gets one line per dropped reference, for check-campaign.
QString keepCampaignImages(const QString& markdown, CampaignFiles& files, const QString& where, QStringList& dropped);
// The inline image reference keepCampaignImages() looks for: ![alt](target "title"); the target is group 2.
const QRegularExpression& campaignInlineImage();

} // namespace kiosk
