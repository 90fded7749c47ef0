// The volunteers' PIN: it wraps the duplicate key (Argon2id), checking, the coordinator's reset, the PIN from before
// sealing, the doubling lockout, and the lockout surviving a restart.

#include "admin/adminpin.h"
#include "core/signaturestore.h"
#include "sealingsupport.h"

#include <QPasswordDigestor>
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
    void thePinWrapsTheDuplicateKeyAndThereIsNoHash();
    void aSealedKioskKeepsItsDuplicateKey();
    void rightAndWrongPins();
    void aDamagedOrWeakenedWrapNeverOpens();
    void aPinFromBeforeSealingIsCheckedOnceThenWrapped();
    void lockoutDoublesAndSurvivesRestart();
};

void TestAdminPin::pinRules_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("ok");
    QTest::newRow("eight digits") << "24681012" << true;
    QTest::newRow("twelve digits") << "123456789012" << true;
    QTest::newRow("seven digits") << "1234567" << false;
    QTest::newRow("six digits (the old minimum)") << "246810" << false;
    QTest::newRow("letters") << "1234567a" << false;
    QTest::newRow("thirteen digits") << "1234567890123" << false;
    QTest::newRow("empty (no default PIN)") << "" << false;
}

void TestAdminPin::pinRules()
{
    QFETCH(QString, pin);
    QFETCH(bool, ok);
    QCOMPARE(AdminPin::problemWith(pin).isEmpty(), ok);
}

void TestAdminPin::thePinWrapsTheDuplicateKeyAndThereIsNoHash()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(test::openStore(store, dir.path()));
    AdminPin pin(store);
    QVERIFY(!pin.isSet());
    QCOMPARE(pin.verify(QStringLiteral("24681012")).status, Status::NotSet);
    const auto made = pin.set(QStringLiteral("24681012"));
    QVERIFY(made);
    QVERIFY(pin.isSet());
    const QString wrap = store.meta().value(QStringLiteral("pin_kd_wrap")).valueOr({});
    // Argon2id, 3 passes over 256 MiB (262144 KiB).
    QVERIFY2(wrap.startsWith(QLatin1String("a2id1$3$262144$")), qPrintable(wrap.left(20)));
    QVERIFY(!wrap.contains(QLatin1String("24681012")));
    QVERIFY(store.meta().value(QStringLiteral("admin_pin_pbkdf2_sha256")).valueOr({}).isEmpty());
    // Unwrapping is the check, and it gives back the very key that was wrapped.
    const AdminPin::Result opened = pin.verify(QStringLiteral("24681012"));
    QCOMPARE(opened.status, Status::Ok);
    QVERIFY(opened.key && opened.key->equals(**made));
    QVERIFY(!opened.mustChange);
    // A new PIN with the key keeps it; a new salt each time.
    QVERIFY(pin.set(QStringLiteral("13572468"), opened.key.get()));
    QVERIFY(store.meta().value(QStringLiteral("pin_kd_wrap")).valueOr({}) != wrap);
    const AdminPin::Result again = pin.verify(QStringLiteral("13572468"));
    QVERIFY(again.key && again.key->equals(**made));
    QVERIFY(!pin.set(QStringLiteral("1234567")));
}

void TestAdminPin::aSealedKioskKeepsItsDuplicateKey()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    QVERIFY(store.sealing().enrol(test::coordinatorKeys()->publicKey));
    AdminPin pin(store);
    const auto first = pin.set(QStringLiteral("24681012"));
    QVERIFY(first);
    // Without the current key a new PIN would make a new Kd and forget every signer: refused.
    const auto blind = pin.set(QStringLiteral("13572468"));
    QVERIFY(!blind);
    QVERIFY(blind.errorString().contains(QLatin1String("reset-pin")));
    QCOMPARE(pin.verify(QStringLiteral("24681012")).status, Status::Ok);

    // The coordinator's key opens the kiosk's copy of Kd (a forgotten PIN); another coordinator's does not.
    const auto recovered = pin.recoverWithCoordinatorKey(*test::coordinatorKeys());
    QVERIFY2(recovered, qPrintable(recovered.errorString()));
    QVERIFY((*recovered)->equals(**first));
    const Sealing::KeyPair stranger = Sealing::newKeyPair();
    const auto refused = pin.recoverWithCoordinatorKey(stranger);
    QVERIFY(!refused);
    QCOMPARE(refused.error(), StoreError::WrongCodec);
    QVERIFY(pin.set(QStringLiteral("13572468"), recovered->get()));
    QVERIFY(pin.verify(QStringLiteral("13572468")).key->equals(**first));
}

void TestAdminPin::rightAndWrongPins()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(test::openStore(store, dir.path()));
    AdminPin pin(store);
    QVERIFY(pin.set(QStringLiteral("24681012")));
    QCOMPARE(pin.verify(QStringLiteral("24681012")).status, Status::Ok);
    const AdminPin::Result wrong = pin.verify(QStringLiteral("24681013"));
    QCOMPARE(wrong.status, Status::Wrong);
    QCOMPARE(wrong.failures, 1);
    QVERIFY(!wrong.key);
    QVERIFY(!wrong.lockedUntil.isValid());
    QCOMPARE(pin.verify(QStringLiteral("24681012")).status, Status::Ok);
    QCOMPARE(pin.verify(QStringLiteral("00000000")).failures, 1); // a right PIN resets the count
}

