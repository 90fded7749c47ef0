#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class PausedPage;
}

namespace kiosk {

// "Back soon": shown instead of the attract screen while a volunteer has paused the kiosk.
class PausedPage final : public QWidget
{
    Q_OBJECT
public:
    explicit PausedPage(QWidget* parent = nullptr);
    ~PausedPage() override;

protected:
    void changeEvent(QEvent* event) override;

private:
    std::unique_ptr<Ui::PausedPage> m_ui;
};

} // namespace kiosk
