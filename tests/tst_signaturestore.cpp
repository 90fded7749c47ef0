// The signature store: durable saves, duplicates, counts, migrations, file modes and storage faults.

#include "core/datadir.h"
#include "core/schema.h"
#include "core/signaturestore.h"
#include "sealingsupport.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace kiosk;
using Status = SaveResult::Status;

namespace {

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

qint64 rowCount(const QString& dbPath)
{
    const QString name = QStringLiteral("probe-") + QUuid::createUuid().toString();
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM signatures")) && q.next())
                n = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

#ifdef Q_OS_UNIX
// Runs as another user for the scope, so that permission checks apply even when the tests run as root (as CI
// does). The real uid stays root, so the effective uid can be restored.
class RunAsNobody final
{
public:
    static constexpr uid_t Nobody = 65534;
    RunAsNobody()
        : m_switched(geteuid() == 0)
    {
        if (m_switched) {
            if (setegid(Nobody) != 0 || seteuid(Nobody) != 0)
                qFatal("cannot switch to nobody");
        }
    }
    ~RunAsNobody()
    {
        if (m_switched && (seteuid(0) != 0 || setegid(0) != 0))
            qFatal("cannot switch back to root");
    }
    static void handOver(const QString& path)
    {
        if (geteuid() == 0 && chown(QFile::encodeName(path).constData(), Nobody, Nobody) != 0)
            qFatal("chown failed");
    }

private:
    bool m_switched;
};
#endif

} // namespace

class TestSignatureStore final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void savesAndReadsBackEveryField();
    void savedRowIsCommittedForOtherConnections();
    void survivesReopenWithStableDeviceId();
    void filesAreOwnerOnly();
    void refusesInvalidSignatureAndStoresNothing();
    void refusesIncompleteMetadata();
    void sameNameAndPostcodeIsDuplicate();
    void sameNameElsewhereOrOtherPetitionIsNotDuplicate();
    void sameEmailAndNameIsDuplicate();
    void atMostTwoSignaturesPerEmail();
    void countsTotalTodayUnexportedAndPerPetition();
    void duplicateChecksAndCountsUseIndexes();
    void migratesFromVersion1();
    void refusesDatabaseFromNewerVersion();
    void refusesGarbageWithoutTouchingIt();
    void existingOnlyModeCreatesNothing();
    void lockedDatabaseGivesBusyAndStoresNothing();
    void fullDiskGivesErrorAndStoresNothing();
    void readOnlyFolderGivesClearError();
    void bulkSaveIsAllOrNothing();
    void vanishedDataFolderIsNotAcknowledged();
    void damagedDatabasesAreRefusedUntouched_data();
    void damagedDatabasesAreRefusedUntouched();
    void damagedDatabaseIsSetAsideForAFreshOne();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString dbPath() const { return DataDir::databasePath(m_dir->path()); }
};

void TestSignatureStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSignatureStore::savesAndReadsBackEveryField()
{
    SignatureStore store;
    QVERIFY2(test::openStoreReadable(store, m_dir->path()), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion().valueOr(-1), Schema::Latest);

    Signature s = test::sampleSignature(
        QStringLiteral("  Zoë Müller-Łukasz 李 "), QStringLiteral("sw1a1aa"), QStringLiteral("Zoe@Example.ORG"));
    s.contactOptIn = true;
    s.ukCitizenOrResident = Residency::No;
    s.language = QStringLiteral("zh_CN");
    s.signatureSvg = QByteArrayLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0L10 10\"/></svg>");
    s.signedAt = QDateTime(QDate(2026, 11, 22), QTime(10, 15, 30, 123), Qt::UTC);

    const SaveResult result = store.signatures().save(s);
    QCOMPARE(result.status, Status::Stored);
    QVERIFY(!result.id.isNull());

    const auto back = store.signatures().find(result.id);
    QVERIFY(back.has_value());
    QCOMPARE(back->fullName, QStringLiteral("Zoë Müller-Łukasz 李"));
    QCOMPARE(back->postcode, QStringLiteral("SW1A 1AA"));
    QCOMPARE(back->email, QStringLiteral("Zoe@example.org"));
    QCOMPARE(back->country, QStringLiteral("GB"));
    QCOMPARE(back->ukCitizenOrResident, Residency::No);
    QVERIFY(back->consent);
    QVERIFY(back->contactOptIn);
    QCOMPARE(back->language, QStringLiteral("zh_CN"));
    QCOMPARE(back->stallId, QStringLiteral("test-stall"));
    QCOMPARE(back->deviceId, store.deviceId());
    QCOMPARE(back->petitionId, s.petitionId);
    QCOMPARE(back->petitionVersion, 1);
    QCOMPARE(back->consentVersion, 1);
    QCOMPARE(back->signatureSvg, s.signatureSvg);
    QCOMPARE(back->signedAt, s.signedAt);
    QVERIFY(back->exportBatchId.isEmpty());

    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT signed_at FROM signatures")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("2026-11-22T10:15:30.123Z"));
}

void TestSignatureStore::savedRowIsCommittedForOtherConnections()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    QSqlQuery mode(store.database());
    QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next());
    QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(mode.exec(QStringLiteral("PRAGMA synchronous")) && mode.next());
    QCOMPARE(mode.value(0).toInt(), 2); // FULL
    mode.finish();

    QCOMPARE(store.signatures().save(test::sampleSignature()).status, Status::Stored);
    // No open transaction is left behind: an independent connection sees the row at once.
    QCOMPARE(rowCount(dbPath()), 1);
}

void TestSignatureStore::survivesReopenWithStableDeviceId()
{
    QString deviceId;
    QUuid id;
    {
        SignatureStore store;
        QVERIFY(test::openStoreReadable(store, m_dir->path()));
        deviceId = store.deviceId();
        QVERIFY(!QUuid(deviceId).isNull());
        id = store.signatures().save(test::sampleSignature()).id;
    }
    SignatureStore again;
    QVERIFY(test::openStoreReadable(again, m_dir->path(), SignatureStore::OpenMode::ExistingOnly));
    QCOMPARE(again.deviceId(), deviceId);
    QVERIFY(again.signatures().find(id).has_value());
    QVERIFY(again.integrityCheck());

    QTemporaryDir other;
    SignatureStore elsewhere;
    QVERIFY(test::openStoreReadable(elsewhere, other.path()));
    QVERIFY(elsewhere.deviceId() != deviceId);
}

void TestSignatureStore::filesAreOwnerOnly()
{
#ifdef Q_OS_UNIX
    const QString dir = m_dir->filePath(QStringLiteral("kiosk-data"));
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, dir));
    QCOMPARE(store.signatures().save(test::sampleSignature()).status, Status::Stored);

    struct stat st
    {
    };
    QCOMPARE(stat(QFile::encodeName(dir).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0700u);
    const QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    QVERIFY2(files.contains(QStringLiteral("signatures.sqlite-wal")), qPrintable(files.join(QLatin1Char(' '))));
    for (const QString& name : files) {
        QCOMPARE(stat(QFile::encodeName(QDir(dir).filePath(name)).constData(), &st), 0);
        QVERIFY2((st.st_mode & 0777) == 0600, qPrintable(name));
    }
#else
    QSKIP("POSIX permissions");
#endif
}

void TestSignatureStore::refusesInvalidSignatureAndStoresNothing()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    Signature s = test::sampleSignature(QStringLiteral("   "), QStringLiteral("SW12"));
    s.consent = false;
    const SaveResult result = store.signatures().save(s);
    QCOMPARE(result.status, Status::Rejected);
    const QList<RuleIssue> expected { { Field::Name, RuleError::NameRequired },
        { Field::Postcode, RuleError::PostcodeInvalid }, { Field::Consent, RuleError::ConsentRequired } };
    QCOMPARE(result.issues, expected);
    QCOMPARE(rowCount(dbPath()), 0);
}

