#pragma once

#include <QStringList>

class QTextStream;

namespace kiosk::hub {

// petition-hub's command line, in-process for the tests: `arguments` as main() gets them. Exit codes as
// petition-kiosk-admin's: 0 success, 1 failure (one line on stderr saying what and what to do), 2 usage.
int runHubCommand(const QStringList& arguments, QTextStream& in, QTextStream& out, QTextStream& err);

// The default database: hub.sqlite in the coordinator's data folder.
QString defaultDatabase();

} // namespace kiosk::hub
