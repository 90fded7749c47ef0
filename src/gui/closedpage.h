#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class ClosedPage;
}

namespace kiosk {

// "The stall is closed": what the kiosk shows when it starts, until a volunteer opens the stall with the PIN (which
// unlocks the duplicate key; see AdminPin). Nobody can sign before that.
class ClosedPage final : public QWidget
{
    Q_OBJECT
public:
    explicit ClosedPage(QWidget* parent = nullptr);
    ~ClosedPage() override;

    // A test kiosk says so here, for the volunteer: "UNSEALED – test only".
    void setUnsealed(bool unsealed);

signals:
    void openRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    std::unique_ptr<Ui::ClosedPage> m_ui;
    bool m_unsealed = false;
};

} // namespace kiosk
