#include "signpage.h"

#include "languagebar.h"
#include "onscreenkeyboard.h"
#include "rulemessages.h"
#include "signaturepad.h"
#include "ui_signpage.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCollator>
#include <QCompleter>
#include <QKeyEvent>
#include <QLocale>
#include <QPointer>
#include <QScrollBar>
#include <QTimer>

#include <unicode/uloc.h>

namespace kiosk {

SignPage::SignPage(KioskSettings::Keyboard keyboard, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::SignPage>())
    , m_keyboardSetting(keyboard)
{
    m_ui->setupUi(this);
    fillCountries(QStringLiteral("en"));

    auto* residency = new QButtonGroup(this);
    residency->addButton(m_ui->residencyYes);
    residency->addButton(m_ui->residencyNo);
    connect(residency, &QButtonGroup::buttonClicked, this, [this]() { setMessage(Field::Residency, RuleError::None); });

    connect(m_ui->nameEdit, &QLineEdit::editingFinished, this, [this]() { validateField(Field::Name); });
    connect(m_ui->postcodeEdit, &QLineEdit::editingFinished, this, [this]() { validateField(Field::Postcode); });
    connect(m_ui->emailEdit, &QLineEdit::editingFinished, this, [this]() { validateField(Field::Email); });
    connect(m_ui->countryCombo->lineEdit(), &QLineEdit::editingFinished, this, [this]() {
        validateField(Field::Country);
        updatePostcodeVisibility();
    });
    // Searching the list: the postcode field follows as soon as the text names a country.
    connect(m_ui->countryCombo->lineEdit(), &QLineEdit::textChanged, this, &SignPage::updatePostcodeVisibility);
    connect(m_ui->countryCombo, &QComboBox::currentIndexChanged, this, [this]() {
        setMessage(Field::Country, RuleError::None);
        updatePostcodeVisibility();
    });
    connect(m_ui->consentCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            setMessage(Field::Consent, RuleError::None);
    });
    connect(m_ui->contactCheck, &QCheckBox::toggled, this, [this]() {
        updateEmailVisibility();
        if (m_ui->contactCheck->isChecked()) {
            m_ui->emailEdit->setFocus(Qt::OtherFocusReason);
        } else {
            setMessage(Field::Email, RuleError::None);
        }
    });
    connect(m_ui->clearSignatureButton, &QPushButton::clicked, m_ui->signaturePad, &SignaturePad::clear);
    connect(m_ui->submitButton, &QPushButton::clicked, this, [this]() {
        m_ui->keyboard->hide();
        emit submitRequested(draft());
    });
    connect(m_ui->backButton, &QPushButton::clicked, this, &SignPage::backRequested);

    // Tapping the text beside a box ticks it, as a signer expects.
    m_ui->consentLabel->installEventFilter(this);
    m_ui->contactLabel->installEventFilter(this);
    for (QLineEdit* edit : { m_ui->nameEdit, m_ui->postcodeEdit, m_ui->emailEdit, m_ui->countryCombo->lineEdit() }) {
        // No context menu: nothing to copy, paste or select-all with another signer's text in mind.
        edit->setContextMenuPolicy(Qt::NoContextMenu);
        edit->installEventFilter(this);
    }
    // The box itself is the touch target; the text beside it takes the rest of the row.
    for (QCheckBox* box : { m_ui->consentCheck, m_ui->contactCheck })
        box->setFixedSize(56, 56);
    m_ui->consentRow->setStretch(1, 1);
    m_ui->contactRow->setStretch(1, 1);
    m_ui->countryCombo->lineEdit()->setAccessibleName(m_ui->countryCombo->accessibleName());
    // Personal fields: no input method may learn, predict from or keep what a signer types.
    constexpr Qt::InputMethodHints personal = Qt::ImhSensitiveData | Qt::ImhNoPredictiveText;
    m_ui->nameEdit->setInputMethodHints(personal);
    m_ui->emailEdit->setInputMethodHints(Qt::ImhEmailCharactersOnly | Qt::ImhNoAutoUppercase | personal);
    m_ui->postcodeEdit->setInputMethodHints(Qt::ImhPreferUppercase | personal);

