#include "rulemessages.h"

#include <QCoreApplication>

namespace kiosk {

QString ruleMessage(RuleError error)
{
    switch (error) {
    case RuleError::None:
        return {};
    case RuleError::NameRequired:
        return QCoreApplication::translate("RuleMessages", "Please enter your full name.");
    case RuleError::NameTooLong:
        return QCoreApplication::translate("RuleMessages", "Your name is too long: at most 255 characters, please.");
    case RuleError::NameInvalidCharacters:
        return QCoreApplication::translate(
            "RuleMessages", "Your name contains characters that cannot be used. Please type it again.");
    case RuleError::NameContainsLink:
        return QCoreApplication::translate("RuleMessages", "A name cannot contain a web address.");
    case RuleError::CountryInvalid:
        return QCoreApplication::translate("RuleMessages", "Please choose your country from the list.");
    case RuleError::PostcodeRequired:
        return QCoreApplication::translate("RuleMessages", "Please enter your postcode.");
    case RuleError::PostcodeInvalid:
        return QCoreApplication::translate(
            "RuleMessages", "This does not look like a UK postcode. It should look like SW1A 1AA.");
    case RuleError::EmailRequiredForContact:
        return QCoreApplication::translate(
            "RuleMessages", "Please enter your email address so that we can contact you, or untick the contact box.");
    case RuleError::EmailInvalid:
        return QCoreApplication::translate(
            "RuleMessages", "This does not look like an email address. It should look like name@example.com.");
    case RuleError::EmailLimitReached:
        return QCoreApplication::translate("RuleMessages",
            "This email address has already been used by two people for this petition. "
            "Please use another address, or untick the contact box.");
    case RuleError::ResidencyRequired:
        return QCoreApplication::translate("RuleMessages", "Please answer yes or no.");
    case RuleError::ConsentRequired:
        return QCoreApplication::translate("RuleMessages", "Please tick the consent box to sign.");
    }
    return {};
}

QString storeMessage(StoreError error)
{
    switch (error) {
    case StoreError::None:
        return {};
    case StoreError::DiskFull:
        return QCoreApplication::translate("StoreMessages",
            "Sorry, your signature could not be saved: the kiosk's storage is full. "
            "Your details are still here. Please ask a volunteer.");
    case StoreError::ReadOnly:
    case StoreError::Io:
    case StoreError::NotFound:
        return QCoreApplication::translate("StoreMessages",
            "Sorry, your signature could not be saved: the kiosk cannot write to its "
            "storage. Your details are still here. Please ask a volunteer.");
    case StoreError::Busy:
        return QCoreApplication::translate("StoreMessages",
            "Sorry, the kiosk is busy. Your details are still here. Please tap "
            "\"Sign the petition\" again in a moment.");
    default:
        return QCoreApplication::translate("StoreMessages",
            "Sorry, your signature could not be saved. Your details are still here. "
            "Please ask a volunteer.");
    }
}

} // namespace kiosk
