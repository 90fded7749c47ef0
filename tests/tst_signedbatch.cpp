// Batch format 2: a sealed kiosk's batches are signed by its device key and chained, their export marks are high-water
// marks, and verify names every way a batch or a chain can be wrong; an unsealed test kiosk keeps format 1.

#include "adminrun.h"
#include "core/batchcolumns.h"
#include "core/batchexporter.h"
#include "core/batchverifier.h"
#include "core/csv.h"
#include "core/datadir.h"
#include "core/devicekey.h"
#include "core/drawingsfile.h"
#include "core/personaldatacodec.h"
#include "core/schema.h"
#include "core/sealedbatchwriter.h"
#include "core/signaturestore.h"
#include "sealedkiosk.h"
#include "sealingsupport.h"
#include "testsupport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <sodium.h>
#include <sys/stat.h>

using namespace kiosk;
using test::admin;

namespace {

using test::readFile;
using test::SealedKiosk;
using test::writeFile;

QJsonObject manifestOf(const QString& batch)
{
    return QJsonDocument::fromJson(readFile(batch + QStringLiteral("/manifest.json"))).object();
}

bool setInManifest(const QString& batch, const QString& key, const QJsonValue& value)
{
    QJsonObject m = manifestOf(batch);
    m.insert(key, value);
    return writeFile(batch + QStringLiteral("/manifest.json"), QJsonDocument(m).toJson());
}

} // namespace

class TestSignedBatch : public QObject
{
    Q_OBJECT
private slots:
    void deviceKeyIsMadeAtEnrolmentOwnerOnly();
    void forgedRowFailsOnTheSignature();
    void anotherDevicesKeyIsNamed();
    void chainDefectsAreNamed();
    void drawingsFileDamageIsNamed();
    void exportRewritesNoSignatureRow();
    void reexportGivesTheSameBytes();
    void fastWriterMatchesTheColumnTable();
    void schemaSixMarksBecomeRanges();
    void unsealedKioskKeepsFormatOne();
};

void TestSignedBatch::deviceKeyIsMadeAtEnrolmentOwnerOnly()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QTemporaryDir keys;
    QVERIFY(
        admin({ QStringLiteral("keygen"), QStringLiteral("--out"), keys.path(), QStringLiteral("--passphrase-stdin") },
            "a long coordinator passphrase\n")
            .code
        == 0);
    const test::Run init = admin({ QStringLiteral("--data-dir"), data, QStringLiteral("init"),
        QStringLiteral("--organisation"), QStringLiteral("O"), QStringLiteral("--stall"), QStringLiteral("s"),
        QStringLiteral("--coordinator-key"), keys.filePath(QStringLiteral("coordinator.pub")) });
    QVERIFY2(init.code == 0, qPrintable(init.err));
    const QString fingerprint = DeviceKey::fingerprintIn(data);
    QVERIFY(!fingerprint.isEmpty());
    QVERIFY2(init.out.contains(QStringLiteral("device key ") + fingerprint), qPrintable(init.out));
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(QDir(data).filePath(DeviceKey::fileName())).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    const test::Run stats
        = admin({ QStringLiteral("--data-dir"), data, QStringLiteral("stats"), QStringLiteral("--json") });
    QCOMPARE(QJsonDocument::fromJson(stats.out.toUtf8()).object().value(QStringLiteral("device_key")).toString(),
        fingerprint);
    // Loaded again, it is the same key; a damaged file is refused, never replaced.
    QCOMPARE(DeviceKey::ensure(data)->fingerprint(), fingerprint);
    QVERIFY(writeFile(QDir(data).filePath(DeviceKey::fileName()), "{\"kind\": \"nonsense\"}"));
    QVERIFY(!DeviceKey::ensure(data));
    QVERIFY(readFile(QDir(data).filePath(DeviceKey::fileName())).contains("nonsense"));
}

