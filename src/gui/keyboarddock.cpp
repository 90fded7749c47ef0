#include "keyboarddock.h"

#include <QApplication>
#include <QLayout>
#include <QLineEdit>
#include <QScrollArea>
#include <QTimer>

namespace kiosk {

KeyboardDock::KeyboardDock(
    QWidget* page, QScrollArea* scroll, OnScreenKeyboard* keyboard, KioskSettings::Keyboard setting)
    : QObject(page)
    , m_page(page)
    , m_scroll(scroll)
    , m_keyboard(keyboard)
    , m_setting(setting)
{
    m_keyboard->hide();
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) { focusChanged(now); });
    connect(m_keyboard, &OnScreenKeyboard::nextRequested, this, [this]() {
        if (QWidget* f = QApplication::focusWidget(); f && m_page->isAncestorOf(f))
            f->nextInFocusChain()->setFocus(Qt::TabFocusReason);
    });
    connect(m_keyboard, &OnScreenKeyboard::hideRequested, this, [this]() {
        m_keyboard->hide();
        if (QWidget* f = QApplication::focusWidget())
            f->clearFocus();
    });
}

KeyboardDock::~KeyboardDock()
{
    disconnect(qApp, nullptr, this, nullptr);
}

void KeyboardDock::addField(QLineEdit* field, OnScreenKeyboard::Mode mode)
{
    m_fields.insert(field, mode);
    field->setContextMenuPolicy(Qt::NoContextMenu);
}

void KeyboardDock::focusChanged(QWidget* now)
{
    if (!now || !m_page->isAncestorOf(now))
        return;
    if (!m_fields.contains(now) || m_setting == KioskSettings::Keyboard::System) {
        m_keyboard->hide();
        return;
    }
    m_keyboard->setMode(m_fields.value(now));
    m_keyboard->show();
    QTimer::singleShot(0, this, [this, field = QPointer<QWidget>(now)]() {
        if (!field || !field->isVisible())
            return;
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        m_page->layout()->activate();
        m_scroll->ensureWidgetVisible(field, 0, 80);
    });
}

} // namespace kiosk
