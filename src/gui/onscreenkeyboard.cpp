#include "onscreenkeyboard.h"

#include "touchmetrics.h"

#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QKeyEvent>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <tuple>

namespace kiosk {

namespace {
const char* const kTextProperty = "keyText";

const QMap<QChar, QString>& accentTable()
{
    static const QMap<QChar, QString> table {
        { u'a', QStringLiteral("àáâäãåāăąæ") },
        { u'c', QStringLiteral("çćč") },
        { u'd', QStringLiteral("ďđð") },
        { u'e', QStringLiteral("èéêëēėęě") },
        { u'g', QStringLiteral("ğ") },
        { u'i', QStringLiteral("ìíîïīı") },
        { u'l', QStringLiteral("łľ") },
        { u'n', QStringLiteral("ñńň") },
        { u'o', QStringLiteral("òóôöõøōőœ") },
        { u'r', QStringLiteral("řŕ") },
        { u's', QStringLiteral("śšşß") },
        { u't', QStringLiteral("ťþ") },
        { u'u', QStringLiteral("ùúûüūůű") },
        { u'y', QStringLiteral("ýÿ") },
        { u'z', QStringLiteral("źżž") },
    };
    return table;
}
} // namespace

OnScreenKeyboard::OnScreenKeyboard(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("onScreenKeyboard"));
    setFocusPolicy(Qt::NoFocus);
    setAttribute(Qt::WA_StyledBackground);
    setAccessibleName(tr("On-screen keyboard"));
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(8, 8, 8, 8);
    m_longPress = new QTimer(this);
    m_longPress->setSingleShot(true);
    m_longPress->setInterval(TouchMetrics::LongPressMs);
    connect(m_longPress, &QTimer::timeout, this, [this]() {
        if (!m_pressedKey)
            return;
        const QString letters = accentsFor(m_pressedKey->property(kTextProperty).toString().at(0));
        if (!letters.isEmpty()) {
            m_longPressFired = true;
            showAccents(letters);
        }
    });
    rebuild();
}

QString OnScreenKeyboard::accentsFor(QChar base)
{
    return accentTable().value(base.toLower());
}

void OnScreenKeyboard::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_shift = mode != Mode::Email;
    rebuild();
}

void OnScreenKeyboard::reset()
{
    m_mode = Mode::Name;
    m_shift = true;
    m_longPress->stop();
    m_pressedKey = nullptr;
    m_longPressFired = false;
    rebuild();
}

bool OnScreenKeyboard::accentsOpen() const
{
    return m_accents && m_accents->isVisible();
}

void OnScreenKeyboard::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

QString OnScreenKeyboard::caseFor(const QString& text) const
{
    return m_shift || m_mode == Mode::Postcode ? text.toUpper() : text;
}

QPushButton* OnScreenKeyboard::addKey(
    QGridLayout* grid, int row, int column, int span, const QString& label, const QString& name)
{
    auto* key = new QPushButton(label, m_keys);
    key->setObjectName(name);
    key->setFocusPolicy(Qt::NoFocus);
    key->setProperty("role", QStringLiteral("key"));
    key->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    key->setMinimumSize(TouchMetrics::KeyboardKey);
    grid->addWidget(key, row, column, 1, span);
    return key;
}

