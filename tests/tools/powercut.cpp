// libkiosk-powercut.so: an LD_PRELOAD library for the power-cut tests. It follows what a process does to the files
// under the folders named in KIOSK_POWERCUT_ROOTS (colon-separated; each taken as a file system of its own, as a USB
// stick is) and keeps what a power cut would leave of them:
//   - a file's contents are durable as of its last fsync or fdatasync (or a syncfs of its file system);
//   - a directory's entries (names, and the files and folders they name) are durable as of the last fsync of that
//     directory (or a syncfs); so a new file, a rename or an unlink is lost unless its directory was synced;
//   - what the folders held when the process started is durable.
// At the KIOSK_POWERCUT_AT-th write, truncation, sync, rename, link, unlink, mkdir or rmdir under the roots (1: the
// first; 0: never), it cuts the power: every root is emptied and rebuilt as only its durable state, a file whose
// contents were never synced empty, and the process ends at once (_exit 86). With KIOSK_POWERCUT_COUNT=FILE, the number
// of such operations is written there at exit, to spread the cuts over a run.
//
// It does not model: a disk that lies about flushes; ext4's habit of committing a new file's directory entry with its
// data (real file systems are kinder than this model); memory-mapped writes (SQLite's -shm, rebuilt after a crash).

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace {

using Ino = std::pair<dev_t, ino_t>;

struct Model
{
    std::vector<std::string> roots;
    std::map<std::string, Ino> rootInodes;
    std::map<Ino, std::string> contents; // durable contents of files
    std::map<Ino, std::map<std::string, std::pair<Ino, bool>>> entries; // durable entries of directories: ino, is dir
    long long operations = 0;
    long long cutAt = 0;
    std::string countFile;
    bool ready = false;
};

std::recursive_mutex& mutex()
{
    static std::recursive_mutex m;
    return m;
}
Model& model()
{
    static Model m;
    return m;
}
thread_local int inside = 0; // our own file work passes through

template <typename F> F real(const char* name)
{
    static_assert(sizeof(F) == sizeof(void*));
    void* p = dlsym(RTLD_NEXT, name);
    F f;
    std::memcpy(&f, &p, sizeof f);
    return f;
}

#define REAL(name) static const auto real_##name = real<decltype(&::name)>(#name)

std::string readAll(int fd)
{
    std::string out;
    char buffer[65536];
    off_t at = 0;
    for (;;) {
        const ssize_t n = pread(fd, buffer, sizeof buffer, at);
        if (n <= 0)
            break;
        out.append(buffer, std::size_t(n));
        at += n;
    }
    return out;
}

// The durable state of `path` (a file or a folder) and everything under it, as it is now.
void snapshot(const std::string& path)
{
    Model& m = model();
    struct stat st;
    if (lstat(path.c_str(), &st) != 0)
        return;
    const Ino ino { st.st_dev, st.st_ino };
    if (S_ISREG(st.st_mode)) {
        const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            m.contents[ino] = readAll(fd);
            close(fd);
        }
        return;
    }
    if (!S_ISDIR(st.st_mode))
        return;
    auto& list = m.entries[ino];
    list.clear();
    DIR* dir = opendir(path.c_str());
    if (!dir)
        return;
    while (const dirent* e = readdir(dir)) {
        const std::string name = e->d_name;
        if (name == "." || name == "..")
            continue;
        struct stat child;
        const std::string childPath = path + "/" + name;
        if (lstat(childPath.c_str(), &child) != 0)
            continue;
        list[name] = { { child.st_dev, child.st_ino }, S_ISDIR(child.st_mode) };
        snapshot(childPath);
    }
    closedir(dir);
}

// A directory's entries only, as they are now (an fsync of the directory).
void snapshotEntries(const std::string& path)
{
    Model& m = model();
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
        return;
    auto& list = m.entries[{ st.st_dev, st.st_ino }];
    list.clear();
    DIR* dir = opendir(path.c_str());
    if (!dir)
        return;
    while (const dirent* e = readdir(dir)) {
        const std::string name = e->d_name;
        if (name == "." || name == "..")
            continue;
        struct stat child;
        if (lstat((path + "/" + name).c_str(), &child) == 0)
            list[name] = { { child.st_dev, child.st_ino }, S_ISDIR(child.st_mode) };
    }
    closedir(dir);
}

