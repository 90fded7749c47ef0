#pragma once

#include "core/kiosksettings.h"
#include "onscreenkeyboard.h"

#include <QObject>
#include <QPointer>

class QLineEdit;
class QScrollArea;

namespace kiosk {

// Shows a docked OnScreenKeyboard while one of a page's text fields has focus, in the mode set for that field,
// and scrolls the field into view above it. (The sign form has its own, with field groups; this is for the
// set-up and admin screens.)
class KeyboardDock final : public QObject
{
    Q_OBJECT
public:
    KeyboardDock(QWidget* page, QScrollArea* scroll, OnScreenKeyboard* keyboard, KioskSettings::Keyboard setting);
    ~KeyboardDock() override;
    void addField(QLineEdit* field, OnScreenKeyboard::Mode mode);

private:
    void focusChanged(QWidget* now);
    QWidget* m_page;
    QScrollArea* m_scroll;
    OnScreenKeyboard* m_keyboard;
    KioskSettings::Keyboard m_setting;
    QHash<QWidget*, OnScreenKeyboard::Mode> m_fields;
};

} // namespace kiosk
