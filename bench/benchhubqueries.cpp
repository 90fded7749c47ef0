// petition-bench hub-queries: `petition-hub status` and `duplicates` over --rows signatures (default a million) in a
// hub database on each backend, against the database's own client running the core of the same work: counting the
// name-and-postcode groups with more than one member (the sqlite3 CLI; psql). The rows are synthetic, written by the
// hub's own row writer: about one row in eight repeats an earlier signer's name and postcode, half give an email, and
// some emails are shared by three or more, far more duplicates than a real campaign has.

#include "benchcommands.h"
#include "benchutil.h"

#include "core/platform.h"
#include "hub/hubcommands.h"
#include "hub/hubdatabase.h"
#include "hub/hubrowwriter.h"
#include "hub/hubtotals.h"
#include "pgserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>
#include <QUrl>
#include <QUrlQuery>

namespace kiosk::bench {

namespace {

// A synthetic row: person `p` signs as row `i`.
QByteArrayList syntheticRow(qint64 i, qint64 people)
{
    using W = hub::HubRowWriter;
    // A fixed permutation spreads the repeats over the whole table, as stalls and days would.
    const qint64 p = (i * 7919) % people;
    QByteArrayList r(W::ColumnCount, QByteArray(""));
    r[W::Id] = QByteArray::number(0x10000000 + i, 16) + "-0000-4000-8000-000000000000";
    r[W::Batch] = "synthetic";
    r[W::DeviceId] = "device-" + QByteArray::number(i % 1000);
    r[W::StallId] = "stall-" + QByteArray::number(i % 1000);
    r[W::SignedAt] = QDateTime(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC).addSecs(i * 7).toString(Qt::ISODate).toLatin1();
    r[W::PetitionId] = "stop-persecution-uk"; // the built-in campaign's, so that hand-in lists them
    r[W::PetitionVersion] = "1";
    r[W::ConsentVersion] = "1";
    r[W::Country] = "GB";
    r[W::PostcodeArea] = "SW1A";
    r[W::Resident] = "1";
    r[W::OptIn] = p % 3 == 0 ? "1" : "0"; // a third tick "Email me"
    r[W::Language] = "en";
    r[W::FullName] = "signer " + QByteArray::number(p);
    r[W::Postcode] = "SW1A " + QByteArray::number(p % 10) + "AA";
    r[W::ContentSha256] = QByteArray::number(i);
    r[W::NamePostcodeKey] = r[W::FullName] + '\n' + r[W::Postcode];
    if (p % 2 == 0) {
        const QByteArray email = "person" + QByteArray::number(p % (people * 4 / 5)) + "@example.org";
        r[W::Email] = email;
        r[W::EmailNameKey] = email + '\n' + r[W::FullName];
        r[W::EmailKey] = email;
    }
    return r;
}

bool fill(hub::HubDatabase& db, qint64 rows, QTextStream& err)
{
    Result<std::unique_ptr<hub::HubRowWriter>> writer = hub::HubRowWriter::forDatabase(db);
    if (!writer) {
        err << "petition-bench: " << writer.errorString() << Qt::endl;
        return false;
    }
    const qint64 people = rows * 7 / 8;
    hub::HubRowWriter::Outcome outcome;
    std::vector<QByteArrayList> chunk;
    for (qint64 i = 0; i < rows; i += 10000) {
        if (!db.begin())
            return false;
        chunk.clear();
        for (qint64 j = i; j < std::min(rows, i + 10000); ++j)
            chunk.push_back(syntheticRow(j, people));
        const VoidResult w = (*writer)->write(chunk, outcome);
        if (!w || !db.commit()) {
            err << "petition-bench: " << w.errorString() << Qt::endl;
            return false;
        }
    }
    return outcome.added == rows;
}

// Runs petition-hub's command in this process; milliseconds, or -1.
double timeCommand(const QString& where, const QString& command, QString* output = nullptr)
{
    QString text, problems;
    QTextStream in(stdin), out(&text), err(&problems);
    QElapsedTimer t;
    t.start();
    const int code = hub::runHubCommand(
        { QStringLiteral("petition-hub"), command, QStringLiteral("--database"), where }, in, out, err);
    const double ms = double(t.nsecsElapsed()) / 1e6;
    if (output)
        *output = text;
    return code == 0 ? ms : -1;
}

// The database's own client running `sql` on the hub at `where`: psql, or the sqlite3 CLI (with `sqliteFlags`).
struct Client
{
    QString program;
    QStringList arguments;
};
Client databaseClient(bool postgres, const QString& where, const QString& sql, const QStringList& sqliteFlags = {})
{
    if (postgres) {
        const QUrl url(where);
        const QUrlQuery params(url);
        return { QStandardPaths::findExecutable(QStringLiteral("psql")),
            { QStringLiteral("-h"), params.queryItemValue(QStringLiteral("host")), QStringLiteral("-U"),
                params.queryItemValue(QStringLiteral("user")), QStringLiteral("-d"), url.path().mid(1),
                QStringLiteral("-qAt"), QStringLiteral("-c"), sql } };
    }
    return { QStandardPaths::findExecutable(QStringLiteral("sqlite3")), sqliteFlags + QStringList { where, sql } };
}

// Runs the client (its output to `output`, when given) and times it: milliseconds, or -1 after saying why.
double timeClient(const Client& client, QTextStream& err, const QString& output = {}, int timeoutMs = 600000)
{
    QProcess p;
    if (!output.isEmpty())
        p.setStandardOutputFile(output);
    QElapsedTimer t;
    t.start();
    p.start(client.program, client.arguments);
    if (!p.waitForFinished(timeoutMs) || p.exitCode() != 0) {
        err << "petition-bench: " << client.program << " failed: " << p.readAllStandardError() << Qt::endl;
        return -1;
    }
    return double(t.nsecsElapsed()) / 1e6;
}

// A hub of `rows` synthetic signatures at `where` (a SQLite file made afresh, or a new database on the server),
// analysed as a coordinator's would be; false after saying why.
bool filledHub(bool postgres, const QString& where, qint64 rows, QTextStream& err)
{
    if (!postgres) {
        QFile::remove(where);
        QFile::remove(where + QStringLiteral("-wal"));
    }
    Result<std::unique_ptr<hub::HubDatabase>> db = hub::HubDatabase::open(where);
    if (!db || !fill(**db, rows, err)) {
        err << "petition-bench: cannot fill the hub database " << (db ? QString() : db.errorString()) << Qt::endl;
        return false;
    }
    // The batch every synthetic row came in, as an import records it (contacts and signatures go by batches).
    if (!(*db)->query().exec(QStringLiteral(
            "INSERT INTO batches (manifest_sha256, batch_id, device_id, stall_id, sequence, previous_manifest_sha256, "
            "row_count, rows_new, rows_known, first_signed_at, last_signed_at, imported_at) VALUES ('synthetic', "
            "'synthetic', 'device-0', 'stall-0', 1, '', %1, %1, 0, '', '', '2026-06-01T09:00:00.000Z')")
                                 .arg(rows))) {
        err << "petition-bench: cannot record the synthetic batch" << Qt::endl;
        return false;
    }
    (*db)->query().exec(postgres ? QStringLiteral("VACUUM ANALYZE signatures") : QStringLiteral("ANALYZE"));
    return true;
}

// Where the benches' SQLite hubs go: --work-dir, or a folder in the temporary folder.
QString workFolder(const BenchOptions& options)
{
    const QString work
        = options.workDir.isEmpty() ? QDir::tempPath() + QStringLiteral("/petition-bench-hub") : options.workDir;
    QDir().mkpath(work);
    return work;
}

// The throwaway PostgreSQL server the benches measure on; false after saying why.
bool startServer(test::PgServer& pg, QTextStream& err)
{
    QString problem;
    if (pg.start(&problem))
        return true;
    err << "petition-bench: " << problem << Qt::endl;
    return false;
}

} // namespace

int benchHubQueries(const BenchOptions& options, QTextStream& out, QTextStream& err)
{
    const qint64 rows = options.rows > 0 ? options.rows : 1000000;
    const QString work = workFolder(options);
    test::PgServer pg;
    QString problem;
    if (!startServer(pg, err))
        return 1;
    const QString groups
        = QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM signatures WHERE name_postcode_key <> '' "
                         "GROUP BY petition_id, name_postcode_key HAVING count(*) > 1) g;");
    QString results;
    const int runs = 3;
    for (const QString& backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
        const bool postgres = backend == QLatin1String("postgresql");
        const QString where
            = postgres ? pg.newDatabase(&problem) : QStringLiteral("%1/hub-queries-%2.sqlite").arg(work).arg(rows);
        QElapsedTimer filling;
        filling.start();
        if (!filledHub(postgres, where, rows, err))
            return 1;
        out << "hub-queries " << backend << ": " << rows << " rows written in " << filling.elapsed() / 1000.0 << " s\n";
        // The baseline: the database's own client, counting the groups.
        const Client client = databaseClient(postgres, where, groups);
        QList<double> statusMs, duplicatesMs, baselineMs;
        QString listed;
        for (int run = 0; run < runs; ++run) {
            baselineMs << timeClient(client, err, {}, 120000);
            if (baselineMs.last() < 0)
                return 1;
            statusMs << timeCommand(where, QStringLiteral("status"));
            duplicatesMs << timeCommand(where, QStringLiteral("duplicates"), &listed);
            if (statusMs.last() < 0 || duplicatesMs.last() < 0) {
                err << "petition-bench: petition-hub failed" << Qt::endl;
                return 1;
            }
        }
        const double base = median(baselineMs);
        out << QStringLiteral("  %1 over %2 rows: status %3 s, duplicates %4 s (%5); the client's group count %6 s; "
                              "ratios %7 and %8; budget 2 s each: %9\n")
                   .arg(backend)
                   .arg(rows)
                   .arg(median(statusMs) / 1000, 0, 'f', 2)
                   .arg(median(duplicatesMs) / 1000, 0, 'f', 2)
                   .arg(listed.section(QLatin1Char(':'), 0, 0).trimmed())
                   .arg(base / 1000, 0, 'f', 2)
                   .arg(median(statusMs) / base, 0, 'f', 2)
                   .arg(median(duplicatesMs) / base, 0, 'f', 2)
                   .arg(median(statusMs) < 2000 && median(duplicatesMs) < 2000 ? QStringLiteral("OK")
                                                                               : QStringLiteral("OVER"));
        out.flush();
        results += QStringLiteral(" hub_%1_status_s=%2 hub_%1_duplicates_s=%3 hub_%1_duplicates_ratio=%4")
                       .arg(backend)
                       .arg(median(statusMs) / 1000, 0, 'f', 2)
                       .arg(median(duplicatesMs) / 1000, 0, 'f', 2)
                       .arg(median(duplicatesMs) / base, 0, 'f', 2);
    }
    out << "RESULT" << results << Qt::endl;
    return 0;
}

