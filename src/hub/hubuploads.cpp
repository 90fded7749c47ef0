#include "hubuploads.h"

#include "core/csv.h"
#include "core/personname.h"
#include "core/signature.h"
#include "hubnative.h"
#include "hubprint.h"
#include "hubsignerdetails.h"
#include "hubtotals.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <vector>

namespace kiosk::hub {

namespace {

Failure refuse(const QString& sentence)
{
    return Failure { StoreError::Invalid, sentence, sentence };
}

// Which batches the export may take (those in the hub now), and which an earlier one of this kind took.
struct Batches
{
    QSet<QString> visible;
    QSet<QString> taken;
};
Result<Batches> batchesFor(
    HubDatabase& db, const QString& kind, const HubUploads::Since& since, HubUploads::Outcome& outcome)
{
    Batches b;
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral("SELECT manifest_sha256 FROM batches")))
        return db.failFrom(q);
    while (q.next()) {
        b.visible.insert(q.value(0).toString());
        outcome.batches << q.value(0).toString();
    }
    if (since.day)
        outcome.cutUtc = HubTotals::londonMidnightUtc(*since.day);
    if (!since.last)
        return b;
    outcome.sinceLast = true;
    q.prepare(QStringLiteral("SELECT manifest_sha256 FROM uploaded_batches WHERE kind = ?"));
    q.addBindValue(kind);
    if (!q.exec())
        return db.failFrom(q);
    while (q.next())
        b.taken.insert(q.value(0).toString());
    q.prepare(QStringLiteral("SELECT 1 FROM hub_audit WHERE action = ? LIMIT 1"));
    q.addBindValue(kind + QStringLiteral(" export"));
    if (!q.exec())
        return db.failFrom(q);
    outcome.firstExport = !q.next();
    return b;
}

} // namespace

QStringList HubUploads::contactsHeader(Format format)
{
    if (format == Format::Mailchimp)
        return { QStringLiteral("Email Address"), QStringLiteral("First Name"), QStringLiteral("Last Name"),
            QStringLiteral("Tags") };
    return { QStringLiteral("email"), QStringLiteral("full_name"), QStringLiteral("language"),
        QStringLiteral("stall_id"), QStringLiteral("opted_in_at") };
}

QStringList HubUploads::signaturesHeader()
{
    return { QStringLiteral("id"), QStringLiteral("signed_at"), QStringLiteral("full_name"), QStringLiteral("postcode"),
        QStringLiteral("country"), QStringLiteral("uk_citizen_or_resident"), QStringLiteral("stall_id"),
        QStringLiteral("language"), QStringLiteral("petition_id"), QStringLiteral("petition_version"),
        QStringLiteral("consent_version") };
}

Result<HubUploads::Outcome> HubUploads::contacts(HubDatabase& db, std::shared_ptr<const Sealing::KeyPair> keys,
    Format format, const Since& since, HashedSaveFile& out)
{
    if (const VoidResult ok = SignerDetails::needsKey(db, keys); !ok)
        return ok.failure();
    Outcome outcome;
    const Result<Batches> batches = batchesFor(db, QStringLiteral("contacts"), since, outcome);
    if (!batches)
        return batches.failure();
    // One entry an email: its earliest opt-in (rows come in the order signed), when any of its opt-ins first came into
    // the hub, and whether an earlier export took one of them.
    struct Contact
    {
        QString email, name, language, stall, optedInAt, firstImported;
        bool taken = false;
    };
    std::vector<Contact> contacts;
    QHash<QByteArray, std::size_t> byEmail;
    SignerDetails details(db, keys);
    std::optional<Failure> problem;
    const VoidResult read = native::stream(db,
        "SELECT s.email_key, s.id, s.signed_at, s.language, s.stall_id, s.full_name, s.email, "
            + SignerDetails::sealedColumn(db)
            + ", b.imported_at, s.batch FROM signatures s JOIN batches b ON b.manifest_sha256 = s.batch WHERE "
              "s.contact_opt_in = 1 AND s.removed = '' AND s.email_key <> '' ORDER BY s.signed_at, s.id",
        10, [&](const QByteArrayView* v) {
            if (problem)
                return;
            const QString batch = QString::fromLatin1(v[9]);
            if (!batches->visible.contains(batch))
                return; // committed after this export began: the next one takes it
            ++outcome.signaturesRead;
            const QByteArray key = native::textValue(db, v[0]);
            const QString imported = QString::fromLatin1(v[8]);
            const bool taken = batches->taken.contains(batch);
            if (const auto known = byEmail.constFind(key); known != byEmail.cend()) {
                Contact& c = contacts[*known];
                c.firstImported = std::min(c.firstImported, imported);
                c.taken = c.taken || taken;
                return;
            }
            const QString id = QString::fromLatin1(v[1]);
            const std::optional<PersonalFields> f = details.of(id, v[5], {}, v[6], v[7]);
            if (!f) {
                problem = SignerDetails::unopened(id);
                return;
            }
            byEmail.insert(key, contacts.size());
            contacts.push_back({ f->email, f->fullName, QString::fromUtf8(native::textValue(db, v[3])),
                QString::fromUtf8(native::textValue(db, v[4])), QString::fromLatin1(v[2]), imported, taken });
        });
    if (!read)
        return read.failure();
    if (problem)
        return *problem;
    CsvWriter csv(&out);
    if (!csv.writeBom() || !csv.writeRow(contactsHeader(format)))
        return refuse(QStringLiteral("Could not write %1. Nothing was written.").arg(out.path()));
    for (const Contact& c : contacts) {
        if ((!outcome.cutUtc.isEmpty() && c.firstImported < outcome.cutUtc) || c.taken)
            continue;
        QStringList row;
        if (format == Format::Mailchimp) {
            const std::optional<PersonName::Parts> parts = PersonName::split(c.name, c.language);
            row = { c.email, parts ? parts->given : c.name.simplified(), parts ? parts->family : QString(), c.stall };
        } else {
            row = { c.email, c.name, c.language, c.stall, c.optedInAt };
        }
        if (!csv.writeRow(row))
            return refuse(
                QStringLiteral("Could not write %1 (%2). Nothing was written.").arg(out.path(), out.errorString()));
        ++outcome.rows;
    }
    return outcome;
}

