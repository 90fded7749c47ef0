#pragma once

#include "core/signature.h"

#include <QRandomGenerator>

namespace kiosk::bench {

// Realistic synthetic signatures for benchmarks and export tests: names in several scripts, mostly UK
// postcodes, some emails and drawn signatures, spread over the last 60 days. Deterministic for a seed.
class SyntheticSignatures final
{
public:
    explicit SyntheticSignatures(quint32 seed, QDateTime now = QDateTime::currentDateTimeUtc());
    Signature next();

private:
    QString postcode();
    QRandomGenerator m_random;
    QDateTime m_now;
    qint64 m_serial = 0;
};

} // namespace kiosk::bench
