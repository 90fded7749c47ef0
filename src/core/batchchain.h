#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace kiosk {

// The chains of signed batches (format 2) in a set of verified batches: each device numbers its batches 1, 2, … and
// each names the SHA-256 of the previous one's manifest. In a set gathered from sticks, this finds and names:
//   - a batch missing between two that are there (a gap in the sequence);
//   - two different batches with the same sequence number (a device's database restored, or a forgery);
//   - a batch that does not follow the one numbered before it: reordered, when it names another batch of the set,
//     or a fork otherwise;
//   - a device that signed with more than one key.
// The same batch found twice (a copy on two sticks) is one batch. A chain that starts above 1 is normal (the earlier
// batches were handed in before) and is said, not flagged.
class BatchChain final
{
public:
    struct Link
    {
        QString name; // how to name the batch to a person: its folder
        QString batchId;
        QString deviceId;
        QString deviceKey; // fingerprint
        qint64 sequence = 0;
        QString previousManifestSha256;
        QString manifestSha256;
    };
    struct Report
    {
        QStringList problems; // each names the batches involved
        QStringList notes; // per device: "device D: batches 3–7 (5 batches), signed by key K"
    };
    static Report check(QList<Link> links);
};

} // namespace kiosk
