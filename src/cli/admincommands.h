#pragma once

#include <QStringList>

class QTextStream;

namespace kiosk {

// Exit codes of petition-kiosk-admin.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// The coordinators' command line, as a function so that tests can run it in-process as well as through the
// real executable. `arguments` includes the program name, as QCoreApplication::arguments() does; `in` is read by
// set-pin.
int runAdminCommand(const QStringList& arguments, QTextStream& in, QTextStream& out, QTextStream& err);

} // namespace kiosk
