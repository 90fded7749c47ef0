#pragma once

#include "core/result.h"
#include "hubdatabase.h"

#include <QByteArray>

#include <functional>

struct pg_conn;
struct pg_result;
struct sqlite3;

namespace kiosk::hub::native {

// The connection Qt's driver holds, for the work Qt's per-value binding makes slow (QSqlDriver::handle(): a QVariant of
// the C type). Null when the driver gives none.
pg_conn* postgres(HubDatabase& db);
sqlite3* sqlite(HubDatabase& db);

// A failure of the hub database, in the words the CLI prints ("The hub database (…) refused the change: …").
Failure refusal(const QString& description, const QString& words, StoreError kind = StoreError::Other);

// One value in COPY's text format: backslash, tab, newline and carriage return escaped.
void appendCopyText(QByteArray& line, QByteArrayView value);
// A value as stream() gives it, as the database holds it: COPY's text escapes undone on PostgreSQL (backslash, tab,
// newline, carriage return, backspace, form feed, vertical tab); SQLite's bytes are already the value.
QByteArray textValue(HubDatabase& db, QByteArrayView streamed);

// A failure from libpq, with the server's primary message only (its detail and context can quote a row's values).
// A unique violation or a deadlock with another import is StoreError::ChangedMeanwhile. Clears `result`.
Failure postgresFailure(pg_conn* conn, pg_result* result, const QString& description);
Failure sqliteFailure(sqlite3* db, const QString& description);

// Runs `copy` (COPY … FROM STDIN) with `data` in COPY's text format; endCopy() reads what a COPY in or out ends with.
VoidResult copyIn(pg_conn* conn, const QByteArray& copy, const QByteArray& data, const QString& description);
VoidResult endCopy(pg_conn* conn, bool ok, const QString& description);

// Each row of `select` (text columns), in its order, to `take`; read by COPY … TO STDOUT (PostgreSQL) or by stepping
// the statement (SQLite), never held whole. The columns come as COPY's text gives them: equal values give equal bytes.
VoidResult stream(HubDatabase& db, const QByteArray& select, int columns,
    const std::function<void(const QByteArrayView* values)>& take);

// Writes `rows` (each `columns` text values) into `table (names)`: COPY FROM STDIN, or a prepared INSERT.
VoidResult insertText(
    HubDatabase& db, const QByteArray& table, const QByteArray& names, const std::vector<QByteArrayList>& rows);

} // namespace kiosk::hub::native
