#pragma once

#include <QList>
#include <QString>

#include <algorithm>

namespace kiosk::bench {

// Percentile of samples (nearest rank); sorts a copy.
inline double percentile(QList<double> samples, double p)
{
    if (samples.isEmpty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const qsizetype rank
        = qBound<qsizetype>(0, qsizetype(p / 100.0 * double(samples.size()) + 0.5) - 1, samples.size() - 1);
    return samples.at(rank);
}

inline double median(const QList<double>& samples)
{
    return percentile(samples, 50);
}

} // namespace kiosk::bench
