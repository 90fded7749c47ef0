#include "hubrowwriter.h"

#include "hubnative.h"

#include <QHash>
#include <QSet>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstring>

namespace kiosk::hub {

namespace {

constexpr const char* Names[HubRowWriter::ColumnCount] = { "id", "batch", "device_id", "stall_id", "signed_at",
    "petition_id", "petition_version", "consent_version", "country", "postcode_area", "uk_citizen_or_resident",
    "contact_opt_in", "language", "full_name", "postcode", "email", "signature_svg", "content_sha256", "sealed",
    "sealed_drawing", "name_postcode_key", "email_name_key", "email_key" };

QByteArray columnList()
{
    QByteArray list;
    for (int c = 0; c < HubRowWriter::ColumnCount; ++c)
        list += (c ? ", " : "") + QByteArray(Names[c]);
    return list;
}

// Rows whose ids the table holds already, sorted out: the same content is known, other content a conflict. `stored`
// maps the ids found to their content hashes. Returns the rows still to write.
std::vector<const QByteArrayList*> sortOut(const std::vector<QByteArrayList>& rows,
    const QHash<QByteArray, QByteArray>& stored, HubRowWriter::Outcome& outcome)
{
    std::vector<const QByteArrayList*> fresh;
    fresh.reserve(rows.size());
    QHash<QByteArray, QByteArray> seen; // the same id twice among `rows`
    for (const QByteArrayList& row : rows) {
        const QByteArray& id = row.at(HubRowWriter::Id);
        const QByteArray& hash = row.at(HubRowWriter::ContentSha256);
        const auto there = stored.constFind(id);
        const auto earlier = there == stored.cend() ? seen.constFind(id) : seen.cend();
        if (there != stored.cend() || earlier != seen.cend()) {
            const QByteArray& before = there != stored.cend() ? *there : *earlier;
            if (before == HubRowWriter::RemovedContent)
                ++outcome.removed;
            else if (before == hash)
                ++outcome.known;
            else
                outcome.conflicts << QString::fromLatin1(id);
            continue;
        }
        seen.insert(id, hash);
        fresh.push_back(&row);
    }
    return fresh;
}

// PostgreSQL: which ids are there already (one query), then the new rows in one COPY, in COPY's text format.
class PostgresWriter final : public HubRowWriter
{
public:
    PostgresWriter(PGconn* conn, QString description)
        : m_conn(conn)
        , m_description(std::move(description))
        , m_copy("COPY signatures (" + columnList() + ") FROM STDIN")
    {
    }

    VoidResult write(const std::vector<QByteArrayList>& rows, Outcome& outcome) override
    {
        if (rows.empty())
            return {};
        // The ids, as an array literal; each is quoted, whatever it holds.
        QByteArray ids = "{";
        for (const QByteArrayList& row : rows) {
            ids += ids.size() > 1 ? ",\"" : "\"";
            for (const char ch : row.at(Id)) {
                if (ch == '"' || ch == '\\')
                    ids += '\\';
                ids += ch;
            }
            ids += '"';
        }
        ids += '}';
        const char* params[1] = { ids.constData() };
        QHash<QByteArray, QByteArray> stored;
        {
            PGresult* found
                = PQexecParams(m_conn, "SELECT id, content_sha256 FROM signatures WHERE id = ANY ($1::text[])", 1,
                    nullptr, params, nullptr, nullptr, 0);
            if (PQresultStatus(found) != PGRES_TUPLES_OK)
                return failure(found);
            for (int i = 0; i < PQntuples(found); ++i)
                stored.insert(QByteArray(PQgetvalue(found, i, 0)), QByteArray(PQgetvalue(found, i, 1)));
            PQclear(found);
        }
        const std::vector<const QByteArrayList*> fresh = sortOut(rows, stored, outcome);
        if (fresh.empty())
            return {};
        m_buffer.clear();
        for (const QByteArrayList* row : fresh)
            appendLine(*row);
        if (const VoidResult copied = native::copyIn(m_conn, m_copy, m_buffer, m_description); !copied)
            return copied;
        outcome.added += qint64(fresh.size());
        return {};
    }

private:
    // One line of COPY's text format: tab between values, \N for NULL, backslash escapes, bytea as \\x and hex.
    void appendLine(const QByteArrayList& row)
    {
        for (int c = 0; c < ColumnCount; ++c) {
            if (c)
                m_buffer += '\t';
            const QByteArray& value = row.at(c);
            if (isBytes(c)) {
                if (value.isEmpty()) {
                    m_buffer += "\\N";
                } else {
                    m_buffer += "\\\\x";
                    m_buffer += value.toHex();
                }
                continue;
            }
            native::appendCopyText(m_buffer, value);
        }
        m_buffer += '\n';
    }

