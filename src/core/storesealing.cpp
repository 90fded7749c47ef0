#include "storesealing.h"

#include "devicekey.h"

#include "metavalues.h"
#include "personaldatacodec.h"
#include "sqlcolumns.h"
#include "storeconnection.h"

#include <QSqlQuery>

namespace kiosk {

namespace {
const QString kSealed = QStringLiteral("sealed");
const QString kUnsealed = QStringLiteral("unsealed");
} // namespace

Result<SealingState> StoreSealing::state()
{
    if (const VoidResult s = m_connection.begin(); !s)
        return s.failure();
    SealingState state;
    if (const SealingPersonalDataCodec* codec = m_connection.sealingCodec()) {
        state.mode = SealingState::Mode::Sealed;
        state.publicKey = codec->publicKey();
        state.fingerprint = Sealing::fingerprint(state.publicKey);
        return state;
    }
    MetaValues meta(m_connection);
    const Result<QString> choice = meta.value(MetaKey::Sealing);
    if (!choice)
        return choice.failure();
    state.mode = *choice == kUnsealed ? SealingState::Mode::Unsealed : SealingState::Mode::NotEnrolled;
    return state;
}

VoidResult StoreSealing::enrol(const QByteArray& publicKey)
{
    if (publicKey.size() != Sealing::PublicKeyBytes)
        return m_connection.fail(StoreError::Invalid, QStringLiteral("not a public key"));
    const Result<SealingState> now = state();
    if (!now)
        return now.failure();
    if (now->sealed()) {
        if (now->publicKey == publicKey)
            return {};
        return m_connection.fail(StoreError::WrongCodec, QStringLiteral("enrolled with another coordinator key"),
            QStringLiteral("This kiosk is already sealed to another coordinator's key (%1). Nothing was changed.")
                .arg(now->fingerprint));
    }
    // The device's signing key is made with the enrolment (and before it: a kiosk that cannot keep a key is not
    // enrolled).
    if (const Result<DeviceKey> key = DeviceKey::ensure(m_connection.dataDir()); !key)
        return m_connection.fail(key.error(), QStringLiteral("no device signing key"), key.failure().message());
    WriteTransaction tx(m_connection);
    if (!tx.started())
        return tx.started();
    QSqlQuery q = m_connection.query();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM signatures")) || !q.next())
        return m_connection.failFrom(q);
    if (const qint64 rows = q.value(0).toLongLong(); rows > 0)
        return m_connection.fail(StoreError::Invalid, QStringLiteral("signatures in clear"),
            QStringLiteral("This data folder already holds %1 signatures in clear. Seal them with "
                           "petition-kiosk-admin seal-existing instead.")
                .arg(rows));
    q.finish();
    MetaValues meta(m_connection);
    if (const VoidResult s = markSealedIn(meta, publicKey); !s)
        return s;
    if (const VoidResult committed = tx.commit(); !committed)
        return committed;
    m_connection.setCodec(std::make_unique<SealingPersonalDataCodec>(publicKey));
    return {};
}

VoidResult StoreSealing::markSealedIn(MetaValues& meta, const QByteArray& publicKey)
{
    if (const VoidResult s = meta.setValue(MetaKey::PersonalCodec, SealingPersonalDataCodec::codecId()); !s)
        return s;
    if (const VoidResult s = meta.setValue(MetaKey::CoordinatorPublicKey, QString::fromLatin1(publicKey.toBase64()));
        !s)
        return s;
    return meta.setValue(MetaKey::Sealing, kSealed);
}

Result<qint64> StoreSealing::sealExisting(const QByteArray& publicKey, std::shared_ptr<const SecretBytes> kd)
{
    const Result<SealingState> now = state();
    if (!now)
        return now.failure();
    if (now->sealed())
        return m_connection.fail(StoreError::Invalid, QStringLiteral("already sealed"),
            QStringLiteral("This data folder is sealed already (coordinator key %1).").arg(now->fingerprint));
    if (publicKey.size() != Sealing::PublicKeyBytes || !kd || kd->isEmpty())
        return m_connection.fail(StoreError::Invalid, QStringLiteral("no key"));
    const PersonalDataCodec& plain = m_connection.codec();
    if (const Result<DeviceKey> key = DeviceKey::ensure(m_connection.dataDir()); !key)
        return m_connection.fail(key.error(), QStringLiteral("no device signing key"), key.failure().message());
    auto sealing = std::make_unique<SealingPersonalDataCodec>(publicKey);
    sealing->setDuplicateKey(kd);

    qint64 rows = 0;
    {
        WriteTransaction tx(m_connection);
        if (!tx.started())
            return tx.started().failure();
        QSqlQuery select = m_connection.query();
        select.setForwardOnly(true);
        if (!select.exec(QStringLiteral("SELECT id, full_name, postcode, email, signature_svg FROM signatures")))
            return m_connection.failFrom(select);
        QSqlQuery update = m_connection.query();
        update.prepare(QStringLiteral(
            "UPDATE signatures SET full_name = '', postcode = NULL, email = NULL, signature_svg = NULL, "
            "sealed = :sealed, sealed_drawing = :sealed_drawing, name_postcode_tag = :np, email_name_tag = :en, "
            "email_tag = :e WHERE id = :id"));
        while (select.next()) {
            const QString id = select.value(0).toString();
            const auto fields
                = plain.unseal(id, { select.value(1), select.value(2), select.value(3), select.value(4), {}, {} });
            const auto keys = fields ? sealing->keys(*fields) : std::nullopt;
            if (!keys)
                return m_connection.fail(
                    StoreError::WrongCodec, QStringLiteral("signature %1 could not be read").arg(id));
            const SealedFields sealed = sealing->seal(id, *fields);
            if (sealed.sealed.toByteArray().isEmpty())
                return m_connection.fail(StoreError::Other, QStringLiteral("signature %1 could not be sealed").arg(id));
            update.bindValue(QStringLiteral(":sealed"), sealed.sealed);
            update.bindValue(QStringLiteral(":sealed_drawing"), sealed.sealedDrawing);
            update.bindValue(QStringLiteral(":np"), nullIfEmpty(keys->namePostcode));
            update.bindValue(QStringLiteral(":en"), nullIfEmpty(keys->emailName));
            update.bindValue(QStringLiteral(":e"), nullIfEmpty(keys->email));
            update.bindValue(QStringLiteral(":id"), id);
            if (!update.exec())
                return m_connection.failFrom(update);
            ++rows;
        }
        select.finish();
        MetaValues meta(m_connection);
        if (const VoidResult s = markSealedIn(meta, publicKey); !s)
            return s.failure();
        if (const VoidResult committed = tx.commit(); !committed)
            return committed.failure();
    }
    m_connection.setCodec(std::move(sealing));
    m_open = true;
    // The clear values are gone from the table; these take them out of the free pages and the WAL too.
    if (const VoidResult s = m_connection.exec(QStringLiteral("VACUUM")); !s)
        return s.failure();
    if (const VoidResult s = m_connection.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !s)
        return s.failure();
    return rows;
}

VoidResult StoreSealing::chooseUnsealed()
{
    const Result<SealingState> now = state();
    if (!now)
        return now.failure();
    if (now->sealed())
        return m_connection.fail(StoreError::Invalid, QStringLiteral("already sealed"),
            QStringLiteral("This kiosk is sealed; it cannot be made unsealed."));
    MetaValues meta(m_connection);
    return meta.setValue(MetaKey::Sealing, kUnsealed);
}

void StoreSealing::unlock(std::shared_ptr<const SecretBytes> kd)
{
    m_open = kd && !kd->isEmpty();
    if (SealingPersonalDataCodec* codec = m_connection.sealingCodec())
        codec->setDuplicateKey(std::move(kd));
}

void StoreSealing::lock()
{
    m_open = false;
    if (SealingPersonalDataCodec* codec = m_connection.sealingCodec())
        codec->setDuplicateKey({});
}

bool StoreSealing::isUnlocked() const
{
    const SealingPersonalDataCodec* codec = m_connection.sealingCodec();
    return m_open && (!codec || codec->hasDuplicateKey());
}

bool StoreSealing::canOpen() const
{
    return m_connection.codec().canOpen();
}

void StoreSealing::setOpeningKeys(std::shared_ptr<const Sealing::KeyPair> keys)
{
    if (SealingPersonalDataCodec* codec = m_connection.sealingCodec())
        codec->setOpeningKeys(std::move(keys));
}

} // namespace kiosk
