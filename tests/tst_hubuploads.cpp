// What coordinators upload, cut from the hub on SQLite and on a throwaway PostgreSQL server: the contacts who opted in
// (for a mailing tool: Mailchimp's columns, or a generic set), each email once, never anyone who did not opt in and
// never an erased or purged signature; and the de-duplicated signatures for a CRM. Both read back with Python's csv
// module, as the tools that take them would; --since gives only what is new.

#include "core/batchexporter.h"
#include "core/coordinatorkey.h"
#include "hub/hubdatabase.h"
#include "hub/hubduplicates.h"
#include "hub/hubimporter.h"
#include "hub/hubrights.h"
#include "hub/hubuploads.h"
#include "hubtesting.h"
#include "sealedkiosk.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

using namespace kiosk;
using namespace kiosk::hub;
using test::HubRun;
using test::runHub;
using test::SealedKiosk;

namespace {

struct Signer
{
    QString name;
    QString email;
    bool optIn = false;
    QString at;
    QString language = QStringLiteral("en");
};

bool signAndExport(SealedKiosk& k, const QString& stall, const QList<Signer>& signers)
{
    for (const Signer& s : signers) {
        Signature sig = test::sampleSignature(s.name, QStringLiteral("SW1A 1AA"), s.email);
        sig.contactOptIn = s.optIn;
        sig.stallId = stall;
        sig.language = s.language;
        sig.signedAt = QDateTime::fromString(s.at, Qt::ISODate);
        if (k.store.signatures().save(sig).status != SaveResult::Status::Stored)
            return false;
    }
    return BatchExporter(k.store, QStringLiteral("test")).exportNew(k.stick, stall).status
        == BatchExporter::Outcome::Status::Exported;
}

bool importInto(HubDatabase& db, const QString& stick, std::shared_ptr<const Sealing::KeyPair> keys = {})
{
    HubImporter importer(db, keys ? keys : test::coordinatorKeys());
    const QList<ImportReport> reports = importer.importPaths({ stick });
    return !reports.isEmpty() && reports.first().outcome == ImportReport::Outcome::Imported;
}

// The rows of a CSV file as Python's csv module reads them (utf-8-sig: the BOM is taken off), header first.
QList<QStringList> pythonCsv(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("python3"),
        { QStringLiteral("-c"),
            QStringLiteral("import csv, json, sys\n"
                           "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
                           "    print(json.dumps(list(csv.reader(f, strict=True))))\n"),
            path });
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return { { QStringLiteral("python3 failed: ") + QString::fromUtf8(p.readAllStandardError()) } };
    QList<QStringList> rows;
    for (const QJsonValue& row : QJsonDocument::fromJson(p.readAllStandardOutput()).array())
        rows.append(row.toVariant().toStringList());
    return rows;
}

// The rows after the header, by their first cell.
QHash<QString, QStringList> byFirstCell(const QList<QStringList>& rows)
{
    QHash<QString, QStringList> out;
    for (qsizetype i = 1; i < rows.size(); ++i)
        out.insert(rows.at(i).value(0), rows.at(i));
    return out;
}

} // namespace

class TestHubUploads : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { m_hubs.start(); }
    void cleanupTestCase() { m_hubs.stop(); }
    void contactsAreTheOptedInEachEmailOnce_data() { test::HubBackends::rows(); }
    void contactsAreTheOptedInEachEmailOnce();
    void signaturesAreDeduplicatedAndSortedByTime_data() { test::HubBackends::rows(); }
    void signaturesAreDeduplicatedAndSortedByTime();
    void sinceGivesOnlyWhatIsNew();
    void aSealedHubNeedsTheKey();

private:
    // Three stalls: a signer who opted in at one and not at the others, one who never opted in, a formula for a name,
    // names that may and may not be split, an erased and a purged signer who opted in. Imported, marked, one erased
    // and January purged.
    bool fill(HubDatabase& db);
    QString outFile(const QString& name) { return m_out.filePath(name); }

    test::HubBackends m_hubs;
    QTemporaryDir m_out;
};

