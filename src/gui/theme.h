#pragma once

#include "core/kiosksettings.h"

class QWidget;

namespace kiosk {

// The two themes: standard, and high contrast for bright sunlight. Each is a style sheet in resources/styles.
void applyTheme(QWidget* window, KioskSettings::Theme theme);

} // namespace kiosk
