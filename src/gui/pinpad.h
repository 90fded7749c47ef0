#pragma once

#include "dimmingoverlay.h"

#include <QDateTime>

class QLabel;
class QPushButton;
class QTimer;

namespace kiosk {

// The volunteers' PIN pad, over the whole window: large digit keys, the PIN shown as dots, and a message line
// for a wrong PIN or a lockout (with the time left, counting down). Not a modal dialog.
class PinPad final : public DimmingOverlay
{
    Q_OBJECT
public:
    explicit PinPad(QWidget* parent);

    void open();
    void close();
    QString entered() const { return m_pin; }
    void showWrong(int triesLeft);
    void showLockedUntil(const QDateTime& until);
    void showMessage(const QString& text);

signals:
    void submitted(const QString& pin);
    void cancelled();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void press(QChar digit);
    void backspace();
    void submit();
    void updateDots();
    void tickLock();
    void retranslate();
    void setKeysEnabled(bool enabled);

    QString m_pin;
    QLabel* m_title = nullptr;
    QLabel* m_dots = nullptr;
    QLabel* m_message = nullptr;
    QList<QPushButton*> m_keys;
    QPushButton* m_ok = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_back = nullptr;
    QTimer* m_lockTimer = nullptr;
    QDateTime m_lockedUntil;
};

} // namespace kiosk
