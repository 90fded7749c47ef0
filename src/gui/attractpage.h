#pragma once

#include "core/campaign.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTimer;
namespace Ui {
class AttractPage;
}

namespace kiosk {

class LanguageBar;

// The screen a passer-by sees first: the campaign's headline, the live count, teasers of the information pages
// cycling slowly, the language choice, and "Tap anywhere to start".
class AttractPage final : public QWidget
{
    Q_OBJECT
public:
    explicit AttractPage(QWidget* parent = nullptr);
    ~AttractPage() override;

    void setTexts(const CampaignTexts& texts, const QList<CampaignPage>& pages);
    void setCounts(qint64 today, qint64 total);
    // A note for the volunteer (for example, why a campaign folder was not used). Empty hides it.
    void setNotice(const QString& text);
    // A small dot in the top-right corner for the volunteer: the battery is low. Signers need not read it.
    void setBatteryLow(bool low);
    bool batteryLowShown() const;
    LanguageBar* languageBar() const;
    int teaserIndex() const { return m_teaser; }
    void showNextTeaser();
    // What the screen shows of a page: its teaser (the first paragraph) as plain text, never Markdown's marks, at most
    // about 260 characters; and a line of Markdown (a title) as plain text.
    static QString teaserText(const CampaignPage& page);
    static QString plainText(const QString& markdown);

signals:
    void startRequested();

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    std::unique_ptr<Ui::AttractPage> m_ui;
    QTimer* m_cycle = nullptr;
    QLabel* m_batteryDot = nullptr;
    QList<CampaignPage> m_pages;
    int m_teaser = 0;
    qint64 m_today = 0;
    qint64 m_total = 0;
};

} // namespace kiosk
