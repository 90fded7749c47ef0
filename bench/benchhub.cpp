// petition-bench hub: a synthetic campaign (--stalls kiosks × --per-stall signatures, 15% with drawings) as real
// sealed, signed batches made by the kiosk's own exporter, imported into PostgreSQL (a throwaway server) and into
// SQLite. The floor, measured in the same run: the same sealed boxes opened in a tight crypto_box_seal_open loop on
// two threads, plus loading the same decrypted rows with PostgreSQL's own COPY (psql \copy) or, for SQLite, the plain
// C API inserting them in one transaction.

#include "benchcommands.h"
#include "benchutil.h"
#include "syntheticsignatures.h"

#include "core/batchexporter.h"
#include "core/batchverifier.h"
#include "core/signaturestore.h"
#include "core/signedbatch.h"
#include "hub/hubdatabase.h"
#include "hub/hubimporter.h"
#include "pgserver.h"
#include "sealingsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUrl>
#include <QUrlQuery>

#include <sodium.h>
#include <sqlite3.h>

#include <atomic>
#include <thread>

namespace kiosk::bench {

namespace {

// The campaign's batches on one "stick", made once per work folder.
bool prepareCampaign(const QString& stick, int stalls, int perStall, QTextStream& err)
{
    if (QDir(stick).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() == stalls)
        return true;
    QDir(stick).removeRecursively();
    for (int s = 0; s < stalls; ++s) {
        QTemporaryDir data;
        SignatureStore store;
        if (!store.open(data.path()) || !store.sealing().enrol(test::coordinatorKeys()->publicKey)) {
            err << "petition-bench: cannot make a kiosk" << Qt::endl;
            return false;
        }
        store.sealing().unlock(test::duplicateKey());
        SyntheticSignatures gen { quint32(1000 + s) };
        QList<Signature> rows;
        for (int i = 0; i < perStall; ++i)
            rows << gen.next();
        if (!store.signatures().saveBulk(rows)) {
            err << "petition-bench: cannot save" << Qt::endl;
            return false;
        }
        const auto out = BatchExporter(store, QStringLiteral("bench"))
                             .exportNew(stick, QStringLiteral("stall-%1").arg(s, 4, 10, QLatin1Char('0')));
        if (out.status != BatchExporter::Outcome::Status::Exported) {
            err << "petition-bench: export failed: " << out.error << Qt::endl;
            return false;
        }
    }
    return true;
}

// Every sealed box of the campaign (fields and drawings), from the kiosks' batches.
QList<QByteArray> sealedBoxes(const QString& stick)
{
    QList<QByteArray> boxes;
    for (const QString& folder : BatchVerifier::batchFolders({ stick })) {
        QFile manifestFile(folder + QStringLiteral("/manifest.json"));
        manifestFile.open(QIODevice::ReadOnly);
        SignedBatchReader reader(folder, QJsonDocument::fromJson(manifestFile.readAll()).object());
        SignedBatchReader::Row row;
        if (!reader.open())
            continue;
        while (reader.next(row)) {
            boxes << row.sealed();
            if (!row.sealedDrawing.isEmpty())
                boxes << row.sealedDrawing;
        }
        reader.finish();
    }
    return boxes;
}

// The tight loop: every box opened once, on two threads. Milliseconds.
double openLoop(const QList<QByteArray>& boxes)
{
    const Sealing::KeyPair& keys = *test::coordinatorKeys();
    std::atomic<qsizetype> opened { 0 };
    const auto work = [&](qsizetype from) {
        QByteArray plain(64 * 1024, Qt::Uninitialized);
        for (qsizetype i = from; i < boxes.size(); i += 2) {
            const QByteArray& box = boxes.at(i);
            if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                    reinterpret_cast<const unsigned char*>(box.constData()), quint64(box.size()),
                    reinterpret_cast<const unsigned char*>(keys.publicKey.constData()), keys.secretKey.data())
                == 0)
                ++opened;
        }
    };
    QElapsedTimer t;
    t.start();
    std::thread other(work, 1);
    work(0);
    other.join();
    const double ms = double(t.nsecsElapsed()) / 1e6;
    return opened == boxes.size() ? ms : -1;
}