void TestSignatureStore::refusesIncompleteMetadata()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    Signature s = test::sampleSignature();
    s.stallId.clear();
    const SaveResult result = store.signatures().save(s);
    QCOMPARE(result.status, Status::Failed);
    QVERIFY(!store.errorString().isEmpty());
    QCOMPARE(rowCount(dbPath()), 0);
}

void TestSignatureStore::sameNameAndPostcodeIsDuplicate()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    QCOMPARE(store.signatures()
                 .save(test::sampleSignature(QStringLiteral("Mary O'Brien"), QStringLiteral("SW1A 1AA")))
                 .status,
        Status::Stored);
    const SaveResult twin
        = store.signatures().save(test::sampleSignature(QStringLiteral("  MARY   o’brien"), QStringLiteral("sw1a1aa")));
    QCOMPARE(twin.status, Status::Duplicate);
    // Nothing of the first record comes back.
    QVERIFY(twin.id.isNull());
    QVERIFY(twin.stored.fullName.isEmpty());
    QCOMPARE(rowCount(dbPath()), 1);
}

void TestSignatureStore::sameNameElsewhereOrOtherPetitionIsNotDuplicate()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    QCOMPARE(
        store.signatures().save(test::sampleSignature(QStringLiteral("Ann Smith"), QStringLiteral("SW1A 1AA"))).status,
        Status::Stored);
    QCOMPARE(
        store.signatures().save(test::sampleSignature(QStringLiteral("Ann Smith"), QStringLiteral("M1 1AE"))).status,
        Status::Stored);
    Signature other = test::sampleSignature(QStringLiteral("Ann Smith"), QStringLiteral("SW1A 1AA"));
    other.petitionId = QStringLiteral("another-petition");
    QCOMPARE(store.signatures().save(other).status, Status::Stored);
    // Two people abroad with the same name and no postcode are not taken for one.
    Signature abroad = test::sampleSignature(QStringLiteral("Maria Garcia"), QString());
    abroad.country = QStringLiteral("ES");
    QCOMPARE(store.signatures().save(abroad).status, Status::Stored);
    QCOMPARE(store.signatures().save(abroad).status, Status::Stored);
    QCOMPARE(rowCount(dbPath()), 5);
}

void TestSignatureStore::sameEmailAndNameIsDuplicate()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    QCOMPARE(store.signatures()
                 .save(test::sampleSignature(
                     QStringLiteral("Ann Smith"), QStringLiteral("SW1A 1AA"), QStringLiteral("ann@example.org")))
                 .status,
        Status::Stored);
    // Moved house: another postcode, the same email, in other letter case.
    QCOMPARE(store.signatures()
                 .save(test::sampleSignature(
                     QStringLiteral("ann smith"), QStringLiteral("M1 1AE"), QStringLiteral("ANN@Example.org")))
                 .status,
        Status::Duplicate);
    QCOMPARE(rowCount(dbPath()), 1);
}

void TestSignatureStore::atMostTwoSignaturesPerEmail()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    const QString email = QStringLiteral("family@example.org");
    QCOMPARE(store.signatures()
                 .save(test::sampleSignature(QStringLiteral("Ann Smith"), QStringLiteral("SW1A 1AA"), email))
                 .status,
        Status::Stored);
    QCOMPARE(store.signatures()
                 .save(test::sampleSignature(QStringLiteral("Bob Smith"), QStringLiteral("SW1A 1AA"), email))
                 .status,
        Status::Stored);
    const SaveResult third = store.signatures().save(
        test::sampleSignature(QStringLiteral("Cat Smith"), QStringLiteral("SW1A 1AA"), email));
    QCOMPARE(third.status, Status::Rejected);
    QCOMPARE(third.issues, (QList<RuleIssue> { { Field::Email, RuleError::EmailLimitReached } }));
    QCOMPARE(rowCount(dbPath()), 2);
    // Without the email, the third member of the household can sign.
    QCOMPARE(
        store.signatures().save(test::sampleSignature(QStringLiteral("Cat Smith"), QStringLiteral("SW1A 1AA"))).status,
        Status::Stored);
}

