#pragma once

#include "dimmingoverlay.h"

class QLabel;
class QPushButton;
class QTimer;

namespace kiosk {

// "Still there?" over the whole window, with a countdown and a Continue button. Not a modal dialog: nothing
// blocks the event loop, and tests can drive it like any widget.
class StillThereOverlay final : public DimmingOverlay
{
    Q_OBJECT
public:
    explicit StillThereOverlay(QWidget* parent);

    void start(int seconds);
    void cancel();
    int secondsLeft() const { return m_left; }

signals:
    void continued();
    void expired();

protected:
    void changeEvent(QEvent* event) override;

private:
    void tick();
    void retranslate();
    QLabel* m_title = nullptr;
    QLabel* m_countdown = nullptr;
    QPushButton* m_continue = nullptr;
    QTimer* m_timer = nullptr;
    int m_left = 0;
};

} // namespace kiosk
