#pragma once

#include "sealing.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <memory>
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

// The same fields as the database columns hold them. A plain codec fills the first four; a sealing codec leaves
// them null and fills `sealed` (name, postcode and email in one box) and `sealedDrawing`.
struct SealedFields
{
    QVariant fullName;
    QVariant postcode;
    QVariant email;
    QVariant signatureSvg;
    QVariant sealed;
    QVariant sealedDrawing;
};

// What the duplicate checks compare, one per rule; an empty key means "absent" and never matches.
struct DedupKeys
{
    QString namePostcode; // empty without a postcode
    QString emailName; // empty without an email
    QString email;
};

// The one seam through which the store reads and writes personal fields. The codec's id is recorded in the database,
// so that a store never reads rows with the wrong codec.
class PersonalDataCodec
{
public:
    virtual ~PersonalDataCodec() = default;
    virtual QString id() const = 0;
    virtual bool isSealed() const { return false; }
    // Whether unseal() can work here (a kiosk holds only the public key: it seals but cannot open).
    virtual bool canOpen() const { return true; }
    // `rowId` goes into the sealed box, so that a sealed value cannot be moved to another row.
    virtual SealedFields seal(const QString& rowId, const PersonalFields& fields) const = 0;
    // nullopt when a value does not open, or belongs to another row.
    virtual std::optional<PersonalFields> unseal(const QString& rowId, const SealedFields& sealed) const = 0;
    // `fields` are already normalised by SigningRules. nullopt when the keys cannot be made yet (a sealed kiosk
    // whose stall is not open).
    virtual std::optional<DedupKeys> keys(const PersonalFields& fields) const = 0;
};

// Test and demo kiosks (`init --unsealed`): personal fields in clear.
class PlainPersonalDataCodec final : public PersonalDataCodec
{
public:
    static QString codecId() { return QStringLiteral("plain-v1"); }
    QString id() const override { return codecId(); }
    SealedFields seal(const QString& rowId, const PersonalFields& fields) const override;
    std::optional<PersonalFields> unseal(const QString& rowId, const SealedFields& sealed) const override;
    std::optional<DedupKeys> keys(const PersonalFields& fields) const override;
};

// Sealed at rest: name, postcode and email (one box) and the drawing (another) are sealed to the coordinator's public
// key with crypto_box_seal; each box holds the row's id. The duplicate keys are BLAKE2b tags under the duplicate key
// Kd, one domain per rule. Kd comes from opening the stall (the volunteer's PIN); the coordinator's key pair only on
// the coordinator's machine, to open rows.
class SealingPersonalDataCodec final : public PersonalDataCodec
{
public:
    static QString codecId() { return QStringLiteral("sealed-v1"); }
    explicit SealingPersonalDataCodec(QByteArray publicKey);

    QString id() const override { return codecId(); }
    bool isSealed() const override { return true; }
    bool canOpen() const override { return m_opening != nullptr; }
    SealedFields seal(const QString& rowId, const PersonalFields& fields) const override;
    std::optional<PersonalFields> unseal(const QString& rowId, const SealedFields& sealed) const override;
    std::optional<DedupKeys> keys(const PersonalFields& fields) const override;

    QByteArray publicKey() const { return m_publicKey; }
    // Opening the stall also starts preparing sealing keys ahead (SealingPool); closing it stops that.
    void setDuplicateKey(std::shared_ptr<const SecretBytes> kd);
    bool hasDuplicateKey() const { return m_kd && !m_kd->isEmpty(); }
    void setOpeningKeys(std::shared_ptr<const Sealing::KeyPair> keys) { m_opening = std::move(keys); }

    static QByteArray fieldsPlaintext(const QString& rowId, const PersonalFields& fields);

private:
    QByteArray m_publicKey;
    std::shared_ptr<const SecretBytes> m_kd;
    std::shared_ptr<const Sealing::KeyPair> m_opening;
    std::unique_ptr<SealingPool> m_pool;

    QByteArray sealBox(const QByteArray& plaintext) const;
};

// The postcode's area, kept in clear for totals by area: its leading letters ("SE1 7PB" → "SE", "G1 1AA" → "G").
QString postcodeArea(const QString& normalisedPostcode);

} // namespace kiosk
