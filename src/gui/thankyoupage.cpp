#include "thankyoupage.h"

#include "ui_thankyoupage.h"

#include "qrcode.h"

#include <QRegularExpression>

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
    static const QStringList familyFirst { QStringLiteral("zh"), QStringLiteral("ja"), QStringLiteral("ko"),
        QStringLiteral("vi"), QStringLiteral("hu") };
    if (familyFirst.contains(language.section(QLatin1Char('_'), 0, 0)))
        return {};
    const QString name = fullName.simplified();
    for (const char32_t c : name.toUcs4()) {
        if (QChar::isLetter(c) && QChar::script(c) != QChar::Script_Latin)
            return {};
    }
    // Letters of Vietnamese (horn, đ, and the precomposed letters with tones) and Hungarian (ő, ű).
    static const QRegularExpression familyFirstLetters(
        QStringLiteral("[ơưđĐƠƯőűŐŰ\\x{1EA0}-\\x{1EF9}]"), QRegularExpression::UseUnicodePropertiesOption);
    if (familyFirstLetters.match(name.normalized(QString::NormalizationForm_C)).hasMatch())
        return {};
    const QString first = name.section(QLatin1Char(' '), 0, 0);
    static const QStringList vietnameseFamilies { QStringLiteral("nguyen"), QStringLiteral("tran"),
        QStringLiteral("le"), QStringLiteral("pham"), QStringLiteral("hoang"), QStringLiteral("huynh"),
        QStringLiteral("phan"), QStringLiteral("vu"), QStringLiteral("vo"), QStringLiteral("dang"),
        QStringLiteral("bui"), QStringLiteral("do"), QStringLiteral("ho"), QStringLiteral("ngo"),
        QStringLiteral("duong"), QStringLiteral("ly") };
    if (name.contains(QLatin1Char(' ')) && vietnameseFamilies.contains(first.toLower()))
        return {};
    return first.isEmpty() || !first.at(0).isLetter() ? QString() : first;
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
