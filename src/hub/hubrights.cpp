#include "hubrights.h"

#include "core/signature.h"
#include "core/signingrules.h"
#include "hubduplicates.h"
#include "hubrowwriter.h"
#include "hubsignerkeys.h"
#include "hubtotals.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace kiosk::hub {

namespace {

Failure refuse(const QString& sentence)
{
    return Failure { StoreError::Invalid, sentence, sentence };
}

QString nowUtc()
{
    return toIsoUtc(QDateTime::currentDateTimeUtc());
}

// The personal fields, and everything made of them, as a tombstone has them.
const QString kCleared = QStringLiteral(
    "full_name = '', postcode = '', email = '', signature_svg = NULL, sealed = NULL, sealed_drawing = NULL, "
    "name_postcode_key = '', email_name_key = '', email_key = '', content_sha256 = '%1'")
                             .arg(QLatin1String(HubRowWriter::RemovedContent));

QString postcodeAsStored(const QString& given)
{
    const Checked postcode = SigningRules::checkPostcode(given);
    return postcode.ok() ? postcode.value : given.trimmed().toUpper();
}

} // namespace

QString HubRights::problemWith(const Request& r)
{
    if (!r.ids.isEmpty())
        return r.name.isEmpty() && r.postcode.isEmpty() && r.email.isEmpty()
            ? QString()
            : QStringLiteral("--id is given alone, without --name, --postcode or --email");
    if (!r.name.isEmpty() && !SigningRules::checkName(r.name).ok())
        return QStringLiteral("the name is not one a kiosk would have taken (check what was typed)");
    if (!r.email.isEmpty()) {
        if (!r.postcode.isEmpty())
            return QStringLiteral("give --email (with or without --name), or --name with --postcode; not both");
        if (!SigningRules::checkEmail(r.email).ok())
            return QStringLiteral("the email is not an address a kiosk would have taken (check what was typed)");
        return {};
    }
    if (r.name.isEmpty() || r.postcode.isEmpty())
        return QStringLiteral("erase needs --name with --postcode, or --email (with or without --name), or --id");
    return {};
}

Result<QList<HubRights::Match>> HubRights::find(HubDatabase& db, const SignerKeys& keys, const Request& r)
{
    if (const QString problem = problemWith(r); !problem.isEmpty())
        return refuse(problem);
    QSqlQuery q = db.query();
    const QString columns = QStringLiteral("SELECT id, stall_id, signed_at, removed FROM signatures WHERE ");
    QList<Match> matches;
    const auto collect = [&]() -> VoidResult {
        if (!q.exec())
            return db.failFrom(q);
        while (q.next())
            matches.append(
                { q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString() });
        return {};
    };
    if (!r.ids.isEmpty()) {
        for (const QString& id : r.ids) {
            q.prepare(columns + QStringLiteral("id = ?"));
            q.addBindValue(id);
            if (const VoidResult found = collect(); !found)
                return found.failure();
        }
    } else {
        const QByteArray nameKey
            = r.name.isEmpty() ? QByteArray() : SigningRules::nameKey(SigningRules::checkName(r.name).value).toUtf8();
        const QByteArray emailKey = r.email.isEmpty()
            ? QByteArray()
            : SigningRules::emailKey(SigningRules::checkEmail(r.email).value).toUtf8();
        QString column;
        QByteArray key;
        if (!r.email.isEmpty() && !r.name.isEmpty()) {
            column = QStringLiteral("email_name_key");
            key = keys.emailName(emailKey, nameKey);
        } else if (!r.email.isEmpty()) {
            column = QStringLiteral("email_key");
            key = keys.email(emailKey);
        } else {
            column = QStringLiteral("name_postcode_key");
            key = keys.namePostcode(nameKey, postcodeAsStored(r.postcode).toUtf8());
        }
        q.prepare(columns + column + QStringLiteral(" = ? ORDER BY signed_at, id"));
        q.addBindValue(QString::fromUtf8(key));
        if (const VoidResult found = collect(); !found)
            return found.failure();
    }
    std::sort(matches.begin(), matches.end(),
        [](const Match& a, const Match& b) { return std::tie(a.signedAt, a.id) < std::tie(b.signedAt, b.id); });
    return matches;
}

