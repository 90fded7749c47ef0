#pragma once

#include "core/campaign.h"

#include <QWidget>

#include <memory>

namespace Ui {
class PetitionPage;
}

namespace kiosk {

class LanguageBar;

// The petition's full wording with the short privacy notice under it; the full notice is one tap away.
class PetitionPage final : public QWidget
{
    Q_OBJECT
public:
    explicit PetitionPage(QWidget* parent = nullptr);
    ~PetitionPage() override;

    // `isTranslation`: the wording shown is a translation, and the signer signs the original.
    void setContent(
        const CampaignTexts& texts, bool isTranslation, const QString& organisation, const QString& contact);
    void reset(); // petition shown, scrolled to the top
    bool privacyShown() const;
    LanguageBar* languageBar() const;

    // {organisation} and {contact} in campaign texts.
    static QString fillPlaceholders(QString text, const QString& organisation, const QString& contact);

signals:
    void backRequested();
    void signRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void showPrivacy(bool shown);
    std::unique_ptr<Ui::PetitionPage> m_ui;
};

} // namespace kiosk
