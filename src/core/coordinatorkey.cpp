#include "coordinatorkey.h"

#include "campaignfiles.h"
#include "datadir.h"
#include "platform.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace kiosk {

namespace {

const QString kPublicKind = QStringLiteral("petition-kiosk coordinator public key");
const QString kSecretKind = QStringLiteral("petition-kiosk coordinator secret key");

Failure refuse(const QString& sentence)
{
    return Failure { StoreError::Invalid, sentence, sentence };
}

Result<QJsonObject> readKeyFile(const QString& path, const QString& what)
{
    const QFileInfo info(path);
    CampaignFiles files(info.absolutePath());
    const Result<QByteArray> read = files.readBytes(info.fileName(), CoordinatorKey::MaxFileBytes, what);
    if (!read)
        return refuse(QStringLiteral("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), read.errorString()));
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(*read, &error);
    if (error.error != QJsonParseError::NoError || !json.isObject())
        return refuse(QStringLiteral("%1 is damaged, or not a key file.").arg(QDir::toNativeSeparators(path)));
    return json.object();
}

QByteArray decodeKey(const QJsonValue& value)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded && decoded.decoded.size() == Sealing::PublicKeyBytes ? decoded.decoded : QByteArray();
}

Result<QByteArray> publicKeyIn(const QJsonObject& json, const QString& path, const QString& field)
{
    const QByteArray key = decodeKey(json.value(field));
    // The fingerprint, when the file has one, must be the key's: a hand-edited file is not trusted halfway.
    if (key.isEmpty() || json.value(QStringLiteral("version")).toInt() != 1
        || (json.contains(QStringLiteral("fingerprint"))
            && json.value(QStringLiteral("fingerprint")).toString() != Sealing::fingerprint(key)))
        return refuse(
            QStringLiteral("%1 is damaged: its key is not as it should be.").arg(QDir::toNativeSeparators(path)));
    return key;
}

VoidResult writeOwnerOnly(const QString& path, const QByteArray& content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()
        || !DataDir::setOwnerOnly(path, false))
        return refuse(
            QStringLiteral("%1 could not be written: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

} // namespace

QString CoordinatorKey::problemWithPassphrase(const QString& passphrase)
{
    if (passphrase.size() < MinPassphraseChars)
        return QStringLiteral("The passphrase needs at least %1 characters.").arg(MinPassphraseChars);
    if (passphrase.toUtf8().size() > 1024)
        return QStringLiteral("The passphrase may have at most 1024 bytes.");
    return {};
}

QByteArray CoordinatorKey::publicFileText(const QByteArray& publicKey)
{
    const QJsonObject json { { QStringLiteral("kind"), kPublicKind }, { QStringLiteral("version"), 1 },
        { QStringLiteral("x25519"), QString::fromLatin1(publicKey.toBase64()) },
        { QStringLiteral("fingerprint"), Sealing::fingerprint(publicKey) } };
    return QJsonDocument(json).toJson(QJsonDocument::Indented);
}

Result<QString> CoordinatorKey::writePair(const QString& dir, const QString& passphrase)
{
    if (const QString problem = problemWithPassphrase(passphrase); !problem.isEmpty())
        return refuse(problem);
    if (!Sealing::ready())
        return refuse(QStringLiteral("The cryptography library could not start; no key was made."));
    const QString pubPath = QDir(dir).filePath(publicFileName());
    const QString keyPath = QDir(dir).filePath(secretFileName());
    for (const QString& path : { pubPath, keyPath }) {
        if (QFileInfo(path).exists() || QFileInfo(path).isSymLink())
            return refuse(QStringLiteral("%1 exists already; it was left as it is. Choose another folder.")
                              .arg(QDir::toNativeSeparators(path)));
    }
    if (!QDir().mkpath(dir) || !QFileInfo(dir).isDir())
        return refuse(QStringLiteral("%1 could not be made.").arg(QDir::toNativeSeparators(dir)));

    const Sealing::KeyPair pair = Sealing::newKeyPair();
    const QByteArray wrapped
        = Sealing::wrapWithPassword(pair.secretKey, passphrase.toUtf8(), Sealing::passphraseCost());
    if (wrapped.isEmpty())
        return refuse(QStringLiteral("The secret key could not be protected (out of memory?); no key was made."));
    const QJsonObject secret { { QStringLiteral("kind"), kSecretKind }, { QStringLiteral("version"), 1 },
        { QStringLiteral("x25519_public"), QString::fromLatin1(pair.publicKey.toBase64()) },
        { QStringLiteral("fingerprint"), Sealing::fingerprint(pair.publicKey) },
        { QStringLiteral("secret"), QString::fromLatin1(wrapped) } };
    if (const VoidResult w = writeOwnerOnly(keyPath, QJsonDocument(secret).toJson(QJsonDocument::Indented)); !w)
        return w.failure();
    if (const VoidResult w = writeOwnerOnly(pubPath, publicFileText(pair.publicKey)); !w)
        return w.failure();
    (void)platform::syncDirectory(dir);
    return Sealing::fingerprint(pair.publicKey);
}

Result<QByteArray> CoordinatorKey::readPublic(const QString& path)
{
    const Result<QJsonObject> json = readKeyFile(path, QStringLiteral("the coordinator's public key"));
    if (!json)
        return json.failure();
    const QString kind = json->value(QStringLiteral("kind")).toString();
    if (kind == kSecretKind)
        return refuse(QStringLiteral("%1 is the coordinator's secret key, not the public key. Give coordinator.pub: "
                                     "the secret key never goes on a kiosk.")
                          .arg(QDir::toNativeSeparators(path)));
    if (kind != kPublicKind)
        return refuse(QStringLiteral("%1 is not a coordinator's public key (coordinator.pub).")
                          .arg(QDir::toNativeSeparators(path)));
    return publicKeyIn(*json, path, QStringLiteral("x25519"));
}

Result<Sealing::KeyPair> CoordinatorKey::readSecret(const QString& path, const QString& passphrase)
{
    const Result<QJsonObject> json = readKeyFile(path, QStringLiteral("the coordinator's secret key"));
    if (!json)
        return json.failure();
    const QString kind = json->value(QStringLiteral("kind")).toString();
    if (kind == kPublicKind)
        return refuse(QStringLiteral("%1 is the coordinator's public key; this needs the secret key (coordinator.key).")
                          .arg(QDir::toNativeSeparators(path)));
    if (kind != kSecretKind)
        return refuse(QStringLiteral("%1 is not a coordinator's secret key (coordinator.key).")
                          .arg(QDir::toNativeSeparators(path)));
    const Result<QByteArray> publicKey = publicKeyIn(*json, path, QStringLiteral("x25519_public"));
    if (!publicKey)
        return publicKey.failure();
    Sealing::UnwrapProblem problem = Sealing::UnwrapProblem::None;
    std::optional<SecretBytes> secret = Sealing::unwrapWithPassword(
        json->value(QStringLiteral("secret")).toString().toLatin1(), passphrase.toUtf8(), 0, &problem);
    if (!secret) {
        if (problem == Sealing::UnwrapProblem::Wrong)
            return refuse(QStringLiteral("Wrong passphrase for %1.").arg(QDir::toNativeSeparators(path)));
        return refuse(
            QStringLiteral("%1 is damaged: its secret key cannot be read.").arg(QDir::toNativeSeparators(path)));
    }
    if (!Sealing::matches(*publicKey, *secret))
        return refuse(QStringLiteral("%1 is damaged: its secret key does not belong to its public key.")
                          .arg(QDir::toNativeSeparators(path)));
    return Sealing::KeyPair { *publicKey, std::move(*secret) };
}

} // namespace kiosk