void TestSignatureStore::countsTotalTodayUnexportedAndPerPetition()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    const QDateTime now = QDateTime(QDate(2026, 11, 22), QTime(12, 0), Qt::LocalTime);

    Signature yesterday = test::sampleSignature(QStringLiteral("Ann One"));
    yesterday.signedAt = now.addDays(-1);
    Signature thisMorning = test::sampleSignature(QStringLiteral("Ann Two"));
    thisMorning.signedAt = QDateTime(now.date(), QTime(0, 0, 0, 1), Qt::LocalTime);
    Signature tonight = test::sampleSignature(QStringLiteral("Ann Three"));
    tonight.signedAt = QDateTime(now.date(), QTime(23, 59, 59, 999), Qt::LocalTime);
    Signature tomorrow = test::sampleSignature(QStringLiteral("Ann Four"));
    tomorrow.signedAt = now.addDays(1);
    Signature other = test::sampleSignature(QStringLiteral("Ann Five"));
    other.petitionId = QStringLiteral("other");
    other.signedAt = now;
    for (const Signature& s : { yesterday, thisMorning, tonight, tomorrow, other })
        QCOMPARE(store.signatures().save(s).status, Status::Stored);

    // The first row (yesterday's) is in a batch: the ledger's high-water mark is at it.
    BatchRecord batch;
    batch.id = QStringLiteral("b1");
    batch.createdAt = batch.firstSignedAt = batch.lastSignedAt = toIsoUtc(now);
    batch.stallId = batch.deviceId = batch.destination = batch.stagingPath = batch.appVersion = QStringLiteral("x");
    batch.csvSha256 = QStringLiteral("0");
    batch.firstRow = 1;
    batch.lastRow = 1;
    batch.rowCount = 1;
    QVERIFY(store.ledger().mark(batch));

    const auto counted = store.signatures().counts(now);
    QVERIFY(counted);
    const SignatureCounts counts = *counted;
    QCOMPARE(counts.total, 5);
    QCOMPARE(counts.today, 3);
    QCOMPARE(counts.unexported, 4);
    QCOMPARE(counts.perPetition.value(QStringLiteral("stop-persecution-uk")), 4);
    QCOMPARE(counts.perPetition.value(QStringLiteral("other")), 1);
}

void TestSignatureStore::duplicateChecksAndCountsUseIndexes()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    QSqlQuery q(store.database());
    const auto plan = [&q](const QString& sql) {
        QStringList steps;
        if (q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + sql))
            while (q.next())
                steps << q.value(3).toString();
        return steps.join(QLatin1Char(';'));
    };
    QVERIFY(plan(QStringLiteral("SELECT 1 FROM signatures WHERE petition_id = 'p' AND name_postcode_tag = 'n' "
                                "LIMIT 1"))
                .contains(QLatin1String("signatures_by_name_postcode")));
    QVERIFY(plan(QStringLiteral("SELECT email_name_tag FROM signatures WHERE petition_id = 'p' AND email_tag = 'e'"))
                .contains(QLatin1String("signatures_by_email_tag")));
    QVERIFY(plan(QStringLiteral("SELECT count(*) FROM signatures WHERE signed_at >= 'a' AND signed_at < 'b'"))
                .contains(QLatin1String("signatures_by_time")));
}