    m_ui->keyboard->hide();
    connect(m_ui->keyboard, &OnScreenKeyboard::nextRequested, this, [this]() { focusNextChild(); });
    connect(m_ui->keyboard, &OnScreenKeyboard::hideRequested, this, [this]() {
        m_ui->keyboard->hide();
        if (QWidget* f = QApplication::focusWidget())
            f->clearFocus();
    });
    connect(qApp, &QApplication::focusChanged, this, &SignPage::focusChanged);

    updatePostcodeVisibility();
    updateEmailVisibility();
    retranslate();
}

SignPage::~SignPage()
{
    // Children die after this body; no focus change may reach a half-destroyed page.
    disconnect(qApp, nullptr, this, nullptr);
}

LanguageBar* SignPage::languageBar() const
{
    return m_ui->languageBar;
}

OnScreenKeyboard* SignPage::keyboard() const
{
    return m_ui->keyboard;
}

SignaturePad* SignPage::signaturePad() const
{
    return m_ui->signaturePad;
}

namespace {

constexpr int EnglishRole = Qt::UserRole + 1; // the English name, for typing
constexpr int SearchRole = Qt::UserRole + 2; // what the completer matches: both names and the code

// A country's name in a language, from ICU's locale data (Qt 6.4 names territories in English only). Empty if ICU has
// no name for it.
QString icuCountryName(const QString& code, const QString& language)
{
    UChar buffer[160];
    UErrorCode status = U_ZERO_ERROR;
    const QByteArray id = "und_" + code.toLatin1();
    const int32_t n = uloc_getDisplayCountry(
        id.constData(), language.toLatin1().constData(), buffer, int32_t(sizeof buffer / sizeof buffer[0]), &status);
    if (U_FAILURE(status) || n <= 0)
        return {};
    const QString name(reinterpret_cast<const QChar*>(buffer), n);
    return name == code ? QString() : name;
}

// Matches on both names (SearchRole), and puts the name shown in the field when a match is tapped.
class CountryCompleter final : public QCompleter
{
public:
    using QCompleter::QCompleter;
    QString pathFromIndex(const QModelIndex& index) const override { return index.data(Qt::DisplayRole).toString(); }
};

} // namespace

namespace {

struct Country
{
    QString name; // in the list's language
    QString english;
    QString code;
};

// Every country named in `language`, the United Kingdom first, the rest in the language's own order (ICU's
// collation, through QCollator). Made once per language: a new sign page is built for every signer.
const QList<Country>& countriesIn(const QString& language)
{
    static QHash<QString, QList<Country>> made;
    auto known = made.constFind(language);
    if (known != made.cend())
        return *known;
    QList<Country> entries;
    QSet<QString> seen;
    for (int t = 1; t <= int(QLocale::LastTerritory); ++t) {
        const QString code = QLocale::territoryToCode(QLocale::Territory(t));
        if (code.size() != 2 || !code.at(0).isLetter() || seen.contains(code))
            continue;
        seen.insert(code);
        QString english = icuCountryName(code, QStringLiteral("en"));
        if (english.isEmpty())
            english = QLocale::territoryToString(QLocale::Territory(t));
        const QString name = icuCountryName(code, language);
        entries.append({ name.isEmpty() ? english : name, english, code });
    }
    QCollator collator { QLocale(language) };
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(entries.begin(), entries.end(), [&collator](const Country& a, const Country& b) {
        if ((a.code == QLatin1String("GB")) != (b.code == QLatin1String("GB")))
            return a.code == QLatin1String("GB");
        return collator.compare(a.name, b.name) < 0;
    });
    return *made.insert(language, entries);
}

} // namespace