void TestSignedBatch::forgedRowFailsOnTheSignature()
{
    SealedKiosk k;
    QVERIFY(k.open());
    const auto batch = k.signAndExport(4);
    QCOMPARE(batch.status, BatchExporter::Outcome::Status::Exported);
    QCOMPARE(admin({ QStringLiteral("verify"), batch.folder }).code, 0);
    // One row's country changed, and the CSV's hash recomputed in the manifest, as anyone could.
    QByteArray csv = readFile(batch.folder + QStringLiteral("/signatures.csv"));
    QVERIFY(csv.contains("\"GB\""));
    csv.replace(csv.indexOf("\"GB\""), 4, "\"FR\"");
    QVERIFY(writeFile(batch.folder + QStringLiteral("/signatures.csv"), csv));
    QVERIFY(test::rehashInManifest(batch.folder, QStringLiteral("signatures.csv")));
    const test::Run forged = admin({ QStringLiteral("verify"), batch.folder });
    QCOMPARE(forged.code, 1);
    QVERIFY2(forged.err.contains(QLatin1String("manifest.sig: the signature does not match")), qPrintable(forged.err));
    // A missing signature is refused too.
    QVERIFY(QFile::remove(batch.folder + QStringLiteral("/manifest.sig")));
    QVERIFY(admin({ QStringLiteral("verify"), batch.folder }).err.contains(QLatin1String("manifest.sig: missing")));
}

void TestSignedBatch::anotherDevicesKeyIsNamed()
{
    SealedKiosk k;
    QVERIFY(k.open());
    const auto first = k.signAndExport(2);
    const auto second = k.signAndExport(2);
    QCOMPARE(second.status, BatchExporter::Outcome::Status::Exported);
    const QString genuine = DeviceKey::fingerprintIn(k.data);
    QCOMPARE(admin({ QStringLiteral("verify"), QStringLiteral("--device-key"), genuine, k.stick }).code, 0);

    // A forger re-signs the second batch with a key of their own, named in the manifest.
    QTemporaryDir forger;
    const Result<DeviceKey> other = DeviceKey::ensure(forger.path());
    QVERIFY(other);
    QVERIFY(setInManifest(
        second.folder, QStringLiteral("device_signing_key"), QString::fromLatin1(other->publicKey().toBase64())));
    QVERIFY(setInManifest(second.folder, QStringLiteral("device_key_fingerprint"), other->fingerprint()));
    QVERIFY(test::resignManifest(second.folder, forger.path()));
    // Alone it verifies (it is signed), and says by whom...
    const test::Run alone = admin({ QStringLiteral("verify"), second.folder });
    QCOMPARE(alone.code, 0);
    QVERIFY(alone.out.contains(other->fingerprint()));
    // ...but not as the kiosk's,
    const test::Run pinned
        = admin({ QStringLiteral("verify"), QStringLiteral("--device-key"), genuine, second.folder });
    QCOMPARE(pinned.code, 1);
    QVERIFY2(pinned.err.contains(
                 QStringLiteral("signed by device key %1, not by the expected %2").arg(other->fingerprint(), genuine)),
        qPrintable(pinned.err));
    // and beside the device's other batch the second key is named.
    const test::Run both = admin({ QStringLiteral("verify"), k.stick });
    QCOMPARE(both.code, 1);
    QVERIFY2(both.err.contains(QLatin1String("signed by 2 different keys")), qPrintable(both.err));
    Q_UNUSED(first)
}