void TestAdminPin::aDamagedOrWeakenedWrapNeverOpens()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(test::openStore(store, dir.path()));
    AdminPin pin(store);
    QVERIFY(pin.set(QStringLiteral("24681012")));
    const QString wrap = store.meta().value(QStringLiteral("pin_kd_wrap")).valueOr({});
    // A flipped byte in the box: the right PIN no longer opens it (a damaged box and a wrong PIN look the same).
    QString damaged = wrap;
    damaged[damaged.size() - 3] = damaged[damaged.size() - 3] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    QVERIFY(store.meta().setValue(QStringLiteral("pin_kd_wrap"), damaged));
    const AdminPin::Result r = pin.verify(QStringLiteral("24681012"));
    QVERIFY(r.status != Status::Ok);
    // A wrap rewritten to a cheap Argon2id (64 MiB), which a thief could brute-force faster: refused.
    SecretBytes kd = SecretBytes::random(32);
    const QByteArray cheap = Sealing::wrapWithPassword(kd, "24681012", { 2, std::size_t(64) << 20 });
    QVERIFY(store.meta().setValue(QStringLiteral("pin_kd_wrap"), QString::fromLatin1(cheap)));
    const AdminPin::Result weak = pin.verify(QStringLiteral("24681012"));
    QCOMPARE(weak.status, Status::Error);
    QCOMPARE(weak.error, StoreError::Corrupt);
    // The weakened wrap was not even tried: only the damaged box's try counts.
    QCOMPARE(store.meta().value(QStringLiteral("admin_pin_failures")).valueOr({}), QStringLiteral("1"));
}

void TestAdminPin::aPinFromBeforeSealingIsCheckedOnceThenWrapped()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(test::openStore(store, dir.path()));
    // What wave 1 stored for the PIN 135790: PBKDF2-SHA256, 100,000 iterations.
    const QByteArray salt = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    const QByteArray hash
        = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, QByteArrayLiteral("135790"), salt, 100000, 32);
    QVERIFY(store.meta().setValues({ { QStringLiteral("admin_pin_pbkdf2_sha256"), QString::fromLatin1(hash.toHex()) },
        { QStringLiteral("admin_pin_salt"), QString::fromLatin1(salt.toHex()) },
        { QStringLiteral("admin_pin_iterations"), QStringLiteral("100000") } }));
    AdminPin pin(store);
    QVERIFY(pin.isSet());
    QCOMPARE(pin.verify(QStringLiteral("135791")).status, Status::Wrong);
    const AdminPin::Result opened = pin.verify(QStringLiteral("135790"));
    QCOMPARE(opened.status, Status::Ok);
    QVERIFY(opened.key);
    QVERIFY(opened.mustChange); // six digits: the volunteer is asked for a new PIN
    QVERIFY(store.meta().value(QStringLiteral("admin_pin_pbkdf2_sha256")).valueOr({}).isEmpty());
    QVERIFY(store.meta().value(QStringLiteral("pin_kd_wrap")).valueOr({}).startsWith(QLatin1String("a2id1$")));
    const AdminPin::Result again = pin.verify(QStringLiteral("135790"));
    QVERIFY(again.mustChange && again.key->equals(*opened.key));
    QVERIFY(pin.set(QStringLiteral("13579024"), again.key.get()));
    QVERIFY(!pin.verify(QStringLiteral("13579024")).mustChange);
}

void TestAdminPin::lockoutDoublesAndSurvivesRestart()
{
    QTemporaryDir dir;
    const QDateTime t0 = QDateTime(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC);
    {
        SignatureStore store;
        QVERIFY(test::openStore(store, dir.path()));
        AdminPin pin(store);
        QVERIFY(pin.set(QStringLiteral("24681012")));
        for (int i = 1; i <= 4; ++i) {
            const AdminPin::Result r = pin.verify(QStringLiteral("11111111"), t0);
            QCOMPARE(r.status, Status::Wrong);
            QVERIFY(!r.lockedUntil.isValid());
        }
        const AdminPin::Result fifth = pin.verify(QStringLiteral("11111111"), t0);
        QCOMPARE(fifth.failures, 5);
        QCOMPARE(fifth.lockedUntil, t0.addSecs(30));
        // While locked even the right PIN is refused, unchecked.
        QCOMPARE(pin.verify(QStringLiteral("24681012"), t0.addSecs(29)).status, Status::LockedOut);
    }
    // After a restart: a new store on the same folder.
    SignatureStore store;
    QVERIFY(test::openStore(store, dir.path()));
    AdminPin pin(store);
    QCOMPARE(pin.lockedUntil(t0.addSecs(10)), t0.addSecs(30));
    const AdminPin::Result stillLocked = pin.verify(QStringLiteral("24681012"), t0.addSecs(10));
    QCOMPARE(stillLocked.status, Status::LockedOut);
    QCOMPARE(stillLocked.lockedUntil, t0.addSecs(30));
    // The sixth wrong try locks for 60 s, the seventh for 120 s.
    const QDateTime t1 = t0.addSecs(31);
    QCOMPARE(pin.verify(QStringLiteral("11111111"), t1).lockedUntil, t1.addSecs(60));
    const QDateTime t2 = t1.addSecs(61);
    QCOMPARE(pin.verify(QStringLiteral("11111111"), t2).lockedUntil, t2.addSecs(120));
    // The right PIN, once the lock has passed, opens and resets everything.
    const QDateTime t3 = t2.addSecs(121);
    QCOMPARE(pin.verify(QStringLiteral("24681012"), t3).status, Status::Ok);
    QVERIFY(!pin.lockedUntil(t3).isValid());
    QCOMPARE(pin.verify(QStringLiteral("11111111"), t3).failures, 1);
}

QTEST_GUILESS_MAIN(TestAdminPin)
#include "tst_adminpin.moc"
