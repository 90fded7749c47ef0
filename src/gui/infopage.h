#pragma once

#include "core/campaign.h"

#include <QWidget>

#include <memory>

class QTextBrowser;
namespace Ui {
class InfoPage;
}

namespace kiosk {

class LanguageBar;

// The information pages: Markdown in large type, kinetic scrolling, next/back buttons, page dots and swipes.
// "Sign the petition" is always on screen.
class InfoPage final : public QWidget
{
    Q_OBJECT
public:
    explicit InfoPage(QWidget* parent = nullptr);
    ~InfoPage() override;

    void setPages(const QList<CampaignPage>& pages);
    int current() const { return m_current; }
    int count() const { return int(m_pages.size()); }
    void showPage(int index);
    void reset(); // first page, scrolled to the top
    LanguageBar* languageBar() const;

signals:
    void homeRequested();
    void signRequested();
    void pastLastPage(); // "Next" on the last page: on to the petition

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void next();
    void back();
    std::unique_ptr<Ui::InfoPage> m_ui;
    QList<CampaignPage> m_pages;
    int m_current = 0;
    QPointF m_pressAt;
    bool m_pressed = false;
};

// Large type and kinetic scrolling for a text browser that shows campaign Markdown.
void prepareReadingView(QTextBrowser* browser);
// Shows Markdown with room between paragraphs and lines, for reading at arm's length.
void setReadingMarkdown(QTextBrowser* browser, const QString& markdown);

} // namespace kiosk
