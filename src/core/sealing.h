#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <array>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace kiosk {

// Secret bytes in memory that libsodium guards (sodium_malloc: guard pages, locked out of swap where the system
// allows, wiped on free). Moved, never copied.
class SecretBytes final
{
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size);
    ~SecretBytes();
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;

    static SecretBytes random(std::size_t size);
    static SecretBytes copyOf(const unsigned char* data, std::size_t size);

    unsigned char* data() { return m_data; }
    const unsigned char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    bool equals(const SecretBytes& other) const;

private:
    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
};

// The libsodium calls the kiosk and the coordinators' tools make, in one place:
// - sealing to the coordinator's X25519 public key (crypto_box_seal), which only the coordinator's secret key opens;
// - keyed BLAKE2b tags (crypto_generichash) under the duplicate key, separated by domain;
// - wrapping a secret under a passphrase or PIN: Argon2id (crypto_pwhash), then XSalsa20-Poly1305 (secretbox).
namespace Sealing {

inline constexpr int PublicKeyBytes = 32;
inline constexpr int SecretKeyBytes = 32;
inline constexpr int DuplicateKeyBytes = 32;

// False if libsodium cannot start; nothing is sealed then (callers refuse to go on).
bool ready();

struct KeyPair
{
    QByteArray publicKey;
    SecretBytes secretKey;
};
KeyPair newKeyPair();
// Whether a secret key belongs to a public key.
bool matches(const QByteArray& publicKey, const SecretBytes& secretKey);

// Sixteen hex digits in four groups ("3F2A-91C0-77DE-0B14"): a BLAKE2b hash of the public key, short enough to read
// out over the phone.
QString fingerprint(const QByteArray& publicKey);

QByteArray seal(QByteArrayView plaintext, const QByteArray& publicKey);
// nullopt if the box is damaged or was sealed to another key.
std::optional<QByteArray> open(QByteArrayView sealed, const KeyPair& keys);
std::optional<SecretBytes> openSecret(QByteArrayView sealed, const KeyPair& keys);

// A 32-byte keyed tag of `parts` (each length-prefixed, so "ab"+"c" and "a"+"bc" differ) in `domain`, as 64 hex
// digits. The same parts under another domain or key give an unrelated tag.
QString tag(const SecretBytes& key, QByteArrayView domain, const QList<QByteArrayView>& parts);

// A crypto_box (X25519, XSalsa20-Poly1305) from the coordinator to a kiosk, addressed to the kiosk's Ed25519 device
// signing key (converted to X25519): a random nonce, then the box. Empty if the device key is not a valid one.
QByteArray boxToDevice(QByteArrayView message, const QByteArray& deviceSigningKey, const KeyPair& coordinator);

// Argon2id's cost. What a wrapped secret may ask for is bounded (see the .cpp), so a hostile file cannot ask for
// terabytes of memory or a week of work.
struct PasswordCost
{
    unsigned long long ops = 0;
    std::size_t memBytes = 0;
};
PasswordCost pinCost(); // 3 passes over 256 MiB (libsodium's "moderate")
PasswordCost passphraseCost(); // the same
inline constexpr std::size_t MinPinMemBytes = std::size_t(256) << 20;

// "a2id1$ops$memKiB$salt$nonce$box" with base64 fields: the secret under a key derived from `password`.
QByteArray wrapWithPassword(const SecretBytes& secret, QByteArrayView password, PasswordCost cost);
enum class UnwrapProblem { None, Wrong, Damaged };
// `minMemBytes`: a wrapping weaker than this is refused as damaged.
std::optional<SecretBytes> unwrapWithPassword(
    QByteArrayView wrapped, QByteArrayView password, std::size_t minMemBytes, UnwrapProblem* problem = nullptr);

} // namespace Sealing

} // namespace kiosk

namespace kiosk {

// Sealed boxes exactly as crypto_box_seal makes them (a fresh ephemeral key pair per box, the nonce a BLAKE2b hash of
// the ephemeral and the recipient's public keys), so crypto_box_seal_open opens them; but the two X25519 operations a
// box costs (about 60 µs here) are done ahead, on a background thread, while the kiosk waits for its next signer.
// Each prepared ephemeral key is used for one box only; its secret half is wiped as soon as the shared key is made,
// and the shared keys live in sodium_malloc memory. When the pool is empty, a box is sealed inline.
class SealingPool final
{
public:
    static constexpr std::size_t Depth = 64;

    explicit SealingPool(QByteArray publicKey);
    ~SealingPool();
    SealingPool(const SealingPool&) = delete;
    SealingPool& operator=(const SealingPool&) = delete;

    QByteArray seal(QByteArrayView plaintext);
    // For tests and the benchmark: waits until the pool is full (or `ms` have passed).
    bool waitUntilFull(int ms);

private:
    void fill();

    QByteArray m_publicKey;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_filled;
    // Depth slots: each an ephemeral public key and, in one guarded arena, its shared key with the recipient.
    SecretBytes m_sharedKeys;
    std::vector<std::array<unsigned char, 32>> m_ephemeral;
    std::deque<std::size_t> m_ready; // slots prepared, oldest first
    std::vector<std::size_t> m_free; // slots to prepare
    bool m_stop = false;
    std::thread m_worker;
};

} // namespace kiosk
