#include "hubsignerkeys.h"

#include <sodium.h>

namespace kiosk::hub {

SignerKeys::SignerKeys(const Sealing::KeyPair& coordinator)
{
    SecretBytes hubKey(32);
    static const char context[] = "petition-hub duplicate and content tags, version 1";
    crypto_generichash(hubKey.data(), hubKey.size(), reinterpret_cast<const unsigned char*>(context),
        sizeof context - 1, coordinator.secretKey.data(), coordinator.secretKey.size());
    m_hubKey = std::make_shared<const SecretBytes>(std::move(hubKey));
}

QByteArray SignerKeys::key(const char* domain, const QList<QByteArrayView>& parts) const
{
    for (const QByteArrayView& p : parts) {
        if (p.isEmpty())
            return QByteArray("");
    }
    if (m_hubKey)
        return Sealing::tag(*m_hubKey, domain, parts).toLatin1();
    QByteArray plain;
    for (const QByteArrayView& p : parts)
        plain += (plain.isEmpty() ? QByteArray() : QByteArray("\n")) + p.toByteArray();
    return plain;
}

QByteArray SignerKeys::namePostcode(QByteArrayView nameKey, QByteArrayView postcode) const
{
    return key("petition-hub name+postcode", { nameKey, postcode });
}

QByteArray SignerKeys::emailName(QByteArrayView emailKey, QByteArrayView nameKey) const
{
    return key("petition-hub email+name", { emailKey, nameKey });
}

QByteArray SignerKeys::email(QByteArrayView emailKey) const
{
    return key("petition-hub email", { emailKey });
}

} // namespace kiosk::hub
