#pragma once

#include "core/personaldatacodec.h"
#include "core/result.h"
#include "core/sealing.h"
#include "hubdatabase.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace kiosk::hub {

// A signature's personal details as the hub's outputs (the hand-in list, the uploads) read them from a streamed row:
// in clear in the row in a clear hub, or opened from its sealed box with the coordinator's key in a sealed one.
class SignerDetails final
{
public:
    SignerDetails(HubDatabase& db, std::shared_ptr<const Sealing::KeyPair> keys);

    // The select-list expression for `s.sealed` as text a stream carries: hex on either backend; '' in a clear hub.
    static QByteArray sealedColumn(HubDatabase& db);
    // The row's clear cells (as streamed), or its box (sealedColumn's hex); nullopt if the box does not open.
    std::optional<PersonalFields> of(const QString& id, QByteArrayView name, QByteArrayView postcode,
        QByteArrayView email, QByteArrayView sealedHex);
    // What an output says when a row does not open with the key given.
    static Failure unopened(const QString& id);
    // What an output says when a sealed hub is asked for names without the key; empty if it may go on. `command` is
    // the one that needs it ("hand-in"), or empty.
    static VoidResult needsKey(
        HubDatabase& db, const std::shared_ptr<const Sealing::KeyPair>& keys, const QString& command = {});

private:
    HubDatabase& m_db;
    SealingPersonalDataCodec m_opener;
    bool m_sealed;
};

} // namespace kiosk::hub
