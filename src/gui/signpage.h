#pragma once

#include "core/kiosksettings.h"
#include "core/signature.h"
#include "core/signingrules.h"

#include <QWidget>

#include <memory>

class QLabel;
namespace Ui {
class SignPage;
}

namespace kiosk {

class LanguageBar;
class OnScreenKeyboard;
class SignaturePad;

// The sign form. Messages appear beside each field, in the signer's language, as they finish it; there are no
// popups. The docked keyboard never covers the focused field: it takes room from the form, which scrolls.
// A new signer gets a new SignPage (see KioskWindow::wipe), so no text, undo history or drawing can survive.
class SignPage final : public QWidget
{
    Q_OBJECT
public:
    explicit SignPage(KioskSettings::Keyboard keyboard, QWidget* parent = nullptr);
    ~SignPage() override;

    void setConsentText(const QString& text);
    void setLanguage(const QString& language); // for the note about Latin letters on the Chinese forms
    void setLanguages(const QStringList& languages); // the language buttons, reached by Tab right after Back

    // The signer's fields as typed (the rules normalise them when saving).
    Signature draft() const;
    void showIssues(const QList<RuleIssue>& issues);
    void showStorageError(const QString& message);
    void clearMessages();
    bool hasInput() const;

    LanguageBar* languageBar() const;
    OnScreenKeyboard* keyboard() const;
    SignaturePad* signaturePad() const;

signals:
    void backRequested();
    void submitRequested(const kiosk::Signature& draft);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    // Every country, named in `language` (ICU's names), the United Kingdom first, then in that language's order.
    void fillCountries(const QString& language);
    QString countryCode() const;
    void validateField(Field field);
    void setMessage(Field field, RuleError error);
    // A field's input widget and the label beneath it that says what is wrong.
    struct FieldParts
    {
        QWidget* input = nullptr;
        QLabel* error = nullptr;
    };
    FieldParts parts(Field field) const;
    QLabel* errorLabel(Field field) const;
    QWidget* fieldWidget(Field field) const;
    void updatePostcodeVisibility();
    void updateEmailVisibility();
    void focusChanged(QWidget* old, QWidget* now);
    void ensureVisible(QWidget* widget);
    QRect groupRect(QWidget* widget) const;
    void retranslate();

    std::unique_ptr<Ui::SignPage> m_ui;
    KioskSettings::Keyboard m_keyboardSetting;
    QString m_language;
    QString m_countriesLanguage = QStringLiteral("en"); // the language the country list is in
    QString m_typedCountry; // kept across a change of language when it names no country
    QString m_consentTemplate;
    QMap<Field, RuleError> m_shown;
};

} // namespace kiosk
