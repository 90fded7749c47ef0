#pragma once

#include <QWidget>

#include <memory>

namespace Ui {
class ThankYouPage;
}

namespace kiosk {

// Thanks the signer (by given name only if the campaign allows it), or says they had already signed, and shows the
// new count.
class ThankYouPage final : public QWidget
{
    Q_OBJECT
public:
    explicit ThankYouPage(QWidget* parent = nullptr);
    ~ThankYouPage() override;

    // `givenName` empty: "Thank you!", which is the default (the screen is public).
    void showThanks(const QString& givenName, bool alreadySigned, qint64 today, qint64 total);
    void clear();
    // A QR code to the campaign's page under the thanks, the same for every signer (never anything of theirs); empty:
    // none.
    void setShareUrl(const QString& url);

    // The given name to thank a signer by, when the campaign allows it (Campaign::thankByFirstName): the first word of
    // a name written wholly in Latin letters, by a signer whose language puts the given name first. Empty (no name)
    // for any other script, for Chinese, Japanese, Korean, Vietnamese and Hungarian (family name first), and for a
    // name with Vietnamese or Hungarian letters or a common Vietnamese family name first (PersonName::givenName).
    static QString givenNameOf(const QString& fullName, const QString& language);

signals:
    void doneRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    std::unique_ptr<Ui::ThankYouPage> m_ui;
    QString m_givenName;
    bool m_shown = false;
    bool m_alreadySigned = false;
    qint64 m_today = 0;
    qint64 m_total = 0;
};

} // namespace kiosk
