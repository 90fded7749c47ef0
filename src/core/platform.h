#pragma once

#include <QString>

#include <functional>
#include <optional>

class QObject;

namespace kiosk {

// The few calls that differ between systems live here and nowhere else.
namespace platform {

// New files and folders are created owner-only (umask 077 on POSIX; a no-op elsewhere, where the data folder's
// ACL applies).
void restrictNewFilesToOwner();

// No core dumps of this process (RLIMIT_CORE 0, and PR_SET_DUMPABLE 0 on Linux): a crash must not write the keys it
// holds (the duplicate key, a coordinator's secret key) or a signer's fields to disk. False if a step failed.
bool disableCoreDumps();

// Mounted drives a volunteer would export to (USB sticks, SD cards): writable volumes under /media, /run/media,
// /mnt (Linux), /Volumes (macOS), or any non-system drive letter (Windows). Root paths.
QStringList removableDriveRoots();

// Whether standard input is a terminal, and turning its echo off and on (for typing a PIN). No-ops elsewhere.
bool stdinIsTerminal();

// Flushes everything written on the filesystem holding `path` to the device (syncfs on Linux, sync elsewhere on
// POSIX). One call instead of an fsync per file, for batches with many signature files.
bool syncFilesystem(const QString& path);
// Makes an open file's written data durable (fdatasync on Linux, fsync elsewhere on POSIX).
bool syncFile(int fd);
// Makes a rename or a new entry in `dir` durable (fsync of the folder on POSIX).
bool syncDirectory(const QString& dir);
void setStdinEcho(bool on);
// The account this process runs as (its login name), for audit logs; empty if it cannot be found.
QString userName();

// SIGTERM (what systemd sends at shut-down), SIGINT and SIGHUP are turned into a call of `handler` on the event loop,
// through a self-pipe and a QSocketNotifier owned by `owner`, so that the program can leave as its own Exit does. The
// handler gets the signal's number. Returns false where there are no such signals (Windows).
bool onTerminationSignal(QObject* owner, std::function<void(int)> handler);

// Runs `program` with `arguments` (its standard output discarded), waits for it, and gives its exit code and its own
// peak resident set in KB (wait4's rusage), for the benchmarks. nullopt where a child's peak cannot be read.
struct ChildRun
{
    int exitCode = -1;
    qint64 peakResidentKb = 0;
};
std::optional<ChildRun> runMeasured(const QString& program, const QStringList& arguments);

} // namespace platform
} // namespace kiosk
