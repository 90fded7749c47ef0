// Power cuts, simulated below SQLite: the store runs on a VFS that keeps every write not yet synced (crashvfs.h) and,
// at a random write, truncation or sync, loses them (all, a random subset, or all but a torn last one) and fails every
// call after. The folder is then opened as the kiosk opens it after a power cut, and every signature save()
// acknowledged before the cut must be there, whole; the database must pass integrity_check, and the counts must match
// the rows. On the plain store and on the sealed one. KIOSK_POWERCUT_ROUNDS sets the cuts per store (default 1,000).

#include "core/signaturestore.h"
#include "crashvfs.h"
#include "samplesignature.h"
#include "sealingsupport.h"

#include <QLoggingCategory>
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

QTEST_GUILESS_MAIN(TestPowerCut)
#include "tst_powercut.moc"
