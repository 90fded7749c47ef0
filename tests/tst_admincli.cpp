// petition-kiosk-admin: commands, output formats and exit codes, in-process and through the real executable.

#include "admin/adminpin.h"
#include "adminrun.h"
#include "cli/admincommands.h"
#include "core/kiosksettings.h"
#include "core/signaturestore.h"
#include "sealingsupport.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk;

namespace {
using test::Run;

Run runInProcess(const QStringList& args)
{
    QString in;
    QString out;
    QString err;
    QTextStream inStream(&in);
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    const int code = runAdminCommand(
        QStringList { QStringLiteral("petition-kiosk-admin") } + args, inStream, outStream, errStream);
    return { code, out, err };
}

} // namespace

class TestAdminCli final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void helpAndVersion();
    void statsAsText();
    void statsAsJson();
    void dataDirAfterTheCommandWorksToo();
    void missingDataDirIsOneLineFailure();
    void checkCampaignReportsAFolder();
    void initSetPinAndAuditProvisionAKiosk();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAdminCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, m_dir->path()));
    QCOMPARE(
        store.signatures().save(test::sampleSignature(QStringLiteral("Ann One"))).status, SaveResult::Status::Stored);
    Signature old = test::sampleSignature(QStringLiteral("Ann Two"));
    old.signedAt = QDateTime::currentDateTime().addDays(-3);
    QCOMPARE(store.signatures().save(old).status, SaveResult::Status::Stored);
}

void TestAdminCli::helpAndVersion()
{
    const Run help = test::admin({ QStringLiteral("--help") });
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains(QLatin1String("stats")));
    QVERIFY(help.out.contains(QLatin1String("--data-dir")));
    const Run version = test::admin({ QStringLiteral("--version") });
    QCOMPARE(version.code, 0);
    QVERIFY(version.out.startsWith(QLatin1String("petition-kiosk-admin ")));
    const Run commandHelp = runInProcess({ QStringLiteral("stats"), QStringLiteral("--help") });
    QCOMPARE(commandHelp.code, 0);
    QVERIFY(commandHelp.out.contains(QLatin1String("--json")));
}

void TestAdminCli::statsAsText()
{
    const Run run = test::admin({ QStringLiteral("--data-dir"), m_dir->path(), QStringLiteral("stats") });
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.contains(QRegularExpression(QStringLiteral("Signed today: +1\\n"))), qPrintable(run.out));
    QVERIFY(run.out.contains(QRegularExpression(QStringLiteral("Signed in all: +2\\n"))));
    QVERIFY(run.out.contains(QRegularExpression(QStringLiteral("Not exported: +2\\n"))));
    QVERIFY(run.err.isEmpty());
}

void TestAdminCli::statsAsJson()
{
    const Run run = test::admin(
        { QStringLiteral("--data-dir"), m_dir->path(), QStringLiteral("stats"), QStringLiteral("--json") });
    QCOMPARE(run.code, 0);
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(run.out.count(QLatin1Char('\n')), 1);
    const QJsonObject o = doc.object();
    QCOMPARE(o.value(QStringLiteral("total")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("today")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("unexported")).toInt(), 2);
    QCOMPARE(
        o.value(QStringLiteral("per_petition")).toObject().value(QStringLiteral("stop-persecution-uk")).toInt(), 2);
}

void TestAdminCli::dataDirAfterTheCommandWorksToo()
{
    const Run run = runInProcess(
        { QStringLiteral("stats"), QStringLiteral("--json"), QStringLiteral("--data-dir"), m_dir->path() });
    QCOMPARE(run.code, 0);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("total")).toInt(), 2);
}

void TestAdminCli::missingDataDirIsOneLineFailure()
{
    const QString missing = m_dir->filePath(QStringLiteral("nowhere"));
    const Run run = test::admin({ QStringLiteral("--data-dir"), missing, QStringLiteral("stats") });
    QCOMPARE(run.code, 1);
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    QVERIFY(run.err.startsWith(QLatin1String("petition-kiosk-admin: ")));
    QVERIFY(run.err.contains(QLatin1String("does not exist")));
    QVERIFY(!QFileInfo::exists(missing));

    QTemporaryDir empty;
    const Run noDb = test::admin({ QStringLiteral("--data-dir"), empty.path(), QStringLiteral("stats") });
    QCOMPARE(noDb.code, 1);
    QCOMPARE(noDb.err.count(QLatin1Char('\n')), 1);
    QVERIFY(QDir(empty.path()).isEmpty());
}

