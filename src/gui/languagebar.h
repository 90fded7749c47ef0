#pragma once

#include <QStringList>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;

namespace kiosk {

// A row of language buttons, each language named in its own script. Every page that shows one gets the same
// behaviour: a tap switches the kiosk's language.
class LanguageBar final : public QWidget
{
    Q_OBJECT
public:
    explicit LanguageBar(QWidget* parent = nullptr);
    void setLanguages(const QStringList& languages);
    void setCurrent(const QString& language);
    QList<QAbstractButton*> buttons() const;

    static QString nativeName(const QString& language);

signals:
    void languageChosen(const QString& language);

private:
    QButtonGroup* m_group = nullptr;
    QStringList m_languages;
};

} // namespace kiosk
