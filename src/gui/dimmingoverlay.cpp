#include "dimmingoverlay.h"

#include <QEvent>
#include <QPainter>
#include <QVBoxLayout>

namespace kiosk {

DimmingOverlay::DimmingOverlay(QWidget* parent, QWidget* card, int dim)
    : QWidget(parent)
    , m_card(card)
    , m_dim(dim)
{
    card->setParent(this);
    card->setAttribute(Qt::WA_StyledBackground);
    auto* outer = new QVBoxLayout(this);
    outer->addStretch();
    outer->addWidget(card, 0, Qt::AlignHCenter);
    outer->addStretch();
    parent->installEventFilter(this);
    hide();
}

void DimmingOverlay::cover()
{
    setGeometry(parentWidget()->rect());
    show();
    raise();
}

bool DimmingOverlay::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QWidget::eventFilter(watched, event);
}

void DimmingOverlay::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0, 0, 0, m_dim));
}

} // namespace kiosk
