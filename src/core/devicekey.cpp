#include "devicekey.h"

#include "campaignfiles.h"
#include "datadir.h"
#include "platform.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <sodium.h>

namespace kiosk {

namespace {

const QString kKind = QStringLiteral("petition-kiosk device signing key");

Failure refuse(StoreError error, const QString& sentence)
{
    return Failure { error, sentence, sentence };
}

QByteArray decoded(const QJsonValue& value, qsizetype size)
{
    const auto d = QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return d && d.decoded.size() == size ? d.decoded : QByteArray();
}

} // namespace

Result<DeviceKey> DeviceKey::load(const QString& dataDir)
{
    const QString path = QDir(dataDir).filePath(fileName());
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        return refuse(StoreError::NoSuchRecord, QStringLiteral("This kiosk has no device signing key yet."));
    const Result<QByteArray> read
        = CampaignFiles(dataDir).readBytes(fileName(), MaxFileBytes, QStringLiteral("the device signing key"));
    if (!read)
        return refuse(StoreError::Invalid,
            QStringLiteral("The device signing key %1 cannot be read: %2")
                .arg(QDir::toNativeSeparators(path), read.errorString()));
    const QJsonObject json = QJsonDocument::fromJson(*read).object();
    const QByteArray publicKey = decoded(json.value(QStringLiteral("ed25519_public")), PublicKeyBytes);
    QByteArray secret = decoded(json.value(QStringLiteral("ed25519_secret")), crypto_sign_SECRETKEYBYTES);
    unsigned char derived[crypto_sign_PUBLICKEYBYTES];
    const bool sound = json.value(QStringLiteral("kind")).toString() == kKind && !publicKey.isEmpty()
        && !secret.isEmpty()
        && crypto_sign_ed25519_sk_to_pk(derived, reinterpret_cast<const unsigned char*>(secret.constData())) == 0
        && sodium_memcmp(derived, publicKey.constData(), PublicKeyBytes) == 0;
    DeviceKey key;
    if (sound) {
        key.m_public = publicKey;
        key.m_secret = std::make_shared<const SecretBytes>(SecretBytes::copyOf(
            reinterpret_cast<const unsigned char*>(secret.constData()), std::size_t(secret.size())));
    }
    sodium_memzero(secret.data(), std::size_t(secret.size()));
    if (!sound)
        return refuse(StoreError::Invalid,
            QStringLiteral("The device signing key %1 is damaged. It was left as it is; ask a coordinator.")
                .arg(QDir::toNativeSeparators(path)));
    return key;
}

QString DeviceKey::fingerprintIn(const QString& dataDir)
{
    const Result<DeviceKey> key = load(dataDir);
    return key ? key->fingerprint() : QString();
}

Result<DeviceKey> DeviceKey::ensure(const QString& dataDir)
{
    Result<DeviceKey> existing = load(dataDir);
    if (existing || existing.error() != StoreError::NoSuchRecord)
        return existing;
    if (!Sealing::ready())
        return refuse(StoreError::Other, QStringLiteral("The cryptography library could not start."));
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    SecretBytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(pk, sk.data());
    QByteArray secretText = QByteArray(reinterpret_cast<const char*>(sk.data()), qsizetype(sk.size())).toBase64();
    const QJsonObject json { { QStringLiteral("kind"), kKind }, { QStringLiteral("version"), 1 },
        { QStringLiteral("ed25519_public"),
            QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(pk), sizeof pk).toBase64()) },
        { QStringLiteral("ed25519_secret"), QString::fromLatin1(secretText) } };
    QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Indented);
    sodium_memzero(secretText.data(), std::size_t(secretText.size()));
    const QString path = QDir(dataDir).filePath(fileName());
    QSaveFile file(path);
    const bool written = file.open(QIODevice::WriteOnly) && file.write(text) == text.size() && file.commit()
        && DataDir::setOwnerOnly(path, false) && platform::syncDirectory(dataDir);
    sodium_memzero(text.data(), std::size_t(text.size()));
    if (!written)
        return refuse(StoreError::Io,
            QStringLiteral("The device signing key could not be written to %1: %2")
                .arg(QDir::toNativeSeparators(path), file.errorString()));
    return load(dataDir);
}

QByteArray DeviceKey::sign(QByteArrayView message) const
{
    QByteArray signature(SignatureBytes, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
        reinterpret_cast<const unsigned char*>(message.data()), quint64(message.size()), m_secret->data());
    return signature;
}

std::optional<QByteArray> DeviceKey::openFromCoordinator(
    QByteArrayView boxed, const QByteArray& coordinatorPublicKey) const
{
    if (!m_secret || boxed.size() < qsizetype(crypto_box_NONCEBYTES + crypto_box_MACBYTES)
        || coordinatorPublicKey.size() != crypto_box_PUBLICKEYBYTES)
        return std::nullopt;
    SecretBytes x25519(crypto_box_SECRETKEYBYTES);
    if (crypto_sign_ed25519_sk_to_curve25519(x25519.data(), m_secret->data()) != 0)
        return std::nullopt;
    const auto* nonce = reinterpret_cast<const unsigned char*>(boxed.data());
    const qsizetype length = boxed.size() - qsizetype(crypto_box_NONCEBYTES);
    QByteArray message(length - qsizetype(crypto_box_MACBYTES), Qt::Uninitialized);
    if (crypto_box_open_easy(reinterpret_cast<unsigned char*>(message.data()), nonce + crypto_box_NONCEBYTES,
            quint64(length), nonce, reinterpret_cast<const unsigned char*>(coordinatorPublicKey.constData()),
            x25519.data())
        != 0)
        return std::nullopt;
    return message;
}

bool DeviceKey::verify(const QByteArray& publicKey, QByteArrayView message, const QByteArray& signature)
{
    return publicKey.size() == PublicKeyBytes && signature.size() == SignatureBytes
        && crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
               reinterpret_cast<const unsigned char*>(message.data()), quint64(message.size()),
               reinterpret_cast<const unsigned char*>(publicKey.constData()))
        == 0;
}

} // namespace kiosk
