#include "sealing.h"

#include <QStringList>

#include <sodium.h>

#include <cstring>
#include <utility>

namespace kiosk {

SecretBytes::SecretBytes(std::size_t size)
{
    if (size == 0 || !Sealing::ready())
        return;
    m_data = static_cast<unsigned char*>(sodium_malloc(size));
    if (m_data)
        m_size = size;
}

SecretBytes::~SecretBytes()
{
    if (m_data)
        sodium_free(m_data); // wipes before freeing
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept
{
    if (this != &other) {
        if (m_data)
            sodium_free(m_data);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretBytes SecretBytes::random(std::size_t size)
{
    SecretBytes s(size);
    if (!s.isEmpty())
        randombytes_buf(s.data(), s.size());
    return s;
}

SecretBytes SecretBytes::copyOf(const unsigned char* data, std::size_t size)
{
    SecretBytes s(size);
    if (!s.isEmpty())
        std::memcpy(s.data(), data, size);
    return s;
}

bool SecretBytes::equals(const SecretBytes& other) const
{
    return m_size == other.m_size && m_size > 0 && sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

namespace Sealing {

namespace {

const unsigned char* bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

unsigned char* bytes(QByteArray& v)
{
    return reinterpret_cast<unsigned char*>(v.data());
}

// The most a wrapped secret may ask of Argon2id: 1 GiB and 10 passes (a few seconds here). More is refused as
// damaged, so that a hostile key file or database cannot tie the machine up.
constexpr std::size_t MaxMemBytes = std::size_t(1) << 30;
constexpr unsigned long long MaxOps = 10;
const QByteArray kWrapPrefix = QByteArrayLiteral("a2id1");

bool derive(unsigned char* key, QByteArrayView password, const QByteArray& salt, PasswordCost cost)
{
    return crypto_pwhash(key, crypto_secretbox_KEYBYTES, password.data(), password.size(), bytes(salt), cost.ops,
               cost.memBytes, crypto_pwhash_ALG_ARGON2ID13)
        == 0;
}

} // namespace

bool ready()
{
    static const bool started = sodium_init() >= 0;
    return started;
}

KeyPair newKeyPair()
{
    KeyPair pair;
    pair.publicKey = QByteArray(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
    pair.secretKey = SecretBytes(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(bytes(pair.publicKey), pair.secretKey.data());
    return pair;
}

bool matches(const QByteArray& publicKey, const SecretBytes& secretKey)
{
    if (publicKey.size() != crypto_box_PUBLICKEYBYTES || secretKey.size() != crypto_box_SECRETKEYBYTES)
        return false;
    unsigned char derived[crypto_box_PUBLICKEYBYTES];
    crypto_scalarmult_base(derived, secretKey.data());
    const bool same = sodium_memcmp(derived, publicKey.constData(), sizeof derived) == 0;
    sodium_memzero(derived, sizeof derived);
    return same;
}

QString fingerprint(const QByteArray& publicKey)
{
    unsigned char hash[8];
    static const char domain[] = "petition-kiosk fingerprint v1";
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, sizeof hash);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(domain), sizeof domain);
    crypto_generichash_update(&state, bytes(publicKey), publicKey.size());
    crypto_generichash_final(&state, hash, sizeof hash);
    const QString hex
        = QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(hash), sizeof hash).toHex()).toUpper();
    return QStringList { hex.mid(0, 4), hex.mid(4, 4), hex.mid(8, 4), hex.mid(12, 4) }.join(QLatin1Char('-'));
}

QByteArray seal(QByteArrayView plaintext, const QByteArray& publicKey)
{
    if (publicKey.size() != crypto_box_PUBLICKEYBYTES || !ready())
        return {};
    QByteArray out(plaintext.size() + crypto_box_SEALBYTES, Qt::Uninitialized);
    if (crypto_box_seal(bytes(out), bytes(plaintext), plaintext.size(), bytes(publicKey)) != 0)
        return {};
    return out;
}

std::optional<QByteArray> open(QByteArrayView sealed, const KeyPair& keys)
{
    if (sealed.size() < crypto_box_SEALBYTES || keys.publicKey.size() != crypto_box_PUBLICKEYBYTES
        || keys.secretKey.size() != crypto_box_SECRETKEYBYTES)
        return std::nullopt;
    QByteArray out(sealed.size() - crypto_box_SEALBYTES, Qt::Uninitialized);
    if (crypto_box_seal_open(bytes(out), bytes(sealed), sealed.size(), bytes(keys.publicKey), keys.secretKey.data())
        != 0)
        return std::nullopt;
    return out;
}

std::optional<SecretBytes> openSecret(QByteArrayView sealed, const KeyPair& keys)
{
    if (sealed.size() <= crypto_box_SEALBYTES || keys.publicKey.size() != crypto_box_PUBLICKEYBYTES
        || keys.secretKey.size() != crypto_box_SECRETKEYBYTES)
        return std::nullopt;
    SecretBytes out(sealed.size() - crypto_box_SEALBYTES);
    if (out.isEmpty()
        || crypto_box_seal_open(out.data(), bytes(sealed), sealed.size(), bytes(keys.publicKey), keys.secretKey.data())
            != 0)
        return std::nullopt;
    return out;
}

QByteArray boxToDevice(QByteArrayView message, const QByteArray& deviceSigningKey, const KeyPair& coordinator)
{
    unsigned char deviceX25519[crypto_box_PUBLICKEYBYTES];
    if (deviceSigningKey.size() != crypto_sign_PUBLICKEYBYTES
        || crypto_sign_ed25519_pk_to_curve25519(
               deviceX25519, reinterpret_cast<const unsigned char*>(deviceSigningKey.constData()))
            != 0
        || coordinator.secretKey.size() != crypto_box_SECRETKEYBYTES)
        return {};
    QByteArray out(qsizetype(crypto_box_NONCEBYTES + crypto_box_MACBYTES) + message.size(), Qt::Uninitialized);
    auto* nonce = reinterpret_cast<unsigned char*>(out.data());
    randombytes_buf(nonce, crypto_box_NONCEBYTES);
    if (crypto_box_easy(nonce + crypto_box_NONCEBYTES, reinterpret_cast<const unsigned char*>(message.data()),
            quint64(message.size()), nonce, deviceX25519, coordinator.secretKey.data())
        != 0)
        return {};
    return out;
}

QString tag(const SecretBytes& key, QByteArrayView domain, const QList<QByteArrayView>& parts)
{
    if (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX)
        return {};
    unsigned char out[32];
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.data(), key.size(), sizeof out);
    const auto lengthThen = [&state](QByteArrayView part) {
        const quint64 n = quint64(part.size());
        unsigned char length[8];
        for (int i = 0; i < 8; ++i)
            length[i] = static_cast<unsigned char>(n >> (8 * i));
        crypto_generichash_update(&state, length, sizeof length);
        crypto_generichash_update(&state, bytes(part), part.size());
    };
    lengthThen(domain);
    for (QByteArrayView part : parts)
        lengthThen(part);
    crypto_generichash_final(&state, out, sizeof out);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(out), sizeof out).toHex());
}

PasswordCost pinCost()
{
    return { crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE };
}

PasswordCost passphraseCost()
{
    return { crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE };
}

QByteArray wrapWithPassword(const SecretBytes& secret, QByteArrayView password, PasswordCost cost)
{
    if (secret.isEmpty() || !ready())
        return {};
    QByteArray salt(crypto_pwhash_SALTBYTES, Qt::Uninitialized);
    QByteArray nonce(crypto_secretbox_NONCEBYTES, Qt::Uninitialized);
    randombytes_buf(salt.data(), salt.size());
    randombytes_buf(nonce.data(), nonce.size());
    SecretBytes key(crypto_secretbox_KEYBYTES);
    if (key.isEmpty() || !derive(key.data(), password, salt, cost))
        return {};
    QByteArray box(secret.size() + crypto_secretbox_MACBYTES, Qt::Uninitialized);
    crypto_secretbox_easy(bytes(box), secret.data(), secret.size(), bytes(nonce), key.data());
    return kWrapPrefix + '$' + QByteArray::number(cost.ops) + '$' + QByteArray::number(quint64(cost.memBytes >> 10))
        + '$' + salt.toBase64() + '$' + nonce.toBase64() + '$' + box.toBase64();
}

std::optional<SecretBytes> unwrapWithPassword(
    QByteArrayView wrapped, QByteArrayView password, std::size_t minMemBytes, UnwrapProblem* problem)
{
    const auto damaged = [problem]() -> std::optional<SecretBytes> {
        if (problem)
            *problem = UnwrapProblem::Damaged;
        return std::nullopt;
    };
    if (problem)
        *problem = UnwrapProblem::None;
    if (!ready() || wrapped.size() > 1024)
        return damaged();
    const QList<QByteArray> fields = wrapped.toByteArray().split('$');
    if (fields.size() != 6 || fields.at(0) != kWrapPrefix)
        return damaged();
    bool opsOk = false;
    bool memOk = false;
    const unsigned long long ops = fields.at(1).toULongLong(&opsOk);
    const unsigned long long memKiB = fields.at(2).toULongLong(&memOk);
    const auto strict = QByteArray::AbortOnBase64DecodingErrors;
    const auto salt = QByteArray::fromBase64Encoding(fields.at(3), strict);
    const auto nonce = QByteArray::fromBase64Encoding(fields.at(4), strict);
    const auto box = QByteArray::fromBase64Encoding(fields.at(5), strict);
    if (!opsOk || !memOk || ops < crypto_pwhash_OPSLIMIT_MIN || ops > MaxOps || memKiB > (MaxMemBytes >> 10)
        || (memKiB << 10) < minMemBytes || !salt || salt.decoded.size() != crypto_pwhash_SALTBYTES || !nonce
        || nonce.decoded.size() != crypto_secretbox_NONCEBYTES || !box
        || box.decoded.size() <= crypto_secretbox_MACBYTES || box.decoded.size() > 512)
        return damaged();
    SecretBytes key(crypto_secretbox_KEYBYTES);
    if (key.isEmpty() || !derive(key.data(), password, salt.decoded, { ops, std::size_t(memKiB << 10) }))
        return damaged();
    SecretBytes secret(box.decoded.size() - crypto_secretbox_MACBYTES);
    if (secret.isEmpty()
        || crypto_secretbox_open_easy(
               secret.data(), bytes(box.decoded), box.decoded.size(), bytes(nonce.decoded), key.data())
            != 0) {
        if (problem)
            *problem = UnwrapProblem::Wrong;
        return std::nullopt;
    }
    return secret;
}

} // namespace Sealing

