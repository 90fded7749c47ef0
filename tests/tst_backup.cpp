// Backups: consistent owner-only copies after every N signatures, the newest ten kept; restore puts one in place
// and keeps the database it replaces; the CLI refuses to restore under a running kiosk.

#include "core/backup.h"
#include "core/batchexporter.h"
#include "core/datadir.h"
#include "core/signaturestore.h"
#include "sealingsupport.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QLockFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace kiosk;

class TestBackup final : public QObject
{
    Q_OBJECT

private slots:
    void backupIsAConsistentOwnerOnlyCopy();
    void theNewestTenAreKept();
    void restorePutsABackupInPlaceAndKeepsTheOld();
    void restoreRefusesWhatIsNotADatabaseOrUnderARunningKiosk();
    void restoreRefusesABackupItCannotTrust_data();
    void restoreRefusesABackupItCannotTrust();
    void restoreKeepsExportedSignaturesExported();
    void batchIdsNeverRepeatAfterARestore();
};

namespace {
QByteArray hashOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
                                       : QByteArray();
}

// Exports every unexported signature of the data folder into `out`.
BatchExporter::Outcome exportAll(const QString& data, const QString& out)
{
    SignatureStore store;
    if (!test::openStoreReadable(store, data))
        return {};
    BatchExporter exporter(store, QStringLiteral("test"));
    return exporter.exportNew(out, QStringLiteral("s"));
}

// A data folder with `count` signatures and a backup of it; returns the backup file.
QString dataWithBackup(const QString& data, const QString& backups, int count)
{
    SignatureStore store;
    if (!test::openStoreReadable(store, data))
        return {};
    for (int i = 0; i < count; ++i)
        if (store.signatures().save(test::sampleSignature(QStringLiteral("Signer %1").arg(i))).status
            != SaveResult::Status::Stored)
            return {};
    return Backup::run(store, backups, QStringLiteral("s")).valueOr({});
}
} // namespace

void TestBackup::restoreRefusesABackupItCannotTrust_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("saying");
    QTest::newRow("from a newer kiosk") << "newer"
                                        << "newer version of the kiosk";
    QTest::newRow("another program's database") << "foreign"
                                                << "not a sound signature database";
    QTest::newRow("damaged") << "damaged"
                             << "not a sound signature database";
    QTest::newRow("another kiosk's backup") << "other-device"
                                            << "a backup of another kiosk";
}

// Each is refused before the current database is touched: it stays byte for byte as it was, in its place.
void TestBackup::restoreRefusesABackupItCannotTrust()
{
    QFETCH(QString, kind);
    QFETCH(QString, saying);
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QString backup = dataWithBackup(data, dir.filePath(QStringLiteral("backups")), 2);
    QVERIFY(!backup.isEmpty());
    const QString edited = dir.filePath(QStringLiteral("edited.sqlite"));
    if (kind == QLatin1String("foreign")) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(edited);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE signatures (name TEXT)")));
        db.close();
    } else if (kind == QLatin1String("other-device")) {
        QVERIFY(!dataWithBackup(dir.filePath(QStringLiteral("other")), dir.filePath(QStringLiteral("otherbackups")), 1)
                     .isEmpty());
        QVERIFY(QFile::copy(
            QDir(dir.filePath(QStringLiteral("otherbackups"))).entryInfoList(QDir::Files).value(0).filePath(), edited));
    } else {
        QVERIFY(QFile::copy(backup, edited));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
        db.setDatabaseName(edited);
        QVERIFY(db.open());
        if (kind == QLatin1String("newer"))
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'")));
        db.close();
        if (kind == QLatin1String("damaged")) {
            QFile f(edited);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() / 2);
            f.write(QByteArray(4096, '\x5a'));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    QSqlDatabase::removeDatabase(QStringLiteral("edit"));
    const QByteArray before = hashOf(DataDir::databasePath(data));
    const Result<QString> restored = Backup::restore(edited, data);
    QVERIFY(!restored);
    QVERIFY2(restored.errorString().contains(saying), qPrintable(restored.errorString()));
    QCOMPARE(hashOf(DataDir::databasePath(data)), before);
    QCOMPARE(QDir(data).entryList({ QStringLiteral("signatures.replaced-*") }).size(), 0);
    QCOMPARE(QDir(data).entryList({ QStringLiteral(".restore*") }, QDir::AllEntries | QDir::Hidden).size(), 0);
}