void OnScreenKeyboard::rebuild()
{
    closeAccents();
    delete m_keys;
    m_keys = new QWidget(this);
    auto* grid = new QGridLayout(m_keys);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    m_layout->addWidget(m_keys);

    QStringList rows;
    if (m_mode == Mode::Digits)
        rows = { QStringLiteral("1234567890") };
    else if (m_mode == Mode::Name)
        rows = { QStringLiteral("qwertyuiop"), QStringLiteral("asdfghjkl"), QStringLiteral("zxcvbnm") };
    else
        rows = { QStringLiteral("1234567890"), QStringLiteral("qwertyuiop"), QStringLiteral("asdfghjkl"),
            QStringLiteral("zxcvbnm") };

    // Each key is two grid columns wide, so rows can be offset by half a key.
    int row = 0;
    for (const QString& letters : std::as_const(rows)) {
        const int offset = letters.size() == 10 ? 0 : (letters.size() == 9 ? 1 : 3);
        for (int i = 0; i < letters.size(); ++i) {
            const QString text(letters.at(i));
            const QString shown = text.at(0).isLetter() ? caseFor(text) : text;
            auto* key = addKey(grid, row, offset + i * 2, 2, shown, QStringLiteral("key_") + text);
            key->setProperty(kTextProperty, text);
            key->setAccessibleName(shown);
            if (m_mode == Mode::Name && !accentsFor(text.at(0)).isEmpty()) {
                connect(key, &QPushButton::pressed, this, [this, key]() { letterPressed(key); });
                connect(key, &QPushButton::released, this, [this, key]() { letterReleased(key); });
            } else {
                connect(key, &QPushButton::clicked, this, [this, text]() {
                    typeText(text.at(0).isLetter() ? caseFor(text) : text);
                    if (m_shift && m_mode == Mode::Name) {
                        m_shift = false;
                        rebuild();
                    }
                });
            }
        }
        if (letters == QLatin1String("zxcvbnm")) {
            if (m_mode != Mode::Postcode) {
                auto* shift = addKey(grid, row, 0, 3, QStringLiteral("⇧"), QStringLiteral("key_shift"));
                shift->setCheckable(true);
                shift->setChecked(m_shift);
                shift->setAccessibleName(tr("Shift"));
                connect(shift, &QPushButton::clicked, this, [this]() {
                    m_shift = !m_shift;
                    rebuild();
                });
            }
            auto* back = addKey(grid, row, 17, 3, QStringLiteral("⌫"), QStringLiteral("key_backspace"));
            back->setAccessibleName(tr("Delete"));
            back->setAutoRepeat(true);
            connect(back, &QPushButton::clicked, this, [this]() { sendKey(Qt::Key_Backspace); });
        }
        ++row;
    }

    // The bottom row differs per mode.
    int column = 0;
    const auto bottom = [&](int span, const QString& label, const QString& name, const QString& text) {
        auto* key = addKey(grid, row, column, span, label, name);
        column += span;
        if (!text.isEmpty())
            connect(key, &QPushButton::clicked, this, [this, text]() { typeText(text); });
        return key;
    };
    if (m_mode == Mode::Name) {
        auto* accents = bottom(3, QStringLiteral("àé"), QStringLiteral("key_accents"), {});
        accents->setAccessibleName(tr("Accented letters"));
        connect(accents, &QPushButton::clicked, this, [this]() {
            QString all;
            for (const QString& forms : accentTable())
                all += forms;
            showAccents(all);
        });
        // After a hyphen or an apostrophe that follows a letter, the next letter starts a capital too, as most names
        // need it ("Anne-Marie", "O'Neill", "D'Arcy"); Shift still turns it off for that letter.
        for (const auto& [mark, name, accessible] :
            { std::tuple { QStringLiteral("'"), QStringLiteral("key_apostrophe"), tr("Apostrophe") },
                std::tuple { QStringLiteral("-"), QStringLiteral("key_hyphen"), tr("Hyphen") } }) {
            auto* key = bottom(2, mark, name, {});
            key->setAccessibleName(accessible);
            connect(key, &QPushButton::clicked, this, [this, mark = mark]() {
                const bool afterLetter = letterBeforeCursor();
                typeText(mark);
                if (afterLetter && !m_shift) {
                    m_shift = true;
                    rebuild();
                }
            });
        }
        auto* space = bottom(6, tr("space"), QStringLiteral("key_space"), {});
        connect(space, &QPushButton::clicked, this, [this]() {
            typeText(QStringLiteral(" "));
            if (!m_shift) {
                m_shift = true; // each part of a name starts with a capital
                rebuild();
            }
        });
        bottom(2, QStringLiteral("."), QStringLiteral("key_dot"), QStringLiteral("."))
            ->setAccessibleName(tr("Full stop"));
    } else if (m_mode == Mode::Email) {
        bottom(2, QStringLiteral("@"), QStringLiteral("key_at"), QStringLiteral("@"))->setAccessibleName(tr("At sign"));
        bottom(2, QStringLiteral("."), QStringLiteral("key_dot"), QStringLiteral("."))->setAccessibleName(tr("Dot"));
        bottom(2, QStringLiteral("-"), QStringLiteral("key_hyphen"), QStringLiteral("-"))
            ->setAccessibleName(tr("Hyphen"));
        bottom(2, QStringLiteral("_"), QStringLiteral("key_underscore"), QStringLiteral("_"))
            ->setAccessibleName(tr("Underscore"));
        bottom(4, QStringLiteral(".co.uk"), QStringLiteral("key_couk"), QStringLiteral(".co.uk"));
        bottom(3, QStringLiteral(".com"), QStringLiteral("key_com"), QStringLiteral(".com"));
    } else if (m_mode == Mode::Postcode) {
        bottom(10, tr("space"), QStringLiteral("key_space"), QStringLiteral(" "));
    } else {
        auto* back = bottom(3, QStringLiteral("⌫"), QStringLiteral("key_backspace"), {});
        back->setAccessibleName(tr("Delete"));
        back->setAutoRepeat(true);
        connect(back, &QPushButton::clicked, this, [this]() { sendKey(Qt::Key_Backspace); });
    }
    column = qMax(column, 15);
    auto* hide = addKey(grid, row, column, 2, QStringLiteral("⌨"), QStringLiteral("key_hide"));
    hide->setAccessibleName(tr("Hide keyboard"));
    connect(hide, &QPushButton::clicked, this, &OnScreenKeyboard::hideRequested);
    column += 2;
    auto* next = addKey(grid, row, column, 3, tr("Next"), QStringLiteral("key_next"));
    next->setProperty("role", QStringLiteral("keyAccent"));
    connect(next, &QPushButton::clicked, this, &OnScreenKeyboard::nextRequested);
}

