// petition-hub: importing sealed, signed batches into SQLite and into a real PostgreSQL server (pgserver.h), with the
// same tests on both: once and only once, the device pinned to its key, chain findings flagged, every bad batch
// refused with its reason and nothing changed, the rest of the stick still imported.

#include "core/batchverifier.h"
#include "core/coordinatorkey.h"
#include "core/devicekey.h"
#include "core/personaldatacodec.h"
#include "hub/hubcommands.h"
#include "hub/hubdatabase.h"
#include "hub/hubduplicates.h"
#include "hub/hubimporter.h"
#include "hub/hubrowwriter.h"
#include "hub/hubtotals.h"
#include "hubtesting.h"
#include "sealedkiosk.h"
#include "testsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QTimeZone>
#include <QtTest>

using namespace kiosk;
using namespace kiosk::hub;
using test::HubRun;
using test::runHub;
using test::SealedKiosk;

namespace {

qint64 count(HubDatabase& db, const QString& table)
{
    QSqlQuery q = db.query();
    return q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) && q.next() ? q.value(0).toLongLong() : -1;
}

bool setInManifest(const QString& batch, const QString& key, const QJsonValue& value)
{
    QJsonObject m = QJsonDocument::fromJson(test::readFile(batch + QStringLiteral("/manifest.json"))).object();
    m.insert(key, value);
    return test::writeFile(batch + QStringLiteral("/manifest.json"), QJsonDocument(m).toJson());
}

} // namespace

class TestHub : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void totalsCountLondonDaysAndLeaveDuplicatesOut_data() { backends(); }
    void totalsCountLondonDaysAndLeaveDuplicatesOut();
    void londonDaysWithoutTimeZoneData();
    void schemaOneMigratesWithItsMarks_data() { backends(); }
    void schemaOneMigratesWithItsMarks();
    void theRowWriterStoresEveryByteAsGiven_data() { backends(); }
    void theRowWriterStoresEveryByteAsGiven();
    void importsOnceAndSkipsAgain_data() { backends(); }
    void importsOnceAndSkipsAgain();
    void badBatchesAreRefusedAndTheRestImported_data() { backends(); }
    void badBatchesAreRefusedAndTheRestImported();
    void textNoDatabaseCanStoreRefusesTheBatch_data() { backends(); }
    void textNoDatabaseCanStoreRefusesTheBatch();
    void rowsThatDoNotVerifyAreRolledBack_data() { backends(); }
    void rowsThatDoNotVerifyAreRolledBack();
    void aDeviceIsPinnedToItsKey_data() { backends(); }
    void aDeviceIsPinnedToItsKey();
    void chainFindingsAreFlagged_data() { backends(); }
    void chainFindingsAreFlagged();
    void theSameIdWithOtherContentIsRefused_data() { backends(); }
    void theSameIdWithOtherContentIsRefused();
    void duplicatesAcrossStallsAreMarkedNotDeleted_data() { backends(); }
    void duplicatesAcrossStallsAreMarkedNotDeleted();
    void aSealedHubHoldsNoNameAndStillFindsDuplicates_data() { backends(); }
    void aSealedHubHoldsNoNameAndStillFindsDuplicates();
    void theCommandLineImportsAndReports();
    void killedImportsLeaveWholeBatchesOrNone_data() { backends(); }
    void killedImportsLeaveWholeBatchesOrNone();
    void twoImportsAtOnceStoreEachSignatureOnce();

private:
    void backends();
    std::unique_ptr<HubDatabase> openHub(
        QString* where = nullptr, std::optional<HubDatabase::Store> store = std::nullopt)
    {
        return m_hubs.open(where, store);
    }

    test::HubBackends m_hubs;
    test::PgServer& m_pg = m_hubs.pg;
    QString& m_pgProblem = m_hubs.problem;
    QTemporaryDir& m_dir = m_hubs.dir;
};

void TestHub::initTestCase()
{
    m_hubs.start();
}

void TestHub::cleanupTestCase()
{
    m_hubs.stop();
}

void TestHub::backends()
{
    test::HubBackends::rows();
}

