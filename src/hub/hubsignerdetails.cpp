#include "hubsignerdetails.h"

#include "hubnative.h"

namespace kiosk::hub {

SignerDetails::SignerDetails(HubDatabase& db, std::shared_ptr<const Sealing::KeyPair> keys)
    : m_db(db)
    , m_opener(keys ? keys->publicKey : QByteArray())
    , m_sealed(db.store() == HubDatabase::Store::Sealed)
{
    if (keys)
        m_opener.setOpeningKeys(keys);
}

QByteArray SignerDetails::sealedColumn(HubDatabase& db)
{
    if (db.store() != HubDatabase::Store::Sealed)
        return "''";
    return db.backend() == HubDatabase::Backend::PostgreSQL ? "encode(s.sealed, 'hex')" : "hex(s.sealed)";
}

std::optional<PersonalFields> SignerDetails::of(
    const QString& id, QByteArrayView name, QByteArrayView postcode, QByteArrayView email, QByteArrayView sealedHex)
{
    if (!m_sealed) {
        PersonalFields f;
        f.fullName = QString::fromUtf8(native::textValue(m_db, name));
        f.postcode = QString::fromUtf8(native::textValue(m_db, postcode));
        f.email = QString::fromUtf8(native::textValue(m_db, email));
        return f;
    }
    SealedFields fields;
    fields.sealed = QByteArray::fromHex(sealedHex.toByteArray());
    return m_opener.unseal(id, fields);
}

Failure SignerDetails::unopened(const QString& id)
{
    const QString sentence = QStringLiteral("Signature %1 does not open with this coordinator key: is it the key the "
                                            "hub's batches were sealed to? Nothing was written.")
                                 .arg(id);
    return Failure { StoreError::Invalid, sentence, sentence };
}

VoidResult SignerDetails::needsKey(
    HubDatabase& db, const std::shared_ptr<const Sealing::KeyPair>& keys, const QString& command)
{
    if (db.store() != HubDatabase::Store::Sealed || keys)
        return {};
    const QString sentence = QStringLiteral("This hub keeps names sealed: %1needs --key coordinator.key to open them. "
                                            "Nothing was written.")
                                 .arg(command.isEmpty() ? QStringLiteral("it ") : command + QLatin1Char(' '));
    return Failure { StoreError::Invalid, sentence, sentence };
}

} // namespace kiosk::hub
