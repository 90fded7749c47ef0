#include "petitionpage.h"

#include "infopage.h"
#include "ui_petitionpage.h"

#include <QScrollBar>
#include <QScroller>

namespace kiosk {

PetitionPage::PetitionPage(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PetitionPage>())
{
    m_ui->setupUi(this);
    prepareReadingView(m_ui->petitionText);
    prepareReadingView(m_ui->privacyText);
    connect(m_ui->backButton, &QPushButton::clicked, this, [this]() {
        if (privacyShown())
            showPrivacy(false);
        else
            emit backRequested();
    });
    connect(m_ui->signButton, &QPushButton::clicked, this, &PetitionPage::signRequested);
    connect(m_ui->privacyButton, &QPushButton::toggled, this, &PetitionPage::showPrivacy);
    m_ui->translationNote->setText(tr("Translation for reference; you are signing the English text."));
}

PetitionPage::~PetitionPage()
{
    // Releases what grabGesture() registered (otherwise left until exit).
    for (QTextBrowser* b : { m_ui->petitionText, m_ui->privacyText })
        QScroller::ungrabGesture(b->viewport());
}

LanguageBar* PetitionPage::languageBar() const
{
    return m_ui->languageBar;
}

QString PetitionPage::fillPlaceholders(QString text, const QString& organisation, const QString& contact)
{
    return text.replace(QLatin1String("{organisation}"), organisation).replace(QLatin1String("{contact}"), contact);
}

void PetitionPage::setContent(
    const CampaignTexts& texts, bool isTranslation, const QString& organisation, const QString& contact)
{
    setReadingMarkdown(
        m_ui->petitionText, QStringLiteral("# ") + texts.petitionTitle + QStringLiteral("\n\n") + texts.petitionText);
    m_ui->translationNote->setVisible(isTranslation);
    m_ui->privacyShortLabel->setText(fillPlaceholders(texts.privacyShort, organisation, contact));
    setReadingMarkdown(m_ui->privacyText, fillPlaceholders(texts.privacyFull, organisation, contact));
}

void PetitionPage::reset()
{
    showPrivacy(false);
    for (QTextBrowser* b : { m_ui->petitionText, m_ui->privacyText }) {
        QScroller::scroller(b->viewport())->stop();
        b->verticalScrollBar()->setValue(0);
    }
}

bool PetitionPage::privacyShown() const
{
    return m_ui->petitionStack->currentWidget() == m_ui->privacyView;
}

void PetitionPage::showPrivacy(bool shown)
{
    m_ui->petitionStack->setCurrentWidget(shown ? m_ui->privacyView : m_ui->petitionView);
    const QSignalBlocker block(m_ui->privacyButton);
    m_ui->privacyButton->setChecked(shown);
    m_ui->privacyButton->setText(shown ? tr("Back to the petition") : tr("Privacy notice"));
}

void PetitionPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        m_ui->translationNote->setText(tr("Translation for reference; you are signing the English text."));
        showPrivacy(privacyShown());
    }
    QWidget::changeEvent(event);
}

} // namespace kiosk