// Totals by London day (summer and winter), duplicates left out, and a range of days, through the command line.
void TestHub::totalsCountLondonDaysAndLeaveDuplicatesOut()
{
    QString where;
    const auto db = openHub(&where);
    QVERIFY(db);
    const auto run = [&](const QStringList& args) {
        const HubRun r = runHub(where, args);
        return std::make_pair(r.code, r.out + r.err);
    };
    QCOMPARE(run({ QStringLiteral("totals") }).second.trimmed(),
        QStringLiteral("No signatures in the hub yet (petition-hub import brings them in)."));
    SealedKiosk market, station;
    QVERIFY(market.open());
    QVERIFY(station.open());
    const auto sign = [](SealedKiosk& k, const QString& name, const QString& postcode, const QString& at) {
        Signature s = test::sampleSignature(name, postcode, {});
        s.signedAt = QDateTime::fromString(at, Qt::ISODate);
        return k.store.signatures().save(s).status == SaveResult::Status::Stored;
    };
    QVERIFY(sign(
        market, QStringLiteral("Ann Example"), QStringLiteral("SW1A 1AA"), QStringLiteral("2026-06-30T23:30:00Z")));
    QVERIFY(
        sign(market, QStringLiteral("Bea Example"), QStringLiteral("E1 6AN"), QStringLiteral("2026-07-01T10:00:00Z")));
    QVERIFY(
        sign(market, QStringLiteral("Cy Example"), QStringLiteral("M1 1AE"), QStringLiteral("2026-11-20T23:30:00Z")));
    QVERIFY(sign(
        station, QStringLiteral("ann example"), QStringLiteral("SW1A 1AA"), QStringLiteral("2026-11-21T09:00:00Z")));
    QVERIFY(
        sign(station, QStringLiteral("Dee Example"), QStringLiteral("G1 1AA"), QStringLiteral("2026-11-21T12:00:00Z")));
    for (SealedKiosk* k : { &market, &station })
        QCOMPARE(BatchExporter(k->store, QStringLiteral("test")).exportNew(k->stick, QStringLiteral("stall")).status,
            BatchExporter::Outcome::Status::Exported);
    HubImporter importer(*db, test::coordinatorKeys());
    for (const QString& stick : { market.stick, station.stick })
        for (const ImportReport& r : importer.importPaths({ stick }))
            QVERIFY2(r.outcome == ImportReport::Outcome::Imported, qPrintable(r.reason));
    QVERIFY(HubDuplicates::mark(*db));

    const Result<HubTotals> all = HubTotals::compute(*db);
    QVERIFY2(all, qPrintable(all.errorString()));
    QCOMPARE(all->signatures, 4);
    QCOMPARE(all->duplicatesLeftOut, 1);
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time); 23:30 UTC on 20 November is still the 20th.
    const HubTotals::Counts days { { QStringLiteral("2026-07-01"), 2 }, { QStringLiteral("2026-11-20"), 1 },
        { QStringLiteral("2026-11-21"), 1 } };
    QCOMPARE(all->byDay, days);
    qint64 byStall = 0, byArea = 0;
    for (const auto& [name, count] : all->byStall)
        byStall += count;
    for (const auto& [name, count] : all->byPostcodeArea)
        byArea += count;
    QCOMPARE(byStall, 4);
    QCOMPARE(byArea, 4);
    QCOMPARE(all->byPostcodeArea.size(), 4); // SW, E, M, G

    // One London day: the 20th holds Cy only, and no duplicate.
    auto [code, text] = run({ QStringLiteral("totals"), QStringLiteral("--json"), QStringLiteral("--from"),
        QStringLiteral("2026-11-20"), QStringLiteral("--to"), QStringLiteral("2026-11-20") });
    QCOMPARE(code, 0);
    const QJsonObject json = QJsonDocument::fromJson(text.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("signatures")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("duplicates_left_out")).toInt(), 0);
    QCOMPARE(json.value(QStringLiteral("time_zone")).toString(), QStringLiteral("Europe/London"));
    QCOMPARE(json.value(QStringLiteral("by_day")).toArray().at(0).toObject().value(QStringLiteral("day")).toString(),
        QStringLiteral("2026-11-20"));
    std::tie(code, text) = run({ QStringLiteral("totals"), QStringLiteral("--from"), QStringLiteral("2026-11-21") });
    QVERIFY2(text.startsWith(QLatin1String("Signatures from 2026-11-21 to the last: 1 (1 duplicates left out")),
        qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("\nday         signatures   share\n2026-11-21           1  100.0%\n")),
        qPrintable(text));
    std::tie(code, text) = run({ QStringLiteral("totals"), QStringLiteral("--from"), QStringLiteral("2027-01-01") });
    QCOMPARE(text.trimmed(), QStringLiteral("No signatures from 2027-01-01 to the last (London days)."));
    std::tie(code, text) = run({ QStringLiteral("totals"), QStringLiteral("--from"), QStringLiteral("21/11/2026") });
    QCOMPARE(code, 2);
}

// Without the system's time zone data the hub counts days by the British Summer Time rule: the same days, every hour
// of three years, both changes included.
void TestHub::londonDaysWithoutTimeZoneData()
{
    const QTimeZone london(QByteArrayLiteral("Europe/London"));
    if (!london.isValid())
        QSKIP("no time zone data here to compare the rule with");
    for (QDateTime t(QDate(2025, 1, 1), QTime(0, 30), Qt::UTC); t.date().year() < 2028; t = t.addSecs(3600))
        QCOMPARE(HubTotals::londonDayByRule(t), t.toTimeZone(london).date());
}

