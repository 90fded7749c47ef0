#include "kiosksettings.h"

#include <algorithm>

#include "datadir.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

namespace kiosk {

KioskSettings::KioskSettings(const QString& dataDir)
    : m_path(DataDir::settingsPath(dataDir))
{
    (void)DataDir::createOwnerOnlyFile(m_path); // QSettings reports a file it cannot write at sync()
    m_settings = std::make_unique<QSettings>(m_path, QSettings::IniFormat);
}

KioskSettings::~KioskSettings() = default;

namespace {
int bounded(const QVariant& v, int fallback, int low, int high)
{
    bool ok = false;
    const int n = v.toInt(&ok);
    return ok ? qBound(low, n, high) : fallback;
}
} // namespace

int KioskSettings::idleTimeoutSeconds() const
{
    return bounded(m_settings->value(QStringLiteral("kiosk/idle_timeout")), 60, 10, 3600);
}

void KioskSettings::setIdleTimeoutSeconds(int seconds)
{
    m_settings->setValue(QStringLiteral("kiosk/idle_timeout"), seconds);
}

int KioskSettings::stillThereSeconds() const
{
    return bounded(m_settings->value(QStringLiteral("kiosk/still_there_countdown")), 15, 3, 120);
}

int KioskSettings::thankYouSeconds() const
{
    return bounded(m_settings->value(QStringLiteral("kiosk/thank_you_delay")), 8, 2, 120);
}

void KioskSettings::setThankYouSeconds(int seconds)
{
    m_settings->setValue(QStringLiteral("kiosk/thank_you_delay"), seconds);
}

KioskSettings::Keyboard KioskSettings::keyboard() const
{
    return m_settings->value(QStringLiteral("kiosk/keyboard")).toString() == QLatin1String("system")
        ? Keyboard::System
        : Keyboard::BuiltIn;
}

void KioskSettings::setKeyboard(Keyboard keyboard)
{
    m_settings->setValue(QStringLiteral("kiosk/keyboard"), keyboardName(keyboard));
}

KioskSettings::Theme KioskSettings::theme() const
{
    return m_settings->value(QStringLiteral("kiosk/theme")).toString() == QLatin1String("high-contrast")
        ? Theme::HighContrast
        : Theme::Standard;
}

void KioskSettings::setTheme(Theme theme)
{
    m_settings->setValue(QStringLiteral("kiosk/theme"), themeName(theme));
}

QString KioskSettings::defaultLanguage() const
{
    return m_settings->value(QStringLiteral("kiosk/default_language"), QStringLiteral("en")).toString();
}

void KioskSettings::setDefaultLanguage(const QString& language)
{
    m_settings->setValue(QStringLiteral("kiosk/default_language"), language);
}

QString KioskSettings::organisation() const
{
    return m_settings->value(QStringLiteral("stall/organisation")).toString();
}

void KioskSettings::setOrganisation(const QString& name)
{
    m_settings->setValue(QStringLiteral("stall/organisation"), name.trimmed());
}

QString KioskSettings::stallName() const
{
    return m_settings->value(QStringLiteral("stall/name")).toString();
}

void KioskSettings::setStallName(const QString& name)
{
    m_settings->setValue(QStringLiteral("stall/name"), name.trimmed());
    setStallId(stallIdFor(name));
}

QString KioskSettings::stallPlace() const
{
    return m_settings->value(QStringLiteral("stall/place")).toString();
}

void KioskSettings::setStallPlace(const QString& place)
{
    m_settings->setValue(QStringLiteral("stall/place"), place.trimmed());
}

bool KioskSettings::hidePointer() const
{
    return m_settings->value(QStringLiteral("kiosk/hide_pointer"), false).toBool();
}

void KioskSettings::setHidePointer(bool hide)
{
    m_settings->setValue(QStringLiteral("kiosk/hide_pointer"), hide);
}

bool KioskSettings::paused() const
{
    return m_settings->value(QStringLiteral("kiosk/paused"), false).toBool();
}

void KioskSettings::setPaused(bool paused)
{
    m_settings->setValue(QStringLiteral("kiosk/paused"), paused);
}

bool KioskSettings::hasStallDetails() const
{
    return !organisation().isEmpty() && !stallName().isEmpty();
}

QString KioskSettings::stallIdFor(const QString& name)
{
    QString id;
    bool hyphen = false;
    for (const QChar c : name.normalized(QString::NormalizationForm_KD).toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))) {
            if (hyphen && !id.isEmpty())
                id += QLatin1Char('-');
            id += c;
            hyphen = false;
        } else if (c.category() != QChar::Mark_NonSpacing) {
            hyphen = true;
        }
    }
    return id.isEmpty() ? QStringLiteral("stall") : id.left(40);
}

QString KioskSettings::backupFolder() const
{
    return m_settings->value(QStringLiteral("backup/folder")).toString();
}

void KioskSettings::setBackupFolder(const QString& folder)
{
    m_settings->setValue(QStringLiteral("backup/folder"), folder);
}

int KioskSettings::backupEvery() const
{
    return bounded(m_settings->value(QStringLiteral("backup/every")), 25, 1, 10000);
}

void KioskSettings::setBackupEvery(int every)
{
    m_settings->setValue(QStringLiteral("backup/every"), std::clamp(every, 1, 10000));
}

int KioskSettings::dayGoal() const
{
    return bounded(m_settings->value(QStringLiteral("kiosk/day_goal")), 0, 0, MaxDayGoal);
}

void KioskSettings::setDayGoal(int goal)
{
    m_settings->setValue(QStringLiteral("kiosk/day_goal"), std::clamp(goal, 0, MaxDayGoal));
}

QString KioskSettings::campaignFolder() const
{
    return m_settings->value(QStringLiteral("campaign/folder")).toString();
}

void KioskSettings::setCampaignFolder(const QString& folder)
{
    m_settings->setValue(QStringLiteral("campaign/folder"), folder);
}

QString KioskSettings::stallId() const
{
    // kiosk.ini may have been edited by hand (or by someone hostile): an id that is not a slug would name folders
    // outside the export folder ("../escaped"), so it is made into one here, where every reader gets it.
    const QString stored = m_settings->value(QStringLiteral("stall/id"), QStringLiteral("stall")).toString();
    return isStallId(stored) ? stored : stallIdFor(stored);
}

bool KioskSettings::isStallId(const QString& id)
{
    static const QRegularExpression slug(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return id.size() <= 40 && slug.match(id).hasMatch();
}

void KioskSettings::setStallId(const QString& id)
{
    m_settings->setValue(QStringLiteral("stall/id"), id);
}

bool KioskSettings::sync()
{
    m_settings->sync();
    DataDir::setOwnerOnly(m_path, false);
    return m_settings->status() == QSettings::NoError;
}

QString KioskSettings::keyboardName(Keyboard keyboard)
{
    return keyboard == Keyboard::System ? QStringLiteral("system") : QStringLiteral("builtin");
}

QString KioskSettings::themeName(Theme theme)
{
    return theme == Theme::HighContrast ? QStringLiteral("high-contrast") : QStringLiteral("standard");
}

} // namespace kiosk