SealingPool::SealingPool(QByteArray publicKey)
    : m_publicKey(std::move(publicKey))
    , m_sharedKeys(Depth * crypto_box_BEFORENMBYTES)
    , m_ephemeral(Depth)
{
    if (m_publicKey.size() != crypto_box_PUBLICKEYBYTES || m_sharedKeys.isEmpty())
        return;
    for (std::size_t slot = 0; slot < Depth; ++slot)
        m_free.push_back(slot);
    m_worker = std::thread([this]() { fill(); });
}

SealingPool::~SealingPool()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_worker.joinable())
        m_worker.join();
}

void SealingPool::fill()
{
    const auto* recipient = reinterpret_cast<const unsigned char*>(m_publicKey.constData());
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_stop) {
        if (m_free.empty()) {
            m_filled.notify_all();
            m_wake.wait(lock, [this]() { return m_stop || !m_free.empty(); });
            continue;
        }
        const std::size_t slot = m_free.back();
        m_free.pop_back();
        lock.unlock();
        // The slot is this thread's until it is queued as ready.
        unsigned char ephemeralSecret[crypto_box_SECRETKEYBYTES];
        crypto_box_keypair(m_ephemeral[slot].data(), ephemeralSecret);
        const bool ok
            = crypto_box_beforenm(m_sharedKeys.data() + slot * crypto_box_BEFORENMBYTES, recipient, ephemeralSecret)
            == 0;
        sodium_memzero(ephemeralSecret, sizeof ephemeralSecret);
        lock.lock();
        if (ok)
            m_ready.push_back(slot);
        else
            m_free.push_back(slot);
    }
}

