// Power cuts and crashes: the signing and export paths run in a child process that is killed with SIGKILL at
// random moments, hundreds of times. After each kill, as at a restart: every acknowledged signature is there, none
// is duplicated, the database passes PRAGMA integrity_check, and every batch is either complete with its
// signatures marked, or absent with nothing marked.

#include "core/batchexporter.h"
#include "core/signaturestore.h"
#include "sealingsupport.h"
#include "testsupport.h"

#include <QDeadlineTimer>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk;

namespace {

int killRounds()
{
    const int fromEnv = qEnvironmentVariableIntValue("KIOSK_KILL_ROUNDS");
    return fromEnv > 0 ? fromEnv : 200;
}

// Starts the helper, lets it run for a random while, kills it, and returns the lines it had printed in full.
QStringList runAndKill(const QStringList& args, int minMs, int maxMs)
{
    QProcess helper;
    helper.start(QStringLiteral(KIOSK_CRASH_HELPER), args);
    if (!helper.waitForStarted())
        return { QStringLiteral("NOSTART") };
    QByteArray output;
    QDeadlineTimer ready(30000);
    while (!output.contains("READY\n") && !ready.hasExpired() && helper.state() == QProcess::Running) {
        helper.waitForReadyRead(100);
        output += helper.readAllStandardOutput();
    }
    if (!output.contains("READY\n"))
        return { QStringLiteral("NOSTART") };
    QTest::qWait(int(QRandomGenerator::global()->bounded(minMs, maxMs)));
    helper.kill(); // SIGKILL: no destructor, no flush, no checkpoint
    helper.waitForFinished();
    output += helper.readAllStandardOutput();
    const QList<QByteArray> lines = output.split('\n');
    QStringList complete;
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) // the last piece may be cut mid-line
        complete << QString::fromUtf8(lines[i]);
    return complete;
}

// How long one export takes in this build on this machine (a sanitizer build is many times slower): the time from
// READY to the helper's first BATCH line, in ms, or 0 if it never came.
int timeOneExport(const QString& dir)
{
    QProcess helper;
    helper.start(QStringLiteral(KIOSK_CRASH_HELPER),
        { QStringLiteral("export"), dir + QStringLiteral("/data"), dir + QStringLiteral("/usb") });
    if (!helper.waitForStarted())
        return 0;
    QByteArray output;
    QElapsedTimer sinceReady;
    QDeadlineTimer deadline(60000);
    while (!output.contains("BATCH ") && !deadline.hasExpired() && helper.state() == QProcess::Running) {
        helper.waitForReadyRead(50);
        output += helper.readAllStandardOutput();
        if (!sinceReady.isValid() && output.contains("READY\n"))
            sinceReady.start();
    }
    const int ms = output.contains("BATCH ") && sinceReady.isValid() ? int(sinceReady.elapsed()) : 0;
    helper.kill();
    helper.waitForFinished();
    return ms;
}

} // namespace

class TestCrash final : public QObject
{
    Q_OBJECT

private slots:
    void killedWhileSigningLosesNothingAcknowledged();
    void killedWhileExportingLeavesWholeBatchesOrNone();
};

void TestCrash::killedWhileSigningLosesNothingAcknowledged()
{
    QTemporaryDir dir;
    QSet<QString> acknowledged;
    const int rounds = killRounds();
    int killsAfterAcks = 0;
    for (int round = 0; round < rounds; ++round) {
        const QStringList lines
            = runAndKill({ QStringLiteral("sign"), dir.path(), QStringLiteral("R%1").arg(round) }, 20, 90);
        QVERIFY(!lines.contains(QStringLiteral("NOSTART")));
        QStringList thisRound;
        for (const QString& line : lines) {
            if (line.startsWith(QLatin1String("ACK "))) {
                acknowledged.insert(line.mid(4));
                thisRound << line.mid(4);
            }
        }
        killsAfterAcks += lines.isEmpty() ? 0 : 1;

        // The restart.
        SignatureStore store;
        QVERIFY2(test::openStoreReadable(store, dir.path()), qPrintable(store.errorString()));
        const VoidResult sound = store.integrityCheck();
        QVERIFY2(sound, qPrintable(sound.errorString()));
        QSqlQuery q(store.database());
        // Each save's name once (its name-and-postcode tag: the name itself is sealed on a sealed kiosk).
        QVERIFY(q.exec(QStringLiteral(
                    "SELECT count(*), count(DISTINCT id), count(DISTINCT name_postcode_tag) FROM signatures"))
            && q.next());
        QCOMPARE(q.value(1).toLongLong(), q.value(0).toLongLong());
        QCOMPARE(q.value(2).toLongLong(), q.value(0).toLongLong()); // each save's name once: nothing stored twice
        QVERIFY(q.value(0).toLongLong() >= acknowledged.size());
        q.finish();
        // Every signature ever acknowledged is there; this round's are read back whole (opened, when sealed: reading
        // all of them each round would cost a sealed-box opening per row per round).
        QSet<QString> stored;
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM signatures")));
        while (q.next())
            stored.insert(q.value(0).toString());
        q.finish();
        for (const QString& id : std::as_const(acknowledged))
            QVERIFY2(stored.contains(id), qPrintable(QStringLiteral("lost: ") + id));
        for (const QString& id : std::as_const(thisRound))
            QVERIFY2(store.signatures().find(QUuid(id)).has_value(), qPrintable(QStringLiteral("unreadable: ") + id));
    }
    qInfo("%d kills while signing, %d of them after at least one acknowledged save; %lld acknowledged signatures, "
          "none lost",
        rounds, killsAfterAcks, qint64(acknowledged.size()));
    QVERIFY(acknowledged.size() > rounds); // the kills really fell among saves
}