std::string pathOfFd(int fd)
{
    char link[64], target[4096];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = readlink(link, target, sizeof target - 1);
    return n > 0 ? std::string(target, std::size_t(n)) : std::string();
}

std::string absolute(int dirfd, const char* path)
{
    if (!path)
        return {};
    if (path[0] == '/')
        return path;
    std::string base;
    if (dirfd == AT_FDCWD) {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd))
            return {};
        base = cwd;
    } else {
        base = pathOfFd(dirfd);
    }
    return base + "/" + path;
}

// The root `path` is under, or empty.
std::string rootOf(const std::string& path)
{
    for (const std::string& r : model().roots) {
        if (path == r || (path.size() > r.size() && path.compare(0, r.size(), r) == 0 && path[r.size()] == '/'))
            return r;
    }
    return {};
}

void writeCount()
{
    Model& m = model();
    if (m.countFile.empty())
        return;
    if (FILE* f = std::fopen(m.countFile.c_str(), "w")) {
        std::fprintf(f, "%lld\n", m.operations);
        std::fclose(f);
    }
}

void build(const Ino& dir, const std::string& path)
{
    Model& m = model();
    const auto found = m.entries.find(dir);
    if (found == m.entries.end())
        return;
    for (const auto& [name, entry] : found->second) {
        const std::string child = path + "/" + name;
        if (entry.second) {
            mkdir(child.c_str(), 0700);
            build(entry.first, child);
            continue;
        }
        const int fd = open(child.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
            continue;
        const auto content = m.contents.find(entry.first);
        if (content != m.contents.end() && !content->second.empty()) {
            const char* p = content->second.data();
            std::size_t left = content->second.size();
            while (left > 0) {
                const ssize_t n = write(fd, p, left);
                if (n <= 0)
                    break;
                p += n;
                left -= std::size_t(n);
            }
        }
        close(fd);
    }
}

int removeOne(const char* path, const struct stat*, int type, struct FTW* ftw)
{
    if (ftw->level == 0)
        return 0;
    (type == FTW_DP ? rmdir : unlink)(path);
    return 0;
}

[[noreturn]] void cutThePower()
{
    Model& m = model();
    for (const std::string& root : m.roots) {
        nftw(root.c_str(), removeOne, 32, FTW_DEPTH | FTW_PHYS);
        build(m.rootInodes[root], root);
    }
    writeCount();
    _exit(86);
}

// Counts an operation on `path`; cuts the power at the chosen one (before it happens).
void operation(const std::string& path)
{
    Model& m = model();
    if (!m.ready || rootOf(path).empty())
        return;
    ++m.operations;
    if (m.cutAt > 0 && m.operations == m.cutAt) {
        ++inside;
        cutThePower();
    }
}

void fdOperation(int fd)
{
    if (!model().ready)
        return;
    operation(pathOfFd(fd));
}

__attribute__((constructor)) void start()
{
    std::lock_guard lock(mutex());
    Model& m = model();
    const char* roots = std::getenv("KIOSK_POWERCUT_ROOTS");
    if (!roots)
        return;
    ++inside;
    std::string all = roots;
    std::size_t from = 0;
    while (from <= all.size()) {
        const std::size_t to = all.find(':', from);
        const std::string root = all.substr(from, to == std::string::npos ? std::string::npos : to - from);
        if (!root.empty()) {
            char resolved[4096];
            if (realpath(root.c_str(), resolved)) {
                m.roots.emplace_back(resolved);
                struct stat st;
                if (stat(resolved, &st) == 0)
                    m.rootInodes[resolved] = { st.st_dev, st.st_ino };
                snapshot(resolved);
            }
        }
        if (to == std::string::npos)
            break;
        from = to + 1;
    }
    if (const char* at = std::getenv("KIOSK_POWERCUT_AT"))
        m.cutAt = std::atoll(at);
    if (const char* count = std::getenv("KIOSK_POWERCUT_COUNT"))
        m.countFile = count;
    std::atexit(writeCount);
    m.ready = true;
    --inside;
}

// A sync of the file or folder behind `fd`: its contents, or its entries, are durable now.
void synced(int fd)
{
    const std::string path = pathOfFd(fd);
    if (rootOf(path).empty())
        return;
    struct stat st;
    if (fstat(fd, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        snapshotEntries(path);
    } else if (S_ISREG(st.st_mode)) {
        const std::string reopen = "/proc/self/fd/" + std::to_string(fd);
        const int readable = open(reopen.c_str(), O_RDONLY | O_CLOEXEC);
        if (readable >= 0) {
            model().contents[{ st.st_dev, st.st_ino }] = readAll(readable);
            close(readable);
        }
    }
}

bool watching()
{
    return inside == 0 && model().ready;
}

struct Inside
{
    Inside() { ++inside; }
    ~Inside() { --inside; }
};

} // namespace

extern "C" {

// Opening: only a new or truncated file is an operation. Every form goes to the real openat or openat64.
using OpenAt = int (*)(int, const char*, int, ...);
static int openCommon(bool large, int dirfd, const char* path, int flags, mode_t mode)
{
    static const OpenAt realOpenat = real<OpenAt>("openat");
    static const OpenAt realOpenat64 = real<OpenAt>("openat64");
    if (watching() && (flags & (O_CREAT | O_TRUNC))) {
        std::lock_guard lock(mutex());
        Inside in;
        operation(absolute(dirfd, path));
    }
    return (large ? realOpenat64 : realOpenat)(dirfd, path, flags, mode);
}

static mode_t modeOf(int flags, va_list args)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? mode_t(va_arg(args, int)) : 0;
}

int open(const char* path, int flags, ...)
{
    va_list args;
    va_start(args, flags);
    const mode_t mode = modeOf(flags, args);
    va_end(args);
    return openCommon(false, AT_FDCWD, path, flags, mode);
}
int open64(const char* path, int flags, ...)
{
    va_list args;
    va_start(args, flags);
    const mode_t mode = modeOf(flags, args);
    va_end(args);
    return openCommon(true, AT_FDCWD, path, flags, mode);
}
int openat(int dirfd, const char* path, int flags, ...)
{
    va_list args;
    va_start(args, flags);
    const mode_t mode = modeOf(flags, args);
    va_end(args);
    return openCommon(false, dirfd, path, flags, mode);
}
int openat64(int dirfd, const char* path, int flags, ...)
{
    va_list args;
    va_start(args, flags);
    const mode_t mode = modeOf(flags, args);
    va_end(args);
    return openCommon(true, dirfd, path, flags, mode);
}
int __open_2(const char* path, int flags)
{
    return openCommon(false, AT_FDCWD, path, flags, 0);
}
int __open64_2(const char* path, int flags)
{
    return openCommon(true, AT_FDCWD, path, flags, 0);
}
int __openat_2(int dirfd, const char* path, int flags)
{
    return openCommon(false, dirfd, path, flags, 0);
}
int __openat64_2(int dirfd, const char* path, int flags)
{
    return openCommon(true, dirfd, path, flags, 0);
}
int creat(const char* path, mode_t mode)
{
    return openCommon(false, AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
int creat64(const char* path, mode_t mode)
{
    return openCommon(true, AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

#define FD_OPERATION(fd)                                                                                               \
    do {                                                                                                               \
        if (watching()) {                                                                                              \
            std::lock_guard lock(mutex());                                                                             \
            Inside in;                                                                                                 \
            fdOperation(fd);                                                                                           \
        }                                                                                                              \
    } while (0)

ssize_t write(int fd, const void* buffer, size_t n)
{
    REAL(write);
    FD_OPERATION(fd);
    return real_write(fd, buffer, n);
}
ssize_t pwrite(int fd, const void* buffer, size_t n, off_t offset)
{
    REAL(pwrite);
    FD_OPERATION(fd);
    return real_pwrite(fd, buffer, n, offset);
}
ssize_t pwrite64(int fd, const void* buffer, size_t n, off64_t offset)
{
    REAL(pwrite64);
    FD_OPERATION(fd);
    return real_pwrite64(fd, buffer, n, offset);
}
ssize_t writev(int fd, const struct iovec* iov, int count)
{
    REAL(writev);
    FD_OPERATION(fd);
    return real_writev(fd, iov, count);
}
int ftruncate(int fd, off_t length)
{
    REAL(ftruncate);
    FD_OPERATION(fd);
    return real_ftruncate(fd, length);
}
int ftruncate64(int fd, off64_t length)
{
    REAL(ftruncate64);
    FD_OPERATION(fd);
    return real_ftruncate64(fd, length);
}

// After a successful fsync or fdatasync: the file's contents, or the folder's entries, are durable.
static int afterSync(int fd, int rc)
{
    if (rc == 0 && watching()) {
        std::lock_guard lock(mutex());
        Inside in;
        synced(fd);
    }
    return rc;
}
int fsync(int fd)
{
    REAL(fsync);
    FD_OPERATION(fd);
    return afterSync(fd, real_fsync(fd));
}
int fdatasync(int fd)
{
    REAL(fdatasync);
    FD_OPERATION(fd);
    return afterSync(fd, real_fdatasync(fd));
}
int syncfs(int fd)
{
    REAL(syncfs);
    FD_OPERATION(fd);
    const int rc = real_syncfs(fd);
    if (rc == 0 && watching()) {
        std::lock_guard lock(mutex());
        Inside in;
        const std::string root = rootOf(pathOfFd(fd));
        if (!root.empty())
            snapshot(root); // each root is a file system of its own
    }
    return rc;
}

#define PATH_OPERATION(dirfd, path)                                                                                    \
    do {                                                                                                               \
        if (watching()) {                                                                                              \
            std::lock_guard lock(mutex());                                                                             \
            Inside in;                                                                                                 \
            operation(absolute(dirfd, path));                                                                          \
        }                                                                                                              \
    } while (0)

int rename(const char* from, const char* to)
{
    REAL(rename);
    PATH_OPERATION(AT_FDCWD, to);
    return real_rename(from, to);
}
int renameat(int fromDir, const char* from, int toDir, const char* to)
{
    REAL(renameat);
    PATH_OPERATION(toDir, to);
    return real_renameat(fromDir, from, toDir, to);
}
int renameat2(int fromDir, const char* from, int toDir, const char* to, unsigned int flags)
{
    REAL(renameat2);
    PATH_OPERATION(toDir, to);
    return real_renameat2(fromDir, from, toDir, to, flags);
}
int link(const char* from, const char* to)
{
    REAL(link);
    PATH_OPERATION(AT_FDCWD, to);
    return real_link(from, to);
}
int linkat(int fromDir, const char* from, int toDir, const char* to, int flags)
{
    REAL(linkat);
    PATH_OPERATION(toDir, to);
    return real_linkat(fromDir, from, toDir, to, flags);
}
int unlink(const char* path)
{
    REAL(unlink);
    PATH_OPERATION(AT_FDCWD, path);
    return real_unlink(path);
}
int unlinkat(int dirfd, const char* path, int flags)
{
    REAL(unlinkat);
    PATH_OPERATION(dirfd, path);
    return real_unlinkat(dirfd, path, flags);
}
int mkdir(const char* path, mode_t mode)
{
    REAL(mkdir);
    PATH_OPERATION(AT_FDCWD, path);
    return real_mkdir(path, mode);
}
int mkdirat(int dirfd, const char* path, mode_t mode)
{
    REAL(mkdirat);
    PATH_OPERATION(dirfd, path);
    return real_mkdirat(dirfd, path, mode);
}
int rmdir(const char* path)
{
    REAL(rmdir);
    PATH_OPERATION(AT_FDCWD, path);
    return real_rmdir(path);
}

} // extern "C"
