// The kiosk executable and its system seams: one kiosk per data folder, and the screen kept awake over D-Bus.

#include "../src/app/powerwatch.h"
#include "../src/app/screensaverinhibitor.h"
#include "core/signaturestore.h"
#include "samplesignature.h"

#include <QDBusConnection>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace kiosk;

// A stand-in for the desktop's screen saver, on a private session bus.
class FakeScreenSaver final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.ScreenSaver")
public:
    QStringList calls;
public slots:
    uint Inhibit(const QString& application, const QString& reason)
    {
        calls << QStringLiteral("Inhibit %1: %2").arg(application, reason);
        return 4242;
    }
    void UnInhibit(uint cookie) { calls << QStringLiteral("UnInhibit %1").arg(cookie); }
};

// A stand-in for UPower, on a private system bus: the daemon, and its display device (the battery).
class FakeUPower final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.UPower")
    Q_PROPERTY(bool OnBattery MEMBER onBattery)
public:
    bool onBattery = true;
};
class FakeDisplayDevice final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.UPower.Device")
    Q_PROPERTY(uint Type MEMBER type)
    Q_PROPERTY(bool IsPresent MEMBER isPresent)
    Q_PROPERTY(double Percentage MEMBER percentage)
public:
    uint type = 2; // a battery
    bool isPresent = true;
    double percentage = 15;
};

// A stand-in for logind's manager, on the private system bus.
class FakeLogind final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.login1.Manager")
public:
    QString may = QStringLiteral("yes");
    QStringList calls;
public slots:
    QString CanPowerOff()
    {
        calls << QStringLiteral("CanPowerOff");
        return may;
    }
    void PowerOff(bool interactive) { calls << QStringLiteral("PowerOff %1").arg(interactive); }
};

class TestApp final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void screenSaverIsInhibitedWhileTheKioskRuns();
    void theBatteryIsReadFromUPower();
    void closingTheStallSwitchesOffThroughLogind();
    void withoutASessionBusTheKioskCarriesOn();
    void aSecondKioskOnTheSameDataFolderIsRefused();
    void aDamagedDatabaseIsReportedAndLeftAlone();
    void sigtermLeavesAsExitDoes_data();
    void sigtermLeavesAsExitDoes();

private:
    QProcess m_bus;
    QString m_address;
    QProcess m_systemBus;
};

void TestApp::initTestCase()
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    QVERIFY2(!daemon.isEmpty(), "dbus-daemon is needed (Debian package dbus-daemon; scripts/dev installs it)");
    m_bus.start(
        daemon, { QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1") });
    QVERIFY(m_bus.waitForStarted());
    QTRY_VERIFY(m_bus.canReadLine());
    m_address = QString::fromUtf8(m_bus.readLine()).trimmed();
    // Before the first use of sessionBus() in this process.
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    // A second private bus stands in for the system bus, where UPower lives.
    m_systemBus.start(
        daemon, { QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1") });
    QVERIFY(m_systemBus.waitForStarted());
    QTRY_VERIFY(m_systemBus.canReadLine());
    qputenv("DBUS_SYSTEM_BUS_ADDRESS", m_systemBus.readLine().trimmed());
}

void TestApp::cleanupTestCase()
{
    m_systemBus.kill();
    m_systemBus.waitForFinished();
    m_bus.kill();
    m_bus.waitForFinished();
}

void TestApp::screenSaverIsInhibitedWhileTheKioskRuns()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    QVERIFY(bus.isConnected());
    FakeScreenSaver fake;
    QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.ScreenSaver")));
    QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/ScreenSaver"), &fake, QDBusConnection::ExportAllSlots));
    {
        ScreenSaverInhibitor inhibitor(QStringLiteral("A petition kiosk is in use"));
        QVERIFY(inhibitor.active());
        QCOMPARE(fake.calls, QStringList { QStringLiteral("Inhibit tst_app: A petition kiosk is in use") });
    }
    QCOMPARE(fake.calls.last(), QStringLiteral("UnInhibit 4242"));
    bus.unregisterObject(QStringLiteral("/org/freedesktop/ScreenSaver"));
    bus.unregisterService(QStringLiteral("org.freedesktop.ScreenSaver"));
    // With no screen saver on the bus, nothing is inhibited and nothing breaks.
    ScreenSaverInhibitor none(QStringLiteral("test"));
    QVERIFY(!none.active());
}

// PowerWatch reads UPower's display device and OnBattery over the system bus; with UPower gone, or a machine with
// no battery, it says there is no battery, once, and nothing fails.
void TestApp::theBatteryIsReadFromUPower()
{
    QDBusConnection bus = QDBusConnection::systemBus();
    QVERIFY(bus.isConnected());
    FakeUPower upower;
    FakeDisplayDevice device;
    QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.UPower")));
    QVERIFY(
        bus.registerObject(QStringLiteral("/org/freedesktop/UPower"), &upower, QDBusConnection::ExportAllProperties));
    QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/UPower/devices/DisplayDevice"), &device,
        QDBusConnection::ExportAllProperties));
    PowerWatch watch(nullptr, 3600000);
    QSignalSpy changed(&watch, &PowerWatch::changed);
    watch.poll();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.last(), (QVariantList { true, true, 15.0 }));
    watch.poll(); // nothing new: nothing said
    QCOMPARE(changed.size(), 1);
    device.percentage = 6;
    watch.poll();
    QCOMPARE(changed.last(), (QVariantList { true, true, 6.0 }));
    upower.onBattery = false; // plugged in
    watch.poll();
    QCOMPARE(changed.last(), (QVariantList { true, false, 6.0 }));
    device.type = 1; // mains only: a desktop
    watch.poll();
    QCOMPARE(changed.last().at(0).toBool(), false);
    device.type = 2;
    bus.unregisterObject(QStringLiteral("/org/freedesktop/UPower/devices/DisplayDevice"));
    bus.unregisterObject(QStringLiteral("/org/freedesktop/UPower"));
    bus.unregisterService(QStringLiteral("org.freedesktop.UPower"));
    PowerWatch without(nullptr, 3600000);
    QSignalSpy none(&without, &PowerWatch::changed);
    without.poll();
    QCOMPARE(none.size(), 1);
    QCOMPARE(none.last().at(0).toBool(), false);
}

