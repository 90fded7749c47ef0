#include "datadir.h"

#include "logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>
#include <QTemporaryFile>

namespace kiosk {

QString DataDir::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool DataDir::setOwnerOnly(const QString& path, bool isDirectory)
{
    QFileDevice::Permissions perms = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (isDirectory)
        perms |= QFileDevice::ExeOwner;
    return QFile::setPermissions(path, perms);
}

bool DataDir::canWriteIn(const QString& dir)
{
    QTemporaryFile probe(QDir(dir).filePath(QStringLiteral(".write-probe-XXXXXX")));
    return probe.open();
}

VoidResult DataDir::prepare(const QString& path, bool create, Role role)
{
    // The folder's problems are the volunteer's to fix, so each says what and where in its own sentence.
    const QString what = role == Role::BackupFolder ? QStringLiteral("backup folder") : QStringLiteral("data folder");
    const QString where = QDir::toNativeSeparators(path);
    const auto fail = [&path](const QString& message) {
        return Failure { QFileInfo::exists(path) ? StoreError::ReadOnly : StoreError::NotFound, message, message };
    };
    if (path.isEmpty())
        return fail(QStringLiteral("No %1 was given.").arg(what));

    QFileInfo info(path);
    if (!info.exists()) {
        if (info.isSymLink())
            return fail(
                QStringLiteral("The %1 %2 is a link that leads nowhere (or round in a loop).").arg(what, where));
        if (!create)
            return fail(QStringLiteral("The %1 %2 does not exist. Check the path, or set the kiosk up first.")
                            .arg(what, where));
        if (!QDir().mkpath(path))
            return fail(QStringLiteral("The %1 %2 could not be created. Check that the drive is present and not full "
                                       "or read-only.")
                            .arg(what, where));
        if (!setOwnerOnly(path, true))
            return fail(QStringLiteral("The %1 %2 could not be made private to this user.").arg(what, where));
        qCInfo(lcDataDir) << "created" << what << path;
        info.refresh();
    }
    if (!info.isDir())
        return fail(QStringLiteral("%1 is not a folder. Choose a folder for the kiosk's %2.")
                        .arg(where, role == Role::BackupFolder ? QStringLiteral("backups") : QStringLiteral("data")));
    return {};
}

VoidResult DataDir::createOwnerOnlyFile(const QString& filePath)
{
    if (QFileInfo::exists(filePath))
        return {};
    QFile file(filePath);
    // NewOnly: never truncate a file that appeared meanwhile.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (QFileInfo::exists(filePath))
            return {};
        const QString why
            = QStringLiteral("%1 could not be created: %2").arg(QDir::toNativeSeparators(filePath), file.errorString());
        return Failure { StoreError::ReadOnly, why, why };
    }
    file.close();
    if (!setOwnerOnly(filePath, false)) {
        const QString why
            = QStringLiteral("%1 could not be made private to this user.").arg(QDir::toNativeSeparators(filePath));
        return Failure { StoreError::ReadOnly, why, why };
    }
    return {};
}

Result<QString> DataDir::setAsideDatabase(const QString& dir, const QString& reason)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString base = QDir(dir).filePath(QStringLiteral("signatures.%1-%2.sqlite").arg(reason, stamp));
    const QString current = databasePath(dir);
    for (const QString& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        if (QFileInfo::exists(base + suffix)) {
            {
                const QString why = QStringLiteral("%1 exists already").arg(base + suffix);
                return Failure { StoreError::Io, why, why };
            }
        }
    }
    // The main file first: once it has moved, no SQLite will pick up the -wal without it.
    for (const QString& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        if (QFileInfo::exists(current + suffix) && !QFile::rename(current + suffix, base + suffix)) {
            {
                const QString why = QStringLiteral("%1 could not be renamed").arg(current + suffix);
                return Failure { StoreError::Io, why, why };
            }
        }
    }
    qCWarning(lcDataDir) << "database set aside as" << base;
    return base;
}

QString DataDir::databasePath(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("signatures.sqlite"));
}

QString DataDir::settingsPath(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("kiosk.ini"));
}

bool DataDir::takeLock(QLockFile& lock, int waitMs)
{
    lock.setStaleLockTime(0); // never by age alone: a long export must keep its lock
    if (lock.tryLock(0))
        return true;
    qint64 pid = 0;
    QString host;
    QString application;
    const QFileInfo file(lock.fileName());
    if (!lock.getLockInfo(&pid, &host, &application) && file.exists()
        && file.lastModified().msecsTo(QDateTime::currentDateTime()) > 3000) {
        qCWarning(lcDataDir) << "an unreadable lock file was left behind; taking it over:" << file.fileName();
        lock.removeStaleLockFile();
    }
    return lock.tryLock(waitMs);
}

QString DataDir::lockPath(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("kiosk.lock"));
}

QString DataDir::exportLockPath(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("export.lock"));
}

QString DataDir::backupPath(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("backups"));
}

} // namespace kiosk
