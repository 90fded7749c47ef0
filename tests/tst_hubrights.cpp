// The signers' rights at the hub, on SQLite and on a throwaway PostgreSQL server: erasure on request (found by the
// kiosk's duplicate rules, a tombstone left, nothing brought back by a second import or a batch exported again),
// retention (a purge before a day keeps every count, leaves no personal field behind in the database's files, and
// writes a receipt that verifies), and the audit log of both, which holds no signer's details.

#include "cli/admincommands.h"
#include "core/backup.h"
#include "core/batchexporter.h"
#include "core/coordinatorkey.h"
#include "core/importconfirmation.h"
#include "core/kiosksettings.h"
#include "core/platform.h"
#include "hub/hubdatabase.h"
#include "hub/hubduplicates.h"
#include "hub/hubimporter.h"
#include "hub/hubrights.h"
#include "hub/hubtotals.h"
#include "hubtesting.h"
#include "sealedkiosk.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace kiosk;
using namespace kiosk::hub;
using test::HubRun;
using test::runHub;
using test::SealedKiosk;

namespace {

const QString kPassphrase = QStringLiteral("the coordinator's long passphrase");

bool sign(SealedKiosk& k, const QString& name, const QString& at, const QString& email = {},
    const QString& stall = QStringLiteral("market-square"))
{
    Signature s = test::sampleSignature(name, QStringLiteral("SW1A 1AA"), email);
    s.stallId = stall;
    s.signedAt = QDateTime::fromString(at, Qt::ISODate);
    return k.store.signatures().save(s).status == SaveResult::Status::Stored;
}

bool exportTo(SealedKiosk& k, const QString& stall = QStringLiteral("market-square"))
{
    return BatchExporter(k.store, QStringLiteral("test")).exportNew(k.stick, stall).status
        == BatchExporter::Outcome::Status::Exported;
}

QList<ImportReport> importInto(HubDatabase& db, const QString& stick)
{
    HubImporter importer(db, test::coordinatorKeys());
    return importer.importPaths({ stick });
}

QJsonObject totalsOf(HubDatabase& db)
{
    const Result<HubTotals> totals = HubTotals::compute(db, {});
    return totals ? totals->toJson() : QJsonObject();
}

// petition-kiosk-admin's command line, in this process.
HubRun runAdmin(const QStringList& args)
{
    QString in, out, err;
    QTextStream inStream(&in), outStream(&out), errStream(&err);
    const int code = runAdminCommand(
        QStringList { QStringLiteral("petition-kiosk-admin") } + args, inStream, outStream, errStream);
    return { code, out, err };
}

// Every byte of every file under `folder`.
QByteArray everyByte(const QString& folder)
{
    QByteArray all;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += test::readFile(it.next());
    return all;
}

qint64 count(QSqlDatabase db, const QString& sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}
qint64 count(HubDatabase& db, const QString& sql)
{
    return count(db.database(), sql);
}
qint64 count(SignatureStore& store, const QString& sql)
{
    return count(store.database(), sql);
}

} // namespace

class TestHubRights : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase() { m_hubs.stop(); }
    void anErasedSignerStaysErased_data() { test::HubBackends::rows(); }
    void anErasedSignerStaysErased();
    void eraseFindsByEmailAndAsksFirst();
    void aSealedHubErasesWithTheKey();
    void aPurgeKeepsTheCountsAndWritesAReceipt_data() { test::HubBackends::rows(); }
    void aPurgeKeepsTheCountsAndWritesAReceipt();
    void badRequestsChangeNothing();
    void aKioskForgetsABatchOnlyWithTheHubsConfirmation_data() { test::HubBackends::rows(); }
    void aKioskForgetsABatchOnlyWithTheHubsConfirmation();

private:
    // Every byte the database keeps its data in: the SQLite file and its logs, or this database's own folder on the
    // server (its tables and indexes, after a checkpoint; not the server's write-ahead log, see coordinators.md).
    QByteArray databaseBytes(HubDatabase& db);
    QString keyFile() const { return m_keys.filePath(QStringLiteral("coordinator.key")); }

    test::HubBackends m_hubs;
    QTemporaryDir m_keys;
    QTemporaryDir m_out;
};

void TestHubRights::initTestCase()
{
    m_hubs.start();
    QVERIFY(CoordinatorKey::writePair(m_keys.path(), kPassphrase));
}

