// The store's parts, their guard and the one result convention; columns by name; the export column table and the
// manifest; the PIN session; and the completion of a signature.

#include "admin/adminpin.h"
#include "admin/pinsession.h"
#include "core/backup.h"
#include "core/batchcolumns.h"
#include "core/batchexporter.h"
#include "core/batchmanifest.h"
#include "core/campaign.h"
#include "core/csv.h"
#include "core/datadir.h"
#include "core/kiosksettings.h"
#include "core/signatureintake.h"
#include "core/signaturestore.h"
#include "core/sqlcolumns.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace kiosk;

class TestStructure final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void everyOperationClearsAnEarlierError();
    void aClosedStoreRefusesEveryOperation();
    void resultsCarryAKindAndASentence();
    void columnsAreReadByNameWhateverTheirOrder();
    void exportColumnsComeFromOneTable();
    void manifestIsTheJsonDocumentQtWouldWrite();
    void verifierFindsColumnsThroughTheTable();
    void pinSessionAuditsWrongTriesAndLocks();
    void intakeCompletesTheDraftAndBacksUpEveryN();
    void lastExportTimeIsAMetaValue();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SignatureStore> m_store;
};

void TestStructure::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<SignatureStore>();
    QVERIFY(m_store->open(m_dir->path()));
}

void TestStructure::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

// A failure, then any successful operation: error() no longer reports the old failure. Before the store was split,
// eight methods skipped the guard and left error() stale.
void TestStructure::everyOperationClearsAnEarlierError()
{
    SignatureStore& store = *m_store;
    const SaveResult saved = store.signatures().save(test::sampleSignature());
    QCOMPARE(saved.status, SaveResult::Status::Stored);

    const auto failThenCheck = [&store](const char* what, const std::function<bool()>& operation) {
        QVERIFY(!store.ledger().find(QStringLiteral("no-such-batch")));
        QCOMPARE(store.error(), StoreError::NoSuchRecord);
        QVERIFY2(operation(), what);
        QVERIFY2(store.error() == StoreError::None, what);
    };
    failThenCheck("maxRowId", [&] { return store.signatures().maxRowId().ok(); });
    failThenCheck("rowsBetween", [&] { return store.signatures().rowsBetween(0, 10).ok(); });
    failThenCheck("counts", [&] { return store.signatures().counts().ok(); });
    failThenCheck("find", [&] { return store.signatures().find(saved.id).ok(); });
    failThenCheck("forEachExportRow",
        [&] { return store.signatures().forEachExportRow(0, 10, [](const ExportRow&) { return true; }).ok(); });
    failThenCheck("ledger all", [&] { return store.ledger().all().ok(); });
    failThenCheck("countWithPrefix", [&] { return store.ledger().countWithPrefix(QStringLiteral("x")).ok(); });
    failThenCheck("complete", [&] { return store.ledger().complete(QStringLiteral("none")).ok(); });
    failThenCheck("unmark", [&] { return store.ledger().unmark(QStringLiteral("none")).ok(); });
    failThenCheck("audit", [&] { return store.audit().append(QStringLiteral("checked")).ok(); });
    failThenCheck("newest", [&] { return store.audit().newest(5).ok(); });
    failThenCheck("meta", [&] { return store.meta().value(MetaKey::DeviceId).ok(); });
    failThenCheck("texts", [&] {
        return store.texts().check(TextVersions::Kind::Petition, QStringLiteral("p"), 1, QByteArray(32, 'a')).ok();
    });
    failThenCheck("integrity", [&] { return store.integrityCheck().ok(); });
    failThenCheck("schema", [&] { return store.schemaVersion().ok(); });
}

void TestStructure::aClosedStoreRefusesEveryOperation()
{
    SignatureStore closed;
    QCOMPARE(closed.signatures().save(test::sampleSignature()).error, StoreError::NotFound);
    QCOMPARE(closed.signatures().maxRowId().error(), StoreError::NotFound);
    QCOMPARE(closed.signatures().rowsBetween(0, 1).error(), StoreError::NotFound);
    QCOMPARE(closed.signatures().counts().error(), StoreError::NotFound);
    QCOMPARE(closed.ledger().all().error(), StoreError::NotFound);
    QCOMPARE(closed.ledger().find(QStringLiteral("x")).error(), StoreError::NotFound);
    QCOMPARE(closed.ledger().countWithPrefix(QStringLiteral("x")).error(), StoreError::NotFound);
    QCOMPARE(closed.ledger().complete(QStringLiteral("x")).error(), StoreError::NotFound);
    QCOMPARE(closed.ledger().unmark(QStringLiteral("x")).error(), StoreError::NotFound);
    QCOMPARE(closed.audit().append(QStringLiteral("x")).error(), StoreError::NotFound);
    QCOMPARE(closed.meta().setValue(QStringLiteral("k"), QStringLiteral("v")).error(), StoreError::NotFound);
    QCOMPARE(closed.integrityCheck().error(), StoreError::NotFound);
    QCOMPARE(closed.schemaVersion().error(), StoreError::NotFound);
    QCOMPARE(closed.error(), StoreError::NotFound);
}

