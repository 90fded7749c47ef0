// The volunteers' PIN: PBKDF2 storage, checking, the doubling lockout, and the lockout surviving a restart.

#include "admin/adminpin.h"
#include "core/signaturestore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk;
using Status = AdminPin::Status;

class TestAdminPin final : public QObject
{
    Q_OBJECT

private slots:
    void pinRules_data();
    void pinRules();
    void storedAsSaltedPbkdf2NotAsThePin();
    void rightAndWrongPins();
    void lockoutDoublesAndSurvivesRestart();
};

void TestAdminPin::pinRules_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("ok");
    QTest::newRow("six digits") << "246810" << true;
    QTest::newRow("twelve digits") << "123456789012" << true;
    QTest::newRow("five digits") << "12345" << false;
    QTest::newRow("letters") << "12345a" << false;
    QTest::newRow("thirteen digits") << "1234567890123" << false;
    QTest::newRow("empty (no default PIN)") << "" << false;
}

void TestAdminPin::pinRules()
{
    QFETCH(QString, pin);
    QFETCH(bool, ok);
    QCOMPARE(AdminPin::problemWith(pin).isEmpty(), ok);
}

void TestAdminPin::storedAsSaltedPbkdf2NotAsThePin()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    AdminPin pin(store);
    QVERIFY(!pin.isSet());
    QCOMPARE(pin.verify(QStringLiteral("246810")).status, Status::NotSet);
    QVERIFY(pin.set(QStringLiteral("246810")));
    QVERIFY(pin.isSet());
    const QString hash = store.meta().value(QStringLiteral("admin_pin_pbkdf2_sha256")).valueOr({});
    const QString salt = store.meta().value(QStringLiteral("admin_pin_salt")).valueOr({});
    QCOMPARE(hash.size(), 64); // 32 bytes, hex
    QCOMPARE(salt.size(), 32); // 16 random bytes, hex
    QVERIFY(store.meta().value(QStringLiteral("admin_pin_iterations")).valueOr({}).toInt() >= 100000);
    QVERIFY(!hash.contains(QLatin1String("246810")));
    // A new salt every time: the same PIN gives another hash.
    QVERIFY(pin.set(QStringLiteral("246810")));
    QVERIFY(store.meta().value(QStringLiteral("admin_pin_salt")).valueOr({}) != salt);
    QVERIFY(store.meta().value(QStringLiteral("admin_pin_pbkdf2_sha256")).valueOr({}) != hash);
    QVERIFY(!pin.set(QStringLiteral("123")));
}

void TestAdminPin::rightAndWrongPins()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    AdminPin pin(store);
    QVERIFY(pin.set(QStringLiteral("246810")));
    QCOMPARE(pin.verify(QStringLiteral("246810")).status, Status::Ok);
    const AdminPin::Result wrong = pin.verify(QStringLiteral("246811"));
    QCOMPARE(wrong.status, Status::Wrong);
    QCOMPARE(wrong.failures, 1);
    QVERIFY(!wrong.lockedUntil.isValid());
    QCOMPARE(pin.verify(QStringLiteral("246810")).status, Status::Ok);
    QCOMPARE(pin.verify(QStringLiteral("000000")).failures, 1); // a right PIN resets the count
}

void TestAdminPin::lockoutDoublesAndSurvivesRestart()
{
    QTemporaryDir dir;
    const QDateTime t0 = QDateTime(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC);
    {
        SignatureStore store;
        QVERIFY(store.open(dir.path()));
        AdminPin pin(store);
        QVERIFY(pin.set(QStringLiteral("246810")));
        for (int i = 1; i <= 4; ++i) {
            const AdminPin::Result r = pin.verify(QStringLiteral("111111"), t0);
            QCOMPARE(r.status, Status::Wrong);
            QVERIFY(!r.lockedUntil.isValid());
        }
        const AdminPin::Result fifth = pin.verify(QStringLiteral("111111"), t0);
        QCOMPARE(fifth.failures, 5);
        QCOMPARE(fifth.lockedUntil, t0.addSecs(30));
        // While locked even the right PIN is refused, unchecked.
        QCOMPARE(pin.verify(QStringLiteral("246810"), t0.addSecs(29)).status, Status::LockedOut);
    }
    // After a restart: a new store on the same folder.
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    AdminPin pin(store);
    QCOMPARE(pin.lockedUntil(t0.addSecs(10)), t0.addSecs(30));
    const AdminPin::Result stillLocked = pin.verify(QStringLiteral("246810"), t0.addSecs(10));
    QCOMPARE(stillLocked.status, Status::LockedOut);
    QCOMPARE(stillLocked.lockedUntil, t0.addSecs(30));
    // The sixth wrong try locks for 60 s, the seventh for 120 s.
    const QDateTime t1 = t0.addSecs(31);
    QCOMPARE(pin.verify(QStringLiteral("111111"), t1).lockedUntil, t1.addSecs(60));
    const QDateTime t2 = t1.addSecs(61);
    QCOMPARE(pin.verify(QStringLiteral("111111"), t2).lockedUntil, t2.addSecs(120));
    // The right PIN, once the lock has passed, opens and resets everything.
    const QDateTime t3 = t2.addSecs(121);
    QCOMPARE(pin.verify(QStringLiteral("246810"), t3).status, Status::Ok);
    QVERIFY(!pin.lockedUntil(t3).isValid());
    QCOMPARE(pin.verify(QStringLiteral("111111"), t3).failures, 1);
}

QTEST_GUILESS_MAIN(TestAdminPin)
#include "tst_adminpin.moc"
