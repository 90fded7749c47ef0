#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QString>

namespace kiosk {

class PersonalDataCodec;

// The database schema and its stepwise migrations. Version 0 is an empty file; each step N-1 -> N runs in its
// own transaction together with the schema_version update in the meta table, so a crash between steps leaves
// a database at a well-defined version.
class Schema final
{
public:
    static constexpr int Latest = 8;

    // -1 if the version cannot be read.
    static int version(QSqlDatabase& db);

    // Brings `db` up to `target` (<= Latest). Refuses a database newer than Latest.
    static VoidResult migrate(QSqlDatabase& db, const PersonalDataCodec& codec, int target);
};

} // namespace kiosk
