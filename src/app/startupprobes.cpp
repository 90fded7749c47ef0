#include "startupprobes.h"

#include <QCoreApplication>
#include <QEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

#include <cstdio>

namespace kiosk {

bool QuitAfterFirstPaint::eventFilter(QObject*, QEvent* event)
{
    if (event->type() == QEvent::Paint && !m_quitting) {
        m_quitting = true;
        // exit(), not quit(): in Qt 6 quit() asks every window to close, and a kiosk window refuses.
        QTimer::singleShot(0, qApp, []() { QCoreApplication::exit(0); });
    }
    return false;
}

SmokeTest::SmokeTest(QWidget& window, bool expectFullScreen)
    : m_window(window)
    , m_expectFullScreen(expectFullScreen)
{
    qApp->installEventFilter(this);
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, [this]() {
        if (reached() || m_elapsed.hasExpired(15000))
            finish();
    });
    m_elapsed.start();
    m_poll.start();
}

bool SmokeTest::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint && watched->isWidgetType()
        && static_cast<QWidget*>(watched)->window() == &m_window)
        m_painted = true;
    return false;
}

bool SmokeTest::reached() const
{
    const QScreen* screen = m_window.screen();
    if (!m_painted || !m_window.isVisible() || !screen)
        return false;
    // Full screen, or maximised to the whole screen: cage gives every window the whole output that way.
    const bool filling
        = (m_window.windowState() & (Qt::WindowFullScreen | Qt::WindowMaximized)) && m_window.size() == screen->size();
    return !m_expectFullScreen || filling;
}

void SmokeTest::finish()
{
    m_poll.stop();
    const QScreen* screen = m_window.screen();
    const QSize screenSize = screen ? screen->size() : QSize();
    const bool ok = reached();
    const Qt::WindowStates state = m_window.windowState();
    const char* stateName = state & Qt::WindowFullScreen ? "fullscreen"
        : state & Qt::WindowMaximized                    ? "maximized"
                                                         : "normal";
    printf("smoke-test: platform=%s screen=%dx%d window=%dx%d state=%s app-id=%s result=%s\n",
        qPrintable(QGuiApplication::platformName()), screenSize.width(), screenSize.height(), m_window.width(),
        m_window.height(), stateName, qPrintable(QGuiApplication::desktopFileName()), ok ? "ok" : "timeout");
    fflush(stdout);
    QCoreApplication::exit(ok ? 0 : 3);
}

} // namespace kiosk