void TestSignatureStore::migratesFromVersion1()
{
    {
        SignatureStore v1;
        SignatureStore::Options options;
        options.targetSchemaVersion = 1;
        QVERIFY(test::openStoreReadable(v1, m_dir->path(), SignatureStore::OpenMode::CreateIfMissing, options));
        QCOMPARE(v1.schemaVersion().valueOr(-1), 1);
        QSqlQuery q(v1.database());
        QVERIFY2(q.exec(QStringLiteral(
                     "INSERT INTO signatures (id, signed_at, petition_id, petition_version, consent_version, "
                     "full_name, country, postcode, email, uk_citizen_or_resident, consent, contact_opt_in, language, "
                     "stall_id, device_id) VALUES ('7d1c6a1e-0000-4000-8000-000000000001', '2026-11-01T09:00:00.000Z',"
                     " 'stop-persecution-uk', 1, 1, 'Old Signer', 'GB', 'M1 1AE', 'Old@Example.org', 1, 1, 1, 'en', "
                     "'s', 'd')")),
            qPrintable(q.lastError().text()));
        QSqlQuery cols(v1.database());
        QVERIFY(
            cols.exec(QStringLiteral("SELECT count(*) FROM pragma_table_info('signatures') WHERE name = 'name_key'"))
            && cols.next());
        QCOMPARE(cols.value(0).toInt(), 0);
    }
    SignatureStore store;
    QVERIFY2(test::openStoreReadable(store, m_dir->path()), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion().valueOr(-1), Schema::Latest);
    QVERIFY(store.signatures().find(QUuid(QStringLiteral("7d1c6a1e-0000-4000-8000-000000000001"))).has_value());
    // The backfilled keys find the old row.
    QCOMPARE(
        store.signatures().save(test::sampleSignature(QStringLiteral("old signer"), QStringLiteral("m11ae"))).status,
        Status::Duplicate);
    QCOMPARE(store.signatures()
                 .save(test::sampleSignature(
                     QStringLiteral("Old Signer"), QStringLiteral("SW1A 1AA"), QStringLiteral("old@example.org")))
                 .status,
        Status::Duplicate);
    QVERIFY(store.integrityCheck());
}

void TestSignatureStore::refusesDatabaseFromNewerVersion()
{
    {
        SignatureStore store;
        QVERIFY(test::openStoreReadable(store, m_dir->path()));
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'")));
    }
    const QByteArray before = fileHash(dbPath());
    SignatureStore store;
    QVERIFY(!store.open(m_dir->path()));
    QCOMPARE(store.error(), StoreError::NewerSchema);
    QVERIFY(store.errorString().contains(QLatin1String("newer version")));
    QCOMPARE(fileHash(dbPath()), before);
}

void TestSignatureStore::refusesGarbageWithoutTouchingIt()
{
    QFile garbage(dbPath());
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    QByteArray junk(64 * 1024, '\0');
    for (int i = 0; i < junk.size(); ++i)
        junk[i] = char((i * 7919) % 251);
    garbage.write(junk);
    garbage.close();
    const QByteArray before = fileHash(dbPath());

    SignatureStore store;
    QVERIFY(!store.open(m_dir->path()));
    QCOMPARE(store.error(), StoreError::Corrupt);
    QVERIFY(!store.errorString().contains(QLatin1String("SQL")));
    QCOMPARE(fileHash(dbPath()), before);
}

void TestSignatureStore::existingOnlyModeCreatesNothing()
{
    SignatureStore store;
    QVERIFY(!store.open(m_dir->path(), SignatureStore::OpenMode::ExistingOnly));
    QCOMPARE(store.error(), StoreError::NotFound);
    QVERIFY(QDir(m_dir->path()).isEmpty());
    QVERIFY(!store.open(m_dir->filePath(QStringLiteral("missing")), SignatureStore::OpenMode::ExistingOnly));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("missing"))));
}