// requestPowerOff() asks logind whether this session may switch off, and then does; "no" or "challenge", or no logind,
// is refused with the reason, and PowerOff is never called.
void TestApp::closingTheStallSwitchesOffThroughLogind()
{
    QDBusConnection bus = QDBusConnection::systemBus();
    QVERIFY(bus.isConnected());
    QString why;
    QVERIFY(!requestPowerOff(&why)); // no logind on this bus
    QVERIFY2(why.contains(QLatin1String("logind did not answer")), qPrintable(why));
    FakeLogind logind;
    QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.login1")));
    QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/login1"), &logind, QDBusConnection::ExportAllSlots));
    QVERIFY2(requestPowerOff(&why), qPrintable(why));
    QCOMPARE(logind.calls, (QStringList { QStringLiteral("CanPowerOff"), QStringLiteral("PowerOff 0") }));
    for (const QString& answer : { QStringLiteral("no"), QStringLiteral("challenge") }) {
        logind.calls.clear();
        logind.may = answer;
        QVERIFY(!requestPowerOff(&why));
        QVERIFY2(why.contains(answer), qPrintable(why));
        QCOMPARE(logind.calls, QStringList { QStringLiteral("CanPowerOff") });
    }
    bus.unregisterObject(QStringLiteral("/org/freedesktop/login1"));
    bus.unregisterService(QStringLiteral("org.freedesktop.login1"));
}

namespace {
QProcessEnvironment kioskEnvironment(const QString& busAddress)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
    return env;
}
} // namespace

void TestApp::withoutASessionBusTheKioskCarriesOn()
{
    QTemporaryDir dir;
    QProcess kiosk;
    kiosk.setProcessEnvironment(kioskEnvironment(QStringLiteral("unix:path=/nonexistent/bus")));
    kiosk.start(QStringLiteral(KIOSK_BIN),
        { QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--quit-after-first-paint") });
    QVERIFY(kiosk.waitForFinished(30000));
    QCOMPARE(kiosk.exitStatus(), QProcess::NormalExit);
    QCOMPARE(kiosk.exitCode(), 0);
}

void TestApp::sigtermLeavesAsExitDoes_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM (systemd at shut-down)") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGHUP") << int(SIGHUP);
}

