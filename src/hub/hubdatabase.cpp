#include "hubdatabase.h"

#include "hubnative.h"

#include "core/datadir.h"
#include "core/platform.h"
#include "core/signature.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace kiosk::hub {

namespace {

Failure refuse(const QString& sentence, StoreError error = StoreError::Other)
{
    return Failure { error, sentence, sentence };
}

// The schema, version by version; `blob` is the dialect's type for bytes.
QStringList version1(const QString& blob)
{
    return {
        QStringLiteral("CREATE TABLE hub_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"),
        // A device is pinned to its signing key when first seen, or before by `enrol`.
        QStringLiteral("CREATE TABLE devices (device_id TEXT PRIMARY KEY NOT NULL, key_fingerprint TEXT NOT NULL, "
                       "stall_id TEXT NOT NULL DEFAULT '', pinned_at TEXT NOT NULL, pinned_by TEXT NOT NULL)"),
        // One row per imported batch, named by the SHA-256 of its manifest; `flags` lists chain findings.
        QStringLiteral("CREATE TABLE batches (manifest_sha256 TEXT PRIMARY KEY NOT NULL, batch_id TEXT NOT NULL, "
                       "device_id TEXT NOT NULL, stall_id TEXT NOT NULL, sequence BIGINT NOT NULL, "
                       "previous_manifest_sha256 TEXT NOT NULL, row_count BIGINT NOT NULL, rows_new BIGINT NOT NULL, "
                       "rows_known BIGINT NOT NULL, first_signed_at TEXT NOT NULL, last_signed_at TEXT NOT NULL, "
                       "imported_at TEXT NOT NULL, flags TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX batches_by_device ON batches (device_id, sequence)"),
        QStringLiteral(
            "CREATE TABLE signatures (id TEXT PRIMARY KEY NOT NULL, batch TEXT NOT NULL, "
            "device_id TEXT NOT NULL, stall_id TEXT NOT NULL, signed_at TEXT NOT NULL, "
            "petition_id TEXT NOT NULL, petition_version INTEGER NOT NULL, consent_version INTEGER NOT NULL, "
            "country TEXT NOT NULL, postcode_area TEXT NOT NULL, uk_citizen_or_resident INTEGER NOT NULL, "
            "contact_opt_in INTEGER NOT NULL, language TEXT NOT NULL, full_name TEXT NOT NULL, "
            "postcode TEXT NOT NULL, email TEXT NOT NULL, signature_svg %1, content_sha256 TEXT NOT NULL, "
            "sealed %1, sealed_drawing %1, name_postcode_key TEXT NOT NULL, email_name_key TEXT NOT NULL, "
            "email_key TEXT NOT NULL, duplicate_of TEXT)")
            .arg(blob),
        QStringLiteral("CREATE INDEX signatures_by_batch ON signatures (batch)"),
        // The kiosk's duplicate rules, across stalls (`duplicates`).
        QStringLiteral("CREATE INDEX signatures_by_name_postcode ON signatures (petition_id, name_postcode_key)"),
        QStringLiteral("CREATE INDEX signatures_by_email_name ON signatures (petition_id, email_name_key)"),
        QStringLiteral("CREATE INDEX signatures_by_email ON signatures (petition_id, email_key)"),
        QStringLiteral("CREATE INDEX signatures_by_time ON signatures (signed_at)"),
    };
}

// Version 2: duplicate marks in a table of their own (marking a hundred thousand rows rewrote as many signature rows,
// and every index of each on PostgreSQL), the duplicate keys' indexes carrying the order the earliest is chosen by and
// the stall, and only the rows that have the key (so that `duplicates` reads each index alone, in one pass, sorted),
// and the import log.
QStringList version2()
{
    return {
        QStringLiteral("CREATE TABLE duplicates (id TEXT PRIMARY KEY NOT NULL, duplicate_of TEXT NOT NULL, "
                       "rule TEXT NOT NULL)"),
        QStringLiteral("INSERT INTO duplicates (id, duplicate_of, rule) SELECT id, duplicate_of, 'marked before schema "
                       "2' FROM signatures WHERE duplicate_of IS NOT NULL"),
        QStringLiteral("ALTER TABLE signatures DROP COLUMN duplicate_of"),
        QStringLiteral("DROP INDEX signatures_by_name_postcode"),
        QStringLiteral("DROP INDEX signatures_by_email_name"),
        QStringLiteral("DROP INDEX signatures_by_email"),
        QStringLiteral("CREATE INDEX signatures_by_name_postcode ON signatures (petition_id, name_postcode_key, "
                       "signed_at, id, stall_id) WHERE name_postcode_key <> ''"),
        QStringLiteral(
            "CREATE INDEX signatures_by_email_name ON signatures (petition_id, email_name_key, signed_at, id, "
            "stall_id) WHERE email_name_key <> ''"),
        QStringLiteral(
            "CREATE INDEX signatures_by_email ON signatures (petition_id, email_key, signed_at, id, stall_id) "
            "WHERE email_key <> ''"),
        // Every batch an import met: imported, skipped, or refused and why (a refused batch is nowhere else); `run` is
        // one import command.
        QStringLiteral("CREATE TABLE import_log (run TEXT NOT NULL, at TEXT NOT NULL, folder TEXT NOT NULL, batch_id "
                       "TEXT NOT NULL, "
                       "device_id TEXT NOT NULL, manifest_sha256 TEXT NOT NULL, outcome TEXT NOT NULL, "
                       "reason TEXT NOT NULL, rows_new BIGINT NOT NULL, flags TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX import_log_by_time ON import_log (at)"),
    };
}

// Version 3: the signers' rights. A signature erased on request or purged keeps its row as a tombstone (id, batch,
// stall, time, and the counted fields; `removed` says why), so that no import brings it back; the hub's own audit log;
// each device's signing key in full, which `confirm` authenticates its confirmations to; and the batches each upload
// took.
QStringList version3()
{
    return {
        QStringLiteral("ALTER TABLE signatures ADD COLUMN removed TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE signatures ADD COLUMN removed_at TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE devices ADD COLUMN signing_key TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE TABLE hub_audit (at TEXT NOT NULL, by_whom TEXT NOT NULL, action TEXT NOT NULL, "
                       "detail TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX hub_audit_by_time ON hub_audit (at)"),
        // The batches each kind of upload (contacts, signatures) has taken: `--since last` takes the others.
        QStringLiteral("CREATE TABLE uploaded_batches (kind TEXT NOT NULL, manifest_sha256 TEXT NOT NULL, at TEXT NOT "
                       "NULL, PRIMARY KEY (kind, manifest_sha256))"),
    };
}

} // namespace

