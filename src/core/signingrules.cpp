#include "signingrules.h"

#include "logging.h"

#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

namespace kiosk {

namespace {

bool isBidiControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Invisible characters that would make two names look alike or a name look empty. (Zero-width joiners stay:
// Persian and Indic names need them.)
bool isInvisible(char32_t c)
{
    return c == 0xFEFF || c == 0x200B || c == 0x2060 || c == 0x180E;
}

// Lone surrogates cannot be stored as UTF-8 faithfully, so a name holding one is refused.
bool hasBrokenUtf16(const QString& s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 >= s.size() || !s.at(i + 1).isLowSurrogate())
                return true;
            ++i;
        } else if (c.isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

const QRegularExpression& linkPattern()
{
    // A scheme, "www.", or a word followed by a common top-level domain. Names with initials ("J.R.R. Tolkien")
    // or titles ("St. John") do not match.
    static const QRegularExpression re(
        QStringLiteral(R"((?:[a-z][a-z0-9+.-]*://|\bwww\.|\b[\w-]+\.(?:com|org|net|info|biz|io|co|uk|ru|cn|xyz|top|)"
                       R"(site|online|me|ly|gl|tk|de|fr|app|dev|link|click|shop)\b))"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

const QRegularExpression& postcodePattern()
{
    // Outward code: A9, A99, AA9, AA99, A9A, AA9A, with the letters each position may hold; inward code: 9AA
    // without C, I, K, M, O or V.
    static const QRegularExpression re(
        QStringLiteral("^([A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]"
                       "|[A-HK-Y][0-9][ABEHMNPRVWXY]))([0-9][ABD-HJLNP-UW-Z]{2})$"));
    return re;
}

const QRegularExpression& emailLocalPattern()
{
    static const QRegularExpression re(
        QStringLiteral(R"(^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$)"));
    return re;
}

const QRegularExpression& domainLabelPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"));
    return re;
}

} // namespace

Checked SigningRules::checkName(const QString& input)
{
    if (hasBrokenUtf16(input))
        return { {}, RuleError::NameInvalidCharacters };
    const QString name = input.normalized(QString::NormalizationForm_C).trimmed();
    if (name.isEmpty())
        return { {}, RuleError::NameRequired };
    const QList<uint> codePoints = name.toUcs4();
    bool visible = false;
    for (const uint c : codePoints) {
        if (QChar::category(char32_t(c)) == QChar::Other_Control || isBidiControl(char32_t(c))
            || isInvisible(char32_t(c)))
            return { {}, RuleError::NameInvalidCharacters };
        visible = visible || QChar::isLetterOrNumber(char32_t(c));
    }
    // A name has at least one letter or digit in some script: not only punctuation or marks.
    if (!visible)
        return { {}, RuleError::NameInvalidCharacters };
    if (codePoints.size() > MaxNameLength)
        return { {}, RuleError::NameTooLong };
    if (linkPattern().match(name).hasMatch())
        return { {}, RuleError::NameContainsLink };
    return { name, RuleError::None };
}

Checked SigningRules::checkPostcode(const QString& input)
{
    const QString upper = input.normalized(QString::NormalizationForm_KC).toUpper();
    QString compact;
    compact.reserve(upper.size());
    for (const QChar c : upper) {
        if ((c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            compact.append(c);
    }
    if (compact.isEmpty())
        return { {}, RuleError::PostcodeRequired };
    if (compact == QLatin1String("GIR0AA"))
        return { QStringLiteral("GIR 0AA"), RuleError::None };
    static const QRegularExpression bfpo(QStringLiteral("^BFPO([0-9]{1,4})$"));
    if (const auto m = bfpo.match(compact); m.hasMatch())
        return { QStringLiteral("BFPO ") + m.captured(1), RuleError::None };
    if (const auto m = postcodePattern().match(compact); m.hasMatch())
        return { m.captured(1) + QLatin1Char(' ') + m.captured(2), RuleError::None };
    return { {}, RuleError::PostcodeInvalid };
}

Checked SigningRules::checkEmail(const QString& input)
{
    // NFKC turns a full-width "＠" from a CJK input method into "@".
    const QString email = input.normalized(QString::NormalizationForm_KC).trimmed();
    if (email.isEmpty())
        return { {}, RuleError::EmailInvalid };
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == email.size() - 1)
        return { {}, RuleError::EmailInvalid };
    const QString local = email.left(at);
    const QString domain = email.mid(at + 1).toLower();
    if (local.size() > 64 || !emailLocalPattern().match(local).hasMatch())
        return { {}, RuleError::EmailInvalid };

    // Internationalised domains are checked in their ASCII (punycode) form, and stored as typed.
    const QString ace = QString::fromLatin1(QUrl::toAce(domain));
    if (ace.isEmpty() || ace.size() > 253)
        return { {}, RuleError::EmailInvalid };
    const QStringList labels = ace.split(QLatin1Char('.'));
    if (labels.size() < 2)
        return { {}, RuleError::EmailInvalid };
    for (const QString& label : labels) {
        if (!domainLabelPattern().match(label).hasMatch())
            return { {}, RuleError::EmailInvalid };
    }
    const QString& tld = labels.last();
    static const QRegularExpression letters(QStringLiteral("^[a-z]{2,63}$"));
    if (!tld.startsWith(QLatin1String("xn--")) && !letters.match(tld).hasMatch())
        return { {}, RuleError::EmailInvalid };

    const QString normalised = local + QLatin1Char('@') + domain;
    if (normalised.size() > MaxEmailLength)
        return { {}, RuleError::EmailInvalid };
    return { normalised, RuleError::None };
}

Checked SigningRules::checkCountry(const QString& input)
{
    const QString code = input.trimmed().toUpper();
    static const QRegularExpression twoLetters(QStringLiteral("^[A-Z]{2}$"));
    if (!twoLetters.match(code).hasMatch() || QLocale::codeToTerritory(code) == QLocale::AnyTerritory)
        return { {}, RuleError::CountryInvalid };
    return { code, RuleError::None };
}

bool SigningRules::usesPostcode(const QString& countryCode)
{
    static const QStringList codes { QStringLiteral("GB"), QStringLiteral("JE"), QStringLiteral("GG"),
        QStringLiteral("IM") };
    return codes.contains(countryCode);
}

bool SigningRules::requiresPostcode(const QString& countryCode)
{
    return countryCode == QLatin1String("GB");
}

QString SigningRules::nameKey(const QString& normalisedName)
{
    QString key = normalisedName.toCaseFolded().simplified();
    key.replace(QChar(0x2019), QLatin1Char('\'')).replace(QChar(0x2018), QLatin1Char('\''));
    return key;
}

QString SigningRules::emailKey(const QString& normalisedEmail)
{
    return normalisedEmail.toCaseFolded();
}

QList<RuleIssue> SigningRules::apply(Signature& s)
{
    QList<RuleIssue> issues;
    const auto take = [&issues](Field field, const Checked& checked, QString& target) {
        if (checked.ok())
            target = checked.value;
        else
            issues.append({ field, checked.error });
    };

    take(Field::Name, checkName(s.fullName), s.fullName);
    take(Field::Country, checkCountry(s.country), s.country);

    if (!usesPostcode(s.country)) {
        s.postcode.clear();
    } else if (s.postcode.trimmed().isEmpty()) {
        s.postcode.clear();
        if (requiresPostcode(s.country))
            issues.append({ Field::Postcode, RuleError::PostcodeRequired });
    } else {
        const Checked postcode = checkPostcode(s.postcode);
        if (postcode.ok())
            s.postcode = postcode.value;
        else
            issues.append({ Field::Postcode, RuleError::PostcodeInvalid });
    }

    if (s.email.trimmed().isEmpty()) {
        s.email.clear();
        if (s.contactOptIn)
            issues.append({ Field::Email, RuleError::EmailRequiredForContact });
    } else {
        take(Field::Email, checkEmail(s.email), s.email);
    }

    if (s.ukCitizenOrResident == Residency::Unanswered)
        issues.append({ Field::Residency, RuleError::ResidencyRequired });
    if (!s.consent)
        issues.append({ Field::Consent, RuleError::ConsentRequired });

    if (!issues.isEmpty())
        qCDebug(lcRules) << "signature refused:" << issues.size() << "field issue(s)";
    return issues;
}

QString SigningRules::messageId(RuleError error)
{
    switch (error) {
    case RuleError::None:
        return QStringLiteral("ok");
    case RuleError::NameRequired:
        return QStringLiteral("name.required");
    case RuleError::NameTooLong:
        return QStringLiteral("name.too_long");
    case RuleError::NameInvalidCharacters:
        return QStringLiteral("name.invalid_characters");
    case RuleError::NameContainsLink:
        return QStringLiteral("name.link");
    case RuleError::CountryInvalid:
        return QStringLiteral("country.invalid");
    case RuleError::PostcodeRequired:
        return QStringLiteral("postcode.required");
    case RuleError::PostcodeInvalid:
        return QStringLiteral("postcode.invalid");
    case RuleError::EmailRequiredForContact:
        return QStringLiteral("email.required_for_contact");
    case RuleError::EmailInvalid:
        return QStringLiteral("email.invalid");
    case RuleError::EmailLimitReached:
        return QStringLiteral("email.limit");
    case RuleError::ResidencyRequired:
        return QStringLiteral("residency.required");
    case RuleError::ConsentRequired:
        return QStringLiteral("consent.required");
    }
    return QStringLiteral("unknown");
}

QString SigningRules::englishText(RuleError error)
{
    switch (error) {
    case RuleError::None:
        return {};
    case RuleError::NameRequired:
        return QStringLiteral("Please enter your full name.");
    case RuleError::NameTooLong:
        return QStringLiteral("Your name is too long: at most 255 characters, please.");
    case RuleError::NameInvalidCharacters:
        return QStringLiteral("Your name contains characters that cannot be used. Please type it again.");
    case RuleError::NameContainsLink:
        return QStringLiteral("A name cannot contain a web address.");
    case RuleError::CountryInvalid:
        return QStringLiteral("Please choose your country from the list.");
    case RuleError::PostcodeRequired:
        return QStringLiteral("Please enter your postcode.");
    case RuleError::PostcodeInvalid:
        return QStringLiteral("This does not look like a UK postcode. It should look like SW1A 1AA.");
    case RuleError::EmailRequiredForContact:
        return QStringLiteral("Please enter your email address so that we can contact you, or untick the contact box.");
    case RuleError::EmailInvalid:
        return QStringLiteral("This does not look like an email address. It should look like name@example.com.");
    case RuleError::EmailLimitReached:
        return QStringLiteral("This email address has already been used by two people for this petition. "
                              "Please use another address, or leave it empty.");
    case RuleError::ResidencyRequired:
        return QStringLiteral("Please answer yes or no.");
    case RuleError::ConsentRequired:
        return QStringLiteral("Please tick the consent box to sign.");
    }
    return {};
}

} // namespace kiosk
