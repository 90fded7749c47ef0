#pragma once

#include "signature.h"

#include <QList>
#include <QString>

namespace kiosk {

enum class Field { Name, Country, Postcode, Email, Residency, Consent };

// Why a field was refused. Each has a stable message id (for translation and scripts) and English text (for the
// CLI). The values are never renumbered; add new ones at the end.
enum class RuleError {
    None = 0,
    NameRequired,
    NameTooLong,
    NameInvalidCharacters,
    NameContainsLink,
    CountryInvalid,
    PostcodeRequired,
    PostcodeInvalid,
    EmailRequiredForContact,
    EmailInvalid,
    EmailLimitReached,
    ResidencyRequired,
    ConsentRequired,
};

struct RuleIssue
{
    Field field;
    RuleError error;
    bool operator==(const RuleIssue& other) const { return field == other.field && error == other.error; }
};

// A normalised value, or why the input was refused.
struct Checked
{
    QString value;
    RuleError error = RuleError::None;
    bool ok() const { return error == RuleError::None; }
};

// The signing rules, in one place: the form, the store, the CLI and the tests all call these.
class SigningRules final
{
public:
    static constexpr int MaxNameLength = 255;
    static constexpr int MaxEmailLength = 254;
    static constexpr int MaxSignaturesPerEmail = 2;

    // Trimmed, NFC. Refuses empty input, control characters, bidi overrides, broken UTF-16 and links.
    static Checked checkName(const QString& input);
    // NFKC, upper case, only A-Z and 0-9 kept, then a UK postcode with one space before the inward code.
    static Checked checkPostcode(const QString& input);
    // A sensible RFC 5322 subset (dot-atom local part, a DNS domain); the domain is lower-cased.
    static Checked checkEmail(const QString& input);
    // ISO 3166 alpha-2, as Qt's locale data knows it.
    static Checked checkCountry(const QString& input);

    // Postcodes are asked for in the UK and the Crown dependencies, and required in the UK.
    static bool usesPostcode(const QString& countryCode);
    static bool requiresPostcode(const QString& countryCode);

    // Keys for duplicate detection: case-folded, runs of white space folded, typographic apostrophes as ASCII.
    static QString nameKey(const QString& normalisedName);
    static QString emailKey(const QString& normalisedEmail);

    // Normalises every signer field of `signature` in place and returns each refusal, in form order.
    static QList<RuleIssue> apply(Signature& signature);

    static QString messageId(RuleError error);
    static QString englishText(RuleError error);
};

} // namespace kiosk