Result<HubUploads::Outcome> HubUploads::signatures(
    HubDatabase& db, std::shared_ptr<const Sealing::KeyPair> keys, const Since& since, HashedSaveFile& out)
{
    if (const VoidResult ok = SignerDetails::needsKey(db, keys); !ok)
        return ok.failure();
    Outcome outcome;
    const Result<Batches> batches = batchesFor(db, QStringLiteral("signatures"), since, outcome);
    if (!batches)
        return batches.failure();
    // The cut is an ISO time made from a day: digits, '-', ':', '.', 'T' and 'Z' only.
    const QByteArray after
        = outcome.cutUtc.isEmpty() ? QByteArray() : " AND b.imported_at >= '" + outcome.cutUtc.toLatin1() + "'";
    CsvWriter csv(&out);
    if (!csv.writeBom() || !csv.writeRow(signaturesHeader()))
        return refuse(QStringLiteral("Could not write %1. Nothing was written.").arg(out.path()));
    SignerDetails details(db, keys);
    std::optional<Failure> problem;
    const VoidResult read = native::stream(db,
        "SELECT s.id, s.signed_at, s.full_name, s.postcode, s.email, " + SignerDetails::sealedColumn(db)
            + ", s.country, s.uk_citizen_or_resident, s.stall_id, s.language, s.petition_id, s.petition_version, "
              "s.consent_version, s.batch FROM signatures s JOIN batches b ON b.manifest_sha256 = s.batch WHERE "
              "s.removed = '' "
              "AND NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.id = s.id)"
            + after + " ORDER BY s.signed_at, s.id",
        14, [&](const QByteArrayView* v) {
            const QString batch = QString::fromLatin1(v[13]);
            if (problem || !batches->visible.contains(batch) || batches->taken.contains(batch))
                return;
            const QString id = QString::fromLatin1(v[0]);
            const std::optional<PersonalFields> f = details.of(id, v[2], v[3], v[4], v[5]);
            if (!f) {
                problem = SignerDetails::unopened(id);
                return;
            }
            const auto text = [&db](QByteArrayView b) { return QString::fromUtf8(native::textValue(db, b)); };
            if (!csv.writeRow({ id, QString::fromLatin1(v[1]), f->fullName, f->postcode, text(v[6]),
                    v[7] == "1" ? QStringLiteral("yes") : QStringLiteral("no"), text(v[8]), text(v[9]), text(v[10]),
                    QString::fromLatin1(v[11]), QString::fromLatin1(v[12]) })) {
                problem = refuse(
                    QStringLiteral("Could not write %1 (%2). Nothing was written.").arg(out.path(), out.errorString()));
                return;
            }
            ++outcome.rows;
        });
    if (!read)
        return read.failure();
    if (problem)
        return *problem;
    return outcome;
}

Result<HubUploads::Outcome> HubUploads::finish(
    HubDatabase& db, const QString& kind, const QString& format, Outcome outcome, HashedSaveFile& out)
{
    const Result<QString> sha = out.commit();
    if (!sha)
        return sha.failure();
    outcome.sha256 = *sha;
    HubTransaction transaction(db);
    if (!transaction.started())
        return transaction.started().failure();
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral("INSERT INTO uploaded_batches (kind, manifest_sha256, at) VALUES (?, ?, ?) ON CONFLICT "
                             "(kind, manifest_sha256) DO NOTHING"));
    const QString now = toIsoUtc(QDateTime::currentDateTimeUtc());
    for (const QString& batch : std::as_const(outcome.batches)) {
        q.addBindValue(kind);
        q.addBindValue(batch);
        q.addBindValue(now);
        if (!q.exec())
            return db.failFrom(q);
    }
    if (const VoidResult audited = db.audit(kind + QStringLiteral(" export"),
            QStringLiteral("%1 rows, format %2, since %3; file SHA-256 %4")
                .arg(outcome.rows)
                .arg(format,
                    !outcome.cutUtc.isEmpty() ? outcome.cutUtc
                        : outcome.sinceLast   ? QStringLiteral("the last export")
                                              : QStringLiteral("the start"),
                    outcome.sha256));
        !audited)
        return audited.failure();
    if (const VoidResult c = transaction.commit(); !c)
        return c.failure();
    return outcome;
}

} // namespace kiosk::hub