void SignPage::fillCountries(const QString& language)
{
    QComboBox* combo = m_ui->countryCombo;
    const QString chosen = combo->count() ? countryCode() : QStringLiteral("GB");
    const QSignalBlocker quiet(combo);
    combo->clear();
    for (const Country& e : countriesIn(language)) {
        combo->addItem(e.name, e.code);
        combo->setItemData(combo->count() - 1, e.english, EnglishRole);
        combo->setItemData(combo->count() - 1,
            e.name + QLatin1Char(' ') + (e.english == e.name ? QString() : e.english + QLatin1Char(' ')) + e.code,
            SearchRole);
    }
    combo->setCurrentIndex(std::max(0, combo->findData(chosen.isEmpty() ? QStringLiteral("GB") : chosen)));
    if (chosen.isEmpty()) // something typed that is no country stays as it was typed
        combo->setEditText(m_typedCountry);
    combo->setMaxVisibleItems(8);
    if (!dynamic_cast<CountryCompleter*>(combo->completer())) {
        auto* completer = new CountryCompleter(combo->model(), combo);
        completer->setCompletionRole(SearchRole);
        completer->setFilterMode(Qt::MatchContains);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setCompletionMode(QCompleter::PopupCompletion);
        combo->setCompleter(completer);
    }
}

QString SignPage::countryCode() const
{
    // The name shown, in the screen's language, or the English name typed in full.
    const QString typed = m_ui->countryCombo->currentText().trimmed();
    for (const int role : { int(Qt::DisplayRole), EnglishRole }) {
        const int index = m_ui->countryCombo->findData(typed, role, Qt::MatchFixedString);
        if (index >= 0)
            return m_ui->countryCombo->itemData(index).toString();
    }
    return {};
}

void SignPage::setConsentText(const QString& text)
{
    m_consentTemplate = text;
    m_ui->consentLabel->setText(text);
}

void SignPage::setLanguage(const QString& language)
{
    m_language = language;
    retranslate();
}

void SignPage::setLanguages(const QStringList& languages)
{
    m_ui->languageBar->setLanguages(languages);
    QWidget* previous = m_ui->backButton;
    for (QAbstractButton* b : m_ui->languageBar->buttons()) {
        setTabOrder(previous, b);
        previous = b;
    }
    setTabOrder(previous, m_ui->nameEdit);
}

Signature SignPage::draft() const
{
    Signature s;
    s.fullName = m_ui->nameEdit->text();
    s.country = countryCode();
    s.postcode = SigningRules::usesPostcode(s.country) ? m_ui->postcodeEdit->text() : QString();
    s.contactOptIn = m_ui->contactCheck->isChecked();
    // The email field belongs to the contact opt-in: without it, no email is collected.
    s.email = s.contactOptIn ? m_ui->emailEdit->text() : QString();
    s.ukCitizenOrResident = m_ui->residencyYes->isChecked() ? Residency::Yes
        : m_ui->residencyNo->isChecked()                    ? Residency::No
                                                            : Residency::Unanswered;
    s.consent = m_ui->consentCheck->isChecked();
    s.signatureSvg = m_ui->signaturePad->toSvg();
    return s;
}

bool SignPage::hasInput() const
{
    return !m_ui->nameEdit->text().isEmpty() || !m_ui->postcodeEdit->text().isEmpty()
        || !m_ui->emailEdit->text().isEmpty() || !m_ui->signaturePad->isEmpty() || m_ui->consentCheck->isChecked()
        || m_ui->contactCheck->isChecked() || m_ui->residencyYes->isChecked() || m_ui->residencyNo->isChecked();
}

SignPage::FieldParts SignPage::parts(Field field) const
{
    switch (field) {
    case Field::Name:
        return { m_ui->nameEdit, m_ui->nameError };
    case Field::Country:
        return { m_ui->countryCombo, m_ui->countryError };
    case Field::Postcode:
        return { m_ui->postcodeEdit, m_ui->postcodeError };
    case Field::Email:
        return { m_ui->emailEdit, m_ui->emailError };
    case Field::Residency:
        return { m_ui->residencyYes, m_ui->residencyError };
    case Field::Consent:
        return { m_ui->consentCheck, m_ui->consentError };
    }
    return {};
}

QLabel* SignPage::errorLabel(Field field) const
{
    return parts(field).error;
}