bool TestHubUploads::fill(HubDatabase& db)
{
    SealedKiosk market, station, park;
    if (!market.open() || !station.open() || !park.open())
        return false;
    const bool signedAll = signAndExport(market, QStringLiteral("market-square"),
                               {
                                   { QStringLiteral("Opted In"), QStringLiteral("opt@example.org"), true,
                                       QStringLiteral("2026-03-01T10:00:00Z") },
                                   { QStringLiteral("Never Asked"), QStringLiteral("never@example.org"), false,
                                       QStringLiteral("2026-03-01T10:05:00Z") },
                                   { QStringLiteral("=SUM(A1:A9)"), QStringLiteral("f@example.org"), true,
                                       QStringLiteral("2026-03-01T10:10:00Z") },
                                   { QStringLiteral("Nguyen Van An"), QStringLiteral("nv@example.org"), true,
                                       QStringLiteral("2026-03-01T10:15:00Z") },
                                   { QStringLiteral("Jan van der Berg"), QStringLiteral("jan@example.org"), true,
                                       QStringLiteral("2026-03-01T10:20:00Z") },
                                   { QStringLiteral("王小明"), QStringLiteral("wang@example.org"), true,
                                       QStringLiteral("2026-03-01T10:25:00Z"), QStringLiteral("zh_CN") },
                                   { QStringLiteral("Erased Person"), QStringLiteral("erased@example.org"), true,
                                       QStringLiteral("2026-03-01T10:30:00Z") },
                                   { QStringLiteral("Old Person"), QStringLiteral("old@example.org"), true,
                                       QStringLiteral("2026-01-05T10:00:00Z") },
                               })
        // The same signer, earlier and without the tick at one stall, and with it again later at another.
        && signAndExport(station, QStringLiteral("station-road"),
            { { QStringLiteral("Opted In"), QStringLiteral("OPT@Example.org"), false,
                  QStringLiteral("2026-02-28T10:00:00Z") },
                { QStringLiteral("Never Asked"), QStringLiteral("never@example.org"), false,
                    QStringLiteral("2026-02-28T11:00:00Z") } })
        && signAndExport(park, QStringLiteral("park-gate"),
            { { QStringLiteral("Opted In"), QStringLiteral("opt@example.org"), true,
                QStringLiteral("2026-03-02T10:00:00Z") } });
    if (!signedAll)
        return false;
    for (const QString& stick : { market.stick, station.stick, park.stick }) {
        if (!importInto(db, stick))
            return false;
    }
    if (!HubDuplicates::mark(db))
        return false;
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral("SELECT id FROM signatures WHERE email = 'erased@example.org'")) || !q.next())
        return false;
    const QString erased = q.value(0).toString();
    q.finish();
    return HubRights::erase(db, { erased }) && HubRights::purge(db, QDate(2026, 2, 1));
}

