// Backups: consistent owner-only copies after every N signatures, the newest ten kept; restore puts one in place
// and keeps the database it replaces; the CLI refuses to restore under a running kiosk.

#include "core/backup.h"
#include "core/datadir.h"
#include "core/signaturestore.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QLockFile>
#include <QProcess>
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
};

void TestBackup::backupIsAConsistentOwnerOnlyCopy()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("data"))));
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
    QVERIFY(copy.open(restoreDir.path()));
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
    QVERIFY(store.open(dir.filePath(QStringLiteral("data"))));
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
        QVERIFY(store.open(data));
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
    QVERIFY(restored.open(data));
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
        QVERIFY(store.open(data));
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
