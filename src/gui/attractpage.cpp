#include "attractpage.h"

#include "ui_attractpage.h"

#include <QLabel>
#include <QMouseEvent>
#include <QTextDocument>
#include <QTimer>

namespace kiosk {

AttractPage::AttractPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AttractPage>())
{
    m_ui->setupUi(this);
    m_cycle = new QTimer(this);
    m_cycle->setInterval(7000);
    connect(m_cycle, &QTimer::timeout, this, &AttractPage::showNextTeaser);
    connect(m_ui->startButton, &QPushButton::clicked, this, &AttractPage::startRequested);
}

AttractPage::~AttractPage() = default;

LanguageBar* AttractPage::languageBar() const
{
    return m_ui->languageBar;
}

void AttractPage::setTexts(const CampaignTexts& texts, const QList<CampaignPage>& pages)
{
    m_ui->titleLabel->setText(texts.title);
    m_ui->callToActionLabel->setText(texts.callToAction);
    m_pages = pages;
    m_teaser = -1;
    showNextTeaser();
}

void AttractPage::showNextTeaser()
{
    if (m_pages.isEmpty()) {
        m_ui->teaserLabel->clear();
        return;
    }
    m_teaser = (m_teaser + 1) % int(m_pages.size());
    const CampaignPage& page = m_pages.at(m_teaser);
    m_ui->teaserLabel->setText(
        QStringLiteral("<b>%1</b><br>%2").arg(plainText(page.title).toHtmlEscaped(), teaserText(page).toHtmlEscaped()));
}

QString AttractPage::plainText(const QString& markdown)
{
    // Rendered as Qt renders the pages, then read back as plain text: emphasis, links, code, headings and inline HTML
    // lose their marks; an inline image (an object in the text) is dropped.
    QTextDocument doc;
    doc.setMarkdown(markdown);
    QString text = doc.toPlainText();
    text.remove(QChar::ObjectReplacementCharacter);
    return text.simplified();
}

QString AttractPage::teaserText(const CampaignPage& page)
{
    QString teaser = plainText(page.teaser());
    if (teaser.size() > 260) {
        const qsizetype space = teaser.lastIndexOf(QLatin1Char(' '), 250);
        teaser = teaser.left(space > 0 ? space : 250) + QStringLiteral(" …");
    }
    return teaser;
}

void AttractPage::setBatteryLow(bool low)
{
    if (!m_batteryDot && !low)
        return;
    if (!m_batteryDot) {
        m_batteryDot = new QLabel(this);
        m_batteryDot->setObjectName(QStringLiteral("batteryDot"));
        m_batteryDot->setFixedSize(14, 14);
        m_batteryDot->setProperty("role", QStringLiteral("batteryDot"));
        m_batteryDot->setAccessibleName(tr("Battery low"));
        m_batteryDot->setToolTip(tr("Battery low"));
    }
    m_batteryDot->move(width() - m_batteryDot->width() - 8, 8);
    m_batteryDot->setVisible(low);
    m_batteryDot->raise();
}

bool AttractPage::batteryLowShown() const
{
    return m_batteryDot && m_batteryDot->isVisible();
}

void AttractPage::setCounts(qint64 today, qint64 total)
{
    m_today = today;
    m_total = total;
    const QString todayText
        = today == 1 ? tr("1 person signed here today") : tr("%1 people signed here today").arg(today);
    m_ui->countLabel->setText(tr("%1 · %2 in total").arg(todayText).arg(total));
}

void AttractPage::setNotice(const QString& text)
{
    m_ui->noticeLabel->setText(text);
    m_ui->noticeLabel->setVisible(!text.isEmpty());
}

void AttractPage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_batteryDot)
        m_batteryDot->move(width() - m_batteryDot->width() - 8, 8);
}

void AttractPage::mouseReleaseEvent(QMouseEvent* event)
{
    // Anywhere that is not a button of its own (those handle their own taps).
    if (event->button() == Qt::LeftButton)
        emit startRequested();
}

void AttractPage::showEvent(QShowEvent* event)
{
    m_cycle->start();
    QWidget::showEvent(event);
}

void AttractPage::hideEvent(QHideEvent* event)
{
    m_cycle->stop();
    QWidget::hideEvent(event);
}

void AttractPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        setCounts(m_today, m_total);
    }
    QWidget::changeEvent(event);
}

} // namespace kiosk
