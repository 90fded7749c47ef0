#include "lockdownfilter.h"

#include "touchmetrics.h"

#include <QAbstractButton>
#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QTimer>
#include <QWidget>

namespace kiosk {

LockDownFilter::LockDownFilter(QWidget& window, bool kioskMode, int holdMs)
    : QObject(&window)
    , m_window(window)
    , m_kioskMode(kioskMode)
    , m_holdMs(holdMs)
{
    m_hold = new QTimer(this);
    m_hold->setSingleShot(true);
    connect(m_hold, &QTimer::timeout, this, [this]() {
        m_fired = true;
        emit cornerHeld();
    });
    qApp->installEventFilter(this);
}

LockDownFilter::~LockDownFilter()
{
    qApp->removeEventFilter(this);
}

bool LockDownFilter::isOurs(QObject* watched) const
{
    auto* widget = qobject_cast<QWidget*>(watched);
    return widget && (widget == &m_window || m_window.isAncestorOf(widget) || widget->window() == &m_window);
}

bool LockDownFilter::swallowedByLockDown(QObject* watched, QEvent* event) const
{
    if (!m_kioskMode || !isOurs(watched))
        return false;
    if (event->type() == QEvent::ContextMenu)
        return true;
    if (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const Qt::KeyboardModifiers mods = key->modifiers();
        const int k = key->key();
        return k == Qt::Key_Escape || k == Qt::Key_F11 || (k == Qt::Key_F4 && (mods & Qt::AltModifier))
            || ((mods & Qt::ControlModifier) && (k == Qt::Key_Q || k == Qt::Key_W));
    }
    return false;
}

bool LockDownFilter::trackCornerGesture(QEvent* event)
{
    QPointF global;
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::MouseButtonRelease:
        global = static_cast<QMouseEvent*>(event)->globalPosition();
        break;
    default:
        return false;
    }
    const QPoint local = m_window.mapFromGlobal(global.toPoint());
    const bool inCorner = QRect(0, 0, TouchMetrics::GestureCorner, TouchMetrics::GestureCorner).contains(local);
    if (event->type() == QEvent::MouseButtonPress) {
        m_fired = false;
        if (inCorner && m_window.isActiveWindow())
            m_hold->start(m_holdMs);
    } else if (event->type() == QEvent::MouseMove) {
        if (!inCorner)
            m_hold->stop();
    } else {
        m_hold->stop();
        if (m_fired) {
            // The finger that opened the PIN pad lifts: that is not a tap on the screen beneath.
            m_fired = false;
            return true;
        }
    }
    return false;
}

bool LockDownFilter::eventFilter(QObject* watched, QEvent* event)
{
    if (swallowedByLockDown(watched, event))
        return true;
    if (watched->isWidgetType() && static_cast<QWidget*>(watched)->window() == &m_window && trackCornerGesture(event))
        return true;
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::TabletPress:
    case QEvent::Wheel:
        emit activity();
        break;
    case QEvent::KeyPress: {
        emit activity();
        // Enter activates the focused button, as Space does.
        const auto* key = static_cast<QKeyEvent*>(event);
        auto* button = qobject_cast<QAbstractButton*>(watched);
        if (button && m_window.isAncestorOf(button) && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            button->animateClick();
            return true;
        }
        break;
    }
    default:
        break;
    }
    return false;
}

} // namespace kiosk
