#include "languagebar.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLocale>
#include <QPushButton>

namespace kiosk {

LanguageBar::LanguageBar(QWidget* parent)
    : QWidget(parent)
    , m_group(new QButtonGroup(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    connect(m_group, &QButtonGroup::idClicked, this, [this](int id) { emit languageChosen(m_languages.value(id)); });
}

QString LanguageBar::nativeName(const QString& language)
{
    if (language == QLatin1String("en"))
        return QStringLiteral("English");
    if (language == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (language == QLatin1String("zh_TW"))
        return QStringLiteral("繁體中文");
    const QString name = QLocale(language).nativeLanguageName();
    return name.isEmpty() ? language : name;
}

void LanguageBar::setLanguages(const QStringList& languages)
{
    for (QAbstractButton* b : m_group->buttons()) {
        m_group->removeButton(b);
        delete b;
    }
    m_languages = languages;
    // One language needs no choice.
    setVisible(languages.size() > 1);
    for (int i = 0; i < languages.size(); ++i) {
        auto* button = new QPushButton(nativeName(languages[i]), this);
        button->setObjectName(QStringLiteral("language_") + languages[i]);
        button->setCheckable(true);
        button->setProperty("role", QStringLiteral("language"));
        button->setAccessibleName(nativeName(languages[i]));
        m_group->addButton(button, i);
        layout()->addWidget(button);
    }
}

QList<QAbstractButton*> LanguageBar::buttons() const
{
    QList<QAbstractButton*> ordered;
    for (int i = 0; i < m_languages.size(); ++i)
        ordered.append(m_group->button(i));
    return ordered;
}

void LanguageBar::setCurrent(const QString& language)
{
    if (QAbstractButton* b = m_group->button(int(m_languages.indexOf(language))))
        b->setChecked(true);
}

} // namespace kiosk