void TestCrash::killedWhileExportingLeavesWholeBatchesOrNone()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("usb"));
    const QString data = dir.filePath(QStringLiteral("data"));
    const int rounds = killRounds();
    int batchesSeen = 0;
    int recovered = 0;
    QSet<QString> verified;
    // The kills must land all through an export (writing, verifying, marking, renaming) and sometimes after it: the
    // window is three exports long, measured first in this build.
    QTemporaryDir calibration;
    const int exportMs = timeOneExport(calibration.path());
    QVERIFY2(exportMs > 0, "the helper never finished an export");
    const int windowMs = qMax(120, 3 * exportMs);
    for (int round = 0; round < rounds; ++round) {
        runAndKill({ QStringLiteral("export"), data, out }, 10, windowMs);

        SignatureStore store;
        QVERIFY2(test::openStoreReadable(store, data), qPrintable(store.errorString()));
        QVERIFY(store.integrityCheck());
        // What the next export does first.
        BatchExporter exporter(store, QStringLiteral("crash-test"));
        recovered += int(exporter.recoverInterrupted().size());

        qint64 inBatches = 0;
        qint64 lastRow = 0;
        ChainHead head;
        QSet<QString> ids;
        for (const BatchRecord& b : store.ledger().all().valueOr({})) {
            QCOMPARE(b.status, BatchStatus::Complete);
            ids.insert(b.id);
            // Each batch is verified once, in the round it appears; no later export touches a finished batch.
            if (!verified.contains(b.id)) {
                const BatchVerifier::Result v = BatchVerifier::verify(out + QLatin1Char('/') + b.id);
                QVERIFY2(v.ok, qPrintable(b.id + QStringLiteral(": ") + v.problems.join(QStringLiteral("; "))));
                QCOMPARE(v.rows, b.rowCount);
                verified.insert(b.id);
            }
            QSqlQuery q(store.database());
            // The batch's range holds exactly its rows, and follows the one before it.
            q.prepare(QStringLiteral("SELECT count(*) FROM signatures WHERE seq BETWEEN ? AND ?"));
            q.addBindValue(b.firstRow);
            q.addBindValue(b.lastRow);
            QVERIFY(q.exec() && q.next());
            QCOMPARE(q.value(0).toLongLong(), b.rowCount);
            QVERIFY(b.firstRow > lastRow);
            lastRow = b.lastRow;
            // A sealed kiosk's batches form one chain, with no gap left by a killed export.
            if (test::sealedRun()) {
                QCOMPARE(b.sequence, head.sequence + 1);
                QCOMPARE(b.previousManifestSha256, head.manifestSha256);
                head = { b.sequence, b.manifestSha256 };
            }
            inBatches += b.rowCount;
        }
        // No folder carries a final name without its batch, and no signature is marked for a batch that is not there.
        for (const QString& folder : QDir(out).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QVERIFY2(ids.contains(folder), qPrintable(QStringLiteral("orphan batch folder ") + folder));
        SignatureCounts counts;
        QVERIFY(kiosk::test::readCounts(store, counts));
        QCOMPARE(counts.total, counts.unexported + inBatches);
        batchesSeen = int(ids.size());
    }
    qInfo("%d kills while exporting (within %d ms; one export took %d ms); %d complete batches, %d interrupted exports "
          "finished or undone",
        rounds, windowMs, exportMs, batchesSeen, recovered);
    QVERIFY(batchesSeen > 0);
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