QByteArray TestHubRights::databaseBytes(HubDatabase& db)
{
    QByteArray all;
    if (db.backend() == HubDatabase::Backend::SQLite) {
        const QString file = db.location();
        for (const QString& path : { file, file + QStringLiteral("-wal"), file + QStringLiteral("-journal") })
            all += test::readFile(path);
        return all;
    }
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral("SELECT oid FROM pg_database WHERE datname = current_database()")) || !q.next())
        return {};
    const QString folder = m_hubs.pg.dataFolder() + QStringLiteral("/base/") + q.value(0).toString();
    if (!m_hubs.pg.checkpoint())
        return {};
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += test::readFile(it.next());
    return all;
}

// A signer who signed at two stalls asks to be erased: both signatures are found by name and postcode (as the
// duplicate rules fold them), erased, and stay erased through the same batch imported again and through the kiosk
// exporting the same rows again in a new batch. The audit log says who erased how many, with no name.
void TestHubRights::anErasedSignerStaysErased()
{
    QString where;
    auto db = m_hubs.open(&where);
    QVERIFY(db);
    SealedKiosk market, station;
    QVERIFY(market.open() && station.open());
    QVERIFY(sign(market, QStringLiteral("Quill Markerton"), QStringLiteral("2026-03-02T10:00:00Z")));
    QVERIFY(sign(market, QStringLiteral("Ann Example"), QStringLiteral("2026-03-02T10:05:00Z")));
    QVERIFY(sign(market, QStringLiteral("Bob Example"), QStringLiteral("2026-03-02T10:10:00Z")));
    QVERIFY(sign(station, QStringLiteral("quill  markerton"), QStringLiteral("2026-03-03T09:00:00Z"), {},
        QStringLiteral("station-road")));
    QVERIFY(exportTo(market));
    QVERIFY(exportTo(station, QStringLiteral("station-road")));
    for (const QString& stick : { market.stick, station.stick })
        QCOMPARE(importInto(*db, stick).value(0).outcome, ImportReport::Outcome::Imported);
    QVERIFY(HubDuplicates::mark(*db));
    QCOMPARE(totalsOf(*db).value(QStringLiteral("signatures")).toInteger(), 3);
    QVERIFY(databaseBytes(*db).contains("Markerton")); // the search below can find what it looks for

    const HubRun r = runHub(where,
        { QStringLiteral("erase"), QStringLiteral("--name"), QStringLiteral("QUILL MARKERTON"),
            QStringLiteral("--postcode"), QStringLiteral("sw1a1aa") },
        QStringLiteral("yes\n"));
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(QLatin1String("2 signatures match")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("market-square  2026-03-02"))
            && r.out.contains(QLatin1String("station-road  2026-03-03")),
        qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("2 erased")), qPrintable(r.out));
    QVERIFY(!r.out.contains(QLatin1String("Markerton"), Qt::CaseInsensitive));

    const auto checkErased = [&] {
        const QJsonObject totals = totalsOf(*db);
        QCOMPARE(totals.value(QStringLiteral("signatures")).toInteger(), 2);
        QCOMPARE(totals.value(QStringLiteral("erased_on_request")).toInteger(), 2);
        QCOMPARE(totals.value(QStringLiteral("duplicates_left_out")).toInteger(), 0);
        QCOMPARE(count(*db,
                     QStringLiteral("SELECT count(*) FROM signatures WHERE removed = 'erased on request' AND full_name "
                                    "= '' AND postcode = '' AND email = '' AND signature_svg IS NULL AND "
                                    "name_postcode_key = '' AND content_sha256 = 'removed' AND stall_id <> ''")),
            2);
        QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM signatures")), 4);
        QVERIFY(!databaseBytes(*db).contains("Markerton"));
        QVERIFY(!databaseBytes(*db).contains("quill markerton"));
        QVERIFY(databaseBytes(*db).contains("Ann Example"));
    };
    checkErased();

    // The same stick again, and the batch written again for a lost stick (export --batch): skipped, as imported before.
    for (const QString& stick : { market.stick, station.stick })
        QCOMPARE(importInto(*db, stick).value(0).outcome, ImportReport::Outcome::AlreadyImported);
    const QString lostStick = market.dir.filePath(QStringLiteral("lost-stick"));
    {
        const Result<QList<BatchRecord>> written = market.store.ledger().all();
        QVERIFY(written && written->size() == 1);
        QCOMPARE(BatchExporter(market.store, QStringLiteral("test")).reexport(written->first().id, lostStick).status,
            BatchExporter::Outcome::Status::Exported);
    }
    QCOMPARE(importInto(*db, lostStick).value(0).outcome, ImportReport::Outcome::AlreadyImported);
    // The same rows exported again as a new batch (the ledger's batch undone, as a pulled stick does): the tombstone
    // stays, and the import counts it.
    const Result<QList<BatchRecord>> batches = market.store.ledger().all();
    QVERIFY(batches && batches->size() == 1);
    QVERIFY(market.store.ledger().unmark(batches->first().id));
    market.stick = market.dir.filePath(QStringLiteral("second-stick"));
    QVERIFY(exportTo(market));
    const QList<ImportReport> again = importInto(*db, market.stick);
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.first().outcome, ImportReport::Outcome::Imported);
    QCOMPARE(again.first().rowsRemoved, 1);
    QCOMPARE(again.first().rowsKnown, 2);
    QCOMPARE(again.first().rowsNew, 0);
    QVERIFY(HubDuplicates::mark(*db));
    checkErased();

    QSqlQuery q = db->query();
    QVERIFY(q.exec(QStringLiteral("SELECT by_whom, detail FROM hub_audit WHERE action = 'erase'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), platform::userName());
    QVERIFY2(q.value(1).toString().startsWith(QLatin1String("2 signatures erased on request: ")),
        qPrintable(q.value(1).toString()));
    QVERIFY(!q.value(1).toString().contains(QLatin1String("arkerton")));
    QVERIFY(!q.next());
    const HubRun status = runHub(where, { QStringLiteral("status"), QStringLiteral("--json") });
    const QJsonObject json = QJsonDocument::fromJson(status.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("erased_on_request")).toInteger(), 2);
    QCOMPARE(json.value(QStringLiteral("purged")).toInteger(), 0);
    QCOMPARE(json.value(QStringLiteral("holding_personal_details")).toInteger(), 2);
    QCOMPARE(json.value(QStringLiteral("oldest_holding_personal_details")).toString().left(10),
        QStringLiteral("2026-03-02"));
}

// By email alone every signature with it is found; without "yes" nothing is erased; --dry-run only lists.
void TestHubRights::eraseFindsByEmailAndAsksFirst()
{
    const QString where = m_hubs.newLocation(QStringLiteral("sqlite"));
    auto db = HubDatabase::open(where);
    QVERIFY(db);
    SealedKiosk k;
    QVERIFY(k.open());
    QVERIFY(sign(k, QStringLiteral("Mail Signer"), QStringLiteral("2026-03-02T10:00:00Z"),
        QStringLiteral("Mail.Signer@Example.org")));
    QVERIFY(sign(k, QStringLiteral("Other Person"), QStringLiteral("2026-03-02T10:01:00Z"),
        QStringLiteral("other@example.org")));
    QVERIFY(exportTo(k));
    QCOMPARE(importInto(**db, k.stick).value(0).outcome, ImportReport::Outcome::Imported);
    const QStringList byEmail { QStringLiteral("erase"), QStringLiteral("--email"),
        QStringLiteral("mail.signer@EXAMPLE.ORG") };
    HubRun r = runHub(where, byEmail + QStringList { QStringLiteral("--dry-run") });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QLatin1String("1 signature matches")) && r.out.contains(QLatin1String("Dry run")),
        qPrintable(r.out));
    r = runHub(where, byEmail, QStringLiteral("no\n"));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(QLatin1String("Nothing was erased")), qPrintable(r.out));
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM signatures WHERE removed <> ''")), 0);
    r = runHub(where, byEmail + QStringList { QStringLiteral("--yes") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM signatures WHERE removed = 'erased on request'")), 1);
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM signatures WHERE email = 'other@example.org'")), 1);
    // Found again by id: listed as erased already, and nothing changes.
    QSqlQuery q = db->get()->query();
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM signatures WHERE removed <> ''")) && q.next());
    const QString erasedId = q.value(0).toString();
    q.finish(); // no read left open on this connection
    r = runHub(where, { QStringLiteral("erase"), QStringLiteral("--id"), erasedId, QStringLiteral("--yes") });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QLatin1String("erased on request already")), qPrintable(r.out));
    // Another petition-hub reading the file: the erasure is done, and the command says that the log keeps the old
    // copies until that program ends (after waiting for it, up to the busy timeout).
    {
        auto reader = HubDatabase::open(where);
        QVERIFY(reader);
        QSqlQuery held = reader->get()->query();
        QVERIFY(held.exec(QStringLiteral("BEGIN")));
        QVERIFY(held.exec(QStringLiteral("SELECT count(*) FROM signatures")) && held.next());
        r = runHub(where,
            { QStringLiteral("erase"), QStringLiteral("--email"), QStringLiteral("other@example.org"),
                QStringLiteral("--yes") });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QLatin1String("1 erased")), qPrintable(r.out));
        QVERIFY2(r.err.contains(QLatin1String("still holds old copies")), qPrintable(r.err));
        held.finish();
        QVERIFY(held.exec(QStringLiteral("COMMIT")));
    }
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM signatures WHERE removed = 'erased on request'")), 2);
    // Nothing matches: said so.
    r = runHub(where, { QStringLiteral("erase"), QStringLiteral("--email"), QStringLiteral("nobody@example.org") });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QLatin1String("No signature in the hub matches")), qPrintable(r.out));
}

