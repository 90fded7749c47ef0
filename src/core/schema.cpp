#include "schema.h"

#include "logging.h"
#include "personaldatacodec.h"
#include "signingrules.h"
#include "sqlcolumns.h"

#include <QSqlError>
#include <QSqlQuery>

#include <functional>

namespace kiosk {

namespace {

struct StepError
{
    StoreError error = StoreError::None;
    QString details;
};

bool run(QSqlDatabase& db, const QString& sql, StepError& err)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    err = { classifySqlError(q.lastError()), q.lastError().text() };
    return false;
}

// Version 1: the signatures table as first designed, and the meta table.
bool toVersion1(QSqlDatabase& db, const PersonalDataCodec& codec, StepError& err)
{
    const QStringList statements {
        QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"),
        QStringLiteral(R"(CREATE TABLE signatures (
            id TEXT PRIMARY KEY NOT NULL,
            signed_at TEXT NOT NULL,
            petition_id TEXT NOT NULL,
            petition_version INTEGER NOT NULL,
            consent_version INTEGER NOT NULL,
            full_name TEXT NOT NULL,
            country TEXT NOT NULL,
            postcode TEXT,
            email TEXT,
            uk_citizen_or_resident INTEGER NOT NULL CHECK (uk_citizen_or_resident IN (0, 1)),
            consent INTEGER NOT NULL CHECK (consent = 1),
            contact_opt_in INTEGER NOT NULL CHECK (contact_opt_in IN (0, 1)),
            language TEXT NOT NULL,
            stall_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            signature_svg BLOB,
            export_batch_id TEXT))"),
    };
    for (const QString& sql : statements) {
        if (!run(db, sql, err))
            return false;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('personal_codec', ?)"));
    q.addBindValue(codec.id());
    if (!q.exec()) {
        err = { classifySqlError(q.lastError()), q.lastError().text() };
        return false;
    }
    return true;
}

// Version 2: duplicate-detection keys kept beside the personal fields (so that a sealing codec can store keyed
// hashes there), backfilled for existing rows, and the indexes the duplicate checks and the counts use. Every
// database this old is in clear (sealing came with version 6), so the keys are made here, as they were then.
bool toVersion2(QSqlDatabase& db, const PersonalDataCodec&, StepError& err)
{
    const QStringList columns { QStringLiteral("ALTER TABLE signatures ADD COLUMN name_key TEXT"),
        QStringLiteral("ALTER TABLE signatures ADD COLUMN postcode_key TEXT"),
        QStringLiteral("ALTER TABLE signatures ADD COLUMN email_key TEXT") };
    for (const QString& sql : columns) {
        if (!run(db, sql, err))
            return false;
    }

    QSqlQuery select(db);
    select.setForwardOnly(true);
    if (!select.exec(QStringLiteral("SELECT id, full_name, postcode, email FROM signatures"))) {
        err = { classifySqlError(select.lastError()), select.lastError().text() };
        return false;
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE signatures SET name_key = ?, postcode_key = ?, email_key = ? WHERE id = ?"));
    while (select.next()) {
        const QString email = select.value(3).toString();
        update.addBindValue(SigningRules::nameKey(select.value(1).toString()));
        update.addBindValue(select.value(2));
        update.addBindValue(nullIfEmpty(email.isEmpty() ? QString() : SigningRules::emailKey(email)));
        update.addBindValue(select.value(0));
        if (!update.exec()) {
            err = { classifySqlError(update.lastError()), update.lastError().text() };
            return false;
        }
    }

    const QStringList indexes {
        QStringLiteral("CREATE INDEX signatures_by_name ON signatures (petition_id, name_key, postcode_key)"),
        QStringLiteral("CREATE INDEX signatures_by_email ON signatures (petition_id, email_key) "
                       "WHERE email_key IS NOT NULL"),
        QStringLiteral("CREATE INDEX signatures_by_time ON signatures (signed_at)"),
        QStringLiteral("CREATE INDEX signatures_by_batch ON signatures (export_batch_id)"),
    };
    for (const QString& sql : indexes) {
        if (!run(db, sql, err))
            return false;
    }
    return true;
}

// Version 3: which text each petition and consent version had, so that a text changed under an unchanged
// version is refused (a signature must say exactly what was signed).
bool toVersion3(QSqlDatabase& db, const PersonalDataCodec&, StepError& err)
{
    return run(db,
        QStringLiteral("CREATE TABLE campaign_texts (kind TEXT NOT NULL, id TEXT NOT NULL, "
                       "version INTEGER NOT NULL, sha256 TEXT NOT NULL, first_seen TEXT NOT NULL, "
                       "PRIMARY KEY (kind, id, version))"),
        err);
}

// Version 4: the audit log of admin actions. Times and actions only: never a signer's data.
bool toVersion4(QSqlDatabase& db, const PersonalDataCodec&, StepError& err)
{
    return run(db,
        QStringLiteral("CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
                       "action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '')"),
        err);
}

// Version 5: the export batches. A batch is "marked" once its signatures carry its id, and "complete" once its
// folder has its final name; a marked batch left by a crash is finished or undone at the next export.
bool toVersion5(QSqlDatabase& db, const PersonalDataCodec&, StepError& err)
{
    return run(db,
        QStringLiteral("CREATE TABLE batches (id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, "
                       "stall_id TEXT NOT NULL, device_id TEXT NOT NULL, row_count INTEGER NOT NULL, "
                       "first_signed_at TEXT NOT NULL, last_signed_at TEXT NOT NULL, destination TEXT NOT NULL, "
                       "staging_path TEXT NOT NULL, csv_sha256 TEXT NOT NULL, app_version TEXT NOT NULL, "
                       "status TEXT NOT NULL CHECK (status IN ('marked', 'complete')))"),
        err);
}

// Version 6: sealing. One box for name, postcode and email (`sealed`) and one for the drawing (`sealed_drawing`),
// the postcode's area in clear for totals, and one duplicate key per rule (keyed tags under a sealing codec), which
// replace version 2's keys. Existing rows are in clear (plain codec): their new keys are made here.
bool toVersion6(QSqlDatabase& db, const PersonalDataCodec& codec, StepError& err)
{
    const QStringList columns {
        QStringLiteral("ALTER TABLE signatures ADD COLUMN postcode_area TEXT"),
        QStringLiteral("ALTER TABLE signatures ADD COLUMN sealed BLOB"),
        QStringLiteral("ALTER TABLE signatures ADD COLUMN sealed_drawing BLOB"),
        QStringLiteral("ALTER TABLE signatures ADD COLUMN name_postcode_tag TEXT"),
        QStringLiteral("ALTER TABLE signatures ADD COLUMN email_name_tag TEXT"),
        QStringLiteral("ALTER TABLE signatures ADD COLUMN email_tag TEXT"),
    };
    for (const QString& sql : columns) {
        if (!run(db, sql, err))
            return false;
    }
    QSqlQuery select(db);
    select.setForwardOnly(true);
    if (!select.exec(QStringLiteral("SELECT id, full_name, postcode, email FROM signatures"))) {
        err = { classifySqlError(select.lastError()), select.lastError().text() };
        return false;
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE signatures SET postcode_area = ?, name_postcode_tag = ?, "
                                  "email_name_tag = ?, email_tag = ? WHERE id = ?"));
    while (select.next()) {
        const QString id = select.value(0).toString();
        const auto fields = codec.unseal(id, { select.value(1), select.value(2), select.value(3), {}, {}, {} });
        const auto keys = fields ? codec.keys(*fields) : std::nullopt;
        if (!keys) {
            err = { StoreError::WrongCodec, QStringLiteral("a row could not be unsealed") };
            return false;
        }
        update.addBindValue(nullIfEmpty(postcodeArea(fields->postcode)));
        update.addBindValue(nullIfEmpty(keys->namePostcode));
        update.addBindValue(nullIfEmpty(keys->emailName));
        update.addBindValue(nullIfEmpty(keys->email));
        update.addBindValue(id);
        if (!update.exec()) {
            err = { classifySqlError(update.lastError()), update.lastError().text() };
            return false;
        }
    }
    const QStringList statements {
        QStringLiteral("DROP INDEX signatures_by_name"),
        QStringLiteral("DROP INDEX signatures_by_email"),
        QStringLiteral("ALTER TABLE signatures DROP COLUMN name_key"),
        QStringLiteral("ALTER TABLE signatures DROP COLUMN postcode_key"),
        QStringLiteral("ALTER TABLE signatures DROP COLUMN email_key"),
        QStringLiteral("CREATE INDEX signatures_by_name_postcode ON signatures (petition_id, name_postcode_tag) "
                       "WHERE name_postcode_tag IS NOT NULL"),
        QStringLiteral("CREATE INDEX signatures_by_email_tag ON signatures (petition_id, email_tag) "
                       "WHERE email_tag IS NOT NULL"),
    };
    for (const QString& sql : statements) {
        if (!run(db, sql, err))
            return false;
    }
    return true;
}

// Version 7: export marks become high-water marks. Each batch records the range of row numbers it took
// (first_row..last_row); "not yet exported" is every row above the highest mark, so an export no longer updates every
// row it writes. The signatures table is rebuilt around `seq INTEGER PRIMARY KEY AUTOINCREMENT`: a row number that
// VACUUM and backups keep and that is never given out twice, even after rows are deleted. Rows are copied batch by
// batch, oldest batch first and unexported rows last, so every batch's rows are one contiguous range. Batches also get
// their place in the device's chain of signed batches (sequence, previous_manifest_sha256, manifest_sha256; NULL for
// unsigned batches).
bool toVersion7(QSqlDatabase& db, const PersonalDataCodec&, StepError& err)
{
    const QString columns = QStringLiteral(
        "id, signed_at, petition_id, petition_version, consent_version, full_name, country, postcode, email, "
        "uk_citizen_or_resident, consent, contact_opt_in, language, stall_id, device_id, signature_svg, postcode_area, "
        "sealed, sealed_drawing, name_postcode_tag, email_name_tag, email_tag");
    const QStringList statements {
        QStringLiteral(R"(CREATE TABLE signatures_v7 (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT UNIQUE NOT NULL,
            signed_at TEXT NOT NULL,
            petition_id TEXT NOT NULL,
            petition_version INTEGER NOT NULL,
            consent_version INTEGER NOT NULL,
            full_name TEXT NOT NULL,
            country TEXT NOT NULL,
            postcode TEXT,
            email TEXT,
            uk_citizen_or_resident INTEGER NOT NULL CHECK (uk_citizen_or_resident IN (0, 1)),
            consent INTEGER NOT NULL CHECK (consent = 1),
            contact_opt_in INTEGER NOT NULL CHECK (contact_opt_in IN (0, 1)),
            language TEXT NOT NULL,
            stall_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            signature_svg BLOB,
            postcode_area TEXT,
            sealed BLOB,
            sealed_drawing BLOB,
            name_postcode_tag TEXT,
            email_name_tag TEXT,
            email_tag TEXT))"),
        QStringLiteral("INSERT INTO signatures_v7 (%1) SELECT s.%2 FROM signatures s LEFT JOIN batches b ON "
                       "b.id = s.export_batch_id ORDER BY b.id IS NULL, b.created_at, b.id, s.rowid")
            .arg(columns, QString(columns).replace(QStringLiteral(", "), QStringLiteral(", s."))),
        QStringLiteral("ALTER TABLE batches ADD COLUMN first_row INTEGER"),
        QStringLiteral("ALTER TABLE batches ADD COLUMN last_row INTEGER"),
        QStringLiteral("ALTER TABLE batches ADD COLUMN sequence INTEGER"),
        QStringLiteral("ALTER TABLE batches ADD COLUMN previous_manifest_sha256 TEXT"),
        QStringLiteral("ALTER TABLE batches ADD COLUMN manifest_sha256 TEXT"),
        QStringLiteral("UPDATE batches SET first_row = (SELECT min(n.seq) FROM signatures_v7 n JOIN signatures o ON "
                       "o.id = n.id WHERE o.export_batch_id = batches.id), last_row = (SELECT max(n.seq) FROM "
                       "signatures_v7 n JOIN signatures o ON o.id = n.id WHERE o.export_batch_id = batches.id)"),
        // A batch whose rows are all gone (none in wave 1) keeps an empty range at the mark before it.
        QStringLiteral("UPDATE batches SET first_row = coalesce((SELECT max(b.last_row) FROM batches b WHERE "
                       "b.created_at < batches.created_at), 0) + 1, last_row = coalesce((SELECT max(b.last_row) FROM "
                       "batches b WHERE b.created_at < batches.created_at), 0) WHERE first_row IS NULL"),
        QStringLiteral("DROP TABLE signatures"),
        QStringLiteral("ALTER TABLE signatures_v7 RENAME TO signatures"),
        QStringLiteral("CREATE INDEX signatures_by_time ON signatures (signed_at)"),
        QStringLiteral("CREATE INDEX signatures_by_name_postcode ON signatures (petition_id, name_postcode_tag) "
                       "WHERE name_postcode_tag IS NOT NULL"),
        QStringLiteral("CREATE INDEX signatures_by_email_tag ON signatures (petition_id, email_tag) "
                       "WHERE email_tag IS NOT NULL"),
        QStringLiteral("CREATE INDEX batches_by_last_row ON batches (last_row)"),
        QStringLiteral("CREATE UNIQUE INDEX batches_by_sequence ON batches (sequence) WHERE sequence IS NOT NULL"),
    };
    for (const QString& sql : statements) {
        if (!run(db, sql, err))
            return false;
    }
    return true;
}