// The signal ends the kiosk the way the admin's Exit does: a backup is made, the WAL is checkpointed into the
// database as the store closes, and the lock is released.
void TestApp::sigtermLeavesAsExitDoes()
{
    QFETCH(int, signal);
    QTemporaryDir dir;
    {
        SignatureStore store;
        QVERIFY(store.open(dir.path()));
        QCOMPARE(store.signatures().save(test::sampleSignature()).status, SaveResult::Status::Stored);
    }
    QProcess kiosk;
    kiosk.setProcessEnvironment(kioskEnvironment(m_address));
    kiosk.start(QStringLiteral(KIOSK_BIN), { QStringLiteral("--data-dir"), dir.path() });
    QVERIFY(kiosk.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(dir.filePath(QStringLiteral("kiosk.lock"))), 15000);
    QTest::qWait(300); // past start-up, into the event loop
    // No core dump could hold the duplicate key or a signer's fields.
    QFile limits(QStringLiteral("/proc/%1/limits").arg(kiosk.processId()));
    if (limits.open(QIODevice::ReadOnly)) {
        const QString text = QString::fromLatin1(limits.readAll());
        static const QRegularExpression core(QStringLiteral("Max core file size\\s+0\\s+0\\s"));
        QVERIFY2(core.match(text).hasMatch(), qPrintable(text));
    }
    QCOMPARE(::kill(pid_t(kiosk.processId()), signal), 0);
    QVERIFY(kiosk.waitForFinished(15000));
    QCOMPARE(kiosk.exitStatus(), QProcess::NormalExit);
    QCOMPARE(kiosk.exitCode(), 0);
    QVERIFY(QString::fromUtf8(kiosk.readAllStandardError()).contains(QLatin1String("leaving on signal")));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("kiosk.lock"))));
    QCOMPARE(
        QDir(dir.filePath(QStringLiteral("backups"))).entryList({ QStringLiteral("signatures-*.sqlite") }).size(), 1);
    // Closed cleanly: SQLite removes the WAL file when the last connection closes after a checkpoint.
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("signatures.sqlite-wal"))));
}

void TestApp::aSecondKioskOnTheSameDataFolderIsRefused()
{
    QTemporaryDir dir;
    QProcess first;
    first.setProcessEnvironment(kioskEnvironment(m_address));
    first.start(QStringLiteral(KIOSK_BIN), { QStringLiteral("--data-dir"), dir.path() });
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(dir.filePath(QStringLiteral("kiosk.lock"))), 15000);

    QProcess second;
    second.setProcessEnvironment(kioskEnvironment(m_address));
    second.start(QStringLiteral(KIOSK_BIN),
        { QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--quit-after-first-paint") });
    QVERIFY(second.waitForFinished(30000));
    QCOMPARE(second.exitCode(), 1);
    const QString err = QString::fromUtf8(second.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("Another kiosk is already running on this data folder")), qPrintable(err));
    QVERIFY(err.contains(QString::number(first.processId())));

    first.kill();
    QVERIFY(first.waitForFinished());
    // Once the first is gone (even killed), its stale lock does not block the next start.
    QProcess third;
    third.setProcessEnvironment(kioskEnvironment(m_address));
    third.start(QStringLiteral(KIOSK_BIN),
        { QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--quit-after-first-paint") });
    QVERIFY(third.waitForFinished(30000));
    QCOMPARE(third.exitCode(), 0);
}

void TestApp::aDamagedDatabaseIsReportedAndLeftAlone()
{
    QTemporaryDir dir;
    QFile db(dir.filePath(QStringLiteral("signatures.sqlite")));
    QVERIFY(db.open(QIODevice::WriteOnly));
    db.write(QByteArray(8192, '\x42'));
    db.close();
    QProcess kiosk;
    kiosk.setProcessEnvironment(kioskEnvironment(m_address));
    kiosk.start(QStringLiteral(KIOSK_BIN),
        { QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--quit-after-first-paint") });
    QVERIFY(kiosk.waitForFinished(30000));
    QCOMPARE(kiosk.exitCode(), 1);
    const QString err = QString::fromUtf8(kiosk.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("damaged")), qPrintable(err));
    QVERIFY(!err.contains(QLatin1String("SQL")));
    QVERIFY(db.open(QIODevice::ReadOnly));
    QCOMPARE(db.readAll(), QByteArray(8192, '\x42'));
}

QTEST_GUILESS_MAIN(TestApp)
#include "tst_app.moc"
