#include "storeerror.h"

#include <QSqlError>

namespace kiosk {

StoreError classifySqlError(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (!ok)
        return error.type() == QSqlError::ConnectionError ? StoreError::Io : StoreError::Other;
    switch (code & 0xff) { // primary SQLite result code
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return StoreError::Busy;
    case 8: // SQLITE_READONLY
        return StoreError::ReadOnly;
    case 13: // SQLITE_FULL
        return StoreError::DiskFull;
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return StoreError::Corrupt;
    case 10: // SQLITE_IOERR
    case 14: // SQLITE_CANTOPEN
        return StoreError::Io;
    default:
        return StoreError::Other;
    }
}

QString describeStoreError(StoreError error)
{
    switch (error) {
    case StoreError::None:
        return {};
    case StoreError::NotFound:
        return QStringLiteral("No signature database was found in the data folder. Check the folder, or set the kiosk "
                              "up first.");
    case StoreError::DiskFull:
        return QStringLiteral("The kiosk's storage is full. Free some space or use a larger drive; nothing was lost.");
    case StoreError::ReadOnly:
        return QStringLiteral("The kiosk's data folder is read-only. Check the drive's write-protect switch or the "
                              "folder's permissions.");
    case StoreError::Busy:
        return QStringLiteral("The signature database is in use by another program. Close the other program and "
                              "try again.");
    case StoreError::Corrupt:
        return QStringLiteral("The signature database is damaged or is not a signature database. It has not been "
                              "changed; ask a coordinator to recover it.");
    case StoreError::NewerSchema:
        return QStringLiteral("The signature database was written by a newer version of the kiosk. Update this "
                              "kiosk before using it.");
    case StoreError::WrongCodec:
        return QStringLiteral("The signature database was sealed in a different way than this kiosk expects. Ask a "
                              "coordinator.");
    case StoreError::Io:
        return QStringLiteral("The kiosk could not read or write its storage. Check that the drive is still "
                              "connected.");
    case StoreError::NoSuchRecord:
        return QStringLiteral("There is no such record in the signature database.");
    case StoreError::TextChanged:
        return QStringLiteral("A petition or consent text changed, but its version number did not. A changed text "
                              "needs a new version number.");
    case StoreError::Invalid:
        return QStringLiteral("A file the kiosk was given is not as it should be.");
    case StoreError::ChangedMeanwhile:
        return QStringLiteral("The signatures changed while the batch was written (another export?). Nothing was "
                              "marked; export again.");
    case StoreError::StallClosed:
        return QStringLiteral("The stall is not open: a volunteer enters the PIN first.");
    case StoreError::Other:
        return QStringLiteral("The signature database reported an unexpected problem. Restart the kiosk; if it "
                              "happens again, ask a coordinator.");
    }
    return {};
}

} // namespace kiosk