// Version 8: the batches a hub confirmed and this kiosk has forgotten (their rows keep what they are counted by; their
// sealed details are gone), with the SHA-256 of the confirmation that allowed it.
bool toVersion8(QSqlDatabase& db, const PersonalDataCodec&, StepError& err)
{
    return run(db,
        QStringLiteral(
            "CREATE TABLE forgotten_batches (batch_id TEXT PRIMARY KEY NOT NULL, forgotten_at TEXT NOT NULL, "
            "confirmation_sha256 TEXT NOT NULL)"),
        err);
}

using Step = std::function<bool(QSqlDatabase&, const PersonalDataCodec&, StepError&)>;

const QList<Step>& steps()
{
    static const QList<Step> all { toVersion1, toVersion2, toVersion3, toVersion4, toVersion5, toVersion6, toVersion7,
        toVersion8 };
    return all;
}

} // namespace

int Schema::version(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"))
        || !q.next())
        return -1;
    if (q.value(0).toInt() == 0)
        return 0;
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")))
        return -1;
    return q.next() ? q.value(0).toInt() : 0;
}

VoidResult Schema::migrate(QSqlDatabase& db, const PersonalDataCodec& codec, int target)
{
    Q_ASSERT(steps().size() == Latest);
    const int current = version(db);
    if (current < 0) {
        QSqlQuery probe(db);
        probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
        const StoreError e = classifySqlError(probe.lastError());
        return Failure { e == StoreError::None ? StoreError::Corrupt : e, probe.lastError().text(), {} };
    }
    if (current > Latest)
        return Failure { StoreError::NewerSchema, QStringLiteral("schema version %1").arg(current), {} };

    for (int v = current + 1; v <= target; ++v) {
        QSqlQuery begin(db);
        if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            return Failure { classifySqlError(begin.lastError()), begin.lastError().text(), {} };
        }
        StepError err;
        bool ok = steps().at(v - 1)(db, codec, err);
        if (ok) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"));
            q.addBindValue(QString::number(v));
            ok = q.exec() && q.exec(QStringLiteral("COMMIT"));
            if (!ok)
                err = { classifySqlError(q.lastError()), q.lastError().text() };
        }
        if (!ok) {
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            qCWarning(lcStore) << "migration to schema version" << v << "failed:" << err.details;
            return Failure { err.error == StoreError::None ? StoreError::Other : err.error, err.details, {} };
        }
        qCInfo(lcStore) << "database migrated to schema version" << v;
    }
    return {};
}

} // namespace kiosk
