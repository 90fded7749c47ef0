#include "personname.h"

#include <QRegularExpression>
#include <QStringList>

namespace kiosk::PersonName {

namespace {

// Whether `name` (simplified) can be read given name first.
bool givenNameFirst(const QString& name, const QString& language)
{
    static const QStringList familyFirst { QStringLiteral("zh"), QStringLiteral("ja"), QStringLiteral("ko"),
        QStringLiteral("vi"), QStringLiteral("hu") };
    if (familyFirst.contains(language.section(QLatin1Char('_'), 0, 0)))
        return false;
    for (const char32_t c : name.toUcs4()) {
        if (QChar::isLetter(c) && QChar::script(c) != QChar::Script_Latin)
            return false;
    }
    // Letters of Vietnamese (horn, đ, and the precomposed letters with tones) and Hungarian (ő, ű).
    static const QRegularExpression familyFirstLetters(
        QStringLiteral("[ơưđĐƠƯőűŐŰ\\x{1EA0}-\\x{1EF9}]"), QRegularExpression::UseUnicodePropertiesOption);
    if (familyFirstLetters.match(name.normalized(QString::NormalizationForm_C)).hasMatch())
        return false;
    const QString first = name.section(QLatin1Char(' '), 0, 0);
    static const QStringList vietnameseFamilies { QStringLiteral("nguyen"), QStringLiteral("tran"),
        QStringLiteral("le"), QStringLiteral("pham"), QStringLiteral("hoang"), QStringLiteral("huynh"),
        QStringLiteral("phan"), QStringLiteral("vu"), QStringLiteral("vo"), QStringLiteral("dang"),
        QStringLiteral("bui"), QStringLiteral("do"), QStringLiteral("ho"), QStringLiteral("ngo"),
        QStringLiteral("duong"), QStringLiteral("ly") };
    if (name.contains(QLatin1Char(' ')) && vietnameseFamilies.contains(first.toLower()))
        return false;
    return !first.isEmpty() && first.at(0).isLetter();
}

} // namespace

std::optional<Parts> split(const QString& fullName, const QString& language)
{
    const QString name = fullName.simplified();
    const QStringList words = name.split(QLatin1Char(' '));
    if (words.size() < 2 || !givenNameFirst(name, language))
        return std::nullopt;
    qsizetype family = words.size() - 1;
    for (qsizetype i = 1; i < words.size() - 1; ++i) {
        if (words.at(i).at(0).isLower()) {
            family = i;
            break;
        }
    }
    return Parts { words.mid(0, family).join(QLatin1Char(' ')), words.mid(family).join(QLatin1Char(' ')) };
}

QString givenName(const QString& fullName, const QString& language)
{
    const QString name = fullName.simplified();
    return givenNameFirst(name, language) ? name.section(QLatin1Char(' '), 0, 0) : QString();
}

} // namespace kiosk::PersonName