void TestAdminCli::checkCampaignReportsAFolder()
{
    const Run good = test::admin({ QStringLiteral("--data-dir"), m_dir->path(), QStringLiteral("check-campaign"),
        QStringLiteral(KIOSK_SOURCE_DIR "/resources/campaign") });
    QCOMPARE(good.code, 0);
    QVERIFY(good.out.contains(QLatin1String("zh_TW: 5 pages")));

    QTemporaryDir broken;
    QFile json(broken.filePath(QStringLiteral("campaign.json")));
    QVERIFY(json.open(QIODevice::WriteOnly));
    json.write("{ \"petition\": ");
    json.close();
    const Run bad = test::admin({ QStringLiteral("check-campaign"), broken.path() });
    QCOMPARE(bad.code, 1);
    QCOMPARE(bad.err.count(QLatin1Char('\n')), 1);
    QVERIFY(bad.err.contains(QLatin1String("campaign.json: not valid JSON")));

    QCOMPARE(test::admin({ QStringLiteral("check-campaign") }).code, 2);
}

void TestAdminCli::initSetPinAndAuditProvisionAKiosk()
{
    QTemporaryDir parent;
    const QString dir = parent.filePath(QStringLiteral("stall-7"));
    const Run init = test::admin({ QStringLiteral("--data-dir"), dir, QStringLiteral("init"),
        QStringLiteral("--organisation"), QStringLiteral("Friends of X"), QStringLiteral("--stall"),
        QStringLiteral("Market Square"), QStringLiteral("--place"), QStringLiteral("Leeds"),
        QStringLiteral("--language"), QStringLiteral("zh_CN"), QStringLiteral("--unsealed") });
    QCOMPARE(init.code, 0);
    QVERIFY(init.out.contains(QLatin1String("UNSEALED")));
    QVERIFY(init.out.contains(QLatin1String("id market-square")));
    QVERIFY(init.out.contains(QLatin1String("set-pin")));
    KioskSettings settings(dir);
    QCOMPARE(settings.organisation(), QStringLiteral("Friends of X"));
    QCOMPARE(settings.stallPlace(), QStringLiteral("Leeds"));
    QCOMPARE(settings.defaultLanguage(), QStringLiteral("zh_CN"));

    // Twice from standard input; mismatches and short PINs change nothing.
    QCOMPARE(
        test::admin({ QStringLiteral("--data-dir"), dir, QStringLiteral("set-pin") }, "13579024\n13579124\n").code, 1);
    const Run shortPin = test::admin(
        { QStringLiteral("--data-dir"), dir, QStringLiteral("set-pin"), QStringLiteral("--stdin") }, "1234567\n");
    QCOMPARE(shortPin.code, 1);
    QCOMPARE(shortPin.err.count(QLatin1Char('\n')), 1);
    {
        SignatureStore store;
        QVERIFY(test::openStoreReadable(store, dir));
        QVERIFY(!AdminPin(store).isSet());
    }
    QCOMPARE(
        test::admin({ QStringLiteral("--data-dir"), dir, QStringLiteral("set-pin") }, "13579024\n13579024\n").code, 0);
    {
        SignatureStore store;
        QVERIFY(store.open(dir));
        QCOMPARE(AdminPin(store).verify(QStringLiteral("13579024")).status, AdminPin::Status::Ok);
    }
    QCOMPARE(test::admin({ QStringLiteral("--data-dir"), dir, QStringLiteral("set-pin"), QStringLiteral("--stdin") },
                 "97531024\n")
                 .code,
        0);

    const Run audit = test::admin({ QStringLiteral("--data-dir"), dir, QStringLiteral("audit") });
    QCOMPARE(audit.code, 0);
    const QStringList lines = audit.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[0].contains(QLatin1String("set up UNSEALED (test only)")));
    QVERIFY(lines[1].contains(QLatin1String("set up by petition-kiosk-admin init")));
    QVERIFY(lines[2].endsWith(QLatin1String("PIN set by petition-kiosk-admin")));
    QVERIFY(QDateTime::fromString(lines[0].section(QLatin1Char(' '), 0, 0), Qt::ISODateWithMs).isValid());
    QCOMPARE(test::admin({ QStringLiteral("--data-dir"), dir, QStringLiteral("audit"), QStringLiteral("--limit"),
                             QStringLiteral("1") })
                 .out.count(QLatin1Char('\n')),
        1);
    QCOMPARE(test::admin({ QStringLiteral("--data-dir"), dir, QStringLiteral("init") }).code, 2);
}

void TestAdminCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList {};
    QTest::newRow("unknown command") << QStringList { QStringLiteral("explode") };
    QTest::newRow("unknown option") << QStringList { QStringLiteral("--frobnicate"), QStringLiteral("stats") };
    QTest::newRow("unknown command option") << QStringList { QStringLiteral("stats"), QStringLiteral("--xml") };
    QTest::newRow("stray argument") << QStringList { QStringLiteral("stats"), QStringLiteral("extra") };
    QTest::newRow("data-dir without value") << QStringList { QStringLiteral("stats"), QStringLiteral("--data-dir") };
}

void TestAdminCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    const Run run = test::admin(args);
    QCOMPARE(run.code, 2);
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestAdminCli)
#include "tst_admincli.moc"
