#include "thankyoupage.h"

#include "ui_thankyoupage.h"

namespace kiosk {

ThankYouPage::ThankYouPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ThankYouPage>())
{
    m_ui->setupUi(this);
    connect(m_ui->doneButton, &QPushButton::clicked, this, &ThankYouPage::doneRequested);
}

ThankYouPage::~ThankYouPage() = default;

QString ThankYouPage::firstNameOf(const QString& fullName, const QString& language)
{
    const QString name = fullName.simplified();
    if (language.startsWith(QLatin1String("zh")))
        return name;
    const qsizetype space = name.indexOf(QLatin1Char(' '));
    return space > 0 ? name.left(space) : name;
}

void ThankYouPage::showThanks(const QString& firstName, bool alreadySigned, qint64 today, qint64 total)
{
    m_firstName = firstName;
    m_alreadySigned = alreadySigned;
    m_today = today;
    m_total = total;
    render();
}

void ThankYouPage::clear()
{
    m_firstName.clear();
    m_alreadySigned = false;
    m_ui->thanksLabel->clear();
    m_ui->messageLabel->clear();
    m_ui->thanksCountLabel->clear();
}

void ThankYouPage::render()
{
    if (m_firstName.isEmpty() && !m_alreadySigned && m_total == 0)
        return;
    if (m_alreadySigned) {
        m_ui->thanksLabel->setText(tr("Thank you, %1!").arg(m_firstName));
        m_ui->messageLabel->setText(tr("You have already signed this petition. Thank you for your support."));
    } else {
        m_ui->thanksLabel->setText(tr("Thank you, %1!").arg(m_firstName));
        m_ui->messageLabel->setText(tr("Your signature has been added to the petition."));
    }
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
