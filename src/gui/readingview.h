#pragma once

#include <QTextBrowser>

namespace kiosk {

// The text view for campaign pages, the petition and the privacy notice. Whatever the Markdown holds, it loads
// images only from the campaign's own files (the loader has already rewritten them to absolute paths inside the
// folder, or to the built-in campaign's resources) and never opens a link.
class ReadingView final : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ReadingView(QWidget* parent = nullptr);

    // Images from inside this folder (canonical path) may be shown; empty: only the built-in campaign's.
    void setCampaignFolder(const QString& folder);

    QVariant loadResource(int type, const QUrl& name) override;

private:
    QString m_folder;
};

} // namespace kiosk
