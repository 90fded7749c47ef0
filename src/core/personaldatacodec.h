#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <optional>

namespace kiosk {

// The personal fields of a signature, in clear.
struct PersonalFields
{
    QString fullName;
    QString postcode;
    QString email;
    QByteArray signatureSvg;
};

// The same fields as the database columns hold them.
struct SealedFields
{
    QVariant fullName;
    QVariant postcode;
    QVariant email;
    QVariant signatureSvg;
};

// Keys the duplicate checks compare; an empty key means "absent" and never matches.
struct DedupKeys
{
    QString name;
    QString postcode;
    QString email;
};

// The one seam through which the store reads and writes personal fields. Today's codec keeps them in clear;
// a sealing codec (coordinator's public key, keyed hashes for the duplicate checks) replaces it without the
// store or its callers changing. The id is recorded in the database so that a store never reads rows with
// the wrong codec.
class PersonalDataCodec
{
public:
    virtual ~PersonalDataCodec() = default;
    virtual QString id() const = 0;
    virtual SealedFields seal(const PersonalFields& fields) const = 0;
    virtual std::optional<PersonalFields> unseal(const SealedFields& sealed) const = 0;
    // `fields` are already normalised by SigningRules.
    virtual DedupKeys keys(const PersonalFields& fields) const = 0;
};

class PlainPersonalDataCodec final : public PersonalDataCodec
{
public:
    QString id() const override { return QStringLiteral("plain-v1"); }
    SealedFields seal(const PersonalFields& fields) const override;
    std::optional<PersonalFields> unseal(const SealedFields& sealed) const override;
    DedupKeys keys(const PersonalFields& fields) const override;
};

} // namespace kiosk
