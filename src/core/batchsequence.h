#pragma once

#include "result.h"

#include <QString>

namespace kiosk {

// The last batch number used for each batch-id prefix (<stall>-<yyyyMMdd>-), kept in the data folder beside the
// database, not in it: restoring an older backup moves the database back in time, but never this file, so a batch id
// is never given out twice by one kiosk.
class BatchSequence final
{
public:
    explicit BatchSequence(const QString& dataDir);

    // The highest number recorded for `prefix`; 0 if none.
    int last(const QString& prefix) const;
    // Records `number` for `prefix` (durably, owner-only), if it is higher than the last.
    VoidResult record(const QString& prefix, int number);

    static QString fileName() { return QStringLiteral("batch-sequence.json"); }

private:
    QString m_path;
};

} // namespace kiosk
