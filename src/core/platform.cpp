#include "platform.h"

#include <QDir>
#include <QFile>
#include <QStorageInfo>
#include <QStringList>
#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#endif

namespace kiosk::platform {

void restrictNewFilesToOwner()
{
#ifdef Q_OS_UNIX
    umask(0077);
#endif
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

} // namespace kiosk::platform
