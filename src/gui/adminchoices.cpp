#include "adminchoices.h"

#include "languagebar.h"

#include <QComboBox>
#include <QCoreApplication>

namespace kiosk {

QList<int> idleTimeoutChoices()
{
    return { 30, 45, 60, 90, 120, 180, 300 };
}

QList<int> thankYouChoices()
{
    return { 4, 6, 8, 10, 15, 20 };
}

void fillSecondsChoices(QComboBox* combo, const QList<int>& seconds, int current)
{
    combo->clear();
    QList<int> all = seconds;
    if (!all.contains(current)) {
        all.append(current); // a value set by hand in kiosk.ini stays choosable
        std::sort(all.begin(), all.end());
    }
    for (const int s : all)
        combo->addItem(QCoreApplication::translate("AdminChoices", "%1 seconds").arg(s), s);
    combo->setCurrentIndex(combo->findData(current));
}

void fillLanguageChoices(QComboBox* combo, const QStringList& languages, const QString& current)
{
    combo->clear();
    for (const QString& language : languages)
        combo->addItem(LanguageBar::nativeName(language), language);
    combo->setCurrentIndex(qMax(0, combo->findData(current)));
}

} // namespace kiosk