QWidget* SignPage::fieldWidget(Field field) const
{
    return parts(field).input;
}

void SignPage::setMessage(Field field, RuleError error)
{
    QLabel* label = errorLabel(field);
    if (error == RuleError::None)
        m_shown.remove(field);
    else
        m_shown.insert(field, error);
    label->setText(ruleMessage(error));
    label->setVisible(error != RuleError::None);
    QList<QWidget*> marked { fieldWidget(field) };
    if (field == Field::Residency)
        marked.append(m_ui->residencyNo);
    for (QWidget* w : marked) {
        w->setProperty("invalid", error != RuleError::None);
        w->style()->unpolish(w);
        w->style()->polish(w);
    }
}

void SignPage::validateField(Field field)
{
    // As the signer finishes a field: format problems only. "Required" waits for Submit, so that nobody is
    // scolded for a field they have not reached yet.
    switch (field) {
    case Field::Name: {
        const QString text = m_ui->nameEdit->text();
        const Checked c = SigningRules::checkName(text);
        setMessage(field, text.trimmed().isEmpty() || c.ok() ? RuleError::None : c.error);
        break;
    }
    case Field::Country:
        setMessage(field, countryCode().isEmpty() ? RuleError::CountryInvalid : RuleError::None);
        break;
    case Field::Postcode: {
        const QString text = m_ui->postcodeEdit->text();
        if (text.trimmed().isEmpty()) {
            setMessage(field, RuleError::None);
            break;
        }
        const Checked c = SigningRules::checkPostcode(text);
        setMessage(field, c.ok() ? RuleError::None : RuleError::PostcodeInvalid);
        if (c.ok() && c.value != text)
            m_ui->postcodeEdit->setText(c.value); // show the signer the form we store
        break;
    }
    case Field::Email: {
        const QString text = m_ui->emailEdit->text();
        setMessage(field,
            text.trimmed().isEmpty() || SigningRules::checkEmail(text).ok() ? RuleError::None
                                                                            : RuleError::EmailInvalid);
        break;
    }
    default:
        break;
    }
}

void SignPage::showIssues(const QList<RuleIssue>& issues)
{
    for (const Field f :
        { Field::Name, Field::Country, Field::Postcode, Field::Email, Field::Residency, Field::Consent })
        setMessage(f, RuleError::None);
    for (const RuleIssue& issue : issues)
        setMessage(issue.field, issue.error);
    if (!issues.isEmpty()) {
        QWidget* first = fieldWidget(issues.first().field);
        first->setFocus(Qt::OtherFocusReason);
        ensureVisible(first);
    }
}

void SignPage::showStorageError(const QString& message)
{
    m_ui->errorBanner->setText(message);
    m_ui->errorBanner->show();
}

void SignPage::clearMessages()
{
    m_ui->errorBanner->hide();
    showIssues({});
}

void SignPage::updatePostcodeVisibility()
{
    m_ui->postcodeBox->setVisible(SigningRules::usesPostcode(countryCode()));
}

void SignPage::updateEmailVisibility()
{
    m_ui->emailBox->setVisible(m_ui->contactCheck->isChecked());
}

void SignPage::focusChanged(QWidget*, QWidget* now)
{
    if (!now || !isAncestorOf(now))
        return;
    OnScreenKeyboard* kb = m_ui->keyboard;
    const bool textField = now == m_ui->nameEdit || now == m_ui->postcodeEdit || now == m_ui->emailEdit
        || now == m_ui->countryCombo || now == m_ui->countryCombo->lineEdit();
    if (!textField || m_keyboardSetting == KioskSettings::Keyboard::System) {
        kb->hide();
        return;
    }
    kb->setMode(now == m_ui->emailEdit  ? OnScreenKeyboard::Mode::Email
            : now == m_ui->postcodeEdit ? OnScreenKeyboard::Mode::Postcode
                                        : OnScreenKeyboard::Mode::Name);
    kb->show();
    ensureVisible(now == m_ui->countryCombo->lineEdit() ? m_ui->countryCombo : now);
}

