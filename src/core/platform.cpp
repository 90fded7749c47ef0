#include "platform.h"

#include <QDir>
#include <QFile>
#include <QStorageInfo>
#include <QStringList>
#include <QtGlobal>

#include <vector>

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <csignal>
#include <fcntl.h>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace kiosk::platform {

void restrictNewFilesToOwner()
{
#ifdef Q_OS_UNIX
    umask(0077);
#endif
}

bool disableCoreDumps()
{
    bool ok = true;
#ifdef Q_OS_UNIX
    const rlimit none { 0, 0 };
    ok = setrlimit(RLIMIT_CORE, &none) == 0;
#endif
#ifdef Q_OS_LINUX
    ok = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && ok;
#endif
    return ok;
}

QStringList removableDriveRoots()
{
    QStringList roots;
    const QString system = QStorageInfo::root().rootPath();
    for (const QStorageInfo& volume : QStorageInfo::mountedVolumes()) {
        if (!volume.isValid() || !volume.isReady() || volume.isReadOnly() || volume.rootPath() == system)
            continue;
        const QString root = volume.rootPath();
#if defined(Q_OS_WIN)
        roots << root;
#elif defined(Q_OS_MACOS)
        if (root.startsWith(QLatin1String("/Volumes/")))
            roots << root;
#else
        if (root.startsWith(QLatin1String("/media/")) || root.startsWith(QLatin1String("/run/media/"))
            || root.startsWith(QLatin1String("/mnt/")))
            roots << root;
#endif
    }
    return roots;
}

bool syncFilesystem(const QString& path)
{
#if defined(Q_OS_LINUX)
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::syncfs(fd) == 0;
    ::close(fd);
    return ok;
#elif defined(Q_OS_UNIX)
    Q_UNUSED(path)
    ::sync();
    return true;
#else
    Q_UNUSED(path)
    return true; // Windows: files are flushed as they are closed by QSaveFile; see docs/installing.md
#endif
}

bool syncFile(int fd)
{
#if defined(Q_OS_LINUX)
    return ::fdatasync(fd) == 0;
#elif defined(Q_OS_UNIX)
    return ::fsync(fd) == 0;
#else
    Q_UNUSED(fd)
    return true;
#endif
}

bool syncDirectory(const QString& dir)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
#else
    Q_UNUSED(dir)
    return true;
#endif
}

QString userName()
{
#ifdef Q_OS_UNIX
    // getpwuid_r: the account's name as the system knows it, not the USER variable a caller may set.
    struct passwd entry;
    struct passwd* found = nullptr;
    char buffer[4096];
    if (getpwuid_r(geteuid(), &entry, buffer, sizeof buffer, &found) == 0 && found && found->pw_name)
        return QString::fromLocal8Bit(found->pw_name);
    return QString::number(geteuid());
#else
    return qEnvironmentVariable("USERNAME");
#endif
}

bool stdinIsTerminal()
{
#ifdef Q_OS_UNIX
    return isatty(STDIN_FILENO) == 1;
#else
    return false;
#endif
}

void setStdinEcho(bool on)
{
#ifdef Q_OS_UNIX
    termios t {};
    if (tcgetattr(STDIN_FILENO, &t) != 0)
        return;
    if (on)
        t.c_lflag |= ECHO;
    else
        t.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &t);
#else
    Q_UNUSED(on)
#endif
}

#ifdef Q_OS_UNIX
namespace {
int g_signalPipe[2] = { -1, -1 };

// Runs in the signal handler: only async-signal-safe calls. The signal's number goes through the pipe.
void writeSignal(int signal)
{
    const unsigned char number = static_cast<unsigned char>(signal);
    const ssize_t written = ::write(g_signalPipe[1], &number, 1);
    (void)written;
}
} // namespace
#endif

bool onTerminationSignal(QObject* owner, std::function<void(int)> handler)
{
#ifdef Q_OS_UNIX
    if (g_signalPipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return false;
    ::fcntl(g_signalPipe[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(g_signalPipe[1], F_SETFD, FD_CLOEXEC);
    auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, owner);
    QObject::connect(notifier, &QSocketNotifier::activated, owner, [handler = std::move(handler)]() {
        unsigned char number = 0;
        if (::read(g_signalPipe[0], &number, 1) == 1)
            handler(number);
    });
    struct sigaction action
    {
    };
    action.sa_handler = writeSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signal : { SIGTERM, SIGINT, SIGHUP }) {
        if (::sigaction(signal, &action, nullptr) != 0)
            return false;
    }
    return true;
#else
    Q_UNUSED(owner);
    Q_UNUSED(handler);
    return false;
#endif
}

std::optional<ChildRun> runMeasured(const QString& program, const QStringList& arguments)
{
#ifdef Q_OS_UNIX
    QList<QByteArray> args { QFile::encodeName(program) };
    for (const QString& a : arguments)
        args << a.toLocal8Bit();
    std::vector<char*> argv;
    for (QByteArray& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child < 0)
        return std::nullopt;
    if (child == 0) {
        const int devNull = ::open("/dev/null", O_WRONLY);
        if (devNull >= 0)
            ::dup2(devNull, STDOUT_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    struct rusage usage
    {
    };
    if (::wait4(child, &status, 0, &usage) != child)
        return std::nullopt;
    return ChildRun { WIFEXITED(status) ? WEXITSTATUS(status) : -1, qint64(usage.ru_maxrss) };
#else
    Q_UNUSED(program);
    Q_UNUSED(arguments);
    return std::nullopt;
#endif
}

} // namespace kiosk::platform
