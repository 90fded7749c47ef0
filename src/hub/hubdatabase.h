#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>

namespace kiosk::hub {

// The hub's database: a SQLite file (the default: no server) or PostgreSQL through Qt's QPSQL driver, with one schema
// and one set of migrations for both. `where` is a file path, or a URL:
//   postgresql://user@host:port/dbname                  a server over TCP (password from PGPASSWORD)
//   postgresql:///dbname?host=/run/postgresql&user=me    a Unix socket folder
class HubDatabase final
{
public:
    enum class Backend { SQLite, PostgreSQL };
    // How the hub keeps names: in clear (the default, for a SQLite file on an encrypted disk), or sealed as the
    // batches bring them, with keyed tags for the duplicate checks (so that a database server never holds a name).
    enum class Store { Clear, Sealed };
    static QString storeName(Store store);
    static constexpr int Latest = 3;

    ~HubDatabase();
    HubDatabase(const HubDatabase&) = delete;
    HubDatabase& operator=(const HubDatabase&) = delete;

    // Connects (a SQLite file is created owner-only if missing) and brings the schema to Latest. `store` is taken
    // when the database is made; for an existing one it must be the same, or be left out.
    static Result<std::unique_ptr<HubDatabase>> open(const QString& where, std::optional<Store> store = std::nullopt);
    // For the migration tests: a database made at an earlier schema.
    static Result<std::unique_ptr<HubDatabase>> openAtSchema(const QString& where, int schema);
    static bool isPostgresUrl(const QString& where) { return where.startsWith(QLatin1String("postgresql:")); }

    Backend backend() const { return m_backend; }
    Store store() const { return m_store; }
    QSqlDatabase& database() { return m_db; }
    QSqlQuery query() { return QSqlQuery(m_db); }
    // A short name for messages: the file, or the server and database (never a password).
    QString description() const { return m_description; }
    // What open() was given: another connection to the same database is open(location()).
    QString location() const { return m_location; }

    VoidResult begin();
    VoidResult commit();
    void rollback();
    // A failure from a query, with the driver's words (never a field value: values are bound).
    Failure failFrom(const QSqlQuery& q) const;
    // Whether the last failure was a unique or primary key violation (another import stored the same thing first).
    static bool isUniqueViolation(const QSqlQuery& q);

    int schemaVersion();

    // An entry in the hub's audit log (`hub_audit`): what was done, by the account that ran it, now. `detail` holds
    // counts, ids and hashes, never a signer's details.
    VoidResult audit(const QString& action, const QString& detail);
    // After signatures were erased or purged: no old copy of their rows is left where the database keeps its data.
    // SQLite zeroes what it frees (secure_delete), and its write-ahead log is checkpointed and truncated; PostgreSQL
    // rewrites the table and its indexes (VACUUM FULL), so the old row versions' files are gone. Neither reaches the
    // server's own write-ahead log segments or backups (see docs/coordinators.md).
    VoidResult scrub();
    // The account petition-hub runs as, as the audit log records it.
    static QString operatorName();

private:
    HubDatabase() = default;
    static Result<std::unique_ptr<HubDatabase>> open(const QString& where, std::optional<Store> store, int schema);
    VoidResult migrate(int upTo);

    Backend m_backend = Backend::SQLite;
    Store m_store = Store::Clear;
    QSqlDatabase m_db;
    QString m_connection;
    QString m_description;
    QString m_location;
};

// One transaction on the hub database (HubDatabase::begin), rolled back when it goes out of scope unless commit() was
// called: every early return of a failing step leaves nothing half-done.
class HubTransaction final
{
public:
    explicit HubTransaction(HubDatabase& db)
        : m_db(db)
        , m_started(db.begin())
    {
    }
    ~HubTransaction()
    {
        if (m_started && !m_ended)
            m_db.rollback();
    }
    HubTransaction(const HubTransaction&) = delete;
    HubTransaction& operator=(const HubTransaction&) = delete;

    const VoidResult& started() const { return m_started; }
    VoidResult commit()
    {
        m_ended = true;
        return m_db.commit();
    }

private:
    HubDatabase& m_db;
    VoidResult m_started;
    bool m_ended = false;
};

} // namespace kiosk::hub