void TestSignatureStore::lockedDatabaseGivesBusyAndStoresNothing()
{
    SignatureStore store;
    SignatureStore::Options options;
    options.busyTimeoutMs = 50;
    QVERIFY(test::openStoreReadable(store, m_dir->path(), SignatureStore::OpenMode::CreateIfMissing, options));

    const QString name = QStringLiteral("locker");
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        other.setDatabaseName(dbPath());
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QVERIFY(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")));

        const SaveResult result = store.signatures().save(test::sampleSignature());
        QCOMPARE(result.status, Status::Failed);
        QCOMPARE(result.error, StoreError::Busy);
        QVERIFY(store.errorString().contains(QLatin1String("another program")));
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
    }
    QSqlDatabase::removeDatabase(name);
    QCOMPARE(rowCount(dbPath()), 0);
    QCOMPARE(store.signatures().save(test::sampleSignature()).status, Status::Stored);
}

void TestSignatureStore::fullDiskGivesErrorAndStoresNothing()
{
#ifdef Q_OS_UNIX
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("Ann Before"))).status, Status::Stored);

    // No file may grow past its present size: the next WAL append fails as on a full disk.
    const qint64 walSize = QFileInfo(dbPath() + QStringLiteral("-wal")).size();
    QVERIFY(walSize > 0);
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit saved {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit limited = saved;
    limited.rlim_cur = rlim_t(walSize);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    Signature big = test::sampleSignature(QStringLiteral("Ann During"));
    big.signatureSvg = QByteArray(64 * 1024, 'x');
    const SaveResult result = store.signatures().save(big);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &saved), 0);

    QCOMPARE(result.status, Status::Failed);
    // ENOSPC is reported as DiskFull; the size limit used here shows as an I/O error.
    QVERIFY2(result.error == StoreError::DiskFull || result.error == StoreError::Io, qPrintable(store.errorString()));
    QVERIFY(!store.errorString().contains(QLatin1String("SQL")));

    QCOMPARE(rowCount(dbPath()), 1);
    QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("Ann After"))).status, Status::Stored);
    QVERIFY(store.integrityCheck());
    QCOMPARE(rowCount(dbPath()), 2);
#else
    QSKIP("RLIMIT_FSIZE is POSIX");
#endif
}

void TestSignatureStore::readOnlyFolderGivesClearError()
{
#ifdef Q_OS_UNIX
    // A folder that is already read-only when the kiosk starts.
    const QString empty = m_dir->filePath(QStringLiteral("empty"));
    QVERIFY(QDir().mkdir(empty));
    RunAsNobody::handOver(m_dir->path());
    RunAsNobody::handOver(empty);
    QVERIFY(QFile::setPermissions(empty, QFileDevice::ReadOwner | QFileDevice::ExeOwner));

    // A folder holding a database, then made read-only.
    const QString used = m_dir->filePath(QStringLiteral("used"));
    {
        SignatureStore store;
        QVERIFY(test::openStoreReadable(store, used));
        QCOMPARE(store.signatures().save(test::sampleSignature()).status, Status::Stored);
    }
    RunAsNobody::handOver(used);
    for (const QString& f : QDir(used).entryList(QDir::Files | QDir::Hidden)) {
        RunAsNobody::handOver(QDir(used).filePath(f));
        QVERIFY(QFile::setPermissions(QDir(used).filePath(f), QFileDevice::ReadOwner));
    }
    QVERIFY(QFile::setPermissions(used, QFileDevice::ReadOwner | QFileDevice::ExeOwner));

    {
        RunAsNobody nobody;
        SignatureStore fresh;
        QVERIFY(!fresh.open(empty));
        QCOMPARE(fresh.error(), StoreError::ReadOnly);
        QVERIFY(fresh.errorString().contains(QLatin1String("read-only")));

        SignatureStore existing;
        QVERIFY(!existing.open(used));
        QVERIFY2(existing.error() == StoreError::ReadOnly || existing.error() == StoreError::Io,
            qPrintable(existing.errorString()));
        QVERIFY(!existing.errorString().contains(QLatin1String("SQL")));
    }
    QVERIFY(QDir(empty).isEmpty());
    QVERIFY(QFile::setPermissions(used, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    QCOMPARE(rowCount(DataDir::databasePath(used)), 1);
#else
    QSKIP("POSIX permissions");
#endif
}

void TestSignatureStore::bulkSaveIsAllOrNothing()
{
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    QList<Signature> batch { test::sampleSignature(QStringLiteral("Bulk One")),
        test::sampleSignature(QStringLiteral("Bulk Two")) };
    QVERIFY(store.signatures().saveBulk(batch));
    QCOMPARE(rowCount(dbPath()), 2);
    batch.append(test::sampleSignature(QStringLiteral("")));
    QVERIFY(!store.signatures().saveBulk(batch));
    QCOMPARE(rowCount(dbPath()), 2);
}

void TestSignatureStore::vanishedDataFolderIsNotAcknowledged()
{
    const QString dir = m_dir->filePath(QStringLiteral("stick"));
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, dir));
    QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("Ann Before"))).status, Status::Stored);
    QVERIFY(QDir(dir).removeRecursively()); // the stick is gone
    const SaveResult result = store.signatures().save(test::sampleSignature(QStringLiteral("Ann After")));
    QCOMPARE(result.status, Status::Failed);
    QCOMPARE(result.error, StoreError::Io);
    QVERIFY(store.errorString().contains(QLatin1String("still connected")));
}