void TestBackup::restoreKeepsExportedSignaturesExported()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString backup = dataWithBackup(data, dir.filePath(QStringLiteral("backups")), 5);
    QVERIFY(!backup.isEmpty());
    const BatchExporter::Outcome done = exportAll(data, dir.filePath(QStringLiteral("out")));
    QCOMPARE(done.status, BatchExporter::Outcome::Status::Exported);
    const QString batchId = done.batchId;
    // The backup was made before the export; restoring it keeps what has been exported since.
    const Result<QString> restored = Backup::restore(backup, data);
    QVERIFY2(restored, qPrintable(restored.errorString()));
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, data));
    QCOMPARE(store.signatures().counts()->unexported, 0);
    QVERIFY(store.ledger().find(batchId));
    BatchExporter exporter(store, QStringLiteral("test"));
    QCOMPARE(exporter.exportNew(dir.filePath(QStringLiteral("out")), QStringLiteral("s")).status,
        BatchExporter::Outcome::Status::NothingNew);
}

void TestBackup::batchIdsNeverRepeatAfterARestore()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString backup = dataWithBackup(data, dir.filePath(QStringLiteral("backups")), 2);
    QVERIFY(!backup.isEmpty());
    QVERIFY(exportAll(data, dir.filePath(QStringLiteral("out"))).batchId.endsWith(QLatin1String("-001")));
    // The kiosk's database is lost (a broken drive); the old backup goes in its place, with no ledger to carry.
    QVERIFY(QFile::remove(DataDir::databasePath(data)));
    QFile::remove(DataDir::databasePath(data) + QStringLiteral("-wal"));
    QFile::remove(DataDir::databasePath(data) + QStringLiteral("-shm"));
    QVERIFY(Backup::restore(backup, data));
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, data));
    QCOMPARE(store.signatures().counts()->unexported, 2);
    BatchExporter exporter(store, QStringLiteral("test"));
    const BatchExporter::Outcome again = exporter.exportNew(dir.filePath(QStringLiteral("out2")), QStringLiteral("s"));
    QCOMPARE(again.status, BatchExporter::Outcome::Status::Exported);
    QVERIFY2(again.batchId.endsWith(QLatin1String("-002")), qPrintable(again.batchId));
}

void TestBackup::backupIsAConsistentOwnerOnlyCopy()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, dir.filePath(QStringLiteral("data"))));
    for (int i = 0; i < 30; ++i)
        QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("Signer %1").arg(i))).status,
            SaveResult::Status::Stored);
    const Result<QString> made
        = Backup::run(store, dir.filePath(QStringLiteral("stick2")), QStringLiteral("market-square"));
    const QString file = made.valueOr({});
    QVERIFY2(!file.isEmpty(), qPrintable(made.errorString()));
    QVERIFY(QFileInfo(file).fileName().startsWith(QLatin1String("signatures-market-square-")));
    QVERIFY(!QFileInfo(file).fileName().contains(QLatin1String("Signer")));
#ifdef Q_OS_UNIX
    struct stat st
    {
    };
    QCOMPARE(stat(QFile::encodeName(file).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
#endif
    // A copy, taken while the store is open: it opens on its own and holds every row.
    QTemporaryDir restoreDir;
    QVERIFY(QFile::copy(file, DataDir::databasePath(restoreDir.path())));
    SignatureStore copy;
    QVERIFY(test::openStoreReadable(copy, restoreDir.path()));
    QVERIFY(copy.integrityCheck());
    SignatureCounts counts;
    QVERIFY(kiosk::test::readCounts(copy, counts));
    QCOMPARE(counts.total, 30);
    QVERIFY(fromIsoUtc(store.meta().value(QStringLiteral("last_backup_at")).valueOr({})).isValid());
    QVERIFY(QDir(dir.filePath(QStringLiteral("stick2")))
                .entryList(QDir::Hidden | QDir::Files)
                .filter(QStringLiteral(".partial"))
                .isEmpty());
}

void TestBackup::theNewestTenAreKept()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, dir.filePath(QStringLiteral("data"))));
    QStringList made;
    for (int i = 0; i < 12; ++i) {
        QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("Signer %1").arg(i))).status,
            SaveResult::Status::Stored);
        const Result<QString> copy = Backup::run(store, dir.filePath(QStringLiteral("backups")), QStringLiteral("s"));
        made << copy.valueOr({});
        QVERIFY2(!made.last().isEmpty(), qPrintable(copy.errorString()));
        QTest::qWait(2); // distinct time stamps
    }
    const QStringList kept = QDir(dir.filePath(QStringLiteral("backups"))).entryList(QDir::Files);
    QCOMPARE(kept.size(), Backup::Keep);
    QVERIFY(!kept.contains(QFileInfo(made.first()).fileName()));
    QVERIFY(kept.contains(QFileInfo(made.last()).fileName()));
}

