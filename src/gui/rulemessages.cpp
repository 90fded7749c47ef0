#include "rulemessages.h"

#include <QDir>

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

QString volunteerStoreMessage(StoreError error)
{
    switch (error) {
    case StoreError::None:
        return {};
    case StoreError::DiskFull:
        return QCoreApplication::translate("StoreMessages", "the kiosk's storage is full. Free some space.");
    case StoreError::ReadOnly:
    case StoreError::Io:
    case StoreError::NotFound:
        return QCoreApplication::translate(
            "StoreMessages", "the kiosk cannot read or write its data folder. Check the drive.");
    case StoreError::Busy:
        return QCoreApplication::translate(
            "StoreMessages", "the database is in use by another program. Try again in a moment.");
    default:
        return QCoreApplication::translate(
            "StoreMessages", "the database reported a problem. Restart the kiosk, or ask a coordinator.");
    }
}

QString exportMessage(const BatchExporter::Outcome& outcome)
{
    const QString folder = QDir::toNativeSeparators(outcome.folder);
    switch (outcome.problem) {
    case BatchExporter::Problem::None:
        return QCoreApplication::translate("ExportMessages", "Done: %1 signatures in %2. You can remove the stick.")
            .arg(outcome.rows)
            .arg(folder);
    case BatchExporter::Problem::NothingNew:
        return QCoreApplication::translate(
            "ExportMessages", "There are no new signatures to export. Nothing was written.");
    case BatchExporter::Problem::DriveGone:
        return QCoreApplication::translate("ExportMessages",
            "The drive is no longer there (was it removed?). Nothing was marked as "
            "exported; put the drive back and export again.");
    case BatchExporter::Problem::DriveReadOnly:
        return QCoreApplication::translate("ExportMessages",
            "The drive is read-only. Nothing was marked as exported; check its "
            "write-protect switch, or use another drive.");
    case BatchExporter::Problem::DriveFull:
        return QCoreApplication::translate("ExportMessages",
            "The drive is full. Nothing was marked as exported; free some space or "
            "use another drive.");
    case BatchExporter::Problem::FolderExists:
        return QCoreApplication::translate("ExportMessages",
            "A batch folder with this name is already on the drive. Nothing was "
            "written or marked; ask a coordinator.");
    case BatchExporter::Problem::NotRecorded:
    case BatchExporter::Problem::Store:
        return QCoreApplication::translate("ExportMessages",
            "The batch could not be recorded: %1 Nothing was marked as exported; "
            "export again.")
            .arg(volunteerStoreMessage(outcome.storeError));
    case BatchExporter::Problem::AnotherExport:
        return QCoreApplication::translate("ExportMessages",
            "Another export is running on this kiosk. Wait for it to finish, then "
            "export again.");
    case BatchExporter::Problem::WriteFailed:
    case BatchExporter::Problem::NotSound:
    case BatchExporter::Problem::NoSuchBatch:
    case BatchExporter::Problem::NoLongerMatches:
        break;
    }
    return QCoreApplication::translate("ExportMessages",
        "The batch could not be written. Nothing was marked as exported; check the "
        "drive and export again.");
}

} // namespace kiosk
