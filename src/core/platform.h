#pragma once

namespace kiosk {

// The few calls that differ between systems live here and nowhere else.
namespace platform {

// New files and folders are created owner-only (umask 077 on POSIX; a no-op elsewhere, where the data folder's
// ACL applies).
void restrictNewFilesToOwner();

// Whether standard input is a terminal, and turning its echo off and on (for typing a PIN). No-ops elsewhere.
bool stdinIsTerminal();
void setStdinEcho(bool on);

} // namespace platform
} // namespace kiosk