// A sealed hub keeps keyed tags: erasing by details needs the coordinator's key, and finds with it.
void TestHubRights::aSealedHubErasesWithTheKey()
{
    const QString where = m_hubs.newLocation(QStringLiteral("sqlite"));
    auto db = HubDatabase::open(where, HubDatabase::Store::Sealed);
    QVERIFY(db);
    Result<Sealing::KeyPair> keys = CoordinatorKey::readSecret(keyFile(), kPassphrase);
    QVERIFY(keys);
    SealedKiosk k;
    QVERIFY(k.open(keys->publicKey));
    QVERIFY(sign(k, QStringLiteral("Sealed Signer"), QStringLiteral("2026-03-02T10:00:00Z")));
    QVERIFY(sign(k, QStringLiteral("Other Signer"), QStringLiteral("2026-03-02T10:01:00Z")));
    QVERIFY(exportTo(k));
    {
        HubImporter importer(**db, std::make_shared<const Sealing::KeyPair>(std::move(*keys)));
        QCOMPARE(importer.importPaths({ k.stick }).value(0).outcome, ImportReport::Outcome::Imported);
    }
    const QStringList erase { QStringLiteral("erase"), QStringLiteral("--name"), QStringLiteral("Sealed Signer"),
        QStringLiteral("--postcode"), QStringLiteral("SW1A 1AA"), QStringLiteral("--yes") };
    HubRun r = runHub(where, erase);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("needs --key coordinator.key")), qPrintable(r.err));
    r = runHub(where, erase + QStringList { QStringLiteral("--key"), keyFile(), QStringLiteral("--passphrase-stdin") },
        kPassphrase + QLatin1Char('\n'));
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("1 signature matches")), qPrintable(r.out));
    QCOMPARE(
        count(**db,
            QStringLiteral("SELECT count(*) FROM signatures WHERE removed = 'erased on request' AND sealed IS NULL "
                           "AND sealed_drawing IS NULL")),
        1);
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM signatures WHERE sealed IS NOT NULL")), 1);
}

