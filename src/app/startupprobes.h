#pragma once

// Probes for the benchmarks and the packaging tests, hidden from --help: they watch the kiosk start and end the
// application once it has reached a given point.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QWidget;

namespace kiosk {

// For petition-bench startup and the tests: quit once the first screen has been painted (the first paint of
// any widget; a page covered by opaque children never gets one of its own).
class QuitAfterFirstPaint final : public QObject
{
public:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool m_quitting = false;
};

// For the packaging tests (tests/packaging): wait until the kiosk window fills its screen, as a kiosk session must
// show it, then print what was reached and quit. Exit status 0 when it did within the time, 3 when it did not.
class SmokeTest final : public QObject
{
public:
    SmokeTest(QWidget& window, bool expectFullScreen);
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool reached() const;
    void finish();

    QWidget& m_window;
    const bool m_expectFullScreen;
    bool m_painted = false;
    QTimer m_poll;
    QElapsedTimer m_elapsed;
};

} // namespace kiosk
