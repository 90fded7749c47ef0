#pragma once

#include <QObject>

class QTimer;
class QWidget;

namespace kiosk {

// The kiosk window's application-wide event filter:
// - lock-down (kiosk mode only): Escape, F11, Alt+F4, Ctrl+Q, Ctrl+W and context menus never reach the window;
// - the corner gesture: holding the top-left TouchMetrics::GestureCorner square for holdMs emits cornerHeld(), and
//   the lifting finger is swallowed so that it does not tap whatever is beneath;
// - Enter and Return activate the focused button, as Space does;
// - every touch, click, wheel and key counts as activity().
class LockDownFilter final : public QObject
{
    Q_OBJECT
public:
    LockDownFilter(QWidget& window, bool kioskMode, int holdMs);
    ~LockDownFilter() override;

    bool eventFilter(QObject* watched, QEvent* event) override;

signals:
    void activity();
    void cornerHeld();

private:
    bool swallowedByLockDown(QObject* watched, QEvent* event) const;
    bool trackCornerGesture(QEvent* event);
    bool isOurs(QObject* watched) const;

    QWidget& m_window;
    const bool m_kioskMode;
    const int m_holdMs;
    QTimer* m_hold = nullptr;
    bool m_fired = false;
};

} // namespace kiosk