void TestSignatureStore::damagedDatabasesAreRefusedUntouched_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("truncated") << "truncated";
    QTest::newRow("overwritten with garbage") << "garbage";
    QTest::newRow("another kind of file") << "png";
}

void TestSignatureStore::damagedDatabasesAreRefusedUntouched()
{
    QFETCH(QString, damage);
    {
        SignatureStore store;
        QVERIFY(test::openStoreReadable(store, m_dir->path()));
        for (int i = 0; i < 200; ++i)
            QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("Signer %1").arg(i))).status,
                Status::Stored);
    }
    QFile db(dbPath());
    if (damage == QLatin1String("truncated")) {
        QVERIFY(db.resize(db.size() / 3));
    } else {
        QVERIFY(db.open(QIODevice::ReadWrite));
        if (damage == QLatin1String("garbage")) {
            db.seek(0);
            db.write(QByteArray(4096, '\x5a'));
        } else {
            db.resize(0);
            db.write(QByteArray::fromHex("89504e470d0a1a0a0000000d49484452") + QByteArray(2000, '\0'));
        }
        db.close();
    }
    const QByteArray before = fileHash(dbPath());
    SignatureStore store;
    const bool opened = test::openStoreReadable(store, m_dir->path()).ok();
    if (opened) {
        // A truncation can leave a readable header; the damage shows at the integrity check.
        QVERIFY(!store.integrityCheck());
    } else {
        QVERIFY2(store.error() == StoreError::Corrupt, qPrintable(store.errorString()));
        QVERIFY(!store.errorString().contains(QLatin1String("SQL")));
    }
    store.close();
    QCOMPARE(fileHash(dbPath()), before); // never overwritten
}

void TestSignatureStore::damagedDatabaseIsSetAsideForAFreshOne()
{
    QFile garbage(dbPath());
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(8192, '\x42'));
    garbage.close();
    const QByteArray before = fileHash(dbPath());
    const Result<QString> setAside = DataDir::setAsideDatabase(m_dir->path(), QStringLiteral("damaged"));
    const QString aside = setAside.valueOr({});
    QVERIFY2(!aside.isEmpty(), qPrintable(setAside.errorString()));
    QVERIFY(aside.contains(QLatin1String("signatures.damaged-")));
    QCOMPARE(fileHash(aside), before); // kept, byte for byte
    SignatureStore fresh;
    QVERIFY(test::openStoreReadable(fresh, m_dir->path()));
    QCOMPARE(fresh.signatures().save(test::sampleSignature()).status, Status::Stored);
    QVERIFY(QFileInfo::exists(aside));
}

QTEST_GUILESS_MAIN(TestSignatureStore)
#include "tst_signaturestore.moc"
