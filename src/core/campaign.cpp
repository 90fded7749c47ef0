#include "campaign.h"

#include "campaignfiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace kiosk {

QString CampaignPage::teaser() const
{
    const QStringList blocks = markdown.split(QRegularExpression(QStringLiteral("\\n\\s*\\n")), Qt::SkipEmptyParts);
    for (const QString& block : blocks) {
        const QString trimmed = block.trimmed();
        // Not a heading, a quote, an image, a list, a table, a code block or a rule: a paragraph of prose.
        static const QRegularExpression notProse(
            QStringLiteral("^(#|>|!\\[|[-*+]\\s|\\d+[.)]\\s|\\||```|~~~|(-\\s*){3,}$|(\\*\\s*){3,}$|(_\\s*){3,}$)"));
        if (!notProse.match(trimmed).hasMatch())
            return trimmed;
    }
    return {};
}

CampaignTexts Campaign::textsFor(const QString& language) const
{
    const CampaignTexts original = texts.value(languages.value(0));
    if (!texts.contains(language))
        return original;
    CampaignTexts t = texts.value(language);
    const auto fill = [](QString& field, const QString& fallback) {
        if (field.isEmpty())
            field = fallback;
    };
    fill(t.title, original.title);
    fill(t.callToAction, original.callToAction);
    fill(t.petitionTitle, original.petitionTitle);
    fill(t.petitionText, original.petitionText);
    fill(t.consentText, original.consentText);
    fill(t.privacyShort, original.privacyShort);
    fill(t.privacyFull, original.privacyFull);
    return t;
}

QList<CampaignPage> Campaign::pagesFor(const QString& language) const
{
    return pages.contains(language) ? pages.value(language) : pages.value(languages.value(0));
}