// petition-bench hand-in: `petition-hub hand-in` (supporters.pdf, supporters.csv and hand-in.json) over --rows
// signatures (default 100,000 and then 1,000,000) on each backend, against the database's own client writing the same
// rows, in the same order, as plain CSV (sqlite3 -csv; psql's COPY … TO STDOUT CSV). petition-hub runs as a program of
// its own, so that its peak memory (the largest resident set, from wait4) is its own.
int benchHubHandIn(const BenchOptions& options, QTextStream& out, QTextStream& err)
{
    const QList<qint64> sizes = options.rows > 0 ? QList<qint64> { options.rows } : QList<qint64> { 100000, 1000000 };
    const QString work = workFolder(options);
    test::PgServer pg;
    QString problem;
    if (!startServer(pg, err))
        return 1;
    const QString select = QStringLiteral(
        "SELECT s.signed_at, s.full_name, s.postcode_area, s.country FROM signatures s WHERE s.petition_id = "
        "'stop-persecution-uk' AND NOT EXISTS (SELECT 1 FROM duplicates d WHERE d.id = s.id) ORDER BY s.signed_at, "
        "s.id");
    QString results;
    const int runs = 3;
    for (const qint64 rows : sizes) {
        for (const QString& backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
            const bool postgres = backend == QLatin1String("postgresql");
            const QString where
                = postgres ? pg.newDatabase(&problem) : QStringLiteral("%1/hand-in-%2.sqlite").arg(work).arg(rows);
            if (!filledHub(postgres, where, rows, err))
                return 1;
            const Client client = databaseClient(postgres, where,
                postgres ? QStringLiteral("COPY (%1) TO STDOUT CSV").arg(select) : select, { QStringLiteral("-csv") });
            const QString folder = QStringLiteral("%1/hand-in-%2-%3").arg(work, backend).arg(rows);
            QList<double> handInMs, baselineMs;
            qint64 peakKb = 0;
            qint64 pdfBytes = 0;
            QString said;
            for (int run = 0; run < runs; ++run) {
                QDir(folder).removeRecursively();
                QDir().mkpath(folder);
                // petition-hub, as a coordinator runs it; its own peak resident set from wait4.
                QElapsedTimer t;
                t.start();
                const std::optional<platform::ChildRun> measured = platform::runMeasured(QStringLiteral(KIOSK_HUB_BIN),
                    { QStringLiteral("--database"), where, QStringLiteral("hand-in"), QStringLiteral("--out"),
                        folder });
                if (!measured || measured->exitCode != 0) {
                    err << "petition-bench: petition-hub hand-in failed on " << backend << Qt::endl;
                    return 1;
                }
                handInMs << double(t.nsecsElapsed()) / 1e6;
                peakKb = std::max(peakKb, measured->peakResidentKb);
                pdfBytes = QFileInfo(folder + QStringLiteral("/supporters.pdf")).size();
                QFile made(folder + QStringLiteral("/hand-in.json"));
                said = made.open(QIODevice::ReadOnly) ? QString::fromUtf8(made.readAll()) : QString();
                // The baseline: the same rows as plain CSV, from the database's own client.
                baselineMs << timeClient(client, err, folder + QStringLiteral("/plain.csv"));
                if (baselineMs.last() < 0)
                    return 1;
            }
            const QJsonObject json = QJsonDocument::fromJson(said.toUtf8()).object();
            const QJsonObject counts = json.value(QStringLiteral("counts")).toObject();
            const double base = median(baselineMs), mine = median(handInMs);
            out << QStringLiteral("hand-in %1, %2 rows: %3 names on %4 pages (PDF %5 MB) in %6 s, peak %7 MB; the "
                                  "client's plain CSV %8 s; ratio %9\n")
                       .arg(backend)
                       .arg(rows)
                       .arg(counts.value(QStringLiteral("names")).toInteger())
                       .arg(counts.value(QStringLiteral("pages")).toInteger())
                       .arg(double(pdfBytes) / 1e6, 0, 'f', 1)
                       .arg(mine / 1000, 0, 'f', 2)
                       .arg(double(peakKb) / 1024, 0, 'f', 0)
                       .arg(base / 1000, 0, 'f', 2)
                       .arg(mine / base, 0, 'f', 1);
            out.flush();
            results += QStringLiteral(" handin_%1_%2_s=%3 handin_%1_%2_peak_mb=%4 handin_%1_%2_ratio=%5")
                           .arg(backend)
                           .arg(rows)
                           .arg(mine / 1000, 0, 'f', 2)
                           .arg(double(peakKb) / 1024, 0, 'f', 0)
                           .arg(mine / base, 0, 'f', 1);
            QDir(folder).removeRecursively();
            if (!postgres)
                QFile::remove(where);
        }
    }
    out << "RESULT" << results << Qt::endl;
    return 0;
}

