#include "adminpin.h"

#include "core/signature.h"
#include "core/signaturestore.h"

#include <QPasswordDigestor>
#include <QRegularExpression>

namespace kiosk {

namespace {

const QString kWrap = QStringLiteral("pin_kd_wrap");
const QString kCoordinatorSeal = QStringLiteral("coordinator_kd_seal");
const QString kMustChange = QStringLiteral("pin_must_change");
const QString kFailures = QStringLiteral("admin_pin_failures");
const QString kLockedUntil = QStringLiteral("admin_pin_locked_until");
// Before sealing: a PBKDF2 hash, checked once more and then deleted.
const QString kLegacyHash = QStringLiteral("admin_pin_pbkdf2_sha256");
const QString kLegacySalt = QStringLiteral("admin_pin_salt");
const QString kLegacyIterations = QStringLiteral("admin_pin_iterations");

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
    : m_store(store)
    , m_meta(store.meta())
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
    return !m_meta.value(kWrap).valueOr({}).isEmpty() || !m_meta.value(kLegacyHash).valueOr({}).isEmpty();
}

kiosk::Result<QString> AdminPin::coordinatorCopy(const SecretBytes& kd)
{
    const kiosk::Result<SealingState> state = m_store.sealing().state();
    if (!state)
        return state.failure();
    if (!state->sealed())
        return QString();
    const QByteArray sealed = Sealing::seal(
        QByteArrayView(reinterpret_cast<const char*>(kd.data()), qsizetype(kd.size())), state->publicKey);
    if (sealed.isEmpty())
        return Failure { StoreError::Other, QStringLiteral("Kd could not be sealed"), {} };
    return QString::fromLatin1(sealed.toBase64());
}

VoidResult AdminPin::store(const SecretBytes& kd, const QByteArray& wrapped, bool mustChange)
{
    const kiosk::Result<QString> copy = coordinatorCopy(kd);
    if (!copy)
        return copy.failure();
    // One transaction: the wrapped key, its coordinator's copy and the fresh lockout land together or not at all.
    return m_meta.setValues({ { kWrap, QString::fromLatin1(wrapped) }, { kCoordinatorSeal, *copy },
        { kMustChange, mustChange ? QStringLiteral("1") : QString() }, { kFailures, QStringLiteral("0") },
        { kLockedUntil, QString() }, { kLegacyHash, QString() }, { kLegacySalt, QString() },
        { kLegacyIterations, QString() } });
}

AdminPin::Result AdminPin::countWrong(Result result, const QDateTime& now)
{
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

kiosk::Result<std::shared_ptr<const SecretBytes>> AdminPin::set(const QString& pin, const SecretBytes* kd)
{
    if (const QString problem = problemWith(pin); !problem.isEmpty())
        return Failure { StoreError::Invalid, QStringLiteral("not a PIN"), problem };
    const kiosk::Result<SealingState> state = m_store.sealing().state();
    if (!state)
        return state.failure();
    SecretBytes fresh;
    if (!kd) {
        if (state->sealed() && isSet())
            return Failure { StoreError::Invalid, QStringLiteral("a new PIN needs the current one"),
                QStringLiteral("This kiosk is sealed: a new PIN needs the current PIN, or the coordinator's key "
                               "(petition-kiosk-admin reset-pin).") };
        fresh = SecretBytes::random(Sealing::DuplicateKeyBytes);
        if (fresh.isEmpty())
            return Failure { StoreError::Other, QStringLiteral("no memory for the duplicate key"), {} };
        kd = &fresh;
    }
    const QByteArray wrapped = Sealing::wrapWithPassword(*kd, pin.toUtf8(), Sealing::pinCost());
    if (wrapped.isEmpty())
        return Failure { StoreError::Other, QStringLiteral("the PIN could not wrap the duplicate key"), {} };
    if (const VoidResult stored = store(*kd, wrapped, false); !stored)
        return stored.failure();
    return std::make_shared<const SecretBytes>(SecretBytes::copyOf(kd->data(), kd->size()));
}

QDateTime AdminPin::lockedUntil(const QDateTime& now)
{
    const QDateTime until = m_meta.time(kLockedUntil).valueOr({});
    return until.isValid() && until > now ? until : QDateTime();
}

AdminPin::Result AdminPin::verify(const QString& pin, const QDateTime& now)
{
    Result result;
    const kiosk::Result<QString> wrap = m_meta.value(kWrap);
    if (!wrap) {
        result.error = wrap.error();
        return result;
    }
    result.failures = m_meta.value(kFailures).valueOr({}).toInt();
    if (const QDateTime until = lockedUntil(now); until.isValid()) {
        result.status = Status::LockedOut;
        result.lockedUntil = until;
        return result;
    }
    if (wrap->isEmpty())
        return verifyLegacy(pin, result, now);

    Sealing::UnwrapProblem problem = Sealing::UnwrapProblem::None;
    std::optional<SecretBytes> kd
        = Sealing::unwrapWithPassword(wrap->toLatin1(), pin.toUtf8(), Sealing::MinPinMemBytes, &problem);
    if (kd) {
        (void)m_meta.setValue(kFailures, QStringLiteral("0"));
        (void)m_meta.setValue(kLockedUntil, QString());
        // Enrolled after the PIN was set: the coordinator's copy is made now.
        if (m_meta.value(kCoordinatorSeal).valueOr({}).isEmpty())
            (void)refreshCoordinatorCopy(*kd);
        result.status = Status::Ok;
        result.failures = 0;
        result.mustChange = m_meta.value(kMustChange).valueOr({}) == QLatin1String("1");
        result.key = std::make_shared<const SecretBytes>(std::move(*kd));
        return result;
    }
    if (problem == Sealing::UnwrapProblem::Damaged) {
        // Not the volunteer's mistake: no try is counted.
        result.error = StoreError::Corrupt;
        return result;
    }
    return countWrong(result, now);
}

AdminPin::Result AdminPin::verifyLegacy(const QString& pin, Result result, const QDateTime& now)
{
    const QString storedHash = m_meta.value(kLegacyHash).valueOr({});
    if (storedHash.isEmpty()) {
        result.status = Status::NotSet;
        return result;
    }
    const QByteArray salt = QByteArray::fromHex(m_meta.value(kLegacySalt).valueOr({}).toLatin1());
    const int iterations = qMax(LegacyIterations, m_meta.value(kLegacyIterations).valueOr({}).toInt());
    const QByteArray derived
        = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, pin.toUtf8(), salt, iterations, 32);
    if (!sameBytes(derived, QByteArray::fromHex(storedHash.toLatin1())))
        return countWrong(result, now);
    // Right: Kd is made and wrapped under this PIN (however short), and the hash goes.
    SecretBytes kd = SecretBytes::random(Sealing::DuplicateKeyBytes);
    const QByteArray wrapped = Sealing::wrapWithPassword(kd, pin.toUtf8(), Sealing::pinCost());
    if (kd.isEmpty() || wrapped.isEmpty()) {
        result.error = StoreError::Other;
        return result;
    }
    const bool shortPin = pin.size() < MinDigits;
    if (const VoidResult stored = store(kd, wrapped, shortPin); !stored) {
        result.error = stored.error();
        return result;
    }
    result.status = Status::Ok;
    result.failures = 0;
    result.mustChange = shortPin;
    result.key = std::make_shared<const SecretBytes>(std::move(kd));
    return result;
}

VoidResult AdminPin::refreshCoordinatorCopy(const SecretBytes& kd)
{
    const kiosk::Result<QString> copy = coordinatorCopy(kd);
    if (!copy)
        return copy.failure();
    if (copy->isEmpty())
        return {};
    return m_meta.setValue(kCoordinatorSeal, *copy);
}

kiosk::Result<std::shared_ptr<const SecretBytes>> AdminPin::recoverWithCoordinatorKey(const Sealing::KeyPair& keys)
{
    const kiosk::Result<SealingState> state = m_store.sealing().state();
    if (!state)
        return state.failure();
    if (!state->sealed())
        return Failure { StoreError::Invalid, QStringLiteral("not sealed"),
            QStringLiteral("This kiosk is not sealed; set a new PIN with set-pin.") };
    if (state->publicKey != keys.publicKey)
        return Failure { StoreError::WrongCodec, QStringLiteral("another coordinator"),
            QStringLiteral("This kiosk is sealed to another coordinator's key (%1), not to this one (%2). Nothing "
                           "was changed.")
                .arg(state->fingerprint, Sealing::fingerprint(keys.publicKey)) };
    const QByteArray sealed = QByteArray::fromBase64(m_meta.value(kCoordinatorSeal).valueOr({}).toLatin1());
    std::optional<SecretBytes> kd = Sealing::openSecret(sealed, keys);
    if (!kd || kd->size() != std::size_t(Sealing::DuplicateKeyBytes))
        return Failure { StoreError::Corrupt, QStringLiteral("the coordinator's copy of Kd does not open"),
            QStringLiteral("The coordinator's copy of the kiosk's duplicate key is missing or damaged; the PIN "
                           "cannot be reset this way. Nothing was changed.") };
    return std::make_shared<const SecretBytes>(std::move(*kd));
}

} // namespace kiosk
