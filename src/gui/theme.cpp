#include "theme.h"

#include <QFile>
#include <QWidget>

namespace kiosk {

void applyTheme(QWidget* window, KioskSettings::Theme theme)
{
    QFile base(QStringLiteral(":/styles/kiosk.qss"));
    QFile colours(theme == KioskSettings::Theme::HighContrast ? QStringLiteral(":/styles/high-contrast.qss")
                                                              : QStringLiteral(":/styles/standard.qss"));
    QByteArray sheet;
    if (base.open(QIODevice::ReadOnly))
        sheet += base.readAll();
    if (colours.open(QIODevice::ReadOnly))
        sheet += '\n' + colours.readAll();
    window->setStyleSheet(QString::fromUtf8(sheet));
    window->setProperty("theme", KioskSettings::themeName(theme));
}

} // namespace kiosk
