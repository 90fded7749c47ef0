#pragma once

#include <QString>

namespace kiosk {

// Keeps the screen from blanking while the kiosk runs, through the freedesktop.org ScreenSaver D-Bus interface
// (Inhibit / UnInhibit) where a session bus offers it. Elsewhere it does nothing and says so once in the log.
class ScreenSaverInhibitor final
{
public:
    explicit ScreenSaverInhibitor(const QString& reason);
    ~ScreenSaverInhibitor();
    bool active() const { return m_cookie != 0; }

private:
    unsigned m_cookie = 0;
};

} // namespace kiosk