    Failure failure(PGresult* result) const { return native::postgresFailure(m_conn, result, m_description); }

    PGconn* m_conn;
    QString m_description;
    QByteArray m_copy;
    QByteArray m_buffer;
};

// SQLite: one prepared INSERT … ON CONFLICT DO NOTHING per row, and a look at the stored hash when it adds nothing.
// The importer's BEGIN IMMEDIATE holds the write lock, so no other import can interleave.
class SqliteWriter final : public HubRowWriter
{
public:
    SqliteWriter(sqlite3* db, QString description)
        : m_db(db)
        , m_description(std::move(description))
    {
    }
    ~SqliteWriter() override
    {
        sqlite3_finalize(m_insert);
        sqlite3_finalize(m_lookup);
    }

    VoidResult prepare()
    {
        QByteArray marks;
        for (int c = 0; c < ColumnCount; ++c)
            marks += c ? ",?" : "?";
        const QByteArray insert
            = "INSERT INTO signatures (" + columnList() + ") VALUES (" + marks + ") ON CONFLICT (id) DO NOTHING";
        if (sqlite3_prepare_v2(m_db, insert.constData(), -1, &m_insert, nullptr) != SQLITE_OK
            || sqlite3_prepare_v2(m_db, "SELECT content_sha256 FROM signatures WHERE id = ?", -1, &m_lookup, nullptr)
                != SQLITE_OK)
            return failure();
        return {};
    }

    VoidResult write(const std::vector<QByteArrayList>& rows, Outcome& outcome) override
    {
        for (const QByteArrayList& row : rows) {
            for (int c = 0; c < ColumnCount; ++c) {
                const QByteArray& v = row.at(c);
                int rc = SQLITE_OK;
                if (isBytes(c))
                    rc = v.isEmpty() ? sqlite3_bind_null(m_insert, c + 1)
                                     : sqlite3_bind_blob(m_insert, c + 1, v.constData(), int(v.size()), SQLITE_STATIC);
                else if (isInteger(c))
                    rc = sqlite3_bind_int64(m_insert, c + 1, v.toLongLong());
                else
                    rc = sqlite3_bind_text(m_insert, c + 1, v.constData(), int(v.size()), SQLITE_STATIC);
                if (rc != SQLITE_OK)
                    return failure();
            }
            const int stepped = sqlite3_step(m_insert);
            sqlite3_reset(m_insert);
            if (stepped != SQLITE_DONE)
                return failure();
            if (sqlite3_changes(m_db) == 1) {
                ++outcome.added;
                continue;
            }
            const QByteArray& id = row.at(Id);
            sqlite3_bind_text(m_lookup, 1, id.constData(), int(id.size()), SQLITE_STATIC);
            QByteArray hash;
            if (sqlite3_step(m_lookup) == SQLITE_ROW)
                hash = QByteArray(
                    reinterpret_cast<const char*>(sqlite3_column_text(m_lookup, 0)), sqlite3_column_bytes(m_lookup, 0));
            sqlite3_reset(m_lookup);
            if (hash == RemovedContent)
                ++outcome.removed;
            else if (hash == row.at(ContentSha256))
                ++outcome.known;
            else
                outcome.conflicts << QString::fromLatin1(id);
        }
        return {};
    }

private:
    Failure failure() const { return native::sqliteFailure(m_db, m_description); }

    sqlite3* m_db;
    QString m_description;
    sqlite3_stmt* m_insert = nullptr;
    sqlite3_stmt* m_lookup = nullptr;
};

} // namespace

Result<std::unique_ptr<HubRowWriter>> HubRowWriter::forDatabase(HubDatabase& db)
{
    const QString description = db.description();
    if (db.backend() == HubDatabase::Backend::PostgreSQL) {
        PGconn* conn = native::postgres(db);
        if (!conn)
            return native::refusal(description, QStringLiteral("Qt's PostgreSQL driver gave no libpq connection."));
        return std::unique_ptr<HubRowWriter>(new PostgresWriter(conn, description));
    }
    sqlite3* handle = native::sqlite(db);
    if (!handle)
        return native::refusal(description, QStringLiteral("Qt's SQLite driver gave no SQLite connection."));
    auto writer = std::make_unique<SqliteWriter>(handle, description);
    if (const VoidResult prepared = writer->prepare(); !prepared)
        return prepared.failure();
    return std::unique_ptr<HubRowWriter>(std::move(writer));
}

} // namespace kiosk::hub