void TestBackup::restorePutsABackupInPlaceAndKeepsTheOld()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QString file;
    {
        SignatureStore store;
        QVERIFY(test::openStoreReadable(store, data));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("Signer %1").arg(i))).status,
                SaveResult::Status::Stored);
        file = Backup::run(store, dir.filePath(QStringLiteral("backups")), QStringLiteral("s")).valueOr({});
        QVERIFY(!file.isEmpty());
        // After the backup, more signatures: the database to be replaced differs from the backup.
        QCOMPARE(store.signatures().save(test::sampleSignature(QStringLiteral("After Backup"))).status,
            SaveResult::Status::Stored);
    }
    QFile current(DataDir::databasePath(data));
    QVERIFY(current.open(QIODevice::ReadOnly));
    const QByteArray before = QCryptographicHash::hash(current.readAll(), QCryptographicHash::Sha256);
    current.close();

    QProcess cli;
    cli.start(QStringLiteral(KIOSK_ADMIN_BIN), { QStringLiteral("--data-dir"), data, QStringLiteral("restore"), file });
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 0);
    const QString said = QString::fromUtf8(cli.readAllStandardOutput());
    QVERIFY2(said.contains(QLatin1String("Restored 5 signatures")), qPrintable(said));
    QVERIFY(said.contains(QLatin1String("kept as signatures.replaced-")));

    const QStringList replaced = QDir(data).entryList({ QStringLiteral("signatures.replaced-*.sqlite") });
    QCOMPARE(replaced.size(), 1);
    QFile old(QDir(data).filePath(replaced.first()));
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(QCryptographicHash::hash(old.readAll(), QCryptographicHash::Sha256), before); // kept as it was
    SignatureStore restored;
    QVERIFY(test::openStoreReadable(restored, data));
    SignatureCounts counts;
    QVERIFY(kiosk::test::readCounts(restored, counts));
    QCOMPARE(counts.total, 5);
    QCOMPARE(restored.audit().newest(1).valueOr({}).first().action, QStringLiteral("restored from a backup"));
}

void TestBackup::restoreRefusesWhatIsNotADatabaseOrUnderARunningKiosk()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    {
        SignatureStore store;
        QVERIFY(test::openStoreReadable(store, data));
    }
    QFile junk(dir.filePath(QStringLiteral("junk.sqlite")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'j'));
    junk.close();
    const auto restore = [&](const QString& file) {
        QProcess cli;
        QStringList args { QStringLiteral("--data-dir"), data, QStringLiteral("restore") };
        if (!file.isNull())
            args << file;
        cli.start(QStringLiteral(KIOSK_ADMIN_BIN), args);
        cli.waitForFinished(30000);
        return qMakePair(cli.exitCode(), QString::fromUtf8(cli.readAllStandardError()));
    };
    auto [code, err] = restore(junk.fileName());
    QCOMPARE(code, 1);
    QVERIFY(err.contains(QLatin1String("not a sound signature database")));
    QCOMPARE(QDir(data).entryList({ QStringLiteral("signatures.replaced-*") }).size(), 0);

    QLockFile running(QDir(data).filePath(QStringLiteral("kiosk.lock")));
    QVERIFY(running.tryLock());
    std::tie(code, err) = restore(junk.fileName());
    QCOMPARE(code, 1);
    QVERIFY(err.contains(QLatin1String("A kiosk is running")));
    QCOMPARE(restore(QString()).first, 2); // no file named: a usage error
}

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
