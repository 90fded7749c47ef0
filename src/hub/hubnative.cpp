#include "hubnative.h"

#include <QSqlDriver>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstring>

namespace kiosk::hub::native {

namespace {

// Splits one line of COPY's text output into `columns` views (the values stay escaped).
bool splitLine(QByteArrayView line, int columns, QByteArrayView* values)
{
    if (line.endsWith('\n'))
        line.chop(1);
    int at = 0;
    for (int c = 0; c < columns; ++c) {
        const qsizetype tab = c + 1 < columns ? line.indexOf('\t', at) : line.size();
        if (tab < 0)
            return false;
        values[c] = line.sliced(at, tab - at);
        at = int(tab) + 1;
    }
    return true;
}

} // namespace

Failure refusal(const QString& description, const QString& words, StoreError kind)
{
    return Failure { kind, words,
        QStringLiteral("The hub database (%1) refused the change: %2").arg(description, words) };
}

pg_conn* postgres(HubDatabase& db)
{
    const QVariant handle = db.database().driver()->handle();
    // Qt's metatype spells PGconn by its struct's name.
    if (db.backend() != HubDatabase::Backend::PostgreSQL || !handle.isValid()
        || (std::strcmp(handle.typeName(), "PGconn*") != 0 && std::strcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<pg_conn* const*>(handle.constData());
}

sqlite3* sqlite(HubDatabase& db)
{
    const QVariant handle = db.database().driver()->handle();
    if (db.backend() != HubDatabase::Backend::SQLite || !handle.isValid()
        || std::strcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(handle.constData());
}

void appendCopyText(QByteArray& line, QByteArrayView value)
{
    for (const char ch : value) {
        switch (ch) {
        case '\\':
            line += "\\\\";
            break;
        case '\t':
            line += "\\t";
            break;
        case '\n':
            line += "\\n";
            break;
        case '\r':
            line += "\\r";
            break;
        default:
            line += ch;
        }
    }
}

QByteArray textValue(HubDatabase& db, QByteArrayView streamed)
{
    if (db.backend() != HubDatabase::Backend::PostgreSQL || !streamed.contains('\\'))
        return streamed.toByteArray();
    QByteArray value;
    value.reserve(streamed.size());
    for (qsizetype i = 0; i < streamed.size(); ++i) {
        const char ch = streamed[i];
        if (ch != '\\' || i + 1 == streamed.size()) {
            value += ch;
            continue;
        }
        switch (const char next = streamed[++i]) {
        case 't':
            value += '\t';
            break;
        case 'n':
            value += '\n';
            break;
        case 'r':
            value += '\r';
            break;
        case 'b':
            value += '\b';
            break;
        case 'f':
            value += '\f';
            break;
        case 'v':
            value += '\v';
            break;
        default:
            value += next;
        }
    }
    return value;
}

Failure postgresFailure(pg_conn* conn, pg_result* result, const QString& description)
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const QString words = primary ? QString::fromUtf8(primary) : QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    // 23505: a unique violation; 40P01: a deadlock with another import. Both lose the transaction to another import
    // that stored the same ids.
    const bool raced = state && (std::strcmp(state, "23505") == 0 || std::strcmp(state, "40P01") == 0);
    PQclear(result);
    return refusal(description, words, raced ? StoreError::ChangedMeanwhile : StoreError::Other);
}

Failure sqliteFailure(sqlite3* db, const QString& description)
{
    const int code = sqlite3_errcode(db) & 0xff;
    const StoreError kind = code == SQLITE_FULL           ? StoreError::DiskFull
        : code == SQLITE_BUSY || code == SQLITE_LOCKED    ? StoreError::Busy
        : code == SQLITE_IOERR                            ? StoreError::Io
        : code == SQLITE_READONLY                         ? StoreError::ReadOnly
        : code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? StoreError::Corrupt
                                                          : StoreError::Other;
    return refusal(description, QString::fromUtf8(sqlite3_errmsg(db)), kind);
}

VoidResult endCopy(pg_conn* conn, bool ok, const QString& description)
{
    // Every result is read, so that the connection is ready for the next statement whatever happened.
    PGresult* done = PQgetResult(conn);
    ok = ok && PQresultStatus(done) == PGRES_COMMAND_OK;
    const Failure problem = ok ? Failure {} : postgresFailure(conn, done, description);
    if (ok)
        PQclear(done);
    while (PGresult* more = PQgetResult(conn))
        PQclear(more);
    if (!ok)
        return problem;
    return {};
}

VoidResult copyIn(pg_conn* conn, const QByteArray& copy, const QByteArray& data, const QString& description)
{
    PGresult* start = PQexec(conn, copy.constData());
    if (PQresultStatus(start) != PGRES_COPY_IN)
        return postgresFailure(conn, start, description);
    PQclear(start);
    bool sent = PQputCopyData(conn, data.constData(), int(data.size())) == 1;
    sent = PQputCopyEnd(conn, sent ? nullptr : "the hub could not send the rows") == 1 && sent;
    return endCopy(conn, sent, description);
}

VoidResult stream(HubDatabase& db, const QByteArray& select, int columns,
    const std::function<void(const QByteArrayView* values)>& take)
{
    std::vector<QByteArrayView> values(static_cast<std::size_t>(columns));
    if (pg_conn* conn = postgres(db)) {
        PGresult* start = PQexec(conn, ("COPY (" + select + ") TO STDOUT").constData());
        if (PQresultStatus(start) != PGRES_COPY_OUT)
            return postgresFailure(conn, start, db.description());
        PQclear(start);
        bool wellFormed = true;
        for (;;) {
            char* line = nullptr;
            const int length = PQgetCopyData(conn, &line, 0);
            if (length < 0)
                break;
            if (wellFormed && splitLine(QByteArrayView(line, length), columns, values.data()))
                take(values.data());
            else
                wellFormed = false;
            PQfreemem(line);
        }
        if (const VoidResult ended = endCopy(conn, true, db.description()); !ended)
            return ended;
        if (!wellFormed)
            return refusal(db.description(), QStringLiteral("COPY gave a row with too few columns"));
        return {};
    }
    sqlite3* handle = sqlite(db);
    if (!handle)
        return refusal(db.description(), QStringLiteral("Qt's database driver gave no connection of its own."));
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle, select.constData(), int(select.size()), &statement, nullptr) != SQLITE_OK)
        return sqliteFailure(handle, db.description());
    int stepped;
    while ((stepped = sqlite3_step(statement)) == SQLITE_ROW) {
        for (int c = 0; c < columns; ++c)
            values[std::size_t(c)] = QByteArrayView(
                reinterpret_cast<const char*>(sqlite3_column_text(statement, c)), sqlite3_column_bytes(statement, c));
        take(values.data());
    }
    const Failure problem = stepped == SQLITE_DONE ? Failure {} : sqliteFailure(handle, db.description());
    sqlite3_finalize(statement);
    if (stepped != SQLITE_DONE)
        return problem;
    return {};
}

VoidResult insertText(
    HubDatabase& db, const QByteArray& table, const QByteArray& names, const std::vector<QByteArrayList>& rows)
{
    if (rows.empty())
        return {};
    const int columns = int(rows.front().size());
    if (pg_conn* conn = postgres(db)) {
        QByteArray buffer;
        for (const QByteArrayList& row : rows) {
            for (int c = 0; c < columns; ++c) {
                if (c)
                    buffer += '\t';
                appendCopyText(buffer, row.at(c));
            }
            buffer += '\n';
        }
        return copyIn(conn, "COPY " + table + " (" + names + ") FROM STDIN", buffer, db.description());
    }
    sqlite3* handle = sqlite(db);
    if (!handle)
        return refusal(db.description(), QStringLiteral("Qt's database driver gave no connection of its own."));
    const QByteArray sql
        = "INSERT INTO " + table + " (" + names + ") VALUES (?" + QByteArray(",?").repeated(columns - 1) + ")";
    sqlite3_stmt* insert = nullptr;
    if (sqlite3_prepare_v2(handle, sql.constData(), int(sql.size()), &insert, nullptr) != SQLITE_OK)
        return sqliteFailure(handle, db.description());
    for (const QByteArrayList& row : rows) {
        for (int c = 0; c < columns; ++c)
            sqlite3_bind_text(insert, c + 1, row.at(c).constData(), int(row.at(c).size()), SQLITE_STATIC);
        const int stepped = sqlite3_step(insert);
        sqlite3_reset(insert);
        if (stepped != SQLITE_DONE) {
            const Failure problem = sqliteFailure(handle, db.description());
            sqlite3_finalize(insert);
            return problem;
        }
    }
    sqlite3_finalize(insert);
    return {};
}

} // namespace kiosk::hub::native
