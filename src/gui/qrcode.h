#pragma once

#include <QByteArray>
#include <QImage>

namespace kiosk {

// A QR code (libqrencode, error correction M) as a black-on-white image with the four-module quiet zone, each module
// `moduleSize` pixels square. Null if the text does not fit in a QR code.
QImage qrCodeImage(const QByteArray& text, int moduleSize);

} // namespace kiosk
