#include "adminpin.h"

#include "core/signature.h"
#include "core/signaturestore.h"

#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace kiosk {

namespace {

const QString kHash = QStringLiteral("admin_pin_pbkdf2_sha256");
const QString kSalt = QStringLiteral("admin_pin_salt");
const QString kIterations = QStringLiteral("admin_pin_iterations");
const QString kFailures = QStringLiteral("admin_pin_failures");
const QString kLockedUntil = QStringLiteral("admin_pin_locked_until");

QByteArray derive(const QString& pin, const QByteArray& salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, pin.toUtf8(), salt, iterations, 32);
}

// Compares without stopping at the first difference.
bool sameBytes(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

AdminPin::AdminPin(SignatureStore& store)
    : m_meta(store.meta())
{
}

QString AdminPin::problemWith(const QString& pin)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]*$"));
    if (!digits.match(pin).hasMatch())
        return QStringLiteral("The PIN may contain digits only.");
    if (pin.size() < MinDigits)
        return QStringLiteral("The PIN needs at least %1 digits.").arg(MinDigits);
    if (pin.size() > MaxDigits)
        return QStringLiteral("The PIN may have at most %1 digits.").arg(MaxDigits);
    return {};
}

bool AdminPin::isSet()
{
    return !m_meta.value(kHash).valueOr({}).isEmpty();
}

bool AdminPin::set(const QString& pin)
{
    if (!problemWith(pin).isEmpty())
        return false;
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    const QByteArray hash = derive(pin, salt, Iterations);
    return m_meta.setValue(kSalt, QString::fromLatin1(salt.toHex()))
        && m_meta.setValue(kIterations, QString::number(Iterations))
        && m_meta.setValue(kHash, QString::fromLatin1(hash.toHex())) && m_meta.setValue(kFailures, QStringLiteral("0"))
        && m_meta.setValue(kLockedUntil, QString());
}

QDateTime AdminPin::lockedUntil(const QDateTime& now)
{
    const QDateTime until = m_meta.time(kLockedUntil).valueOr({});
    return until.isValid() && until > now ? until : QDateTime();
}

AdminPin::Result AdminPin::verify(const QString& pin, const QDateTime& now)
{
    Result result;
    const kiosk::Result<QString> storedHash = m_meta.value(kHash);
    if (!storedHash) {
        result.error = storedHash.error();
        return result;
    }
    if (storedHash->isEmpty()) {
        result.status = Status::NotSet;
        return result;
    }
    result.failures = m_meta.value(kFailures).valueOr({}).toInt();
    if (const QDateTime until = lockedUntil(now); until.isValid()) {
        result.status = Status::LockedOut;
        result.lockedUntil = until;
        return result;
    }
    const QByteArray salt = QByteArray::fromHex(m_meta.value(kSalt).valueOr({}).toLatin1());
    const int iterations = qMax(Iterations, m_meta.value(kIterations).valueOr({}).toInt());
    if (sameBytes(derive(pin, salt, iterations), QByteArray::fromHex(storedHash->toLatin1()))) {
        (void)m_meta.setValue(kFailures, QStringLiteral("0"));
        (void)m_meta.setValue(kLockedUntil, QString());
        result.status = Status::Ok;
        result.failures = 0;
        return result;
    }
    result.failures += 1;
    result.status = Status::Wrong;
    if (result.failures >= FreeTries) {
        // 30 s after the fifth wrong try, then 60, 120, … (capped at a day).
        const int doublings = qMin(result.failures - FreeTries, 12);
        const qint64 seconds = qMin<qint64>(qint64(FirstLockSeconds) << doublings, 24 * 3600);
        result.lockedUntil = now.addSecs(seconds);
        (void)m_meta.setTime(kLockedUntil, result.lockedUntil);
    }
    if (const kiosk::VoidResult saved = m_meta.setValue(kFailures, QString::number(result.failures)); !saved) {
        result.status = Status::Error;
        result.error = saved.error();
    }
    return result;
}

} // namespace kiosk
