#pragma once

#include "result.h"
#include "sealing.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace kiosk {

class MetaValues;
class StoreConnection;

// How a data folder keeps personal data, and the keys that go with it:
// - Sealed: enrolled with a coordinator's public key; rows are sealed to it (SealingPersonalDataCodec).
// - Unsealed: `init --unsealed`, for tests and demos only; rows in clear, and every screen says so.
// - NotEnrolled: neither yet (a new data folder): the kiosk does not take signatures until it is one or the other.
struct SealingState
{
    enum class Mode { NotEnrolled, Sealed, Unsealed };
    Mode mode = Mode::NotEnrolled;
    QByteArray publicKey; // Sealed
    QString fingerprint; // Sealed

    bool sealed() const { return mode == Mode::Sealed; }
};

class StoreSealing final
{
public:
    explicit StoreSealing(StoreConnection& connection)
        : m_connection(connection)
    {
    }

    Result<SealingState> state();
    // Enrols a data folder that holds no signatures yet (one that does needs seal-existing). Enrolling again with
    // the same key is a no-op; with another key it is refused.
    VoidResult enrol(const QByteArray& publicKey);
    // Test and demo kiosks only. Refused once sealed.
    VoidResult chooseUnsealed();
    // seal-existing: seals every row of an unsealed data folder to `publicKey`, makes the duplicate tags under `kd`,
    // and records the sealing, all in one transaction. Then the free pages and the WAL are emptied (VACUUM, and a
    // TRUNCATE checkpoint; secure_delete is on), so the clear values do not linger in the files. The rows sealed.
    Result<qint64> sealExisting(const QByteArray& publicKey, std::shared_ptr<const SecretBytes> kd);

    // Opening the stall: the duplicate key Kd, from the volunteer's PIN. A sealed store saves nothing without it;
    // every kiosk (sealed or not) shows "Open the stall" until it is unlocked.
    void unlock(std::shared_ptr<const SecretBytes> kd);
    void lock();
    bool isUnlocked() const;
    // On the coordinator's machine only: lets the store open sealed rows.
    void setOpeningKeys(std::shared_ptr<const Sealing::KeyPair> keys);
    // Whether rows can be read in clear here (an unsealed store, or opening keys given).
    bool canOpen() const;

private:
    VoidResult markSealedIn(MetaValues& meta, const QByteArray& publicKey);

    StoreConnection& m_connection;
    bool m_open = false;
};

} // namespace kiosk