Result<HubRights::Erasure> HubRights::erase(HubDatabase& db, const QStringList& ids)
{
    HubTransaction transaction(db);
    if (!transaction.started())
        return transaction.started().failure();
    QSqlQuery q = db.query();
    QSqlQuery update = db.query();
    update.prepare(QStringLiteral("UPDATE signatures SET %1, country = '', postcode_area = '', language = '', "
                                  "uk_citizen_or_resident = 0, contact_opt_in = 0, signed_at = ?, removed = ?, "
                                  "removed_at = ? WHERE id = ? AND removed <> ?")
                       .arg(kCleared));
    QSqlQuery unmark = db.query();
    unmark.prepare(QStringLiteral("DELETE FROM duplicates WHERE id = ? OR duplicate_of = ?"));
    const QString now = nowUtc();
    QStringList erased;
    for (const QString& id : ids) {
        q.prepare(QStringLiteral("SELECT signed_at FROM signatures WHERE id = ? AND removed <> ?"));
        q.addBindValue(id);
        q.addBindValue(QString::fromLatin1(Erased));
        if (!q.exec())
            return db.failFrom(q);
        if (!q.next())
            continue;
        // The tombstone keeps the day (its London midnight), not the minute it was signed at the stall.
        const QDate day = HubTotals::londonDay(QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs));
        q.finish(); // SQLite: no statement may still read the table the update writes
        for (const QVariant& v : { QVariant(HubTotals::londonMidnightUtc(day)), QVariant(QString::fromLatin1(Erased)),
                 QVariant(now), QVariant(id), QVariant(QString::fromLatin1(Erased)) })
            update.addBindValue(v);
        if (!update.exec())
            return db.failFrom(update);
        unmark.addBindValue(id);
        unmark.addBindValue(id);
        if (!unmark.exec())
            return db.failFrom(unmark);
        erased << id;
    }
    if (!erased.isEmpty()) {
        if (const VoidResult audited = db.audit(QStringLiteral("erase"),
                QStringLiteral("%1 signatures erased on request: %2")
                    .arg(erased.size())
                    .arg(erased.join(QStringLiteral(", "))));
            !audited)
            return audited.failure();
    }
    if (const VoidResult c = transaction.commit(); !c)
        return c.failure();
    Erasure done { qint64(erased.size()), {} };
    if (erased.isEmpty())
        return done;
    if (const VoidResult scrubbed = db.scrub(); !scrubbed)
        done.note = scrubbed.failure().message();
    // A signature that duplicated an erased one may count again.
    if (const Result<HubDuplicates::Outcome> marked = HubDuplicates::mark(db); !marked)
        done.note += (done.note.isEmpty() ? QString() : QStringLiteral(" "))
            + QStringLiteral("The duplicates could not be marked afresh (%1): run petition-hub duplicates.")
                  .arg(marked.failure().message());
    return done;
}

Result<HubRights::Purge> HubRights::planPurge(HubDatabase& db, const QDate& before)
{
    Purge plan;
    plan.before = before;
    const QString cutoff = HubTotals::londonMidnightUtc(before);
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral(
        "SELECT count(*), min(signed_at), max(signed_at) FROM signatures WHERE signed_at < ? AND removed = ''"));
    q.addBindValue(cutoff);
    if (!q.exec() || !q.next())
        return db.failFrom(q);
    plan.signatures = q.value(0).toLongLong();
    plan.firstSignedAt = q.value(1).toString();
    plan.lastSignedAt = q.value(2).toString();
    q.prepare(
        QStringLiteral("SELECT DISTINCT batch FROM signatures WHERE signed_at < ? AND removed = '' ORDER BY batch"));
    q.addBindValue(cutoff);
    if (!q.exec())
        return db.failFrom(q);
    while (q.next())
        plan.manifests << q.value(0).toString();
    return plan;
}