// Signatures from January and February; a purge before 1 February takes January's personal fields and keeps every
// count, marking duplicates afresh included; the receipt names the hand-in made before, and verifies, and a changed
// copy does not.
void TestHubRights::aPurgeKeepsTheCountsAndWritesAReceipt()
{
    QString where;
    auto db = m_hubs.open(&where);
    QVERIFY(db);
    SealedKiosk market, station, park, pier, quay;
    QVERIFY(market.open() && station.open() && park.open() && pier.open() && quay.open());
    QVERIFY(sign(market, QStringLiteral("Purgable Oldname"), QStringLiteral("2026-01-10T10:00:00Z")));
    QVERIFY(sign(market, QStringLiteral("Dup Oldie"), QStringLiteral("2026-01-10T11:00:00Z")));
    QVERIFY(sign(station, QStringLiteral("dup oldie"), QStringLiteral("2026-01-12T11:00:00Z"), {},
        QStringLiteral("station-road")));
    // Signed again after the day purged before: duplicates of a purged signature, which must stay so, and must not
    // let a later one count.
    QVERIFY(sign(
        park, QStringLiteral("Dup Oldie"), QStringLiteral("2026-02-12T11:00:00Z"), {}, QStringLiteral("park-gate")));
    QVERIFY(
        sign(pier, QStringLiteral("dup oldie"), QStringLiteral("2026-02-20T11:00:00Z"), {}, QStringLiteral("pier")));
    QVERIFY(
        sign(quay, QStringLiteral("Dup Oldie"), QStringLiteral("2026-03-05T11:00:00Z"), {}, QStringLiteral("quay")));
    QVERIFY(sign(market, QStringLiteral("Keeper Newname"), QStringLiteral("2026-02-10T10:00:00Z")));
    QVERIFY(exportTo(market));
    QVERIFY(exportTo(station, QStringLiteral("station-road")));
    QVERIFY(exportTo(park, QStringLiteral("park-gate")));
    QVERIFY(exportTo(pier, QStringLiteral("pier")));
    QVERIFY(exportTo(quay, QStringLiteral("quay")));
    for (const QString& stick : { market.stick, station.stick, park.stick, pier.stick })
        QCOMPARE(importInto(*db, stick).value(0).outcome, ImportReport::Outcome::Imported);
    QVERIFY(HubDuplicates::mark(*db));
    const QJsonObject before = totalsOf(*db);
    QCOMPARE(before.value(QStringLiteral("signatures")).toInteger(), 3);
    QCOMPARE(before.value(QStringLiteral("duplicates_left_out")).toInteger(), 3);
    QVERIFY(databaseBytes(*db).contains("Oldname"));

    QTemporaryDir handIn;
    HubRun r = runHub(where, { QStringLiteral("hand-in"), QStringLiteral("--out"), handIn.path() });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString handInJson = QString::fromLatin1(QCryptographicHash::hash(
        test::readFile(handIn.filePath(QStringLiteral("hand-in.json"))), QCryptographicHash::Sha256)
                                                       .toHex());

    const QStringList purge { QStringLiteral("purge"), QStringLiteral("--before"), QStringLiteral("2026-02-01") };
    r = runHub(where, purge + QStringList { QStringLiteral("--dry-run") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("Would purge 3 signatures")), qPrintable(r.out));
    QCOMPARE(count(*db, QStringLiteral("SELECT count(*) FROM signatures WHERE removed <> ''")), 0);

    QTemporaryDir receipts;
    r = runHub(where, purge + QStringList { QStringLiteral("--out"), receipts.path() });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("Purged 3 signatures")), qPrintable(r.out));
    QCOMPARE(totalsOf(*db), before);
    QVERIFY(HubDuplicates::mark(*db));
    QCOMPARE(totalsOf(*db), before);
    // A batch that comes in after the purge: its signer is a duplicate still, of the earliest left.
    QCOMPARE(importInto(*db, quay.stick).value(0).outcome, ImportReport::Outcome::Imported);
    QVERIFY(HubDuplicates::mark(*db));
    QCOMPARE(totalsOf(*db).value(QStringLiteral("signatures")).toInteger(), 3);
    QCOMPARE(totalsOf(*db).value(QStringLiteral("duplicates_left_out")).toInteger(), 4);
    const QByteArray bytes = databaseBytes(*db);
    QVERIFY(!bytes.contains("Oldname"));
    QVERIFY(!bytes.contains("oldname"));
    QVERIFY(bytes.contains("Keeper Newname"));
    QCOMPARE(count(*db,
                 QStringLiteral("SELECT count(*) FROM signatures WHERE removed = 'purged' AND full_name = '' AND "
                                "stall_id <> '' AND country = 'GB' AND postcode_area <> ''")),
        3);

    const QStringList files = QDir(receipts.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 2);
    QVERIFY(files.first().startsWith(QLatin1String("purge-receipt-2026-02-01-")) && files.first().endsWith(".json"));
    QVERIFY(files.last().endsWith(QLatin1String(".pdf")));
    for (const QString& f : files)
        QCOMPARE(QFileInfo(receipts.filePath(f)).permissions() & (QFile::ReadGroup | QFile::ReadOther),
            QFile::Permissions());
    const QString receiptPath = receipts.filePath(files.first());
    const QJsonObject receipt = QJsonDocument::fromJson(test::readFile(receiptPath)).object();
    QCOMPARE(receipt.value(QStringLiteral("signatures_purged")).toInteger(), 3);
    QCOMPARE(receipt.value(QStringLiteral("first_signed_at")).toString().left(10), QStringLiteral("2026-01-10"));
    QCOMPARE(receipt.value(QStringLiteral("last_signed_at")).toString().left(10), QStringLiteral("2026-01-12"));
    QCOMPARE(receipt.value(QStringLiteral("batches")).toArray().size(), 2);
    QCOMPARE(receipt.value(QStringLiteral("receipt_sha256")).toString(), HubRights::receiptHash(receipt));
    const QJsonArray handIns = receipt.value(QStringLiteral("hand_in_lists_made_before")).toArray();
    QCOMPARE(handIns.size(), 1);
    QVERIFY(handIns.first()[QLatin1String("files")].toString().contains(handInJson));
    QProcess text;
    text.start(QStringLiteral("pdftotext"), { receipts.filePath(files.last()), QStringLiteral("-") });
    QVERIFY(text.waitForFinished(60000));
    const QString pdf = QString::fromUtf8(text.readAllStandardOutput());
    QVERIFY2(pdf.contains(QLatin1String("Purge receipt")) && pdf.contains(QLatin1String("3 signatures signed before"))
            && pdf.contains(receipt.value(QStringLiteral("receipt_sha256")).toString()),
        qPrintable(pdf.right(600)));

    r = runHub(where, { QStringLiteral("check-receipt"), receiptPath });
    QVERIFY2(r.code == 0 && r.out.contains(QLatin1String("verifies")), qPrintable(r.err + r.out));
    QJsonObject changed = receipt;
    changed.insert(QStringLiteral("signatures_purged"), 2);
    const QString forged = m_out.filePath(QStringLiteral("forged.json"));
    QVERIFY(test::writeFile(forged, QJsonDocument(changed).toJson()));
    r = runHub(where, { QStringLiteral("check-receipt"), forged });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("does NOT verify")), qPrintable(r.err));
    // Another hub has no such purge in its audit log.
    r = runHub(m_hubs.newLocation(QStringLiteral("sqlite")), { QStringLiteral("check-receipt"), receiptPath });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("has no purge with its SHA-256")), qPrintable(r.err));

    // The hand-in list is left alone, and the next hand-in lists only what is left.
    QVERIFY(QFileInfo::exists(handIn.filePath(QStringLiteral("supporters.pdf"))));
    QTemporaryDir second;
    r = runHub(where, { QStringLiteral("hand-in"), QStringLiteral("--out"), second.path() });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String(": 1 names")) && r.out.contains(QLatin1String("3 erased or purged")),
        qPrintable(r.out));
}

