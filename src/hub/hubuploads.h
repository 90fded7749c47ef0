#pragma once

#include "core/result.h"
#include "core/sealing.h"
#include "hubdatabase.h"

#include <QDate>
#include <QString>

#include <memory>
#include <optional>

namespace kiosk::hub {

class HashedSaveFile;

// What coordinators upload after a day at the stalls, cut from the hub so that no one cuts it by hand:
//   contacts    the signers who ticked "Email me about this campaign" and gave an email, for a mailing tool: each email
//               once (merged across stalls by the kiosk's email key), with its earliest opt-in. Never a signer who did
//               not opt in, and never an erased or purged signature.
//   signatures  the de-duplicated signatures, for a CRM or an online petition, sorted by the time signed.
// Both are CSV by the project's CsvWriter: UTF-8 with a BOM, CRLF, every cell quoted, formula-safe.
//
// "New since": a row is new when it came into the hub (its batch's import) on or after a London day; or, with "last",
// when its batch was not taken by an earlier export of the same kind. The hub records the batches each export took
// (only those committed when it began), so a stall's late batch, or one an import committed during an export, is in
// the next one.
class HubUploads final
{
public:
    enum class Format { Mailchimp, Generic };
    // The columns, as documented in docs/coordinators.md; the Mailchimp header is exactly Mailchimp's import's.
    static QStringList contactsHeader(Format format);
    static QStringList signaturesHeader();

    struct Since
    {
        std::optional<QDate> day; // --since DAY
        bool last = false; // --since last
    };
    struct Outcome
    {
        qint64 rows = 0;
        qint64 signaturesRead = 0; // contacts: opted-in signatures the rows were merged from
        QString cutUtc; // --since DAY: the day's start; empty otherwise
        bool sinceLast = false; // --since last
        bool firstExport = false; // --since last, and none was made before: everything
        QString sha256;
        QStringList batches; // the batches in the hub when it began: recorded as taken by finish()
    };

    // Writes the rows into `out` (opened, not committed); records the export in the audit log and, once `out` is
    // committed by the caller, as the next "since last". A sealed hub needs `keys` to open the details.
    static Result<Outcome> contacts(HubDatabase& db, std::shared_ptr<const Sealing::KeyPair> keys, Format format,
        const Since& since, HashedSaveFile& out);
    static Result<Outcome> signatures(
        HubDatabase& db, std::shared_ptr<const Sealing::KeyPair> keys, const Since& since, HashedSaveFile& out);
    // Commits `out`, then records the batches it took (for the next --since last) and audits it (count, format, hash).
    static Result<Outcome> finish(
        HubDatabase& db, const QString& kind, const QString& format, Outcome outcome, HashedSaveFile& out);
};

} // namespace kiosk::hub
