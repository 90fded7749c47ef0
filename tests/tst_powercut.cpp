// Power cuts, simulated below SQLite: the store runs on a VFS that keeps every write not yet synced (crashvfs.h) and,
// at a random write, truncation or sync, loses them (all, a random subset, or all but a torn last one) and fails every
// call after. The folder is then opened as the kiosk opens it after a power cut, and every signature save()
// acknowledged before the cut must be there, whole; the database must pass integrity_check, and the counts must match
// the rows. On the plain store and on the sealed one. KIOSK_POWERCUT_ROUNDS sets the cuts per store (default 1,000).
//
// And below the export: kiosk-crash-helper signs and exports twice under libkiosk-powercut.so (tools/powercut.cpp),
// which cuts the power at a random file operation in the data folder or on the stick and leaves only what was made
// durable (file contents synced, directory entries made durable by a sync of their directory). The next start must find
// every acknowledged signature, no partial batch under a final name, no row marked exported whose batch is not whole
// on the stick, and every batch it had reported exported. KIOSK_POWERCUT_EXPORT_ROUNDS sets those cuts per store
// (default 200).

#include "core/batchexporter.h"
#include "core/batchverifier.h"
#include "core/signaturestore.h"
#include "crashvfs.h"
#include "samplesignature.h"
#include "sealingsupport.h"

#include <QDir>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace kiosk;
using test::CrashVfs;

namespace {

constexpr int SignersPerRound = 12;

struct Acknowledged
{
    QUuid id;
    Signature stored;
};

// One kiosk's life until the power goes: a new data folder set up (sealed, or plain), then signers one by one.
// Returns what save() acknowledged.
QList<Acknowledged> signUntilTheCut(const QString& dir, bool sealed, int round, qint64* setUpOperations = nullptr)
{
    QList<Acknowledged> acknowledged;
    SignatureStore store;
    SignatureStore::Options options;
    options.sqliteVfs = QString::fromLatin1(CrashVfs::Name);
    if (!store.open(dir, SignatureStore::OpenMode::CreateIfMissing, options))
        return acknowledged;
    if (sealed) {
        if (!store.sealing().enrol(test::coordinatorKeys()->publicKey))
            return acknowledged;
        store.sealing().unlock(test::duplicateKey());
    }
    if (setUpOperations)
        *setUpOperations = CrashVfs::instance().operations();
    for (int i = 0; i < SignersPerRound; ++i) {
        Signature s = test::sampleSignature(QStringLiteral("Signer R%1 Number%2").arg(round).arg(QChar(u'a' + i)),
            QStringLiteral("SW1A 1AA"),
            i % 3 == 0 ? QStringLiteral("s%1.%2@example.org").arg(round).arg(i) : QString());
        if (i % 4 == 0)
            s.signatureSvg = R"(<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L10 10"/></svg>)";
        const SaveResult r = store.signatures().save(s);
        if (r.status != SaveResult::Status::Stored)
            break;
        acknowledged.append({ r.id, r.stored });
    }
    store.close();
    return acknowledged;
}

} // namespace

class TestPowerCut : public QObject
{
    Q_OBJECT
private slots:
    // Thousands of failed calls: the store's own log lines (each cut's "disk I/O error") are left out.
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("kiosk.*=false")); }
    void acknowledgedSignaturesSurviveEveryCut_data();
    void acknowledgedSignaturesSurviveEveryCut();
    void exportsSurviveEveryCut_data() { acknowledgedSignaturesSurviveEveryCut_data(); }
    void exportsSurviveEveryCut();
};

void TestPowerCut::acknowledgedSignaturesSurviveEveryCut_data()
{
    QTest::addColumn<bool>("sealed");
    QTest::newRow("plain") << false;
    QTest::newRow("sealed") << true;
}