// Requests the rules cannot search for, and outputs that cannot be written, are refused before anything changes.
void TestHubRights::badRequestsChangeNothing()
{
    const QString where = m_hubs.newLocation(QStringLiteral("sqlite"));
    {
        auto db = HubDatabase::open(where);
        QVERIFY(db);
        SealedKiosk k;
        QVERIFY(k.open());
        QVERIFY(sign(k, QStringLiteral("Some Signer"), QStringLiteral("2026-01-10T10:00:00Z")));
        QVERIFY(exportTo(k));
        QCOMPARE(importInto(**db, k.stick).value(0).outcome, ImportReport::Outcome::Imported);
    }
    const QList<QStringList> usages {
        { QStringLiteral("erase"), QStringLiteral("--name"), QStringLiteral("Some Signer") },
        { QStringLiteral("erase"), QStringLiteral("--postcode"), QStringLiteral("SW1A 1AA") },
        { QStringLiteral("erase"), QStringLiteral("--email"), QStringLiteral("not an address") },
        { QStringLiteral("erase"), QStringLiteral("--email"), QStringLiteral("a@example.org"),
            QStringLiteral("--postcode"), QStringLiteral("SW1A 1AA") },
        { QStringLiteral("erase"), QStringLiteral("--id"), QStringLiteral("x"), QStringLiteral("--name"),
            QStringLiteral("Some Signer") },
        { QStringLiteral("purge"), QStringLiteral("--out"), m_out.path() },
        { QStringLiteral("purge"), QStringLiteral("--before"), QStringLiteral("1 February"), QStringLiteral("--out"),
            m_out.path() },
        { QStringLiteral("purge"), QStringLiteral("--before"), QStringLiteral("2026-02-01") },
        { QStringLiteral("purge"), QStringLiteral("--campaign-closed"), QStringLiteral("--before"),
            QStringLiteral("2026-02-01"), QStringLiteral("--out"), m_out.path() },
        { QStringLiteral("totals"), QStringLiteral("--before"), QStringLiteral("2026-02-01") },
        { QStringLiteral("status"), QStringLiteral("--name"), QStringLiteral("Some Signer") },
    };
    for (const QStringList& args : usages) {
        const HubRun r = runHub(where, args);
        QVERIFY2(r.code == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + r.err));
    }
    const HubRun r = runHub(where,
        { QStringLiteral("purge"), QStringLiteral("--campaign-closed"), QStringLiteral("--out"),
            m_out.filePath(QStringLiteral("missing")) });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(QLatin1String("Nothing was purged")), qPrintable(r.err));
    auto db = HubDatabase::open(where);
    QVERIFY(db);
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM signatures WHERE removed = '' AND full_name <> ''")), 1);
    QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM hub_audit")), 0);
}

