#include "backup.h"

#include "datadir.h"
#include "kiosksettings.h"
#include "logging.h"
#include "platform.h"
#include "signaturestore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
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

Result<QString> Backup::run(SignatureStore& store, const QString& backupDir, const QString& stallId)
{
    if (const VoidResult prepared = DataDir::prepare(backupDir, true); !prepared)
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
    for (qsizetype i = 0; i + Keep < ours.size(); ++i)
        QFile::remove(QDir(backupDir).filePath(ours.at(i)));
    (void)store.meta().setTime(MetaKey::LastBackupAt, QDateTime::currentDateTimeUtc());
    (void)store.meta().setValue(MetaKey::LastBackupFile, QFileInfo(finalPath).fileName());
    qCInfo(lcBackup) << "backup written:" << QFileInfo(finalPath).fileName();
    return finalPath;
}

Result<QString> Backup::restore(const QString& backupFile, const QString& dataDir)
{
    if (!QFileInfo(backupFile).isFile())
        return fail(QStringLiteral("%1 is not a file.").arg(QDir::toNativeSeparators(backupFile)));
    if (const VoidResult prepared = DataDir::prepare(dataDir, true); !prepared)
        return prepared.failure();
    // Check the copy before anything is moved.
    const QString staged = QDir(dataDir).filePath(QStringLiteral(".restore.partial"));
    QFile::remove(staged);
    if (!QFile::copy(backupFile, staged))
        return fail(
            QStringLiteral("%1 could not be copied into the data folder.").arg(QDir::toNativeSeparators(backupFile)));
    DataDir::setOwnerOnly(staged, false);
    bool sound = false;
    const QString connection = QStringLiteral("restore-check-") + QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(staged);
        QSqlQuery q(db);
        sound = db.open() && q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next()
            && q.value(0).toString() == QLatin1String("ok") && q.exec(QStringLiteral("SELECT count(*) FROM signatures"))
            && q.next();
    }
    QSqlDatabase::removeDatabase(connection);
    if (!sound) {
        QFile::remove(staged);
        return fail(QStringLiteral("%1 is not a sound signature database; nothing was changed.")
                        .arg(QDir::toNativeSeparators(backupFile)));
    }
    QString replaced;
    if (QFileInfo::exists(DataDir::databasePath(dataDir))) {
        const Result<QString> setAside = DataDir::setAsideDatabase(dataDir, QStringLiteral("replaced"));
        if (!setAside) {
            QFile::remove(staged);
            return setAside.failure();
        }
        replaced = *setAside;
    }
    if (!QFile::rename(staged, DataDir::databasePath(dataDir)))
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