void TestSignedBatch::chainDefectsAreNamed()
{
    SealedKiosk k;
    QVERIFY(k.open());
    QStringList batches;
    for (int i = 0; i < 4; ++i) {
        const auto b = k.signAndExport(2);
        QCOMPARE(b.status, BatchExporter::Outcome::Status::Exported);
        batches << b.folder;
        QCOMPARE(manifestOf(b.folder).value(QStringLiteral("sequence")).toInteger(), i + 1);
    }
    // Each names the one before.
    for (int i = 1; i < 4; ++i)
        QCOMPARE(manifestOf(batches.at(i)).value(QStringLiteral("previous_manifest_sha256")).toString(),
            QString::fromLatin1(QCryptographicHash::hash(
                readFile(batches.at(i - 1) + QStringLiteral("/manifest.json")), QCryptographicHash::Sha256)
                                    .toHex()));
    const test::Run whole = admin({ QStringLiteral("verify"), k.stick });
    QVERIFY2(whole.code == 0, qPrintable(whole.err));
    QVERIFY2(whole.out.contains(QStringLiteral("batches 1–4 (4 here)")), qPrintable(whole.out));

    // A batch missing from the chain.
    const QString aside = k.dir.filePath(QStringLiteral("aside"));
    QVERIFY(QDir().rename(batches.at(1), aside));
    const test::Run gap = admin({ QStringLiteral("verify"), k.stick });
    QCOMPARE(gap.code, 1);
    QVERIFY2(gap.err.contains(QLatin1String("batch 2 is missing between")), qPrintable(gap.err));
    QVERIFY(QDir().rename(aside, batches.at(1)));

    // Two batches with one sequence number (signed by the device, as a restored kiosk could).
    const QString copy = k.stick + QStringLiteral("/copy");
    QVERIFY(QDir().mkpath(copy));
    for (const QString& name : QDir(batches.at(3)).entryList(QDir::Files))
        QVERIFY(QFile::copy(batches.at(3) + QLatin1Char('/') + name, copy + QLatin1Char('/') + name));
    QVERIFY(setInManifest(copy, QStringLiteral("sequence"), 3));
    QVERIFY(test::resignManifest(copy, k.data));
    const test::Run twice = admin({ QStringLiteral("verify"), k.stick });
    QCOMPARE(twice.code, 1);
    QVERIFY2(twice.err.contains(QLatin1String("two different batches have sequence number 3")), qPrintable(twice.err));
    QVERIFY(QDir(copy).removeRecursively());

    // A reordered chain: the third names the first as its predecessor.
    const QString firstHash = QString::fromLatin1(
        QCryptographicHash::hash(readFile(batches.at(0) + QStringLiteral("/manifest.json")), QCryptographicHash::Sha256)
            .toHex());
    QVERIFY(setInManifest(batches.at(2), QStringLiteral("previous_manifest_sha256"), firstHash));
    QVERIFY(test::resignManifest(batches.at(2), k.data));
    const test::Run reordered = admin({ QStringLiteral("verify"), k.stick });
    QCOMPARE(reordered.code, 1);
    QVERIFY2(reordered.err.contains(QLatin1String("out of order")), qPrintable(reordered.err));
    QVERIFY2(reordered.err.contains(QFileInfo(batches.at(0)).fileName()), qPrintable(reordered.err));
}

void TestSignedBatch::drawingsFileDamageIsNamed()
{
    SealedKiosk k;
    QVERIFY(k.open());
    const auto batch = k.signAndExport(6);
    QCOMPARE(batch.status, BatchExporter::Outcome::Status::Exported);
    const QString bin = batch.folder + QStringLiteral("/drawings.bin");
    const QByteArray original = readFile(bin);
    QVERIFY(original.startsWith(DrawingsFile::Magic));
    const auto damaged = [&](const QByteArray& bytes) {
        writeFile(bin, bytes);
        test::rehashInManifest(batch.folder, QStringLiteral("drawings.bin"));
        test::resignManifest(batch.folder, k.data);
        const BatchVerifier::Result r = BatchVerifier::verify(batch.folder);
        return r.ok ? QString() : r.problems.value(0);
    };
    QVERIFY(damaged(original.left(original.size() - 5)).contains(QLatin1String("cut short")));
    QVERIFY(damaged("garbage" + original.mid(7)).contains(QLatin1String("does not begin")));
    QByteArray extra = original;
    DrawingsFile::appendRecord(extra, "00000000-0000-4000-8000-000000000000", QByteArray(120, 'x'));
    QVERIFY(damaged(extra).contains(QLatin1String("which no row with a drawing has")));
    QByteArray huge = original;
    huge.append(QByteArray(36, 'a')).append("\xff\xff\xff\x7f", 4);
    QVERIFY(damaged(huge).contains(QLatin1String("a record of")));
    QCOMPARE(damaged(original), QString());
}

void TestSignedBatch::exportRewritesNoSignatureRow()
{
    SealedKiosk k;
    QVERIFY(k.open());
    for (int i = 0; i < 5; ++i)
        QCOMPARE(k.store.signatures()
                     .save(test::sampleSignature(QStringLiteral("Row Signer%1").arg(QChar(u'a' + i))))
                     .status,
            SaveResult::Status::Stored);
    // A trigger that fails any UPDATE of a signature row: marking by high-water mark never fires it.
    QSqlQuery q(k.store.database());
    QVERIFY(q.exec(QStringLiteral(
        "CREATE TRIGGER no_row_updates BEFORE UPDATE ON signatures BEGIN SELECT RAISE(FAIL, 'row updated'); END")));
    const auto batch = k.signAndExport(1);
    QCOMPARE(batch.status, BatchExporter::Outcome::Status::Exported);
    QCOMPARE(batch.rows, 6);
    QCOMPARE(k.store.signatures().counts()->unexported, 0);
    const auto next = k.signAndExport(2);
    QCOMPARE(next.rows, 2);
    const BatchRecord record = *k.store.ledger().find(next.batchId);
    QCOMPARE(record.firstRow, 7);
    QCOMPARE(record.lastRow, 8);
}

