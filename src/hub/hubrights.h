#pragma once

#include "core/result.h"
#include "hubdatabase.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace kiosk::hub {

class SignerKeys;

// The signers' rights at the hub.
//
// Erasure on request (`petition-hub erase`): a signer's signatures are found by the details the signer gives again,
// under the kiosk's own duplicate rules (name and postcode, email and name, or email), and erased: the name, postcode,
// email, drawing and every key and hash made of them are gone, and what stays is a tombstone (id, batch, stall, the
// day, and why). Totals and hand-in lists leave it out; an import that meets its id again leaves it as it is.
//
// Retention (`petition-hub purge`): every signature signed before a London day loses its personal fields the same way,
// but keeps what it is counted by (stall, time, postcode area, country, the answers), so totals and reports stay as
// they were. A receipt says what was purged.
//
// Both are written to the hub's audit log, with counts and ids, never a signer's details.
class HubRights final
{
public:
    static constexpr const char* Erased = "erased on request";
    static constexpr const char* Purged = "purged";

    // What a signer gives to be found: a name with a postcode, an email (with or without the name), or the ids an
    // earlier search listed.
    struct Request
    {
        QString name;
        QString postcode;
        QString email;
        QStringList ids;
    };
    // Why a request cannot be searched for (in the CLI's words), or empty.
    static QString problemWith(const Request& request);

    struct Match
    {
        QString id;
        QString stallId;
        QString signedAt;
        QString removed; // empty, or why it is gone already
    };
    // The signatures the request finds, oldest first.
    static Result<QList<Match>> find(HubDatabase& db, const SignerKeys& keys, const Request& request);
    // Erases the signatures `ids` (ignoring any gone already), audits it, and marks the duplicates afresh.
    struct Erasure
    {
        qint64 count = 0;
        // Done, but a step after the commit did not finish (the old bytes' scrubbing, the duplicates' marking): what
        // to do about it, for the coordinator.
        QString note;
    };
    static Result<Erasure> erase(HubDatabase& db, const QStringList& ids);

    struct Purge
    {
        QDate before; // London day: everything signed before it
        qint64 signatures = 0;
        QString firstSignedAt;
        QString lastSignedAt;
        QStringList manifests; // the batches the purged signatures came in, sorted
        QString note; // purge(): done, but the old bytes' scrubbing did not finish, and what to do
    };
    // What a purge before `before` would take (nothing changes).
    static Result<Purge> planPurge(HubDatabase& db, const QDate& before);
    // Purges, in one transaction with its audit entry.
    static Result<Purge> purge(HubDatabase& db, const QDate& before);

    // The receipt of a purge: what was purged, when and by whom, the hand-in lists made before it (which it does not
    // change), the counts that stay, and `receipt_sha256`, the SHA-256 of the receipt's own compact JSON without that
    // field. Format "petition-hub-purge-receipt/1".
    static Result<QJsonObject> receipt(HubDatabase& db, const Purge& purged, const QString& ranAt);
    // The SHA-256 a receipt should carry: of its compact JSON (keys sorted) without `receipt_sha256`.
    static QString receiptHash(QJsonObject receipt);
};

} // namespace kiosk::hub
