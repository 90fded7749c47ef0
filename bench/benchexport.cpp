// petition-bench export: a sealed kiosk's BatchExporter against the sqlite3 CLI writing the same columns from the
// same database, alternating, at each size, with the export's peak memory above the idle process; then open-batch
// against a tight loop of the same crypto_box_seal_open calls.

#include "benchcommands.h"
#include "benchutil.h"
#include "sealingsupport.h"
#include "syntheticsignatures.h"

#include "core/batchexporter.h"
#include "core/batchopener.h"
#include "core/datadir.h"
#include "core/signaturestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

namespace kiosk::bench {

namespace {

// Linux: the process's resident set now, and its peak since the last reset (kB). 0 elsewhere.
qint64 statusKb(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

void resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

// A sealed kiosk's data folder with `rows` synthetic signers (15% with a drawing), sealed to the test coordinator's
// key; made once per work folder and kept.
bool ensurePopulated(const QString& dataDir, qint64 rows, QTextStream& err)
{
    SignatureStore store;
    if (!store.open(dataDir)) {
        err << "petition-bench: " << store.errorString() << Qt::endl;
        return false;
    }
    if (!store.sealing().enrol(test::coordinatorKeys()->publicKey)) {
        err << "petition-bench: " << dataDir << " is not a sealed benchmark folder; use another --work-dir" << Qt::endl;
        return false;
    }
    store.sealing().unlock(test::duplicateKey());
    const SignatureCounts counts = store.signatures().counts().valueOr({});
    if (counts.total == rows && counts.unexported == rows)
        return true;
    if (counts.total != 0) {
        err << "petition-bench: " << dataDir << " holds other data; use another --work-dir" << Qt::endl;
        return false;
    }
    SyntheticSignatures gen { quint32(rows) };
    for (qint64 done = 0; done < rows;) {
        QList<Signature> chunk;
        const qint64 n = qMin<qint64>(20000, rows - done);
        for (qint64 i = 0; i < n; ++i)
            chunk.append(gen.next());
        if (!store.signatures().saveBulk(chunk))
            return false;
        done += n;
    }
    return true;
}

// The same number of crypto_box_seal_open calls on the same sealed values as opening the batch makes, in a tight loop
// on one thread: the floor for open-batch. Milliseconds.
double tightOpenLoop(const QString& dataDir)
{
    SignatureStore store;
    if (!store.open(dataDir))
        return -1;
    QList<QByteArray> boxes;
    QSqlQuery q(store.database());
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT sealed, sealed_drawing FROM signatures"));
    while (q.next()) {
        boxes << q.value(0).toByteArray();
        if (!q.value(1).isNull())
            boxes << q.value(1).toByteArray();
    }
    const Sealing::KeyPair& keys = *test::coordinatorKeys();
    QByteArray plain(64 * 1024, Qt::Uninitialized);
    QElapsedTimer t;
    t.start();
    int opened = 0;
    for (const QByteArray& box : std::as_const(boxes)) {
        if (box.size() - crypto_box_SEALBYTES > plain.size())
            plain.resize(box.size());
        opened += crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                      reinterpret_cast<const unsigned char*>(box.constData()), quint64(box.size()),
                      reinterpret_cast<const unsigned char*>(keys.publicKey.constData()), keys.secretKey.data())
            == 0;
    }
    const double ms = double(t.nsecsElapsed()) / 1e6;
    return opened == boxes.size() ? ms : -1;
}

} // namespace

int benchExport(const BenchOptions& options, QTextStream& out, QTextStream& err)
{
    const QString sqlite = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite.isEmpty()) {
        err << "petition-bench: the sqlite3 CLI is needed (Debian package sqlite3)" << Qt::endl;
        return 1;
    }
    const QString work
        = options.workDir.isEmpty() ? QDir::tempPath() + QStringLiteral("/petition-bench-export") : options.workDir;
    QList<qint64> sizes;
    for (const QString& n : options.exportSizes.split(QLatin1Char(','), Qt::SkipEmptyParts))
        sizes << n.toLongLong();
    const int runs = 3;
    out << "export: BatchExporter::exportNew on a sealed kiosk (format 2: signatures.csv, drawings.bin, manifest.json\n"
           "        and manifest.sig, hashed, signed, synced, verified and marked) against sqlite3 -csv writing the\n"
           "        same 15 columns from the same database (the sealed cell as hex: sqlite 3.40 has no base64());\n"
           "        medians of "
        << runs << " alternating runs\n";
    QString results;
    for (const qint64 rows : std::as_const(sizes)) {
        const QString dataDir = QStringLiteral("%1/sealed-%2").arg(work).arg(rows);
        QElapsedTimer fill;
        fill.start();
        if (!ensurePopulated(dataDir, rows, err))
            return 1;
        const double fillSeconds = fill.elapsed() / 1000.0;
        const QString db = DataDir::databasePath(dataDir);
        const QString query = QStringLiteral(
            "SELECT id, signed_at, petition_id, petition_version, consent_version, country, postcode_area, CASE "
            "uk_citizen_or_resident WHEN 1 THEN 'yes' ELSE 'no' END, 'yes', CASE contact_opt_in WHEN 1 THEN 'yes' "
            "ELSE 'no' END, language, stall_id, device_id, CASE WHEN sealed_drawing IS NULL THEN 'no' ELSE 'yes' END, "
            "'s1:' || hex(sealed) FROM signatures WHERE seq > (SELECT coalesce(max(last_row), 0) FROM batches) ORDER "
            "BY seq");

        QList<double> ours, cli;
        qint64 peakAboveIdleKb = 0;
        qint64 drawingsBytes = 0;
        QString lastBatch;
        for (int run = 0; run < runs; ++run) {
            QTemporaryDir outDir(work + QStringLiteral("/out-XXXXXX"));
            {
                QProcess p;
                p.setStandardOutputFile(outDir.filePath(QStringLiteral("cli.csv")));
                QElapsedTimer t;
                t.start();
                p.start(sqlite, { QStringLiteral("-csv"), QStringLiteral("-header"), db, query });
                if (!p.waitForFinished(600000) || p.exitCode() != 0) {
                    err << "petition-bench: sqlite3 failed" << Qt::endl;
                    return 1;
                }
                cli << double(t.nsecsElapsed()) / 1e6;
            }
            {
                SignatureStore store;
                if (!store.open(dataDir))
                    return 1;
                BatchExporter exporter(store, QStringLiteral("bench"));
                const qint64 idle = statusKb("VmRSS:");
                resetPeak();
                QElapsedTimer t;
                t.start();
                const auto result
                    = exporter.exportNew(outDir.filePath(QStringLiteral("ours")), QStringLiteral("bench"));
                ours << double(t.nsecsElapsed()) / 1e6;
                peakAboveIdleKb = qMax(peakAboveIdleKb, statusKb("VmHWM:") - idle);
                if (result.status != BatchExporter::Outcome::Status::Exported || result.rows != rows) {
                    err << "petition-bench: export failed: " << result.error << Qt::endl;
                    return 1;
                }
                drawingsBytes = QFileInfo(result.folder + QStringLiteral("/drawings.bin")).size();
                // Back to unexported, for the next run; the last batch is kept for open-batch.
                if (!store.ledger().unmark(result.batchId).ok())
                    return 1;
                if (options.openBatch && run == runs - 1 && rows == sizes.first()) {
                    lastBatch = work + QStringLiteral("/opened-batch");
                    QDir(lastBatch).removeRecursively();
                    QDir().rename(result.folder, lastBatch);
                }
            }
        }
        const double ratio = median(ours) / median(cli);
        out << QStringLiteral("  %1 rows, drawings.bin %2 MB (prepared in %3 s)\n")
                   .arg(rows)
                   .arg(drawingsBytes / 1e6, 0, 'f', 1)
                   .arg(fillSeconds, 0, 'f', 1)
            << QStringLiteral("    ours    median %1 ms\n").arg(median(ours), 0, 'f', 0)
            << QStringLiteral("    sqlite3 median %1 ms\n").arg(median(cli), 0, 'f', 0)
            << QStringLiteral("    ratio %1 (budget 1.5)  %2;  peak memory %3 MB above idle (budget 32)  %4\n")
                   .arg(ratio, 0, 'f', 2)
                   .arg(ratio <= 1.5 ? QStringLiteral("OK") : QStringLiteral("OVER BUDGET"))
                   .arg(peakAboveIdleKb / 1024.0, 0, 'f', 1)
                   .arg(peakAboveIdleKb <= 32 * 1024 ? QStringLiteral("OK") : QStringLiteral("OVER BUDGET"));
        out.flush();
        results += QStringLiteral(" export_%1_ratio=%2 export_%1_peak_mb=%3")
                       .arg(rows)
                       .arg(ratio, 0, 'f', 2)
                       .arg(peakAboveIdleKb / 1024.0, 0, 'f', 1);

        // open-batch of the first size's batch against a tight loop of the same crypto_box_seal_open calls.
        if (!lastBatch.isEmpty()) {
            QList<double> opens, loops;
            qint64 openPeakKb = 0;
            for (int run = 0; run < runs; ++run) {
                loops << tightOpenLoop(dataDir);
                QTemporaryDir clear(work + QStringLiteral("/clear-XXXXXX"));
                const qint64 idle = statusKb("VmRSS:");
                resetPeak();
                QElapsedTimer t;
                t.start();
                const auto opened = BatchOpener::open(lastBatch, *test::coordinatorKeys(), clear.path());
                opens << double(t.nsecsElapsed()) / 1e6;
                openPeakKb = qMax(openPeakKb, statusKb("VmHWM:") - idle);
                if (!opened || opened->rows != rows || !opened->unopened.isEmpty() || loops.last() < 0) {
                    err << "petition-bench: open-batch failed: " << (opened ? QString() : opened.errorString())
                        << Qt::endl;
                    return 1;
                }
            }
            const double openRatio = median(opens) / median(loops);
            out << QStringLiteral("  open-batch of %1 rows (verify, then open on two threads, write the clear batch)\n")
                       .arg(rows)
                << QStringLiteral("    ours      median %1 ms\n").arg(median(opens), 0, 'f', 0)
                << QStringLiteral("    tight crypto_box_seal_open loop (one thread) median %1 ms\n")
                       .arg(median(loops), 0, 'f', 0)
                << QStringLiteral("    ratio %1 (budget 1.3)  %2;  peak memory %3 MB above idle\n")
                       .arg(openRatio, 0, 'f', 2)
                       .arg(openRatio <= 1.3 ? QStringLiteral("OK") : QStringLiteral("OVER BUDGET"))
                       .arg(openPeakKb / 1024.0, 0, 'f', 1);
            results += QStringLiteral(" open_batch_%1_ratio=%2 open_batch_%1_peak_mb=%3")
                           .arg(rows)
                           .arg(openRatio, 0, 'f', 2)
                           .arg(openPeakKb / 1024.0, 0, 'f', 1);
            QDir(lastBatch).removeRecursively();
        }
    }
    out << "RESULT" << results << Qt::endl;
    return 0;
}

} // namespace kiosk::bench