void TestSignedBatch::reexportGivesTheSameBytes()
{
    SealedKiosk k;
    QVERIFY(k.open());
    k.signAndExport(3);
    const auto batch = k.signAndExport(4);
    const auto again = BatchExporter(k.store, QStringLiteral("test"))
                           .reexport(batch.batchId, k.dir.filePath(QStringLiteral("again")));
    QCOMPARE(again.status, BatchExporter::Outcome::Status::Exported);
    const QStringList names = QDir(batch.folder).entryList(QDir::Files);
    QCOMPARE(names, QStringList({ "drawings.bin", "manifest.json", "manifest.sig", "signatures.csv" }));
    for (const QString& name : names)
        QCOMPARE(readFile(again.folder + QLatin1Char('/') + name), readFile(batch.folder + QLatin1Char('/') + name));
}

// The export's one-pass writer formats cells itself; the same rows through BatchColumns and CsvWriter (the table the
// verifier and the manifest read) must give the same bytes, hostile values included.
void TestSignedBatch::fastWriterMatchesTheColumnTable()
{
    SealedKiosk k;
    QVERIFY(k.open());
    QVERIFY(k.signAndExport(5).status == BatchExporter::Outcome::Status::Exported);
    QSqlQuery q(k.store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT max(last_row) FROM batches")) && q.next());
    const qint64 mark = q.value(0).toLongLong();
    q.finish();
    for (int i = 0; i < 4; ++i)
        QCOMPARE(k.store.signatures()
                     .save(test::sampleSignature(QStringLiteral("Table Signer%1").arg(QChar(u'a' + i))))
                     .status,
            SaveResult::Status::Stored);
    // Values that need quoting or an apostrophe, as a hand-edited database could hold.
    QVERIFY(q.exec(QStringLiteral("UPDATE signatures SET language = '=cmd', postcode_area = 'a\"b' WHERE seq = %1")
                       .arg(mark + 1)));
    QVERIFY(q.exec(QStringLiteral("UPDATE signatures SET stall_id = '-x,y' WHERE seq = %1").arg(mark + 2)));
    QTemporaryDir out;
    const SealedBatchWriter::Written again = SealedBatchWriter::write(DataDir::databasePath(k.data), mark, mark + 10,
        out.filePath(QStringLiteral("signatures.csv")), out.filePath(QStringLiteral("drawings.bin")));
    QCOMPARE(again.rows, 4);

    QBuffer expected;
    expected.open(QIODevice::WriteOnly);
    CsvWriter csv(&expected);
    csv.writeBom();
    csv.writeRow(BatchColumns::headers(BatchKind::Sealed));
    QVERIFY(k.store.signatures().forEachExportRow(mark, mark + 10,
        [&](const ExportRow& r) { return csv.writeRow(BatchColumns::cells(BatchKind::Sealed, r, {})); }));
    const QByteArray written = readFile(out.filePath(QStringLiteral("signatures.csv")));
    QVERIFY(written.contains("\"'=cmd\"") && written.contains("\"a\"\"b\"") && written.contains("\"'-x,y\""));
    QCOMPARE(written, expected.data());
    QCOMPARE(again.csvSha256, QCryptographicHash::hash(written, QCryptographicHash::Sha256));
}

void TestSignedBatch::schemaSixMarksBecomeRanges()
{
    QTemporaryDir dir;
    {
        // A wave-2 kiosk before this change: schema 6, marks on the rows. Rows 1–2 in batch a, 4 in batch b, and row
        // 3 left unexported below b's mark (as a restored backup could leave it).
        SignatureStore store;
        QVERIFY(store.open(dir.path()));
        QVERIFY(store.sealing().chooseUnsealed());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(store.signatures()
                         .save(test::sampleSignature(QStringLiteral("Old Signer%1").arg(QChar(u'a' + i))))
                         .status,
                SaveResult::Status::Stored);
    }
    const QString connection = QStringLiteral("v6");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(DataDir::databasePath(dir.path()));
        QVERIFY(db.open());
        QSqlQuery q(db);
        // Schema 7's table, back to schema 6's shape: export_batch_id on the rows, no ranges.
        QStringList ids;
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM signatures ORDER BY seq")));
        while (q.next())
            ids << q.value(0).toString();
        const QStringList statements {
            QStringLiteral(
                "CREATE TABLE old AS SELECT id, signed_at, petition_id, petition_version, consent_version, "
                "full_name, country, postcode, email, uk_citizen_or_resident, consent, contact_opt_in, "
                "language, stall_id, device_id, signature_svg, NULL AS export_batch_id, postcode_area, "
                "sealed, sealed_drawing, name_postcode_tag, email_name_tag, email_tag FROM signatures ORDER BY "
                "seq"),
            QStringLiteral("DROP TABLE signatures"),
            QStringLiteral("ALTER TABLE old RENAME TO signatures"),
            QStringLiteral("DROP INDEX batches_by_last_row"),
            QStringLiteral("DROP INDEX batches_by_sequence"),
            QStringLiteral("ALTER TABLE batches DROP COLUMN first_row"),
            QStringLiteral("ALTER TABLE batches DROP COLUMN last_row"),
            QStringLiteral("ALTER TABLE batches DROP COLUMN sequence"),
            QStringLiteral("ALTER TABLE batches DROP COLUMN previous_manifest_sha256"),
            QStringLiteral("ALTER TABLE batches DROP COLUMN manifest_sha256"),
            QStringLiteral("INSERT INTO batches VALUES ('a', '2026-11-01T10:00:00Z', 's', 'd', 2, 'x', 'x', '/', '/', "
                           "'0', 'v', 'complete'), ('b', '2026-11-02T10:00:00Z', 's', 'd', 1, 'x', 'x', '/', '/', "
                           "'0', 'v', 'complete')"),
            QStringLiteral("UPDATE signatures SET export_batch_id = 'a' WHERE id IN ('%1', '%2')")
                .arg(ids.at(0), ids.at(1)),
            QStringLiteral("UPDATE signatures SET export_batch_id = 'b' WHERE id = '%1'").arg(ids.at(3)),
            QStringLiteral("DROP TABLE forgotten_batches"), // schema 8
            QStringLiteral("UPDATE meta SET value = '6' WHERE key = 'schema_version'"),
        };
        for (const QString& sql : statements)
            QVERIFY2(q.exec(sql), qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);

    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    const auto counts = store.signatures().counts();
    QCOMPARE(counts->total, 5);
    QCOMPARE(counts->unexported, 2); // rows 3 and 5, as before
    const BatchRecord a = *store.ledger().find(QStringLiteral("a"));
    const BatchRecord b = *store.ledger().find(QStringLiteral("b"));
    QCOMPARE(a.firstRow, 1);
    QCOMPARE(a.lastRow, 2);
    QCOMPARE(b.firstRow, 3);
    QCOMPARE(b.lastRow, 3);
    // The next export takes exactly the two that were never exported.
    const auto next = BatchExporter(store, QStringLiteral("test"))
                          .exportNew(dir.filePath(QStringLiteral("stick")), QStringLiteral("s"));
    QCOMPARE(next.rows, 2);
    QCOMPARE(store.signatures().counts()->unexported, 0);
}

void TestSignedBatch::unsealedKioskKeepsFormatOne()
{
    QTemporaryDir dir;
    SignatureStore store;
    QVERIFY(store.open(dir.path()));
    QVERIFY(store.sealing().chooseUnsealed());
    QCOMPARE(store.signatures().save(test::sampleSignature()).status, SaveResult::Status::Stored);
    const auto batch = BatchExporter(store, QStringLiteral("test"))
                           .exportNew(dir.filePath(QStringLiteral("stick")), QStringLiteral("s"));
    QCOMPARE(batch.status, BatchExporter::Outcome::Status::Exported);
    QCOMPARE(
        manifestOf(batch.folder).value(QStringLiteral("format")).toString(), QStringLiteral("petition-kiosk-batch/1"));
    QVERIFY(!QFileInfo::exists(batch.folder + QStringLiteral("/manifest.sig")));
    QVERIFY(!QFileInfo::exists(QDir(dir.path()).filePath(DeviceKey::fileName())));
    QCOMPARE(admin({ QStringLiteral("verify"), batch.folder }).code, 0);
    const test::Run pinned = admin({ QStringLiteral("verify"), QStringLiteral("--device-key"),
        QStringLiteral("0000-0000-0000-0000"), batch.folder });
    QCOMPARE(pinned.code, 1);
    QVERIFY(pinned.err.contains(QLatin1String("unsigned batch")));
}

QTEST_GUILESS_MAIN(TestSignedBatch)
#include "tst_signedbatch.moc"