Result<HubRights::Purge> HubRights::purge(HubDatabase& db, const QDate& before)
{
    HubTransaction transaction(db);
    if (!transaction.started())
        return transaction.started().failure();
    Result<Purge> plan = planPurge(db, before);
    if (!plan)
        return plan.failure();
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral("UPDATE signatures SET %1, removed = ?, removed_at = ? WHERE signed_at < ? AND "
                             "removed = ''")
                  .arg(kCleared));
    q.addBindValue(QString::fromLatin1(Purged));
    q.addBindValue(nowUtc());
    q.addBindValue(HubTotals::londonMidnightUtc(before));
    if (!q.exec())
        return db.failFrom(q);
    if (q.numRowsAffected() != plan->signatures)
        return refuse(QStringLiteral("The hub changed while it was purged; nothing was purged. Run it again."));
    if (const VoidResult audited = db.audit(QStringLiteral("purge"),
            QStringLiteral("%1 signatures signed before %2 (London) purged, signed from %3 to %4, from %5 batches")
                .arg(plan->signatures)
                .arg(before.toString(Qt::ISODate), plan->firstSignedAt, plan->lastSignedAt)
                .arg(plan->manifests.size()));
        !audited)
        return audited.failure();
    if (const VoidResult c = transaction.commit(); !c)
        return c.failure();
    if (const VoidResult scrubbed = db.scrub(); !scrubbed)
        plan->note = scrubbed.failure().message();
    return plan;
}

QString HubRights::receiptHash(QJsonObject receipt)
{
    receipt.remove(QStringLiteral("receipt_sha256"));
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(receipt).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
            .toHex());
}

Result<QJsonObject> HubRights::receipt(HubDatabase& db, const Purge& purged, const QString& ranAt)
{
    QJsonArray handIns;
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral("SELECT at, by_whom, detail FROM hub_audit WHERE action = 'hand-in' ORDER BY at")))
        return db.failFrom(q);
    while (q.next())
        handIns.append(QJsonObject { { QStringLiteral("at"), q.value(0).toString() },
            { QStringLiteral("by"), q.value(1).toString() }, { QStringLiteral("files"), q.value(2).toString() } });
    const Result<HubTotals> totals = HubTotals::compute(db, {});
    if (!totals)
        return totals.failure();
    QJsonArray batches;
    for (const QString& m : purged.manifests)
        batches.append(m);
    QJsonObject receipt { { QStringLiteral("format"), QStringLiteral("petition-hub-purge-receipt/1") },
        { QStringLiteral("ran_at"), ranAt }, { QStringLiteral("ran_by"), HubDatabase::operatorName() },
        { QStringLiteral("made_by"), QStringLiteral("petition-hub ") + QCoreApplication::applicationVersion() },
        { QStringLiteral("hub"), db.description() },
        { QStringLiteral("purged_before_london_day"), purged.before.toString(Qt::ISODate) },
        { QStringLiteral("signatures_purged"), purged.signatures },
        { QStringLiteral("first_signed_at"), purged.firstSignedAt },
        { QStringLiteral("last_signed_at"), purged.lastSignedAt }, { QStringLiteral("batches"), batches },
        { QStringLiteral("hand_in_lists_made_before"), handIns },
        { QStringLiteral("hand_in_lists_note"),
            QStringLiteral("A hand-in list already made is not changed by a purge: it is on paper, or in the files "
                           "named here. Delete its folder once it is handed in.") },
        { QStringLiteral("counts_kept"),
            QJsonObject { { QStringLiteral("signatures"), totals->signatures },
                { QStringLiteral("duplicates_left_out"), totals->duplicatesLeftOut },
                { QStringLiteral("erased_on_request"), totals->erasedOnRequest } } } };
    receipt.insert(QStringLiteral("receipt_sha256"), receiptHash(receipt));
    return receipt;
}

} // namespace kiosk::hub