void TestStructure::resultsCarryAKindAndASentence()
{
    const Result<int> value = 7;
    QVERIFY(value.ok());
    QCOMPARE(*value, 7);
    QCOMPARE(value.error(), StoreError::None);
    QVERIFY(value.errorString().isEmpty());

    const Result<int> failed = Failure { StoreError::DiskFull, QStringLiteral("SQLITE_FULL"), {} };
    QVERIFY(!failed);
    QCOMPARE(failed.valueOr(-1), -1);
    QCOMPARE(failed.error(), StoreError::DiskFull);
    // Without a sentence of its own, the kind's standard sentence; the log details never reach the user.
    QCOMPARE(failed.errorString(), describeStoreError(StoreError::DiskFull));
    QVERIFY(!failed.errorString().contains(QLatin1String("SQLITE")));

    const VoidResult withSentence = Failure { StoreError::Invalid, {}, QStringLiteral("campaign.json: broken") };
    QCOMPARE(withSentence.errorString(), QStringLiteral("campaign.json: broken"));
}

void TestStructure::columnsAreReadByNameWhateverTheirOrder()
{
    QSqlQuery q(m_store->database());
    QVERIFY(q.exec(QStringLiteral("CREATE TEMP TABLE t (a TEXT, b TEXT, c TEXT)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES ('first', 'second', 'third')")));
    constexpr Column A { 0, "a" }, B { 1, "b" }, C { 2, "c" };
    const RowShape shape { A, B, C };
    QCOMPARE(shape.selectList(), QStringLiteral("a, b, c"));
    // The same shape, read from a query that selects the columns in another order.
    QVERIFY(q.exec(QStringLiteral("SELECT c, a, b FROM t")));
    const RowReader row(q, shape);
    QVERIFY(q.next());
    QCOMPARE(row(A).toString(), QStringLiteral("first"));
    QCOMPARE(row(B).toString(), QStringLiteral("second"));
    QCOMPARE(row(C).toString(), QStringLiteral("third"));

    QSqlQuery insert(m_store->database());
    QVERIFY(insert.prepare(QStringLiteral("INSERT INTO t (c, b, a) VALUES (:c, :b, :a)")));
    bind(insert, { { A, QStringLiteral("x") }, { B, QStringLiteral("y") }, { C, QStringLiteral("z") } });
    QVERIFY(insert.exec());
    QVERIFY(q.exec(QStringLiteral("SELECT a, b, c FROM t WHERE a = 'x'")) && q.next());
    QCOMPARE(q.value(2).toString(), QStringLiteral("z"));
}

void TestStructure::exportColumnsComeFromOneTable()
{
    QCOMPARE(BatchExporter::columns(), BatchColumns::headers());
    QCOMPARE(BatchColumns::headers().size(), qsizetype(BatchColumns::all().size()));
    ExportRow row;
    row.id = QStringLiteral("id-1");
    row.fullName = QStringLiteral("Ann Example");
    row.ukCitizenOrResident = true;
    const QStringList cells
        = BatchColumns::cells(BatchKind::Clear, row, { QStringLiteral("signatures/id-1.svg"), QStringLiteral("b-1") });
    QCOMPARE(cells.size(), BatchColumns::headers().size());
    QCOMPARE(cells.at(BatchColumns::indexOf(BatchKind::Clear, "full_name")), QStringLiteral("Ann Example"));
    QCOMPARE(cells.at(BatchColumns::indexOf(BatchKind::Clear, "uk_citizen_or_resident")), QStringLiteral("yes"));
    QCOMPARE(cells.at(BatchColumns::indexOf(BatchKind::Clear, "contact_opt_in")), QStringLiteral("no"));
    QCOMPARE(
        cells.at(BatchColumns::indexOf(BatchKind::Clear, "signature_file")), QStringLiteral("signatures/id-1.svg"));
    QCOMPARE(cells.at(BatchColumns::indexOf(BatchKind::Clear, "batch_id")), QStringLiteral("b-1"));
    QCOMPARE(BatchColumns::indexOf(BatchKind::Clear, "no_such_column"), -1);
}

