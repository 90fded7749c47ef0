#pragma once

#include <QString>

namespace kiosk {

class SignatureStore;

// Copies of the signature database in a backup folder (a second USB stick, say), for a kiosk whose own storage
// fails. Each copy is consistent (SQLite's VACUUM INTO, under a temporary name, then renamed) and named
// signatures-<stall>-<yyyyMMdd-HHmmss>.sqlite; the newest ten are kept.
class Backup final
{
public:
    static constexpr int Keep = 10;

    // Returns the backup file, or empty with `error` set.
    static QString run(SignatureStore& store, const QString& backupDir, const QString& stallId, QString* error);

    // Puts `backupFile` in place as dataDir's database, after checking it. A database already there is set aside
    // (renamed signatures.replaced-<time>.sqlite), never deleted. Returns a summary, or empty with `error` set.
    static QString restore(const QString& backupFile, const QString& dataDir, QString* error);
};

} // namespace kiosk
