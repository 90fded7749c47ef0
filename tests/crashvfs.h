#pragma once

// A SQLite VFS for the power-cut tests, after SQLite's own crash tests: it wraps the default VFS and keeps, for every
// file, the writes (and truncations) made since the file was last synced, with what they overwrote. When the
// armed operation comes, it "cuts the power": each file goes back to what it held at its last sync, then gets the
// unsynced writes a cut would have let through (none; a random subset, in order; or all but the last, which is torn
// at a sector boundary). From then on every call fails, as on a dead machine, until it is disarmed. A sync is not
// passed to the disk: durability is what this VFS says it is.
//
// What it does not model: a disk that lies about flushes (reorders across a sync, or loses synced data), and a
// directory entry that is not durable (a file created or deleted by SQLite is taken as durable once synced or
// deleted; SQLite syncs the folder itself where that matters).

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace kiosk::test {

class CrashVfs final
{
public:
    static constexpr const char* Name = "kiosk-crash";
    enum class Cut { DropAll, RandomSubset, TearLast };
    struct Stats
    {
        qint64 dropped = 0; // unsynced writes lost at cuts
        qint64 kept = 0; // unsynced writes a cut let through
        qint64 torn = 0; // writes torn
    };

    // Registers the VFS (once) and gives it.
    static CrashVfs& instance();

    // The power goes at the `cutAt`-th write, truncation or sync from now (1: the first); 0: never, only count.
    void arm(qint64 cutAt, Cut how, quint32 seed);
    // The power is back: calls pass through again, and nothing is pending.
    void disarm();
    bool isCut() const;
    qint64 operations() const;
    Stats stats() const;

private:
    CrashVfs();
};

} // namespace kiosk::test
