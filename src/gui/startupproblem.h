#pragma once

#include <QWidget>

class QPushButton;

namespace kiosk {

// Shown instead of the kiosk when it cannot start: the problem in words a volunteer can act on, a Close button,
// and, for a damaged database, an offer to start a fresh one beside it (the damaged one is kept for recovery).
class StartupProblem final : public QWidget
{
    Q_OBJECT
public:
    explicit StartupProblem(const QString& message, bool offerFreshDatabase, QWidget* parent = nullptr);

signals:
    void closeRequested();
    void freshDatabaseRequested();
};

} // namespace kiosk