namespace {

bool failWith(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

// A text is either a string in campaign.json or {"file": "relative/path.md"}, read within `limit`.
bool readText(CampaignFiles& files, const QJsonValue& value, const QString& where, qint64 limit, QString& out,
    QStringList& notes, QString* error)
{
    if (value.isString()) {
        out = value.toString();
    } else if (value.isObject() && value.toObject().value(QStringLiteral("file")).isString()) {
        const Result<QString> text
            = files.readText(value.toObject().value(QStringLiteral("file")).toString(), limit, where);
        if (!text)
            return failWith(error, text.errorString());
        out = *text;
    } else if (value.isUndefined() || value.isNull()) {
        return true;
    } else {
        return failWith(error, QStringLiteral("campaign.json: %1 must be text or {\"file\": …}").arg(where));
    }
    out = keepCampaignImages(out, files, where, notes);
    return true;
}

bool readTexts(CampaignFiles& files, const QJsonObject& o, const QString& where, CampaignTexts& t, QStringList& notes,
    QString* error)
{
    using L = QPair<const char*, QPair<QString*, qint64>>;
    for (const L& field : { L { "title", { &t.title, CampaignLimits::NoticeBytes } },
             L { "call_to_action", { &t.callToAction, CampaignLimits::NoticeBytes } },
             L { "petition_title", { &t.petitionTitle, CampaignLimits::NoticeBytes } },
             L { "petition_text", { &t.petitionText, CampaignLimits::PageBytes } },
             L { "consent_text", { &t.consentText, CampaignLimits::NoticeBytes } },
             L { "privacy_short", { &t.privacyShort, CampaignLimits::NoticeBytes } },
             L { "privacy_full", { &t.privacyFull, CampaignLimits::PageBytes } } }) {
        const QString key = QLatin1String(field.first);
        if (!readText(files, o.value(key), where + QLatin1Char('.') + key, field.second.second, *field.second.first,
                notes, error))
            return false;
    }
    return true;
}

bool readPages(
    CampaignFiles& files, const QString& language, QList<CampaignPage>& pages, QStringList& notes, QString* error)
{
    const QString folder = QStringLiteral("pages/") + language;
    const QDir pagesDir(QDir(files.folder()).filePath(folder));
    const QStringList names = pagesDir.entryList({ QStringLiteral("*.md") }, QDir::Files | QDir::System, QDir::Name);
    if (names.isEmpty())
        return failWith(
            error, QStringLiteral("%1: the language %2 is listed but has no pages").arg(pagesDir.path(), language));
    if (names.size() > CampaignLimits::PagesPerLanguage)
        return failWith(error,
            QStringLiteral("%1: %2 pages; the limit is %3 a language")
                .arg(pagesDir.path())
                .arg(names.size())
                .arg(CampaignLimits::PagesPerLanguage));
    for (const QString& name : names) {
        const QString relative = folder + QLatin1Char('/') + name;
        const Result<QString> text = files.readText(relative, CampaignLimits::PageBytes, {});
        if (!text)
            return failWith(error, text.errorString());
        CampaignPage p;
        p.slug = name.chopped(3);
        p.markdown = keepCampaignImages(*text, files, relative, notes);
        static const QRegularExpression heading(QStringLiteral("^#\\s+(.+)$"), QRegularExpression::MultilineOption);
        const auto m = heading.match(p.markdown);
        if (!m.hasMatch() || p.markdown.trimmed().isEmpty())
            return failWith(
                error, QStringLiteral("%1: a page must start with a \"# Title\" heading").arg(pagesDir.filePath(name)));
        p.title = m.captured(1).trimmed();
        pages.append(p);
    }
    return true;
}

std::optional<Campaign> loadFolder(const QString& folder, QString* error)
{
    CampaignFiles files(folder);
    const QString jsonPath = QDir(folder).filePath(QStringLiteral("campaign.json"));
    const Result<QByteArray> json = files.readBytes(QStringLiteral("campaign.json"), CampaignLimits::JsonBytes, {});
    if (!json) {
        failWith(error, QStringLiteral("%1: %2").arg(folder, json.errorString()));
        return std::nullopt;
    }
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(*json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        failWith(error,
            QStringLiteral("%1: not valid JSON (%2 at byte %3)")
                .arg(jsonPath, parseError.errorString())
                .arg(parseError.offset));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();

    Campaign c;
    c.folder = folder;
    const QJsonObject organisation = root.value(QStringLiteral("organisation")).toObject();
    c.organisationName = organisation.value(QStringLiteral("name")).toString();
    c.organisationContact = organisation.value(QStringLiteral("contact")).toString();
    const QJsonObject petition = root.value(QStringLiteral("petition")).toObject();
    c.petitionId = petition.value(QStringLiteral("id")).toString();
    c.petitionVersion = petition.value(QStringLiteral("version")).toInt();
    c.consentVersion = root.value(QStringLiteral("consent")).toObject().value(QStringLiteral("version")).toInt();
    const QJsonValue handIn
        = root.value(QStringLiteral("consent")).toObject().value(QStringLiteral("hand_in_versions"));
    if (!handIn.isUndefined()) {
        const QJsonArray versions = handIn.toArray();
        for (const QJsonValue& v : versions) {
            const int version = v.toInt();
            if (!v.isDouble() || version <= 0 || double(version) != v.toDouble())
                break;
            c.handInConsentVersions.append(version);
        }
        if (!handIn.isArray() || versions.size() > CampaignLimits::HandInConsentVersions
            || c.handInConsentVersions.size() != versions.size()) {
            failWith(error,
                QStringLiteral("%1: consent.hand_in_versions is a list of at most %2 consent versions (positive whole "
                               "numbers)")
                    .arg(jsonPath)
                    .arg(CampaignLimits::HandInConsentVersions));
            return std::nullopt;
        }
    }
    const QJsonValue thankYou = root.value(QStringLiteral("thank_you"));
    const QJsonValue firstName = thankYou.toObject().value(QStringLiteral("first_name"));
    if ((!thankYou.isUndefined() && !thankYou.isObject()) || (!firstName.isUndefined() && !firstName.isBool())) {
        failWith(error, QStringLiteral("%1: thank_you.first_name is true or false").arg(jsonPath));
        return std::nullopt;
    }
    c.thankByFirstName = firstName.toBool(false);
    const QJsonValue share = root.value(QStringLiteral("share_url"));
    if (!share.isUndefined()) {
        const QString text = share.toString();
        const QUrl url(text, QUrl::StrictMode);
        if (!share.isString() || text.toUtf8().size() > CampaignLimits::ShareUrlBytes || !url.isValid()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) || url.host().isEmpty()
            || !url.userInfo().isEmpty() || text.contains(QRegularExpression(QStringLiteral("\\s")))) {
            failWith(error,
                QStringLiteral("%1: share_url is an http or https address of at most %2 bytes")
                    .arg(jsonPath)
                    .arg(CampaignLimits::ShareUrlBytes));
            return std::nullopt;
        }
        c.shareUrl = text;
    }
    for (const QJsonValue& v : root.value(QStringLiteral("languages")).toArray())
        c.languages.append(v.toString());

    if (c.petitionId.isEmpty() || c.petitionVersion <= 0) {
        failWith(error, QStringLiteral("%1: petition.id and a positive petition.version are required").arg(jsonPath));
        return std::nullopt;
    }
    if (c.consentVersion <= 0) {
        failWith(error, QStringLiteral("%1: a positive consent.version is required").arg(jsonPath));
        return std::nullopt;
    }
    if (c.languages.isEmpty() || c.languages.contains(QString())) {
        failWith(error, QStringLiteral("%1: \"languages\" must list at least one language").arg(jsonPath));
        return std::nullopt;
    }
    if (c.languages.size() > CampaignLimits::Languages) {
        failWith(error,
            QStringLiteral("%1: %2 languages; the language bar has room for %3")
                .arg(jsonPath)
                .arg(c.languages.size())
                .arg(CampaignLimits::Languages));
        return std::nullopt;
    }
    for (const QString& language : std::as_const(c.languages)) {
        if (!CampaignFiles::isLanguageCode(language) || c.languages.count(language) > 1) {
            failWith(error,
                QStringLiteral("%1: \"%2\" is not a language code such as en or zh_CN, or is listed twice")
                    .arg(jsonPath, language.left(40)));
            return std::nullopt;
        }
    }

    const QJsonObject texts = root.value(QStringLiteral("texts")).toObject();
    for (const QString& language : std::as_const(c.languages)) {
        CampaignTexts t;
        if (!readTexts(files, texts.value(language).toObject(), QStringLiteral("texts.") + language, t, c.notes, error))
            return std::nullopt;
        c.texts.insert(language, t);
        QList<CampaignPage> pages;
        if (!readPages(files, language, pages, c.notes, error))
            return std::nullopt;
        c.pages.insert(language, pages);
    }

    const CampaignTexts original = c.texts.value(c.languages.first());
    if (original.petitionText.trimmed().isEmpty()) {
        failWith(error, QStringLiteral("%1: the petition text is empty").arg(jsonPath));
        return std::nullopt;
    }
    if (original.consentText.trimmed().isEmpty() || original.title.trimmed().isEmpty()) {
        failWith(error, QStringLiteral("%1: the title and the consent text are required").arg(jsonPath));
        return std::nullopt;
    }
    return c;
}

} // namespace

Result<Campaign> CampaignLoader::load(const QString& folder)
{
    QString problem;
    std::optional<Campaign> campaign = loadFolder(folder, &problem);
    if (!campaign)
        return Failure { StoreError::Invalid, problem, problem };
    return std::move(*campaign);
}

} // namespace kiosk
