#include "pinpad.h"

#include "touchmetrics.h"

#include "admin/adminpin.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace kiosk {

namespace {
// A key of the pad: a large target that never takes the focus (the pad types into its own dots, not a field).
QPushButton* makeKey(QWidget* parent, const QString& objectName, const QString& role, const QString& text)
{
    auto* key = new QPushButton(text, parent);
    key->setObjectName(objectName);
    key->setProperty("role", role);
    key->setFocusPolicy(Qt::NoFocus);
    key->setMinimumSize(TouchMetrics::PinKey);
    return key;
}
} // namespace

PinPad::PinPad(QWidget* parent)
    : DimmingOverlay(parent, new QWidget, 190)
{
    setObjectName(QStringLiteral("pinPad"));
    setFocusPolicy(Qt::StrongFocus);
    QWidget* card = this->card();
    card->setObjectName(QStringLiteral("pinCard"));
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(40, 28, 40, 28);
    layout->setSpacing(14);
    m_title = new QLabel(card);
    m_title->setProperty("role", QStringLiteral("heading"));
    m_title->setAlignment(Qt::AlignCenter);
    m_dots = new QLabel(card);
    m_dots->setObjectName(QStringLiteral("pinDots"));
    m_dots->setProperty("role", QStringLiteral("lead"));
    m_dots->setAlignment(Qt::AlignCenter);
    m_dots->setMinimumHeight(TouchMetrics::MinTarget);
    m_message = new QLabel(card);
    m_message->setObjectName(QStringLiteral("pinMessage"));
    m_message->setProperty("role", QStringLiteral("error"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_dots);
    layout->addWidget(m_message);

    auto* grid = new QGridLayout;
    grid->setSpacing(10);
    const QString order = QStringLiteral("123456789");
    for (int i = 0; i < 10; ++i) {
        const QChar digit = i < 9 ? order.at(i) : QLatin1Char('0');
        auto* key = makeKey(card, QStringLiteral("pin_") + digit, QStringLiteral("key"), QString(digit));
        key->setAccessibleName(QString(digit));
        connect(key, &QPushButton::clicked, this, [this, digit]() { press(digit); });
        grid->addWidget(key, i < 9 ? i / 3 : 3, i < 9 ? i % 3 : 1);
        m_keys.append(key);
    }
    m_back = makeKey(card, QStringLiteral("pinBackspace"), QStringLiteral("key"), QStringLiteral("⌫"));
    connect(m_back, &QPushButton::clicked, this, &PinPad::backspace);
    grid->addWidget(m_back, 3, 0);
    m_ok = makeKey(card, QStringLiteral("pinOk"), QStringLiteral("keyAccent"), {});
    connect(m_ok, &QPushButton::clicked, this, &PinPad::submit);
    grid->addWidget(m_ok, 3, 2);
    layout->addLayout(grid);
    m_cancel = new QPushButton(card);
    m_cancel->setObjectName(QStringLiteral("pinCancel"));
    m_cancel->setFocusPolicy(Qt::NoFocus);
    connect(m_cancel, &QPushButton::clicked, this, [this]() {
        close();
        emit cancelled();
    });
    layout->addWidget(m_cancel);

    m_lockTimer = new QTimer(this);
    m_lockTimer->setInterval(1000);
    connect(m_lockTimer, &QTimer::timeout, this, &PinPad::tickLock);
    retranslate();
}

void PinPad::retranslate()
{
    m_title->setText(tr("Volunteer PIN"));
    m_ok->setText(tr("OK"));
    m_ok->setAccessibleName(tr("OK"));
    m_back->setAccessibleName(tr("Delete"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel"));
    m_dots->setAccessibleName(tr("PIN entered"));
}

void PinPad::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PinPad::open()
{
    m_pin.clear();
    m_message->clear();
    updateDots();
    cover();
    setFocus(Qt::OtherFocusReason);
    // A lock from earlier still shows.
    if (m_lockedUntil.isValid() && m_lockedUntil > QDateTime::currentDateTimeUtc())
        showLockedUntil(m_lockedUntil);
    else
        setKeysEnabled(true);
}

void PinPad::close()
{
    m_pin.clear();
    updateDots();
    hide();
}

void PinPad::press(QChar digit)
{
    if (m_pin.size() < AdminPin::MaxDigits)
        m_pin.append(digit);
    updateDots();
}

void PinPad::backspace()
{
    m_pin.chop(1);
    updateDots();
}

void PinPad::submit()
{
    if (m_pin.isEmpty())
        return;
    const QString pin = m_pin;
    m_pin.clear();
    updateDots();
    emit submitted(pin);
}

void PinPad::updateDots()
{
    m_dots->setText(QString(m_pin.size(), QChar(0x25CF)));
}

void PinPad::showWrong(int triesLeft)
{
    m_message->setText(
        triesLeft > 0 ? tr("Wrong PIN. %1 more tries before the pad locks.").arg(triesLeft) : tr("Wrong PIN."));
}

void PinPad::showMessage(const QString& text)
{
    m_message->setText(text);
}

void PinPad::showLockedUntil(const QDateTime& until)
{
    m_lockedUntil = until;
    setKeysEnabled(false);
    tickLock();
    m_lockTimer->start();
}

void PinPad::tickLock()
{
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_lockedUntil);
    if (left <= 0) {
        m_lockTimer->stop();
        setKeysEnabled(true);
        m_message->setText(tr("You can try again now."));
        return;
    }
    m_message->setText(tr("Too many wrong tries. The pad is locked for %1 more seconds.").arg(left));
}

void PinPad::setKeysEnabled(bool enabled)
{
    for (QPushButton* key : std::as_const(m_keys))
        key->setEnabled(enabled);
    m_ok->setEnabled(enabled);
    m_back->setEnabled(enabled);
}

void PinPad::keyPressEvent(QKeyEvent* event)
{
    const QString text = event->text();
    if (text.size() == 1 && text.at(0).isDigit() && m_ok->isEnabled())
        press(text.at(0));
    else if (event->key() == Qt::Key_Backspace)
        backspace();
    else if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && m_ok->isEnabled())
        submit();
    else
        QWidget::keyPressEvent(event);
}

} // namespace kiosk
