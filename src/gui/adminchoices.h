#pragma once

#include <QStringList>

class QComboBox;

namespace kiosk {

// The fixed choices the set-up and admin screens offer, so that a volunteer picks rather than types.
void fillSecondsChoices(QComboBox* combo, const QList<int>& seconds, int current);
void fillLanguageChoices(QComboBox* combo, const QStringList& languages, const QString& current);
QList<int> idleTimeoutChoices();
QList<int> thankYouChoices();

} // namespace kiosk
