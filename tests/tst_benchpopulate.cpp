// petition-bench populate: fills a fresh data folder with valid synthetic signatures, and refuses a used one.

#include "admin/adminpin.h"
#include "core/signaturestore.h"
#include "testsupport.h"

#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk;

class TestBenchPopulate final : public QObject
{
    Q_OBJECT

private slots:
    void fillsFreshFolderAndRefusesUsedOne();
    void fillsASealedFolderWithItsPin();
};

void TestBenchPopulate::fillsFreshFolderAndRefusesUsedOne()
{
    QTemporaryDir dir;
    const auto populate = [&dir](const QString& rows) {
        QProcess p;
        p.start(QStringLiteral(KIOSK_BENCH_BIN),
            { QStringLiteral("populate"), QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--rows"), rows });
        p.waitForFinished(60000);
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    QCOMPARE(populate(QStringLiteral("3000")), 0);

    SignatureStore store;
    QVERIFY(store.open(dir.path(), SignatureStore::OpenMode::ExistingOnly));
    SignatureCounts counts;
    QVERIFY(kiosk::test::readCounts(store, counts));
    QCOMPARE(counts.total, 3000);
    QCOMPARE(counts.unexported, 3000);
    QVERIFY(store.integrityCheck());
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT count(DISTINCT country), count(email), count(signature_svg), "
                                  "count(DISTINCT language) FROM signatures")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() >= 5); // a mix of countries
    QVERIFY(q.value(1).toInt() > 600 && q.value(1).toInt() < 1800); // about 40 % give an email
    QVERIFY(q.value(2).toInt() > 200); // about 15 % draw a signature
    QCOMPARE(q.value(3).toInt(), 3);
    q.finish();
    store.close();

    QCOMPARE(populate(QStringLiteral("10")), 1);
    QVERIFY(store.open(dir.path(), SignatureStore::OpenMode::ExistingOnly));
    QVERIFY(kiosk::test::readCounts(store, counts));
    QCOMPARE(counts.total, 3000);
}

void TestBenchPopulate::fillsASealedFolderWithItsPin()
{
    QTemporaryDir dir;
    {
        SignatureStore store;
        QVERIFY(store.open(dir.path()));
        QVERIFY(store.sealing().enrol(Sealing::newKeyPair().publicKey));
        QVERIFY(AdminPin(store).set(QStringLiteral("24681012")));
    }
    const auto populate = [&dir](const QByteArray& pin) {
        QProcess p;
        p.start(QStringLiteral(KIOSK_BENCH_BIN),
            { QStringLiteral("populate"), QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--rows"),
                QStringLiteral("2000") });
        p.write(pin);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    QCOMPARE(populate("11111111\n"), 1); // not the PIN: nothing is written
    QCOMPARE(populate("24681012\n"), 0);
    SignatureStore store;
    QVERIFY(store.open(dir.path(), SignatureStore::OpenMode::ExistingOnly));
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(sealed), count(sealed_drawing), count(signature_svg), "
                                  "count(email), max(length(full_name)) FROM signatures")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2000);
    QCOMPARE(q.value(1).toInt(), 2000); // every row sealed
    QVERIFY(q.value(2).toInt() > 150); // the drawings, sealed
    QCOMPARE(q.value(3).toInt(), 0); // and none in clear
    QCOMPARE(q.value(4).toInt(), 0);
    QCOMPARE(q.value(5).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestBenchPopulate)
#include "tst_benchpopulate.moc"
