#include "campaign.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace kiosk {

QString CampaignPage::teaser() const
{
    const QStringList blocks = markdown.split(QRegularExpression(QStringLiteral("\\n\\s*\\n")), Qt::SkipEmptyParts);
    for (const QString& block : blocks) {
        const QString trimmed = block.trimmed();
        if (!trimmed.startsWith(QLatin1Char('#')) && !trimmed.startsWith(QLatin1Char('>'))
            && !trimmed.startsWith(QLatin1Char('!')))
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

// A text is either a string in campaign.json or {"file": "relative/path.md"}.
bool readText(const QDir& dir, const QJsonValue& value, const QString& where, QString& out, QString* error)
{
    if (value.isString()) {
        out = value.toString();
        return true;
    }
    if (value.isObject() && value.toObject().value(QStringLiteral("file")).isString()) {
        const QString name = value.toObject().value(QStringLiteral("file")).toString();
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return failWith(error,
                QStringLiteral("%1: %2 is missing (named by %3)").arg(dir.filePath(name), f.errorString(), where));
        out = QString::fromUtf8(f.readAll());
        return true;
    }
    if (value.isUndefined() || value.isNull())
        return true;
    return failWith(error, QStringLiteral("campaign.json: %1 must be text or {\"file\": …}").arg(where));
}

bool readTexts(const QDir& dir, const QJsonObject& o, const QString& where, CampaignTexts& t, QString* error)
{
    return readText(dir, o.value(QStringLiteral("title")), where + QStringLiteral(".title"), t.title, error)
        && readText(dir, o.value(QStringLiteral("call_to_action")), where + QStringLiteral(".call_to_action"),
            t.callToAction, error)
        && readText(dir, o.value(QStringLiteral("petition_title")), where + QStringLiteral(".petition_title"),
            t.petitionTitle, error)
        && readText(dir, o.value(QStringLiteral("petition_text")), where + QStringLiteral(".petition_text"),
            t.petitionText, error)
        && readText(
            dir, o.value(QStringLiteral("consent_text")), where + QStringLiteral(".consent_text"), t.consentText, error)
        && readText(dir, o.value(QStringLiteral("privacy_short")), where + QStringLiteral(".privacy_short"),
            t.privacyShort, error)
        && readText(dir, o.value(QStringLiteral("privacy_full")), where + QStringLiteral(".privacy_full"),
            t.privacyFull, error);
}

} // namespace

namespace {
std::optional<Campaign> loadFolder(const QString& folder, QString* error)
{
    const QDir dir(folder);
    const QString jsonPath = dir.filePath(QStringLiteral("campaign.json"));
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        failWith(error, QStringLiteral("%1: the file is missing or unreadable").arg(jsonPath));
        return std::nullopt;
    }
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
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

    const QJsonObject texts = root.value(QStringLiteral("texts")).toObject();
    for (const QString& language : std::as_const(c.languages)) {
        CampaignTexts t;
        if (!readTexts(dir, texts.value(language).toObject(), QStringLiteral("texts.") + language, t, error))
            return std::nullopt;
        c.texts.insert(language, t);

        const QDir pagesDir(dir.filePath(QStringLiteral("pages/") + language));
        const QStringList files = pagesDir.entryList({ QStringLiteral("*.md") }, QDir::Files, QDir::Name);
        if (files.isEmpty()) {
            failWith(
                error, QStringLiteral("%1: the language %2 is listed but has no pages").arg(pagesDir.path(), language));
            return std::nullopt;
        }
        QList<CampaignPage> pages;
        for (const QString& name : files) {
            QFile page(pagesDir.filePath(name));
            if (!page.open(QIODevice::ReadOnly)) {
                failWith(error, QStringLiteral("%1: unreadable").arg(page.fileName()));
                return std::nullopt;
            }
            CampaignPage p;
            p.slug = name.chopped(3);
            p.markdown = QString::fromUtf8(page.readAll());
            static const QRegularExpression heading(QStringLiteral("^#\\s+(.+)$"), QRegularExpression::MultilineOption);
            const auto m = heading.match(p.markdown);
            if (!m.hasMatch() || p.markdown.trimmed().isEmpty()) {
                failWith(
                    error, QStringLiteral("%1: a page must start with a \"# Title\" heading").arg(page.fileName()));
                return std::nullopt;
            }
            p.title = m.captured(1).trimmed();
            pages.append(p);
        }
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