void TestPowerCut::acknowledgedSignaturesSurviveEveryCut()
{
    QFETCH(bool, sealed);
    const int rounds = qEnvironmentVariableIsSet("KIOSK_POWERCUT_ROUNDS")
        ? qEnvironmentVariableIntValue("KIOSK_POWERCUT_ROUNDS")
        : 1000;
    CrashVfs& vfs = CrashVfs::instance();
    // How many writes, truncations and syncs a whole round makes: the cuts fall anywhere in it.
    qint64 span = 0, setUp = 0;
    {
        QTemporaryDir dir;
        vfs.arm(0, CrashVfs::Cut::DropAll, 0);
        QCOMPARE(signUntilTheCut(dir.path(), sealed, -1, &setUp).size(), SignersPerRound);
        span = vfs.operations();
        vfs.disarm();
    }
    QVERIFY(span > setUp && setUp > 0);
    std::mt19937 random(sealed ? 20261124 : 1124);
    qint64 acknowledgedTotal = 0, lost = 0, damaged = 0, cutsDuringSetUp = 0;
    const CrashVfs::Stats before = vfs.stats();
    for (int round = 0; round < rounds; ++round) {
        QTemporaryDir dir;
        // Every other cut falls while signers sign; the rest anywhere, setting up (creating the schema, enrolling)
        // included.
        const qint64 from = round % 2 ? setUp + 1 : 1;
        const qint64 cutAt = from + qint64(random() % quint64(span - from + 1));
        const auto how = CrashVfs::Cut(round % 3);
        vfs.arm(cutAt, how, random());
        const QList<Acknowledged> acknowledged = signUntilTheCut(dir.path(), sealed, round);
        QVERIFY2(vfs.isCut(), qPrintable(QStringLiteral("round %1: the power never went").arg(round)));
        vfs.disarm();
        acknowledgedTotal += acknowledged.size();
        cutsDuringSetUp += acknowledged.isEmpty();

        // The power is back: the kiosk starts on the folder as it is.
        SignatureStore store;
        const VoidResult opened = test::openStoreReadable(store, dir.path());
        QVERIFY2(opened,
            qPrintable(QStringLiteral("round %1 (cut %2 of %3, %4): %5")
                           .arg(round)
                           .arg(cutAt)
                           .arg(span)
                           .arg(int(how))
                           .arg(opened.errorString())));
        QVERIFY2(store.integrityCheck(), qPrintable(QStringLiteral("round %1: integrity_check failed").arg(round)));
        for (const Acknowledged& a : acknowledged) {
            const Result<Signature> found = store.signatures().find(a.id);
            if (!found) {
                ++lost;
                qWarning("round %d (cut %lld of %lld, mode %d): acknowledged signature %s lost", round, cutAt, span,
                    int(how), qPrintable(a.id.toString()));
                continue;
            }
            if (found->fullName != a.stored.fullName || found->postcode != a.stored.postcode
                || found->email != a.stored.email || found->signatureSvg != a.stored.signatureSvg
                || found->signedAt != a.stored.signedAt)
                ++damaged;
        }
        const Result<SignatureCounts> counts = store.signatures().counts();
        QVERIFY(counts);
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM signatures")) && q.next());
        QCOMPARE(counts->total, q.value(0).toLongLong());
        // What is there: every acknowledged signature, and at most the one being saved when the power went.
        QVERIFY(counts->total >= acknowledged.size() && counts->total <= acknowledged.size() + 1);
        store.close();
    }
    const CrashVfs::Stats after = vfs.stats();
    qInfo("%s store: %d power cuts; %lld signatures acknowledged before them, %lld lost, %lld damaged; %lld cuts "
          "before the first signature; %lld unsynced writes dropped, %lld let through, %lld torn",
        sealed ? "sealed" : "plain", rounds, acknowledgedTotal, lost, damaged, cutsDuringSetUp,
        after.dropped - before.dropped, after.kept - before.kept, after.torn - before.torn);
    QCOMPARE(lost, 0);
    QCOMPARE(damaged, 0);
}

namespace {

struct HelperRun
{
    int exitCode = -1;
    QStringList acknowledged;
    QStringList batches;
    qint64 operations = 0;
};

// kiosk-crash-helper powercut-export under the library, the power cut at the `cutAt`-th operation (0: never).
HelperRun exportUnderCut(const QString& data, const QString& out, qint64 cutAt, bool sealed)
{
    QTemporaryDir countDir;
    const QString countFile = countDir.filePath(QStringLiteral("count"));
    QProcess helper;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(KIOSK_POWERCUT_LIB));
    env.insert(QStringLiteral("KIOSK_POWERCUT_ROOTS"), data + QLatin1Char(':') + out);
    env.insert(QStringLiteral("KIOSK_POWERCUT_AT"), QString::number(cutAt));
    env.insert(QStringLiteral("KIOSK_POWERCUT_COUNT"), countFile);
    env.insert(QStringLiteral("KIOSK_TEST_SEALING"), sealed ? QStringLiteral("sealed") : QStringLiteral("plain"));
    // A sanitizer build's runtime wants to be first among the libraries; the preloaded one is only a shim over libc.
    env.insert(QStringLiteral("ASAN_OPTIONS"),
        env.value(QStringLiteral("ASAN_OPTIONS")) + QStringLiteral(":verify_asan_link_order=0"));
    helper.setProcessEnvironment(env);
    helper.start(QStringLiteral(KIOSK_CRASH_HELPER), { QStringLiteral("powercut-export"), data, out });
    HelperRun run;
    if (!helper.waitForFinished(120000))
        return run;
    run.exitCode = helper.exitStatus() == QProcess::NormalExit ? helper.exitCode() : -2;
    for (const QString& line : QString::fromLatin1(helper.readAllStandardOutput()).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("ACK ")))
            run.acknowledged << line.mid(4);
        else if (line.startsWith(QLatin1String("BATCH ")))
            run.batches << line.mid(6);
    }
    QFile count(countFile);
    if (count.open(QIODevice::ReadOnly))
        run.operations = count.readAll().trimmed().toLongLong();
    return run;
}

} // namespace

