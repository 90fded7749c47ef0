#include "readingview.h"

#include <QFileInfo>
#include <QUrl>

namespace kiosk {

ReadingView::ReadingView(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
}

void ReadingView::setCampaignFolder(const QString& folder)
{
    m_folder = folder.isEmpty() ? QString() : QFileInfo(folder).canonicalFilePath();
}

QVariant ReadingView::loadResource(int type, const QUrl& name)
{
    if (name.scheme() == QLatin1String("qrc") && name.path().startsWith(QLatin1String("/campaign/")))
        return QTextBrowser::loadResource(type, name);
    if (name.isLocalFile() && !m_folder.isEmpty()) {
        const QString path = QFileInfo(name.toLocalFile()).canonicalFilePath();
        if (!path.isEmpty() && path.startsWith(m_folder + QLatin1Char('/')) && QFileInfo(path).isFile())
            return QTextBrowser::loadResource(type, name);
    }
    return {}; // anything else: /etc/passwd, a batch folder, a device, the network
}

} // namespace kiosk