HubDatabase::~HubDatabase()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<HubDatabase>> HubDatabase::open(const QString& where, std::optional<Store> store)
{
    return open(where, store, Latest);
}

Result<std::unique_ptr<HubDatabase>> HubDatabase::openAtSchema(const QString& where, int schema)
{
    return open(where, std::nullopt, schema);
}

Result<std::unique_ptr<HubDatabase>> HubDatabase::open(const QString& where, std::optional<Store> store, int schema)
{
    std::unique_ptr<HubDatabase> hub(new HubDatabase);
    hub->m_connection = QStringLiteral("hub-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    hub->m_location = where;
    if (isPostgresUrl(where)) {
        const QUrl url(where);
        const QUrlQuery query(url);
        if (!url.isValid() || url.scheme() != QLatin1String("postgresql"))
            return refuse(
                QStringLiteral("%1 is not a postgresql:// address.").arg(url.toDisplayString(QUrl::RemovePassword)));
        hub->m_backend = Backend::PostgreSQL;
        hub->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), hub->m_connection);
        if (!hub->m_db.isValid())
            return refuse(QStringLiteral("Qt's PostgreSQL driver is missing (Debian package libqt6sql6-psql)."));
        const QString host = url.host().isEmpty() ? query.queryItemValue(QStringLiteral("host")) : url.host();
        const QString user = url.userName().isEmpty() ? query.queryItemValue(QStringLiteral("user")) : url.userName();
        hub->m_db.setHostName(host);
        if (url.port() > 0)
            hub->m_db.setPort(url.port());
        hub->m_db.setUserName(user);
        hub->m_db.setPassword(qEnvironmentVariable("PGPASSWORD"));
        hub->m_db.setDatabaseName(url.path().mid(1));
        hub->m_description = QStringLiteral("PostgreSQL database %1 on %2").arg(url.path().mid(1), host);
    } else {
        hub->m_backend = Backend::SQLite;
        const QFileInfo file(where);
        if (!QDir().mkpath(file.absolutePath()))
            return refuse(QStringLiteral("%1 cannot be made.").arg(QDir::toNativeSeparators(file.absolutePath())));
        const bool created = !file.exists();
        hub->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), hub->m_connection);
        hub->m_db.setDatabaseName(file.absoluteFilePath());
        hub->m_description = QDir::toNativeSeparators(file.absoluteFilePath());
        if (hub->m_db.open() && created)
            DataDir::setOwnerOnly(file.absoluteFilePath(), false);
    }
    if (!hub->m_db.isOpen() && !hub->m_db.open())
        return refuse(QStringLiteral("The hub database (%1) cannot be opened: %2")
                          .arg(hub->m_description, hub->m_db.lastError().text().trimmed()),
            StoreError::Io);
    QSqlQuery pragma(hub->m_db);
    if (hub->m_backend == Backend::SQLite) {
        pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        pragma.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        pragma.exec(QStringLiteral("PRAGMA busy_timeout=10000"));
        pragma.exec(QStringLiteral("PRAGMA secure_delete=ON"));
        // The duplicate rules read whole indexes: read through a mapping (no copy per page) and a larger cache.
        pragma.exec(QStringLiteral("PRAGMA mmap_size=1073741824"));
        pragma.exec(QStringLiteral("PRAGMA cache_size=-65536"));
        // An import commits once a batch, and each batch's rows land all over the indexes: checkpointing every 4 MB of
        // WAL (the default) wrote the same index pages back again and again, 1.8 times the floor at 200,000 rows;
        // every 200 MB, 1.2 times. The WAL is removed when the hub closes.
        pragma.exec(QStringLiteral("PRAGMA wal_autocheckpoint=50000"));
    }
    if (const VoidResult migrated = hub->migrate(schema); !migrated)
        return migrated.failure();
    // How names are kept is chosen once, when the database is made; never changed afterwards.
    QSqlQuery meta(hub->m_db);
    meta.exec(QStringLiteral("SELECT value FROM hub_meta WHERE key = 'store'"));
    const QString stored = meta.next() ? meta.value(0).toString() : QString();
    const QString wanted = store ? storeName(*store) : QString();
    if (stored.isEmpty()) {
        meta.prepare(QStringLiteral("INSERT INTO hub_meta (key, value) VALUES ('store', ?)"));
        meta.addBindValue(wanted.isEmpty() ? storeName(Store::Clear) : wanted);
        if (!meta.exec())
            return hub->failFrom(meta);
        hub->m_store = wanted == storeName(Store::Sealed) ? Store::Sealed : Store::Clear;
    } else {
        hub->m_store = stored == storeName(Store::Sealed) ? Store::Sealed : Store::Clear;
        if (!wanted.isEmpty() && wanted != stored)
            return refuse(
                QStringLiteral("The hub database (%1) keeps names %2; that cannot be changed.")
                    .arg(hub->m_description,
                        stored == storeName(Store::Sealed) ? QStringLiteral("sealed") : QStringLiteral("in clear")));
    }
    return hub;
}