bool SealingPool::waitUntilFull(int ms)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    return m_filled.wait_for(lock, std::chrono::milliseconds(ms), [this]() { return m_ready.size() >= Depth; });
}

QByteArray SealingPool::seal(QByteArrayView plaintext)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    if (m_ready.empty()) {
        lock.unlock();
        return Sealing::seal(plaintext, m_publicKey); // the pool is empty: inline
    }
    const std::size_t slot = m_ready.front();
    m_ready.pop_front();
    lock.unlock();
    const unsigned char* epk = m_ephemeral[slot].data();
    unsigned char* key = m_sharedKeys.data() + slot * crypto_box_BEFORENMBYTES;
    // crypto_box_seal's layout: the ephemeral public key, then the box under nonce = BLAKE2b-192(epk || pk).
    unsigned char nonce[crypto_box_NONCEBYTES];
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, sizeof nonce);
    crypto_generichash_update(&state, epk, crypto_box_PUBLICKEYBYTES);
    crypto_generichash_update(
        &state, reinterpret_cast<const unsigned char*>(m_publicKey.constData()), crypto_box_PUBLICKEYBYTES);
    crypto_generichash_final(&state, nonce, sizeof nonce);
    QByteArray out(crypto_box_PUBLICKEYBYTES + crypto_box_MACBYTES + plaintext.size(), Qt::Uninitialized);
    std::memcpy(out.data(), epk, crypto_box_PUBLICKEYBYTES);
    const bool ok = crypto_box_easy_afternm(reinterpret_cast<unsigned char*>(out.data()) + crypto_box_PUBLICKEYBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), nonce, key)
        == 0;
    // Used once: the shared key is wiped and its slot goes back to be prepared anew.
    sodium_memzero(key, crypto_box_BEFORENMBYTES);
    lock.lock();
    m_free.push_back(slot);
    lock.unlock();
    m_wake.notify_one();
    return ok ? out : QByteArray();
}

} // namespace kiosk
