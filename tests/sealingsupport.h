#pragma once

// Every store a test opens goes through openStore(), which sets it up as the run asks: in a sealed run
// (KIOSK_TEST_SEALING=sealed; CTest registers each such test a second time as <name>_sealed) it is sealed to a test
// coordinator key and unlocked with a test duplicate key, as an opened stall is; otherwise it is an unsealed test
// kiosk. Tests that must read stored names back (find, the export's clear columns) open them as the coordinator would.

#include "core/signaturestore.h"

#include <QtGlobal>

#include <sodium.h>

#include <memory>

namespace kiosk::test {

inline bool sealedRun()
{
    return qgetenv("KIOSK_TEST_SEALING") == "sealed";
}

// The test coordinator's key pair and the test duplicate key: fixed (from fixed seeds), so that a test and the helper
// processes it starts (tst_crash's) seal, tag and open alike.
inline std::shared_ptr<const Sealing::KeyPair> coordinatorKeys()
{
    static const auto keys = [] {
        (void)Sealing::ready();
        unsigned char seed[crypto_box_SEEDBYTES];
        crypto_generichash(
            seed, sizeof seed, reinterpret_cast<const unsigned char*>("test coordinator"), 16, nullptr, 0);
        Sealing::KeyPair pair;
        pair.publicKey = QByteArray(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
        pair.secretKey = SecretBytes(crypto_box_SECRETKEYBYTES);
        crypto_box_seed_keypair(reinterpret_cast<unsigned char*>(pair.publicKey.data()), pair.secretKey.data(), seed);
        return std::make_shared<const Sealing::KeyPair>(std::move(pair));
    }();
    return keys;
}

inline std::shared_ptr<const SecretBytes> duplicateKey()
{
    static const auto kd = [] {
        (void)Sealing::ready();
        SecretBytes key(Sealing::DuplicateKeyBytes);
        crypto_generichash(
            key.data(), key.size(), reinterpret_cast<const unsigned char*>("test duplicate key"), 18, nullptr, 0);
        return std::make_shared<const SecretBytes>(std::move(key));
    }();
    return kd;
}

// Enrols (sealed run) or marks unsealed a store that is neither yet, and opens its stall.
inline VoidResult setUpForRun(SignatureStore& store)
{
    const Result<SealingState> state = store.sealing().state();
    if (!state)
        return state.failure();
    if (state->mode == SealingState::Mode::NotEnrolled) {
        // A folder that already holds rows in clear (a migration test's database from before sealing) cannot be
        // enrolled; it stays an unsealed one, as such a kiosk does until seal-existing.
        const bool hasRows = store.signatures().counts().valueOr({}).total > 0;
        const VoidResult chosen = sealedRun() && !hasRows ? store.sealing().enrol(coordinatorKeys()->publicKey)
                                                          : store.sealing().chooseUnsealed();
        if (!chosen)
            return chosen;
    }
    store.sealing().unlock(duplicateKey());
    return {};
}

inline VoidResult openStore(SignatureStore& store, const QString& dir,
    SignatureStore::OpenMode mode = SignatureStore::OpenMode::CreateIfMissing,
    const SignatureStore::Options& options = {})
{
    const VoidResult opened = store.open(dir, mode, options);
    if (!opened || (options.targetSchemaVersion >= 0 && !store.schemaVersion().valueOr(0)))
        return opened;
    if (options.targetSchemaVersion >= 0)
        return opened; // an older schema, for a migration test: set up when it is opened at the latest
    return setUpForRun(store);
}

// What the coordinator's machine can do and a kiosk cannot: open sealed rows (find(), the clear export columns).
inline void readAsCoordinator(SignatureStore& store)
{
    store.sealing().setOpeningKeys(coordinatorKeys());
}

// openStore() then readAsCoordinator(): for tests of what was stored.
inline VoidResult openStoreReadable(SignatureStore& store, const QString& dir,
    SignatureStore::OpenMode mode = SignatureStore::OpenMode::CreateIfMissing,
    const SignatureStore::Options& options = {})
{
    const VoidResult opened = openStore(store, dir, mode, options);
    if (opened)
        readAsCoordinator(store);
    return opened;
}

} // namespace kiosk::test
