#pragma once

#include "result.h"

#include <QString>

namespace kiosk {

class KioskSettings;
class SignatureStore;

// Copies of the signature database in a backup folder (a second USB stick, say), for a kiosk whose own storage
// fails. Each copy is consistent (SQLite's VACUUM INTO, under a temporary name, then renamed) and named
// signatures-<stall>-<yyyyMMdd-HHmmss>.sqlite; the newest ten are kept.
class Backup final
{
public:
    static constexpr int Keep = 10;

    // The folder a kiosk backs up to: the backup/folder setting, or <data folder>/backups.
    static QString folderFor(const KioskSettings& settings, const QString& dataDir);

    // Returns the backup file. The newest `keep` of this stall's copies in the folder stay (1: only the new one, when
    // older copies hold what the kiosk has since forgotten).
    static Result<QString> run(
        SignatureStore& store, const QString& backupDir, const QString& stallId, int keep = Keep);

    // Puts `backupFile` in place as dataDir's database, after checking it. A database already there is set aside
    // (renamed signatures.replaced-<time>.sqlite), never deleted. Returns a summary.
    static Result<QString> restore(const QString& backupFile, const QString& dataDir);
};

// When a running kiosk backs up: after every N stored signatures (the backup/every setting), and once more when it
// closes. A failed backup is logged and audited; signing carries on.
class BackupPolicy final
{
public:
    BackupPolicy(SignatureStore& store, const KioskSettings& settings, QString dataDir);

    // After each stored signature: backs up once N have been stored since the last copy.
    void noteStored();
    Result<QString> backUpNow();

private:
    SignatureStore& m_store;
    const KioskSettings& m_settings;
    QString m_dataDir;
    int m_storedSinceLast = 0;
};

} // namespace kiosk
