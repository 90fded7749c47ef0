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

void PausedPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        m_ui->retranslateUi(this);
    QWidget::changeEvent(event);
}

} // namespace kiosk
