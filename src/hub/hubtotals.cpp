#include "hubtotals.h"

#include "core/signature.h"
#include "hubnative.h"

#include <QHash>
#include <QJsonArray>
#include <QTimeZone>

#include <algorithm>

namespace kiosk::hub {

namespace {

// The last Sunday of a month.
QDate lastSunday(int year, int month)
{
    QDate d(year, month, QDate(year, month, 1).daysInMonth());
    return d.addDays(-(d.dayOfWeek() % 7));
}

// Sorted most first, then by name; the name order for days.
HubTotals::Counts sorted(const QHash<QString, qint64>& counts, bool byName)
{
    HubTotals::Counts list;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        list.append({ it.key(), it.value() });
    std::sort(list.begin(), list.end(), [byName](const auto& a, const auto& b) {
        if (!byName && a.second != b.second)
            return a.second > b.second;
        return a.first < b.first;
    });
    return list;
}

QJsonArray toArray(const HubTotals::Counts& counts, const QString& key)
{
    QJsonArray array;
    for (const auto& [name, count] : counts)
        array.append(QJsonObject { { key, name }, { QStringLiteral("signatures"), count } });
    return array;
}

} // namespace

QString HubTotals::londonMidnightUtc(const QDate& day)
{
    // Midnight is never in a transition hour (they are at 01:00 UTC), so one of the two offsets fits.
    for (const int offsetHours : { 1, 0 }) {
        const QDateTime utc(day.startOfDay(Qt::UTC).addSecs(-offsetHours * 3600));
        if (HubTotals::londonDay(utc) == day && HubTotals::londonDay(utc.addSecs(-1)) != day)
            return toIsoUtc(utc);
    }
    return toIsoUtc(day.startOfDay(Qt::UTC));
}

const QLocale& britishEnglish()
{
    static const QLocale english(QLocale::English, QLocale::UnitedKingdom);
    return english;
}

QDate HubTotals::londonDay(const QDateTime& utc)
{
    static const QTimeZone london(QByteArrayLiteral("Europe/London"));
    return london.isValid() ? utc.toTimeZone(london).date() : londonDayByRule(utc);
}

QDate HubTotals::DaysByHour::dayOf(const QByteArray& utcHour)
{
    auto known = m_days.constFind(utcHour);
    if (known == m_days.cend())
        known = m_days.insert(utcHour,
            londonDay(
                QDateTime::fromString(QString::fromLatin1(utcHour) + QStringLiteral(":00:00Z"), Qt::ISODate).toUTC()));
    return *known;
}

QDate HubTotals::londonDayByRule(const QDateTime& utc)
{
    // The rule since 1996.
    const int year = utc.date().year();
    const QDateTime start(lastSunday(year, 3), QTime(1, 0), Qt::UTC), end(lastSunday(year, 10), QTime(1, 0), Qt::UTC);
    return (utc >= start && utc < end ? utc.addSecs(3600) : utc).date();
}

Result<HubTotals> HubTotals::compute(HubDatabase& db, const Range& range)
{
    HubTotals totals;
    totals.range = range;
    // Counted by the hour in SQL (a London day is made of whole UTC hours), by day here.
    const QString from = range.from ? londonMidnightUtc(*range.from) : QString();
    const QString to = range.to ? londonMidnightUtc(range.to->addDays(1)) : QString();
    QByteArray within = "1 = 1";
    if (!from.isEmpty())
        within += " AND s.signed_at >= '" + from.toLatin1() + "'";
    if (!to.isEmpty())
        within += " AND s.signed_at < '" + to.toLatin1() + "'";
    QHash<QString, qint64> stalls, days, areas, countries;
    DaysByHour londonDays;
    QHash<QDate, QString> dayNames;
    const VoidResult read = native::stream(db,
        "SELECT substr(s.signed_at, 1, 13), s.stall_id, s.postcode_area, s.country, s.uk_citizen_or_resident, "
        "s.contact_opt_in, count(*) FROM signatures s WHERE "
            + within
            + " AND s.removed <> 'erased on request' AND NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.id = s.id) "
              "GROUP BY 1, 2, 3, 4, 5, 6",
        7, [&](const QByteArrayView* v) {
            const qint64 n = v[6].toLongLong();
            const QDate date = londonDays.dayOf(v[0].toByteArray());
            auto day = dayNames.constFind(date);
            if (day == dayNames.cend())
                day = dayNames.insert(date, date.toString(Qt::ISODate));
            days[*day] += n;
            const QString stall = QString::fromUtf8(v[1]);
            stalls[stall] += n;
            totals.stallsByDay[*day][stall] += n;
            areas[QString::fromUtf8(v[2])] += n;
            countries[QString::fromUtf8(v[3])] += n;
            totals.signatures += n;
            totals.ukCitizensOrResidents += v[4] == "1" ? n : 0;
            totals.contactOptIns += v[5] == "1" ? n : 0;
        });
    if (!read)
        return read.failure();
    const VoidResult left
        = native::stream(db, "SELECT count(*) FROM duplicates d JOIN signatures s ON s.id = d.id WHERE " + within, 1,
            [&](const QByteArrayView* v) { totals.duplicatesLeftOut = v[0].toLongLong(); });
    if (!left)
        return left.failure();
    const VoidResult erased = native::stream(db,
        "SELECT count(*) FROM signatures s WHERE " + within + " AND s.removed = 'erased on request'", 1,
        [&](const QByteArrayView* v) { totals.erasedOnRequest = v[0].toLongLong(); });
    if (!erased)
        return erased.failure();
    totals.byStall = sorted(stalls, false);
    totals.byDay = sorted(days, true);
    totals.byPostcodeArea = sorted(areas, false);
    totals.byCountry = sorted(countries, false);
    return totals;
}

QJsonObject HubTotals::toJson() const
{
    const auto day = [](const std::optional<QDate>& d) {
        return d ? QJsonValue(d->toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
    };
    return QJsonObject { { QStringLiteral("from"), day(range.from) }, { QStringLiteral("to"), day(range.to) },
        { QStringLiteral("time_zone"), QStringLiteral("Europe/London") }, { QStringLiteral("signatures"), signatures },
        { QStringLiteral("duplicates_left_out"), duplicatesLeftOut },
        { QStringLiteral("erased_on_request"), erasedOnRequest },
        { QStringLiteral("uk_citizen_or_resident"), ukCitizensOrResidents },
        { QStringLiteral("contact_opt_in"), contactOptIns },
        { QStringLiteral("by_stall"), toArray(byStall, QStringLiteral("stall_id")) },
        { QStringLiteral("by_day"), toArray(byDay, QStringLiteral("day")) },
        { QStringLiteral("by_postcode_area"), toArray(byPostcodeArea, QStringLiteral("postcode_area")) },
        { QStringLiteral("by_country"), toArray(byCountry, QStringLiteral("country")) } };
}

} // namespace kiosk::hub
