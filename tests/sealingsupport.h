#pragma once

// Every store a test opens goes through openStore(), which sets it up as the run asks: in a sealed run
// (KIOSK_TEST_SEALING=sealed; CTest registers each such test a second time as <name>_sealed) it is sealed to a test
// coordinator key and unlocked with a test duplicate key, as an opened stall is; otherwise it is an unsealed test
// kiosk. Tests that must read stored names back (find, the export's clear columns) open them as the coordinator would.

#include "core/signaturestore.h"

#include <QtGlobal>

#include <memory>

namespace kiosk::test {

inline bool sealedRun()
{
    return qgetenv("KIOSK_TEST_SEALING") == "sealed";
}

// One coordinator key pair and one duplicate key per test process.
inline std::shared_ptr<const Sealing::KeyPair> coordinatorKeys()
{
    static const auto keys = std::make_shared<const Sealing::KeyPair>(Sealing::newKeyPair());
    return keys;
}

inline std::shared_ptr<const SecretBytes> duplicateKey()
{
    static const auto kd = std::make_shared<const SecretBytes>(SecretBytes::random(Sealing::DuplicateKeyBytes));
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
    SignatureStore::OpenMode mode = SignatureStore::OpenMode::CreateIfMissing, const SignatureStore::Options& options = {})
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
    SignatureStore::OpenMode mode = SignatureStore::OpenMode::CreateIfMissing, const SignatureStore::Options& options = {})
{
    const VoidResult opened = openStore(store, dir, mode, options);
    if (opened)
        readAsCoordinator(store);
    return opened;
}

} // namespace kiosk::test