QString HubDatabase::storeName(Store store)
{
    return store == Store::Sealed ? QStringLiteral("sealed") : QStringLiteral("clear");
}

int HubDatabase::schemaVersion()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT value FROM hub_meta WHERE key = 'schema_version'")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

VoidResult HubDatabase::migrate(int upTo)
{
    const int current = schemaVersion();
    if (current > Latest)
        return refuse(QStringLiteral("The hub database (%1) was made by a newer petition-hub (schema %2); update this "
                                     "one first.")
                          .arg(m_description)
                          .arg(current),
            StoreError::NewerSchema);
    for (int v = current + 1; v <= upTo; ++v) {
        HubTransaction transaction(*this);
        if (!transaction.started())
            return transaction.started();
        QSqlQuery q(m_db);
        const QStringList steps = v == 1
            ? version1(m_backend == Backend::PostgreSQL ? QStringLiteral("BYTEA") : QStringLiteral("BLOB"))
            : v == 2 ? version2()
                     : version3();
        for (const QString& sql : steps) {
            if (!q.exec(sql))
                return failFrom(q);
        }
        q.prepare(v == 1 ? QStringLiteral("INSERT INTO hub_meta (key, value) VALUES ('schema_version', ?)")
                         : QStringLiteral("UPDATE hub_meta SET value = ? WHERE key = 'schema_version'"));
        q.addBindValue(QString::number(v));
        if (!q.exec())
            return failFrom(q);
        if (const VoidResult c = transaction.commit(); !c)
            return c;
    }
    return {};
}

