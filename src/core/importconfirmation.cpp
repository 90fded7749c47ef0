#include "importconfirmation.h"

#include "campaignfiles.h"
#include "devicekey.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk {

namespace {

Failure refuse(const QString& sentence)
{
    return Failure { StoreError::Invalid, sentence, sentence };
}

QJsonObject statementOf(const ImportConfirmation& c)
{
    return { { QStringLiteral("device_id"), c.deviceId }, { QStringLiteral("batch_id"), c.batchId },
        { QStringLiteral("manifest_sha256"), c.manifestSha256 }, { QStringLiteral("rows"), c.rows },
        { QStringLiteral("imported_at"), c.importedAt }, { QStringLiteral("coordinator_key"), c.coordinatorKey } };
}

QByteArray base64(const QJsonValue& v)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? decoded.decoded : QByteArray();
}

} // namespace

QByteArray ImportConfirmation::toFile(const QByteArray& deviceSigningKey, const Sealing::KeyPair& coordinator) const
{
    const QJsonObject statement = statementOf(*this);
    const QByteArray boxed
        = Sealing::boxToDevice(QJsonDocument(statement).toJson(QJsonDocument::Compact), deviceSigningKey, coordinator);
    if (boxed.isEmpty())
        return {};
    const QJsonObject file { { QStringLiteral("format"), QString::fromLatin1(Format) },
        { QStringLiteral("statement"), statement }, { QStringLiteral("box"), QString::fromLatin1(boxed.toBase64()) } };
    return QJsonDocument(file).toJson(QJsonDocument::Indented);
}

Result<ImportConfirmation> ImportConfirmation::read(
    const QString& path, const DeviceKey& deviceKey, const QByteArray& coordinatorPublicKey)
{
    const QFileInfo info(path);
    const QString name = QDir::toNativeSeparators(path);
    CampaignFiles folder(info.absolutePath());
    const Result<QByteArray> bytes
        = folder.readBytes(info.fileName(), MaxFileBytes, QStringLiteral("the confirmation"));
    if (!bytes)
        return refuse(QStringLiteral("%1 cannot be read: %2").arg(name, bytes.errorString()));
    QJsonParseError error;
    const QJsonObject file = QJsonDocument::fromJson(*bytes, &error).object();
    if (error.error != QJsonParseError::NoError
        || file.value(QStringLiteral("format")).toString() != QLatin1String(Format))
        return refuse(QStringLiteral("%1 is not a hub's import confirmation.").arg(name));
    const std::optional<QByteArray> opened
        = deviceKey.openFromCoordinator(base64(file.value(QStringLiteral("box"))), coordinatorPublicKey);
    if (!opened)
        return refuse(QStringLiteral("%1 does not open on this kiosk: it was made for another kiosk, or with another "
                                     "coordinator key than this kiosk's, or it was changed. Nothing was forgotten.")
                          .arg(name));
    const QJsonObject statement = QJsonDocument::fromJson(*opened).object();
    if (statement != file.value(QStringLiteral("statement")).toObject())
        return refuse(QStringLiteral("%1 was changed: its readable statement is not the one the coordinator's key "
                                     "sealed. Nothing was forgotten.")
                          .arg(name));
    ImportConfirmation c;
    c.deviceId = statement.value(QStringLiteral("device_id")).toString();
    c.batchId = statement.value(QStringLiteral("batch_id")).toString();
    c.manifestSha256 = statement.value(QStringLiteral("manifest_sha256")).toString();
    c.rows = statement.value(QStringLiteral("rows")).toInteger(-1);
    c.importedAt = statement.value(QStringLiteral("imported_at")).toString();
    c.coordinatorKey = statement.value(QStringLiteral("coordinator_key")).toString();
    c.fileSha256 = QString::fromLatin1(QCryptographicHash::hash(*bytes, QCryptographicHash::Sha256).toHex());
    if (c.deviceId.isEmpty() || c.batchId.isEmpty() || c.manifestSha256.size() != 64 || c.rows < 0)
        return refuse(QStringLiteral("%1 is damaged: its statement is incomplete.").arg(name));
    return c;
}

} // namespace kiosk
