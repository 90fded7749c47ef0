#pragma once

#include "core/campaign.h"
#include "core/result.h"
#include "core/sealing.h"
#include "hubdatabase.h"
#include "hubprint.h"

#include <QStringList>

#include <memory>

namespace kiosk::hub {

// The hand-in list (`petition-hub hand-in --out DIR`), what is handed in to the Government with the petition:
//   supporters.pdf  the petition's wording on every page (in full on the first, its title and first paragraph after),
//                   then the names with postcode area (or country, outside the UK) and the London day signed, 45 a
//                   page, each page numbered with the running total;
//   supporters.csv  the same list: UTF-8 with a BOM, CRLF, every cell quoted and formula-safe;
//   hand-in.json    the counts, the manifest hash of every batch a listed name came from, and both files' SHA-256.
// Only the campaign's petition (its id and version), only signatures whose consent version is one of the campaign's
// hand_in_versions, and no duplicate. Sorted by London day, then name. It streams: rows are read in time order and
// sorted a day at a time, so memory follows the busiest day, not the list.
class HubHandIn final
{
public:
    static constexpr int LinesPerPage = 45;
    static constexpr const char* Format = "petition-hub-hand-in/1";

    struct Outcome
    {
        qint64 names = 0;
        qint64 duplicatesLeftOut = 0;
        qint64 consentNotCovering = 0; // signed under a consent version not in hand_in_versions
        qint64 otherPetitions = 0; // another petition id or version
        qint64 removed = 0; // erased on request or purged: no name left
        qint64 unprintable = 0; // names with a character no installed font has (listed in the CSV all the same)
        int pages = 0;
        QStringList batches; // manifest SHA-256s, sorted
        QString pdfSha256;
        QString csvSha256;
        QString jsonSha256;
    };

    // Opens the three files in `folder`: fails, having written nothing, when the folder is missing or takes no files.
    explicit HubHandIn(const QString& folder);
    VoidResult open();
    // `keys` opens the names of a sealed hub (the coordinator's key pair); a clear hub needs none.
    Result<Outcome> write(HubDatabase& db, const Campaign& campaign, std::shared_ptr<const Sealing::KeyPair> keys);

    // The short form of the wording, for the pages after the first: the title and the first paragraph.
    static QString shortWording(const Campaign& campaign);

private:
    HashedSaveFile m_pdf;
    HashedSaveFile m_csv;
    HashedSaveFile m_json;
};

} // namespace kiosk::hub