void TestStructure::manifestIsTheJsonDocumentQtWouldWrite()
{
    BatchManifest manifest;
    manifest.batchId = QStringLiteral("stall-20261124-001");
    manifest.deviceId = QStringLiteral("device \"quoted\" \\ back\tslash\n");
    manifest.stallId = QStringLiteral("stall");
    manifest.createdAt = QStringLiteral("2026-11-24T10:00:00.000Z");
    manifest.firstSignedAt = QStringLiteral("2026-11-24T09:00:00.000Z");
    manifest.lastSignedAt = QStringLiteral("2026-11-24T09:30:00.000Z");
    manifest.appVersion = QStringLiteral("0.1.0 李");
    manifest.rowCount = 3;
    manifest.petitions = { { QStringLiteral("p"), 1, 2 }, { QStringLiteral("q"), 2, 1 } };
    manifest.setCsv(QByteArray(32, '\x01'), 1234);
    manifest.addDrawing(QStringLiteral("bbbbbbbb-0000-4000-8000-000000000002"), QByteArray(32, '\x02'), 20);
    manifest.addDrawing(QStringLiteral("aaaaaaaa-0000-4000-8000-000000000001"), QByteArray(32, '\x03'), 10);
    QBuffer out;
    QVERIFY(out.open(QIODevice::WriteOnly));
    QVERIFY(manifest.write(out));

    QJsonParseError error {};
    const QJsonDocument parsed = QJsonDocument::fromJson(out.data(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    // Byte for byte what QJsonDocument writes for the same document: sorted keys, Qt's indentation and escapes.
    QCOMPARE(out.data(), parsed.toJson(QJsonDocument::Indented));
    const QJsonObject o = parsed.object();
    QCOMPARE(o.value(QStringLiteral("format")).toString(), QLatin1String(BatchManifest::Format));
    QCOMPARE(o.value(QStringLiteral("device_id")).toString(), manifest.deviceId);
    QCOMPARE(o.value(QStringLiteral("row_count")).toInteger(), 3);
    QCOMPARE(o.value(QStringLiteral("columns")).toVariant().toStringList(), BatchColumns::headers());
    const QJsonObject files = o.value(QStringLiteral("files")).toObject();
    QCOMPARE(files.keys(),
        (QStringList { QStringLiteral("signatures.csv"),
            QStringLiteral("signatures/aaaaaaaa-0000-4000-8000-000000000001.svg"),
            QStringLiteral("signatures/bbbbbbbb-0000-4000-8000-000000000002.svg") }));
    QCOMPARE(files.value(QStringLiteral("signatures.csv")).toObject().value(QStringLiteral("bytes")).toInteger(), 1234);
    QCOMPARE(files.value(QStringLiteral("signatures.csv")).toObject().value(QStringLiteral("sha256")).toString(),
        QString::fromLatin1(QByteArray(32, '\x01').toHex()));
    QCOMPARE(o.value(QStringLiteral("petitions")).toArray().size(), 2);
}

void TestStructure::verifierFindsColumnsThroughTheTable()
{
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_store->signatures().save(test::sampleSignature(QStringLiteral("Signer %1").arg(i))).status,
            SaveResult::Status::Stored);
    QTemporaryDir out;
    BatchExporter exporter(*m_store, QStringLiteral("test"));
    const BatchExporter::Outcome done = exporter.exportNew(out.path(), QStringLiteral("stall"));
    QCOMPARE(done.status, BatchExporter::Outcome::Status::Exported);
    const BatchVerifier::Result sound = BatchVerifier::verify(done.folder);
    QVERIFY2(sound.ok, qPrintable(sound.problems.join(QLatin1Char('\n'))));

    // Another batch id in the batch_id column is found wherever the table puts that column.
    QFile csvFile(done.folder + QStringLiteral("/signatures.csv"));
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    CsvReader::Result csv = CsvReader::parse(csvFile.readAll(), true);
    csvFile.close();
    csv.records[1][BatchColumns::indexOf(BatchKind::Clear, "batch_id")] = QStringLiteral("another-batch");
    QVERIFY(csvFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    CsvWriter writer(&csvFile);
    QVERIFY(writer.writeBom());
    for (const QStringList& record : std::as_const(csv.records))
        QVERIFY(writer.writeRow(record));
    csvFile.close();
    QVERIFY(test::rehashInManifest(done.folder, QStringLiteral("signatures.csv")));
    const BatchVerifier::Result r = BatchVerifier::verify(done.folder);
    QVERIFY(!r.ok);
    QVERIFY2(r.problems.join(QLatin1Char('\n')).contains(QLatin1String("row 2: another batch id")),
        qPrintable(r.problems.join(QLatin1Char('\n'))));
}

void TestStructure::pinSessionAuditsWrongTriesAndLocks()
{
    AdminPin pin(*m_store);
    QVERIFY(pin.set(QStringLiteral("24681012")));
    PinSession session(pin, m_store->audit());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    PinSession::Verdict v = session.check(QStringLiteral("111111"), now);
    QCOMPARE(v.kind, PinSession::Verdict::Kind::Wrong);
    QCOMPARE(v.triesLeft, AdminPin::FreeTries - 1);
    QCOMPARE(m_store->audit().newest(1).valueOr({}).value(0).action, QStringLiteral("wrong PIN"));
    for (int i = 1; i < AdminPin::FreeTries; ++i)
        v = session.check(QStringLiteral("111111"), now);
    QCOMPARE(v.kind, PinSession::Verdict::Kind::Locked);
    QVERIFY(v.lockedUntil > now);
    QCOMPARE(m_store->audit().newest(1).valueOr({}).value(0).action, QStringLiteral("PIN pad locked"));
    // Locked: even the right PIN does not open until the time has passed.
    QCOMPARE(session.check(QStringLiteral("24681012"), now).kind, PinSession::Verdict::Kind::Locked);
    QCOMPARE(session.check(QStringLiteral("24681012"), v.lockedUntil.addSecs(1)).kind, PinSession::Verdict::Kind::Open);
}

void TestStructure::intakeCompletesTheDraftAndBacksUpEveryN()
{
    {
        QSettings ini(DataDir::settingsPath(m_dir->path()), QSettings::IniFormat);
        ini.setValue(QStringLiteral("backup/every"), 2);
        ini.setValue(QStringLiteral("stall/id"), QStringLiteral("market-square"));
    }
    KioskSettings settings(m_dir->path());
    BackupPolicy backups(*m_store, settings, m_dir->path());
    SignatureIntake intake(*m_store, settings, backups);
    const Campaign campaign = *CampaignLoader::load(QString::fromLatin1(Campaign::BuiltInFolder));

    Signature draft = test::sampleSignature(QStringLiteral("  Zoë Example  "));
    draft.petitionId.clear();
    draft.stallId.clear();
    const SaveResult first = intake.complete(draft, campaign, QStringLiteral("zh_TW"));
    QCOMPARE(first.status, SaveResult::Status::Stored);
    QCOMPARE(first.submitted.fullName, QStringLiteral("Zoë Example")); // normalised once, by the store
    const Signature stored = *m_store->signatures().find(first.id);
    QCOMPARE(stored.petitionId, campaign.petitionId);
    QCOMPARE(stored.petitionVersion, campaign.petitionVersion);
    QCOMPARE(stored.consentVersion, campaign.consentVersion);
    QCOMPARE(stored.language, QStringLiteral("zh_TW"));
    QCOMPARE(stored.stallId, settings.stallId());

    const QDir backupDir(DataDir::backupPath(m_dir->path()));
    QVERIFY(backupDir.entryList({ QStringLiteral("*.sqlite") }, QDir::Files).isEmpty());
    // The same person again is a duplicate: it greets them, but does not count towards a backup.
    QCOMPARE(intake.complete(draft, campaign, QStringLiteral("en")).status, SaveResult::Status::Duplicate);
    QVERIFY(backupDir.entryList({ QStringLiteral("*.sqlite") }, QDir::Files).isEmpty());
    QCOMPARE(
        intake.complete(test::sampleSignature(QStringLiteral("Second Signer")), campaign, QStringLiteral("en")).status,
        SaveResult::Status::Stored);
    QCOMPARE(backupDir.entryList({ QStringLiteral("*.sqlite") }, QDir::Files).size(), 1);
    QVERIFY(m_store->meta().time(MetaKey::LastBackupAt).valueOr({}).isValid());
}

void TestStructure::lastExportTimeIsAMetaValue()
{
    QVERIFY(!m_store->meta().time(MetaKey::LastExportAt).valueOr({}).isValid());
    QCOMPARE(m_store->signatures().save(test::sampleSignature()).status, SaveResult::Status::Stored);
    QTemporaryDir out;
    BatchExporter exporter(*m_store, QStringLiteral("test"));
    QCOMPARE(exporter.exportNew(out.path(), QStringLiteral("stall")).status, BatchExporter::Outcome::Status::Exported);
    const QDateTime at = m_store->meta().time(MetaKey::LastExportAt).valueOr({});
    QVERIFY(at.isValid());
    QVERIFY(qAbs(at.secsTo(QDateTime::currentDateTimeUtc())) < 60);
}

QTEST_GUILESS_MAIN(TestStructure)
#include "tst_structure.moc"