QRect SignPage::groupRect(QWidget* widget) const
{
    // A field is seen together with its label above and its message below.
    const QList<QList<QWidget*>> groups {
        { m_ui->nameLabel, m_ui->nameHint, m_ui->nameEdit, m_ui->nameError },
        { m_ui->countryLabel, m_ui->countryCombo, m_ui->countryCombo->lineEdit(), m_ui->countryError },
        { m_ui->postcodeLabel, m_ui->postcodeEdit, m_ui->postcodeError },
        { m_ui->emailLabel, m_ui->emailEdit, m_ui->emailError },
        { m_ui->residencyLabel, m_ui->residencyYes, m_ui->residencyNo, m_ui->residencyError },
        { m_ui->consentCheck, m_ui->consentLabel, m_ui->consentError },
    };
    QList<QWidget*> members { widget };
    for (const auto& group : groups) {
        if (group.contains(widget))
            members = group;
    }
    QRect rect;
    for (QWidget* w : members) {
        if (w->isVisible() && w != m_ui->countryCombo->lineEdit())
            rect |= QRect(w->mapTo(m_ui->formContent, QPoint()), w->size());
    }
    return rect;
}

void SignPage::ensureVisible(QWidget* widget)
{
    // After the keyboard has taken its room and the layout has settled.
    QTimer::singleShot(0, this, [this, widget = QPointer<QWidget>(widget)]() {
        if (!widget || !widget->isVisible())
            return;
        // Settle every pending layout first: the keyboard may just have grown a row, or a field appeared.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        layout()->activate();
        const QRect group = groupRect(widget);
        if (group.isEmpty() || group.height() + 32 > m_ui->formScroll->viewport()->height()) {
            m_ui->formScroll->ensureWidgetVisible(widget, 0, 32);
            return;
        }
        m_ui->formScroll->ensureVisible(group.center().x(), group.center().y(), 0, group.height() / 2 + 16);
    });
}

bool SignPage::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        if (watched == m_ui->consentLabel)
            m_ui->consentCheck->toggle();
        else if (watched == m_ui->contactLabel)
            m_ui->contactCheck->toggle();
    }
    if (event->type() == QEvent::MouseButtonPress && qobject_cast<QLineEdit*>(watched)
        && m_keyboardSetting == KioskSettings::Keyboard::BuiltIn && m_ui->keyboard->isHidden()) {
        // A tap on a field that already has focus brings the keyboard back after "hide keyboard".
        QTimer::singleShot(0, this, [this, field = QPointer<QWidget>(static_cast<QWidget*>(watched))]() {
            if (field)
                focusChanged(nullptr, field);
        });
    }
    if (event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && qobject_cast<QLineEdit*>(watched)) {
            focusNextChild();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SignPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Start at the name, unless the signer has already put focus somewhere in the form.
    QTimer::singleShot(0, m_ui->nameEdit, [this]() {
        if (!hasInput() && !isAncestorOf(QApplication::focusWidget()))
            m_ui->nameEdit->setFocus(Qt::OtherFocusReason);
    });
}

void SignPage::retranslate()
{
    if (m_countriesLanguage != m_language && !m_language.isEmpty()) {
        m_typedCountry = m_ui->countryCombo->currentText();
        fillCountries(m_language);
        m_countriesLanguage = m_language;
    }
    const bool chinese = m_language.startsWith(QLatin1String("zh"));
    m_ui->nameHint->setText(tr("Please write your name in Latin letters, or as you would on an official form."));
    m_ui->nameHint->setVisible(chinese);
    for (auto it = m_shown.cbegin(); it != m_shown.cend(); ++it)
        errorLabel(it.key())->setText(ruleMessage(it.value()));
}

void SignPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        const QString consent = m_ui->consentLabel->text();
        m_ui->retranslateUi(this);
        m_ui->countryCombo->lineEdit()->setAccessibleName(m_ui->countryCombo->accessibleName());
        m_ui->consentLabel->setText(consent.isEmpty() ? m_consentTemplate : consent);
        retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace kiosk
