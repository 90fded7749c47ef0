#include "platform.h"

#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace kiosk::platform {

void restrictNewFilesToOwner()
{
#ifdef Q_OS_UNIX
    umask(0077);
#endif
}

} // namespace kiosk::platform
