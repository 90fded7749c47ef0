#include "thankyoupage.h"

#include "ui_thankyoupage.h"

#include "core/personname.h"
#include "qrcode.h"

namespace kiosk {

ThankYouPage::ThankYouPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ThankYouPage>())
{
    m_ui->setupUi(this);
    connect(m_ui->doneButton, &QPushButton::clicked, this, &ThankYouPage::doneRequested);
}

ThankYouPage::~ThankYouPage() = default;

QString ThankYouPage::givenNameOf(const QString& fullName, const QString& language)
{
    return PersonName::givenName(fullName, language);
}

void ThankYouPage::setShareUrl(const QString& url)
{
    const QImage code = qrCodeImage(url.toUtf8(), 6);
    m_ui->shareCode->setPixmap(code.isNull() ? QPixmap() : QPixmap::fromImage(code));
    m_ui->shareCode->setVisible(!code.isNull());
    m_ui->shareLabel->setVisible(!code.isNull());
}

void ThankYouPage::showThanks(const QString& givenName, bool alreadySigned, qint64 today, qint64 total)
{
    m_givenName = givenName;
    m_alreadySigned = alreadySigned;
    m_today = today;
    m_total = total;
    m_shown = true;
    render();
}

void ThankYouPage::clear()
{
    m_givenName.clear();
    m_alreadySigned = false;
    m_shown = false;
    m_ui->thanksLabel->clear();
    m_ui->messageLabel->clear();
    m_ui->thanksCountLabel->clear();
}

void ThankYouPage::render()
{
    if (!m_shown)
        return;
    m_ui->thanksLabel->setText(m_givenName.isEmpty() ? tr("Thank you!") : tr("Thank you, %1!").arg(m_givenName));
    m_ui->messageLabel->setText(m_alreadySigned
            ? tr("You have already signed this petition. Thank you for your support.")
            : tr("Your signature has been added to the petition."));
    const QString todayText
        = m_today == 1 ? tr("1 person signed here today") : tr("%1 people signed here today").arg(m_today);
    m_ui->thanksCountLabel->setText(tr("%1 · %2 in total").arg(todayText).arg(m_total));
}

void ThankYouPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        render();
    }
    QWidget::changeEvent(event);
}

} // namespace kiosk
