#include "personaldatacodec.h"

#include "signingrules.h"

namespace kiosk {

namespace {
QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}
} // namespace

SealedFields PlainPersonalDataCodec::seal(const PersonalFields& f) const
{
    return { f.fullName, textOrNull(f.postcode), textOrNull(f.email),
        f.signatureSvg.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(f.signatureSvg) };
}

std::optional<PersonalFields> PlainPersonalDataCodec::unseal(const SealedFields& s) const
{
    return PersonalFields { s.fullName.toString(), s.postcode.toString(), s.email.toString(),
        s.signatureSvg.toByteArray() };
}

DedupKeys PlainPersonalDataCodec::keys(const PersonalFields& f) const
{
    return { SigningRules::nameKey(f.fullName), f.postcode,
        f.email.isEmpty() ? QString() : SigningRules::emailKey(f.email) };
}

} // namespace kiosk
