#include "storeconnection.h"

#include "datadir.h"
#include "logging.h"
#include "metavalues.h"
#include "schema.h"
#include "signature.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlError>
#include <QUrl>
#include <QUuid>

namespace kiosk {

StoreConnection::StoreConnection(std::unique_ptr<PersonalDataCodec> codec)
    : m_codec(codec ? std::move(codec) : std::make_unique<PlainPersonalDataCodec>())
    , m_codecGiven(m_codec && !dynamic_cast<PlainPersonalDataCodec*>(m_codec.get()))
    , m_name(QStringLiteral("kiosk-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

StoreConnection::~StoreConnection()
{
    close();
}

Failure StoreConnection::fail(StoreError error, const QString& details, const QString& sentence)
{
    m_last = { error, details, sentence };
    // The details are SQLite's or the file system's words, which never hold field values.
    qCWarning(lcStore) << "store error:" << int(error) << details;
    return m_last;
}

Failure StoreConnection::failFrom(const QSqlQuery& query)
{
    const StoreError e = classifySqlError(query.lastError());
    return fail(e == StoreError::None ? StoreError::Other : e, query.lastError().text());
}

VoidResult StoreConnection::exec(const QString& sql)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return {};
    return failFrom(q);
}

bool StoreConnection::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

VoidResult StoreConnection::begin(Needs needs)
{
    m_last = { StoreError::None, {}, {} };
    if (isOpen() && (needs == Needs::Open || m_latest))
        return {};
    return fail(StoreError::NotFound, QStringLiteral("store is not open"));
}

VoidResult StoreConnection::open(const QString& dataDir, OpenMode mode, const Options& options)
{
    close();
    m_last = { StoreError::None, {}, {} };

    const bool create = mode == OpenMode::CreateIfMissing;
    if (const VoidResult prepared = DataDir::prepare(dataDir, create); !prepared) {
        const Failure& f = prepared.failure();
        return fail(f.kind, f.details, f.sentence);
    }

    m_dataDir = QFileInfo(dataDir).absoluteFilePath();
    m_path = DataDir::databasePath(dataDir);
    const QFileInfo dbInfo(m_path);
    if (!dbInfo.exists()) {
        if (!create)
            return fail(StoreError::NotFound, {});
        if (!DataDir::canWriteIn(dataDir))
            return fail(StoreError::ReadOnly, QStringLiteral("cannot create files in the data folder"));
        // Created here first, owner-only, so that SQLite's -wal and -shm files inherit 0600.
        if (const VoidResult created = DataDir::createOwnerOnlyFile(m_path); !created)
            return fail(StoreError::ReadOnly, created.failure().details);
    } else if (!dbInfo.isFile()) {
        return fail(StoreError::Corrupt, QStringLiteral("the database path is not a file"));
    }

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    if (options.sqliteVfs.isEmpty()) {
        m_db.setDatabaseName(m_path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
    } else {
        QUrl uri = QUrl::fromLocalFile(m_path);
        uri.setQuery(QStringLiteral("vfs=") + options.sqliteVfs);
        m_db.setDatabaseName(uri.toString(QUrl::FullyEncoded));
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1;QSQLITE_OPEN_URI").arg(options.busyTimeoutMs));
    }
    if (!m_db.open()) {
        const StoreError e = classifySqlError(m_db.lastError());
        const Failure failure
            = fail(e == StoreError::None || e == StoreError::Other ? StoreError::Io : e, m_db.lastError().text());
        close();
        return failure;
    }
    const VoidResult configured = configure(options);
    if (!configured) {
        close();
        return configured;
    }
    qCInfo(lcStore) << "opened signature database, schema version" << Schema::version(m_db);
    return {};
}

VoidResult StoreConnection::configure(const Options& options)
{
    // journal_mode answers with the mode in force: a read-only or damaged file says so here.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next())
        return failFrom(q);
    if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return fail(StoreError::ReadOnly, QStringLiteral("journal mode is %1, not WAL").arg(q.value(0).toString()));
    q.finish();
    for (const char* pragma : { "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA secure_delete=ON" }) {
        if (const VoidResult s = exec(QLatin1String(pragma)); !s)
            return s;
    }

    if (const VoidResult chosen = chooseCodec(); !chosen)
        return chosen;
    const int target = options.targetSchemaVersion < 0 ? Schema::Latest : options.targetSchemaVersion;
    if (const VoidResult migrated = Schema::migrate(m_db, *m_codec, target); !migrated)
        return fail(migrated.error(), migrated.failure().details);

    MetaValues meta(*this);
    // A database too old to record its codec (schema 0, in the migration tests) has no rows to misread.
    const Result<QString> codec = meta.value(MetaKey::PersonalCodec);
    if (codec && !codec->isEmpty() && *codec != m_codec->id())
        return fail(StoreError::WrongCodec, QStringLiteral("database codec %1").arg(*codec));
    if (const SealingPersonalDataCodec* sealing = sealingCodec()) {
        const QByteArray recorded
            = QByteArray::fromBase64(meta.value(MetaKey::CoordinatorPublicKey).valueOr({}).toLatin1());
        if (recorded != sealing->publicKey())
            return fail(StoreError::WrongCodec, QStringLiteral("sealed to another coordinator key"),
                QStringLiteral("This data folder is sealed to another coordinator's key (%1), not to the key given "
                               "(%2). Nothing was changed.")
                    .arg(Sealing::fingerprint(recorded), Sealing::fingerprint(sealing->publicKey())));
    }

    // A write now, rather than at the first signature: a read-only file or folder is found while the volunteer
    // is still setting up, not when a signer presses Submit.
    if (const VoidResult s = meta.setTime(MetaKey::LastOpenedAt, QDateTime::currentDateTimeUtc()); !s)
        return s;
    if (const VoidResult s = ensureDeviceId(); !s)
        return s;
    m_latest = target == Schema::Latest;
    return {};
}

SealingPersonalDataCodec* StoreConnection::sealingCodec() const
{
    return dynamic_cast<SealingPersonalDataCodec*>(m_codec.get());
}

void StoreConnection::setCodec(std::unique_ptr<PersonalDataCodec> codec)
{
    m_codec = std::move(codec);
}

// The database says which codec its rows need; a store given none uses that one. Read before migrating, so that
// a migration sees the rows through the right codec.
VoidResult StoreConnection::chooseCodec()
{
    if (m_codecGiven)
        return {};
    QSqlQuery q(m_db);
    QString id;
    QByteArray publicKey;
    if (q.exec(
            QStringLiteral("SELECT key, value FROM meta WHERE key IN ('personal_codec', 'coordinator_public_key')"))) {
        while (q.next()) {
            if (q.value(0).toString() == MetaKey::PersonalCodec)
                id = q.value(1).toString();
            else
                publicKey = QByteArray::fromBase64(q.value(1).toString().toLatin1());
        }
    }
    if (id == SealingPersonalDataCodec::codecId()) {
        if (publicKey.size() != Sealing::PublicKeyBytes)
            return fail(StoreError::Corrupt, QStringLiteral("sealed database without a coordinator key"));
        // Reopened on the same key: the unlocked duplicate key stays.
        if (const SealingPersonalDataCodec* current = sealingCodec(); !current || current->publicKey() != publicKey)
            m_codec = std::make_unique<SealingPersonalDataCodec>(publicKey);
    } else if (!dynamic_cast<PlainPersonalDataCodec*>(m_codec.get())) {
        m_codec = std::make_unique<PlainPersonalDataCodec>();
    }
    return {};
}

void StoreConnection::close()
{
    m_latest = false;
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    m_deviceId.clear();
}

VoidResult StoreConnection::ensureDeviceId()
{
    MetaValues meta(*this);
    const Result<QString> known = meta.value(MetaKey::DeviceId);
    if (!known)
        return known.failure();
    if (!known->isEmpty()) {
        m_deviceId = *known;
        return {};
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (const VoidResult s = meta.setValue(MetaKey::DeviceId, id); !s)
        return s;
    m_deviceId = id;
    return {};
}

WriteTransaction::WriteTransaction(StoreConnection& connection)
    : m_connection(connection)
{
    m_started = connection.begin();
    if (m_started)
        m_started = connection.exec(QStringLiteral("BEGIN IMMEDIATE"));
    m_open = m_started.ok();
}

WriteTransaction::~WriteTransaction()
{
    rollback();
}

void WriteTransaction::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    QSqlQuery q = m_connection.query();
    q.exec(QStringLiteral("ROLLBACK"));
}

VoidResult WriteTransaction::commit()
{
    if (!m_open)
        return m_started.ok() ? VoidResult(m_connection.fail(StoreError::Other, QStringLiteral("transaction ended")))
                              : m_started;
    const VoidResult committed = m_connection.exec(QStringLiteral("COMMIT"));
    if (committed)
        m_open = false;
    else
        rollback();
    return committed;
}

} // namespace kiosk
