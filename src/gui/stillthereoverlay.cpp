#include "stillthereoverlay.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace kiosk {

StillThereOverlay::StillThereOverlay(QWidget* parent)
    : DimmingOverlay(parent, new QWidget, 170)
{
    setObjectName(QStringLiteral("stillThereOverlay"));
    QWidget* card = this->card();
    card->setObjectName(QStringLiteral("stillThereCard"));
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(48, 40, 48, 40);
    layout->setSpacing(24);
    m_title = new QLabel(card);
    m_title->setObjectName(QStringLiteral("stillThereTitle"));
    m_title->setProperty("role", QStringLiteral("headline"));
    m_title->setAlignment(Qt::AlignCenter);
    m_countdown = new QLabel(card);
    m_countdown->setObjectName(QStringLiteral("stillThereCountdown"));
    m_countdown->setProperty("role", QStringLiteral("lead"));
    m_countdown->setAlignment(Qt::AlignCenter);
    m_countdown->setWordWrap(true);
    m_continue = new QPushButton(card);
    m_continue->setObjectName(QStringLiteral("continueButton"));
    m_continue->setProperty("role", QStringLiteral("primary"));
    layout->addWidget(m_title);
    layout->addWidget(m_countdown);
    layout->addWidget(m_continue);
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &StillThereOverlay::tick);
    connect(m_continue, &QPushButton::clicked, this, [this]() {
        cancel();
        emit continued();
    });
    retranslate();
}

void StillThereOverlay::start(int seconds)
{
    m_left = seconds;
    retranslate();
    cover();
    m_continue->setFocus(Qt::OtherFocusReason);
    m_timer->start();
}

void StillThereOverlay::cancel()
{
    m_timer->stop();
    hide();
}

void StillThereOverlay::tick()
{
    if (--m_left <= 0) {
        cancel();
        emit expired();
        return;
    }
    retranslate();
}

void StillThereOverlay::retranslate()
{
    m_title->setText(tr("Still there?"));
    m_countdown->setText(m_left == 1 ? tr("For your privacy, this form will be cleared in 1 second.")
                                     : tr("For your privacy, this form will be cleared in %1 seconds.").arg(m_left));
    m_continue->setText(tr("Continue"));
    m_continue->setAccessibleName(tr("Continue"));
}

void StillThereOverlay::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace kiosk
