#include "qrcode.h"

#include <QPainter>

#include <qrencode.h>

#include <memory>

namespace kiosk {

QImage qrCodeImage(const QByteArray& text, int moduleSize)
{
    if (text.isEmpty() || moduleSize < 1)
        return {};
    const std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeString8bit(text.constData(), 0, QR_ECLEVEL_M), QRcode_free);
    if (!code)
        return {};
    constexpr int QuietZone = 4;
    const int modules = code->width + 2 * QuietZone;
    QImage image(modules * moduleSize, modules * moduleSize, QImage::Format_Grayscale8);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1)
                painter.fillRect(
                    (x + QuietZone) * moduleSize, (y + QuietZone) * moduleSize, moduleSize, moduleSize, Qt::black);
    return image;
}

} // namespace kiosk
