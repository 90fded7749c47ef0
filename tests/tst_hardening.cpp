// The smaller things found in issue 13, through petition-kiosk-admin as a careless coordinator would meet them: each
// failure names its real cause, stall ids stay slugs, a data folder's name must be text, and names from the file
// system never reach the terminal raw.

#include "core/datadir.h"
#include "core/kiosksettings.h"
#include "core/signaturestore.h"
#include "sealingsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk;

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run admin(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(KIOSK_ADMIN_BIN), args);
    p.waitForFinished(60000);
    return { p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}
} // namespace

class TestHardening final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void anExportFolderThatIsALoopSaysSo();
    void anExportIntoProcSaysItIsNoDrive();
    void aBackupFolderThatIsAFileSaysBackupFolder();
    void aHostileStallIdStaysInsideTheExportFolder();
    void aDataFolderNameThatIsNotTextIsRefused();
    void controlCharactersNeverReachTheTerminalRaw();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_data;
};

void TestHardening::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_data = m_dir->filePath(QStringLiteral("data"));
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_data));
    QCOMPARE(store.signatures().save(test::sampleSignature()).status, SaveResult::Status::Stored);
}

void TestHardening::anExportFolderThatIsALoopSaysSo()
{
    const QString loop = m_dir->filePath(QStringLiteral("loop"));
    QVERIFY(QFile::link(loop, loop));
    const Run r
        = admin({ QStringLiteral("--data-dir"), m_data, QStringLiteral("export"), QStringLiteral("--out"), loop });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("a link that leads nowhere")), qPrintable(r.err));
    QVERIFY(!r.err.contains(QLatin1String("no longer there")));
}

void TestHardening::anExportIntoProcSaysItIsNoDrive()
{
    if (!QFileInfo(QStringLiteral("/proc/self")).exists())
        QSKIP("no /proc on this system");
    const Run r = admin({ QStringLiteral("--data-dir"), m_data, QStringLiteral("export"), QStringLiteral("--out"),
        QStringLiteral("/proc") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("not on a drive")), qPrintable(r.err));
    QVERIFY(!r.err.contains(QLatin1String("is full")));
}

void TestHardening::aBackupFolderThatIsAFileSaysBackupFolder()
{
    const QString file = m_dir->filePath(QStringLiteral("a-file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const Run r
        = admin({ QStringLiteral("--data-dir"), m_data, QStringLiteral("backup"), QStringLiteral("--to"), file });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("backups")), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QLatin1String("data")), qPrintable(r.err));
}

void TestHardening::aHostileStallIdStaysInsideTheExportFolder()
{
    {
        QSettings ini(DataDir::settingsPath(m_data), QSettings::IniFormat);
        ini.setValue(QStringLiteral("stall/id"), QStringLiteral("../escaped"));
    }
    QCOMPARE(KioskSettings(m_data).stallId(), QStringLiteral("escaped"));
    const QString out = m_dir->filePath(QStringLiteral("out"));
    const Run r
        = admin({ QStringLiteral("--data-dir"), m_data, QStringLiteral("export"), QStringLiteral("--out"), out });
    QCOMPARE(r.code, 0);
    const QStringList inside = QDir(out).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(inside.size(), 1);
    QVERIFY2(inside.first().startsWith(QLatin1String("escaped-")), qPrintable(inside.first()));
    QVERIFY(QDir(m_dir->path()).entryList({ QStringLiteral("escaped*") }, QDir::Dirs).isEmpty());
}

void TestHardening::aDataFolderNameThatIsNotTextIsRefused()
{
    // Bytes that are not UTF-8 cannot be passed through QProcess's QString arguments; a shell passes them.
    QProcess p;
    p.start(QStringLiteral("/bin/sh"),
        { QStringLiteral("-c"), QStringLiteral("exec \"$0\" --data-dir \"$(printf '%s/bad\\377name')\" stats"),
            QStringLiteral(KIOSK_ADMIN_BIN), m_dir->path() });
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("not valid text")), qPrintable(err));
}

void TestHardening::controlCharactersNeverReachTheTerminalRaw()
{
    const QString out = m_dir->filePath(QStringLiteral("out\nforged line\x1b[31m"));
    QCOMPARE(
        admin({ QStringLiteral("--data-dir"), m_data, QStringLiteral("export"), QStringLiteral("--out"), out }).code,
        0);
    const Run batches = admin({ QStringLiteral("--data-dir"), m_data, QStringLiteral("batches") });
    QCOMPARE(batches.code, 0);
    QCOMPARE(batches.out.count(QLatin1Char('\n')), 1); // one batch, one line
    QVERIFY2(batches.out.contains(QLatin1String("out\\nforged line\\u001b[31m")), qPrintable(batches.out));
    const Run audit = admin({ QStringLiteral("--data-dir"), m_data, QStringLiteral("audit") });
    QCOMPARE(audit.code, 0);
    QVERIFY(!audit.out.contains(QChar(0x1b)));
    QVERIFY(!audit.out.contains(QLatin1String("\nforged line")));
    QVERIFY(audit.out.contains(QLatin1String("\\nforged line")));
}

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
