#pragma once

#include "core/result.h"
#include "hubdatabase.h"

#include <QList>
#include <QString>

namespace kiosk::hub {

// Duplicates across stalls, under the kiosk's own rules (SigningRules): the same petition signed with the same name and
// postcode, or the same email and name, and more than SigningRules::MaxSignaturesPerEmail signatures with one email.
// The earliest signature of each group stands; each later one is marked (the `duplicates` table: its id, the id it
// duplicates, and the rule), never deleted. Marking is done afresh each time, in one transaction, so a signature that
// comes in later (an earlier one from a slow stall) takes its place. A mark that names a purged signature stands as it
// was made (a purged signature has no details left to compare), so that purging changes no count.
class HubDuplicates final
{
public:
    struct Marked
    {
        QString id;
        QString stallId;
        QString signedAt;
        QString duplicateOf;
        QString originalStallId;
        QString originalSignedAt;
    };
    struct Outcome
    {
        qint64 byNameAndPostcode = 0;
        qint64 byEmailAndName = 0;
        qint64 beyondEmailLimit = 0;
        QList<Marked> marked; // ids, stalls and times only: never a name, email or postcode
        qint64 total() const { return byNameAndPostcode + byEmailAndName + beyondEmailLimit; }
    };
    static Result<Outcome> mark(HubDatabase& db);
};

} // namespace kiosk::hub
