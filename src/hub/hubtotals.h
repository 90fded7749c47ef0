#pragma once

#include "core/result.h"
#include "hubdatabase.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QLocale>
#include <QString>

#include <optional>
#include <utility>

namespace kiosk::hub {

// British English, as the hub's output is read: counts with thousands separators (12,345), days as "1 July 2026".
const QLocale& britishEnglish();

// How the campaign is going: the signatures in the hub, duplicates left out, counted by stall, by day, by postcode
// area and by country, with the UK-resident share and the contact opt-ins. Days are the campaign's own, in
// Europe/London time: a signature at 23:30 UTC on 30 June counts on 1 July, in summer time.
class HubTotals final
{
public:
    // London days, both inclusive; either may be left open.
    struct Range
    {
        std::optional<QDate> from;
        std::optional<QDate> to;
    };
    using Counts = QList<std::pair<QString, qint64>>; // in the order a table shows them

    qint64 signatures = 0;
    qint64 duplicatesLeftOut = 0;
    qint64 ukCitizensOrResidents = 0;
    qint64 contactOptIns = 0;
    qint64 erasedOnRequest = 0; // tombstones, not counted (purged signatures still are)
    Counts byStall; // most first
    Counts byDay; // "yyyy-MM-dd", in order
    Counts byPostcodeArea; // most first; "" for signers with no postcode
    Counts byCountry; // most first
    QHash<QString, QHash<QString, qint64>> stallsByDay; // day → stall → signatures, for the report's chart
    Range range;

    static Result<HubTotals> compute(HubDatabase& db, const Range& range = {});
    // The London day a UTC time falls on: by the system's time zone data, or by londonDayByRule() without it.
    static QDate londonDay(const QDateTime& utc);
    // The UTC time a London day starts at, as signed_at is written (ISO 8601 with milliseconds, Z).
    static QString londonMidnightUtc(const QDate& day);
    // The London day of a stored time's hour ("2026-06-30T23" of "2026-06-30T23:30:00.000Z"), remembered hour by
    // hour: a London day is made of whole UTC hours, so one look-up serves every signature in the hour.
    class DaysByHour
    {
    public:
        QDate dayOf(const QByteArray& utcHour);

    private:
        QHash<QByteArray, QDate> m_days;
    };
    // British Summer Time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
    static QDate londonDayByRule(const QDateTime& utc);
    // The documented JSON shape (docs/coordinators.md, "Totals").
    QJsonObject toJson() const;
};

} // namespace kiosk::hub
