#pragma once

#include "core/campaign.h"
#include "core/result.h"
#include "hubdatabase.h"
#include "hubtotals.h"

#include <QJsonObject>

namespace kiosk::hub {

class HashedSaveFile;

// The printed report (`petition-hub report`): a cover with the petition's title and wording in the chosen language,
// the total and the days it covers; charts that read in black and white (signatures per day stacked by stall, the
// top stalls, every postcode area, the countries); the table of every batch in the hub (kiosk, stall, sequence, rows,
// manifest hash and the chain's findings); and the batches that were refused. It holds no name.
class HubReport final
{
public:
    struct Summary
    {
        qint64 signatures = 0;
        qint64 batches = 0;
        int pages = 0;
    };
    // Fails, having written nothing that stays, when no installed font can print the wording in `language`.
    static Result<Summary> write(HubDatabase& db, const Campaign& campaign, const QString& language,
        const HubTotals::Range& range, HashedSaveFile& out);
    // A purge's receipt (HubRights::receipt) on one page, or more if many batches are named: what was purged, the
    // hand-in lists made before it, the counts that stay, and the receipt's SHA-256.
    static Result<int> writeReceipt(const QJsonObject& receipt, HashedSaveFile& out);
    // Days, or weeks when there are too many days for a column each: the labels and which column each day falls in.
    static constexpr int MaxDayColumns = 62;
};

} // namespace kiosk::hub
