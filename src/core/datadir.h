#pragma once

#include "result.h"

#include <QString>

class QLockFile;

namespace kiosk {

// The folder that holds one kiosk's database and settings. Everything in it is owner-only: signatures are
// special-category personal data.
class DataDir final
{
public:
    // QStandardPaths::AppDataLocation; the application name must be set first.
    static QString defaultPath();

    // Creates `path` (0700) if `create` is true, or checks that it exists, and that it is a writable folder.
    // A failure carries a sentence a volunteer can act on.
    enum class Role { DataFolder, BackupFolder }; // what the messages call the folder
    static VoidResult prepare(const QString& path, bool create, Role role = Role::DataFolder);

    // Creates an empty file readable and writable by the owner only, if it does not exist yet.
    static VoidResult createOwnerOnlyFile(const QString& filePath);

    // Whether a file can be created in `dir` right now, found by trying: permission bits, read-only mounts,
    // write-protected sticks and removed drives all answer the same way.
    static bool canWriteIn(const QString& dir);

    static bool setOwnerOnly(const QString& path, bool isDirectory);

    // Renames a damaged database (and its -wal and -shm) to signatures.<reason>-<time>.sqlite beside it, so that a
    // fresh one can start. Nothing is deleted or overwritten. Returns the new name.
    static Result<QString> setAsideDatabase(const QString& dir, const QString& reason);

    // Whether a folder name given on the command line came through as text: an invalid UTF-8 name is read with
    // replacement characters, which would silently name another folder.
    static bool isSoundName(const QString& path) { return !path.contains(QChar::ReplacementCharacter); }

    static QString databasePath(const QString& dir);
    // Takes a lock file such as lockPath() or exportLockPath(), waiting up to waitMs. A lock left by a process that is
    // gone is taken over; so is an empty or unreadable lock file more than a few seconds old, which a power cut between
    // creating the file and writing it leaves behind (QLockFile alone would wait for it for ever).
    static bool takeLock(QLockFile& lock, int waitMs);

    // The lock that keeps one kiosk (and one restore) per data folder.
    static QString lockPath(const QString& dir);
    // The lock that keeps one export at a time on a data folder, whoever runs it.
    static QString exportLockPath(const QString& dir);
    // Where backups go when no backup folder is set.
    static QString backupPath(const QString& dir);
    static QString settingsPath(const QString& dir);
};

} // namespace kiosk