// A hub made by the first petition-hub (duplicate marks in the signatures table) is brought to the current schema with
// its marks, and imports as any other.
void TestHub::schemaOneMigratesWithItsMarks()
{
    QFETCH(QString, backend);
    const QString where = m_hubs.newLocation(backend);
    QVERIFY2(!where.isEmpty(), qPrintable(m_pgProblem));
    {
        Result<std::unique_ptr<HubDatabase>> old = HubDatabase::openAtSchema(where, 1);
        QVERIFY2(old, qPrintable(old.errorString()));
        QCOMPARE((*old)->schemaVersion(), 1);
        QSqlQuery q = (*old)->query();
        for (const QString& id : { QStringLiteral("a"), QStringLiteral("b") }) {
            QVERIFY2(
                q.exec(QStringLiteral("INSERT INTO signatures (id, batch, device_id, stall_id, signed_at, petition_id, "
                                      "petition_version, consent_version, country, postcode_area, "
                                      "uk_citizen_or_resident, contact_opt_in, language, full_name, postcode, email, "
                                      "content_sha256, name_postcode_key, email_name_key, email_key, duplicate_of) "
                                      "VALUES ('%1', 'x', 'd', 's', '2026-11-2%2T10:00:00Z', 'p', 1, 1, 'GB', 'SW1A', "
                                      "1, 0, 'en', 'Ann', 'SW1A 1AA', '', 'h%1', 'ann\nSW1A 1AA', '', '', %3)")
                           .arg(id, id == QLatin1String("a") ? QStringLiteral("0") : QStringLiteral("1"),
                               id == QLatin1String("a") ? QStringLiteral("NULL") : QStringLiteral("'a'"))),
                qPrintable(q.lastError().text()));
        }
    }
    Result<std::unique_ptr<HubDatabase>> db = HubDatabase::open(where);
    QVERIFY2(db, qPrintable(db.errorString()));
    QCOMPARE((*db)->schemaVersion(), HubDatabase::Latest);
    QSqlQuery q = (*db)->query();
    QVERIFY(q.exec(QStringLiteral("SELECT id, duplicate_of FROM duplicates")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("b"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("a"));
    QVERIFY(!q.exec(QStringLiteral("SELECT duplicate_of FROM signatures"))); // the column is gone
    // The rules run again over the migrated rows, and a batch comes in as usual.
    const Result<HubDuplicates::Outcome> marked = HubDuplicates::mark(**db);
    QVERIFY2(marked, qPrintable(marked.errorString()));
    QCOMPARE(marked->byNameAndPostcode, 1);
    SealedKiosk k;
    QVERIFY(k.open());
    QCOMPARE(k.signAndExport(2).rows, 2);
    HubImporter importer(**db, test::coordinatorKeys());
    for (const ImportReport& r : importer.importPaths({ k.stick }))
        QVERIFY2(r.outcome == ImportReport::Outcome::Imported, qPrintable(r.reason));
    QCOMPARE(count(**db, QStringLiteral("signatures")), 4);
}

// The rows go past Qt's binding (libpq's COPY, SQLite's C API): every character COPY's text format escapes, quotes
// in an id, every byte value in a drawing, and an empty byte column (NULL) come back as they went in.
void TestHub::theRowWriterStoresEveryByteAsGiven()
{
    const auto db = openHub();
    QVERIFY(db);
    Result<std::unique_ptr<HubRowWriter>> writer = HubRowWriter::forDatabase(*db);
    QVERIFY2(writer, qPrintable(writer.errorString()));
    QByteArray everyByte;
    for (int b = 0; b < 256; ++b)
        everyByte += char(b);
    const auto row = [&](const QByteArray& id, const QByteArray& name, const QByteArray& hash) {
        QByteArrayList r(HubRowWriter::ColumnCount, QByteArray("x"));
        r[HubRowWriter::Id] = id;
        r[HubRowWriter::PetitionVersion] = "3";
        r[HubRowWriter::ConsentVersion] = "2";
        r[HubRowWriter::Resident] = "1";
        r[HubRowWriter::OptIn] = "0";
        r[HubRowWriter::FullName] = name;
        r[HubRowWriter::Email] = "";
        r[HubRowWriter::SignatureSvg] = everyByte;
        r[HubRowWriter::Sealed] = QByteArray();
        r[HubRowWriter::SealedDrawing] = QByteArray("\\x00\\N\0", 7);
        r[HubRowWriter::ContentSha256] = hash;
        return r;
    };
    const QByteArray awkward = "back\\slash\ttab\nnewline\rreturn \"quoted\" 'single' \\N 王小明 Zoë";
    std::vector<QByteArrayList> rows { row("plain-id", awkward, "h1"), row("id \"with\" {quotes},\\", "B", "h2") };
    HubRowWriter::Outcome outcome;
    QVERIFY(db->begin());
    QVERIFY((*writer)->write(rows, outcome));
    QVERIFY(db->commit());
    QCOMPARE(outcome.added, 2);
    QSqlQuery q = db->query();
    QVERIFY(q.exec(QStringLiteral("SELECT id, full_name, email, signature_svg, sealed, sealed_drawing, "
                                  "petition_version, uk_citizen_or_resident FROM signatures ORDER BY id")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toByteArray(), QByteArray("id \"with\" {quotes},\\"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toByteArray(), QByteArray("plain-id"));
    QCOMPARE(q.value(1).toString().toUtf8(), awkward);
    QCOMPARE(q.value(2).toString(), QString(QLatin1String("")));
    QCOMPARE(q.value(3).toByteArray(), everyByte);
    QVERIFY(q.value(4).isNull());
    QCOMPARE(q.value(5).toByteArray(), QByteArray("\\x00\\N\0", 7));
    QCOMPARE(q.value(6).toInt(), 3);
    QCOMPARE(q.value(7).toInt(), 1);
    q.finish();
    // Again: the same content is known, other content a conflict, and nothing is written.
    rows[1][HubRowWriter::ContentSha256] = "changed";
    HubRowWriter::Outcome again;
    QVERIFY(db->begin());
    QVERIFY((*writer)->write(rows, again));
    QVERIFY(db->commit());
    QCOMPARE(again.added, 0);
    QCOMPARE(again.known, 1);
    QCOMPARE(again.conflicts, QStringList { QStringLiteral("id \"with\" {quotes},\\") });
    QCOMPARE(count(*db, QStringLiteral("signatures")), 2);
}

void TestHub::importsOnceAndSkipsAgain()
{
    const auto db = openHub();
    QVERIFY(db);
    SealedKiosk k;
    QVERIFY(k.open());
    QCOMPARE(k.signAndExport(3).rows, 3);
    QCOMPARE(k.signAndExport(2).rows, 2);
    HubImporter importer(*db, test::coordinatorKeys());
    const QList<ImportReport> first = importer.importPaths({ k.stick });
    QCOMPARE(first.size(), 2);
    for (const ImportReport& r : first) {
        QVERIFY2(r.outcome == ImportReport::Outcome::Imported, qPrintable(r.reason));
        QVERIFY(r.flags.isEmpty());
    }
    QCOMPARE(count(*db, QStringLiteral("signatures")), 5);
    QCOMPARE(count(*db, QStringLiteral("batches")), 2);
    QCOMPARE(count(*db, QStringLiteral("devices")), 1);
    // The names are opened and stored (the default clear store), each as the kiosk stored it.
    QSqlQuery q = db->query();
    QVERIFY(q.exec(QStringLiteral("SELECT id, full_name, postcode FROM signatures")));
    int rows = 0;
    while (q.next()) {
        const auto stored = k.store.signatures().find(QUuid(q.value(0).toString()));
        QVERIFY(!stored); // a sealed kiosk cannot open its own rows...
        ++rows;
        QVERIFY(q.value(1).toString().startsWith(QLatin1String("Signer Number")));
        QVERIFY(!q.value(2).toString().isEmpty());
    }
    QCOMPARE(rows, 5);
    // Again: both skipped, nothing added.
    for (const ImportReport& r : importer.importPaths({ k.stick }))
        QCOMPARE(r.outcome, ImportReport::Outcome::AlreadyImported);
    QCOMPARE(count(*db, QStringLiteral("signatures")), 5);
}

void TestHub::badBatchesAreRefusedAndTheRestImported()
{
    const auto db = openHub();
    QVERIFY(db);
    SealedKiosk k;
    QVERIFY(k.open());
    const auto good = k.signAndExport(3);
    const auto forged = k.signAndExport(3);
    const auto truncated = k.signAndExport(3);
    // A forged row (its hash recomputed), and a drawings.bin cut short.
    QByteArray csv = test::readFile(forged.folder + QStringLiteral("/signatures.csv"));
    csv.replace(csv.indexOf("\"GB\""), 4, "\"FR\"");
    QVERIFY(test::writeFile(forged.folder + QStringLiteral("/signatures.csv"), csv));
    QVERIFY(test::rehashInManifest(forged.folder, QStringLiteral("signatures.csv")));
    const QByteArray drawings = test::readFile(truncated.folder + QStringLiteral("/drawings.bin"));
    QVERIFY(test::writeFile(truncated.folder + QStringLiteral("/drawings.bin"), drawings.left(drawings.size() - 9)));
    // A kiosk sealed to another coordinator.
    QTemporaryDir otherKeys;
    QVERIFY(CoordinatorKey::writePair(otherKeys.path(), QStringLiteral("another long passphrase")));
    SealedKiosk other;
    QVERIFY(other.open(*CoordinatorKey::readPublic(otherKeys.filePath(QStringLiteral("coordinator.pub")))));
    const auto elsewhere = other.signAndExport(2);
    QCOMPARE(elsewhere.rows, 2);
    QVERIFY(QDir().rename(elsewhere.folder, k.stick + QStringLiteral("/from-another-campaign")));

    HubImporter importer(*db, test::coordinatorKeys());
    QHash<QString, ImportReport> byFolder;
    for (const ImportReport& r : importer.importPaths({ k.stick }))
        byFolder.insert(r.folder, r);
    QCOMPARE(byFolder.size(), 4);
    QCOMPARE(byFolder.value(good.folder).outcome, ImportReport::Outcome::Imported);
    QCOMPARE(byFolder.value(forged.folder).outcome, ImportReport::Outcome::Refused);
    QVERIFY2(byFolder.value(forged.folder).reason.contains(QLatin1String("signature")),
        qPrintable(byFolder.value(forged.folder).reason));
    QCOMPARE(byFolder.value(truncated.folder).outcome, ImportReport::Outcome::Refused);
    QVERIFY(byFolder.value(truncated.folder).reason.contains(QLatin1String("drawings.bin")));
    int otherRefused = 0;
    for (const ImportReport& r : std::as_const(byFolder))
        otherRefused += r.reason.contains(QLatin1String("not to this key")) ? 1 : 0;
    QCOMPARE(otherRefused, 1);
    QCOMPARE(count(*db, QStringLiteral("signatures")), 3);
    QCOMPARE(count(*db, QStringLiteral("batches")), 1);
    // A batch folder on a stick pulled out.
    const ImportReport gone = importer.importBatch(k.dir.filePath(QStringLiteral("pulled/batch")));
    QCOMPARE(gone.outcome, ImportReport::Outcome::Refused);
    QVERIFY(gone.reason.contains(QLatin1String("manifest.json")));
    QCOMPARE(count(*db, QStringLiteral("signatures")), 3);
}

// The import checks a batch's rows as it stores them, in one pass: rows that turn out not to verify at the end (a
// changed cell the manifest's hash gives away; an id that repeats, in a batch signed again by its own kiosk) are rolled
// back, and the batch is refused as `verify` would refuse it.
void TestHub::rowsThatDoNotVerifyAreRolledBack()
{
    const auto db = openHub();
    QVERIFY(db);
    SealedKiosk k;
    QVERIFY(k.open());
    const auto changed = k.signAndExport(3);
    const auto repeated = k.signAndExport(3);
    QByteArray csv = test::readFile(changed.folder + QStringLiteral("/signatures.csv"));
    const qsizetype at = csv.lastIndexOf("\"GB\"");
    QVERIFY(at > 0);
    csv.replace(at, 4, "\"FR\""); // the same size: only the hash tells
    QVERIFY(test::writeFile(changed.folder + QStringLiteral("/signatures.csv"), csv));
    // The third row (no drawing) replaced by the second (no drawing either): one id twice, hashed and signed again.
    QList<QByteArray> lines = test::readFile(repeated.folder + QStringLiteral("/signatures.csv")).split('\n');
    QVERIFY(lines.size() >= 5);
    lines[3] = lines[2];
    QVERIFY(test::writeFile(repeated.folder + QStringLiteral("/signatures.csv"), lines.join('\n')));
    QVERIFY(test::rehashInManifest(repeated.folder, QStringLiteral("signatures.csv")));
    QVERIFY(test::resignManifest(repeated.folder, k.data));

    HubImporter importer(*db, test::coordinatorKeys());
    const ImportReport first = importer.importBatch(changed.folder);
    QCOMPARE(first.outcome, ImportReport::Outcome::Refused);
    QVERIFY2(first.reason.contains(QLatin1String("SHA-256")), qPrintable(first.reason));
    const ImportReport second = importer.importBatch(repeated.folder);
    QCOMPARE(second.outcome, ImportReport::Outcome::Refused);
    QVERIFY2(second.reason.contains(QLatin1String("appears twice")), qPrintable(second.reason));
    QCOMPARE(count(*db, QStringLiteral("signatures")), 0);
    QCOMPARE(count(*db, QStringLiteral("batches")), 0);
    // `verify` says the same of both.
    QVERIFY(BatchVerifier::verify(changed.folder).problems.value(0).contains(QLatin1String("SHA-256")));
    QVERIFY(BatchVerifier::verify(repeated.folder).problems.value(0).contains(QLatin1String("appears twice")));
}

// A kiosk's own signed batch whose sealed name holds a NUL (which no kiosk form lets through, and PostgreSQL cannot
// store): the batch is refused, naming the row, and nothing of it is kept.
void TestHub::textNoDatabaseCanStoreRefusesTheBatch()
{
    const auto db = openHub();
    QVERIFY(db);
    SealedKiosk k;
    QVERIFY(k.open());
    const auto batch = k.signAndExport(2);
    QList<QByteArray> lines = test::readFile(batch.folder + QStringLiteral("/signatures.csv")).split('\n');
    QVERIFY(lines.size() >= 4);
    // Row 3 (the second signer, no drawing): its sealed cell made again around a name with a NUL in it.
    QList<QByteArray> cells = lines[2].trimmed().split(',');
    const QString id = QString::fromLatin1(cells.first().mid(1, 36));
    SealingPersonalDataCodec codec(test::coordinatorKeys()->publicKey);
    const SealedFields sealed = codec.seal(id,
        PersonalFields {
            QStringLiteral("Nul") + QChar(0) + QStringLiteral("Name"), QStringLiteral("SW1A 1AA"), {}, {} });
    cells.last() = "\"s1:" + sealed.sealed.toByteArray().toBase64() + '"';
    lines[2] = cells.join(',') + '\r';
    QVERIFY(test::writeFile(batch.folder + QStringLiteral("/signatures.csv"), lines.join('\n')));
    QVERIFY(test::rehashInManifest(batch.folder, QStringLiteral("signatures.csv")));
    QVERIFY(test::resignManifest(batch.folder, k.data));
    QVERIFY2(BatchVerifier::verify(batch.folder).ok, qPrintable(BatchVerifier::verify(batch.folder).problems.value(0)));

    HubImporter importer(*db, test::coordinatorKeys());
    const ImportReport r = importer.importBatch(batch.folder);
    QCOMPARE(r.outcome, ImportReport::Outcome::Refused);
    QVERIFY2(r.reason.contains(QLatin1String("NUL")) && r.reason.contains(id), qPrintable(r.reason));
    QCOMPARE(count(*db, QStringLiteral("signatures")), 0);
}

void TestHub::aDeviceIsPinnedToItsKey()
{
    const auto db = openHub();
    QVERIFY(db);
    SealedKiosk k;
    QVERIFY(k.open());
    const auto first = k.signAndExport(2);
    const auto second = k.signAndExport(2);
    HubImporter importer(*db, test::coordinatorKeys());
    QCOMPARE(importer.importBatch(first.folder).outcome, ImportReport::Outcome::Imported);
    // The second batch signed by a forger's key, which the manifest names: it verifies alone, but the device is
    // pinned to the key of its first batch.
    QTemporaryDir forger;
    const Result<DeviceKey> key = DeviceKey::ensure(forger.path());
    QVERIFY(key);
    QVERIFY(setInManifest(
        second.folder, QStringLiteral("device_signing_key"), QString::fromLatin1(key->publicKey().toBase64())));
    QVERIFY(setInManifest(second.folder, QStringLiteral("device_key_fingerprint"), key->fingerprint()));
    QVERIFY(test::resignManifest(second.folder, forger.path()));
    const ImportReport r = importer.importBatch(second.folder);
    QCOMPARE(r.outcome, ImportReport::Outcome::Refused);
    QVERIFY2(r.reason.contains(QStringLiteral("pinned to key %1").arg(DeviceKey::fingerprintIn(k.data))),
        qPrintable(r.reason));
    QCOMPARE(count(*db, QStringLiteral("signatures")), 2);
    // Pinned before its first batch (enrol), a kiosk's batches signed by any other key are refused.
    SealedKiosk late;
    QVERIFY(late.open());
    const auto batch = late.signAndExport(1);
    QVERIFY(HubImporter::enrol(*db, late.store.deviceId(), QStringLiteral("0000-0000-0000-0000")));
    QVERIFY(!HubImporter::enrol(*db, late.store.deviceId(), QStringLiteral("1111-1111-1111-1111")));
    QCOMPARE(importer.importBatch(batch.folder).outcome, ImportReport::Outcome::Refused);
}

void TestHub::chainFindingsAreFlagged()
{
    const auto db = openHub();
    QVERIFY(db);
    SealedKiosk k;
    QVERIFY(k.open());
    QStringList batches;
    for (int i = 0; i < 3; ++i)
        batches << k.signAndExport(2).folder;
    HubImporter importer(*db, test::coordinatorKeys());
    QVERIFY(importer.importBatch(batches.at(0)).flags.isEmpty());
    // Batch 2 has not come in: batch 3 is taken in, and flagged.
    const ImportReport third = importer.importBatch(batches.at(2));
    QCOMPARE(third.outcome, ImportReport::Outcome::Imported);
    QCOMPARE(third.flags, QStringList { QStringLiteral("batch 2 of this device is missing") });
    // Then batch 2 arrives, and follows batch 1.
    const ImportReport second = importer.importBatch(batches.at(1));
    QCOMPARE(second.outcome, ImportReport::Outcome::Imported);
    QVERIFY(second.flags.isEmpty());
    QCOMPARE(count(*db, QStringLiteral("signatures")), 6);
    QSqlQuery q = db->query();
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM batches WHERE flags <> ''")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestHub::theSameIdWithOtherContentIsRefused()
{
    const auto db = openHub();
    QVERIFY(db);
    SealedKiosk k;
    QVERIFY(k.open());
    const auto batch = k.signAndExport(3);
    HubImporter importer(*db, test::coordinatorKeys());
    QCOMPARE(importer.importBatch(batch.folder).outcome, ImportReport::Outcome::Imported);
    // The hub's copy of one signature differs (as another kiosk's row with the same id would), and the batch record
    // is gone, so the batch comes in again: the same ids with the same content are skipped, the other refused.
    QSqlQuery q = db->query();
    QVERIFY(q.exec(QStringLiteral("DELETE FROM batches")));
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM signatures ORDER BY id")) && q.next());
    const QString changed = q.value(0).toString();
    q.prepare(QStringLiteral("UPDATE signatures SET content_sha256 = 'other' WHERE id = ?"));
    q.addBindValue(changed);
    QVERIFY(q.exec());
    const ImportReport r = importer.importBatch(batch.folder);
    QCOMPARE(r.outcome, ImportReport::Outcome::Refused);
    QVERIFY2(r.reason.contains(changed) && r.reason.contains(QLatin1String("other content")), qPrintable(r.reason));
    QCOMPARE(count(*db, QStringLiteral("batches")), 0); // nothing of the refused batch was kept
    QCOMPARE(count(*db, QStringLiteral("signatures")), 3);
}

// The same people at two stalls, on two days: the kiosk's rules, applied across stalls, keep the earliest.
void TestHub::duplicatesAcrossStallsAreMarkedNotDeleted()
{
    const auto db = openHub();
    QVERIFY(db);
    SealedKiosk market, station;
    QVERIFY(market.open());
    QVERIFY(station.open());
    const QDateTime day1(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC), day2 = day1.addDays(1);
    const auto sign
        = [](SealedKiosk& k, const QString& name, const QString& postcode, const QString& email, const QDateTime& at) {
              Signature s = test::sampleSignature(name, postcode, email);
              s.signedAt = at;
              return k.store.signatures().save(s).status == SaveResult::Status::Stored;
          };
    // At the market on day 1; at the station on day 2 the same name and postcode (written otherwise), the same email
    // and name, and a third and fourth signature with one email.
    QVERIFY(sign(market, QStringLiteral("Ann Example"), QStringLiteral("SW1A 1AA"), {}, day1));
    QVERIFY(
        sign(market, QStringLiteral("Bea Example"), QStringLiteral("E1 6AN"), QStringLiteral("bea@example.org"), day1));
    QVERIFY(
        sign(market, QStringLiteral("Cy One"), QStringLiteral("M1 1AE"), QStringLiteral("family@example.org"), day1));
    QVERIFY(sign(market, QStringLiteral("Di Two"), QStringLiteral("M1 1AE"), QStringLiteral("family@example.org"),
        day1.addSecs(60)));
    QVERIFY(sign(station, QStringLiteral("ann  EXAMPLE"), QStringLiteral("sw1a1aa"), {}, day2));
    QVERIFY(sign(
        station, QStringLiteral("Bea Example"), QStringLiteral("N1 9GU"), QStringLiteral("BEA@example.org"), day2));
    QVERIFY(sign(
        station, QStringLiteral("Ed Three"), QStringLiteral("M1 1AE"), QStringLiteral("family@example.org"), day2));
    QVERIFY(sign(station, QStringLiteral("Flo Other"), QStringLiteral("G1 1AA"), {}, day2));
    for (SealedKiosk* k : { &market, &station })
        QCOMPARE(BatchExporter(k->store, QStringLiteral("test")).exportNew(k->stick, QStringLiteral("stall")).status,
            BatchExporter::Outcome::Status::Exported);
    HubImporter importer(*db, test::coordinatorKeys());
    for (const QString& stick : { market.stick, station.stick })
        for (const ImportReport& r : importer.importPaths({ stick }))
            QVERIFY2(r.outcome == ImportReport::Outcome::Imported, qPrintable(r.reason));
    const Result<HubDuplicates::Outcome> marked = HubDuplicates::mark(*db);
    QVERIFY2(marked, qPrintable(marked.errorString()));
    QCOMPARE(marked->byNameAndPostcode, 1);
    QCOMPARE(marked->byEmailAndName, 1);
    QCOMPARE(marked->beyondEmailLimit, 1);
    QCOMPARE(count(*db, QStringLiteral("signatures")), 8); // marked, never deleted
    // Each marked one is the later, at the station, and points at the market's.
    for (const HubDuplicates::Marked& m : marked->marked) {
        QVERIFY(m.signedAt.startsWith(QLatin1String("2026-11-21")));
        QVERIFY(m.originalSignedAt.startsWith(QLatin1String("2026-11-20")));
    }
    // Marking again gives the same.
    QCOMPARE(HubDuplicates::mark(*db)->total(), 3);
}

// A hub made with --store sealed keeps the sealed cells as the batches bring them, and keyed tags for the duplicate
// checks: every byte of its database (the SQLite file and its WAL, or the PostgreSQL server's whole data folder) is
// searched for the signers' names, emails and postcodes, in vain, and the duplicates are still found.
void TestHub::aSealedHubHoldsNoNameAndStillFindsDuplicates()
{
    QFETCH(QString, backend);
    QString where;
    const auto db = openHub(&where, HubDatabase::Store::Sealed);
    QVERIFY(db);
    QCOMPARE(db->store(), HubDatabase::Store::Sealed);
    SealedKiosk market, station;
    QVERIFY(market.open());
    QVERIFY(station.open());
    const QStringList names { QStringLiteral("Quillon Vexmarrow"), QStringLiteral("Zephrine Oddlestone") };
    const QStringList emails { QStringLiteral("quillon.vexmarrow@example.org") };
    const QString postcode = QStringLiteral("ZE3 9XQ");
    const auto sign = [](SealedKiosk& k, const QString& name, const QString& pc, const QString& email) {
        Signature s = test::sampleSignature(name, pc, email);
        return k.store.signatures().save(s).status == SaveResult::Status::Stored;
    };
    QVERIFY(sign(market, names.at(0), postcode, emails.at(0)));
    QVERIFY(sign(market, names.at(1), postcode, {}));
    QVERIFY(sign(station, names.at(0).toUpper(), QStringLiteral("ze39xq"), {})); // the same person, written otherwise
    for (SealedKiosk* k : { &market, &station })
        QCOMPARE(BatchExporter(k->store, QStringLiteral("test")).exportNew(k->stick, QStringLiteral("stall")).status,
            BatchExporter::Outcome::Status::Exported);
    HubImporter importer(*db, test::coordinatorKeys());
    for (const QString& stick : { market.stick, station.stick })
        for (const ImportReport& r : importer.importPaths({ stick }))
            QVERIFY2(r.outcome == ImportReport::Outcome::Imported, qPrintable(r.reason));
    // Imported again: skipped, as in a clear hub (the content tags match).
    for (const ImportReport& r : importer.importPaths({ market.stick }))
        QCOMPARE(r.outcome, ImportReport::Outcome::AlreadyImported);
    const Result<HubDuplicates::Outcome> marked = HubDuplicates::mark(*db);
    QVERIFY(marked);
    QCOMPARE(marked->byNameAndPostcode, 1);
    QSqlQuery q = db->query();
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM signatures WHERE full_name <> '' OR postcode <> '' OR email "
                                  "<> '' OR sealed IS NULL")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);

    // Every byte of the database's files.
    QStringList files;
    if (backend == QLatin1String("postgresql")) {
        QVERIFY(m_pg.checkpoint());
        QDirIterator it(m_pg.dataFolder(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    } else {
        files << where << where + QStringLiteral("-wal");
    }
    QList<QByteArray> needles;
    for (const QString& m :
        names + emails + QStringList { postcode, QStringLiteral("ZE39XQ"), QStringLiteral("Vexmarrow") }) {
        for (const QString& form : { m, m.toLower(), m.toUpper() })
            needles << form.toUtf8();
    }
    qint64 bytes = 0;
    for (const QString& path : std::as_const(files)) {
        const QByteArray content = test::readFile(path);
        bytes += content.size();
        for (const QByteArray& needle : std::as_const(needles))
            QVERIFY2(!content.contains(needle), qPrintable(path + QStringLiteral(" holds a marker")));
    }
    QVERIFY(bytes > 10000);
    qInfo("searched %lld bytes in %lld files", bytes, qint64(files.size()));
    // A clear hub, for contrast, does hold them (the search can find them).
    QString clearWhere;
    {
        const auto clear = openHub(&clearWhere, HubDatabase::Store::Clear);
        QVERIFY(clear);
        HubImporter clearImporter(*clear, test::coordinatorKeys());
        for (const ImportReport& r : clearImporter.importPaths({ market.stick }))
            QCOMPARE(r.outcome, ImportReport::Outcome::Imported);
        QSqlQuery c = clear->query();
        QVERIFY(c.exec(QStringLiteral("SELECT count(*) FROM signatures WHERE full_name = '%1'").arg(names.at(0))));
        QVERIFY(c.next());
        QCOMPARE(c.value(0).toInt(), 1);
        // And the store of a database is never changed.
        QVERIFY(!HubDatabase::open(clearWhere, HubDatabase::Store::Sealed));
    }
    // The same search finds the name in the clear hub's files: it can fail.
    QStringList clearFiles;
    if (backend == QLatin1String("postgresql")) {
        QVERIFY(m_pg.checkpoint());
        QDirIterator it(m_pg.dataFolder(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext())
            clearFiles << it.next();
    } else {
        clearFiles << clearWhere << clearWhere + QStringLiteral("-wal");
    }
    bool found = false;
    for (const QString& path : std::as_const(clearFiles))
        found = found || test::readFile(path).contains(names.at(0).toUtf8());
    QVERIFY(found);
}

void TestHub::theCommandLineImportsAndReports()
{
    QTemporaryDir keys;
    const QString passphrase = QStringLiteral("a long coordinator passphrase");
    QVERIFY(CoordinatorKey::writePair(keys.path(), passphrase));
    SealedKiosk k;
    QVERIFY(k.open(*CoordinatorKey::readPublic(keys.filePath(QStringLiteral("coordinator.pub")))));
    QCOMPARE(k.signAndExport(4).rows, 4);
    const QString database = m_dir.filePath(QStringLiteral("cli.sqlite"));
    const auto run = [&](const QStringList& args, const QString& input = {}) {
        const HubRun r = runHub(database, args, input);
        return std::make_tuple(r.code, r.out, r.err);
    };
    const QStringList import { QStringLiteral("import"), k.stick, QStringLiteral("--key"),
        keys.filePath(QStringLiteral("coordinator.key")), QStringLiteral("--passphrase-stdin") };
    auto [code, out, err] = run(import, passphrase + QLatin1Char('\n'));
    QVERIFY2(code == 0, qPrintable(err));
    QVERIFY2(out.contains(QLatin1String("4 new signatures from 1 of 1 batches")), qPrintable(out));
    std::tie(code, out, err) = run(import, passphrase + QLatin1Char('\n'));
    QVERIFY(out.contains(QLatin1String("imported before")));
    std::tie(code, out, err) = run(import, QStringLiteral("not the passphrase\n"));
    QCOMPARE(code, 1);
    QVERIFY(err.startsWith(QLatin1String("petition-hub: ")));
    std::tie(code, out, err) = run({ QStringLiteral("status"), QStringLiteral("--json") });
    QCOMPARE(code, 0);
    QJsonObject status = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(status.value(QStringLiteral("signatures")).toInt(), 4);
    QCOMPARE(status.value(QStringLiteral("devices")).toInt(), 1);
    QCOMPARE(status.value(QStringLiteral("refused_batches")).toArray().size(), 0);
    // The last import skipped the batch it had taken in before.
    QCOMPARE(
        status.value(QStringLiteral("last_import_batches")).toObject().value(QStringLiteral("skipped")).toInt(), 1);
    // A batch that does not verify is refused, and status lists it until it comes in whole; a batch with a gap
    // before it is taken in, flagged.
    const auto damaged = k.signAndExport(2);
    const auto afterGap = k.signAndExport(1);
    const QByteArray csv = test::readFile(damaged.folder + QStringLiteral("/signatures.csv"));
    QVERIFY(test::writeFile(damaged.folder + QStringLiteral("/signatures.csv"), csv.left(csv.size() - 5)));
    std::tie(code, out, err) = run(import, passphrase + QLatin1Char('\n'));
    QCOMPARE(code, 1);
    std::tie(code, out, err) = run({ QStringLiteral("status") });
    QVERIFY2(out.contains(QLatin1String("Refused:      1 batches")) && out.contains(QDir(damaged.folder).dirName())
            && out.contains(QLatin1String("Flagged:      1 batches"))
            && out.contains(QLatin1String("1 batches imported, 1 skipped, 1 refused")),
        qPrintable(out));
    const auto flaggedOnDevice = [&] {
        const auto [c, o, e] = run({ QStringLiteral("devices"), QStringLiteral("--json") });
        return QJsonDocument::fromJson(o.toUtf8())
            .array()
            .at(0)
            .toObject()
            .value(QStringLiteral("flagged_batches"))
            .toInt(-1);
    };
    QCOMPARE(flaggedOnDevice(), 1);
    QVERIFY(test::writeFile(damaged.folder + QStringLiteral("/signatures.csv"), csv));
    std::tie(code, out, err) = run(import, passphrase + QLatin1Char('\n'));
    QCOMPARE(code, 0);
    QCOMPARE(flaggedOnDevice(), 0);
    std::tie(code, out, err) = run({ QStringLiteral("status"), QStringLiteral("--json") });
    status = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(status.value(QStringLiteral("signatures")).toInt(), 7);
    QCOMPARE(status.value(QStringLiteral("refused_batches")).toArray().size(), 0);
    // Batch 3 was flagged at its import, as following a gap; the gap is filled now.
    QCOMPARE(status.value(QStringLiteral("flagged_batches")).toArray().size(), 0);
    Q_UNUSED(afterGap);
    std::tie(code, out, err) = run({ QStringLiteral("devices") });
    QVERIFY2(out.contains(DeviceKey::fingerprintIn(k.data)), qPrintable(out));
}

namespace {

// Every batch in the hub is whole: its row holds exactly as many signatures as it says it added, and no signature
// belongs to a batch the hub does not have.
void checkWholeBatches(HubDatabase& db)
{
    QSqlQuery q = db.query();
    QVERIFY(q.exec(QStringLiteral("SELECT b.batch_id, b.rows_new, (SELECT count(*) FROM signatures s WHERE s.batch = "
                                  "b.manifest_sha256) FROM batches b")));
    while (q.next())
        QVERIFY2(q.value(1).toLongLong() == q.value(2).toLongLong(), qPrintable(q.value(0).toString()));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM signatures WHERE batch NOT IN (SELECT manifest_sha256 FROM "
                                  "batches)")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), 0);
}

} // namespace

// petition-hub import killed with SIGKILL at random moments, 50 times; before each round some batches are taken out
// again so that every round has work to be killed in. Then one import runs to the end: every signature is in once.
void TestHub::killedImportsLeaveWholeBatchesOrNone()
{
    QString where;
    const auto db = openHub(&where);
    QVERIFY(db);
    SealedKiosk a, b;
    QVERIFY(a.open());
    QVERIFY(b.open());
    b.stick = a.stick;
    b.serial = 26 * 10; // other names than a's
    qint64 total = 0;
    for (int i = 0; i < 12; ++i) {
        // Two kiosks' batches on one stick, under distinct names.
        SealedKiosk& k = i % 2 ? b : a;
        const auto batch = k.signAndExport(25);
        QCOMPARE(batch.rows, 25);
        QVERIFY(QDir().rename(batch.folder, a.stick + QStringLiteral("/batch-%1").arg(i, 2, 10, QLatin1Char('0'))));
        total += batch.rows;
    }
    const auto runHelper = [&](int killAfterMs) {
        QProcess p;
        p.start(QStringLiteral(KIOSK_CRASH_HELPER), { QStringLiteral("hub-import"), where, a.stick });
        if (!p.waitForReadyRead(30000))
            return QString();
        if (killAfterMs >= 0) {
            QThread::msleep(quint64(killAfterMs));
            p.kill();
        }
        p.waitForFinished(60000);
        return QString::fromLatin1(p.readAllStandardOutput());
    };
    // How long one whole import takes here, to aim the kills inside it.
    QElapsedTimer timer;
    timer.start();
    QVERIFY(runHelper(-1).contains(QLatin1String("DONE 12 0 0")));
    const int importMs = int(qMax<qint64>(20, timer.elapsed()));
    QCOMPARE(count(*db, QStringLiteral("signatures")), total);
    const int rounds = qEnvironmentVariableIntValue("KIOSK_KILL_ROUNDS") > 0
        ? qMin(50, qEnvironmentVariableIntValue("KIOSK_KILL_ROUNDS"))
        : 50;
    QRandomGenerator random(20261124);
    int killedMidway = 0;
    for (int round = 0; round < rounds; ++round) {
        // Take a few batches out again, as if they had never been imported.
        QSqlQuery q = db->query();
        QVERIFY(q.exec(QStringLiteral("SELECT manifest_sha256 FROM batches")));
        QStringList hashes;
        while (q.next())
            hashes << q.value(0).toString();
        QVERIFY(db->begin());
        for (const QString& h : std::as_const(hashes)) {
            if (random.bounded(3) != 0)
                continue;
            q.prepare(QStringLiteral("DELETE FROM signatures WHERE batch = ?"));
            q.addBindValue(h);
            QVERIFY(q.exec());
            q.prepare(QStringLiteral("DELETE FROM batches WHERE manifest_sha256 = ?"));
            q.addBindValue(h);
            QVERIFY(q.exec());
        }
        QVERIFY(db->commit());
        const QString said = runHelper(random.bounded(importMs + 1));
        killedMidway += said.contains(QLatin1String("DONE")) ? 0 : 1;
        checkWholeBatches(*db);
    }
    // One import to the end: everything in, once.
    QVERIFY(runHelper(-1).contains(QLatin1String("DONE")));
    checkWholeBatches(*db);
    QCOMPARE(count(*db, QStringLiteral("signatures")), total);
    QCOMPARE(count(*db, QStringLiteral("batches")), 12);
    qInfo("%d kills, %d of them before the import finished (one import: %d ms)", rounds, killedMidway, importMs);
    QVERIFY(killedMidway > 0);
}

// Two imports of overlapping sets of batches at once, into PostgreSQL (where several coordinators may import at
// once): every signature is stored once, and both finish with a report.
void TestHub::twoImportsAtOnceStoreEachSignatureOnce()
{
    QString problem;
    const QString where = m_pg.newDatabase(&problem);
    QVERIFY2(!where.isEmpty(), qPrintable(problem));
    QVERIFY(HubDatabase::open(where));
    SealedKiosk k;
    QVERIFY(k.open());
    const QString one = k.dir.filePath(QStringLiteral("one")), two = k.dir.filePath(QStringLiteral("two"));
    QDir().mkpath(one);
    QDir().mkpath(two);
    qint64 total = 0;
    for (int i = 0; i < 10; ++i) {
        const auto batch = k.signAndExport(30);
        total += batch.rows;
        const QString name = QStringLiteral("/batch-%1").arg(i, 2, 10, QLatin1Char('0'));
        // Batches 0–6 go to the first stick, 3–9 to the second: 3–6 are on both.
        for (const QString& stick : { one, two }) {
            if ((stick == one && i > 6) || (stick == two && i < 3))
                continue;
            QDir().mkpath(stick + name);
            for (const QString& f : QDir(batch.folder).entryList(QDir::Files))
                QFile::copy(batch.folder + QLatin1Char('/') + f, stick + name + QLatin1Char('/') + f);
        }
    }
    QProcess first, second;
    for (auto* p : { &first, &second })
        p->setProcessChannelMode(QProcess::SeparateChannels);
    first.start(QStringLiteral(KIOSK_CRASH_HELPER), { QStringLiteral("hub-import"), where, one });
    second.start(QStringLiteral(KIOSK_CRASH_HELPER), { QStringLiteral("hub-import"), where, two });
    QVERIFY(first.waitForFinished(120000) && second.waitForFinished(120000));
    const QString a = QString::fromLatin1(first.readAllStandardOutput());
    const QString b = QString::fromLatin1(second.readAllStandardOutput());
    QVERIFY2(a.contains(QLatin1String("DONE")) && b.contains(QLatin1String("DONE")), qPrintable(a + b));
    // Each finished with nothing refused; between them, every batch imported once and the shared ones skipped once.
    const QStringList da = a.section(QLatin1String("DONE "), 1).trimmed().split(QLatin1Char(' '));
    const QStringList dbs = b.section(QLatin1String("DONE "), 1).trimmed().split(QLatin1Char(' '));
    QCOMPARE(da.value(2), QStringLiteral("0"));
    QCOMPARE(dbs.value(2), QStringLiteral("0"));
    QCOMPARE(da.value(0).toInt() + dbs.value(0).toInt(), 10);
    QCOMPARE(da.value(1).toInt() + dbs.value(1).toInt(), 4);
    Result<std::unique_ptr<HubDatabase>> db = HubDatabase::open(where);
    QVERIFY(db);
    QCOMPARE(count(**db, QStringLiteral("signatures")), total);
    QCOMPARE(count(**db, QStringLiteral("batches")), 10);
    checkWholeBatches(**db);
}

QTEST_GUILESS_MAIN(TestHub)
#include "tst_hub.moc"