// Only the ticked, each email once with its earliest opt-in; the Mailchimp header exactly; names split only where the
// order is clear; a formula stays text.
void TestHubUploads::contactsAreTheOptedInEachEmailOnce()
{
    QString where;
    auto db = m_hubs.open(&where);
    QVERIFY(db);
    QVERIFY(fill(*db));
    const QString mailchimp = outFile(QStringLiteral("mailchimp.csv"));
    HubRun r = runHub(where, { QStringLiteral("contacts"), QStringLiteral("--out"), mailchimp });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("5 contacts")), qPrintable(r.out));
    const QList<QStringList> rows = pythonCsv(mailchimp);
    QCOMPARE(rows.value(0),
        (QStringList { QStringLiteral("Email Address"), QStringLiteral("First Name"), QStringLiteral("Last Name"),
            QStringLiteral("Tags") }));
    QCOMPARE(rows.size(), 6);
    const QHash<QString, QStringList> contacts = byFirstCell(rows);
    QCOMPARE(contacts.size(), 5);
    for (const char* absent : { "never@example.org", "erased@example.org", "old@example.org" })
        QVERIFY2(!contacts.contains(QLatin1String(absent)), absent);
    QCOMPARE(contacts.value(QStringLiteral("opt@example.org")),
        (QStringList { QStringLiteral("opt@example.org"), QStringLiteral("Opted"), QStringLiteral("In"),
            QStringLiteral("market-square") }));
    QCOMPARE(contacts.value(QStringLiteral("jan@example.org")).mid(1, 2),
        (QStringList { QStringLiteral("Jan"), QStringLiteral("van der Berg") }));
    QCOMPARE(contacts.value(QStringLiteral("nv@example.org")).mid(1, 2),
        (QStringList { QStringLiteral("Nguyen Van An"), QString() }));
    QCOMPARE(contacts.value(QStringLiteral("wang@example.org")).mid(1, 2),
        (QStringList { QStringLiteral("王小明"), QString() }));
    // Neutralised: a spreadsheet shows it as text.
    QVERIFY2(contacts.value(QStringLiteral("f@example.org")).value(1).startsWith(QLatin1String("'=")),
        qPrintable(contacts.value(QStringLiteral("f@example.org")).join(QLatin1Char('|'))));

    const QString generic = outFile(QStringLiteral("generic.csv"));
    r = runHub(where,
        { QStringLiteral("contacts"), QStringLiteral("--format"), QStringLiteral("generic"), QStringLiteral("--out"),
            generic });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QList<QStringList> genericRows = pythonCsv(generic);
    QCOMPARE(genericRows.value(0), HubUploads::contactsHeader(HubUploads::Format::Generic));
    const QStringList opt = byFirstCell(genericRows).value(QStringLiteral("opt@example.org"));
    QCOMPARE(opt.value(1), QStringLiteral("Opted In"));
    QCOMPARE(opt.value(3), QStringLiteral("market-square"));
    QVERIFY2(opt.value(4).startsWith(QLatin1String("2026-03-01T10:00")), qPrintable(opt.value(4)));
    QCOMPARE(byFirstCell(genericRows).value(QStringLiteral("wang@example.org")).value(2), QStringLiteral("zh_CN"));

    // The audit log has the count, the format and the file's hash, and no address.
    QSqlQuery q = db->query();
    QVERIFY(q.exec(QStringLiteral("SELECT detail FROM hub_audit WHERE action = 'contacts export' ORDER BY at")));
    QVERIFY(q.next());
    const QString detail = q.value(0).toString();
    QVERIFY2(detail.startsWith(QLatin1String("5 rows, format mailchimp")), qPrintable(detail));
    QVERIFY(detail.contains(
        QString::fromLatin1(QCryptographicHash::hash(test::readFile(mailchimp), QCryptographicHash::Sha256).toHex())));
    QVERIFY(!detail.contains(QLatin1Char('@')));
    QCOMPARE(QFileInfo(mailchimp).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

// One row a counted signature, by time; no duplicate, no erased or purged one; the documented columns.
void TestHubUploads::signaturesAreDeduplicatedAndSortedByTime()
{
    QString where;
    auto db = m_hubs.open(&where);
    QVERIFY(db);
    QVERIFY(fill(*db));
    const QString file = outFile(QStringLiteral("signatures.csv"));
    const HubRun r = runHub(where, { QStringLiteral("signatures"), QStringLiteral("--out"), file });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QList<QStringList> rows = pythonCsv(file);
    QCOMPARE(rows.value(0), HubUploads::signaturesHeader());
    QStringList names, times;
    for (qsizetype i = 1; i < rows.size(); ++i) {
        QCOMPARE(rows.at(i).size(), HubUploads::signaturesHeader().size());
        names << rows.at(i).at(2);
        times << rows.at(i).at(1);
    }
    // Opted In signed first at the station (28 Feb): the later two are duplicates. Never Asked likewise.
    QCOMPARE(names,
        (QStringList { QStringLiteral("Opted In"), QStringLiteral("Never Asked"), QStringLiteral("'=SUM(A1:A9)"),
            QStringLiteral("Nguyen Van An"), QStringLiteral("Jan van der Berg"), QStringLiteral("王小明") }));
    QStringList sorted = times;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(times, sorted);
    const QStringList first = rows.at(1);
    QCOMPARE(first.at(3), QStringLiteral("SW1A 1AA"));
    QCOMPARE(first.at(4), QStringLiteral("GB"));
    QCOMPARE(first.at(5), QStringLiteral("yes"));
    QCOMPARE(first.at(6), QStringLiteral("station-road"));
    QCOMPARE(first.mid(8),
        (QStringList { QStringLiteral("stop-persecution-uk"), QStringLiteral("1"), QStringLiteral("1") }));
}

// --since last: everything the first time, then nothing new (the header only, and said so), then only a batch that
// came in since; --since DAY, by the day it came into the hub.
void TestHubUploads::sinceGivesOnlyWhatIsNew()
{
    const QString where = m_hubs.newLocation(QStringLiteral("sqlite"));
    auto db = HubDatabase::open(where);
    QVERIFY(db);
    QVERIFY(fill(**db));
    for (const QString& command : { QStringLiteral("contacts"), QStringLiteral("signatures") }) {
        const QString file = outFile(command + QStringLiteral("-since.csv"));
        const QStringList args { command, QStringLiteral("--since"), QStringLiteral("last"), QStringLiteral("--out"),
            file };
        HubRun r = runHub(where, args);
        QVERIFY2(r.code == 0 && r.out.contains(QLatin1String("no %1 export was made before").arg(command)),
            qPrintable(r.err + r.out));
        QVERIFY(pythonCsv(file).size() > 1);
        r = runHub(where, args);
        QVERIFY2(r.code == 0 && r.out.contains(QLatin1String("has the header only")), qPrintable(r.err + r.out));
        QCOMPARE(pythonCsv(file).size(), 1);
    }
    SealedKiosk late;
    QVERIFY(late.open());
    QVERIFY(signAndExport(late, QStringLiteral("late-stall"),
        { { QStringLiteral("Late Signer"), QStringLiteral("late@example.org"), true,
            QStringLiteral("2026-02-27T10:00:00Z") } }));
    QVERIFY(importInto(**db, late.stick));
    // As if its import had begun before the last export and committed after it: its time says it is old, yet no export
    // took it.
    QVERIFY(db->get()->query().exec(
        QStringLiteral("UPDATE batches SET imported_at = '2026-01-01T00:00:00.000Z' WHERE stall_id = 'late-stall'")));
    for (const QString& command : { QStringLiteral("contacts"), QStringLiteral("signatures") }) {
        const QString file = outFile(command + QStringLiteral("-late.csv"));
        const HubRun r = runHub(
            where, { command, QStringLiteral("--since"), QStringLiteral("last"), QStringLiteral("--out"), file });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QList<QStringList> rows = pythonCsv(file);
        QCOMPARE(rows.size(), 2);
        QVERIFY2(rows.at(1).contains(QStringLiteral("late@example.org"))
                || rows.at(1).contains(QStringLiteral("Late Signer")),
            qPrintable(rows.at(1).join(QLatin1Char('|'))));
    }
    // By day: everything came in today (but the late batch, by its time), so since tomorrow nothing, since yesterday
    // all but that one.
    const QString tomorrow = QDate::currentDate().addDays(2).toString(Qt::ISODate);
    const QString yesterday = QDate::currentDate().addDays(-2).toString(Qt::ISODate);
    const QString file = outFile(QStringLiteral("by-day.csv"));
    HubRun r = runHub(
        where, { QStringLiteral("contacts"), QStringLiteral("--since"), tomorrow, QStringLiteral("--out"), file });
    QVERIFY2(r.code == 0 && r.out.contains(QLatin1String("has the header only")), qPrintable(r.err + r.out));
    r = runHub(
        where, { QStringLiteral("contacts"), QStringLiteral("--since"), yesterday, QStringLiteral("--out"), file });
    QVERIFY2(r.code == 0 && r.out.contains(QLatin1String("5 contacts")), qPrintable(r.err + r.out));
    // Bad options change nothing.
    for (const QStringList& args : QList<QStringList> { { QStringLiteral("contacts"), QStringLiteral("--format"),
                                                            QStringLiteral("xls"), QStringLiteral("--out"), file },
             { QStringLiteral("signatures"), QStringLiteral("--format"), QStringLiteral("generic"),
                 QStringLiteral("--out"), file },
             { QStringLiteral("contacts"), QStringLiteral("--since"), QStringLiteral("Monday"), QStringLiteral("--out"),
                 file },
             { QStringLiteral("contacts") },
             { QStringLiteral("totals"), QStringLiteral("--since"), QStringLiteral("last") } }) {
        r = runHub(where, args);
        QVERIFY2(r.code == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
    }
}

// A sealed hub's emails open only with the coordinator's key.
void TestHubUploads::aSealedHubNeedsTheKey()
{
    QTemporaryDir keyDir;
    const QString passphrase = QStringLiteral("a long coordinator passphrase");
    QVERIFY(CoordinatorKey::writePair(keyDir.path(), passphrase));
    Result<Sealing::KeyPair> read
        = CoordinatorKey::readSecret(keyDir.filePath(QStringLiteral("coordinator.key")), passphrase);
    QVERIFY(read);
    const auto keys = std::make_shared<const Sealing::KeyPair>(std::move(*read));
    const QString where = m_hubs.newLocation(QStringLiteral("sqlite"));
    {
        auto db = HubDatabase::open(where, HubDatabase::Store::Sealed);
        QVERIFY(db);
        SealedKiosk k;
        QVERIFY(k.open(keys->publicKey));
        QVERIFY(signAndExport(k, QStringLiteral("market-square"),
            { { QStringLiteral("Sealed Signer"), QStringLiteral("sealed@example.org"), true,
                QStringLiteral("2026-03-01T10:00:00Z") } }));
        QVERIFY(importInto(**db, k.stick, keys));
    }
    const QString file = outFile(QStringLiteral("sealed.csv"));
    HubRun r = runHub(where, { QStringLiteral("contacts"), QStringLiteral("--out"), file });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("needs --key coordinator.key")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(file));
    r = runHub(where,
        { QStringLiteral("contacts"), QStringLiteral("--out"), file, QStringLiteral("--key"),
            keyDir.filePath(QStringLiteral("coordinator.key")), QStringLiteral("--passphrase-stdin") },
        passphrase + QLatin1Char('\n'));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(pythonCsv(file).value(1),
        (QStringList { QStringLiteral("sealed@example.org"), QStringLiteral("Sealed"), QStringLiteral("Signer"),
            QStringLiteral("market-square") }));
}

QTEST_MAIN(TestHubUploads)
#include "tst_hubuploads.moc"