// The hub confirms what it imported, in a file only the coordinator's key makes and only the kiosk it is for opens.
// forget-batch refuses a missing, forged, changed, misplaced or another kiosk's confirmation, changing nothing; with
// the right one, the batch's sealed details are gone from every byte of the data folder (database, log and backups)
// while the counts and the batch not yet confirmed stay.
void TestHubRights::aKioskForgetsABatchOnlyWithTheHubsConfirmation()
{
    Result<Sealing::KeyPair> read = CoordinatorKey::readSecret(keyFile(), kPassphrase);
    QVERIFY(read);
    const auto keys = std::make_shared<const Sealing::KeyPair>(std::move(*read));
    SealedKiosk k, other;
    QVERIFY(k.open(keys->publicKey) && other.open(keys->publicKey));
    for (const char* name : { "Forgettable Markername", "Second Markername", "Third Markername" })
        QVERIFY(sign(k, QString::fromLatin1(name), QStringLiteral("2026-03-02T10:00:00Z")));
    QVERIFY(exportTo(k));
    QVERIFY(sign(k, QStringLiteral("Later Signer"), QStringLiteral("2026-03-03T10:00:00Z")));
    QVERIFY(sign(other, QStringLiteral("Other Kiosk"), QStringLiteral("2026-03-03T10:00:00Z")));
    QVERIFY(exportTo(other));
    const Result<QList<BatchRecord>> batches = k.store.ledger().all();
    QVERIFY(batches && batches->size() == 1);
    const BatchRecord first = batches->first();
    // The second batch goes to another stick, and never to the hub.
    const QString secondStick = k.dir.filePath(QStringLiteral("second-stick"));
    QVERIFY(
        BatchExporter(k.store, QStringLiteral("test")).exportNew(secondStick, QStringLiteral("market-square")).status
        == BatchExporter::Outcome::Status::Exported);
    const Result<QList<BatchRecord>> both = k.store.ledger().all();
    QVERIFY(both && both->size() == 2);
    const QString secondId = both->last().id;
    // What the first batch's sealed details look like on disk, and the second's, which must stay.
    QByteArrayList firstSealed, secondSealed;
    QSqlQuery q(k.store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT seq, sealed, sealed_drawing FROM signatures ORDER BY seq")));
    while (q.next()) {
        QByteArrayList& list = q.value(0).toLongLong() <= first.lastRow ? firstSealed : secondSealed;
        for (int c : { 1, 2 }) {
            if (!q.value(c).toByteArray().isEmpty())
                list << q.value(c).toByteArray();
        }
    }
    q.finish();
    QVERIFY(firstSealed.size() >= 3 && !secondSealed.isEmpty());
    KioskSettings settings(k.data);
    QVERIFY(Backup::run(k.store, Backup::folderFor(settings, k.data), settings.stallId()));
    const qint64 rowsBefore = count(k.store, QStringLiteral("SELECT count(*) FROM signatures"));
    k.store.close();
    other.store.close();
    const auto holdsFirst = [&] {
        const QByteArray bytes = everyByte(k.data);
        return std::all_of(
            firstSealed.cbegin(), firstSealed.cend(), [&](const QByteArray& b) { return bytes.contains(b); });
    };
    const auto holdsNoneOfFirst = [&] {
        const QByteArray bytes = everyByte(k.data);
        return std::none_of(
            firstSealed.cbegin(), firstSealed.cend(), [&](const QByteArray& b) { return bytes.contains(b); });
    };
    QVERIFY(holdsFirst());

    QString where;
    {
        auto db = m_hubs.open(&where);
        QVERIFY(db);
        HubImporter importer(*db, keys);
        for (const QString& stick : { k.stick, other.stick })
            QCOMPARE(importer.importPaths({ stick }).value(0).outcome, ImportReport::Outcome::Imported);
    }
    QTemporaryDir confirmations;
    const HubRun made = runHub(where,
        { QStringLiteral("confirm"), QStringLiteral("--out"), confirmations.path(), QStringLiteral("--key"), keyFile(),
            QStringLiteral("--passphrase-stdin") },
        kPassphrase + QLatin1Char('\n'));
    QVERIFY2(made.code == 0 && made.out.startsWith(QLatin1String("2 confirmations written")),
        qPrintable(made.err + made.out));
    const QString valid = confirmations.filePath(QStringLiteral("%1.%2.confirmed.json").arg(first.id, first.deviceId));
    QVERIFY(QFileInfo::exists(valid));
    QCOMPARE(QFileInfo(valid).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QString othersId;
    for (const QString& name : QDir(confirmations.path()).entryList(QDir::Files)) {
        if (!name.contains(first.deviceId))
            othersId = name;
    }
    QVERIFY(!othersId.isEmpty());

    // A forgery: the same statement, boxed by a key that is not the coordinator's.
    const QString forged = m_out.filePath(QStringLiteral("forged.confirmed.json"));
    {
        ImportConfirmation c;
        c.deviceId = first.deviceId;
        c.batchId = first.id;
        c.manifestSha256 = first.manifestSha256;
        c.rows = first.rowCount;
        c.coordinatorKey = Sealing::fingerprint(keys->publicKey);
        const Result<DeviceKey> device = DeviceKey::load(k.data);
        QVERIFY(device);
        QVERIFY(test::writeFile(forged, c.toFile(device->publicKey(), Sealing::newKeyPair())));
    }
    // The right box, with its readable statement changed.
    const QString changed = m_out.filePath(QStringLiteral("changed.confirmed.json"));
    {
        QJsonObject file = QJsonDocument::fromJson(test::readFile(valid)).object();
        QJsonObject statement = file.value(QStringLiteral("statement")).toObject();
        statement.insert(QStringLiteral("rows"), 99);
        file.insert(QStringLiteral("statement"), statement);
        QVERIFY(test::writeFile(changed, QJsonDocument(file).toJson()));
    }
    const QString dataDir = QStringLiteral("--data-dir=") + k.data;
    const QList<std::tuple<QString, QString, QString>> refused {
        { first.id, m_out.filePath(QStringLiteral("missing.json")), QStringLiteral("cannot be read") },
        { first.id, forged, QStringLiteral("does not open on this kiosk") },
        { first.id, changed, QStringLiteral("was changed") },
        { first.id, confirmations.filePath(othersId), QStringLiteral("does not open on this kiosk") },
        { secondId, valid, QStringLiteral("it confirms batch") },
    };
    for (const auto& [id, file, why] : refused) {
        const HubRun r
            = runAdmin({ dataDir, QStringLiteral("forget-batch"), id, QStringLiteral("--confirmation"), file });
        QVERIFY2(
            r.code == 1 && r.err.contains(why), qPrintable(QFileInfo(file).fileName() + QStringLiteral(": ") + r.err));
        QVERIFY(holdsFirst());
    }

    const HubRun r
        = runAdmin({ dataDir, QStringLiteral("forget-batch"), first.id, QStringLiteral("--confirmation"), valid });
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(QLatin1String("forgotten")), qPrintable(r.out));
    QVERIFY(holdsNoneOfFirst());
    const QByteArray after = everyByte(k.data);
    for (const QByteArray& b : std::as_const(secondSealed))
        QVERIFY(after.contains(b));
    QVERIFY(!after.contains("Markername"));
    QVERIFY(k.store.open(k.data));
    QCOMPARE(count(k.store, QStringLiteral("SELECT count(*) FROM signatures")), rowsBefore);
    QCOMPARE(count(k.store,
                 QStringLiteral("SELECT count(*) FROM signatures WHERE sealed IS NULL AND country = 'GB' AND "
                                "signed_at <> ''")),
        first.rowCount);
    QVERIFY(k.store.integrityCheck());
    const Result<QList<AuditEntry>> audit = k.store.audit().newest(5);
    QVERIFY(audit);
    QVERIFY(std::any_of(audit->cbegin(), audit->cend(),
        [](const AuditEntry& e) { return e.action == QLatin1String("batch forgotten"); }));
    k.store.close();

    // Again: already done. Written again for a lost stick: refused, as the details are gone.
    HubRun again
        = runAdmin({ dataDir, QStringLiteral("forget-batch"), first.id, QStringLiteral("--confirmation"), valid });
    QVERIFY2(again.code == 0 && again.out.contains(QLatin1String("forgotten already")), qPrintable(again.err));
    again = runAdmin({ dataDir, QStringLiteral("export"), QStringLiteral("--batch"), first.id, QStringLiteral("--out"),
        m_out.filePath(QStringLiteral("lost-stick")) });
    QVERIFY2(again.code == 1 && again.err.contains(QLatin1String("was forgotten")), qPrintable(again.err));
}

QTEST_MAIN(TestHubRights)
#include "tst_hubrights.moc"