// Imports the stick into `where`; milliseconds, or -1.
double importInto(const QString& where, const QString& stick, qint64 rows, QTextStream& err)
{
    Result<std::unique_ptr<hub::HubDatabase>> db = hub::HubDatabase::open(where);
    if (!db) {
        err << "petition-bench: " << db.errorString() << Qt::endl;
        return -1;
    }
    hub::HubImporter importer(**db, test::coordinatorKeys());
    QElapsedTimer t;
    t.start();
    qint64 stored = 0;
    for (const hub::ImportReport& r : importer.importPaths({ stick })) {
        if (r.outcome != hub::ImportReport::Outcome::Imported) {
            err << "petition-bench: import refused " << r.folder << ": " << r.reason << Qt::endl;
            return -1;
        }
        stored += r.rowsNew;
    }
    const double ms = double(t.nsecsElapsed()) / 1e6;
    return stored == rows ? ms : -1;
}

} // namespace

int benchHub(const BenchOptions& options, QTextStream& out, QTextStream& err)
{
    const QString work
        = options.workDir.isEmpty() ? QDir::tempPath() + QStringLiteral("/petition-bench-hub") : options.workDir;
    const int stalls = options.hubStalls, perStall = options.hubPerStall;
    const qint64 rows = qint64(stalls) * perStall;
    const QString stick = QStringLiteral("%1/campaign-%2x%3").arg(work).arg(stalls).arg(perStall);
    QElapsedTimer prep;
    prep.start();
    if (!prepareCampaign(stick, stalls, perStall, err))
        return 1;
    out << "hub: " << stalls << " kiosks x " << perStall << " signatures (" << rows
        << " rows, 15% with drawings) as signed batches, made in " << prep.elapsed() / 1000.0 << " s\n";
    const QList<QByteArray> boxes = sealedBoxes(stick);
    test::PgServer pg;
    QString problem;
    if (!pg.start(&problem)) {
        err << "petition-bench: " << problem << Qt::endl;
        return 1;
    }
    const QString psql = QStandardPaths::findExecutable(QStringLiteral("psql"));
    const int runs = 3;
    QString results;
    for (const QString& backend : { QStringLiteral("postgresql"), QStringLiteral("sqlite") }) {
        QList<double> ours, opens, loads;
        for (int run = 0; run < runs; ++run) {
            QString where = backend == QLatin1String("postgresql")
                ? pg.newDatabase(&problem)
                : QStringLiteral("%1/hub-%2.sqlite").arg(work).arg(run);
            QFile::remove(where);
            QFile::remove(where + QStringLiteral("-wal"));
            const double ms = importInto(where, stick, rows, err);
            if (ms < 0)
                return 1;
            ours << ms;
            opens << openLoop(boxes);
            // The decrypted rows, loaded by the database's own fastest path into an empty copy of the table.
            Result<std::unique_ptr<hub::HubDatabase>> db = hub::HubDatabase::open(where);
            if (!db)
                return 1;
            QSqlQuery q = (*db)->query();
            if (backend == QLatin1String("postgresql")) {
                const QString file = work + QStringLiteral("/rows.csv");
                QFile::remove(file);
                q.exec(QStringLiteral("CREATE TABLE floor_copy (LIKE signatures INCLUDING ALL)"));
                const QUrl url(where);
                const QUrlQuery params(url);
                const QStringList connect { QStringLiteral("-h"), params.queryItemValue(QStringLiteral("host")),
                    QStringLiteral("-U"), params.queryItemValue(QStringLiteral("user")), QStringLiteral("-d"),
                    url.path().mid(1), QStringLiteral("-q"), QStringLiteral("-c") };
                QProcess::execute(
                    psql, connect + QStringList { QStringLiteral("\\copy signatures TO '%1' CSV").arg(file) });
                QElapsedTimer t;
                t.start();
                if (QProcess::execute(
                        psql, connect + QStringList { QStringLiteral("\\copy floor_copy FROM '%1' CSV").arg(file) })
                    != 0)
                    return 1;
                loads << double(t.nsecsElapsed()) / 1e6;
                if (!q.exec(QStringLiteral("SELECT count(*) FROM floor_copy")) || !q.next()
                    || q.value(0).toLongLong() != rows) {
                    err << "petition-bench: COPY did not load every row" << Qt::endl;
                    return 1;
                }
            } else {
                // The same rows through the plain SQLite C API, in one transaction, into an empty copy of the table
                // with the same indexes (the hub's own statements, renamed).
                q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE tbl_name = 'signatures' AND sql IS NOT NULL "
                                      "ORDER BY type DESC"));
                QStringList ddl;
                while (q.next())
                    ddl << q.value(0).toString().replace(QLatin1String("signatures"), QLatin1String("floor_copy"));
                for (const QString& statement : std::as_const(ddl))
                    q.exec(statement);
                q.exec(QStringLiteral("SELECT * FROM signatures"));
                const int columns = q.record().count();
                QList<QVariantList> all;
                while (q.next()) {
                    QVariantList r;
                    for (int c = 0; c < columns; ++c)
                        r << q.value(c);
                    all << r;
                }
                q.finish();
                (*db).reset();
                sqlite3* raw = nullptr;
                sqlite3_open(QFile::encodeName(where).constData(), &raw);
                sqlite3_exec(raw, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
                sqlite3_stmt* ins = nullptr;
                const QByteArray insert
                    = "INSERT INTO floor_copy VALUES (?" + QByteArray(",?").repeated(columns - 1) + ")";
                if (sqlite3_prepare_v2(raw, insert.constData(), -1, &ins, nullptr) != SQLITE_OK) {
                    err << "petition-bench: " << sqlite3_errmsg(raw) << Qt::endl;
                    return 1;
                }
                // Bound as the database gives them back, converted before the clock starts.
                struct Value
                {
                    int type;
                    QByteArray bytes;
                    qint64 number;
                };
                std::vector<std::vector<Value>> converted;
                for (const QVariantList& r : std::as_const(all)) {
                    std::vector<Value> values;
                    for (const QVariant& v : r) {
                        if (v.isNull())
                            values.push_back({ SQLITE_NULL, {}, 0 });
                        else if (v.typeId() == QMetaType::QByteArray)
                            values.push_back({ SQLITE_BLOB, v.toByteArray(), 0 });
                        else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
                            values.push_back({ SQLITE_INTEGER, {}, v.toLongLong() });
                        else
                            values.push_back({ SQLITE_TEXT, v.toString().toUtf8(), 0 });
                    }
                    converted.push_back(std::move(values));
                }
                QElapsedTimer t;
                t.start();
                sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr);
                qint64 inserted = 0;
                for (const std::vector<Value>& r : converted) {
                    for (int c = 0; c < columns; ++c) {
                        const Value& v = r[std::size_t(c)];
                        if (v.type == SQLITE_NULL)
                            sqlite3_bind_null(ins, c + 1);
                        else if (v.type == SQLITE_BLOB)
                            sqlite3_bind_blob(ins, c + 1, v.bytes.constData(), int(v.bytes.size()), SQLITE_STATIC);
                        else if (v.type == SQLITE_INTEGER)
                            sqlite3_bind_int64(ins, c + 1, v.number);
                        else
                            sqlite3_bind_text(ins, c + 1, v.bytes.constData(), int(v.bytes.size()), SQLITE_STATIC);
                    }
                    inserted += sqlite3_step(ins) == SQLITE_DONE ? 1 : 0;
                    sqlite3_reset(ins);
                }
                sqlite3_exec(raw, "COMMIT", nullptr, nullptr, nullptr);
                loads << double(t.nsecsElapsed()) / 1e6;
                sqlite3_finalize(ins);
                sqlite3_close(raw);
                if (inserted != rows) {
                    err << "petition-bench: the C API inserted " << inserted << " of " << rows << " rows" << Qt::endl;
                    return 1;
                }
            }
        }
        const double floor = median(opens) + median(loads);
        const double ratio = median(ours) / floor;
        out << QStringLiteral("  %1: import median %2 s (%3 rows/s); floor %4 s (open loop on two threads %5 s + %6 "
                              "%7 s); ratio %8 (budget 1.5)  %9\n")
                   .arg(backend)
                   .arg(median(ours) / 1000, 0, 'f', 2)
                   .arg(qint64(rows / (median(ours) / 1000)))
                   .arg(floor / 1000, 0, 'f', 2)
                   .arg(median(opens) / 1000, 0, 'f', 2)
                   .arg(
                       backend == QLatin1String("postgresql") ? QStringLiteral("COPY") : QStringLiteral("C API insert"))
                   .arg(median(loads) / 1000, 0, 'f', 2)
                   .arg(ratio, 0, 'f', 2)
                   .arg(ratio <= 1.5 ? QStringLiteral("OK") : QStringLiteral("OVER BUDGET"));
        out.flush();
        results += QStringLiteral(" hub_%1_%2_ratio=%3 hub_%1_%2_rows_per_s=%4")
                       .arg(backend)
                       .arg(rows)
                       .arg(ratio, 0, 'f', 2)
                       .arg(qint64(rows / (median(ours) / 1000)));
    }
    out << "RESULT" << results << Qt::endl;
    return 0;
}

} // namespace kiosk::bench