VoidResult HubDatabase::audit(const QString& action, const QString& detail)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO hub_audit (at, by_whom, action, detail) VALUES (?, ?, ?, ?)"));
    q.addBindValue(toIsoUtc(QDateTime::currentDateTimeUtc()));
    q.addBindValue(operatorName());
    q.addBindValue(action);
    q.addBindValue(detail.isNull() ? QStringLiteral("") : detail);
    if (!q.exec())
        return failFrom(q);
    return {};
}

VoidResult HubDatabase::scrub()
{
    QSqlQuery q(m_db);
    if (m_backend == Backend::SQLite) {
        if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) || !q.next())
            return failFrom(q);
        // busy: another connection reads; its snapshot still needs the log. Not an error, but the log keeps them.
        if (q.value(0).toInt() != 0)
            return refuse(QStringLiteral("The hub database (%1) is in use by another petition-hub: the signatures are "
                                         "gone from it, but its write-ahead log still holds old copies until that "
                                         "program ends. Run the command again then.")
                              .arg(m_description));
        return {};
    }
    if (!q.exec(QStringLiteral("VACUUM FULL signatures")))
        return failFrom(q);
    return {};
}

QString HubDatabase::operatorName()
{
    const QString name = platform::userName();
    return name.isEmpty() ? QStringLiteral("(unknown account)") : name;
}

VoidResult HubDatabase::begin()
{
    QSqlQuery q(m_db);
    // SQLite: take the write lock at once, so that two imports wait for each other instead of failing mid-way.
    if (!q.exec(m_backend == Backend::SQLite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")))
        return failFrom(q);
    return {};
}

VoidResult HubDatabase::commit()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return failFrom(q);
    return {};
}

void HubDatabase::rollback()
{
    QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

Failure HubDatabase::failFrom(const QSqlQuery& q) const
{
    return native::refusal(m_description, q.lastError().text().trimmed());
}

bool HubDatabase::isUniqueViolation(const QSqlQuery& q)
{
    const QSqlError e = q.lastError();
    // SQLite: SQLITE_CONSTRAINT (19) and its extended codes; PostgreSQL: SQLSTATE 23505.
    return e.nativeErrorCode() == QLatin1String("23505") || e.nativeErrorCode() == QLatin1String("19")
        || e.nativeErrorCode() == QLatin1String("1555") || e.nativeErrorCode() == QLatin1String("2067")
        || e.databaseText().contains(QLatin1String("UNIQUE constraint failed"));
}

} // namespace kiosk::hub