void TestPowerCut::exportsSurviveEveryCut()
{
    QFETCH(bool, sealed);
    const int rounds = qEnvironmentVariableIsSet("KIOSK_POWERCUT_EXPORT_ROUNDS")
        ? qEnvironmentVariableIntValue("KIOSK_POWERCUT_EXPORT_ROUNDS")
        : 200;
    // This process reads the folder as the kiosk it was: sealed or not.
    qputenv("KIOSK_TEST_SEALING", sealed ? "sealed" : "plain");
    // How many operations a whole run makes.
    qint64 span = 0;
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data")), out = dir.filePath(QStringLiteral("usb"));
        QVERIFY(QDir().mkpath(data) && QDir().mkpath(out));
        const HelperRun whole = exportUnderCut(data, out, 0, sealed);
        QCOMPARE(whole.exitCode, 0);
        QCOMPARE(whole.batches.size(), 2);
        span = whole.operations;
    }
    QVERIFY2(span > 50, qPrintable(QString::number(span)));
    std::mt19937 random(sealed ? 86 : 68);
    qint64 acknowledged = 0, reported = 0, lost = 0, recovered = 0, batchesChecked = 0;
    for (int round = 0; round < rounds; ++round) {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data")), out = dir.filePath(QStringLiteral("usb"));
        QVERIFY(QDir().mkpath(data) && QDir().mkpath(out));
        const qint64 cutAt = 1 + qint64(random() % quint64(span));
        const HelperRun run = exportUnderCut(data, out, cutAt, sealed);
        QVERIFY2(run.exitCode == 86,
            qPrintable(QStringLiteral("round %1: the helper ended with %2, not at the cut %3 of %4")
                           .arg(round)
                           .arg(run.exitCode)
                           .arg(cutAt)
                           .arg(span)));
        acknowledged += run.acknowledged.size();
        reported += run.batches.size();
        const QString where = QStringLiteral("round %1 (cut %2 of %3)").arg(round).arg(cutAt).arg(span);

        // The next start: the store, then what the next export does first.
        SignatureStore store;
        if (run.acknowledged.isEmpty() && !QFileInfo::exists(data + QStringLiteral("/signatures.sqlite")))
            continue; // the power went before the database was made
        const VoidResult opened = test::openStoreReadable(store, data);
        QVERIFY2(opened, qPrintable(where + QStringLiteral(": ") + opened.errorString()));
        QVERIFY2(store.integrityCheck(), qPrintable(where));
        for (const QString& id : run.acknowledged) {
            if (!store.signatures().find(QUuid::fromString(id))) {
                ++lost;
                qWarning("%s: acknowledged signature %s lost", qPrintable(where), qPrintable(id));
            }
        }
        BatchExporter exporter(store, QStringLiteral("powercut-test"));
        recovered += exporter.recoverInterrupted().size();
        qint64 inBatches = 0;
        QSet<QString> ids;
        for (const BatchRecord& b : store.ledger().all().valueOr({})) {
            QVERIFY2(b.status == BatchStatus::Complete, qPrintable(where + QStringLiteral(": batch ") + b.id));
            ids.insert(b.id);
            const BatchVerifier::Result v = BatchVerifier::verify(out + QLatin1Char('/') + b.id);
            QVERIFY2(v.ok && v.rows == b.rowCount,
                qPrintable(where + QStringLiteral(": batch ") + b.id
                    + QStringLiteral(" is marked exported but not "
                                     "whole on the stick: ")
                    + v.problems.join(QStringLiteral("; "))));
            ++batchesChecked;
            inBatches += b.rowCount;
        }
        for (const QString& reportedBatch : run.batches)
            QVERIFY2(ids.contains(reportedBatch),
                qPrintable(where + QStringLiteral(": batch ") + reportedBatch
                    + QStringLiteral(" was reported exported, "
                                     "and is gone")));
        // No folder has a final name without its batch.
        for (const QString& folder : QDir(out).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QVERIFY2(ids.contains(folder), qPrintable(where + QStringLiteral(": orphan batch folder ") + folder));
        const Result<SignatureCounts> counts = store.signatures().counts();
        QVERIFY(counts);
        QCOMPARE(counts->total, counts->unexported + inBatches);
        store.close();
    }
    qputenv("KIOSK_TEST_SEALING", "");
    qInfo("%s kiosk: %d power cuts while signing and exporting (of %lld file operations a run); %lld signatures "
          "acknowledged before them, %lld lost; %lld batches reported exported, %lld batches checked whole, %lld "
          "interrupted exports finished or undone",
        sealed ? "sealed" : "plain", rounds, span, acknowledged, lost, reported, batchesChecked, recovered);
    QCOMPARE(lost, 0);
}

QTEST_GUILESS_MAIN(TestPowerCut)
#include "tst_powercut.moc"
