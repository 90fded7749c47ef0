#include "startupproblem.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace kiosk {

StartupProblem::StartupProblem(const QString& message, bool offerFreshDatabase, QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("startupProblem"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 48, 48, 48);
    layout->setSpacing(24);
    auto* label = new QLabel(message, this);
    label->setObjectName(QStringLiteral("startupError"));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    QFont font = label->font();
    font.setPixelSize(28);
    label->setFont(font);
    layout->addStretch();
    layout->addWidget(label);
    if (offerFreshDatabase) {
        auto* explain = new QLabel(tr("You can start a new, empty signature database now. The damaged one is kept "
                                      "beside it, unchanged, so that a coordinator can recover its signatures."),
            this);
        explain->setWordWrap(true);
        explain->setAlignment(Qt::AlignCenter);
        QFont small = font;
        small.setPixelSize(22);
        explain->setFont(small);
        layout->addWidget(explain);
        auto* fresh = new QPushButton(tr("Start a new signature database"), this);
        fresh->setObjectName(QStringLiteral("freshDatabaseButton"));
        fresh->setMinimumHeight(72);
        fresh->setFont(font);
        connect(fresh, &QPushButton::clicked, this, &StartupProblem::freshDatabaseRequested);
        layout->addWidget(fresh);
    }
    layout->addStretch();
    auto* close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("closeButton"));
    close->setMinimumHeight(64);
    close->setFont(font);
    connect(close, &QPushButton::clicked, this, &StartupProblem::closeRequested);
    layout->addWidget(close);
}

} // namespace kiosk
