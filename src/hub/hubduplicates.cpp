#include "hubduplicates.h"

#include "core/signingrules.h"

namespace kiosk::hub {

namespace {

// Marks the later signatures of each group of `partition` (among rows `where` and not marked yet) as duplicates of the
// group's earliest, beyond the first `keep` of it. Returns how many it marked.
Result<qint64> markGroups(HubDatabase& db, const QString& partition, const QString& where, int keep)
{
    QSqlQuery q = db.query();
    // Only groups with more than `keep` members are ranked: counted first on the key's index, which is far cheaper than
    // ranking a million rows that are mostly alone (a row value IN, the same in SQLite and PostgreSQL).
    const QString sql = QStringLiteral(
        "UPDATE signatures SET duplicate_of = d.first FROM (SELECT id, first_value(id) OVER w AS first, "
        "row_number() OVER w AS n FROM signatures WHERE duplicate_of IS NULL AND (%1) IN (SELECT %1 FROM signatures "
        "WHERE %2 GROUP BY %1 HAVING count(*) > %3) WINDOW w AS (PARTITION BY %1 ORDER BY signed_at, id)) d WHERE "
        "d.id = signatures.id AND d.n > %3")
                            .arg(partition, where)
                            .arg(keep);
    if (!q.exec(sql))
        return db.failFrom(q);
    return qint64(q.numRowsAffected());
}

} // namespace

Result<HubDuplicates::Outcome> HubDuplicates::mark(HubDatabase& db)
{
    Outcome out;
    if (const VoidResult b = db.begin(); !b)
        return b.failure();
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral("UPDATE signatures SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL"))) {
        const Failure f = db.failFrom(q);
        db.rollback();
        return f;
    }
    // The three keys are the kiosk's (SignatureTable's): in clear, or keyed tags in a sealed hub; empty when the
    // signer gave no postcode or no email.
    const Result<qint64> byName = markGroups(
        db, QStringLiteral("petition_id, name_postcode_key"), QStringLiteral("name_postcode_key <> ''"), 1);
    const Result<qint64> byEmail = byName
        ? markGroups(db, QStringLiteral("petition_id, email_name_key"), QStringLiteral("email_name_key <> ''"), 1)
        : byName;
    const Result<qint64> beyond = byEmail ? markGroups(db, QStringLiteral("petition_id, email_key"),
                                      QStringLiteral("email_key <> ''"), SigningRules::MaxSignaturesPerEmail)
                                          : byEmail;
    if (!beyond) {
        db.rollback();
        return beyond.failure();
    }
    out.byNameAndPostcode = *byName;
    out.byEmailAndName = *byEmail;
    out.beyondEmailLimit = *beyond;
    if (!q.exec(QStringLiteral("SELECT s.id, s.stall_id, s.signed_at, s.duplicate_of, o.stall_id, o.signed_at FROM "
                               "signatures s JOIN signatures o ON o.id = s.duplicate_of ORDER BY s.signed_at, s.id"))) {
        const Failure f = db.failFrom(q);
        db.rollback();
        return f;
    }
    while (q.next())
        out.marked.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(), q.value(5).toString() });
    if (const VoidResult c = db.commit(); !c)
        return c.failure();
    return out;
}

} // namespace kiosk::hub
