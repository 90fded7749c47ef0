#include "closedpage.h"

#include "touchmetrics.h"
#include "ui_closedpage.h"

namespace kiosk {

ClosedPage::ClosedPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ClosedPage>())
{
    m_ui->setupUi(this);
    m_ui->openButton->setMinimumSize(TouchMetrics::PinKey.width() * 3, TouchMetrics::PinKey.height());
    connect(m_ui->openButton, &QPushButton::clicked, this, &ClosedPage::openRequested);
    retranslate();
}

ClosedPage::~ClosedPage() = default;

void ClosedPage::setUnsealed(bool unsealed)
{
    m_unsealed = unsealed;
    retranslate();
}

void ClosedPage::retranslate()
{
    m_ui->sealingLabel->setText(m_unsealed
            ? tr("UNSEALED – test only. Names on this kiosk are not protected: do not collect real signatures.")
            : QString());
    m_ui->sealingLabel->setVisible(m_unsealed);
}

void ClosedPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace kiosk
