#pragma once

#include <QString>

class QSqlError;

namespace kiosk {

// What went wrong in storage, in categories the GUI can explain to a volunteer in their language.
enum class StoreError {
    None = 0,
    NotFound, // no database where one was expected
    DiskFull,
    ReadOnly,
    Busy, // locked by another program
    Corrupt, // damaged, or not a database at all
    NewerSchema, // written by a newer version of the kiosk
    WrongCodec, // personal fields sealed by another codec
    Io, // the drive failed or disappeared
    NoSuchRecord, // no signature or batch with that id
    TextChanged, // a petition or consent text changed under an old version number
    Invalid, // a file from outside (a campaign folder, say) is not as it should be; the details say why
    ChangedMeanwhile, // the signatures changed while a batch was written; nothing was marked
    StallClosed, // a sealed kiosk's duplicate key is not unlocked: the stall has not been opened with the PIN
    Other,
};

// Maps a Qt SQL error from the QSQLITE driver onto a category.
StoreError classifySqlError(const QSqlError& error);

// One English sentence for the volunteer and the CLI: what happened and what to do. Never a raw SQL message.
QString describeStoreError(StoreError error);

} // namespace kiosk
