// Exports at the same time on one data folder (issue 13): four petition-kiosk-admin exports at once, fifty times.
// Every signature ends up in exactly one batch that verifies, and every exporter either exported, found nothing new,
// or said that another export was running.

#include "core/batchcolumns.h"
#include "core/batchexporter.h"
#include "core/csv.h"
#include "core/datadir.h"
#include "core/signaturestore.h"
#include "sealingsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk;

class TestConcurrentExport final : public QObject
{
    Q_OBJECT

private slots:
    void fourExportersAtOnceNeverShareABatch();
    void aSecondExporterSaysAnotherIsRunning();
};

void TestConcurrentExport::fourExportersAtOnceNeverShareABatch()
{
    const int rounds
        = qEnvironmentVariableIsSet("KIOSK_EXPORT_ROUNDS") ? qEnvironmentVariableIntValue("KIOSK_EXPORT_ROUNDS") : 50;
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    const QString out = dir.filePath(QStringLiteral("out"));
    QSet<QString> saved;
    int exported = 0, nothingNew = 0, busy = 0;
    for (int round = 0; round < rounds; ++round) {
        {
            SignatureStore store;
            QVERIFY(test::openStoreReadable(store, data));
            QList<Signature> batch;
            for (int i = 0; i < 20; ++i) {
                Signature s = test::sampleSignature(QStringLiteral("Round %1 Signer %2").arg(round).arg(i));
                s.id = QUuid::createUuid();
                saved.insert(s.id.toString(QUuid::WithoutBraces));
                batch.append(s);
            }
            QVERIFY(store.signatures().saveBulk(batch));
        }
        std::vector<std::unique_ptr<QProcess>> exporters;
        for (int i = 0; i < 4; ++i) {
            auto p = std::make_unique<QProcess>();
            p->start(QStringLiteral(KIOSK_ADMIN_BIN),
                { QStringLiteral("--data-dir"), data, QStringLiteral("export"), QStringLiteral("--out"), out });
            exporters.push_back(std::move(p));
        }
        for (auto& p : exporters) {
            QVERIFY(p->waitForFinished(60000));
            const QString said = QString::fromUtf8(p->readAllStandardOutput() + p->readAllStandardError());
            if (p->exitCode() == 0 && said.contains(QLatin1String("signatures written to")))
                ++exported;
            else if (p->exitCode() == 0 && said.contains(QLatin1String("no new signatures")))
                ++nothingNew;
            else if (p->exitCode() == 1 && said.contains(QLatin1String("Another export is running")))
                ++busy;
            else
                QFAIL(qPrintable(QStringLiteral("round %1: exit %2: %3").arg(round).arg(p->exitCode()).arg(said)));
        }
    }
    // Every batch verifies, and every signature is in exactly one of them.
    QHash<QString, int> seen;
    const QStringList batches = QDir(out).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QString& name : batches) {
        QVERIFY2(!name.startsWith(QLatin1Char('.')), qPrintable(name + QStringLiteral(": a staging folder was left")));
        const BatchVerifier::Result v = BatchVerifier::verify(QDir(out).filePath(name));
        QVERIFY2(v.ok, qPrintable(name + QStringLiteral(": ") + v.problems.join(QStringLiteral("; "))));
        QFile csv(QDir(out).filePath(name) + QStringLiteral("/signatures.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const CsvReader::Result records = CsvReader::parse(csv.readAll(), true);
        for (qsizetype i = 1; i < records.records.size(); ++i)
            ++seen[records.records.at(i).at(BatchColumns::indexOf(BatchKind::Clear, "id"))];
    }
    QCOMPARE(qsizetype(seen.size()), qsizetype(saved.size()));
    for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
        QVERIFY2(saved.contains(it.key()), qPrintable(it.key()));
        QVERIFY2(it.value() == 1, qPrintable(it.key() + QStringLiteral(" is in %1 batches").arg(it.value())));
    }
    QCOMPARE(exported, rounds); // one export a round found the new signatures
    QCOMPARE(exported + nothingNew + busy, 4 * rounds);
    qInfo("%d rounds: %d exported, %d found nothing new, %d were told another export was running", rounds, exported,
        nothingNew, busy);
}

void TestConcurrentExport::aSecondExporterSaysAnotherIsRunning()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    SignatureStore store;
    QVERIFY(test::openStoreReadable(store, data));
    QCOMPARE(store.signatures().save(test::sampleSignature()).status, SaveResult::Status::Stored);
    // The kiosk's export holds the lock (as the admin screen's export does while it writes).
    QLockFile held(DataDir::exportLockPath(data));
    QVERIFY(held.tryLock());
    QProcess cli;
    cli.start(QStringLiteral(KIOSK_ADMIN_BIN),
        { QStringLiteral("--data-dir"), data, QStringLiteral("export"), QStringLiteral("--out"),
            dir.filePath(QStringLiteral("out")) });
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains(QLatin1String("Another export is running")));
    QCOMPARE(store.signatures().counts()->unexported, 1); // nothing was marked
    held.unlock();
    BatchExporter exporter(store, QStringLiteral("test"));
    QCOMPARE(exporter.exportNew(dir.filePath(QStringLiteral("out")), QStringLiteral("s")).status,
        BatchExporter::Outcome::Status::Exported);
}

QTEST_GUILESS_MAIN(TestConcurrentExport)
#include "tst_concurrentexport.moc"
