#pragma once

#include "core/sealing.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <memory>

namespace kiosk::hub {

// The hub's three duplicate keys of a signer (the kiosk's rules: name and postcode, email and name, email), made the
// same way at import, where the batches bring the details, and at erasure, where the signer gives them again. A clear
// hub keeps the normalised details themselves; a sealed hub keyed tags under a key derived from the coordinator's
// secret key, so that whoever holds the database alone cannot test a guessed name against them.
class SignerKeys final
{
public:
    // A clear hub's keys.
    SignerKeys() = default;
    // A sealed hub's keys, with the key derived from the coordinator's key pair.
    explicit SignerKeys(const Sealing::KeyPair& coordinator);

    bool sealed() const { return bool(m_hubKey); }
    const SecretBytes* hubKey() const { return m_hubKey.get(); }

    // The details as the kiosk's rules compare them: a name's and an email's duplicate keys (SigningRules), a
    // postcode as stored. Any empty part gives an empty key (no such rule for this signer).
    QByteArray namePostcode(QByteArrayView nameKey, QByteArrayView postcode) const;
    QByteArray emailName(QByteArrayView emailKey, QByteArrayView nameKey) const;
    QByteArray email(QByteArrayView emailKey) const;

private:
    QByteArray key(const char* domain, const QList<QByteArrayView>& parts) const;

    std::shared_ptr<const SecretBytes> m_hubKey;
};

} // namespace kiosk::hub
