#include "platform.h"

#include <QtGlobal>

#ifdef Q_OS_UNIX
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
