#pragma once

#include <QSize>

namespace kiosk {

// Sizes and times for fingers on a street-stall touchscreen, named once. The layout tests check every visible
// button against MinTarget.
namespace TouchMetrics {
// The smallest target a finger hits reliably (WCAG 2.5.5 asks for 44 px; gloves and cold hands want more).
inline constexpr int MinTarget = 48;
// A key of the on-screen keyboard.
inline constexpr QSize KeyboardKey { MinTarget, 56 };
// A key of the volunteers' PIN pad: large, because it is used standing, often in a hurry.
inline constexpr QSize PinKey { 96, 72 };
// Holding a keyboard key this long offers its accented letters.
inline constexpr int LongPressMs = 500;
// The top-left square that opens the PIN pad when held (KioskWindow::Options::gestureHoldMs).
inline constexpr int GestureCorner = 96;
} // namespace TouchMetrics

} // namespace kiosk
