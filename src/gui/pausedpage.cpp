#include "pausedpage.h"

#include "ui_pausedpage.h"

namespace kiosk {

PausedPage::PausedPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PausedPage>())
{
    m_ui->setupUi(this);
}

PausedPage::~PausedPage() = default;

void PausedPage::setReason(Reason reason)
{
    m_reason = reason;
    render();
}

void PausedPage::render()
{
    m_ui->retranslateUi(this);
    if (m_reason == Reason::BatteryEmpty) {
        m_ui->backSoonLabel->setText(tr("Battery almost empty – please plug in"));
        m_ui->pausedDetailLabel->setText(
            tr("Every signature so far is saved. Signing starts again once the kiosk is charging."));
    } else if (m_reason == Reason::DiskFull) {
        m_ui->pausedDetailLabel->setText(
            tr("This kiosk is not taking signatures at the moment: its disk is almost full. "
               "A volunteer will be back shortly."));
    }
}

void PausedPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        render();
    QWidget::changeEvent(event);
}

} // namespace kiosk
