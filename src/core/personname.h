#pragma once

#include <QString>

#include <optional>

namespace kiosk {

// What can be said of a person's name from the name alone, and the language the signer read the kiosk in. Guesses are
// careful: when a name may put the family name first (a Chinese, Japanese, Korean, Vietnamese or Hungarian signer, a
// name in another script than Latin, Vietnamese or Hungarian letters, a common Vietnamese family name first), nothing
// is split. Hungarian names without ő or ű, read in another language, still pass: a known limit.
namespace PersonName {

// The given names and the family name, when the name is Latin letters with the given name first. The family name is the
// last word, or, from the second word on, everything from the first word in lower case ("Jan van der Berg": "Jan",
// "van der Berg").
struct Parts
{
    QString given;
    QString family;
};
std::optional<Parts> split(const QString& fullName, const QString& language);

// The first given name ("Anne-Marie" of "Anne-Marie O'Neill"), or empty when the order cannot be told.
QString givenName(const QString& fullName, const QString& language);

} // namespace PersonName

} // namespace kiosk