// petition-bench rights: the signers' rights and the uploads over --rows signatures (default a million) on each
// backend, each against the database's own client running the statement at its core on as many rows:
// petition-hub runs as a program of its own, as a coordinator runs it:
//   erase one signer by email (found, erased, duplicates marked afresh, and the old rows' bytes gone: the SQLite log
//   emptied, PostgreSQL's table rewritten)  vs  the client's UPDATE of one email's rows;
//   purge a further tenth of the days (one UPDATE, the audit entry, the same scrubbing)  vs  the client's UPDATE of
//   another tenth;
//   contacts (the opted-in, each email once, as Mailchimp CSV)  vs  the client's CSV of the opted-in rows.
int benchHubRights(const BenchOptions& options, QTextStream& out, QTextStream& err)
{
    const qint64 rows = options.rows > 0 ? options.rows : 1000000;
    const QString work = workFolder(options);
    test::PgServer pg;
    QString problem;
    if (!startServer(pg, err))
        return 1;
    const qint64 people = rows * 7 / 8;
    const QDateTime first(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC);
    // The signed_at a fraction of the way through the rows (they are 7 s apart).
    const auto at = [&](double fraction) { return first.addSecs(qint64(double(rows) * fraction) * 7); };
    const auto iso = [](const QDateTime& t) { return t.toString(Qt::ISODateWithMs); };
    QString results;
    const int runs = 3;
    for (const QString& backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
        const bool postgres = backend == QLatin1String("postgresql");
        const QString where
            = postgres ? pg.newDatabase(&problem) : QStringLiteral("%1/rights-%2.sqlite").arg(work).arg(rows);
        if (!filledHub(postgres, where, rows, err))
            return 1;
        if (timeCommand(where, QStringLiteral("duplicates")) < 0)
            return 1;
        // petition-hub as a coordinator runs it, a program of its own (purge draws its receipt's PDF).
        const auto hubRun = [&](const QStringList& arguments) -> double {
            QElapsedTimer t;
            t.start();
            const std::optional<platform::ChildRun> run = platform::runMeasured(
                QStringLiteral(KIOSK_HUB_BIN), QStringList { QStringLiteral("--database"), where } + arguments);
            return run && run->exitCode == 0 ? double(t.nsecsElapsed()) / 1e6 : -1;
        };
        const auto client = [&](const QString& sql, const QString& output = {}) {
            return timeClient(databaseClient(postgres, where, sql, { QStringLiteral("-csv") }), err, output);
        };
        const QString cleared = QStringLiteral("full_name = '', postcode = '', email = '', name_postcode_key = '', "
                                               "email_name_key = '', email_key = ''");
        QList<double> eraseMs, eraseBase, purgeMs, purgeBase, contactsMs, contactsBase;
        qint64 contactRows = 0;
        const QString folder = QStringLiteral("%1/rights-%2").arg(work, backend);
        QDir(folder).removeRecursively();
        QDir().mkpath(folder);
        for (int run = 0; run < runs; ++run) {
            // Erase: person 2k's email (every other person gives one), a different one each run and for the client.
            const QString email = QStringLiteral("person%1@example.org").arg((run * 2 + 2) * 1000 % (people * 4 / 5));
            const QString other
                = QStringLiteral("person%1@example.org").arg((run * 2 + 3) * 1000 * 2 % (people * 4 / 5));
            eraseMs << hubRun({ QStringLiteral("erase"), QStringLiteral("--email"), email, QStringLiteral("--yes") });
            eraseBase << client(QStringLiteral("UPDATE signatures SET %1 WHERE email_key = '%2';").arg(cleared, other));
            // Purge: everything before the next tenth of the days; the client clears a tenth further on.
            const QDate cut = hub::HubTotals::londonDay(at(0.1 * (run + 1)));
            purgeMs << hubRun({ QStringLiteral("purge"), QStringLiteral("--before"), cut.toString(Qt::ISODate),
                QStringLiteral("--out"), folder });
            purgeBase << client(QStringLiteral("UPDATE signatures SET %1 WHERE signed_at >= '%2' AND signed_at < '%3';")
                                    .arg(cleared, iso(at(0.5 + 0.1 * run)), iso(at(0.6 + 0.1 * run))));
            // Contacts.
            contactsMs << hubRun(
                { QStringLiteral("contacts"), QStringLiteral("--out"), folder + QStringLiteral("/contacts.csv") });
            QFile written(folder + QStringLiteral("/contacts.csv"));
            contactRows = written.open(QIODevice::ReadOnly) ? written.readAll().count('\n') - 1 : -1;
            if (contactRows <= 0) {
                err << "petition-bench: contacts wrote no contact on " << backend << Qt::endl;
                return 1;
            }
            const QString optedIn = QStringLiteral(
                "SELECT email, full_name, stall_id FROM signatures WHERE contact_opt_in = 1 AND removed = '' AND "
                "email_key <> '' ORDER BY signed_at, id");
            contactsBase << client(postgres ? QStringLiteral("COPY (%1) TO STDOUT CSV").arg(optedIn) : optedIn,
                folder + QStringLiteral("/plain.csv"));
            for (const QList<double>* l : { &eraseMs, &eraseBase, &purgeMs, &purgeBase, &contactsMs, &contactsBase }) {
                if (l->last() < 0) {
                    err << "petition-bench: a rights run failed on " << backend << Qt::endl;
                    return 1;
                }
            }
        }
        const auto line = [&](const char* what, const QList<double>& mine, const QList<double>& base) {
            out << QStringLiteral("  %1 %2 over %3 rows: %4 s; the client's %5 s; ratio %6\n")
                       .arg(backend, QLatin1String(what))
                       .arg(rows)
                       .arg(median(mine) / 1000, 0, 'f', 2)
                       .arg(median(base) / 1000, 0, 'f', 2)
                       .arg(median(mine) / median(base), 0, 'f', 1);
            results += QStringLiteral(" rights_%1_%2_s=%3 rights_%1_%2_ratio=%4")
                           .arg(backend, QLatin1String(what))
                           .arg(median(mine) / 1000, 0, 'f', 2)
                           .arg(median(mine) / median(base), 0, 'f', 1);
        };
        line("erase", eraseMs, eraseBase);
        line("purge", purgeMs, purgeBase);
        line("contacts", contactsMs, contactsBase);
        out << "  (" << contactRows << " contacts in the last file)\n";
        out.flush();
        QDir(folder).removeRecursively();
        if (!postgres)
            QFile::remove(where);
    }
    out << "RESULT" << results << Qt::endl;
    return 0;
}

} // namespace kiosk::bench
