#include "crashvfs.h"

#include <QFile>

#include <sqlite3.h>

#include <map>
#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace kiosk::test {

namespace {

// One write or truncation not yet synced, with what it replaced.
struct Pending
{
    bool truncate = false;
    qint64 offset = 0; // where the write began, or the size truncated to
    QByteArray before; // the bytes it overwrote (or cut off), within the file's old size
    QByteArray after; // a write's bytes
    qint64 sizeBefore = 0;
};

struct FileState
{
    std::vector<Pending> pending;
};

struct Crash
{
    sqlite3_vfs vfs {};
    sqlite3_vfs* real = nullptr;
    std::recursive_mutex mutex;
    std::map<std::string, FileState> files;
    qint64 operations = 0;
    qint64 cutAt = 0;
    bool dead = false;
    CrashVfs::Cut how = CrashVfs::Cut::DropAll;
    std::mt19937 random;
    CrashVfs::Stats stats;
};

Crash& crash()
{
    static Crash c;
    return c;
}

struct CrashFile
{
    sqlite3_file base;
    FileState* state; // null for files not tracked (temporary ones)
    std::string path;
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

CrashFile* file(sqlite3_file* f)
{
    return reinterpret_cast<CrashFile*>(f);
}

// Puts a file back as the cut leaves it: every pending change undone, newest first, then those the cut lets through
// done again, in order.
void restore(const std::string& path, FileState& state)
{
    Crash& c = crash();
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadWrite))
        return;
    for (auto it = state.pending.rbegin(); it != state.pending.rend(); ++it) {
        f.resize(it->sizeBefore);
        f.seek(it->offset);
        f.write(it->before);
    }
    const std::size_t n = state.pending.size();
    for (std::size_t i = 0; i < n; ++i) {
        const Pending& p = state.pending[i];
        bool keep = false;
        QByteArray bytes = p.after;
        switch (c.how) {
        case CrashVfs::Cut::DropAll:
            break;
        case CrashVfs::Cut::RandomSubset:
            keep = (c.random() & 1) != 0;
            break;
        case CrashVfs::Cut::TearLast:
            keep = true;
            if (i + 1 == n && !p.truncate) {
                // Sectors are written whole (SQLite's powersafe overwrite); the tear is at a 512-byte boundary of the
                // file, somewhere before the write's end.
                const qint64 end = p.offset + bytes.size();
                const qint64 firstBoundary = (p.offset / 512 + 1) * 512;
                const qint64 boundaries = firstBoundary < end ? (end - 1 - firstBoundary) / 512 + 1 : 0;
                const qint64 cut
                    = boundaries > 0 ? firstBoundary + qint64(c.random() % quint64(boundaries)) * 512 : p.offset;
                bytes.truncate(cut - p.offset);
                keep = !bytes.isEmpty();
                ++c.stats.torn;
            }
            break;
        }
        if (!keep) {
            ++c.stats.dropped;
            continue;
        }
        ++c.stats.kept;
        if (p.truncate) {
            f.resize(p.offset);
        } else {
            f.seek(p.offset);
            f.write(bytes);
        }
    }
    f.close();
    state.pending.clear();
}

void cutThePower()
{
    Crash& c = crash();
    for (auto& [path, state] : c.files) {
        if (!state.pending.empty())
            restore(path, state);
    }
    c.dead = true;
}

// Counts a write, truncation or sync; true when the power is (or has just gone) off.
bool dies()
{
    Crash& c = crash();
    if (c.dead)
        return true;
    ++c.operations;
    if (c.cutAt > 0 && c.operations == c.cutAt) {
        cutThePower();
        return true;
    }
    return false;
}

int xClose(sqlite3_file* f)
{
    sqlite3_file* real = file(f)->real();
    const int rc = real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
    file(f)->path.~basic_string();
    return rc;
}

int xRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset)
{
    std::lock_guard lock(crash().mutex);
    if (crash().dead)
        return SQLITE_IOERR_READ;
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xRead(real, buffer, amount, offset);
}

QByteArray bytesAt(sqlite3_file* real, qint64 offset, qint64 size, qint64 fileSize)
{
    const qint64 available = std::max<qint64>(0, std::min(offset + size, fileSize) - offset);
    QByteArray bytes(available, '\0');
    if (available > 0)
        real->pMethods->xRead(real, bytes.data(), int(available), offset);
    return bytes;
}

int xWrite(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset)
{
    std::lock_guard lock(crash().mutex);
    if (dies())
        return SQLITE_IOERR_WRITE;
    CrashFile* cf = file(f);
    sqlite3_file* real = cf->real();
    if (cf->state) {
        sqlite3_int64 size = 0;
        real->pMethods->xFileSize(real, &size);
        cf->state->pending.push_back({ false, offset, bytesAt(real, offset, amount, size),
            QByteArray(static_cast<const char*>(buffer), amount), size });
    }
    return real->pMethods->xWrite(real, buffer, amount, offset);
}

int xTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    std::lock_guard lock(crash().mutex);
    if (dies())
        return SQLITE_IOERR_TRUNCATE;
    CrashFile* cf = file(f);
    sqlite3_file* real = cf->real();
    if (cf->state) {
        sqlite3_int64 old = 0;
        real->pMethods->xFileSize(real, &old);
        cf->state->pending.push_back(
            { true, size, bytesAt(real, size, std::max<qint64>(0, old - size), old), {}, old });
    }
    return real->pMethods->xTruncate(real, size);
}

int xSync(sqlite3_file* f, int)
{
    std::lock_guard lock(crash().mutex);
    if (dies())
        return SQLITE_IOERR_FSYNC;
    if (file(f)->state)
        file(f)->state->pending.clear();
    return SQLITE_OK; // durable by this VFS's word; the disk is not asked
}

int xFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    std::lock_guard lock(crash().mutex);
    if (crash().dead)
        return SQLITE_IOERR_FSTAT;
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xFileSize(real, size);
}

int xLock(sqlite3_file* f, int level)
{
    if (crash().dead)
        return SQLITE_IOERR_LOCK;
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xLock(real, level);
}

int xUnlock(sqlite3_file* f, int level)
{
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xUnlock(real, level);
}

int xCheckReservedLock(sqlite3_file* f, int* out)
{
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xCheckReservedLock(real, out);
}

int xFileControl(sqlite3_file* f, int op, void* arg)
{
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xFileControl(real, op, arg);
}

int xSectorSize(sqlite3_file* f)
{
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xSectorSize(real);
}

int xDeviceCharacteristics(sqlite3_file* f)
{
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xDeviceCharacteristics(real);
}

int xShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out)
{
    if (crash().dead)
        return SQLITE_IOERR_SHMMAP;
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xShmMap(real, page, size, extend, out);
}

int xShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xShmLock(real, offset, n, flags);
}

void xShmBarrier(sqlite3_file* f)
{
    sqlite3_file* real = file(f)->real();
    real->pMethods->xShmBarrier(real);
}

int xShmUnmap(sqlite3_file* f, int deleteFlag)
{
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xShmUnmap(real, deleteFlag);
}

int xFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out)
{
    *out = nullptr;
    if (crash().dead)
        return SQLITE_OK;
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xFetch(real, offset, amount, out);
}

int xUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* p)
{
    sqlite3_file* real = file(f)->real();
    return real->pMethods->xUnfetch(real, offset, p);
}

const sqlite3_io_methods kMethods
    = { 3, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock, xUnlock, xCheckReservedLock, xFileControl,
          xSectorSize, xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier, xShmUnmap, xFetch, xUnfetch };

int xOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* outFlags)
{
    Crash& c = crash();
    std::lock_guard lock(c.mutex);
    CrashFile* cf = file(f);
    cf->base.pMethods = nullptr;
    new (&cf->path) std::string(name ? name : "");
    cf->state = nullptr;
    if (c.dead)
        return SQLITE_IOERR;
    const int rc = c.real->xOpen(c.real, name, cf->real(), flags, outFlags);
    if (rc != SQLITE_OK) {
        cf->path.~basic_string();
        return rc;
    }
    if (name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)))
        cf->state = &c.files[cf->path];
    cf->base.pMethods = &kMethods;
    return SQLITE_OK;
}

int xDelete(sqlite3_vfs*, const char* name, int syncDir)
{
    Crash& c = crash();
    std::lock_guard lock(c.mutex);
    if (c.dead)
        return SQLITE_IOERR_DELETE;
    const int rc = c.real->xDelete(c.real, name, syncDir);
    if (auto it = c.files.find(name); it != c.files.end())
        it->second.pending.clear(); // gone, and taken as durably gone
    return rc;
}

int xAccess(sqlite3_vfs*, const char* name, int flags, int* out)
{
    return crash().real->xAccess(crash().real, name, flags, out);
}

int xFullPathname(sqlite3_vfs*, const char* name, int n, char* out)
{
    return crash().real->xFullPathname(crash().real, name, n, out);
}

int xRandomness(sqlite3_vfs*, int n, char* out)
{
    return crash().real->xRandomness(crash().real, n, out);
}

int xSleep(sqlite3_vfs*, int microseconds)
{
    return crash().real->xSleep(crash().real, microseconds);
}

int xCurrentTime(sqlite3_vfs*, double* out)
{
    return crash().real->xCurrentTime(crash().real, out);
}

int xGetLastError(sqlite3_vfs*, int n, char* out)
{
    return crash().real->xGetLastError ? crash().real->xGetLastError(crash().real, n, out) : 0;
}

int xCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out)
{
    return crash().real->xCurrentTimeInt64(crash().real, out);
}

} // namespace

CrashVfs::CrashVfs()
{
    Crash& c = crash();
    c.real = sqlite3_vfs_find(nullptr);
    c.vfs.iVersion = 2;
    c.vfs.szOsFile = int(sizeof(CrashFile)) + c.real->szOsFile;
    c.vfs.mxPathname = c.real->mxPathname;
    c.vfs.zName = Name;
    c.vfs.xOpen = xOpen;
    c.vfs.xDelete = xDelete;
    c.vfs.xAccess = xAccess;
    c.vfs.xFullPathname = xFullPathname;
    c.vfs.xRandomness = xRandomness;
    c.vfs.xSleep = xSleep;
    c.vfs.xCurrentTime = xCurrentTime;
    c.vfs.xGetLastError = xGetLastError;
    c.vfs.xCurrentTimeInt64 = xCurrentTimeInt64;
    sqlite3_vfs_register(&c.vfs, 0);
}

CrashVfs& CrashVfs::instance()
{
    static CrashVfs vfs;
    return vfs;
}

void CrashVfs::arm(qint64 cutAt, Cut how, quint32 seed)
{
    Crash& c = crash();
    std::lock_guard lock(c.mutex);
    c.files.clear();
    c.operations = 0;
    c.cutAt = cutAt;
    c.how = how;
    c.dead = false;
    c.random.seed(seed);
}

void CrashVfs::disarm()
{
    Crash& c = crash();
    std::lock_guard lock(c.mutex);
    c.files.clear();
    c.cutAt = 0;
    c.dead = false;
}

bool CrashVfs::isCut() const
{
    return crash().dead;
}

qint64 CrashVfs::operations() const
{
    return crash().operations;
}

CrashVfs::Stats CrashVfs::stats() const
{
    return crash().stats;
}

} // namespace kiosk::test
