#include "batchchain.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace kiosk {

BatchChain::Report BatchChain::check(QList<Link> links)
{
    Report report;
    QMap<QString, QList<Link>> byDevice;
    QSet<QString> seen;
    for (const Link& l : links) {
        if (seen.contains(l.manifestSha256))
            continue; // the same batch again, copied
        seen.insert(l.manifestSha256);
        byDevice[l.deviceId].append(l);
    }
    for (auto it = byDevice.begin(); it != byDevice.end(); ++it) {
        QList<Link>& chain = it.value();
        std::sort(chain.begin(), chain.end(), [](const Link& a, const Link& b) {
            return a.sequence != b.sequence ? a.sequence < b.sequence : a.name < b.name;
        });
        const QString device = it.key();
        QHash<QString, const Link*> byHash;
        QSet<QString> keys;
        for (const Link& l : chain) {
            byHash.insert(l.manifestSha256, &l);
            keys.insert(l.deviceKey);
        }
        if (keys.size() > 1) {
            QStringList list(keys.cbegin(), keys.cend());
            list.sort();
            report.problems << QStringLiteral("device %1: its batches are signed by %2 different keys (%3); only one "
                                              "is the kiosk's")
                                   .arg(device)
                                   .arg(list.size())
                                   .arg(list.join(QStringLiteral(", ")));
        }
        for (qsizetype i = 1; i < chain.size(); ++i) {
            const Link& before = chain.at(i - 1);
            const Link& l = chain.at(i);
            if (l.sequence == before.sequence) {
                report.problems << QStringLiteral("device %1: two different batches have sequence number %2: %3 and %4")
                                       .arg(device)
                                       .arg(l.sequence)
                                       .arg(before.name, l.name);
                continue;
            }
            if (l.sequence > before.sequence + 1) {
                const qint64 from = before.sequence + 1, to = l.sequence - 1;
                report.problems << QStringLiteral("device %1: %2 missing between %3 (sequence %4) and %5 (sequence %6)")
                                       .arg(device,
                                           from == to ? QStringLiteral("batch %1 is").arg(from)
                                                      : QStringLiteral("batches %1–%2 are").arg(from).arg(to),
                                           before.name)
                                       .arg(before.sequence)
                                       .arg(l.name)
                                       .arg(l.sequence);
                continue;
            }
            if (l.previousManifestSha256 == before.manifestSha256)
                continue;
            if (const Link* named = byHash.value(l.previousManifestSha256)) {
                report.problems << QStringLiteral("device %1: the chain is out of order: %2 (sequence %3) follows %4 "
                                                  "(sequence %5), not %6 (sequence %7)")
                                       .arg(device, l.name)
                                       .arg(l.sequence)
                                       .arg(named->name)
                                       .arg(named->sequence)
                                       .arg(before.name)
                                       .arg(before.sequence);
            } else {
                report.problems << QStringLiteral("device %1: the chain forks: %2 (sequence %3) does not follow %4 "
                                                  "(sequence %5)")
                                       .arg(device, l.name)
                                       .arg(l.sequence)
                                       .arg(before.name)
                                       .arg(before.sequence);
            }
        }
        report.notes
            << QStringLiteral("device %1: batches %2–%3 (%4 here)%5, signed by key %6")
                   .arg(device)
                   .arg(chain.first().sequence)
                   .arg(chain.last().sequence)
                   .arg(chain.size())
                   .arg(chain.first().sequence > 1
                           ? QStringLiteral("; batches before %1 were not in this set").arg(chain.first().sequence)
                           : QString(),
                       chain.first().deviceKey);
    }
    return report;
}

} // namespace kiosk
