#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class PausedPage;
}

namespace kiosk {

// "Back soon": shown instead of the attract screen while a volunteer has paused the kiosk, or while the battery or
// the disk holds signing.
class PausedPage final : public QWidget
{
    Q_OBJECT
public:
    explicit PausedPage(QWidget* parent = nullptr);
    ~PausedPage() override;

    enum class Reason { Volunteer, BatteryEmpty, DiskFull };
    // Why signing is held: the volunteer paused it ("Back soon"), or the battery or the disk is about to end the day.
    void setReason(Reason reason);
    Reason reason() const { return m_reason; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    std::unique_ptr<Ui::PausedPage> m_ui;
    Reason m_reason = Reason::Volunteer;
};

} // namespace kiosk
