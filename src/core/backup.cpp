#include "backup.h"

#include "datadir.h"
#include "kiosksettings.h"
#include "logging.h"
#include "platform.h"
#include "schema.h"
#include "signaturestore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

namespace kiosk {

namespace {
Failure fail(const QString& why)
{
    return { StoreError::Io, why, why };
}
} // namespace

QString Backup::folderFor(const KioskSettings& settings, const QString& dataDir)
{
    return settings.backupFolder().isEmpty() ? DataDir::backupPath(dataDir) : settings.backupFolder();
}

Result<QString> Backup::run(SignatureStore& store, const QString& backupDir, const QString& stallId, int keep)
{
    if (const VoidResult prepared = DataDir::prepare(backupDir, true, DataDir::Role::BackupFolder); !prepared)
        return prepared.failure();
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    const QString finalPath = QDir(backupDir).filePath(QStringLiteral("signatures-%1-%2.sqlite").arg(stallId, stamp));
    const QString temporary = QDir(backupDir).filePath(QStringLiteral(".backup-%1.partial").arg(stamp));
    QFile::remove(temporary);
    QSqlQuery q(store.database());
    QString quoted = temporary;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    if (!q.exec(QStringLiteral("VACUUM INTO '%1'").arg(quoted))) {
        QFile::remove(temporary);
        return fail(QStringLiteral("The backup to %1 failed: %2")
                        .arg(QDir::toNativeSeparators(backupDir), describeStoreError(classifySqlError(q.lastError()))));
    }
    DataDir::setOwnerOnly(temporary, false);
    if (!QFile::rename(temporary, finalPath) || !platform::syncDirectory(backupDir)) {
        QFile::remove(temporary);
        return fail(
            QStringLiteral("The backup could not be given its name in %1.").arg(QDir::toNativeSeparators(backupDir)));
    }
    // Keep the newest ones; older copies go (they are copies: the kiosk's own database is untouched).
    const QStringList all
        = QDir(backupDir).entryList({ QStringLiteral("signatures-*.sqlite") }, QDir::Files, QDir::Name);
    const QString prefix = QStringLiteral("signatures-%1-").arg(stallId);
    QStringList ours;
    for (const QString& name : all) {
        if (name.startsWith(prefix))
            ours << name;
    }
    for (qsizetype i = 0; i + std::max(keep, 1) < ours.size(); ++i)
        QFile::remove(QDir(backupDir).filePath(ours.at(i)));
    (void)store.meta().setTime(MetaKey::LastBackupAt, QDateTime::currentDateTimeUtc());
    (void)store.meta().setValue(MetaKey::LastBackupFile, QFileInfo(finalPath).fileName());
    qCInfo(lcBackup) << "backup written:" << QFileInfo(finalPath).fileName();
    return finalPath;
}

namespace {

// What restore learns of a database file before it trusts it: read-only, on its own connection.
struct Inspection
{
    QString problem; // empty if the file is one of ours, sound, and not from a newer kiosk
    QString deviceId;
    int version = 0; // its schema version
};

Inspection inspect(const QString& file)
{
    Inspection result;
    const QString connection = QStringLiteral("restore-check-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery q(db);
        const auto value
            = [&q](const QString& sql) { return q.exec(sql) && q.next() ? q.value(0).toString() : QString(); };
        if (!db.open() || value(QStringLiteral("PRAGMA integrity_check")) != QLatin1String("ok")) {
            result.problem = QStringLiteral("it is not a sound signature database (damaged, or not a database at all)");
        } else if (value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                                        "('meta', 'signatures')"))
            != QLatin1String("2")) {
            result.problem = QStringLiteral("it is not a sound signature database (not a petition kiosk's)");
        } else {
            bool numeric = false;
            const int version
                = value(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")).toInt(&numeric);
            result.deviceId = value(QStringLiteral("SELECT value FROM meta WHERE key = 'device_id'"));
            result.version = version;
            if (!numeric || version < 1 || result.deviceId.isEmpty())
                result.problem = QStringLiteral("it is not a sound signature database (not a petition kiosk's)");
            else if (version > Schema::Latest)
                result.problem = QStringLiteral("it was written by a newer version of the kiosk (schema %1); update "
                                                "this kiosk first")
                                     .arg(version);
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

// Carries the current database's batch ledger into the restored one: a signature exported since the backup was made
// stays exported, and its batch stays on record. Both databases are at the latest schema. The restored rows take the
// current database's row numbers (the batches' ranges are in those numbers), and the row counter is set past the
// current database's, so that a row saved after the restore is never taken for one a batch already holds.
VoidResult carryExports(SignatureStore& restored, const QString& currentFile)
{
    QSqlQuery q(restored.database());
    QString quoted = currentFile;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    const auto run = [&q](const QString& sql) { return q.exec(sql); };
    if (!run(QStringLiteral("ATTACH DATABASE '%1' AS cur").arg(quoted)))
        return Failure { StoreError::Io, q.lastError().text(), {} };
    const bool ok = run(QStringLiteral("BEGIN IMMEDIATE"))
        && run(QStringLiteral("INSERT OR IGNORE INTO batches SELECT * FROM cur.batches"))
        && run(QStringLiteral("UPDATE signatures SET seq = -seq"))
        && run(QStringLiteral("UPDATE signatures SET seq = (SELECT c.seq FROM cur.signatures c WHERE c.id = "
                              "signatures.id) WHERE id IN (SELECT id FROM cur.signatures)"))
        // Rows the current database does not have (it lost them): after all of its rows, in their own order.
        && run(QStringLiteral("UPDATE signatures SET seq = (SELECT coalesce(max(seq), 0) FROM cur.signatures) - seq "
                              "WHERE seq < 0"))
        && run(QStringLiteral("DELETE FROM sqlite_sequence WHERE name = 'signatures'"))
        && run(QStringLiteral("INSERT INTO sqlite_sequence (name, seq) VALUES ('signatures', max((SELECT "
                              "coalesce(max(seq), 0) FROM cur.signatures), (SELECT coalesce(max(seq), 0) FROM "
                              "signatures), (SELECT coalesce(max(seq), 0) FROM cur.sqlite_sequence WHERE name = "
                              "'signatures'), (SELECT coalesce(max(last_row), 0) FROM batches)))"))
        && run(QStringLiteral("COMMIT"));
    const QString error = q.lastError().text();
    if (!ok)
        run(QStringLiteral("ROLLBACK"));
    run(QStringLiteral("DETACH DATABASE cur"));
    if (!ok)
        return Failure { StoreError::Io, error, {} };
    return {};
}

} // namespace

Result<QString> Backup::restore(const QString& backupFile, const QString& dataDir)
{
    if (!QFileInfo(backupFile).isFile())
        return fail(QStringLiteral("%1 is not a file.").arg(QDir::toNativeSeparators(backupFile)));
    if (const VoidResult prepared = DataDir::prepare(dataDir, true); !prepared)
        return prepared.failure();
    const QString name = QDir::toNativeSeparators(backupFile);

    // 1. Everything that can be checked is checked on a copy, before the current database is touched.
    QTemporaryDir staging(QDir(dataDir).filePath(QStringLiteral(".restore-XXXXXX")));
    if (!staging.isValid())
        return fail(QStringLiteral("The data folder has no room for a copy of %1; nothing was changed.").arg(name));
    const QString staged = DataDir::databasePath(staging.path());
    if (!QFile::copy(backupFile, staged))
        return fail(QStringLiteral("%1 could not be copied into the data folder; nothing was changed.").arg(name));
    DataDir::setOwnerOnly(staged, false);
    const Inspection backup = inspect(staged);
    if (!backup.problem.isEmpty())
        return fail(QStringLiteral("%1 cannot be restored: %2. Nothing was changed.").arg(name, backup.problem));
    const QString current = DataDir::databasePath(dataDir);
    const bool hasCurrent = QFileInfo::exists(current);
    const Inspection now = hasCurrent ? inspect(current) : Inspection {};
    if (hasCurrent && now.problem.isEmpty() && now.deviceId != backup.deviceId)
        return fail(QStringLiteral("%1 is a backup of another kiosk (device %2), not of this one (device %3). Restore "
                                   "it into a new data folder instead; nothing was changed.")
                        .arg(name, backup.deviceId, now.deviceId));
    {
        // Brought to the latest schema, and given the current database's exports.
        SignatureStore restored;
        if (const VoidResult opened = restored.open(staging.path()); !opened)
            return fail(
                QStringLiteral("%1 cannot be restored: %2 Nothing was changed.").arg(name, opened.errorString()));
        if (hasCurrent && now.problem.isEmpty()) {
            // The current database at the latest schema too, so that both number their rows alike.
            if (now.version < Schema::Latest) {
                SignatureStore currentStore;
                if (const VoidResult opened = currentStore.open(dataDir); !opened)
                    return fail(QStringLiteral("The current database cannot be read (%1); nothing was changed.")
                                    .arg(opened.errorString()));
            }
            if (const VoidResult carried = carryExports(restored, current); !carried)
                return fail(QStringLiteral("The exports recorded in the current database could not be carried into the "
                                           "restored one; nothing was changed."));
        }
    }

    // 2. The swap: the current database is set aside, never deleted.
    QString replaced;
    if (hasCurrent) {
        const Result<QString> setAside = DataDir::setAsideDatabase(dataDir, QStringLiteral("replaced"));
        if (!setAside)
            return setAside.failure();
        replaced = *setAside;
    }
    if (!QFile::rename(staged, current) || !platform::syncDirectory(dataDir))
        return fail(QStringLiteral("The restored database could not be put in place; the previous one is %1.")
                        .arg(replaced.isEmpty() ? QStringLiteral("unchanged") : replaced));
    SignatureStore store;
    if (const VoidResult opened = store.open(dataDir); !opened)
        return opened.failure();
    const SignatureCounts counts = store.signatures().counts().valueOr({});
    (void)store.audit().append(QStringLiteral("restored from a backup"), QFileInfo(backupFile).fileName());
    return QStringLiteral("Restored %1 signatures (%2 not yet exported) from %3.%4")
        .arg(counts.total)
        .arg(counts.unexported)
        .arg(QFileInfo(backupFile).fileName(),
            replaced.isEmpty()
                ? QString()
                : QStringLiteral(" The previous database is kept as %1.").arg(QFileInfo(replaced).fileName()));
}

} // namespace kiosk

namespace kiosk {

BackupPolicy::BackupPolicy(SignatureStore& store, const KioskSettings& settings, QString dataDir)
    : m_store(store)
    , m_settings(settings)
    , m_dataDir(std::move(dataDir))
{
}

void BackupPolicy::noteStored()
{
    if (++m_storedSinceLast >= m_settings.backupEvery())
        (void)backUpNow();
}

Result<QString> BackupPolicy::backUpNow()
{
    m_storedSinceLast = 0;
    const Result<QString> made = Backup::run(m_store, Backup::folderFor(m_settings, m_dataDir), m_settings.stallId());
    if (!made) {
        qCWarning(lcBackup) << "backup failed:" << made.errorString();
        (void)m_store.audit().append(QStringLiteral("backup failed"), made.errorString());
    }
    return made;
}

} // namespace kiosk
