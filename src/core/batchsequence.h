#pragma once

#include "batchledger.h"
#include "result.h"

#include <QJsonObject>
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

    // The newest link of the device's chain of signed batches ever marked here. Like the numbers, it outlives a
    // restored backup, so that a sequence number is never given out twice.
    ChainHead chainHead() const;
    // Records `head` if it is newer than the one recorded.
    VoidResult recordChainHead(const ChainHead& head);
    // An export that recorded `sequence` was undone: the head goes back to `previous`, if it is still `sequence`.
    VoidResult rollBackChainHead(qint64 sequence, const ChainHead& previous);

    static QString fileName() { return QStringLiteral("batch-sequence.json"); }

private:
    VoidResult save(const QJsonObject& all);

    QString m_path;
};

} // namespace kiosk
