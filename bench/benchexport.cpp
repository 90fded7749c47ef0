// petition-bench export: BatchExporter against the sqlite3 CLI writing the same columns from the same database,
// alternating, at each size; and the export's peak memory above the idle process.

#include "benchcommands.h"
#include "benchutil.h"
#include "syntheticsignatures.h"

#include "core/batchexporter.h"
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

bool ensurePopulated(const QString& dataDir, qint64 rows, QTextStream& err)
{
    SignatureStore store;
    if (!store.open(dataDir)) {
        err << "petition-bench: " << store.errorString() << Qt::endl;
        return false;
    }
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
    out << "export: BatchExporter::exportNew (CSV + manifest + signature files, flushed, marked) against\n"
           "        sqlite3 -csv writing the same 17 columns from the same database; medians of "
        << runs << " alternating runs\n";
    QString results;
    QList<QPair<qint64, bool>> cases;
    for (const qint64 rows : sizes)
        cases << qMakePair(rows, true) << qMakePair(rows, false);
    for (const auto& [rows, withDrawings] : cases) {
        const QString populated = QStringLiteral("%1/data-%2").arg(work).arg(rows);
        QElapsedTimer fill;
        fill.start();
        if (!ensurePopulated(populated, rows, err))
            return 1;
        QString dataDir = populated;
        if (!withDrawings) {
            // The same rows without their drawings: a copy, made once.
            dataDir = populated + QStringLiteral("-no-drawings");
            if (!QFileInfo::exists(DataDir::databasePath(dataDir))) {
                SignatureStore source;
                if (!source.open(populated))
                    return 1;
                QDir().mkpath(dataDir);
                QSqlQuery q(source.database());
                if (!q.exec(QStringLiteral("VACUUM INTO '%1'").arg(DataDir::databasePath(dataDir)))) {
                    err << "petition-bench: cannot copy the database" << Qt::endl;
                    return 1;
                }
                source.close();
                SignatureStore copy;
                if (!copy.open(dataDir))
                    return 1;
                QSqlQuery strip(copy.database());
                strip.exec(QStringLiteral("UPDATE signatures SET signature_svg = NULL"));
            }
        }
        const double fillSeconds = fill.elapsed() / 1000.0;
        const QString db = DataDir::databasePath(dataDir);
        const QString query = QStringLiteral(
            "SELECT id, signed_at, petition_id, petition_version, consent_version, full_name, country, postcode, "
            "email, CASE uk_citizen_or_resident WHEN 1 THEN 'yes' ELSE 'no' END, 'yes', CASE contact_opt_in WHEN 1 "
            "THEN 'yes' ELSE 'no' END, language, stall_id, device_id, CASE WHEN signature_svg IS NULL THEN '' ELSE "
            "'signatures/' || id || '.svg' END, 'batch' FROM signatures WHERE export_batch_id IS NULL ORDER BY rowid");

        QList<double> ours, cli;
        qint64 peakAboveIdleKb = 0;
        qint64 svgFiles = 0;
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
                svgFiles = QDir(result.folder + QStringLiteral("/signatures")).count() - 2;
                // Back to unexported, for the next run.
                if (!store.ledger().unmark(result.batchId).ok())
                    return 1;
            }
        }
        const double ratio = median(ours) / median(cli);
        out << QStringLiteral("  %1 rows, %2 signature files (prepared in %3 s)\n")
                   .arg(rows)
                   .arg(svgFiles)
                   .arg(fillSeconds, 0, 'f', 1)
            << QStringLiteral("    ours    median %1 ms\n").arg(median(ours), 0, 'f', 0)
            << QStringLiteral("    sqlite3 median %1 ms\n").arg(median(cli), 0, 'f', 0)
            << QStringLiteral("    ratio %1 (budget 1.3)  %2;  peak memory %3 MB above idle (budget 64)  %4\n")
                   .arg(ratio, 0, 'f', 2)
                   .arg(ratio <= 1.3 ? QStringLiteral("OK") : QStringLiteral("OVER BUDGET"))
                   .arg(peakAboveIdleKb / 1024.0, 0, 'f', 1)
                   .arg(peakAboveIdleKb <= 64 * 1024 ? QStringLiteral("OK") : QStringLiteral("OVER BUDGET"));
        out.flush();
        results += QStringLiteral(" export_%1%4_ratio=%2 export_%1%4_peak_mb=%3")
                       .arg(rows)
                       .arg(ratio, 0, 'f', 2)
                       .arg(peakAboveIdleKb / 1024.0, 0, 'f', 1)
                       .arg(withDrawings ? QString() : QStringLiteral("_no_drawings"));
    }
    out << "RESULT" << results << Qt::endl;
    return 0;
}

} // namespace kiosk::bench