void OnScreenKeyboard::letterPressed(QPushButton* key)
{
    m_pressedKey = key;
    m_longPressFired = false;
    m_longPress->start();
}

void OnScreenKeyboard::letterReleased(QPushButton* key)
{
    m_longPress->stop();
    if (m_longPressFired || key != m_pressedKey)
        return;
    m_pressedKey = nullptr;
    typeText(caseFor(key->property(kTextProperty).toString()));
    if (m_shift && m_mode == Mode::Name) {
        m_shift = false;
        rebuild();
    }
}

void OnScreenKeyboard::showAccents(const QString& letters)
{
    closeAccents();
    m_accents = new QWidget(this);
    m_accents->setObjectName(QStringLiteral("accentPanel"));
    m_accents->setAttribute(Qt::WA_StyledBackground);
    auto* grid = new QGridLayout(m_accents);
    grid->setSpacing(6);
    const int perRow = 12;
    int i = 0;
    for (const QChar c : letters) {
        const QString shown = caseFor(QString(c));
        auto* key = new QPushButton(shown, m_accents);
        key->setObjectName(QStringLiteral("accent_") + QString(c));
        key->setFocusPolicy(Qt::NoFocus);
        key->setProperty("role", QStringLiteral("key"));
        key->setMinimumSize(TouchMetrics::KeyboardKey);
        key->setAccessibleName(shown);
        connect(key, &QPushButton::clicked, this, [this, shown]() {
            typeText(shown);
            closeAccents();
            if (m_shift) {
                m_shift = false;
                rebuild();
            }
        });
        grid->addWidget(key, i / perRow, i % perRow);
        ++i;
    }
    auto* close = new QPushButton(QStringLiteral("✕"), m_accents);
    close->setObjectName(QStringLiteral("accentClose"));
    close->setFocusPolicy(Qt::NoFocus);
    close->setProperty("role", QStringLiteral("key"));
    close->setMinimumSize(TouchMetrics::KeyboardKey);
    close->setAccessibleName(tr("Close accented letters"));
    connect(close, &QPushButton::clicked, this, &OnScreenKeyboard::closeAccents);
    grid->addWidget(close, i / perRow, i % perRow);
    // Over the letter keys, inside the keyboard: no separate window, nothing for a window manager to misplace.
    m_accents->setGeometry(m_keys->geometry());
    m_accents->show();
    m_accents->raise();
}

void OnScreenKeyboard::closeAccents()
{
    if (m_accents) {
        m_accents->hide();
        m_accents->deleteLater();
        m_accents = nullptr;
    }
}

void OnScreenKeyboard::typeText(const QString& text)
{
    QWidget* target = QApplication::focusWidget();
    if (!target)
        return;
    QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, text);
    QKeyEvent release(QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, text);
    QApplication::sendEvent(target, &press);
    QApplication::sendEvent(target, &release);
}

bool OnScreenKeyboard::letterBeforeCursor()
{
    QWidget* target = QApplication::focusWidget();
    if (!target)
        return false;
    const QString text = target->inputMethodQuery(Qt::ImSurroundingText).toString();
    const int cursor = target->inputMethodQuery(Qt::ImCursorPosition).toInt();
    return cursor > 0 && cursor <= text.size() && text.at(cursor - 1).isLetter();
}

void OnScreenKeyboard::sendKey(int key)
{
    QWidget* target = QApplication::focusWidget();
    if (!target)
        return;
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier);
    QApplication::sendEvent(target, &press);
    QApplication::sendEvent(target, &release);
}

} // namespace kiosk
