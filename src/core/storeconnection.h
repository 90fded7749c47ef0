#pragma once

#include "personaldatacodec.h"
#include "result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

namespace kiosk {

// The one connection to a data folder's signatures.sqlite (WAL, synchronous=FULL), shared by the store's parts
// (signatures, audit log, batch ledger, text versions, meta values). It owns the transactions and the error state:
// every public operation of every part starts with begin(), which clears the last error and refuses a closed store,
// and every failure passes through fail(), which records it, logs it (SQLite's words, never a field value) and
// hands it back as a Failure.
class StoreConnection final
{
public:
    enum class OpenMode { CreateIfMissing, ExistingOnly };
    struct Options
    {
        int busyTimeoutMs = 2000;
        int targetSchemaVersion = -1; // -1: latest. Tests open older versions to prove the migrations.
        // A SQLite VFS registered in this process, by name (the power-cut tests' crash-simulating one); empty: the
        // default. The database is then opened by URI, file:…?vfs=name.
        QString sqliteVfs;
    };
    enum class Needs {
        Open, // any open database
        LatestSchema, // the parts' prepared statements need the latest schema
    };

    // Without a codec, the store uses the one its database records (plain for a new database).
    explicit StoreConnection(std::unique_ptr<PersonalDataCodec> codec);
    ~StoreConnection();
    StoreConnection(const StoreConnection&) = delete;
    StoreConnection& operator=(const StoreConnection&) = delete;

    VoidResult open(const QString& dataDir, OpenMode mode, const Options& options);
    void close();
    bool isOpen() const;
    bool atLatestSchema() const { return m_latest; }

    // The guard: clears the last error; fails unless the store is open (at the latest schema, if so needed).
    VoidResult begin(Needs needs = Needs::Open);

    // `sentence`, when given, replaces the kind's standard sentence for the CLI user.
    Failure fail(StoreError error, const QString& details, const QString& sentence = {});
    Failure failFrom(const QSqlQuery& query);
    VoidResult exec(const QString& sql);
    QSqlQuery query() const { return QSqlQuery(m_db); }

    const PersonalDataCodec& codec() const { return *m_codec; }
    // The sealing codec, if the store has one (for its keys); otherwise null.
    SealingPersonalDataCodec* sealingCodec() const;
    void setCodec(std::unique_ptr<PersonalDataCodec> codec);
    QString path() const { return m_path; }
    QString dataDir() const { return m_dataDir; }
    QString deviceId() const { return m_deviceId; }
    QSqlDatabase database() const { return m_db; }

    StoreError error() const { return m_last.kind; }
    QString errorString() const { return m_last.kind == StoreError::None ? QString() : m_last.message(); }

private:
    VoidResult configure(const Options& options);
    VoidResult ensureDeviceId();
    VoidResult chooseCodec();

    std::unique_ptr<PersonalDataCodec> m_codec;
    bool m_codecGiven = false;
    QString m_name; // the Qt SQL connection's name, unique per store
    QString m_dataDir;
    QString m_path;
    QSqlDatabase m_db;
    QString m_deviceId;
    bool m_latest = false;
    Failure m_last { StoreError::None, {}, {} };
};

// One write transaction (BEGIN IMMEDIATE: the write lock is taken before any check, so no other writer slips in
// between a check and the write). It starts with the connection's guard, so an operation that opens with a
// transaction needs no begin() of its own. Rolled back unless commit() succeeds.
class WriteTransaction final
{
public:
    explicit WriteTransaction(StoreConnection& connection);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    const VoidResult& started() const { return m_started; }
    VoidResult commit();
    // Ends the transaction now, without committing (a duplicate found, say); no error is recorded.
    void rollback();

private:
    StoreConnection& m_connection;
    VoidResult m_started;
    bool m_open = false;
};

} // namespace kiosk
